package store

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"newsread/articles"
)

// pageSize is the page size of new stores.
const pageSize = 16384

// works checks that s keeps a mark.
func works(t *testing.T, s *Store) {
	t.Helper()
	ctx := context.Background()
	if err := s.SetRead(ctx, []string{"https://example.com/a"}, true); err != nil {
		t.Fatal(err)
	}
	st, err := s.States(ctx, []string{"https://example.com/a"})
	if err != nil {
		t.Fatal(err)
	}
	if !st["https://example.com/a"].Read {
		t.Fatalf("mark not kept: %+v", st)
	}
}

// realDatabase writes a store of several hundred pages at path and
// closes it (which folds the WAL into the file).
func realDatabase(t *testing.T, path string) {
	t.Helper()
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.PutArticles(context.Background(), feedItems("https://example.com/feed", 300, 300)); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(path + "-wal"); err == nil {
		t.Fatal("the WAL file is still there after close")
	}
}

func TestOpenSetsAsideWhatIsNotADatabase(t *testing.T) {
	tests := []struct {
		name      string
		prepare   func(t *testing.T, path string)
		wantMoved bool
	}{
		{"a missing file becomes a new store", func(t *testing.T, path string) {}, false},
		{"an empty file becomes a new store", func(t *testing.T, path string) {
			writeFile(t, path, nil)
		}, false},
		{"garbage bytes are moved aside", func(t *testing.T, path string) {
			writeFile(t, path, bytes.Repeat([]byte("not a database at all\n"), 300))
		}, true},
		{"a file shorter than an SQLite header is moved aside", func(t *testing.T, path string) {
			writeFile(t, path, []byte("SQLite format 3\x00\x10\x00"))
		}, true},
		{"a database truncated at a page boundary is moved aside", func(t *testing.T, path string) {
			realDatabase(t, path)
			truncateTo(t, path, func(size int64) int64 { return size / 2 / pageSize * pageSize })
		}, true},
		{"a database truncated inside a page is moved aside", func(t *testing.T, path string) {
			realDatabase(t, path)
			truncateTo(t, path, func(size int64) int64 { return size/2 + 1000 })
		}, true},
		{"another program's SQLite database is moved aside", func(t *testing.T, path string) {
			rawExec(t, path, "CREATE TABLE photos (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO photos (name) VALUES ('cat')")
		}, true},
		{"a database of ours with a schema version but no tables is moved aside", func(t *testing.T, path string) {
			rawExec(t, path, "CREATE TABLE other (x); PRAGMA user_version = 1")
		}, true},
		{"an existing store opens as it is", func(t *testing.T, path string) {
			realDatabase(t, path)
		}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "newsread.db")
			tt.prepare(t, path)
			before, _ := os.ReadFile(path)
			s, err := Open(path)
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			works(t, s)
			if !tt.wantMoved {
				if s.Moved() != "" {
					t.Fatalf("moved to %s, want kept", s.Moved())
				}
				return
			}
			if !strings.HasPrefix(s.Moved(), path+".broken-") {
				t.Fatalf("Moved() = %q, want %s.broken-…", s.Moved(), path)
			}
			after, err := os.ReadFile(s.Moved())
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(before, after) {
				t.Fatal("the file moved aside is not the file that was there")
			}
		})
	}
}

func TestOpenRefusesANewerSchema(t *testing.T) {
	path := filepath.Join(t.TempDir(), "newsread.db")
	realDatabase(t, path)
	rawExec(t, path, "PRAGMA user_version = 99")
	_, err := Open(path)
	if !errors.Is(err, ErrNewerSchema) {
		t.Fatalf("err = %v, want ErrNewerSchema", err)
	}
	for _, want := range []string{"99", "upgrade newsread"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not say %q", err, want)
		}
	}
	matches, _ := filepath.Glob(path + ".broken-*")
	if len(matches) > 0 {
		t.Fatalf("a newer database was moved aside: %v", matches)
	}
}

