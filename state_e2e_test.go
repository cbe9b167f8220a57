package main

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// TestReadingIsRememberedAcrossARestart opens a long story, reads on,
// quits, and starts again: the story is read and opens where reading
// stopped.
func TestReadingIsRememberedAcrossARestart(t *testing.T) {
	bin := buildBinary(t)
	dir := t.TempDir()
	var story strings.Builder
	story.WriteString("# A long story\n\n")
	for i := 1; i <= 80; i++ {
		fmt.Fprintf(&story, "Paragraph %d of the long story about the harbour.\n\n", i)
	}
	writeFile(t, filepath.Join(dir, "news", "long.md"), story.String())
	writeFile(t, filepath.Join(dir, "news", "other.md"), "# Another story\n\nShort.\n")
	home := t.TempDir()
	env := []string{
		"XDG_DATA_HOME=" + filepath.Join(home, "data"),
		"XDG_CONFIG_HOME=" + filepath.Join(home, "config"),
		"XDG_CACHE_HOME=" + filepath.Join(home, "cache"),
	}
	news := filepath.Join(dir, "news")

	first := startTerminal(t, bin, terminalOptions{args: []string{news}, env: env, width: 80, height: 20})
	first.waitText(t, "A long story")
	first.waitText(t, "2 unread")
	// Open (narrow: the reader alone).
	first.pressUntil(t, "\r", "the story", func(s string) bool { return strings.Contains(s, "Paragraph 1 ") })
	first.press(" ") // two pages down
	first.waitFor(t, "a page down", 10*time.Second, func(s string) bool { return firstParagraph(s) != "Paragraph 1" })
	first.press(" ")
	screen := first.waitFor(t, "two pages down", 10*time.Second, func(s string) bool {
		n := 0
		fmt.Sscanf(firstParagraph(s), "Paragraph %d", &n)
		return n > 12
	})
	top := firstParagraph(screen)
	first.press("q") // back to the list
	first.waitText(t, "1 unread")
	first.press("q")
	if err := first.waitExit(t); err != nil {
		t.Fatalf("first run: %v", err)
	}

	second := startTerminal(t, bin, terminalOptions{args: []string{news}, env: env, width: 80, height: 20})
	second.waitText(t, "1 unread")
	second.pressUntil(t, "\r", "the story", func(s string) bool { return strings.Contains(s, "%") })
	second.waitFor(t, top+" at the top", 10*time.Second, func(s string) bool { return firstParagraph(s) == top })
	second.press("q")
	second.press("q")
	if err := second.waitExit(t); err != nil {
		t.Fatalf("second run: %v", err)
	}
}

// firstParagraph is the first "Paragraph N" on a screen.
func firstParagraph(screen string) string {
	for _, line := range strings.Split(screen, "\n") {
		if i := strings.Index(line, "Paragraph "); i >= 0 {
			f := strings.Fields(line[i:])
			if len(f) >= 2 {
				return f[0] + " " + f[1]
			}
		}
	}
	return ""
}

func TestAStateFileThatIsNotOursIsMovedAsideAndSaidSo(t *testing.T) {
	bin := buildBinary(t)
	db := filepath.Join(t.TempDir(), "newsread.db")
	writeFile(t, db, strings.Repeat("not a database\n", 100))
	out, stderr, err := runWith(t, isolatedEnv(t), bin, "", "--db", db, "examples")
	if err != nil || !strings.Contains(out, "Harbour reopens") {
		t.Fatalf("the articles were not listed: %v\n%s", err, out)
	}
	if !strings.Contains(stderr, "moved to") {
		t.Errorf("nothing says the file was moved aside: %q", stderr)
	}
	moved, _ := filepath.Glob(db + ".broken-*")
	if len(moved) != 1 {
		t.Fatalf("want the old file kept beside, got %v", moved)
	}
}

