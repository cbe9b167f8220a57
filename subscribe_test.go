package main

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"newsread/articles"
	"newsread/store"
	"newsread/ui"
)

// harbourSite serves a site whose pages link one feed, two feeds or
// none.
func harbourSite(t *testing.T) *httptest.Server {
	t.Helper()
	const rss = `<?xml version="1.0"?><rss version="2.0"><channel><title>Harbour Gazette</title>
<item><title>Ferry runs again</title><guid>urn:ferry</guid><pubDate>Mon, 02 Mar 2026 09:30:00 +0000</pubDate></item>
<item><title>Tide tables</title><guid>urn:tide</guid><pubDate>Sun, 01 Mar 2026 08:00:00 +0000</pubDate></item>
</channel></rss>`
	const atom = `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Harbour comments</title><id>c</id></feed>`
	pages := map[string]string{
		"/":            `<!DOCTYPE html><html><head><link rel="alternate" type="application/rss+xml" href="/gazette.xml"></head></html>`,
		"/gazette.xml": rss,
		"/two/":        `<!DOCTYPE html><html><head><link rel="alternate" type="application/rss+xml" href="/gazette.xml"><link rel="alternate" type="application/atom+xml" href="/c.atom"></head></html>`,
		"/c.atom":      atom,
		"/none/":       `<!DOCTYPE html><html><head><title>Nothing here</title></head></html>`,
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, ok := pages[r.URL.Path]
		if !ok {
			http.NotFound(w, r)
			return
		}
		w.Write([]byte(body))
	}))
	t.Cleanup(srv.Close)
	return srv
}

func TestAddAndRemoveSubscriptions(t *testing.T) {
	bin := buildBinary(t)
	srv := harbourSite(t)
	env := isolatedEnv(t)
	urls := filepath.Join(envValue(env, "XDG_CONFIG_HOME"), "newsread", "urls")
	const mine = "# my feeds, by hand\nhttps://example.org/feed.xml \"~Example\"\n"
	writeFile(t, urls, mine)
	feedLine := srv.URL + `/gazette.xml tech "long reads" "~Harbour Gazette"` + "\n"
	steps := []struct {
		name   string
		args   []string
		status int
		says   string // in stdout
		file   string // the urls file after
	}{
		{"a site's page adds the feed it links, titled after the feed, with the tags given", []string{"--add", srv.URL + "/", "tech", "long reads"}, exitOK, "added " + srv.URL + "/gazette.xml (Harbour Gazette)", mine + feedLine},
		{"the same page again adds nothing and says so", []string{"--add", srv.URL + "/"}, exitOK, "already subscribed", mine + feedLine},
		{"the feed itself by its address is already there", []string{"--add", srv.URL + "/gazette.xml"}, exitOK, "already subscribed", mine + feedLine},
		{"a page with two feeds lists both and adds none", []string{"--add", srv.URL + "/two/"}, exitFailure, srv.URL + "/c.atom\tHarbour comments", mine + feedLine},
		{"a page with no feed adds none", []string{"--add", srv.URL + "/none/"}, exitFailure, "", mine + feedLine},
		{"a feed subscribed is removed, the other lines kept", []string{"--remove", srv.URL + "/gazette.xml"}, exitOK, "removed " + srv.URL + "/gazette.xml", mine},
		{"a feed not subscribed cannot be removed", []string{"--remove", srv.URL + "/gazette.xml"}, exitFailure, "", mine},
		{"an address that is not http is refused", []string{"--add", "ftp://example.org/"}, exitBadUsage, "", mine},
	}
	for _, st := range steps {
		t.Run(st.name, func(t *testing.T) {
			out, stderr, err := runWith(t, env, bin, "", st.args...)
			if code := exitCode(t, err); code != st.status {
				t.Errorf("exit %d, want %d; stderr %q", code, st.status, stderr)
			}
			if !strings.Contains(out, st.says) {
				t.Errorf("stdout %q does not say %q (stderr %q)", out, st.says, stderr)
			}
			if st.status != exitOK && stderr == "" {
				t.Errorf("a failure with nothing on stderr")
			}
			if got, _ := os.ReadFile(urls); string(got) != st.file {
				t.Errorf("urls file:\n%s\nwant:\n%s", got, st.file)
			}
		})
	}
}

