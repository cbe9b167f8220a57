package store

import (
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
	"unsafe"

	"github.com/google/go-cmp/cmp"

	"newsread/articles"
)

func headers(as []articles.Article) []articles.Article {
	out := make([]articles.Article, len(as))
	for i, a := range as {
		a.Body, a.BodyLoaded = "", false
		out[i] = a
	}
	return out
}

func TestArchiveKeepsItemsThatLeftTheFeed(t *testing.T) {
	s := memoryStore(t)
	items := feedItems("https://a.example/feed", 5, 20)
	must(t, s.PutArticles(ctxT(t), items[2:])) // the older three first
	must(t, s.PutArticles(ctxT(t), items[:3])) // then a feed listing only the newest
	must(t, s.PutArticles(ctxT(t), feedItems("https://b.example/feed", 2, 0)))

	got := archived(t, s, "https://a.example/feed")
	if diff := cmp.Diff(headers(items), got); diff != "" {
		t.Fatalf("archive, newest first (-want +got):\n%s", diff)
	}
	both := archived(t, s, "https://a.example/feed", "https://b.example/feed")
	if len(both) != 7 {
		t.Fatalf("%d items of two feeds, want 7", len(both))
	}
	for i := 1; i < len(both); i++ {
		if both[i].Published.After(both[i-1].Published) {
			t.Fatalf("item %d is newer than item %d", i, i-1)
		}
	}
}

func TestArticleReturnsTheBody(t *testing.T) {
	tests := []struct {
		name     string
		puts     [][]articles.Article
		id       string
		wantOK   bool
		wantBody string
		wantLoad bool
	}{
		{"a stored body comes back", [][]articles.Article{{{ID: "x", Title: "X", Body: "# Hello\n\nworld", BodyLoaded: true}}},
			"x", true, "# Hello\n\nworld", true},
		{"a header without a body has none", [][]articles.Article{{{ID: "x", Title: "X"}}},
			"x", true, "", false},
		{"a header coming again keeps the stored body", [][]articles.Article{
			{{ID: "x", Title: "X", Body: "kept", BodyLoaded: true}},
			{{ID: "x", Title: "X, retitled"}}}, "x", true, "kept", true},
		{"an unknown id is not found", nil, "nope", false, "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := memoryStore(t)
			for _, as := range tt.puts {
				must(t, s.PutArticles(ctxT(t), as))
			}
			a, ok, err := s.Article(ctxT(t), tt.id)
			if err != nil {
				t.Fatal(err)
			}
			if ok != tt.wantOK || a.Body != tt.wantBody || a.BodyLoaded != tt.wantLoad {
				t.Fatalf("Article = %q (loaded %t), %t; want %q (loaded %t), %t",
					a.Body, a.BodyLoaded, ok, tt.wantBody, tt.wantLoad, tt.wantOK)
			}
		})
	}
}

func TestArticleKeepsEveryHeaderField(t *testing.T) {
	s := memoryStore(t)
	a := articles.Article{ID: "/notes/a.md", Title: "A", Source: "notes", Link: "https://a", Author: "Me",
		Published: time.Date(2025, 5, 6, 7, 8, 9, 0, time.UTC), DateFromFile: true, Tags: []string{"x", "y z"},
		Summary: "short", Path: "/notes/a.md", Body: "body", BodyLoaded: true}
	must(t, s.PutArticles(ctxT(t), []articles.Article{a}))
	got, _, err := s.Article(ctxT(t), a.ID)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(a, got); diff != "" {
		t.Fatalf("article (-want +got):\n%s", diff)
	}
}

func TestPrune(t *testing.T) {
	now := time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)
	old, recent := now.Add(-60*24*time.Hour), now.Add(-2*24*time.Hour)
	item := func(id string, published time.Time) articles.Article {
		return articles.Article{ID: id, Title: id, Feed: "https://f.example/feed", Published: published}
	}
	s := memoryStore(t)
	c := &clock{old}
	s.now = c.now
	must(t, s.PutArticles(ctxT(t), []articles.Article{
		item("old-read", old), item("old-unread", old), item("old-starred", old),
		item("recent-read", recent), item("old-still-in-feed", old),
		{ID: "/notes/old.md", Title: "a file", Published: old},
	}))
	must(t, s.SetRead(ctxT(t), []string{"old-read", "old-starred", "recent-read", "old-still-in-feed", "/notes/old.md"}, true))
	must(t, s.SetStarred(ctxT(t), "old-starred", true))
	c.t = now
	must(t, s.PutArticles(ctxT(t), []articles.Article{item("old-still-in-feed", old)}))
	must(t, s.IndexPending(ctxT(t), nil))

	n, err := s.Prune(ctxT(t), 30*24*time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	if n != 1 {
		t.Fatalf("pruned %d, want 1", n)
	}
	for _, tt := range []struct {
		id   string
		kept bool
	}{
		{"old-read", false}, {"old-unread", true}, {"old-starred", true}, {"recent-read", true},
		{"old-still-in-feed", true}, {"/notes/old.md", true},
	} {
		t.Run(tt.id+" kept is "+map[bool]string{true: "true", false: "false"}[tt.kept], func(t *testing.T) {
			_, ok, err := s.Article(ctxT(t), tt.id)
			if err != nil || ok != tt.kept {
				t.Fatalf("found %t, %v; want %t", ok, err, tt.kept)
			}
		})
	}
	var indexed int
	must(t, s.r.QueryRow(`SELECT count(*) FROM fts_ids WHERE id = 'old-read'`).Scan(&indexed))
	if indexed != 0 {
		t.Error("the pruned item is still in the full-text index")
	}
	st, err := s.States(ctxT(t), []string{"old-read"})
	if err != nil || len(st) != 0 {
		t.Fatalf("state of a pruned item: %v, %v", st, err)
	}
}

