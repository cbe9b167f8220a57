package remote

// The tests of this package run against a real Miniflux with a real
// PostgreSQL: one throw-away cluster and one Miniflux on loopback for the
// whole package, started on first use and stopped in TestMain; every test
// gets a user of its own. Without the programs the tests skip, unless
// NEWSREAD_SERVER_TESTS=required (as in CI): then they fail.

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"
)

// server is a running Miniflux and its database.
type server struct {
	URL                 string
	adminUser, adminPwd string
	pg                  *postgres
	mf                  *exec.Cmd
	mfDone              chan error
	logDir              string
	feeds               *feedServer
	users               atomic.Int64
}

var shared struct {
	once sync.Once
	srv  *server
	skip string
	err  error
}

func TestMain(m *testing.M) {
	code := m.Run()
	if shared.srv != nil {
		shared.srv.stop()
	}
	os.Exit(code)
}

// realServer starts the shared server on first use, or skips (fails
// when NEWSREAD_SERVER_TESTS=required) when its programs are missing.
func realServer(t testing.TB) *server {
	t.Helper()
	if testing.Short() && os.Getenv("NEWSREAD_SERVER_TESTS") != "required" {
		t.Skip("a real Miniflux is not started with -short")
	}
	shared.once.Do(func() { shared.srv, shared.skip, shared.err = startServer() })
	if shared.skip != "" {
		if os.Getenv("NEWSREAD_SERVER_TESTS") == "required" {
			t.Fatalf("%s, and NEWSREAD_SERVER_TESTS=required", shared.skip)
		}
		t.Skip(shared.skip + " (.ci/run installs both; set NEWSREAD_SERVER_TESTS=required to fail instead)")
	}
	if shared.err != nil {
		t.Fatal(shared.err)
	}
	return shared.srv
}

// findMiniflux looks on PATH and in $(go env GOPATH)/bin.
func findMiniflux() string {
	if p, err := exec.LookPath("miniflux.app"); err == nil {
		return p
	}
	dirs := []string{}
	if gobin := os.Getenv("GOBIN"); gobin != "" {
		dirs = append(dirs, gobin)
	}
	if out, err := exec.Command("go", "env", "GOPATH").Output(); err == nil {
		for _, d := range filepath.SplitList(strings.TrimSpace(string(out))) {
			dirs = append(dirs, filepath.Join(d, "bin"))
		}
	}
	for _, d := range dirs {
		p := filepath.Join(d, "miniflux.app")
		if fi, err := os.Stat(p); err == nil && !fi.IsDir() {
			return p
		}
	}
	return ""
}

// findPostgres is the directory of initdb, pg_ctl and psql: on PATH
// (links resolved) or the newest /usr/lib/postgresql/*/bin.
func findPostgres() string {
	if p, err := exec.LookPath("initdb"); err == nil {
		if real, err := filepath.EvalSymlinks(p); err == nil {
			p = real
		}
		dir := filepath.Dir(p)
		if _, err := os.Stat(filepath.Join(dir, "pg_ctl")); err == nil {
			return dir
		}
	}
	dirs, _ := filepath.Glob("/usr/lib/postgresql/*/bin")
	slices.SortFunc(dirs, func(a, b string) int {
		va, _ := strconv.Atoi(filepath.Base(filepath.Dir(a)))
		vb, _ := strconv.Atoi(filepath.Base(filepath.Dir(b)))
		return va - vb
	})
	for i := len(dirs) - 1; i >= 0; i-- {
		if _, err := os.Stat(filepath.Join(dirs[i], "initdb")); err == nil {
			return dirs[i]
		}
	}
	return ""
}

func freePort() (string, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	defer l.Close()
	_, port, err := net.SplitHostPort(l.Addr().String())
	return port, err
}

