package config

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

var testStyles = []string{"ascii", "dark", "dracula", "light"}

// testDefaults are defaults as the program passes them, in small.
func testDefaults() Config {
	return Config{
		Keys: []Binding{
			{Action: "up", Keys: []string{"k", "up"}, Desc: "up"},
			{Action: "down", Keys: []string{"j", "down"}, Desc: "down"},
			{Action: "open", Keys: []string{"enter"}, Desc: "read"},
			{Action: "quit", Keys: []string{"q"}, Desc: "quit"},
			{Action: "star", Keys: []string{"*", "S"}, Desc: "star"},
		},
		Theme: Theme{
			Dark:  []Colour{{Token: "text", Hex: "#DDDDDD", Desc: "text"}, {Token: "accent", Hex: "#7AA2F7", Desc: "accent"}},
			Light: []Colour{{Token: "text", Hex: "#222222", Desc: "text"}, {Token: "accent", Hex: "#2E5CB8", Desc: "accent"}},
		},
		Layout:    Layout{WideAbove: 100, ListWidth: 40, ReadingWidth: 100, DateFormat: RelativeDate, Columns: []string{"source", "date"}},
		Behaviour: Behaviour{MarkReadOnOpen: true, RefreshOnStart: true, FullText: []string{}},
		Searches:  map[string]string{},
	}
}

func TestParseSetsWhatTheFileSays(t *testing.T) {
	tests := []struct {
		name   string
		file   string
		change func(c *Config)
	}{
		{"an empty file changes nothing", "", func(*Config) {}},
		{"comments alone change nothing", "# nothing\n[keys]\n# up = []\n", func(*Config) {}},
		{"an action takes a list of keys", "[keys]\nquit = [\"x\", \"ctrl+q\"]\n", func(c *Config) { c.Keys[3].Keys = []string{"x", "ctrl+q"} }},
		{"an action takes one key as a string", "[keys]\nopen = \"o\"\n", func(c *Config) { c.Keys[2].Keys = []string{"o"} }},
		{"an empty list unbinds an action", "[keys]\nstar = []\n", func(c *Config) { c.Keys[4].Keys = nil }},
		{"modifiers are put in the terminal library's order, a key once", "[keys]\nup = [\"alt+ctrl+k\", \"ctrl+alt+k\", \"ctrl++\", \"+\"]\n", func(c *Config) {
			c.Keys[0].Keys = []string{"ctrl+alt+k", "ctrl++", "+"}
		}},
		{"the theme's style and colours", "[theme]\nstyle = \"dracula\"\n[theme.dark]\naccent = \"#ff0000\"\n[theme.light]\ntext = \"#000\"\n", func(c *Config) {
			c.Theme.Style = "dracula"
			c.Theme.Dark[1].Hex = "#ff0000"
			c.Theme.Light[0].Hex = "#000"
		}},
		{"colours as a dotted table inside [theme]", "[theme]\ndark.text = \"#111111\"\n", func(c *Config) { c.Theme.Dark[0].Hex = "#111111" }},
		{"the layout", "[layout]\nwide_above = 120\nlist_width = 30\nreading_width = 0\ndate_format = \"2006-01-02\"\ncolumns = [\"date\"]\n", func(c *Config) {
			c.Layout = Layout{WideAbove: 120, ListWidth: 30, ReadingWidth: 0, DateFormat: "2006-01-02", Columns: []string{"date"}}
		}},
		{"no columns", "[layout]\ncolumns = []\n", func(c *Config) { c.Layout.Columns = []string{} }},
		{"the behaviour", `[behaviour]
mark_read_on_open = false
hide_read = true
refresh_on_start = false
refresh_every = "30m"
browser = "firefox %u"
browser_in_terminal = true
player = "mpv --no-video"
save_dir = "~/saved"
full_text = ["https://lwn.net/*", "https://example.org/feed"]
`, func(c *Config) {
			c.Behaviour = Behaviour{HideRead: true, RefreshEvery: 30 * time.Minute, Browser: "firefox %u", BrowserInTerminal: true,
				Player: "mpv --no-video", SaveDir: "~/saved", FullText: []string{"https://lwn.net/*", "https://example.org/feed"}}
		}},
		{"a refresh interval of 0 turns refreshing off", "[behaviour]\nrefresh_every = \"0\"\n", func(*Config) {}},
		{"saved searches", "[searches]\n\"unread go\" = \"is:unread golang\"\nrust = \"rust\"\n", func(c *Config) {
			c.Searches = map[string]string{"unread go": "is:unread golang", "rust": "rust"}
		}},
		{"good keys of a file with bad ones still apply", "[keys]\nquit = [\"x\"]\nopen = [\"ctrl+\"]\n", func(c *Config) { c.Keys[3].Keys = []string{"x"} }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			want := testDefaults()
			tt.change(&want)
			got, problems := Parse("config.toml", []byte(tt.file), testDefaults(), testStyles)
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("config (-want +got):\n%s", diff)
			}
			if tt.name != "good keys of a file with bad ones still apply" && len(problems) > 0 {
				t.Errorf("problems: %v", problems)
			}
		})
	}
}

