package main

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/google/go-cmp/cmp"

	"newsread/config"
	"newsread/ui"
)

func TestPrintConfigReadsBackToTheDefaults(t *testing.T) {
	var b bytes.Buffer
	if err := config.Write(&b, defaultConfig(), ui.StyleNames()); err != nil {
		t.Fatal(err)
	}
	t.Run("the printed file parses to exactly the defaults", func(t *testing.T) {
		got, problems := config.Parse("printed.toml", b.Bytes(), defaultConfig(), ui.StyleNames())
		if len(problems) > 0 {
			t.Errorf("problems: %v", problems)
		}
		if diff := cmp.Diff(defaultConfig(), got); diff != "" {
			t.Errorf("(-defaults +read back):\n%s", diff)
		}
	})
	t.Run("every action of the key map is in it", func(t *testing.T) {
		km := ui.DefaultKeyMap()
		for _, a := range km.Actions() {
			if !strings.Contains(b.String(), "\n"+a.Name+" = ") {
				t.Errorf("no %s", a.Name)
			}
		}
	})
	t.Run("the defaults make the default screen options", func(t *testing.T) {
		o := withConfig(ui.Options{}, defaultConfig(), nil)
		km := ui.DefaultKeyMap()
		if diff := cmp.Diff(keysOf(&km), keysOf(o.Keys)); diff != "" {
			t.Errorf("keys (-want +got):\n%s", diff)
		}
		if *o.Dark != ui.DarkPalette() || *o.Light != ui.LightPalette() {
			t.Error("the palettes differ from the defaults")
		}
		if o.KeepUnread || o.HideRead || o.DateFormat != "" || o.WideAbove != 100 || o.ListPercent != 40 {
			t.Errorf("options %+v", o)
		}
	})
	t.Run("newsread --print-config prints it", func(t *testing.T) {
		out, err := exec.Command(buildBinary(t), "--print-config").Output()
		if err != nil {
			t.Fatal(err)
		}
		if string(out) != b.String() {
			t.Error("the program prints another configuration")
		}
	})
}

// keysOf is every action's keys and help key.
func keysOf(km *ui.KeyMap) map[string]string {
	out := map[string]string{}
	for _, a := range km.Actions() {
		out[a.Name] = strings.Join(a.Binding.Keys(), " ") + " | " + a.Binding.Help().Key
	}
	return out
}

func TestFlagsOverrideTheFileWhichOverridesTheDefaults(t *testing.T) {
	tests := []struct {
		name  string
		args  []string
		file  string
		check func(t *testing.T, o options, screen ui.Options)
	}{
		{"no file leaves the flags' defaults", nil, "", func(t *testing.T, o options, s ui.Options) {
			if o.readingWidth != 100 || o.refreshEvery != 0 || o.style != "" || o.player != "" || o.saveDir != "" {
				t.Errorf("options %+v", o)
			}
		}},
		{"the file sets what no flag says", nil, `
[theme]
style = "dracula"
[layout]
reading_width = 72
wide_above = 140
list_width = 35
date_format = "02.01.2006"
columns = ["date"]
[behaviour]
refresh_every = "15m"
player = "vlc %u"
browser = "w3m"
browser_in_terminal = true
save_dir = "/tmp/saved"
mark_read_on_open = false
hide_read = true
`, func(t *testing.T, o options, s ui.Options) {
			if o.style != "dracula" || o.readingWidth != 72 || o.refreshEvery != 15*time.Minute || o.player != "vlc %u" ||
				o.browser != "w3m" || !o.browserInTerminal || o.saveDir != "/tmp/saved" {
				t.Errorf("options %+v", o)
			}
			if s.WideAbove != 140 || s.ListPercent != 35 || s.DateFormat != "02.01.2006" || !cmp.Equal(s.Columns, []string{"date"}) || !s.KeepUnread || !s.HideRead {
				t.Errorf("screen options %+v", s)
			}
		}},
		{"flags win over the file", []string{"--style", "light", "--reading-width", "0", "--refresh-every", "1h", "--player", "mpv", "--save-dir", "/srv"}, `
[theme]
style = "dracula"
[layout]
reading_width = 72
[behaviour]
refresh_every = "15m"
player = "vlc"
save_dir = "/tmp/saved"
`, func(t *testing.T, o options, s ui.Options) {
			if o.style != "light" || o.readingWidth != 0 || o.refreshEvery != time.Hour || o.player != "mpv" || o.saveDir != "/srv" {
				t.Errorf("options %+v", o)
			}
		}},
		{"a rebound key changes the binding and its help", nil, "[keys]\nquit = [\"x\"]\nstar = []\n", func(t *testing.T, o options, s ui.Options) {
			if got := s.Keys.Quit.Keys(); !cmp.Equal(got, []string{"x"}) || s.Keys.Quit.Help().Key != "x" {
				t.Errorf("quit %v %q", got, s.Keys.Quit.Help().Key)
			}
			if s.Keys.Star.Enabled() {
				t.Error("star still bound")
			}
		}},
		{"a colour of the theme", nil, "[theme.dark]\naccent = \"#FF0000\"\n", func(t *testing.T, o options, s ui.Options) {
			if got := hexOf(s.Dark.Accent); got != "#FF0000" {
				t.Errorf("accent %s", got)
			}
			if hexOf(s.Light.Accent) != hexOf(ui.LightPalette().Accent) {
				t.Error("the light accent changed")
			}
		}},
		{"a bad value keeps the default and is a problem", nil, "[layout]\nreading_width = -3\n", func(t *testing.T, o options, s ui.Options) {
			if o.readingWidth != 100 {
				t.Errorf("reading width %d", o.readingWidth)
			}
			if len(s.Problems) != 1 || !strings.HasSuffix(s.Problems[0].Where, "config.toml:2") ||
				s.Problems[0].Err.Error() != "layout.reading_width: -3 is out of range: 0 to 400" {
				t.Errorf("problems %v", s.Problems)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "config.toml")
			if err := os.WriteFile(path, []byte(tt.file), 0o600); err != nil {
				t.Fatal(err)
			}
			o, err := parseFlags(append(tt.args, "--config", path), io.Discard, io.Discard)
			if err != nil {
				t.Fatal(err)
			}
			cfg, problems := loadConfig(o)
			applyConfig(&o, cfg)
			tt.check(t, o, withConfig(ui.Options{}, cfg, problems))
		})
	}
}