func TestStateMovesOutAndBackIn(t *testing.T) {
	bin := buildBinary(t)
	home := t.TempDir()
	dbA, dbB := filepath.Join(home, "a.db"), filepath.Join(home, "b.db")
	// Read one article in a first store, through the screen.
	term := startTerminal(t, bin, terminalOptions{args: []string{"--db", dbA, "examples"}, width: 80, height: 20})
	term.waitText(t, "unread")
	term.pressUntil(t, "\r", "the reader", func(s string) bool { return strings.Contains(s, "%") })
	term.press("q")
	term.waitText(t, "5 unread")
	term.press("q")
	if err := term.waitExit(t); err != nil {
		t.Fatal(err)
	}
	exported, stderr, err := runWith(t, isolatedEnv(t), bin, "", "--db", dbA, "--export-state")
	if err != nil || strings.Count(exported, "\n") != 1 || !strings.Contains(exported, `"read":true`) {
		t.Fatalf("export: %v %s\n%s", err, stderr, exported)
	}
	in := filepath.Join(home, "state.jsonl")
	writeFile(t, in, exported)
	for range 2 { // twice: no duplicates
		if _, stderr, err := runWith(t, isolatedEnv(t), bin, "", "--db", dbB, "--import-state", in); err != nil {
			t.Fatalf("import: %v %s", err, stderr)
		}
	}
	again, _, _ := runWith(t, isolatedEnv(t), bin, "", "--db", dbB, "--export-state")
	if again != exported {
		t.Errorf("the round trip changed the state:\n%s\n%s", exported, again)
	}
}

func TestSearchFindsArchivedFeedItems(t *testing.T) {
	bin := buildBinary(t)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte(`<?xml version="1.0"?><rss version="2.0"><channel><title>Gazette</title>
<item><title>Harbour reopens</title><guid>urn:1</guid><pubDate>Mon, 02 Mar 2026 10:00:00 GMT</pubDate><description>The breakwater is mended.</description></item>
<item><title>Night trains return</title><guid>urn:2</guid><pubDate>Tue, 03 Mar 2026 10:00:00 GMT</pubDate><description>Sleepers run north.</description></item>
</channel></rss>`))
	}))
	defer srv.Close()
	env := isolatedEnv(t)
	if _, stderr, err := runWith(t, env, bin, "", "--json", srv.URL+"/feed.xml"); err != nil {
		t.Fatalf("reading the feed: %v\n%s", err, stderr)
	}
	tests := []struct {
		query string
		want  []string
		code  int
	}{
		{"harbour", []string{"Harbour reopens"}, exitOK},
		{"breakwater", []string{"Harbour reopens"}, exitOK},
		{"title:night", []string{"Night trains return"}, exitOK},
		{"after:2026-03-03", []string{"Night trains return"}, exitOK},
		{"is:unread -harbour", []string{"Night trains return"}, exitOK},
		{"lighthouse", nil, exitFailure},
		{`"unbalanced`, nil, exitBadUsage},
		{"bogus:thing", nil, exitBadUsage},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			out, stderr, err := runWith(t, env, bin, "", "--search", tt.query)
			if code := exitCode(t, err); code != tt.code {
				t.Fatalf("exit %d, want %d\n%s%s", code, tt.code, out, stderr)
			}
			lines := strings.Split(strings.TrimSpace(out), "\n")
			if len(tt.want) == 0 {
				if out != "" {
					t.Errorf("printed %q", out)
				}
				return
			}
			if len(lines) != len(tt.want) || !strings.Contains(lines[0], tt.want[0]) {
				t.Errorf("got %q, want %q", lines, tt.want)
			}
		})
	}
}