func startServer() (srv *server, skip string, err error) {
	bin := findMiniflux()
	if bin == "" {
		return nil, "miniflux.app not found on PATH or in $(go env GOPATH)/bin (go install miniflux.app/v2@v2.3.5)", nil
	}
	pgBin := findPostgres()
	if pgBin == "" {
		return nil, "PostgreSQL's initdb not found on PATH or in /usr/lib/postgresql/*/bin (apt-get install postgresql)", nil
	}
	srv = &server{adminUser: "admin", adminPwd: "admin-secret", feeds: newFeedServer()}
	defer func() {
		if err != nil {
			srv.stop()
			srv = nil
		}
	}()
	if srv.pg, err = startPostgres(pgBin); err != nil {
		return srv, "", err
	}
	if srv.logDir, err = os.MkdirTemp("", "newsread-miniflux-"); err != nil {
		return srv, "", err
	}
	port, err := freePort()
	if err != nil {
		return srv, "", err
	}
	srv.URL = "http://127.0.0.1:" + port
	logFile, err := os.Create(filepath.Join(srv.logDir, "miniflux.log"))
	if err != nil {
		return srv, "", err
	}
	defer logFile.Close()
	cmd := exec.Command(bin)
	cmd.Env = append(os.Environ(),
		"DATABASE_URL=postgres://miniflux:secret@127.0.0.1:"+srv.pg.port+"/miniflux?sslmode=disable",
		"RUN_MIGRATIONS=1", "CREATE_ADMIN=1",
		"ADMIN_USERNAME="+srv.adminUser, "ADMIN_PASSWORD="+srv.adminPwd,
		"LISTEN_ADDR=127.0.0.1:"+port, "BASE_URL="+srv.URL+"/",
		"FETCHER_ALLOW_PRIVATE_NETWORKS=1", "DISABLE_SCHEDULER_SERVICE=1",
		"WORKER_POOL_SIZE=2", "LOG_LEVEL=info",
	)
	cmd.Stdout, cmd.Stderr = logFile, logFile
	if err := cmd.Start(); err != nil {
		return srv, "", fmt.Errorf("start %s: %w", bin, err)
	}
	srv.mf, srv.mfDone = cmd, make(chan error, 1)
	go func() { srv.mfDone <- cmd.Wait() }()
	if err := srv.waitHealthy(30 * time.Second); err != nil {
		return srv, "", fmt.Errorf("%w\nMiniflux log:\n%s", err, srv.log())
	}
	return srv, "", nil
}

// waitHealthy polls /healthcheck until it says OK, Miniflux exits or the
// time is up.
func (s *server) waitHealthy(limit time.Duration) error {
	deadline := time.Now().Add(limit)
	tick := time.NewTicker(50 * time.Millisecond)
	defer tick.Stop()
	for time.Now().Before(deadline) {
		resp, err := http.Get(s.URL + "/healthcheck")
		if err == nil {
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK && strings.TrimSpace(string(body)) == "OK" {
				return nil
			}
		}
		select {
		case err := <-s.mfDone:
			s.mf = nil
			return fmt.Errorf("miniflux stopped before it was ready: %v", err)
		case <-tick.C:
		}
	}
	return fmt.Errorf("miniflux was not healthy after %s", limit)
}

func (s *server) log() string {
	b, _ := os.ReadFile(filepath.Join(s.logDir, "miniflux.log"))
	if len(b) > 8000 {
		b = b[len(b)-8000:]
	}
	return string(b)
}

// stop ends Miniflux (SIGTERM, then SIGKILL after 5 s), then PostgreSQL,
// and removes their directories.
func (s *server) stop() {
	if s.mf != nil && s.mf.Process != nil {
		s.mf.Process.Signal(syscall.SIGTERM)
		select {
		case <-s.mfDone:
		case <-time.After(5 * time.Second):
			s.mf.Process.Kill()
			<-s.mfDone
		}
		s.mf = nil
	}
	if s.pg != nil {
		s.pg.stop()
		s.pg = nil
	}
	if s.feeds != nil {
		s.feeds.srv.Close()
	}
	if s.logDir != "" {
		os.RemoveAll(s.logDir)
	}
}

// account is a Miniflux user of one test, with an API key and the Google
// Reader API turned on (same password).
type account struct {
	srv        *server
	user, pwd  string
	token      string
	feedPrefix string // paths of this test's feeds on the feed server
}

