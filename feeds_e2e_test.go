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
)

// testFeed is an RSS feed with HTML content, a relative link and an
// escape sequence in a title that must never reach the terminal.
const testFeed = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel>
<title>Loopback News</title><link>%[1]s/</link>
<item><title>Ferry service resumes after repairs</title><link>/ferry</link>
<guid>%[1]s/ferry</guid><pubDate>Tue, 24 Nov 2026 09:00:00 GMT</pubDate>
<description><![CDATA[<p>The <b>ferry</b> returned to the island route on Tuesday.</p>
<p>Passengers queued from dawn; the first crossing took forty minutes.</p>
<table><tr><th>Route</th><th>Crossings</th></tr><tr><td>North</td><td>12</td></tr></table>]]></description></item>
<item><title>Evil &#x1b;]0;pwned&#x07;title</title><link>%[1]s/evil</link>
<pubDate>Mon, 23 Nov 2026 09:00:00 GMT</pubDate><description>Nothing to see.</description></item>
</channel></rss>`

// feedServer serves testFeed with an ETag, counting full responses.
type feedServer struct {
	*httptest.Server
	full atomic.Int32
}

func newFeedServer(t *testing.T) *feedServer {
	s := &feedServer{}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/always.xml":
			fmt.Fprintf(w, testFeed, "http://"+r.Host)
			return
		case "/feed.xml":
		default:
			http.NotFound(w, r)
			return
		}
		if r.Header.Get("If-None-Match") == `"v1"` {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		s.full.Add(1)
		w.Header().Set("ETag", `"v1"`)
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprintf(w, testFeed, "http://"+r.Host)
	}))
	t.Cleanup(s.Close)
	return s
}

func TestAFeedByURLIsListedOpenedAndRead(t *testing.T) {
	bin := buildBinary(t)
	srv := newFeedServer(t)
	term := startTerminal(t, bin, terminalOptions{args: []string{srv.URL + "/feed.xml"}, width: 120, height: 40})
	term.waitText(t, "Ferry service resumes after repairs")
	term.waitText(t, "2 articles")
	term.press("\r")
	screen := term.waitText(t, "returned to the island route")
	if !strings.Contains(screen, "Loopback News") {
		t.Errorf("the reader does not name the feed:\n%s", screen)
	}
	if !strings.Contains(screen, srv.URL+"/ferry") {
		t.Errorf("the relative link was not made absolute:\n%s", screen)
	}
	if strings.Contains(term.rawOutput(), "pwned") {
		t.Errorf("an escape sequence's payload from a feed title reached the terminal")
	}
	term.press("q")
	term.waitText(t, "enter read")
	term.press("q")
	if err := term.waitExit(t); err != nil {
		t.Fatalf("newsread exited with %v", err)
	}
}

func TestSubscriptionsRefreshImportExportAndOffline(t *testing.T) {
	bin := buildBinary(t)
	srv := newFeedServer(t)
	env := isolatedEnv(t)
	config := envValue(env, "XDG_CONFIG_HOME")
	feedURL := srv.URL + "/feed.xml"
	dead := "http://127.0.0.1:1/closed.xml"

	opml := filepath.Join(t.TempDir(), "subs.opml")
	writeFile(t, opml, `<?xml version="1.0"?><opml version="2.0"><head><title>mine</title></head><body>
