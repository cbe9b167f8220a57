package launch

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestCheckAllowsOnlyWebAndMail(t *testing.T) {
	for _, c := range []struct {
		url string
		ok  bool
	}{
		{"https://example.com/a?b=c#d", true},
		{"http://example.com", true},
		{"HTTPS://EXAMPLE.COM/", true},
		{"mailto:someone@example.org?subject=hi", true},
		{"file:///etc/passwd", false},
		{"javascript:alert(1)", false},
		{"JavaScript:alert(1)", false},
		{"data:text/html,<script>alert(1)</script>", false},
		{"vbscript:msgbox", false},
		{"ssh://host", false},
		{"x-custom-app:open?thing", false},
		{"example.com/no-scheme", false},
		{"//example.com/protocol-relative", false},
		{"http:///no-host", false},
		{"https:no-host", false},
		{"", false},
		{"https://example.com/\x1b]52;c;ZXZpbA==\x07", false},
		{"https://example.com/\x7f", false},
	} {
		name := "refuses " + c.url
		if c.ok {
			name = "opens " + c.url
		}
		t.Run(name, func(t *testing.T) {
			err := Check(c.url)
			if c.ok && err != nil {
				t.Errorf("refused: %v", err)
			}
			if !c.ok && !errors.Is(err, ErrScheme) {
				t.Errorf("not refused with ErrScheme: %v", err)
			}
		})
	}
}

// fakeProgram writes a script that records its arguments, one per line
// ending in NUL, to the file $ARGV_OUT, and returns its path.
func fakeProgram(t *testing.T, name string) string {
	t.Helper()
	dir := t.TempDir()
	path := filepath.Join(dir, name)
	script := "#!/bin/sh\nfor a in \"$@\"; do printf '%s\\0' \"$a\"; done > \"$ARGV_OUT\"\n"
	if err := os.WriteFile(path, []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	return path
}

// lookIn finds the programs of names (base name → path) only.
func lookIn(names map[string]string) func(string) (string, error) {
	return func(name string) (string, error) {
		if p, ok := names[filepath.Base(name)]; ok {
			return p, nil
		}
		return "", errors.New("not found")
	}
}

// runArgv runs cmd and returns the arguments the program received.
func runArgv(t *testing.T, l Launcher, u string, player bool) []string {
	t.Helper()
	out := filepath.Join(t.TempDir(), "argv")
	t.Setenv("ARGV_OUT", out)
	build := l.Browser
	if player {
		build = l.Player
	}
	cmd, _, err := build(u)
	if err != nil {
		t.Fatal(err)
	}
	cmd.Dir = t.TempDir()
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("run: %v %s", err, b)
	}
	if entries, _ := os.ReadDir(cmd.Dir); len(entries) > 0 {
		t.Errorf("the URL ran something: %s appeared", entries[0].Name())
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	return strings.Split(strings.TrimSuffix(string(b), "\x00"), "\x00")
}

func TestHostileURLsReachTheBrowserAsOneArgument(t *testing.T) {
	fake := fakeProgram(t, "fakebrowser")
	for _, browser := range []string{"fakebrowser", "fakebrowser --new-tab %u", "fakebrowser --url=%u --private"} {
		l := New(Config{Browser: browser, LookPath: lookIn(map[string]string{"fakebrowser": fake})})
		for _, u := range []string{
			"https://example.com/a;touch semicolon",
			"https://example.com/`touch backtick`",
			"https://example.com/$(touch dollar)",
			`https://example.com/"double"'single'`,
			"https://example.com/a b c",
			"https://example.com/?q=a&touch=amp|touch pipe>redirect",
			"https://example.com/%u/%s/%%",
			"mailto:me@example.org?subject=$(touch mail)",
		} {
			t.Run(browser+" gets "+u, func(t *testing.T) {
				got := runArgv(t, l, u, false)
				var want []string
				switch browser {
				case "fakebrowser":
					want = []string{u}
				case "fakebrowser --new-tab %u":
					want = []string{"--new-tab", u}
				default:
					want = []string{"--url=" + u, "--private"}
				}
				if !slices.Equal(got, want) {
					t.Errorf("argv %q, want %q", got, want)
				}
			})
		}
	}
}

func TestChoosingTheProgram(t *testing.T) {
	fake := fakeProgram(t, "fake")
	look := lookIn(map[string]string{"firefox": fake, "w3m": fake, "xdg-open": fake, "open": fake, "mpv": fake, "vlc": fake})
	for _, c := range []struct {
		name     string
		config   Config
		player   bool
		wantArgs []string // argv[0] and what follows, URL as U
		terminal bool
		err      bool
	}{
		{name: "no $BROWSER on Linux uses xdg-open in the background", config: Config{GOOS: "linux"}, wantArgs: []string{"xdg-open", "U"}},
		{name: "no $BROWSER on macOS uses open", config: Config{GOOS: "darwin"}, wantArgs: []string{"open", "U"}},
		{name: "a graphical $BROWSER runs in the background", config: Config{Browser: "firefox"}, wantArgs: []string{"firefox", "U"}},
		{name: "w3m gets the terminal", config: Config{Browser: "w3m -o confirm_qq=false"}, wantArgs: []string{"w3m", "-o", "confirm_qq=false", "U"}, terminal: true},
		{name: "a path to w3m gets the terminal", config: Config{Browser: "/usr/local/bin/w3m"}, wantArgs: []string{"/usr/local/bin/w3m", "U"}, terminal: true},
		{name: "any browser gets the terminal when told", config: Config{Browser: "firefox", TerminalBrowser: true}, wantArgs: []string{"firefox", "U"}, terminal: true},
		{name: "the first browser of a colon list that exists wins", config: Config{Browser: "nosuch:firefox %u:w3m"}, wantArgs: []string{"firefox", "U"}},
		{name: "no browser found is an error", config: Config{Browser: "nosuch:other"}, err: true},
		{name: "the player is mpv by default, in the terminal", config: Config{}, player: true, wantArgs: []string{"mpv", "U"}, terminal: true},
		{name: "another player with its arguments", config: Config{Player: "vlc --play-and-exit %u"}, player: true, wantArgs: []string{"vlc", "--play-and-exit", "U"}, terminal: true},
		{name: "no player found is an error", config: Config{Player: "nosuch"}, player: true, err: true},
	} {
		t.Run(c.name, func(t *testing.T) {
			c.config.LookPath = look
			l := New(c.config)
			build := l.Browser
			if c.player {
				build = l.Player
			}
			const u = "https://example.com/x"
			cmd, terminal, err := build(u)
			if c.err {
				if !errors.Is(err, ErrNoProgram) {
					t.Errorf("want ErrNoProgram, got %v", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			want := slices.Clone(c.wantArgs)
			want[len(want)-1] = u
			if !slices.Equal(cmd.Args, want) || cmd.Path != fake || terminal != c.terminal {
				t.Errorf("args %q path %s terminal %v; want %q %s %v", cmd.Args, cmd.Path, terminal, want, fake, c.terminal)
			}
			if !terminal && (cmd.Stdin != nil || cmd.Stdout != nil || cmd.Stderr != nil || cmd.SysProcAttr == nil) {
				t.Error("a background program is not detached from the terminal")
			}
		})
	}
	t.Run("a refused URL builds no command", func(t *testing.T) {
		l := New(Config{Browser: "firefox", LookPath: look})
		if cmd, _, err := l.Browser("javascript:alert(1)"); cmd != nil || !errors.Is(err, ErrScheme) {
			t.Errorf("cmd %v err %v", cmd, err)
		}
	})
}
