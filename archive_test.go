package main

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"newsread/articles"
	"newsread/ui"
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

// slowFeed is a feed source that lists its items and then holds its
// load open until release is closed.
type slowFeed struct {
	items   []articles.Article
	listed  chan struct{}
	release chan struct{}
}

func (f *slowFeed) Name() string { return "feed" }
func (f *slowFeed) Load(ctx context.Context, send func(articles.Batch)) {
	send(articles.Batch{Articles: f.items})
	close(f.listed)
	<-f.release
	send(articles.Batch{Done: true})
}
func (f *slowFeed) Open(_ context.Context, a articles.Article) (articles.Article, error) {
	return a, nil
}
func (f *slowFeed) Refresh(ctx context.Context, _ string, send func(articles.Batch)) {
	send(articles.Batch{Done: true})
}

// archiveWith returns a state store holding items and an archiver.
func archiveWith(t *testing.T, items []articles.Article) (*stateStore, *archiver) {
	t.Helper()
	st := newStateStore(filepath.Join(t.TempDir(), "state.db"))
	t.Cleanup(st.close)
	s, err := st.get(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if err := s.PutArticles(t.Context(), items); err != nil {
		t.Fatal(err)
	}
	return st, newArchiver(st)
}

func TestTheArchiveListsBeforeTheFeedsHaveLoadedAndLeavesOutWhatTheyListed(t *testing.T) {
	const feed = "http://127.0.0.1:1/feed"
	base := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	var stored []articles.Article
	for i := range 3 {
		stored = append(stored, articles.Article{ID: fmt.Sprint("item", i), Title: fmt.Sprint("Item ", i),
			Feed: feed, Published: base.Add(time.Duration(i) * time.Hour)})
	}
	st, r := archiveWith(t, stored)
	defer r.flush()
	f := &slowFeed{items: stored[:1], listed: make(chan struct{}), release: make(chan struct{})}
	src := r.record(f, false)
	go src.Load(t.Context(), func(articles.Batch) {})
	<-f.listed // item0 is the feed's

	arch := &archiveSource{st: st, r: r, feeds: []string{feed}}
	batches := make(chan articles.Batch)
	go arch.Load(t.Context(), func(b articles.Batch) { batches <- b })
	first := <-batches // the feed is still loading
	var ids []string
	for _, a := range first.Articles {
		ids = append(ids, a.ID)
	}
	if !slices.Equal(ids, []string{"item2", "item1"}) || first.Done {
		t.Errorf("before the feed loaded the archive listed %v (done %v), want item2, item1 and not done", ids, first.Done)
	}
	close(f.release)
	for b := range batches {
		if len(b.Articles) > 0 {
			t.Errorf("listed again: %v", b.Articles)
		}
		if b.Done {
			break
		}
	}
}

func TestTheScreensArchiveLeavesSummariesAuthorsAndLinksToOpen(t *testing.T) {
	const feed = "http://127.0.0.1:1/feed"
	stored := []articles.Article{
		{ID: "titled", Title: "A title", Summary: "What it says", Author: "A. Writer", Link: "https://a.example/1", Feed: feed, Body: "The text", BodyLoaded: true},
		{ID: "untitled", Summary: "Its summary is its title", Feed: feed},
		{ID: "textless", Title: "Text not kept", Link: "https://a.example/2", Feed: feed},
	}
	for _, lean := range []bool{false, true} {
		t.Run(fmt.Sprintf("lean %v", lean), func(t *testing.T) {
			st, r := archiveWith(t, stored)
			defer r.flush()
			arch := &archiveSource{st: st, r: r, feeds: []string{feed}, lean: lean}
			got := map[string]articles.Article{}
			arch.Load(t.Context(), func(b articles.Batch) {
				for _, a := range b.Articles {
					got[a.ID] = a
				}
			})
			wantTitled, wantAuthor, wantLink := "What it says", "A. Writer", "https://a.example/1"
			if lean {
				wantTitled, wantAuthor, wantLink = "", "", ""
			}
			if arch.ListsHeaders() != lean {
				t.Errorf("lists headers: %v", arch.ListsHeaders())
			}
			if got["titled"].Link != wantLink {
				t.Errorf("link listed: %q, want %q", got["titled"].Link, wantLink)
			}
			// An item whose text was not kept still opens to its link.
			if a, err := arch.Open(t.Context(), got["textless"]); !errors.Is(err, errNotKept) || a.Link != "https://a.example/2" {
				t.Errorf("opened the textless item: %+v, %v; want its link and errNotKept", a, err)
			}
			if got["titled"].Summary != wantTitled || got["untitled"].Summary != "Its summary is its title" {
				t.Errorf("summaries listed: %q and %q", got["titled"].Summary, got["untitled"].Summary)
			}
			if got["titled"].Author != wantAuthor {
				t.Errorf("author listed: %q, want %q", got["titled"].Author, wantAuthor)
			}
			opened, err := arch.Open(t.Context(), got["titled"])
			if err != nil || opened.Summary != "What it says" || opened.Body != "The text" || opened.Author != "A. Writer" {
				t.Errorf("opened: %+v, %v; want its summary, author and text", opened, err)
			}
		})
	}
}

func TestARefreshOfTheArchiveListsOnlyWhatCameSince(t *testing.T) {
	const feed = "http://127.0.0.1:1/feed"
	st, r := archiveWith(t, []articles.Article{{ID: "old", Title: "Old", Feed: feed}})
	defer r.flush()
	arch := &archiveSource{st: st, r: r, feeds: []string{feed}}
	listed := func(do func(context.Context, func(articles.Batch))) []string {
		var ids []string
		do(t.Context(), func(b articles.Batch) {
			for _, a := range b.Articles {
				ids = append(ids, a.ID)
			}
		})
		return ids
	}
	if got := listed(arch.Load); !slices.Equal(got, []string{"old"}) {
		t.Fatalf("loaded %v, want old", got)
	}
	s, _ := st.get(t.Context())
	// Another process's --refresh: a new item, and the old one again.
	if err := s.PutArticles(t.Context(), []articles.Article{{ID: "new", Title: "New", Feed: feed}, {ID: "old", Title: "Old", Feed: feed}}); err != nil {
		t.Fatal(err)
	}
	refresh := func(ctx context.Context, send func(articles.Batch)) { arch.Refresh(ctx, "", send) }
	if got := listed(refresh); !slices.Equal(got, []string{"new"}) {
		t.Errorf("refreshed %v, want only new", got)
	}
	if got := listed(refresh); len(got) != 0 {
		t.Errorf("refreshed again %v, want nothing", got)
	}
}

// The screen knows the archive's items for copies of the feeds'.
var _ ui.Copier = (*archiveSource)(nil)

func TestTheArchiveSendsItsFirstPageThenWaitsForTheFirstScreen(t *testing.T) {
	const feed = "http://127.0.0.1:1/feed"
	base := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	var stored []articles.Article
	for i := range 300 {
		stored = append(stored, articles.Article{ID: fmt.Sprint("item", i), Title: fmt.Sprint("Item ", i),
			Feed: feed, Published: base.Add(time.Duration(i) * time.Hour)})
	}
	st, r := archiveWith(t, stored)
	defer r.flush()
	first := &firstScreen{ch: make(chan struct{}), gc: -1}
	arch := &archiveSource{st: st, r: r, feeds: []string{feed}, first: first}
	batches := make(chan articles.Batch, 16)
	go arch.Load(t.Context(), func(b articles.Batch) { batches <- b })
	page := <-batches
	if len(page.Articles) == 0 || len(page.Articles) >= len(stored) {
		t.Fatalf("the first page held %d of %d items", len(page.Articles), len(stored))
	}
	// Nothing more may come until the screen is drawn: a while without
	// a batch is the best a test can show of that.
	select {
	case b := <-batches:
		t.Fatalf("a second batch (%d items) came before the first screen", len(b.Articles))
	case <-time.After(100 * time.Millisecond):
	}
	first.open()
	listed := len(page.Articles)
	for b := range batches {
		listed += len(b.Articles)
		if b.Done {
			break
		}
	}
	if listed != len(stored) {
		t.Errorf("listed %d items, want %d", listed, len(stored))
	}
}

func TestAnArchiveWithNothingToShowLetsTheFirstScreenGo(t *testing.T) {
	st, r := archiveWith(t, nil)
	defer r.flush()
	first := &firstScreen{ch: make(chan struct{}), gc: -1}
	arch := &archiveSource{st: st, r: r, feeds: []string{"http://127.0.0.1:1/feed"}, first: first}
	arch.Load(t.Context(), func(articles.Batch) {})
	select {
	case <-first.ch:
	default:
		t.Error("the first screen is still held after the archive listed nothing")
	}
}