<outline text="News"><outline type="rss" text="Loopback" xmlUrl="`+feedURL+`"/></outline>
<outline type="rss" text="Gone" xmlUrl="`+dead+`"/></body></opml>`)

	t.Run("import adds the feeds of an OPML file once", func(t *testing.T) {
		out, stderr, err := runWith(t, env, bin, "", "--import-opml", opml)
		if err != nil || !strings.Contains(out, "added 2") {
			t.Fatalf("import: %v %q %q", err, out, stderr)
		}
		out, _, err = runWith(t, env, bin, "", "--import-opml", opml)
		if err != nil || !strings.Contains(out, "added 0") {
			t.Fatalf("second import: %v %q", err, out)
		}
		urls, err := os.ReadFile(filepath.Join(config, "newsread", "urls"))
		if err != nil {
			t.Fatal(err)
		}
		if strings.Count(string(urls), feedURL) != 1 || !strings.Contains(string(urls), "News") {
			t.Errorf("urls file:\n%s", urls)
		}
	})
	t.Run("export writes OPML 2.0 with every feed", func(t *testing.T) {
		out, _, err := runWith(t, env, bin, "", "--export-opml")
		if err != nil || !strings.Contains(out, `version="2.0"`) || !strings.Contains(out, feedURL) || !strings.Contains(out, dead) {
			t.Fatalf("export: %v\n%s", err, out)
		}
	})
	t.Run("refresh reports each feed and fails when one failed", func(t *testing.T) {
		out, _, err := runWith(t, env, bin, "", "--refresh")
		var exit *exec.ExitError
		if !errors.As(err, &exit) || exit.ExitCode() != 1 {
			t.Fatalf("want exit status 1 with a dead feed, got %v", err)
		}
		if !strings.Contains(out, "2 new\t"+feedURL) || !strings.Contains(out, "error\t"+dead) {
			t.Errorf("summary:\n%s", out)
		}
		out, _, _ = runWith(t, env, bin, "", "--refresh")
		if !strings.Contains(out, "not modified\t"+feedURL) {
			t.Errorf("second refresh should be a 304:\n%s", out)
		}
		if n := srv.full.Load(); n != 1 {
			t.Errorf("the feed was sent whole %d times, want 1", n)
		}
	})
	t.Run("printing lists each item once though the cache and the fetch both bring it", func(t *testing.T) {
		always := srv.URL + "/always.xml" // sent whole every time: no validators
		runWith(t, env, bin, "", always)
		out, _, _ := runWith(t, env, bin, "", always)
		if n := strings.Count(out, "Ferry service resumes after repairs"); n != 1 {
			t.Errorf("the item is listed %d times:\n%s", n, out)
		}
	})
	t.Run("with no source the subscriptions are read, cached copies when offline", func(t *testing.T) {
		srv.Close()
		out, stderr, err := runWith(t, env, bin, "")
		if err != nil {
			t.Fatalf("newsread: %v\n%s", err, stderr)
		}
		if !strings.Contains(out, "Ferry service resumes after repairs") {
			t.Errorf("cached items missing:\n%s", out)
		}
		if !strings.Contains(stderr, feedURL) || !strings.Contains(stderr, dead) {
			t.Errorf("each failed feed should be reported with its URL:\n%s", stderr)
		}
	})
}

func TestAFeedOnStdinIsDetectedByContent(t *testing.T) {
	bin := buildBinary(t)
	out := runPrinted(t, bin, fmt.Sprintf(testFeed, "http://example.org"))
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 2 || !strings.Contains(lines[0], "Ferry service resumes after repairs") {
		t.Fatalf("want the two items listed, got:\n%s", out)
	}
	if strings.ContainsAny(out, "\x1b\x07") {
		t.Errorf("an escape sequence got through: %q", out)
	}
}

func envValue(env []string, key string) string {
	v := ""
	for _, kv := range env {
		if k, val, ok := strings.Cut(kv, "="); ok && k == key {
			v = val
		}
	}
	return v
}

func writeFile(t testing.TB, path, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestAFeedFileInADirectoryLoadsAsAFeed(t *testing.T) {
	bin := buildBinary(t)
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "feeds"), 0o755); err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(dir, "feeds", "news.rss"), fmt.Sprintf(testFeed, "http://example.org"))
	writeFile(t, filepath.Join(dir, "feeds", "config.xml"), `<?xml version="1.0"?><settings><a>1</a></settings>`)
	writeFile(t, filepath.Join(dir, "story.txt"), pipedStory)
	out := runPrinted(t, bin, "", "--json", dir)
	if n := strings.Count(out, "\n"); n != 3 {
		t.Errorf("want the two feed items and the story, and nothing from config.xml, got %d:\n%s", n, out)
	}
	if !strings.Contains(out, "returned to the island route") || !strings.Contains(out, `"source":"Loopback News"`) {
		t.Errorf("the feed item was not read as a feed item with its body:\n%s", out)
	}
}
