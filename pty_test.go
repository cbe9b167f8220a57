package main

import (
	"bytes"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/vt"
	"github.com/creack/pty"
)

// binaryOnce builds newsread once for every test and benchmark that runs it
// whole.
var binaryOnce struct {
	sync.Once
	path string
	err  error
	out  []byte
}

// buildBinary returns the path of a freshly built newsread.
func buildBinary(tb testing.TB) string {
	tb.Helper()
	binaryOnce.Do(func() {
		dir, err := os.MkdirTemp("", "newsread-bin-")
		if err != nil {
			binaryOnce.err = err
			return
		}
		binaryOnce.path = filepath.Join(dir, "newsread")
		cmd := exec.Command("go", "build", "-o", binaryOnce.path, ".")
		binaryOnce.out, binaryOnce.err = cmd.CombinedOutput()
	})
	if binaryOnce.err != nil {
		tb.Fatalf("build newsread: %v\n%s", binaryOnce.err, binaryOnce.out)
	}
	return binaryOnce.path
}

// isolatedEnv is the environment with configuration, cache and data
// folders of the test's own, so the user's subscriptions never leak in. Later entries
// of an environment win, so callers may append their own.
func isolatedEnv(tb testing.TB) []string {
	dir := tb.TempDir()
	return append(os.Environ(),
		"XDG_CONFIG_HOME="+filepath.Join(dir, "config"),
		"XDG_CACHE_HOME="+filepath.Join(dir, "cache"),
		"XDG_DATA_HOME="+filepath.Join(dir, "data"),
		"NO_COLOR=")
}

// terminal is newsread running in a pseudo-terminal, its output read by a
// terminal emulator so tests can look at the screen as a person would.
type terminal struct {
	cmd  *exec.Cmd
	pty  *os.File
	emu  *vt.SafeEmulator
	done chan struct{}
	err  error
	// drained is closed when every byte the program wrote has been read.
	drained chan struct{}

	mu  sync.Mutex
	raw bytes.Buffer // every byte the program wrote
	// writes counts what the emulator has taken in, so waiting looks at
	// the screen again only when something new came.
	writes atomic.Int64
}

// terminalOptions say how to start the program.
type terminalOptions struct {
	args   []string
	dir    string
	env    []string
	stdin  io.Reader // nil: the terminal itself
	width  int
	height int
	// silent makes the terminal never answer queries, like a terminal
	// that ignores the background-colour request.
	silent bool
}

func startTerminal(tb testing.TB, bin string, o terminalOptions) *terminal {
	tb.Helper()
	if o.width == 0 {
		o.width, o.height = 120, 40
	}
	cmd := exec.Command(bin, o.args...)
	cmd.Dir = o.dir
	cmd.Env = append(isolatedEnv(tb), "TERM=xterm-256color", "COLORTERM=truecolor")
	cmd.Env = append(cmd.Env, o.env...)
	cmd.SysProcAttr = terminalSession(tb, o.stdin != nil)
	if o.stdin != nil {
		cmd.Stdin = o.stdin
	}
	f, err := pty.StartWithAttrs(cmd, &pty.Winsize{Cols: uint16(o.width), Rows: uint16(o.height)}, cmd.SysProcAttr)
	if err != nil {
		tb.Fatalf("start in a pseudo-terminal: %v", err)
	}
	term := &terminal{cmd: cmd, pty: f, emu: vt.NewSafeEmulator(o.width, o.height), done: make(chan struct{}), drained: make(chan struct{})}
	go term.readOutput()
	go term.answerQueries(o.silent)
	go func() {
		term.err = cmd.Wait()
		close(term.done)
	}()
	tb.Cleanup(term.kill)
	return term
}

func (t *terminal) readOutput() {
	defer close(t.drained)
	buf := make([]byte, 32<<10)
	for {
		n, err := t.pty.Read(buf)
		if n > 0 {
			t.mu.Lock()
			t.raw.Write(buf[:n])
			t.mu.Unlock()
			t.emu.Write(buf[:n])
			t.writes.Add(1)
		}
		if err != nil {
			return
		}
	}
}

// answerQueries forwards the emulator's replies (cursor position, colours)
// to the program, or swallows them when the terminal is to stay silent.
func (t *terminal) answerQueries(silent bool) {
	buf := make([]byte, 1024)
	for {
		n, err := t.emu.Read(buf)
		if n > 0 && !silent {
			t.pty.Write(buf[:n])
		}
		if err != nil {
			return
		}
	}
}

// screen is the visible screen as plain text, trailing spaces trimmed.
func (t *terminal) screen() string {
	lines := strings.Split(ansi.Strip(t.emu.Render()), "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " ")
	}
	return strings.Join(lines, "\n")
}

// waitFor waits until the screen satisfies ok, failing after timeout.
func (t *terminal) waitFor(tb testing.TB, what string, timeout time.Duration, ok func(screen string) bool) string {
	tb.Helper()
	deadline := time.Now().Add(timeout)
	seen := int64(-1)
	for {
		// Rendering the emulator's screen costs CPU the program under
		// test needs: only look again when something new was written.
		if n := t.writes.Load(); n != seen {
			seen = n
			if s := t.screen(); ok(s) {
				return s
			}
		}
		select {
		case <-t.done:
			tb.Fatalf("newsread exited (%v) while waiting for %s; screen:\n%s", t.err, what, t.screen())
		default:
		}
		if time.Now().After(deadline) {
			tb.Fatalf("timed out after %v waiting for %s; screen:\n%s", timeout, what, t.screen())
		}
		time.Sleep(time.Millisecond)
	}
}

// pressUntil presses keys until ok holds of the screen, up to three
// times: a key written in the same moment as the emulator's answers to
// the program's start-up queries is, now and then, taken with them.
func (t *terminal) pressUntil(tb testing.TB, keys, what string, ok func(screen string) bool) string {
	tb.Helper()
	for try := 0; ; try++ {
		t.press(keys)
		deadline := time.Now().Add(3 * time.Second)
		for time.Now().Before(deadline) {
			if s := t.screen(); ok(s) {
				return s
			}
			time.Sleep(5 * time.Millisecond)
		}
		if try == 2 {
			return t.waitFor(tb, what, time.Second, ok)
		}
	}
}

// waitText waits until text is on the screen.
func (t *terminal) waitText(tb testing.TB, text string) string {
	tb.Helper()
	return t.waitFor(tb, "«"+text+"»", 10*time.Second, func(s string) bool { return strings.Contains(s, text) })
}

// press types keys as a person would.
func (t *terminal) press(keys string) {
	t.pty.Write([]byte(keys))
}

// waitExit waits for the program to end and for its last output, and
// returns its error.
func (t *terminal) waitExit(tb testing.TB) error {
	tb.Helper()
	select {
	case <-t.done:
		select {
		case <-t.drained:
		case <-time.After(5 * time.Second):
			tb.Fatalf("the output of newsread was not closed after it exited")
		}
		return t.err
	case <-time.After(10 * time.Second):
		tb.Fatalf("newsread did not exit; screen:\n%s", t.screen())
		return nil
	}
}

// rawOutput is every byte the program wrote so far.
func (t *terminal) rawOutput() string {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.raw.String()
}

func (t *terminal) kill() {
	select {
	case <-t.done:
	default:
		t.cmd.Process.Kill()
		<-t.done
	}
	t.pty.Close()
}