func TestPrintingListsTheProblemsOfTheFileOnStderr(t *testing.T) {
	bin := buildBinary(t)
	dir := t.TempDir()
	path := filepath.Join(dir, "config.toml")
	if err := os.WriteFile(path, []byte("[keys]\nopen = \"ctrl+\"\n[layut]\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, "--config", path, "examples")
	cmd.Env = isolatedEnv(t)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("%v: %s", err, stderr.String())
	}
	for _, want := range []string{
		path + `:2: keys.open: "ctrl+" is not a key`,
		path + `:3: layut: unknown table, ignored; did you mean layout?`,
	} {
		if !strings.Contains(stderr.String(), want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr.String())
		}
	}
	if stdout.Len() == 0 {
		t.Error("nothing printed: a bad file stopped the reading")
	}
}

func TestAConfigFileInThePseudoTerminal(t *testing.T) {
	bin := buildBinary(t)
	t.Run("quit rebound to x quits on x and not on q", func(t *testing.T) {
		home := writeConfigHome(t, "[keys]\nquit = [\"x\"]\n")
		term := startTerminal(t, bin, terminalOptions{args: []string{"examples"}, env: []string{"XDG_CONFIG_HOME=" + home}, width: 100, height: 30})
		term.waitText(t, "x quit")
		term.press("q")
		term.press("?")
		term.waitText(t, "Keys") // q did not quit: the help came up
		term.press("h")          // back (esc then x would read as alt+x)
		term.waitFor(t, "the list again", 10*time.Second, func(s string) bool {
			return !strings.Contains(s, "Keys") && strings.Contains(s, "x quit")
		})
		term.press("x")
		if err := term.waitExit(t); err != nil {
			t.Fatalf("newsread exited with %v", err)
		}
	})
	t.Run("a broken file lists its problem under ! while the articles are read", func(t *testing.T) {
		home := writeConfigHome(t, "[keys\nquit = [\"x\"]\n")
		term := startTerminal(t, bin, terminalOptions{args: []string{"examples"}, env: []string{"XDG_CONFIG_HOME=" + home}, width: 120, height: 30})
		term.waitText(t, "1 problem")
		term.press("!")
		term.waitText(t, "config.toml:2")
		term.press("h")
		term.waitText(t, "q quit") // the defaults
		term.waitText(t, "Harbour reopens")
		term.press("q")
		if err := term.waitExit(t); err != nil {
			t.Fatalf("newsread exited with %v", err)
		}
	})
}

