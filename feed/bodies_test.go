package feed

import (
	"context"
	"errors"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"newsread/articles"
)

// atomFeed is an Atom document of n entries, which the fast RSS path
// does not read.
func atomFeed(n int) []byte {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Atom</title><link href="https://example.com/"/><id>urn:feed</id><updated>2024-01-01T00:00:00Z</updated>`)
	for i := range n {
		id := string(rune('a' + i))
		b.WriteString(`<entry><title>Entry ` + id + `</title><id>urn:entry:` + id + `</id><link href="/entries/` + id + `"/><updated>2024-01-01T00:00:00Z</updated>` +
			`<content type="html">&lt;p&gt;Entry ` + id + ` has a &lt;a href="/more"&gt;relative link&lt;/a&gt;.&lt;/p&gt;</content></entry>`)
	}
	b.WriteString(`</feed>`)
	return []byte(b.String())
}

// offlineURL is the address of a server that has gone away.
func offlineURL(t *testing.T) string {
	srv := serveOn(t, "127.0.0.1", http.NotFoundHandler())
	srv.Close()
	return srv.URL + "/feed"
}

// openAll opens every article a source loaded, by ID.
func openAll(t *testing.T, src interface {
	Load(context.Context, func(articles.Batch))
	Open(context.Context, articles.Article) (articles.Article, error)
}) map[string]string {
	t.Helper()
	arts, _ := tally(collect(t, src, nil))
	bodies := map[string]string{}
	for _, a := range arts {
		if a.BodyLoaded {
			t.Fatalf("%s came with its body", a.ID)
		}
		opened, err := src.Open(context.Background(), a)
		if err != nil || !opened.BodyLoaded {
			t.Fatalf("open %s: %v", a.ID, err)
		}
		bodies[a.ID] = opened.Body
	}
	return bodies
}

func TestOpenedBodiesEqualTheFullConversion(t *testing.T) {
	docs := map[string][]byte{
		"plain RSS items":   rssFeed("Plain", 0, 40, 60),
		"an Atom feed":      atomFeed(5),
		"a podcast":         nil,
		"relative links":    nil,
		"untitled items":    nil,
		"repeated item IDs": []byte(strings.Replace(string(rssFeed("Twice", 0, 3, 10)), "items/2<", "items/0<", 2)),
	}
	for name, file := range map[string]string{"a podcast": "podcast.xml", "relative links": "relative-links.xml", "untitled items": "untitled-items.xml"} {
		data, err := os.ReadFile(filepath.Join("testdata", file))
		if err != nil {
			t.Fatal(err)
		}
		docs[name] = data
	}
	for name, data := range docs {
		t.Run(name+" open as the whole feed converts them", func(t *testing.T) {
			url := offlineURL(t)
			full, err := NewParser(articles.NewHTMLConverter()).Parse(data, ParseOptions{URL: url})
			if err != nil {
				t.Fatal(err)
			}
			want := map[string]string{}
			for _, a := range full.Articles {
				want[a.ID] = a.Body
			}
			c := NewCache(t.TempDir())
			if err := c.Store(url, CacheMeta{}, data); err != nil {
				t.Fatal(err)
			}
			cached := NewSource("", []Subscription{{URL: url}}, testFetcher(FetcherOptions{}), c, nil)
			if diff := cmp.Diff(want, openAll(t, cached)); diff != "" {
				t.Errorf("cached feed (-full +opened):\n%s", diff)
			}
			piped := NewDataSource(url, data, nil)
			if diff := cmp.Diff(want, openAll(t, piped)); diff != "" {
				t.Errorf("piped feed (-full +opened):\n%s", diff)
			}
		})
	}
}

func TestOpenAfterTheFeedChanges(t *testing.T) {
	const oldWords, newWords = "brown fox", "council met"
	old := rssFeed("Feed", 0, 3, 10)
	fresh := []byte(strings.ReplaceAll(string(rssFeed("Feed", 1, 3, 10)), oldWords, newWords))
	load := func(t *testing.T) (*Source, *Cache, string, map[string]articles.Article) {
		t.Helper()
		v := &versionedFeed{}
		v.set(old, `"1"`)
		srv := serveOn(t, "127.0.0.1", v)
		url := srv.URL + "/feed"
		c := NewCache(t.TempDir())
		src := NewSource("", []Subscription{{URL: url}}, testFetcher(FetcherOptions{}), c, nil)
		arts, _ := tally(collect(t, src, nil))
		byID := map[string]articles.Article{}
		for _, a := range arts {
			byID[a.ID] = a
		}
		v.set(fresh, `"2"`)
		return src, c, url, byID
	}
	open := func(t *testing.T, src *Source, a articles.Article) string {
		t.Helper()
		opened, err := src.Open(context.Background(), a)
		if err != nil {
			t.Fatalf("open %s: %v", a.ID, err)
		}
		return opened.Body
	}
	t.Run("a refreshed item opens its fresh content", func(t *testing.T) {
		src, _, _, arts := load(t)
		refreshed, _ := tally(refreshBatches(t, src, ""))
		if len(refreshed) != 3 {
			t.Fatalf("%d fresh articles, want 3", len(refreshed))
		}
		for _, a := range []articles.Article{refreshed[0], arts[refreshed[0].ID]} {
			if body := open(t, src, a); !strings.Contains(body, newWords) || strings.Contains(body, oldWords) {
				t.Errorf("%s opens %q, want the fresh words", a.ID, body)
			}
		}
	})
	t.Run("an item the fresh copy dropped keeps its body", func(t *testing.T) {
		src, _, _, arts := load(t)
		refreshBatches(t, src, "")
		if body := open(t, src, arts["https://example.com/items/0"]); !strings.Contains(body, oldWords) {
			t.Errorf("the dropped item opens %q", body)
		}
	})
	t.Run("a cache another program refreshed gives the newer body", func(t *testing.T) {
		src, c, url, arts := load(t)
		if err := c.Store(url, CacheMeta{}, fresh); err != nil {
			t.Fatal(err)
		}
		if body := open(t, src, arts["https://example.com/items/1"]); !strings.Contains(body, newWords) {
			t.Errorf("item 1 opens %q, want the newer words", body)
		}
		if _, err := src.Open(context.Background(), arts["https://example.com/items/0"]); !errors.Is(err, ErrBodyGone) {
			t.Errorf("an item no longer cached: %v, want ErrBodyGone", err)
		}
	})
}

func TestOpenAFreshCopyThatCouldNotBeCached(t *testing.T) {
	srv := serveOn(t, "127.0.0.1", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Write(rssFeed("Fresh", 0, 2, 10))
	}))
	notADir := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(notADir, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	src := NewSource("", []Subscription{{URL: srv.URL + "/feed"}}, testFetcher(FetcherOptions{}), NewCache(notADir), nil)
	bodies := openAll(t, src)
	if len(bodies) != 2 || !strings.Contains(bodies["https://example.com/items/1"], "quick") {
		t.Errorf("bodies %q, want both items' bodies from memory", bodies)
	}
}

func TestOpenAFileThatChanged(t *testing.T) {
	path := filepath.Join(t.TempDir(), "feed.xml")
	if err := os.WriteFile(path, rssFeed("On disk", 0, 2, 10), 0o644); err != nil {
		t.Fatal(err)
	}
	src := NewFileSource(path, nil)
	arts, _ := tally(collect(t, src, nil))
	changed := strings.ReplaceAll(string(rssFeed("On disk", 1, 2, 10)), "brown fox", "council met")
	if err := os.WriteFile(path, []byte(changed), 0o644); err != nil {
		t.Fatal(err)
	}
	if a, err := src.Open(context.Background(), arts[1]); err != nil || !strings.Contains(a.Body, "council met") {
		t.Errorf("item 1 opens %q, %v; want the file's newer body", a.Body, err)
	}
	if _, err := src.Open(context.Background(), arts[0]); !errors.Is(err, ErrBodyGone) {
		t.Errorf("item 0 left the file: %v, want ErrBodyGone", err)
	}
}
