package main

import (
	"context"
	"path/filepath"
	"testing"

	"newsread/articles"
)

func TestTheArchiverKeepsFeedItemsAndNothingAfterItStops(t *testing.T) {
	st := newStateStore(filepath.Join(t.TempDir(), "state.db"))
	defer st.close()
	a := newArchiver(st)
	a.add([]articles.Article{
		{ID: "urn:1", Title: "A feed item", Feed: "http://x/feed"},
		{ID: "/notes/a.md", Title: "A file", Path: "/notes/a.md"},
	})
	a.flush()
	// A source still loading as the program ends: nothing kept, no panic.
	a.add([]articles.Article{{ID: "urn:2", Title: "Late", Feed: "http://x/feed"}})

	s, err := st.get(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for id, want := range map[string]bool{"urn:1": true, "/notes/a.md": false, "urn:2": false} {
		if _, ok, err := s.Article(context.Background(), id); err != nil || ok != want {
			t.Errorf("%s kept: %v (%v), want %v", id, ok, err, want)
		}
	}
}