func TestParseNamesEveryProblem(t *testing.T) {
	tests := []struct {
		name, file string
		want       []string
		warning    bool
	}{
		{"a key with nothing after its modifier", "[keys]\n\nopen = [\"ctrl+\"]\n", []string{`config.toml:3: keys.open: "ctrl+" is not a key`}, false},
		{"an unknown modifier", "[keys]\nopen = \"cmd+o\"\n", []string{`config.toml:2: keys.open: "cmd+o" is not a key: "cmd" is not a modifier (ctrl, alt, shift, meta, hyper, super)`}, false},
		{"a word that is no key", "[keys]\nopen = [\"enterr\"]\n", []string{`config.toml:2: keys.open: "enterr" is not a key`}, false},
		{"a space for space", "[keys]\nopen = [\" \"]\n", []string{`config.toml:2: keys.open: " " is not a key: write "space"`}, false},
		{"a modifier twice", "[keys]\nopen = [\"ctrl+ctrl+o\"]\n", []string{`config.toml:2: keys.open: "ctrl+ctrl+o" is not a key: ctrl twice`}, false},
		{"keys that are not strings", "[keys]\nopen = [1]\n", []string{`config.toml:2: keys.open: want a list of strings, not the number 1`}, false},
		{"an unknown action names the nearest", "[keys]\nqiut = [\"x\"]\n", []string{`config.toml:2: keys.qiut: unknown action, ignored; did you mean quit?`}, true},
		{"an unknown table names the nearest", "[layot]\nwide_above = 90\n", []string{`config.toml:1: layot: unknown table, ignored; did you mean layout?`}, true},
		{"an unknown key names the nearest", "[layout]\nwide_abov = 90\n", []string{`config.toml:2: layout.wide_abov: unknown key, ignored; did you mean wide_above?`}, true},
		{"an unknown colour names the nearest", "[theme.dark]\naccnt = \"#fff\"\n", []string{`config.toml:2: theme.dark.accnt: unknown colour, ignored; did you mean accent?`}, true},
		{"a colour that is not hex", "[theme.dark]\ntext = \"red\"\n", []string{`config.toml:2: theme.dark.text: "red" is not a colour: #RRGGBB or #RGB`}, false},
		{"an unknown style", "[theme]\nstyle = \"draculla\"\n", []string{`config.toml:2: theme.style: "draculla" is not a style: use ascii, dark, dracula, light or a .json file`}, false},
		{"a missing style file", "[theme]\nstyle = \"/nonexistent/s.json\"\n", []string{`config.toml:2: theme.style: style file "/nonexistent/s.json": no such file or directory`}, false},
		{"a number out of range", "[layout]\nlist_width = 95\n", []string{`config.toml:2: layout.list_width: 95 is out of range: 10 to 90`}, false},
		{"a string for a number", "[layout]\nwide_above = \"wide\"\n", []string{`config.toml:2: layout.wide_above: want a whole number, not "wide"`}, false},
		{"a date format with no date in it", "[layout]\ndate_format = \"today\"\n", []string{`config.toml:2: layout.date_format: "today" is not a date format: "relative" or a Go layout such as "2006-01-02"`}, false},
		{"an unknown column", "[layout]\ncolumns = [\"author\"]\n", []string{`config.toml:2: layout.columns: "author" is not a column: source or date`}, false},
		{"a refresh too often", "[behaviour]\nrefresh_every = \"10s\"\n", []string{`config.toml:2: behaviour.refresh_every: "10s" is too short: at least 1m, or 0 for never`}, false},
		{"a refresh that is no duration", "[behaviour]\nrefresh_every = 30\n", []string{`config.toml:2: behaviour.refresh_every: want a duration such as "30m", not the number 30`}, false},
		{"a yes for true", "[behaviour]\nhide_read = \"yes\"\n", []string{`config.toml:2: behaviour.hide_read: want true or false, not "yes"`}, false},
		{"an empty saved search", "[searches]\nnothing = \"\"\n", []string{`config.toml:2: searches.nothing: an empty query`}, false},
		{"a table given as a value", "keys = 3\n", []string{`config.toml:1: keys: want a table [keys], not the number 3`}, false},
		{"a syntax error leaves the whole file out", "[keys]\nquit = [\"x\"]\nopen = \n", []string{`config.toml:3: keys.open: expected value but found '\n' instead`}, false},
		{"problems come in the order of the lines", "[layout]\nwide_above = 1\n[keys]\nqiut = \"x\"\n", []string{
			`config.toml:2: layout.wide_above: 1 is out of range: 20 to 1000`,
			`config.toml:4: keys.qiut: unknown action, ignored; did you mean quit?`,
		}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, problems := Parse("config.toml", []byte(tt.file), testDefaults(), testStyles)
			var msgs []string
			for _, p := range problems {
				msgs = append(msgs, p.Error())
			}
			if diff := cmp.Diff(tt.want, msgs); diff != "" {
				t.Errorf("problems (-want +got):\n%s", diff)
			}
			if len(problems) == 1 && problems[0].Warning != tt.warning {
				t.Errorf("warning %v, want %v", problems[0].Warning, tt.warning)
			}
			if diff := cmp.Diff(testDefaults(), got); diff != "" {
				t.Errorf("a bad value changed the configuration (-want +got):\n%s", diff)
			}
		})
	}
}

