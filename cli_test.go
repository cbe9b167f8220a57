package main

import (
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/charmbracelet/x/ansi"
	"github.com/creack/pty"
)

// exitCode is how a finished newsread exited.
func exitCode(t *testing.T, err error) int {
	t.Helper()
	var exit *exec.ExitError
	if errors.As(err, &exit) {
		return exit.ExitCode()
	}
	if err != nil {
		t.Fatalf("newsread did not run: %v", err)
	}
	return 0
}

func TestTheCommandLineRefusesWhatItCannotDo(t *testing.T) {
	bin := buildBinary(t)
	dir := t.TempDir()
	fifo := filepath.Join(dir, "p.txt")
	if err := mkfifo(fifo); errors.Is(err, errors.ErrUnsupported) {
		t.Skip("no named pipes on this system")
	} else if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		args []string
		says string
	}{
		{"a refresh interval under a minute", []string{"--refresh-every", "1ms", "examples"}, "at least 1m"},
		{"a negative refresh interval", []string{"--refresh-every", "-5m", "examples"}, "must be positive"},
		{"an absurd width", []string{"--width", "100000", "examples"}, "at most 400"},
		{"a FIFO named as a source", []string{fifo}, "named pipe"},
		{"an ftp address", []string{"ftp://example.org/feed.xml"}, "unsupported scheme"},
		{"two actions at once", []string{"--json", "--refresh"}, "cannot be used together"},
		{"a source with --refresh", []string{"--refresh", "examples"}, "takes no SOURCE"},
		{"--width with --json", []string{"--json", "--width", "60", "examples"}, "no effect"},
		{"a player with --refresh", []string{"--refresh", "--player", "mpv"}, "no effect"},
		{"no hyperlinks with --search", []string{"--search", "x", "--no-hyperlinks"}, "no effect"},
		{"an unknown flag", []string{"--bogus"}, "--bogus"},
		{"an unknown flag after a source", []string{"examples", "--bogus"}, "--bogus"},
		{"an unknown style, with the known ones", []string{"--style", "nope", "examples"}, "tokyo-night"},
		{"a bad --color", []string{"--color", "sometimes", "examples"}, "auto, always or never"},
		{"an unknown --format field, with the known ones", []string{"--format", "{date} {nope}", "examples"}, "{title}"},
		{"--format with --json", []string{"--format", "{title}", "--json", "examples"}, "no effect"},
		{"a source after --remove", []string{"--remove", "https://example.org/feed", "examples"}, "takes no SOURCE"},
		{"--add and --remove at once", []string{"--add", "https://example.org/", "--remove", "https://example.org/feed"}, "cannot be used together"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, stderr, err := runWith(t, isolatedEnv(t), bin, "", tt.args...)
			if code := exitCode(t, err); code != exitBadUsage {
				t.Errorf("exit status %d, want %d", code, exitBadUsage)
			}
			if !strings.Contains(stderr, tt.says) {
				t.Errorf("stderr does not say %q: %q", tt.says, stderr)
			}
			if out != "" {
				t.Errorf("something was printed: %q", out)
			}
		})
	}
}

func TestStandardInputThatIsATerminalIsRefused(t *testing.T) {
	bin := buildBinary(t)
	ptmx, tty, err := pty.Open()
	if err != nil {
		t.Skipf("no pseudo-terminal: %v", err)
	}
	defer ptmx.Close()
	defer tty.Close()
	cmd := exec.Command(bin, "-")
	cmd.Env = isolatedEnv(t)
	cmd.Stdin = tty
	var stderr strings.Builder
	cmd.Stderr = &stderr
	err = runCmd(t, cmd) // fails if newsread waits for the terminal
	if code := exitCode(t, err); code != exitBadUsage || !strings.Contains(stderr.String(), "nothing is piped in") {
		t.Errorf("exit %d, stderr %q: want %d and \"nothing is piped in\"", code, stderr.String(), exitBadUsage)
	}
	// /dev/null is refused the same way.
	_, errOut, err := runWith(t, isolatedEnv(t), bin, "", "-")
	if code := exitCode(t, err); code != exitBadUsage || !strings.Contains(errOut, "nothing is piped in") {
		t.Errorf("</dev/null: exit %d, stderr %q", code, errOut)
	}
}

func TestAnEmptyPipeIsNotYourSubscriptions(t *testing.T) {
	bin := buildBinary(t)
	var hits atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		w.Write([]byte(`<rss version="2.0"><channel><title>F</title><item><title>Subscribed item</title><guid>x</guid></item></channel></rss>`))
	}))
	defer srv.Close()
	env := isolatedEnv(t)
	writeFile(t, filepath.Join(envValue(env, "XDG_CONFIG_HOME"), "newsread", "urls"), srv.URL+"/feed.xml\n")

	cmd := exec.Command(bin)
	cmd.Env = env
	cmd.Stdin = strings.NewReader("") // a pipe with nothing in it
	var stdout, stderr strings.Builder
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	if code := exitCode(t, err); code != exitFailure {
		t.Errorf("exit status %d, want %d", code, exitFailure)
	}
	if !strings.Contains(stderr.String(), "nothing was piped in") || stdout.Len() != 0 {
		t.Errorf("want \"nothing was piped in\" and no output, got %q / %q", stdout.String(), stderr.String())
	}
	if n := hits.Load(); n != 0 {
		t.Errorf("an empty pipe fetched the subscriptions (%d requests)", n)
	}
	// With nothing piped at all (/dev/null), the subscriptions are read.
	out, _, err := runWith(t, env, bin, "")
	if err != nil || !strings.Contains(out, "Subscribed item") {
		t.Errorf("</dev/null should read the subscriptions: %v\n%s", err, out)
	}
}

