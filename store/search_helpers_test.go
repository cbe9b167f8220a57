package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	_ "modernc.org/sqlite"
)

// searchDBs numbers the in-memory databases of the tests, so that none
// shares another's.
var searchDBs atomic.Int64

// searchTestDB returns an empty in-memory database with the schema.
func searchTestDB(t testing.TB) *sql.DB {
	t.Helper()
	name := fmt.Sprintf("file:search%d?mode=memory&cache=shared", searchDBs.Add(1))
	db, err := sql.Open("sqlite", name)
	if err != nil {
		t.Fatal(err)
	}
	// One connection: the database lives as long as it does.
	db.SetMaxOpenConns(1)
	t.Cleanup(func() { db.Close() })
	if _, err := db.Exec(strings.Join(migrations, "")); err != nil {
		t.Fatal(err)
	}
	return db
}

// fixtureNow is the "now" of the fixture's relative dates.
var fixtureNow = time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)

// fixtureArticle is a row of the articles table and its state.
type fixtureArticle struct {
	id, title, source, feed, author, published, tags, body, bodyType, summary string
	read, starred                                                             bool
}

// searchFixture is twenty articles that the query table searches.
var searchFixture = []fixtureArticle{
	{id: "go126", title: "Go 1.26 released", source: "Go Blog", feed: "https://go.dev/blog/feed.atom", author: "Russ Cox", published: "2026-02-20T10:00:00Z", tags: "golang\x1fRelease",
		body: `<p>The <b>Go</b> team announces generics improvements.</p><script>var secret = "hidden";</script>`, bodyType: "html", read: true},
	{id: "rust", title: "Rust in the kernel", source: "LWN", feed: "https://lwn.net/headlines/rss", author: "Jonathan Corbet", published: "2026-01-15T09:00:00Z", tags: "kernel",
		body: `<p>Rust drivers &amp; the Linux kernel.</p>`, bodyType: "html", starred: true},
	{id: "garden", title: "Gardening tips", source: "Home", feed: "https://example.com/home.xml", author: "Ann Green", published: "2025-06-01T08:00:00Z", tags: "garden",
		body: "Plant tomatoes in [spring](https://example.com/spring-guide). Water daily.", bodyType: "markdown"},
	{id: "quantum", title: "Quantum computing explained", source: "Science Daily", feed: "https://science.example/rss", published: "2026-03-01T06:00:00Z",
		body: "<div>Qubits and superposition</div>", bodyType: "html"},
	{id: "timeless", title: "Unknown date article", source: "Notes", published: "",
		body: "Timeless wisdom about tomatoes", bodyType: "markdown"},
	{id: "syntax", title: `He said "hello" (world) AND NOT near*`, source: "Notes", published: "2026-02-02T00:00:00Z",
		body: "Quotes and operators: col:umn {braces} ^caret", bodyType: "markdown"},
	{id: "cafe", title: "Café culture", source: "Paris", published: "2026-02-05T00:00:00Z", body: "<p>Le café est bon</p>", bodyType: "html"},
	{id: "generic", title: "Generic programming", source: "Notes", published: "2025-12-31T12:00:00Z", body: "Generics in Go are useful", bodyType: "markdown"},
	{id: "soup", title: "Tomato soup recipe", source: "Kitchen", feed: "https://kitchen.example/feed", published: "2026-02-10T18:00:00Z", tags: "food\x1fRecipes",
		body: "<p>Tomato soup with basil</p>", bodyType: "html", read: true, starred: true},
	{id: "tooling", title: "Go tooling", source: "Go Blog", feed: "https://go.dev/blog/feed.atom", author: "Russ Cox", published: "2026-02-25T10:00:00Z",
		body: "<p>gopls and vet</p>", bodyType: "html"},
	{id: "old", title: "Ancient history", source: "History", published: "2024-05-05T00:00:00Z", body: "Pyramids and pharaohs", bodyType: "markdown"},
	{id: "summary", title: "Only a summary", source: "Kitchen", feed: "https://kitchen.example/feed", published: "2026-01-20T00:00:00Z",
		summary: "<p>Basil pesto</p>"},
	{id: "space", title: "Mars rover lands", source: "Science Daily", feed: "https://science.example/rss", published: "2026-02-27T00:00:00Z",
		body: "<p>The rover found water ice</p>", bodyType: "html"},
	{id: "kernel2", title: "Linux 7.0", source: "LWN", feed: "https://lwn.net/headlines/rss", author: "Jonathan Corbet", published: "2026-02-16T00:00:00Z", tags: "kernel\x1fRelease",
		body: "<p>The kernel gets a new scheduler</p>", bodyType: "html", read: true},
	{id: "bread", title: "Sourdough bread", source: "Kitchen", feed: "https://kitchen.example/feed", published: "2025-11-11T00:00:00Z", tags: "food",
		body: "Flour, water, salt and time.", bodyType: "markdown"},
	{id: "chess", title: "Chess openings", source: "Games", published: "2026-01-05T00:00:00Z", body: "The Sicilian defence", bodyType: "markdown"},
	{id: "ski", title: "Skiing season", source: "Outdoors", published: "2026-01-02T00:00:00Z", body: "Snow in the Alps", bodyType: "markdown", read: true},
	{id: "jazz", title: "Jazz standards", source: "Music", published: "2025-09-09T00:00:00Z", body: "<p>Autumn leaves and <i>blue</i> notes</p>", bodyType: "html"},
	{id: "emoji", title: "Emoji 🎉 party", source: "Notes", published: "2026-02-14T00:00:00Z", body: "日本語のテキスト and ünïcödé", bodyType: "markdown"},
	{id: "empty", title: "", source: "Notes", published: "2026-02-01T00:00:00Z"},
}

// fillFixture writes the fixture to db and indexes it.
func fillFixture(t testing.TB, db *sql.DB) {
	t.Helper()
	insertFixture(t, db, searchFixture)
	if err := IndexPending(context.Background(), db, nil); err != nil {
		t.Fatal(err)
	}
}

func insertFixture(t testing.TB, db *sql.DB, as []fixtureArticle) {
	t.Helper()
	for _, a := range as {
		var published int64
		if a.published != "" {
			p, err := time.Parse(time.RFC3339, a.published)
			if err != nil {
				t.Fatal(err)
			}
			published = p.Unix()
		}
		_, err := db.Exec(`INSERT INTO articles(id, title, source, feed, author, published, tags, body, body_type, summary)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, a.id, a.title, a.source, a.feed, a.author, published, a.tags, a.body, a.bodyType, a.summary)
		if err != nil {
			t.Fatal(err)
		}
		if a.read || a.starred {
			_, err := db.Exec("INSERT INTO state(id, read, starred) VALUES (?, ?, ?)", a.id, a.read, a.starred)
			if err != nil {
				t.Fatal(err)
			}
		}
	}
}

// hitIDs returns the ids of hits, space-separated.
func hitIDs(hits []Hit) string {
	ids := make([]string, len(hits))
	for i, h := range hits {
		ids[i] = h.ID
	}
	return strings.Join(ids, " ")
}
