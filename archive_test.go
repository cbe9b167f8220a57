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
		{ID: "urn:3", Title: "A fetched item", Feed: "http://x/feed"},
		{ID: "/notes/a.md", Title: "A file", Path: "/notes/a.md"},
		{ID: "sha:abc", Title: "Piped in", Body: "Kept whole.", BodyLoaded: true},
	}, map[string]string{"urn:3": "<p>As the feed gives it.</p>"})
	a.flush()
	// A source still loading as the program ends: nothing kept, no panic.
	a.add([]articles.Article{{ID: "urn:2", Title: "Late", Feed: "http://x/feed"}}, nil)

	s, err := st.get(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for id, want := range map[string]bool{"urn:1": true, "urn:3": true, "sha:abc": true, "/notes/a.md": false, "urn:2": false} {
		if _, ok, err := s.Article(context.Background(), id); err != nil || ok != want {
			t.Errorf("%s kept: %v (%v), want %v", id, ok, err, want)
		}
	}
	// Bodies: the fetched item's HTML (read back as markdown), the piped
	// article's text; the item only listed has none.
	for id, want := range map[string]string{"urn:3": "As the feed gives it.", "sha:abc": "Kept whole.", "urn:1": ""} {
		if got, _, _ := s.Article(context.Background(), id); got.Body != want {
			t.Errorf("%s kept the body %q, want %q", id, got.Body, want)
		}
	}
}
