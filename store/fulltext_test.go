package store

import (
	"context"
	"database/sql"
	"path/filepath"
	"testing"
	"time"

	"newsread/articles"
)

// findIDs runs query against s and returns the IDs it finds.
func findIDs(t *testing.T, s *Store, query string) []string {
	t.Helper()
	q, err := Parse(query, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	hits, err := s.Search(ctxT(t), q, Newest, 0)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, h := range hits {
		ids = append(ids, h.ID)
	}
	return ids
}

func TestFullTextIsKeptAndIndexed(t *testing.T) {
	s := memoryStore(t)
	ctx := ctxT(t)
	item := feedItems("http://x/feed", 1, 0)[0]
	item.Summary = "A short summary about the harbour."
	if err := s.PutArticles(ctx, []articles.Article{item}); err != nil {
		t.Fatal(err)
	}
	if err := s.IndexPending(ctx, nil); err != nil {
		t.Fatal(err)
	}
	t.Run("an article without full text has none", func(t *testing.T) {
		if _, ok, err := s.FullText(ctx, item.ID); ok || err != nil {
			t.Errorf("FullText = ok %v, %v; want none", ok, err)
		}
	})
	t.Run("before the full text the words of the page are not found", func(t *testing.T) {
		if ids := findIDs(t, s, "breakwater"); len(ids) != 0 {
			t.Errorf("found %v", ids)
		}
	})
	body := "The harbour reopened.\n\nThe **breakwater** was rebuilt over six weeks."
	if err := s.PutFullText(ctx, item.ID, FullText{URL: "http://x/story", Body: body}); err != nil {
		t.Fatal(err)
	}
	t.Run("the full text comes back as it was kept", func(t *testing.T) {
		ft, ok, err := s.FullText(ctx, item.ID)
		if !ok || err != nil || ft.Body != body || ft.URL != "http://x/story" || ft.Fetched.IsZero() {
			t.Errorf("FullText = %+v, %v, %v", ft, ok, err)
		}
	})
	t.Run("the article is indexed again with the words of its full text", func(t *testing.T) {
		if err := s.IndexPending(ctx, nil); err != nil {
			t.Fatal(err)
		}
		if ids := findIDs(t, s, "breakwater"); len(ids) != 1 || ids[0] != item.ID {
			t.Errorf("found %v, want %s", ids, item.ID)
		}
	})
	t.Run("a second fetch replaces the first", func(t *testing.T) {
		if err := s.PutFullText(ctx, item.ID, FullText{URL: "http://x/story", Body: "Lighthouse relit."}); err != nil {
			t.Fatal(err)
		}
		if err := s.IndexPending(ctx, nil); err != nil {
			t.Fatal(err)
		}
		if ids := findIDs(t, s, "lighthouse"); len(ids) != 1 {
			t.Errorf("found %v", ids)
		}
		if ids := findIDs(t, s, "breakwater"); len(ids) != 0 {
			t.Errorf("the old text is still found: %v", ids)
		}
	})
}

func TestPruneForgetsTheFullText(t *testing.T) {
	s := memoryStore(t)
	c := &clock{t: time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC)}
	ctx := ctxT(t)
	item := feedItems("http://x/feed", 1, 0)[0]
	if err := s.PutArticles(ctx, []articles.Article{item}); err != nil {
		t.Fatal(err)
	}
	if err := s.PutFullText(ctx, item.ID, FullText{Body: "whole story"}); err != nil {
		t.Fatal(err)
	}
	if err := s.SetRead(ctx, []string{item.ID}, true); err != nil {
		t.Fatal(err)
	}
	s.now = c.now
	if n, err := s.Prune(ctx, 24*time.Hour); err != nil || n != 1 {
		t.Fatalf("Prune = %d, %v", n, err)
	}
	if _, ok, err := s.FullText(ctx, item.ID); ok || err != nil {
		t.Errorf("the full text of a pruned item is kept (%v)", err)
	}
}

// A store written by schema version 2 gains the full-text table and
// keeps what it had.
func TestOpenUpgradesAVersion2Store(t *testing.T) {
	path := filepath.Join(t.TempDir(), "v2.db")
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{
		migrations[0],
		migrations[1],
		"PRAGMA user_version = 2",
		"INSERT INTO state (id, read, starred) VALUES ('urn:1', 1, 1)",
		"INSERT INTO articles (id, feed, title, summary) VALUES ('urn:1', 'http://x/feed', 'Lighthouse relit', 'The keepers came back')",
	} {
		if _, err := db.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	db.Close()

	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ctx := context.Background()
	var v int
	if err := s.r.QueryRow("PRAGMA user_version").Scan(&v); err != nil || v != len(migrations) {
		t.Fatalf("user_version = %d (%v), want %d", v, err, len(migrations))
	}
	if st, err := s.States(ctx, []string{"urn:1"}); err != nil || !st["urn:1"].Read || !st["urn:1"].Starred {
		t.Errorf("the marks were lost: %v, %v", st, err)
	}
	if err := s.PutFullText(ctx, "urn:1", FullText{URL: "http://x/1", Body: "Ardnamurchan lighthouse keepers"}); err != nil {
		t.Fatal(err)
	}
	if err := s.IndexPending(ctx, nil); err != nil {
		t.Fatal(err)
	}
	if ids := findIDs(t, s, "ardnamurchan"); len(ids) != 1 || ids[0] != "urn:1" {
		t.Errorf("the full text of an upgraded store is not found: %v", ids)
	}
}