// writeConfigHome writes text as newsread/config.toml under a new
// $XDG_CONFIG_HOME and returns that folder.
func writeConfigHome(t *testing.T, text string) string {
	t.Helper()
	home := t.TempDir()
	if err := os.MkdirAll(filepath.Join(home, "newsread"), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(config.Path(home), []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	return home
}

// BenchmarkLoadAndApplyConfig is what a 200-line configuration file adds
// to start: reading, parsing and checking it, and making the options of
// the screen (key map, palettes) from it. The goal is under 2 ms.
func BenchmarkLoadAndApplyConfig(b *testing.B) {
	path := filepath.Join(b.TempDir(), "config.toml")
	text := twoHundredLines()
	if n := strings.Count(text, "\n"); n < 200 {
		b.Fatalf("%d lines", n)
	}
	if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
		b.Fatal(err)
	}
	o := options{config: path, set: map[string]bool{}}
	b.ReportAllocs()
	for b.Loop() {
		cfg, problems := loadConfig(o)
		if len(problems) > 0 {
			b.Fatal(problems)
		}
		applyConfig(&o, cfg)
		withConfig(ui.Options{}, cfg, problems)
	}
}

// twoHundredLines is a configuration of at least 200 lines: the printed
// defaults (every key and colour, their comments) with rebound keys and
// saved searches added up to the count.
func twoHundredLines() string {
	var b strings.Builder
	config.Write(&b, defaultConfig(), ui.StyleNames())
	text := strings.Replace(b.String(), "quit = [\"q\"]", "quit = [\"x\", \"ctrl+q\"]", 1)
	b.Reset()
	b.WriteString(text)
	for i := 0; strings.Count(b.String(), "\n") < 200; i++ {
		fmt.Fprintf(&b, "\"search %d\" = \"is:unread tag:t%d\"\n", i, i)
	}
	return b.String()
}

func TestABadStyleFileOfTheConfigurationIsAProblemNotARefusal(t *testing.T) {
	bad := filepath.Join(t.TempDir(), "bad.json")
	if err := os.WriteFile(bad, []byte("not json"), 0o600); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name    string
		set     bool
		wantErr bool
	}{
		{"named in the file it is listed under ! and the style follows the terminal", false, false},
		{"named with --style it is refused", true, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			opts := options{style: bad, config: "/x/config.toml", set: map[string]bool{"style": tt.set}}
			m, err := newScreen(ui.Options{Style: bad}, opts)
			if (err != nil) != tt.wantErr {
				t.Fatalf("error %v", err)
			}
			if m == nil {
				return
			}
			m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
			if view := ansi.Strip(m.View().Content); !strings.Contains(view, "1 problem") {
				t.Errorf("no problem listed:\n%s", view)
			}
		})
	}
}

func TestRefreshOnStartFalseShowsTheCachedFeedsWithoutFetching(t *testing.T) {
	bin := buildBinary(t)
	var hits atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		w.Write([]byte(`<?xml version="1.0"?><rss version="2.0"><channel><title>Gazette</title>
<item><title>Harbour reopens</title><guid>urn:1</guid><pubDate>Mon, 02 Mar 2026 10:00:00 GMT</pubDate></item></channel></rss>`))
	}))
	defer srv.Close()
	home := writeConfigHome(t, "[behaviour]\nrefresh_on_start = false\n")
	env := []string{"XDG_CONFIG_HOME=" + home, "XDG_CACHE_HOME=" + filepath.Join(home, "cache"), "XDG_DATA_HOME=" + filepath.Join(home, "data")}
	writeFile(t, filepath.Join(home, "newsread", "urls"), srv.URL+"/feed.xml\n")
	if out, stderr, err := runWith(t, append(isolatedEnv(t), env...), bin, "", "--refresh"); err != nil {
		t.Fatalf("--refresh: %v\n%s%s", err, out, stderr)
	}
	hits.Store(0)
	term := startTerminal(t, bin, terminalOptions{env: env, width: 100, height: 20})
	term.waitText(t, "Harbour reopens")
	term.waitFor(t, "the load to end", 10*time.Second, func(s string) bool { return !strings.Contains(s, "loading") })
	if n := hits.Load(); n != 0 {
		t.Errorf("the feed was fetched %d times at the start", n)
	}
	term.press("r") // a refresh still fetches
	term.waitFor(t, "the refresh", 10*time.Second, func(string) bool { return hits.Load() == 1 })
	term.press("q")
	if err := term.waitExit(t); err != nil {
		t.Fatal(err)
	}
}
