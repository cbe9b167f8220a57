package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"newsread/remote/remotetest"
)

// The whole program with accounts on a real Miniflux (remotetest): one
// server for the package, a user a test, each test through both
// protocols.

func TestMain(m *testing.M) {
	code := m.Run()
	remotetest.Stop()
	os.Exit(code)
}

// accountProtocols is the table the account tests run over.
var accountProtocols = []struct{ name, protocol string }{
	{"Miniflux", "miniflux"},
	{"Google Reader", "greader"},
}

// accountWorld is a user on the real server with a feed of three
// stories ("desk story 1" to 3, the third the newest), and an isolated
// environment whose config.toml declares the user as account "home".
type accountWorld struct {
	user *remotetest.User
	desk int64    // the server's id of the feed subscribed
	url  string   // the account's url in config.toml
	env  []string // XDG folders of the test's own
}

// newAccountWorld makes the user and the configuration. url is the
// server's address in the configuration ("" for the server's own);
// secret replaces the user's secret when not "".
func newAccountWorld(t *testing.T, protocol, url, secret string) *accountWorld {
	t.Helper()
	u := remotetest.NewUser(t)
	_, desk := u.Subscribe(t, "desk", "News", 3)
	if url == "" {
		url = u.URL
	}
	home := t.TempDir()
	secretFile := filepath.Join(t.TempDir(), "secret")
	var account string
	switch protocol {
	case "miniflux":
		if secret == "" {
			secret = u.Token
		}
		account = "token_file = " + tomlString(secretFile)
	default:
		if secret == "" {
			secret = u.Password
		}
		account = "user = " + tomlString(u.Name) + "\npassword_file = " + tomlString(secretFile)
	}
	writeFile(t, secretFile, secret+"\n")
	writeFile(t, filepath.Join(home, "config", "newsread", "config.toml"),
		"[accounts.home]\nprotocol = "+tomlString(protocol)+"\nurl = "+tomlString(url)+"\n"+account+"\n")
	env := append(isolatedEnv(t),
		"XDG_CONFIG_HOME="+filepath.Join(home, "config"),
		"XDG_CACHE_HOME="+filepath.Join(home, "cache"),
		"XDG_DATA_HOME="+filepath.Join(home, "data"))
	return &accountWorld{user: u, desk: desk, url: url, env: env}
}

func tomlString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// xdg is the part of env that names the test's folders, for a terminal.
func (w *accountWorld) xdg() []string { return w.env[len(w.env)-3:] }

// xdgConfig is the test's XDG_CONFIG_HOME.
func (w *accountWorld) xdgConfig() string { return strings.TrimPrefix(w.xdg()[0], "XDG_CONFIG_HOME=") }

// run runs newsread in the world and returns its output and exit status.
func (w *accountWorld) run(t *testing.T, args ...string) (stdout, stderr string, status int) {
	t.Helper()
	stdout, stderr, err := runWith(t, w.env, buildBinary(t), "", args...)
	var exit *exec.ExitError
	switch {
	case errors.As(err, &exit):
		status = exit.ExitCode()
	case err != nil:
		t.Fatalf("newsread %v: %v", args, err)
	}
	return stdout, stderr, status
}

// refresh runs newsread --refresh and wants it to exit with status.
func (w *accountWorld) refresh(t *testing.T, status int) string {
	t.Helper()
	out, stderr, got := w.run(t, "--refresh")
	if got != status {
		t.Fatalf("--refresh exited %d, want %d\nstdout: %s\nstderr: %s", got, status, out, stderr)
	}
	return out
}

// entry is the server's entry of the story titled title.
func (w *accountWorld) entry(t *testing.T, title string) remotetest.Entry {
	t.Helper()
	for _, e := range w.user.Entries(t) {
		if e.Title == title {
			return e
		}
	}
	t.Fatalf("no entry %q on the server", title)
	return remotetest.Entry{}
}

// storedStates are the read and starred marks newsread's store keeps,
// by link, as --export-state writes them (no sync).
func (w *accountWorld) storedStates(t *testing.T) map[string][2]bool {
	t.Helper()
	out, stderr, status := w.run(t, "--export-state")
	if status != 0 {
		t.Fatalf("--export-state: %d %s", status, stderr)
	}
	states := map[string][2]bool{}
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		if line == "" {
			continue
		}
		var l struct {
			Link          string
			Read, Starred bool
		}
		if err := json.Unmarshal([]byte(line), &l); err != nil {
			t.Fatalf("%q: %v", line, err)
		}
		states[l.Link] = [2]bool{l.Read, l.Starred}
	}
	return states
}