func TestAWebPageIsReadAsItsFeed(t *testing.T) {
	bin := buildBinary(t)
	srv := harbourSite(t)
	out, stderr, err := runWith(t, isolatedEnv(t), bin, "", "--format", "{title}", srv.URL+"/")
	if err != nil || out != "Ferry runs again\nTide tables\n" {
		t.Errorf("want the linked feed's items: %v %q %q", err, out, stderr)
	}
	_, stderr, err = runWith(t, isolatedEnv(t), bin, "", srv.URL+"/two/")
	if code := exitCode(t, err); code != exitFailure || !strings.Contains(stderr, srv.URL+"/c.atom") || !strings.Contains(stderr, srv.URL+"/gazette.xml") {
		t.Errorf("want the two feeds listed: exit %d, %q", code, stderr)
	}
}

func TestUnreadAndFormatShowTheMarks(t *testing.T) {
	bin := buildBinary(t)
	srv := harbourSite(t)
	env := isolatedEnv(t)
	db := filepath.Join(t.TempDir(), "state.db")
	writeFile(t, filepath.Join(envValue(env, "XDG_CONFIG_HOME"), "newsread", "urls"), srv.URL+"/gazette.xml\n")
	run := func(args ...string) string {
		t.Helper()
		out, stderr, err := runWith(t, env, bin, "", append([]string{"--db", db}, args...)...)
		if err != nil {
			t.Fatalf("%v: %v\n%s", args, err, stderr)
		}
		return out
	}
	if got := run("--unread"); got != "0\n" {
		t.Errorf("nothing archived yet: --unread printed %q", got)
	}
	run("--refresh")
	if got := run("--unread"); got != "2\n" {
		t.Errorf("two items archived: --unread printed %q", got)
	}
	ids := strings.Fields(run("--format", "{id}"))
	if len(ids) != 2 {
		t.Fatalf("ids: %q", ids)
	}
	s, err := store.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	must := func(err error) {
		if err != nil {
			t.Fatal(err)
		}
	}
	must(s.SetRead(context.Background(), ids[:1], true))
	must(s.SetStarred(context.Background(), ids[1], true))
	must(s.Close())
	if got := run("--unread"); got != "1\n" {
		t.Errorf("one marked read: --unread printed %q", got)
	}
	if got := run("--unread", srv.URL+"/gazette.xml"); got != "1\n" {
		t.Errorf("the feed as a SOURCE: --unread printed %q", got)
	}
	want := "read  2026-03-02 Ferry runs again\nunread * 2026-03-01 Tide tables\n"
	if got := run("--format", "{state} {starred} {date} {title}"); got != want {
		t.Errorf("--format with marks:\n%q\nwant\n%q", got, want)
	}
}

func TestFormatFillsItsFields(t *testing.T) {
	a := articles.Article{
		ID: "urn:1", Title: "Ferry\truns", Source: "Harbour", Feed: "https://h.test/feed", Link: "https://h.test/1",
		Author: "Ann", Tags: []string{"sea", "local"}, Published: time.Date(2026, 3, 2, 9, 30, 0, 0, time.UTC),
	}
	tests := []struct {
		name, format string
		st           ui.State
		want         string
	}{
		{"the fields of the issue's example", "{date} {source} {title}", ui.State{}, "2026-03-02 Harbour Ferry runs"},
		{"every other field", "{time}|{link}|{id}|{author}|{tags}|{feed}|{place}|{path}", ui.State{}, "09:30|https://h.test/1|urn:1|Ann|sea,local|https://h.test/feed|https://h.test/1|"},
		{"marks of a starred read article", "{state}{starred}", ui.State{Read: true, Starred: true}, "read*"},
		{"doubled braces are braces", "{{{title}}}", ui.State{}, "{Ferry runs}"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := parseFormat(tt.format)
			if err != nil {
				t.Fatal(err)
			}
			if got := f.line(a, tt.st); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
	t.Run("an undated article shows a dash", func(t *testing.T) {
		f, _ := parseFormat("{date} {time}")
		if got := f.line(articles.Article{}, ui.State{}); got != "- -" {
			t.Errorf("got %q", got)
		}
	})
	for _, bad := range []string{"{nope}", "{title", "title}"} {
		if _, err := parseFormat(bad); err == nil {
			t.Errorf("%q was accepted", bad)
		}
	}
}
