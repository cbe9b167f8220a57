package store

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
)

// The child process of the crash and two-process tests: it marks
// articles read in batches and prints each ID once its batch has
// committed, until it is killed or has marked childLimit batches.
const (
	childDB     = "NEWSREAD_STORE_CHILD_DB"
	childPrefix = "NEWSREAD_STORE_CHILD_PREFIX"
	childLimit  = "NEWSREAD_STORE_CHILD_LIMIT"
)

func TestMain(m *testing.M) {
	if path := os.Getenv(childDB); path != "" {
		os.Exit(markUntilKilled(path, os.Getenv(childPrefix), os.Getenv(childLimit)))
	}
	os.Exit(m.Run())
}

func markUntilKilled(path, prefix, limit string) int {
	s, err := Open(path)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer s.Close()
	if s.Moved() != "" {
		fmt.Fprintln(os.Stderr, "moved a sound store aside to", s.Moved())
		return 1
	}
	n, _ := strconv.Atoi(limit)
	out := bufio.NewWriter(os.Stdout)
	for i := 0; n == 0 || i < n; i++ {
		ids := make([]string, 1+i%7)
		for j := range ids {
			ids[j] = fmt.Sprintf("%s/%d/%d", prefix, i, j)
		}
		if err := s.SetRead(context.Background(), ids, true); err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
		for _, id := range ids {
			fmt.Fprintln(out, "committed", id)
		}
		if err := out.Flush(); err != nil {
			return 1
		}
	}
	return 0
}

// startMarker starts a child marking articles in the store at path.
func startMarker(t testing.TB, path, prefix string, limit int) (*exec.Cmd, io.ReadCloser) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), childDB+"="+path, childPrefix+"="+prefix, childLimit+"="+strconv.Itoa(limit))
	cmd.Stderr = os.Stderr
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	return cmd, stdout
}

// committed reads the IDs a child reported, complete lines only.
func committed(r io.Reader, each func(n int)) []string {
	var ids []string
	br := bufio.NewReader(r)
	for {
		line, err := br.ReadString('\n')
		if err != nil {
			return ids
		}
		if id, ok := strings.CutPrefix(strings.TrimSuffix(line, "\n"), "committed "); ok {
			ids = append(ids, id)
			if each != nil {
				each(len(ids))
			}
		}
	}
}

// killAfter reads the marks the child reports committed, kills it with
// SIGKILL once killAt have come, and returns those it reported.
func killAfter(t testing.TB, cmd *exec.Cmd, stdout io.Reader, killAt int) []string {
	killed := false
	ids := committed(stdout, func(n int) {
		if n >= killAt && !killed {
			killed = true
			cmd.Process.Signal(syscall.SIGKILL)
		}
	})
	cmd.Wait()
	if !killed {
		t.Fatalf("the child ended before it was killed, after %d marks", len(ids))
	}
	return ids
}

// crashOnce starts a child, kills it with SIGKILL after a random number
// of reported marks, reopens the store and checks every reported mark.
func crashOnce(t testing.TB, path string, iteration int, rng *rand.Rand) {
	prefix := fmt.Sprintf("crash%d", iteration)
	cmd, stdout := startMarker(t, path, prefix, 0)
	ids := killAfter(t, cmd, stdout, 1+rng.IntN(400))
	s, err := Open(path)
	if err != nil {
		t.Fatalf("reopen after kill -9: %v", err)
	}
	defer s.Close()
	if s.Moved() != "" {
		t.Fatalf("the store was moved aside after kill -9: %s", s.Moved())
	}
	states, err := s.States(context.Background(), ids)
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range ids {
		if !states[id].Read {
			t.Fatalf("iteration %d: %s was reported committed but is not read after kill -9 (%d reported)", iteration, id, len(ids))
		}
	}
}

func TestCrashKeepsEveryCommittedMark(t *testing.T) {
	iterations := 3
	if n, err := strconv.Atoi(os.Getenv("NEWSREAD_CRASH_ITERATIONS")); err == nil {
		iterations = n
	}
	path := filepath.Join(t.TempDir(), "newsread.db")
	rng := rand.New(rand.NewPCG(rand.Uint64(), 1))
	for i := range iterations {
		crashOnce(t, path, i, rng)
	}
}

// BenchmarkCrashMarks runs the crash test b.N times on one file: run
// with -benchtime=200x for a long search for a lost mark.
func BenchmarkCrashMarks(b *testing.B) {
	path := filepath.Join(b.TempDir(), "newsread.db")
	rng := rand.New(rand.NewPCG(rand.Uint64(), 2))
	for i := 0; b.Loop(); i++ {
		crashOnce(b, path, i, rng)
	}
}

func TestTwoProcessesMarkingAtOnceLoseNothing(t *testing.T) {
	path := filepath.Join(t.TempDir(), "newsread.db")
	const batches = 150
	type child struct {
		cmd *exec.Cmd
		ids chan []string
	}
	var children []child
	for p := range 2 {
		cmd, stdout := startMarker(t, path, fmt.Sprintf("process%d", p), batches)
		c := child{cmd, make(chan []string, 1)}
		go func() { c.ids <- committed(stdout, nil) }()
		children = append(children, c)
	}
	var all []string
	for _, c := range children {
		ids := <-c.ids
		if err := c.cmd.Wait(); err != nil {
			t.Fatalf("child: %v", err)
		}
		all = append(all, ids...)
	}
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	states, err := s.States(ctxT(t), all)
	if err != nil {
		t.Fatal(err)
	}
	want := 0
	for i := range batches {
		want += 2 * (1 + i%7)
	}
	if len(all) != want || len(states) != want {
		t.Fatalf("%d reported, %d stored; want %d", len(all), len(states), want)
	}
}