func TestEachArchivedStreamsNewestFirst(t *testing.T) {
	s := memoryStore(t)
	base := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	var items []articles.Article
	for i := range 25 {
		feed := "https://a.example/feed"
		if i%5 == 0 {
			feed = "https://other.example/feed"
		}
		items = append(items, articles.Article{ID: fmt.Sprint("id", i), Title: fmt.Sprint("item ", i), Feed: feed, Published: base.Add(time.Duration(i) * time.Hour)})
	}
	must(t, s.PutArticles(ctxT(t), items))
	var sizes []int
	var got []articles.Article
	must(t, s.EachArchived(ctxT(t), []string{"https://a.example/feed"}, 0, 0, 7, true, func(b []articles.Article) error {
		sizes = append(sizes, len(b))
		got = append(got, b...)
		return nil
	}))
	if !slices.Equal(sizes, []int{7, 7, 6}) {
		t.Errorf("batches of %v, want 7, 7, 6", sizes)
	}
	for i := 1; i < len(got); i++ {
		if got[i].Published.After(got[i-1].Published) {
			t.Fatalf("not newest first at %d", i)
		}
	}
	if got[0].ID != "id24" {
		t.Errorf("first %s, want the newest, id24", got[0].ID)
	}
}

func TestEachArchivedKeepsAMillionHeadersSmall(t *testing.T) {
	s := memoryStore(t)
	base := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	var items []articles.Article
	for i := range 300 {
		a := articles.Article{ID: fmt.Sprint("id", i), Title: fmt.Sprint("item ", i), Source: "A feed",
			Feed: "https://a.example/feed", Author: "A. Writer", Tags: []string{"news", "tech"},
			Summary: fmt.Sprint("summary ", i), Link: fmt.Sprint("https://a.example/", i),
			Published: base.Add(time.Duration(i) * time.Hour)}
		if i == 100 {
			a.Title = " "
		}
		if i%3 == 0 {
			a.Link = a.ID // a guid that is the link
		}
		items = append(items, a)
	}
	must(t, s.PutArticles(ctxT(t), items))
	for _, whole := range []bool{true, false} {
		t.Run(fmt.Sprintf("whole %v", whole), func(t *testing.T) {
			var sizes []int
			var got []articles.Article
			must(t, s.EachArchived(ctxT(t), []string{"https://a.example/feed"}, 0, 0, 200, whole, func(b []articles.Article) error {
				sizes = append(sizes, len(b))
				got = append(got, b...)
				return nil
			}))
			if !slices.Equal(sizes, []int{64, 128, 108}) {
				t.Errorf("pieces of %v, want a screen first, then growing to 200", sizes)
			}
			for _, a := range got {
				i, _ := strconv.Atoi(strings.TrimPrefix(a.ID, "id"))
				w := items[i]
				if !whole {
					w.Author = "" // not listed; Article gives it
					if i != 100 {
						w.Summary, w.Link = "", "" // the title shows; Article gives the rest
					}
				}
				if !reflect.DeepEqual(a, w) {
					t.Fatalf("read %+v, want %+v", a, w)
				}
			}
			same := func(x, y string) bool { return unsafe.StringData(x) == unsafe.StringData(y) }
			first, last := got[0], got[len(got)-1]
			if !same(first.Source, last.Source) || !same(first.Feed, last.Feed) || whole && !same(first.Author, last.Author) || &first.Tags[0] != &last.Tags[0] {
				t.Error("the names, feeds, authors and tags that repeat are not one string each")
			}
			for _, a := range got {
				if a.Link == a.ID && !same(a.Link, a.ID) {
					t.Fatalf("%s: a link that is the ID is kept twice", a.ID)
				}
			}
			if cap(first.Tags) != len(first.Tags) {
				t.Error("shared tags can be appended to in place")
			}
		})
	}
}
