package main

import (
	"bytes"
	"errors"
	"os/exec"
	"strconv"
	"strings"
	"testing"
	"time"
)

const pipedStory = `Harbour reopens after storm repairs

Harbour reopens after storm repairs

The north harbour reopened on Tuesday after six weeks of repairs to the breakwater.

` + "Fishing boats queued at dawn to get back to their moorings.\n\n"

// longStory is pipedStory with enough paragraphs to scroll.
func longStory() string {
	var b strings.Builder
	b.WriteString(pipedStory)
	for i := 1; i <= 60; i++ {
		b.WriteString("Paragraph number " + strconv.Itoa(i) + " says what the officials said about the breakwater and the boats.\n\n")
	}
	b.WriteString("The final paragraph of the story.\n\nAbout Author\n\nLocal\n")
	return b.String()
}

func TestPipedStoryIsReadAndKeysComeFromTheTerminal(t *testing.T) {
	bin := buildBinary(t)
	term := startTerminal(t, bin, terminalOptions{stdin: strings.NewReader(longStory()), width: 80, height: 24})

	screen := term.waitText(t, "Harbour reopens after storm repairs")
	if strings.Count(screen, "Harbour reopens after storm repairs") > 2 {
		t.Errorf("the headline shows more than in the list and the reader header:\n%s", screen)
	}
	term.press("\r") // open (narrow: one pane at a time)
	term.waitText(t, "Paragraph number 1 ")
	term.press("G") // to the end
	screen = term.waitText(t, "The final paragraph of the story.")
	if strings.Contains(screen, "About Author") {
		t.Errorf("the author box stayed in the body:\n%s", screen)
	}
	term.waitText(t, "100%")
	term.press("g")
	term.waitText(t, "Paragraph number 1 ")
	term.press("\x1b") // back to the list
	term.waitText(t, "enter read")
	term.press("q")
	if err := term.waitExit(t); err != nil {
		t.Fatalf("newsread exited with %v", err)
	}
	out := term.rawOutput()
	if !strings.Contains(out, "\x1b[?1049l") {
		t.Errorf("the alternate screen was not left on exit")
	}
}

func TestDirectoryFilterOpenScrollBackQuit(t *testing.T) {
	bin := buildBinary(t)
	term := startTerminal(t, bin, terminalOptions{args: []string{"examples"}, width: 120, height: 40})
	term.waitText(t, "articles")
	term.press("/")
	term.press("kyoto")
	term.waitText(t, "1/")
	term.press("\r")
	term.waitText(t, "enter read")
	term.press("q")
	if err := term.waitExit(t); err != nil {
		t.Fatalf("newsread exited with %v", err)
	}
}

func TestAMissingSourceExitsWithStatus2BeforeDrawing(t *testing.T) {
	bin := buildBinary(t)
	var stdout, stderr bytes.Buffer
	cmd := exec.Command(bin, "examples", "no/such/place")
	cmd.Env = isolatedEnv(t)
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.ExitCode() != 2 {
		t.Fatalf("want exit status 2, got %v", err)
	}
	if !strings.Contains(stderr.String(), "no/such/place") {
		t.Errorf("stderr does not name the missing source: %q", stderr.String())
	}
	if stdout.Len() != 0 {
		t.Errorf("something was printed: %q", stdout.String())
	}
}