// screen starts newsread in a pseudo-terminal, wide enough for a
// problem's whole line.
func (w *accountWorld) screen(t *testing.T) *terminal {
	t.Helper()
	return startTerminal(t, buildBinary(t), terminalOptions{env: w.xdg(), width: 220, height: 30})
}

// quit leaves the reader and the list, and wants newsread to exit well.
func quit(t *testing.T, term *terminal) {
	t.Helper()
	term.press("\x1b")
	term.waitText(t, "enter read")
	quitWith(t, term, "q")
}

// quitWith presses keys and wants newsread to exit well.
func quitWith(t *testing.T, term *terminal, keys ...string) {
	t.Helper()
	for _, k := range keys {
		term.press(k)
	}
	if err := term.waitExit(t); err != nil {
		t.Fatalf("newsread exited with %v", err)
	}
}

func TestAnAccountsItemsAreListedWithoutASource(t *testing.T) {
	for _, p := range accountProtocols {
		t.Run(p.name+": --json lists the server's stories with their text", func(t *testing.T) {
			w := newAccountWorld(t, p.protocol, "", "")
			out, stderr, status := w.run(t, "--json")
			if status != 0 {
				t.Fatalf("--json exited %d: %s", status, stderr)
			}
			for _, want := range []string{"desk story 1", "desk story 2", "desk story 3", "Text of desk story 2"} {
				if !strings.Contains(out, want) {
					t.Errorf("%q is not in the output:\n%s", want, out)
				}
			}
			if n := strings.Count(strings.TrimSpace(out), "\n") + 1; n != 3 {
				t.Errorf("%d lines, want 3:\n%s", n, out)
			}
		})
	}
}

func TestMarksMadeInNewsreadReachTheServerAtTheNextSync(t *testing.T) {
	for _, p := range accountProtocols {
		t.Run(p.name+": the story opened is read there, the one starred starred", func(t *testing.T) {
			w := newAccountWorld(t, p.protocol, "", "")
			term := w.screen(t)
			term.waitText(t, "desk story 1")
			term.waitText(t, "3 unread")
			// The list opens on the newest: open it (read), back, down to
			// the next, star it.
			term.pressUntil(t, "\r", "the story open", func(s string) bool { return strings.Contains(s, "Text of desk story 3") })
			term.waitText(t, "2 unread")
			term.press("\x1b")
			term.waitText(t, "enter read")
			term.press("j")
			term.press("*")
			term.waitText(t, "★")
			quitWith(t, term, "q")
			// The status bar's count has the account's items.
			if out, stderr, status := w.run(t, "--unread"); status != 0 || strings.TrimSpace(out) != "2" {
				t.Errorf("--unread printed %q and exited %d (%s), want 2", out, status, stderr)
			}
			out := w.refresh(t, 0)
			// The screen may have sent the marks already (it does within
			// moments); the sync sends what it left.
			if !strings.Contains(out, "synced\taccount home\t") {
				t.Errorf("--refresh said %q; want the account synced", out)
			}
			for _, c := range []struct {
				title   string
				status  string
				starred bool
			}{
				{"desk story 3", "read", false},
				{"desk story 2", "unread", true},
				{"desk story 1", "unread", false},
			} {
				if e := w.entry(t, c.title); e.Status != c.status || e.Starred != c.starred {
					t.Errorf("%s is %s, starred %v on the server; want %s, starred %v", c.title, e.Status, e.Starred, c.status, c.starred)
				}
			}
		})
	}
}

func TestMarksMadeOnTheServerShowAfterARefresh(t *testing.T) {
	for _, p := range accountProtocols {
		t.Run(p.name+": read and starred there, read and starred here", func(t *testing.T) {
			w := newAccountWorld(t, p.protocol, "", "")
			w.refresh(t, 0)
			one, two := w.entry(t, "desk story 1"), w.entry(t, "desk story 2")
			w.user.SetStatus(t, []int64{one.ID}, "read")
			w.user.SetStarred(t, []int64{two.ID}, true)
			if out := w.refresh(t, 0); !strings.Contains(out, "2 changed on the server") {
				t.Errorf("--refresh said %q; want 2 changed on the server", out)
			}
			states := w.storedStates(t)
			three := w.entry(t, "desk story 3")
			for _, c := range []struct {
				link string
				want [2]bool
				what string
			}{
				{one.URL, [2]bool{true, false}, "the story read on the server"},
				{two.URL, [2]bool{false, true}, "the story starred on the server"},
				{three.URL, [2]bool{false, false}, "the story left alone"},
			} {
				if got := states[c.link]; got != c.want {
					t.Errorf("%s is (read, starred) %v in newsread, want %v", c.what, got, c.want)
				}
			}
		})
	}
}

