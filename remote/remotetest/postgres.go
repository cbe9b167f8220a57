package remotetest

import (
	"fmt"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"strconv"
	"strings"
)

// postgres is a throw-away cluster.
type postgres struct {
	bin, data, port string
	asUser          string // run the programs as this user (postgres when root)
}

func startPostgres(bin string) (*postgres, error) {
	data, err := os.MkdirTemp("", "newsread-pg-")
	if err != nil {
		return nil, err
	}
	pg := &postgres{bin: bin, data: data}
	if os.Geteuid() == 0 {
		// PostgreSQL refuses to run as root.
		u, err := user.Lookup("postgres")
		if err != nil {
			os.RemoveAll(data)
			return nil, fmt.Errorf("running as root needs the postgres user: %w", err)
		}
		uid, _ := strconv.Atoi(u.Uid)
		gid, _ := strconv.Atoi(u.Gid)
		if err := os.Chown(data, uid, gid); err != nil {
			os.RemoveAll(data)
			return nil, err
		}
		pg.asUser = "postgres"
	}
	if pg.port, err = freePort(); err != nil {
		os.RemoveAll(data)
		return nil, err
	}
	if err := pg.run("initdb", "-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C", "--no-sync"); err != nil {
		os.RemoveAll(data)
		return nil, err
	}
	// The log and the socket live in the data directory, which the
	// postgres user owns.
	opts := "-p " + pg.port + " -k " + data + " -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
	if err := pg.run("pg_ctl", "-D", data, "-l", filepath.Join(data, "server.log"), "-w", "-t", "60", "-o", opts, "start"); err != nil {
		log, _ := os.ReadFile(filepath.Join(data, "server.log"))
		os.RemoveAll(data)
		return nil, fmt.Errorf("%w\n%s", err, log)
	}
	if err := pg.sql("postgres", "CREATE ROLE miniflux LOGIN PASSWORD 'secret'", "CREATE DATABASE miniflux OWNER miniflux"); err != nil {
		pg.stop()
		return nil, err
	}
	return pg, nil
}

func (pg *postgres) command(name string, args ...string) *exec.Cmd {
	prog := filepath.Join(pg.bin, name)
	if pg.asUser != "" {
		return exec.Command("runuser", append([]string{"-u", pg.asUser, "--", prog}, args...)...)
	}
	return exec.Command(prog, args...)
}

func (pg *postgres) run(name string, args ...string) error {
	out, err := pg.command(name, args...).CombinedOutput()
	if err != nil {
		return fmt.Errorf("%s %s: %w\n%s", name, strings.Join(args, " "), err, out)
	}
	return nil
}

// sql runs statements in database db over TCP, as the postgres user.
func (pg *postgres) sql(db string, statements ...string) error {
	args := []string{"-h", "127.0.0.1", "-p", pg.port, "-U", "postgres", "-d", db, "-X", "-q", "-v", "ON_ERROR_STOP=1"}
	for _, s := range statements {
		args = append(args, "-c", s)
	}
	psql := filepath.Join(pg.bin, "psql")
	if _, err := os.Stat(psql); err != nil {
		psql = "psql"
	}
	out, err := exec.Command(psql, args...).CombinedOutput()
	if err != nil {
		return fmt.Errorf("psql: %w\n%s", err, out)
	}
	return nil
}

// stop stops the cluster (fast, then immediate) and removes it.
func (pg *postgres) stop() {
	if err := pg.run("pg_ctl", "-D", pg.data, "-m", "fast", "-w", "-t", "10", "stop"); err != nil {
		pg.run("pg_ctl", "-D", pg.data, "-m", "immediate", "-w", "-t", "10", "stop")
	}
	os.RemoveAll(pg.data)
}