func TestARefreshInAnotherProcessShowsOnTheOpenScreen(t *testing.T) {
	bin := buildBinary(t)
	var extra atomic.Bool
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		item := ""
		if extra.Load() {
			item = `<item><title>Lighthouse relit at last</title><guid>urn:new</guid><pubDate>Wed, 04 Mar 2026 10:00:00 GMT</pubDate><description>&lt;p&gt;The keepers came back.&lt;/p&gt;</description></item>`
		}
		w.Write([]byte(`<?xml version="1.0"?><rss version="2.0"><channel><title>Gazette</title>` + item +
			`<item><title>Harbour reopens</title><guid>urn:1</guid><pubDate>Mon, 02 Mar 2026 10:00:00 GMT</pubDate></item></channel></rss>`))
	}))
	defer srv.Close()
	home := t.TempDir()
	env := []string{
		"XDG_DATA_HOME=" + filepath.Join(home, "data"),
		"XDG_CONFIG_HOME=" + filepath.Join(home, "config"),
		"XDG_CACHE_HOME=" + filepath.Join(home, "cache"),
	}
	writeFile(t, filepath.Join(home, "config", "newsread", "urls"), srv.URL+"/feed.xml\n")

	term := startTerminal(t, bin, terminalOptions{env: env, width: 100, height: 20})
	term.waitText(t, "Harbour reopens")
	term.waitFor(t, "the first load to end", 10*time.Second, func(s string) bool { return !strings.Contains(s, "loading") && !strings.Contains(s, "refreshing") })

	extra.Store(true)
	out, stderr, err := runWith(t, append(isolatedEnv(t), env...), bin, "", "--refresh")
	if err != nil || !strings.Contains(out, "1 new") {
		t.Fatalf("--refresh: %v\n%s%s", err, out, stderr)
	}
	term.waitFor(t, "the new item on the open screen", 15*time.Second, func(s string) bool { return strings.Contains(s, "Lighthouse relit") })
	term.press("q")
	if err := term.waitExit(t); err != nil {
		t.Fatal(err)
	}
	// The text --refresh brought is searched too.
	found, stderr, err := runWith(t, append(isolatedEnv(t), env...), bin, "", "--search", "keepers")
	if err != nil || !strings.Contains(found, "Lighthouse relit") {
		t.Errorf("--search in the text of a refreshed item: %v\n%s%s", err, found, stderr)
	}
}

func TestItemsThatLeftTheirFeedStayListed(t *testing.T) {
	bin := buildBinary(t)
	var later atomic.Bool
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		items := `<item><title>Harbour reopens</title><guid>urn:1</guid><pubDate>Mon, 02 Mar 2026 10:00:00 GMT</pubDate></item>`
		if later.Load() {
			items = `<item><title>Night trains return</title><guid>urn:2</guid><pubDate>Tue, 03 Mar 2026 10:00:00 GMT</pubDate></item>`
		}
		w.Write([]byte(`<?xml version="1.0"?><rss version="2.0"><channel><title>Gazette</title>` + items + `</channel></rss>`))
	}))
	defer srv.Close()
	env := isolatedEnv(t)
	writeFile(t, filepath.Join(envValue(env, "XDG_CONFIG_HOME"), "newsread", "urls"), srv.URL+"/feed.xml\n")
	runWith(t, env, bin, "") // lists the first item, which the archive keeps
	later.Store(true)        // the feed now carries only the second
	out, stderr, err := runWith(t, env, bin, "")
	if err != nil || !strings.Contains(out, "Harbour reopens") || !strings.Contains(out, "Night trains return") {
		t.Fatalf("want the item that left the feed listed beside the current one: %v\n%s%s", err, out, stderr)
	}
	if n := strings.Count(out, "\n"); n != 2 {
		t.Errorf("%d lines, want 2 (each item once):\n%s", n, out)
	}
	jsonl, stderr, err := runWith(t, env, bin, "", "--json")
	if err != nil || strings.Count(jsonl, "\n") != 2 {
		t.Errorf("--json with an archived item whose text was not kept: %v\n%s%s", err, jsonl, stderr)
	}
}

func TestMarksMadeByAnotherNewsreadShowOnTheOpenScreen(t *testing.T) {
	bin := buildBinary(t)
	home := t.TempDir()
	db := filepath.Join(home, "state.db")
	term := startTerminal(t, bin, terminalOptions{args: []string{"--db", db, "examples"}, width: 100, height: 20})
	term.waitText(t, "6 unread")
	// Another newsread marks one of the articles read (a file is known
	// by its absolute path).
	id, err := filepath.Abs(filepath.Join("examples", "night-trains-return.md"))
	if err != nil {
		t.Fatal(err)
	}
	in := filepath.Join(home, "state.jsonl")
	writeFile(t, in, `{"id":"`+id+`","read":true}`+"\n")
	if _, stderr, err := runWith(t, isolatedEnv(t), bin, "", "--db", db, "--import-state", in); err != nil {
		t.Fatalf("import: %v %s", err, stderr)
	}
	term.waitFor(t, "the mark made elsewhere", 15*time.Second, func(s string) bool { return strings.Contains(s, "5 unread") })
	term.press("q")
	if err := term.waitExit(t); err != nil {
		t.Fatal(err)
	}
}