func TestLoad(t *testing.T) {
	dir := t.TempDir()
	t.Run("an absent file is the defaults and no problem", func(t *testing.T) {
		c, problems := Load(filepath.Join(dir, "none.toml"), false, testDefaults(), testStyles)
		if len(problems) > 0 || !cmp.Equal(c, testDefaults()) {
			t.Errorf("problems %v, config %+v", problems, c)
		}
	})
	t.Run("an absent file named on the command line is a problem", func(t *testing.T) {
		path := filepath.Join(dir, "none.toml")
		_, problems := Load(path, true, testDefaults(), testStyles)
		if len(problems) != 1 || problems[0].Error() != path+": cannot be read: no such file or directory" {
			t.Errorf("problems %v", problems)
		}
	})
	t.Run("a file is read", func(t *testing.T) {
		path := filepath.Join(dir, "config.toml")
		if err := os.WriteFile(path, []byte("[keys]\nquit = \"x\"\n"), 0o600); err != nil {
			t.Fatal(err)
		}
		c, problems := Load(path, false, testDefaults(), testStyles)
		if len(problems) > 0 || c.Keys[3].Keys[0] != "x" {
			t.Errorf("problems %v, quit %v", problems, c.Keys[3].Keys)
		}
	})
}

func TestWriteReadsBackToTheSame(t *testing.T) {
	c := testDefaults()
	c.Searches = map[string]string{"unread \"go\"": "is:unread golang", "tabs\tand\\": "x"}
	c.Behaviour.RefreshEvery = 90 * time.Minute
	c.Keys[4].Keys = nil
	c.Accounts = []Account{{Name: "home server", Protocol: "miniflux", URL: "https://rss.example.org", TokenFile: "~/.mf-token"},
		{Name: "work", Protocol: "greader", URL: "http://127.0.0.1:8080/api/greader.php", User: "me", PasswordCommand: "pass show \"rss\""}}
	var b bytes.Buffer
	if err := Write(&b, c, testStyles); err != nil {
		t.Fatal(err)
	}
	got, problems := Parse("printed.toml", b.Bytes(), testDefaults(), testStyles)
	if len(problems) > 0 {
		t.Errorf("problems: %v", problems)
	}
	if diff := cmp.Diff(c, got); diff != "" {
		t.Errorf("read back (-want +got):\n%s\n%s", diff, b.String())
	}
}

func TestMatchFeed(t *testing.T) {
	tests := []struct {
		pattern, url string
		want         bool
	}{
		{"https://lwn.net/headlines/rss", "https://lwn.net/headlines/rss", true},
		{"https://lwn.net/headlines/rss", "https://lwn.net/headlines/newrss", false},
		{"https://lwn.net/*", "https://lwn.net/headlines/rss", true},
		{"*lwn.net*", "https://lwn.net/headlines/rss", true},
		{"https://*.example.org/*.xml", "https://blog.example.org/feed.xml", true},
		{"https://*.example.org/*.xml", "https://blog.example.org/feed.json", false},
		{"https://lwn.net/*", "http://lwn.net/x", false},
	}
	for _, tt := range tests {
		t.Run(tt.pattern+" against "+tt.url, func(t *testing.T) {
			if got := MatchFeed(tt.pattern, tt.url); got != tt.want {
				t.Errorf("got %v", got)
			}
		})
	}
}