func TestMarksMadeWhileTheServerIsAwayAreSentWhenItIsBack(t *testing.T) {
	for _, p := range accountProtocols {
		t.Run(p.name+": the mark waits, --refresh fails, then sends it", func(t *testing.T) {
			u := remotetest.Start(t)
			proxy := remotetest.NewProxy(t, u.URL)
			w := newAccountWorld(t, p.protocol, proxy.URL(), "")
			w.refresh(t, 0)
			proxy.Stop()
			term := w.screen(t)
			term.waitText(t, "desk story 1") // from the store
			term.waitText(t, "1 problem")    // the sync
			term.pressUntil(t, "\r", "the story open", func(s string) bool { return strings.Contains(s, "Text of desk story 3") })
			term.waitText(t, "2 unread")
			quit(t, term)
			out := w.refresh(t, 1)
			if !strings.HasPrefix(out, "error\taccount home\t") || !strings.Contains(out, proxy.URL()) {
				t.Errorf("--refresh with the server away said %q; want an error line naming %s", out, proxy.URL())
			}
			if e := w.entry(t, "desk story 3"); e.Status != "unread" {
				t.Fatalf("the story is %s on the server before it was sent", e.Status)
			}
			proxy.Start(t)
			if out := w.refresh(t, 0); !strings.Contains(out, "1 marks sent") {
				t.Errorf("--refresh with the server back said %q; want 1 mark sent", out)
			}
			if e := w.entry(t, "desk story 3"); e.Status != "read" {
				t.Errorf("the story is %s on the server, want read", e.Status)
			}
		})
	}
}

func TestTheScreenSendsWaitingMarksWhenTheServerIsBack(t *testing.T) {
	for _, p := range accountProtocols {
		t.Run(p.name+": a mark made while it is away is sent by r once it is back", func(t *testing.T) {
			u := remotetest.Start(t)
			proxy := remotetest.NewProxy(t, u.URL)
			w := newAccountWorld(t, p.protocol, proxy.URL(), "")
			w.refresh(t, 0)
			proxy.Stop()
			term := w.screen(t)
			term.waitText(t, "1 problem")
			term.pressUntil(t, "\r", "the story open", func(s string) bool { return strings.Contains(s, "Text of desk story 3") })
			term.waitText(t, "2 unread")
			term.press("\x1b")
			if s := term.waitText(t, "enter read"); strings.Contains(s, "refreshed") {
				t.Fatalf("the screen says refreshed before r:\n%s", s)
			}
			proxy.Start(t)
			term.press("r")
			term.waitText(t, "refreshed") // the run has ended
			if e := w.entry(t, "desk story 3"); e.Status != "read" {
				t.Errorf("the story is %s on the server after r, want read", e.Status)
			}
			quitWith(t, term, "q")
		})
	}
}

func TestAWrongAccountSecretIsAPlainError(t *testing.T) {
	for _, p := range accountProtocols {
		t.Run(p.name+": --refresh and the problems view say the credentials were refused", func(t *testing.T) {
			w := newAccountWorld(t, p.protocol, "", "not-the-secret")
			out := w.refresh(t, 1)
			msg, ok := strings.CutPrefix(strings.TrimSpace(out), "error\taccount home\t")
			if !ok || !strings.Contains(msg, "refused the credentials") {
				t.Fatalf("--refresh said %q; want error, the account, refused the credentials", out)
			}
			term := w.screen(t)
			term.waitText(t, "1 problem")
			term.press("!")
			screen := term.waitText(t, "account home ("+w.url+")")
			if !strings.Contains(screen, msg) {
				t.Errorf("the problems view does not say %q:\n%s", msg, screen)
			}
			quitWith(t, term, "q", "q")
		})
	}
}

func TestRefreshSaysWhatEachSyncDid(t *testing.T) {
	for _, p := range accountProtocols {
		t.Run(p.name+": the items that came, then none, and the requests each took", func(t *testing.T) {
			w := newAccountWorld(t, p.protocol, "", "")
			for _, want := range []string{"3 items, 0 marks sent, 0 changed on the server", "0 items, 0 marks sent, 0 changed on the server"} {
				out := w.refresh(t, 0)
				var requests int
				_, after, _ := strings.Cut(out, want+" (")
				if _, err := fmt.Sscanf(after, "%d requests)", &requests); err != nil || !strings.HasPrefix(out, "synced\taccount home\t"+want) {
					t.Fatalf("--refresh said %q; want %q and the requests", out, want)
				}
				if requests < 2 {
					t.Errorf("--refresh said %q: %d requests, want the sync's (at least its items and states)", out, requests)
				}
			}
		})
	}
}