// The words of everything on the screen are searched: the body of a file
// in a folder, the text of a feed item the screen fetched itself (not
// --refresh), and an article piped in.
func TestTheFilterSearchesTheTextOfFilesFeedItemsAndPipedArticles(t *testing.T) {
	bin := buildBinary(t)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte(`<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Gazette</title>
<item><title>Ferry timetable changes</title><guid>urn:ferry</guid><pubDate>Mon, 02 Mar 2026 10:00:00 GMT</pubDate><description>Short summary.</description><content:encoded>&lt;p&gt;The winter crossings stop at Quillane pier.&lt;/p&gt;</content:encoded></item>
<item><title>Bridge closure</title><guid>urn:bridge</guid><pubDate>Sun, 01 Mar 2026 10:00:00 GMT</pubDate><description>Short summary.</description><content:encoded>&lt;p&gt;Tolls end at Carrowmore.&lt;/p&gt;</content:encoded></item>
</channel></rss>`))
	}))
	defer srv.Close()
	home := t.TempDir()
	dir := filepath.Join(home, "news")
	old := time.Now().Add(-time.Hour) // older than the index's racy window
	for name, text := range map[string]string{
		"harbour.md":  "# Harbour reopens\n\nThe breakwater was rebuilt with Kilkenny granite.\n",
		"council.txt": "Council budget\n\nThe vote on the levy was postponed.\n",
	} {
		writeFile(t, filepath.Join(dir, name), text)
		os.Chtimes(filepath.Join(dir, name), old, old)
	}
	env := []string{
		"XDG_DATA_HOME=" + filepath.Join(home, "data"),
		"XDG_CONFIG_HOME=" + filepath.Join(home, "config"),
		"XDG_CACHE_HOME=" + filepath.Join(home, "cache"),
	}
	search := func(term *terminal, word, want, notWant string) {
		t.Helper()
		term.press("/")
		for _, r := range word {
			term.press(string(r))
		}
		term.waitFor(t, want+" found by "+word, 15*time.Second, func(s string) bool {
			return strings.Contains(s, "1/4 match") && strings.Contains(s, want) && !strings.Contains(s, notWant)
		})
		term.press("\x1b")
		term.waitFor(t, "the filter cleared", 10*time.Second, func(s string) bool { return !strings.Contains(s, "match") })
	}
	// The first start fills the directory index; what it lists is
	// indexed for search as it is stored.
	term := startTerminal(t, bin, terminalOptions{env: env, args: []string{dir, srv.URL + "/feed.xml"}, width: 100, height: 20})
	term.waitText(t, "Ferry timetable")
	// The item on screen is opened in the reader; the other one's text
	// comes only with the fetch.
	search(term, "carrowmore", "Bridge closure", "Harbour reopens")
	search(term, "granite", "Harbour reopens", "Bridge closure")
	term.press("q")
	if err := term.waitExit(t); err != nil {
		t.Fatal(err)
	}

	piped := strings.NewReader("Lighthouse relit\n\nThe keepers came back to Ardnamurchan at dawn.\n")
	term = startTerminal(t, bin, terminalOptions{env: env, args: []string{"-"}, stdin: piped, width: 100, height: 20})
	term.waitText(t, "keepers came back")
	term.press("\x1b") // back to the list, then quit
	term.waitFor(t, "the list", 10*time.Second, func(s string) bool { return strings.Contains(s, "enter read") })
	term.press("q")
	if err := term.waitExit(t); err != nil {
		t.Fatal(err)
	}
	found, stderr, err := runWith(t, append(isolatedEnv(t), env...), bin, "", "--search", "ardnamurchan")
	if err != nil || !strings.Contains(found, "Lighthouse relit") {
		t.Errorf("--search for a word of the piped article: %v\n%s%s", err, found, stderr)
	}
}