func TestPrintingShapeFollowsTheSourceNotTheCount(t *testing.T) {
	bin := buildBinary(t)
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "one", "story.txt"), pipedStory)
	feedFile := filepath.Join(dir, "feed.xml")
	writeFile(t, feedFile, `<?xml version="1.0"?><rss version="2.0"><channel><title>F</title><item><title>The only item</title><guid>x</guid><description>Body of the only item.</description></item></channel></rss>`)
	isList := func(out string) bool {
		lines := strings.Split(strings.TrimRight(out, "\n"), "\n")
		return len(lines) == 1 && strings.Count(lines[0], "\t") == 3
	}
	tests := []struct {
		name  string
		stdin string
		args  []string
		list  bool
	}{
		{"a directory of one article prints the list", "", []string{filepath.Join(dir, "one")}, true},
		{"a feed of one item prints the list", "", []string{feedFile}, true},
		{"one file prints the article", "", []string{filepath.Join(dir, "one", "story.txt")}, false},
		{"one piped article prints the article", pipedStory, nil, false},
		{"a piped list of one path prints the list", filepath.Join(dir, "one", "story.txt") + "\n", nil, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := runPrinted(t, bin, tt.stdin, tt.args...)
			if isList(out) != tt.list {
				t.Errorf("list %v, want %v:\n%s", isList(out), tt.list, out)
			}
		})
	}
}

func TestFileNamesNeverReachTheTerminalRaw(t *testing.T) {
	bin := buildBinary(t)
	dir := t.TempDir()
	evil := "news\x1b]0;PWN\x07"
	writeFile(t, filepath.Join(dir, evil, "story"+evil+".txt"), pipedStory)
	writeFile(t, filepath.Join(dir, evil, "binary"+evil+".txt"), "\x00\x01\x02\x03binary")
	clean := func(what, s string) {
		t.Helper()
		if strings.ContainsAny(s, "\x1b\x07") {
			t.Errorf("%s carries an escape: %q", what, s)
		}
	}
	out, stderr, _ := runWith(t, isolatedEnv(t), bin, "", dir)
	clean("the list", out)
	clean("the problem line", stderr)
	if !strings.Contains(out, "Harbour reopens") || !strings.Contains(stderr, "binary") {
		t.Errorf("want the story listed and the binary file reported:\n%s\n%s", out, stderr)
	}
	_, stderr, err := runWith(t, isolatedEnv(t), bin, "", filepath.Join(dir, "missing"+evil+".md"))
	clean("the missing-file error", stderr)
	if code := exitCode(t, err); code != exitBadUsage {
		t.Errorf("a missing source: exit %d", code)
	}
	jsonl, stderr, _ := runWith(t, isolatedEnv(t), bin, "", "--json", dir)
	clean("JSON Lines", jsonl)
	clean("JSON Lines' problems", stderr)
}

func TestHelpAndVersionGoToStandardOutput(t *testing.T) {
	bin := buildBinary(t)
	for _, arg := range []string{"--help", "-h"} {
		out, _, err := runWith(t, isolatedEnv(t), bin, "", arg)
		if err != nil || !strings.Contains(out, "Usage:") || !strings.Contains(out, "--refresh-every") || !strings.Contains(out, "Examples:") {
			t.Errorf("%s: %v\n%s", arg, err, out)
		}
		for _, l := range strings.Split(out, "\n") {
			if n := len([]rune(l)); n > 80 {
				t.Errorf("%s: a line of %d columns: %q", arg, n, l)
			}
		}
	}
	out, _, err := runWith(t, isolatedEnv(t), bin, "", "--version")
	if err != nil || !strings.HasPrefix(out, "newsread ") {
		t.Errorf("--version: %v %q", err, out)
	}
}