func TestAMarkMadeOnTheScreenReachesTheServerWithoutASync(t *testing.T) {
	for _, p := range accountProtocols {
		t.Run(p.name+": the story opened is read there moments later", func(t *testing.T) {
			w := newAccountWorld(t, p.protocol, "", "")
			term := w.screen(t)
			term.waitText(t, "3 unread")
			term.pressUntil(t, "\r", "the story open", func(s string) bool { return strings.Contains(s, "Text of desk story 3") })
			term.waitText(t, "2 unread")
			// The server is asked, not told: look until it says so.
			deadline := time.Now().Add(15 * time.Second)
			for w.entry(t, "desk story 3").Status != "read" {
				if time.Now().After(deadline) {
					t.Fatal("the story opened is still unread on the server 15 s later")
				}
				time.Sleep(100 * time.Millisecond)
			}
			quit(t, term)
		})
	}
}

func TestSubscriptionsMoveBetweenTheUrlsFileAndTheServer(t *testing.T) {
	for _, p := range accountProtocols {
		t.Run(p.name+": the server's feeds into the urls file, and the file's onto the server", func(t *testing.T) {
			w := newAccountWorld(t, p.protocol, "", "")
			urls := filepath.Join(w.xdgConfig(), "newsread", "urls")
			// One feed of the file the server lacks, one it has.
			desk := w.user.FeedPrefix + "desk.xml"
			extra, _ := w.user.Server().ServeFeed(w.user.FeedPrefix+"extra.xml", "extra", 2, time.Time{})
			var serverFeeds []struct {
				FeedURL string `json:"feed_url"`
			}
			w.user.REST(t, "GET", "/v1/feeds", nil, &serverFeeds)
			if len(serverFeeds) != 1 || !strings.HasSuffix(serverFeeds[0].FeedURL, desk) {
				t.Fatalf("the server starts with %v, want the desk feed only", serverFeeds)
			}
			writeFile(t, urls, extra+" local\n")

			out, stderr, status := w.run(t, "--import-account", "home")
			if status != 0 || !strings.Contains(out, "added 1 feed of 1 from account home") {
				t.Fatalf("--import-account exited %d: %s %s", status, out, stderr)
			}
			data, err := os.ReadFile(urls)
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(string(data), serverFeeds[0].FeedURL+" News") || !strings.Contains(string(data), extra+" local") {
				t.Errorf("urls file after the import:\n%s\nwant the server's feed tagged News beside the file's own", data)
			}

			out, stderr, status = w.run(t, "--export-account", "home")
			if status != 0 || !strings.Contains(out, "subscribed account home to 1 feed of 2 (1 already there, 0 refused)") {
				t.Fatalf("--export-account exited %d: %s %s", status, out, stderr)
			}
			serverFeeds = nil
			w.user.REST(t, "GET", "/v1/feeds", nil, &serverFeeds)
			var got []string
			for _, f := range serverFeeds {
				got = append(got, f.FeedURL)
			}
			if len(got) != 2 || !slices.Contains(got, extra) {
				t.Errorf("the server has %v, want the desk feed and %s", got, extra)
			}
			if _, stderr, status := w.run(t, "--import-account", "work"); status != 1 || !strings.Contains(stderr, `no account "work": the configuration names home`) {
				t.Errorf("an unknown account exited %d: %s", status, stderr)
			}
		})
	}
}

func TestItemsARefreshElsewhereSyncedJoinTheOpenScreen(t *testing.T) {
	for _, p := range accountProtocols {
		t.Run(p.name+": a --refresh from cron while the screen is open", func(t *testing.T) {
			w := newAccountWorld(t, p.protocol, "", "")
			term := w.screen(t)
			term.waitText(t, "3 unread")
			w.user.AddItems(t, "desk", w.desk, 5, time.Time{})
			if out := w.refresh(t, 0); !strings.Contains(out, "5 items") {
				t.Fatalf("the second process synced %q, want the 5 new items", out)
			}
			term.waitText(t, "8 unread")
			quitWith(t, term, "q")
		})
	}
}
