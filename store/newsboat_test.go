package store

import (
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"newsread/articles"
)

// newsboatSchema is the cache.db schema of newsboat 2.x (src/cache.cpp:
// the tables it creates and the columns its migrations add).
const newsboatSchema = `
CREATE TABLE rss_feed (
	rssurl VARCHAR(1024) PRIMARY KEY NOT NULL,
	url VARCHAR(1024) NOT NULL,
	title VARCHAR(1024) NOT NULL,
	lastmodified INTEGER(11) NOT NULL DEFAULT 0,
	is_rtl INTEGER(1) NOT NULL DEFAULT 0,
	etag VARCHAR(128) NOT NULL DEFAULT ""
);
CREATE TABLE rss_item (
	id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
	guid VARCHAR(64) NOT NULL,
	title VARCHAR(1024) NOT NULL,
	author VARCHAR(1024) NOT NULL,
	url VARCHAR(1024) NOT NULL,
	feedurl VARCHAR(1024) NOT NULL,
	pubDate INTEGER NOT NULL,
	content VARCHAR(65535) NOT NULL,
	unread INTEGER(1) NOT NULL,
	enclosure_url VARCHAR(1024),
	enclosure_type VARCHAR(1024),
	enqueued INTEGER(1) NOT NULL DEFAULT 0,
	flags VARCHAR(52),
	deleted INTEGER(1) NOT NULL DEFAULT 0,
	base VARCHAR(128) NOT NULL DEFAULT "",
	content_mime_type VARCHAR(255) NOT NULL DEFAULT ""
);
CREATE TABLE google_replay (
	id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
	guid VARCHAR(64) NOT NULL,
	state INTEGER NOT NULL,
	ts INTEGER NOT NULL
);
CREATE TABLE metadata (
	db_schema_version_major INTEGER NOT NULL,
	db_schema_version_minor INTEGER NOT NULL
);
INSERT INTO metadata VALUES (2, 38);
CREATE INDEX idx_rssurl ON rss_feed(rssurl);
CREATE INDEX idx_guid ON rss_item(guid);
CREATE INDEX idx_feedurl ON rss_item(feedurl);
CREATE INDEX idx_lastmodified ON rss_feed(lastmodified);
CREATE INDEX idx_deleted ON rss_item(deleted);
`

const (
	feedA = "https://a.example/feed.xml"
	feedB = "https://b.example/atom"
)