func TestPrintsInsteadOfDrawingWhenStdoutIsNotATerminal(t *testing.T) {
	bin := buildBinary(t)
	t.Run("a directory prints one line per article", func(t *testing.T) {
		out := runPrinted(t, bin, "", "examples")
		lines := strings.Split(strings.TrimSpace(out), "\n")
		if len(lines) < 4 {
			t.Fatalf("want a line per example article, got:\n%s", out)
		}
		for _, l := range lines {
			if n := strings.Count(l, "\t"); n != 3 {
				t.Errorf("want 4 tab-separated fields, got %d in %q", n+1, l)
			}
		}
	})
	t.Run("one article prints rendered at 80 columns", func(t *testing.T) {
		out := runPrinted(t, bin, longStory(), "-")
		if !strings.Contains(out, "Harbour reopens after storm repairs") || !strings.Contains(out, "Paragraph number 60") {
			t.Fatalf("the story was not printed:\n%s", out)
		}
		for _, l := range strings.Split(out, "\n") {
			if w := len([]rune(l)); w > 80 {
				t.Errorf("line wider than 80 columns (%d): %q", w, l)
			}
		}
		if strings.Contains(out, "\x1b") {
			t.Errorf("escape sequences in plain output")
		}
	})
	t.Run("--width changes the width", func(t *testing.T) {
		out := runPrinted(t, bin, longStory(), "--width", "40", "-")
		for _, l := range strings.Split(out, "\n") {
			if w := len([]rune(l)); w > 40 {
				t.Errorf("line wider than 40 columns (%d): %q", w, l)
			}
		}
	})
	t.Run("JSON Lines round trip through stdin", func(t *testing.T) {
		jsonl := runPrinted(t, bin, "", "--json", "examples")
		again := runPrinted(t, bin, jsonl, "--json")
		if jsonl != again {
			t.Errorf("--json output read back and printed again differs:\n%s\n---\n%s", jsonl, again)
		}
	})
	t.Run("escape sequences from a file never reach the output", func(t *testing.T) {
		out := runPrinted(t, bin, "Evil \x1b]0;pwned\x07title\x1b[2J\n\nBody \x1b]52;c;aGk=\x07text\n", "-")
		if strings.ContainsAny(out, "\x1b\x07") || strings.Contains(out, "pwned") {
			t.Errorf("an escape sequence got through: %q", out)
		}
	})
}

func TestPrintsWhenNoTerminalCanBeOpenedForTheKeyboard(t *testing.T) {
	bin := buildBinary(t)
	// stdout is a pseudo-terminal but there is no controlling terminal and
	// stdin is a pipe: like cron with a terminal-looking output.
	cmd := exec.Command(bin, "examples")
	cmd.Env = isolatedEnv(t)
	cmd.Stdin = strings.NewReader("")
	cmd.SysProcAttr = newSession()
	var stdout bytes.Buffer
	cmd.Stdout = &stdout
	if err := cmd.Run(); err != nil {
		t.Fatalf("newsread failed: %v", err)
	}
	if !strings.Contains(stdout.String(), "\t") {
		t.Errorf("want the list printed, got %q", stdout.String())
	}
}

// runPrinted runs newsread with stdout a pipe and returns what it
// printed; it fails the test when newsread fails.
func runPrinted(t *testing.T, bin, stdin string, args ...string) string {
	t.Helper()
	out, stderr, err := runWith(t, isolatedEnv(t), bin, stdin, args...)
	if err != nil {
		t.Fatalf("newsread %v: %v\n%s", args, err, stderr)
	}
	return out
}

// runWith runs newsread with env, stdout a pipe, and returns its output,
// its errors and how it exited. An empty stdin is /dev/null, as from a
// script that pipes nothing; anything else is piped.
func runWith(t testing.TB, env []string, bin, stdin string, args ...string) (stdout, stderr string, err error) {
	t.Helper()
	cmd := exec.Command(bin, args...)
	cmd.Env = env
	if stdin != "" {
		cmd.Stdin = strings.NewReader(stdin)
	}
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err = runCmd(t, cmd)
	return out.String(), errOut.String(), err
}

// runCmd runs cmd to the end, failing the test if it runs for more than
// 30 seconds (a program waiting for input that never comes).
func runCmd(t testing.TB, cmd *exec.Cmd) error {
	t.Helper()
	done := make(chan error, 1)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		return err
	case <-time.After(30 * time.Second):
		cmd.Process.Kill()
		t.Fatalf("%v did not finish", cmd.Args)
		return nil
	}
}