func TestKeyLinesFollowsTablesAndMultiLineValues(t *testing.T) {
	text := strings.Join([]string{
		"[keys]",            // 1
		"up = [",            // 2
		"  \"k\", # = here", // 3
		"]",                 // 4
		"\"down\" = \"j\"",  // 5
		"[theme.dark]",      // 6
		"text = \"\"\"",     // 7
		"a = b",             // 8
		"\"\"\"",            // 9
		"accent = \"#fff\"", // 10
	}, "\n")
	want := map[string]int{"keys": 1, "keys.up": 2, "keys.down": 5, "theme.dark": 6, "theme.dark.text": 7, "theme.dark.accent": 10}
	if diff := cmp.Diff(want, keyLines(text)); diff != "" {
		t.Errorf("lines (-want +got):\n%s", diff)
	}
}

func FuzzParse(f *testing.F) {
	var b bytes.Buffer
	if err := Write(&b, testDefaults(), testStyles); err != nil {
		f.Fatal(err)
	}
	f.Add(b.Bytes())
	f.Add([]byte("[keys]\nopen = [\"ctrl+\"]\n[layout]\nwide_above = \"x\"\n"))
	f.Add([]byte("[theme]\ndark.text = 1\n[[keys]]\n"))
	f.Add([]byte("x = \"\"\"\n[keys]\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		c, problems := Parse("fuzz.toml", data, testDefaults(), testStyles)
		if len(c.Keys) != len(testDefaults().Keys) {
			t.Errorf("%d bindings", len(c.Keys))
		}
		for _, p := range problems {
			_ = p.Error()
		}
	})
}

func TestAccounts(t *testing.T) {
	tests := []struct {
		name, file string
		want       []Account
		problem    string // in the one problem expected, or "" for none
	}{
		{name: "a Miniflux account with a token file",
			file: "[accounts.home]\nprotocol = \"miniflux\"\nurl = \"https://rss.example.org\"\ntoken_file = \"/run/token\"\n",
			want: []Account{{Name: "home", Protocol: "miniflux", URL: "https://rss.example.org", TokenFile: "/run/token"}}},
		{name: "a Google Reader account with a password command",
			file: "[accounts.fresh]\nprotocol = \"greader\"\nurl = \"https://fresh.example.org/api/greader.php\"\nuser = \"me\"\npassword_command = \"pass rss\"\n",
			want: []Account{{Name: "fresh", Protocol: "greader", URL: "https://fresh.example.org/api/greader.php", User: "me", PasswordCommand: "pass rss"}}},
		{name: "an account without a secret is refused",
			file: "[accounts.home]\nprotocol = \"miniflux\"\nurl = \"https://rss.example.org\"\n", problem: "never written in this file"},
		{name: "an unknown protocol is refused",
			file: "[accounts.home]\nprotocol = \"fever\"\nurl = \"https://rss.example.org\"\ntoken_file = \"t\"\n", problem: "want one of miniflux, greader"},
		{name: "a Google Reader account needs a user",
			file: "[accounts.home]\nprotocol = \"greader\"\nurl = \"https://rss.example.org\"\npassword_file = \"p\"\n", problem: "needs user"},
		{name: "a password in the file is an unknown key, never taken",
			file: "[accounts.home]\nprotocol = \"miniflux\"\nurl = \"https://rss.example.org\"\ntoken_file = \"t\"\npassword = \"hunter2\"\n",
			want: []Account{{Name: "home", Protocol: "miniflux", URL: "https://rss.example.org", TokenFile: "t"}}, problem: "unknown key"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, problems := Parse("config.toml", []byte(tt.file), testDefaults(), testStyles)
			if diff := cmp.Diff(tt.want, got.Accounts); diff != "" {
				t.Errorf("accounts (-want +got):\n%s", diff)
			}
			switch {
			case tt.problem == "" && len(problems) > 0:
				t.Errorf("problems: %v", problems)
			case tt.problem != "" && (len(problems) != 1 || !strings.Contains(problems[0].Why, tt.problem)):
				t.Errorf("problems %v, want one saying %q", problems, tt.problem)
			}
		})
	}
}