func newAccount(t testing.TB) *account {
	t.Helper()
	s := realServer(t)
	n := s.users.Add(1)
	a := &account{srv: s, user: fmt.Sprintf("reader%d", n), pwd: fmt.Sprintf("password-%d", n), feedPrefix: fmt.Sprintf("/u%d/", n)}
	s.admin().rest(t, http.MethodPost, "/v1/users", map[string]any{"username": a.user, "password": a.pwd, "is_admin": false}, nil)
	var key struct {
		Token string `json:"token"`
	}
	a.rest(t, http.MethodPost, "/v1/api-keys", map[string]string{"description": "newsread test"}, &key)
	a.token = key.Token
	// Miniflux has no API for its integrations: turn Google Reader on in
	// the database, with the user's own password (its bcrypt hash).
	// (The user name is ours: letters and digits only.)
	q := fmt.Sprintf(`UPDATE integrations SET googlereader_enabled='t', googlereader_username='%[1]s',
		googlereader_password=(SELECT password FROM users WHERE username='%[1]s')
		WHERE user_id=(SELECT id FROM users WHERE username='%[1]s')`, a.user)
	if err := s.pg.sql("miniflux", q); err != nil {
		t.Fatal(err)
	}
	return a
}

// admin is the administrator's account, for the REST API only.
func (s *server) admin() *account { return &account{srv: s, user: s.adminUser, pwd: s.adminPwd} }

func (a *account) miniflux(t testing.TB, o Options) Client {
	t.Helper()
	c, err := NewMiniflux(a.srv.URL, a.token, "", "", o)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func (a *account) greader(t testing.TB, o Options) Client {
	t.Helper()
	c, err := NewGReader(a.srv.URL, a.user, a.pwd, o)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// rest calls Miniflux's REST API directly (basic authentication), for
// setting up and for reading back what a client did.
func (a *account) rest(t testing.TB, method, path string, in, out any) {
	t.Helper()
	var body io.Reader
	if in != nil {
		b, _ := json.Marshal(in)
		body = bytes.NewReader(b)
	}
	req, err := http.NewRequestWithContext(context.Background(), method, a.srv.URL+path, body)
	if err != nil {
		t.Fatal(err)
	}
	req.SetBasicAuth(a.user, a.pwd)
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	if resp.StatusCode/100 != 2 {
		t.Fatalf("%s %s: HTTP %d: %s", method, path, resp.StatusCode, data)
	}
	if out != nil {
		if err := json.Unmarshal(data, out); err != nil {
			t.Fatalf("%s %s: %v", method, path, err)
		}
	}
}

// subscribe serves a feed of n items under this account's prefix and
// subscribes the account to it in category (created when missing). It
// returns the feed's URL and its Miniflux id.
func (a *account) subscribe(t testing.TB, name, category string, n int) (string, int64) {
	t.Helper()
	path := a.feedPrefix + name + ".xml"
	a.srv.feeds.add(path, name, n, time.Time{})
	feedURL := a.srv.feeds.srv.URL + path
	var cats []struct {
		ID    int64  `json:"id"`
		Title string `json:"title"`
	}
	a.rest(t, http.MethodGet, "/v1/categories", nil, &cats)
	var catID int64
	for _, c := range cats {
		if c.Title == category {
			catID = c.ID
		}
	}
	if catID == 0 {
		var c struct {
			ID int64 `json:"id"`
		}
		a.rest(t, http.MethodPost, "/v1/categories", map[string]string{"title": category}, &c)
		catID = c.ID
	}
	var created struct {
		FeedID int64 `json:"feed_id"`
	}
	a.rest(t, http.MethodPost, "/v1/feeds", map[string]any{"feed_url": feedURL, "category_id": catID}, &created)
	return feedURL, created.FeedID
}

// addItems adds n items to a feed, published at when it is not zero,
// and has Miniflux fetch the feed again.
func (a *account) addItems(t testing.TB, name string, feedID int64, n int, at time.Time) []string {
	t.Helper()
	links := a.srv.feeds.add(a.feedPrefix+name+".xml", name, n, at)
	a.rest(t, http.MethodPut, fmt.Sprintf("/v1/feeds/%d/refresh", feedID), nil, nil)
	return links
}