func TestImportingAnOPMLWithoutFeedsFails(t *testing.T) {
	bin := buildBinary(t)
	opml := filepath.Join(t.TempDir(), "empty.opml")
	writeFile(t, opml, `<?xml version="1.0"?><opml version="2.0"><head><title>x</title></head><body><outline text="folder"/></body></opml>`)
	env := isolatedEnv(t)
	_, stderr, err := runWith(t, env, bin, "", "--import-opml", opml)
	if code := exitCode(t, err); code != exitFailure || !strings.Contains(stderr, "no feeds") {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
	if _, err := os.Stat(filepath.Join(envValue(env, "XDG_CONFIG_HOME"), "newsread", "urls")); err == nil {
		t.Errorf("an empty urls file was written")
	}
}

func TestExportNamesUntitledFeedsAfterTheirCachedCopy(t *testing.T) {
	bin := buildBinary(t)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte(`<?xml version="1.0"?><rss version="2.0"><channel><title>Harbour Gazette</title><item><title>x</title><guid>x</guid></item></channel></rss>`))
	}))
	defer srv.Close()
	env := isolatedEnv(t)
	writeFile(t, filepath.Join(envValue(env, "XDG_CONFIG_HOME"), "newsread", "urls"), srv.URL+"/feed.xml\n"+srv.URL+"/feed.xml other\n")
	if _, stderr, err := runWith(t, env, bin, "", "--refresh"); err != nil {
		t.Fatalf("refresh: %v\n%s", err, stderr)
	}
	out, _, err := runWith(t, env, bin, "", "--export-opml")
	if err != nil || !strings.Contains(out, `"Harbour Gazette"`) {
		t.Errorf("want the cached title in the export: %v\n%s", err, out)
	}
	if n := strings.Count(out, "xmlUrl="); n != 1 {
		t.Errorf("a feed listed twice is exported %d times:\n%s", n, out)
	}
}

func TestABigJSONFeedIsAFeedByEveryPath(t *testing.T) {
	bin := buildBinary(t)
	var b strings.Builder
	b.WriteString("{\n  \"version\": \"https://jsonfeed.org/version/1.1\",\n  \"title\": \"Big JSON\",\n  \"items\": [\n")
	for i := range 10 {
		if i > 0 {
			b.WriteString(",\n")
		}
		fmt.Fprintf(&b, "    {\n      \"id\": \"item-%d\",\n      \"title\": \"JSON item %d\",\n      \"content_html\": \"<p>%s</p>\"\n    }", i, i, strings.Repeat("word ", 2000))
	}
	b.WriteString("\n  ]\n}\n")
	if b.Len() < 80<<10 {
		t.Fatalf("the feed is only %d bytes", b.Len())
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "feeds", "big.json")
	writeFile(t, path, b.String())
	for _, run := range []struct {
		name  string
		stdin string
		args  []string
	}{
		{"named as a file", "", []string{path}},
		{"met in a directory", "", []string{dir}},
		{"piped in", b.String(), nil},
	} {
		t.Run(run.name, func(t *testing.T) {
			out := runPrinted(t, bin, run.stdin, run.args...)
			if n := strings.Count(out, "JSON item"); n != 10 {
				t.Errorf("want the 10 items listed, got %d:\n%.500s", n, out)
			}
		})
	}
}

func TestJSONLinesKeepEveryCharacterWhole(t *testing.T) {
	bin := buildBinary(t)
	dir := t.TempDir()
	// Enough three-byte characters that the output's buffer boundaries
	// fall inside some of them.
	body := strings.Repeat("京都の紅葉が見頃を迎えました。", 2000)
	// A short article first, so that the long one's line starts inside
	// the output buffer: three lengths give the three alignments.
	for _, title := range []string{"a", "ab", "abc"} {
		folder := filepath.Join(dir, title)
		writeFile(t, filepath.Join(folder, "short.md"), "---\ndate: 2026-01-02\n---\n# "+title+"\n\nShort.\n")
		writeFile(t, filepath.Join(folder, "kyoto.md"), "---\ndate: 2026-01-01\n---\n# 京都\n\n"+body+"\n")
		out := runPrinted(t, bin, "", "--json", folder)
		if strings.ContainsRune(out, '\uFFFD') || !strings.Contains(out, body) {
			t.Errorf("title %q: the JSON Lines output lost characters (%d replacement characters)", title, strings.Count(out, "\uFFFD"))
		}
	}
}

func TestColorDecidesWhetherAPrintedArticleKeepsItsColours(t *testing.T) {
	bin := buildBinary(t)
	tests := []struct {
		args   []string
		env    []string
		colour bool
	}{
		{[]string{"examples/night-trains-return.md"}, nil, false},                                        // auto, to a pipe
		{[]string{"--color", "never", "examples/night-trains-return.md"}, nil, false},                    //
		{[]string{"--color", "always", "examples/night-trains-return.md"}, nil, true},                    // for less -R
		{[]string{"--color", "always", "examples/night-trains-return.md"}, []string{"NO_COLOR=1"}, true}, // the flag is explicit
		{[]string{"--color", "always", "examples"}, nil, false},                                          // a list stays TSV
	}
	for _, tt := range tests {
		t.Run(strings.Join(append(tt.env, tt.args...), " "), func(t *testing.T) {
			out, stderr, err := runWith(t, append(isolatedEnv(t), tt.env...), bin, "", tt.args...)
			if err != nil {
				t.Fatalf("%v\n%s", err, stderr)
			}
			if got := strings.Contains(out, "\x1b["); got != tt.colour {
				t.Errorf("colours printed: %v, want %v", got, tt.colour)
			}
			if strings.Contains(out, "\x1b]") {
				t.Error("a hyperlink sequence was printed: a pager shows it as text")
			}
			if !strings.Contains(ansi.Strip(out), "Night trains") {
				t.Errorf("the article is not printed: %.200q", out)
			}
		})
	}
}