func TestOpenMigratesAndKeepsWhatWasThere(t *testing.T) {
	s, path := fileStore(t)
	works(t, s)
	s.Close()
	again, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer again.Close()
	st, err := again.States(context.Background(), []string{"https://example.com/a"})
	if err != nil || !st["https://example.com/a"].Read {
		t.Fatalf("state after reopening: %v, %v", st, err)
	}
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var v int
	var mode string
	if err := db.QueryRow("PRAGMA user_version").Scan(&v); err != nil || v != len(migrations) {
		t.Fatalf("user_version = %d, %v; want %d", v, err, len(migrations))
	}
	if err := db.QueryRow("PRAGMA journal_mode").Scan(&mode); err != nil || mode != "wal" {
		t.Fatalf("journal_mode = %q, %v; want wal", mode, err)
	}
}

func TestOpenMemoryGivesEachStoreItsOwnDatabase(t *testing.T) {
	a, b := memoryStore(t), memoryStore(t)
	works(t, a)
	st, err := b.States(context.Background(), []string{"https://example.com/a"})
	if err != nil || len(st) != 0 {
		t.Fatalf("second in-memory store sees %v, %v", st, err)
	}
}

func writeFile(t *testing.T, path string, b []byte) {
	t.Helper()
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
}

func truncateTo(t *testing.T, path string, size func(int64) int64) {
	t.Helper()
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Truncate(path, size(fi.Size())); err != nil {
		t.Fatal(err)
	}
}

// rawExec runs statements on the SQLite file at path.
func rawExec(t *testing.T, path, stmts string) {
	t.Helper()
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec(stmts); err != nil {
		t.Fatal(err)
	}
}

func TestOpenCreatesTheDirectory(t *testing.T) {
	s, err := Open(filepath.Join(t.TempDir(), "data", "newsread", "newsread.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	works(t, s)
}

func TestNewStoresHaveLargePages(t *testing.T) {
	s, _ := fileStore(t)
	var size int
	if err := s.r.QueryRow("PRAGMA page_size").Scan(&size); err != nil || size != pageSize {
		t.Fatalf("page_size = %d, %v; want %d", size, err, pageSize)
	}
}

// A store written by the first schema (files known by the name they were
// read under, no word list) keeps its marks and finds its words after
// the upgrade.
func TestOpenUpgradesAVersion1Store(t *testing.T) {
	path := filepath.Join(t.TempDir(), "v1.db")
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	old := time.Unix(1700000000, 0)
	header := articles.EncodeHeader(articles.Article{ID: "news/a.md", Path: "news/a.md", Title: "Harbour reopens"})
	for _, q := range []string{
		migrations[0],
		"PRAGMA user_version = 1",
		"INSERT INTO state (id, read, starred) VALUES ('news/a.md', 1, 1)",
		"INSERT INTO articles (id, feed, title) VALUES ('urn:1', 'http://x/feed', 'Lighthouse relit')",
		"INSERT INTO fts_ids (rowid, id) VALUES (1, 'urn:1')",
		"INSERT INTO fts (rowid, title, body) VALUES (1, 'Lighthouse relit', 'The keepers came back to Ardnamurchan')",
	} {
		if _, err := db.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	if _, err := db.Exec("INSERT INTO files (path, size, mtime, header) VALUES (?, 10, ?, ?)", "/home/u/news/a.md", old.UnixNano(), header); err != nil {
		t.Fatal(err)
	}
	db.Close()

	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ctx := context.Background()
	st, err := s.States(ctx, []string{"/home/u/news/a.md"})
	if err != nil || !st["/home/u/news/a.md"].Read || !st["/home/u/news/a.md"].Starred {
		t.Errorf("the marks of the file did not follow it to its absolute path: %v, %v", st, err)
	}
	var listed int
	if err := s.r.QueryRow("SELECT count(*) FROM fts_terms WHERE term IN ('ardnamurchan', 'keepers', 'lighthouse')").Scan(&listed); err != nil || listed != 3 {
		t.Errorf("the word list has %d of the 3 indexed words (%v)", listed, err)
	}
	if err := s.IndexPending(ctx, nil); err != nil {
		t.Fatal(err)
	}
	for query, want := range map[string]string{
		"ardnam":  "urn:1",             // a typed prefix
		"harbour": "/home/u/news/a.md", // the file's article, indexed after the upgrade
	} {
		q, err := Parse(query, time.Now())
		if err != nil {
			t.Fatal(err)
		}
		hits, err := s.Search(ctx, q, Newest, 0)
		if err != nil || len(hits) != 1 || hits[0].ID != want {
			t.Errorf("%q found %v (%v), want %s", query, hits, err, want)
		}
	}
}