// newsboatCache writes a newsboat cache.db with a few items of two feeds.
func newsboatCache(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "cache.db")
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec(newsboatSchema); err != nil {
		t.Fatal(err)
	}
	must(t, execAll(db, `INSERT INTO rss_feed (rssurl, url, title) VALUES (?, ?, ?)`,
		[]any{feedA, "https://a.example/", "Feed A"},
		[]any{feedB, "https://b.example/", "Feed B"}))
	day := time.Date(2026, 1, 10, 0, 0, 0, 0, time.UTC).Unix()
	must(t, execAll(db, `INSERT INTO rss_item (guid, title, author, url, feedurl, pubDate, content, unread, flags, deleted)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		// A GUID-less item: newsboat keeps its link as the GUID. Read.
		[]any{"https://a.example/p/1", "One", "Ann", "https://a.example/p/1", feedA, day, "<p>one</p>", 0, nil, 0},
		// A global GUID, flagged.
		[]any{"tag:a.example,2026:2", "Two", "Ann", "https://a.example/p/2", feedA, day + 3600, "<p>two <b>bold</b></p>", 1, "s", 0},
		// A GUID only unique in its feed.
		[]any{"1234", "Three", "", "https://a.example/p/3", feedA, day + 7200, "<p>three</p>", 1, "", 0},
		// Deleted in newsboat.
		[]any{"https://a.example/p/4", "Four", "", "https://a.example/p/4", feedA, day - 3600, "<p>four</p>", 1, nil, 1},
		// Neither GUID nor link.
		[]any{"", "Five", "", "", feedA, day, "", 1, "s", 0},
		// Read and flagged with letters of the user's own.
		[]any{"urn:uuid:6", "Six\x1b]0;pwned\x07", "Bo", "https://b.example/6", feedB, day, "<p>six</p>", 0, "ab", 0},
	))
	return path
}

func execAll(db *sql.DB, stmt string, rows ...[]any) error {
	for _, r := range rows {
		if _, err := db.Exec(stmt, r...); err != nil {
			return err
		}
	}
	return nil
}

func TestImportNewsboat(t *testing.T) {
	s := memoryStore(t)
	// State and articles newsread already had stay as they were.
	must(t, s.SetStarred(ctxT(t), feedA+"#1234", true))
	must(t, s.PutArticles(ctxT(t), []articles.Article{{ID: "https://a.example/p/1", Title: "One (ours)",
		Feed: feedA, Body: "ours", BodyLoaded: true, Published: time.Date(2026, 1, 10, 0, 0, 0, 0, time.UTC)}}))

	im, err := s.ImportNewsboat(ctxT(t), newsboatCache(t))
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(Imported{Items: 4, Read: 3, Starred: 2, Skipped: 1}, im); diff != "" {
		t.Fatalf("Imported (-want +got):\n%s", diff)
	}

	ids := []string{"https://a.example/p/1", "tag:a.example,2026:2", feedA + "#1234", "https://a.example/p/4", "urn:uuid:6"}
	states, err := s.States(ctxT(t), ids)
	if err != nil {
		t.Fatal(err)
	}
	wantStates := map[string]State{
		"https://a.example/p/1": {Read: true},
		"tag:a.example,2026:2":  {Starred: true},
		feedA + "#1234":         {Starred: true},
		"https://a.example/p/4": {Read: true},
		"urn:uuid:6":            {Read: true, Starred: true},
	}
	if diff := cmp.Diff(wantStates, states); diff != "" {
		t.Fatalf("states (-want +got):\n%s", diff)
	}

	arch := archived(t, s, feedA)
	var titles []string
	for _, a := range arch {
		titles = append(titles, a.Title+" ("+a.Source+")")
	}
	if diff := cmp.Diff([]string{"Three (Feed A)", "Two (Feed A)", "One (ours) ()"}, titles); diff != "" {
		t.Fatalf("archive of feed A, newest first (-want +got):\n%s", diff)
	}

	two, ok, err := s.Article(ctxT(t), "tag:a.example,2026:2")
	if err != nil || !ok {
		t.Fatalf("Article: %t, %v", ok, err)
	}
	if !two.BodyLoaded || !strings.Contains(two.Body, "**bold**") || two.Link != "https://a.example/p/2" {
		t.Fatalf("item two: %+v", two)
	}
	one, _, _ := s.Article(ctxT(t), "https://a.example/p/1")
	if one.Body != "ours" {
		t.Fatalf("newsread's own body was replaced by %q", one.Body)
	}
	six, _, _ := s.Article(ctxT(t), "urn:uuid:6")
	if strings.ContainsAny(six.Title, "\x1b\x07") {
		t.Fatalf("a title keeps control characters: %q", six.Title)
	}
}

func TestImportNewsboatRefusesWhatIsNotItsCache(t *testing.T) {
	dir := t.TempDir()
	garbage := filepath.Join(dir, "garbage.db")
	must(t, os.WriteFile(garbage, []byte(strings.Repeat("nope ", 1000)), 0o600))
	_, ours := fileStore(t)
	for _, path := range []string{garbage, ours} {
		t.Run(filepath.Base(path)+" is not a newsboat cache", func(t *testing.T) {
			_, err := memoryStore(t).ImportNewsboat(ctxT(t), path)
			if !errors.Is(err, ErrNotNewsboat) {
				t.Fatalf("err = %v, want ErrNotNewsboat", err)
			}
		})
	}
}

func TestNewsboatIDIsTheFeedPackagesID(t *testing.T) {
	tests := []struct{ name, guid, link, want string }{
		{"an item without a GUID is known by its link", "", "https://x/1", "https://x/1"},
		{"newsboat's copy of the link as GUID is the link", "https://x/1", "https://x/1", "https://x/1"},
		{"a GUID with a scheme stands alone", "urn:uuid:1", "https://x/1", "urn:uuid:1"},
		{"a GUID without a scheme is prefixed with its feed", "42", "https://x/1", "https://x/feed#42"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := newsboatID(tt.guid, tt.link, "https://x/feed"); got != tt.want {
				t.Fatalf("newsboatID = %q, want %q", got, tt.want)
			}
		})
	}
}
