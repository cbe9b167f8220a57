package feed

import (
	"context"
	"errors"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"newsread/articles"
)

// versionedFeed serves an RSS feed with an ETag, answering 304 when the
// client has the current version; set changes the content.
type versionedFeed struct {
	body     atomic.Pointer[[]byte]
	etag     atomic.Value
	requests atomic.Int64
}

func (v *versionedFeed) set(body []byte, etag string) {
	v.body.Store(&body)
	v.etag.Store(etag)
}

func (v *versionedFeed) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	v.requests.Add(1)
	etag := v.etag.Load().(string)
	if r.Header.Get("If-None-Match") == etag {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	w.Header().Set("ETag", etag)
	w.Write(*v.body.Load())
}

func TestRefreshCountsNewItemsAndUsesValidators(t *testing.T) {
	feed := &versionedFeed{}
	feed.set(rssFeed("Versioned", 0, 5, 10), `"a"`)
	srv := serveOn(t, "127.0.0.1", feed)
	subs := []Subscription{{URL: srv.URL + "/feed"}}
	f, c := testFetcher(FetcherOptions{}), NewCache(t.TempDir())

	steps := []struct {
		name        string
		body        []byte
		etag        string
		wantNew     int
		notModified bool
		articles    int // handed back: those of a fresh copy
	}{
		{"the first refresh finds every item new", nil, "", 5, false, 5},
		{"an unchanged feed costs a 304", nil, "", 0, true, 0},
		{"a changed feed counts only the added items", rssFeed("Versioned", 0, 8, 10), `"b"`, 3, false, 8},
	}
	for _, st := range steps {
		t.Run(st.name, func(t *testing.T) {
			if st.body != nil {
				feed.set(st.body, st.etag)
			}
			var calls []int
			res := Refresh(context.Background(), subs, f, c, func(done, total int) { calls = append(calls, done, total) })
			r := res[0]
			if r.Err != nil {
				t.Fatal(r.Err)
			}
			if r.New != st.wantNew || r.NotModified != st.notModified {
				t.Errorf("New=%d NotModified=%v, want %d %v", r.New, r.NotModified, st.wantNew, st.notModified)
			}
			if len(r.Articles) != st.articles {
				t.Errorf("%d articles handed back, want the fresh copy's %d", len(r.Articles), st.articles)
			}
			for _, a := range r.Articles {
				if r.Bodies[a.ID] == "" || a.BodyLoaded {
					t.Errorf("%s: body %q handed back unconverted, loaded %v", a.ID, r.Bodies[a.ID], a.BodyLoaded)
				}
			}
			if len(calls) != 2 || calls[0] != 1 || calls[1] != 1 {
				t.Errorf("progress calls %v, want [1 1]", calls)
			}
		})
	}
}

func TestRefreshHonoursRetryAfter(t *testing.T) {
	var hits atomic.Int64
	srv := serveOn(t, "127.0.0.1", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		w.Header().Set("Retry-After", "120")
		w.WriteHeader(http.StatusTooManyRequests)
	}))
	now := time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)
	f := testFetcher(FetcherOptions{Now: func() time.Time { return now }})
	c := NewCache(t.TempDir())
	subs := []Subscription{{URL: srv.URL + "/feed"}}

	first := Refresh(context.Background(), subs, f, c, nil)[0]
	if !errors.Is(first.Err, ErrRateLimited) || !first.RetryAfter.Equal(now.Add(2*time.Minute)) {
		t.Fatalf("first refresh: %+v", first)
	}
	now = now.Add(time.Minute)
	second := Refresh(context.Background(), subs, f, c, nil)[0]
	if hits.Load() != 1 {
		t.Errorf("the server was asked %d times; the second refresh should wait", hits.Load())
	}
	if !errors.Is(second.Err, ErrRetryLater) || !strings.Contains(second.Err.Error(), "retry after 1m") {
		t.Errorf("second refresh error %v", second.Err)
	}
	now = now.Add(2 * time.Minute)
	Refresh(context.Background(), subs, f, c, nil)
	if hits.Load() != 2 {
		t.Errorf("after the wait the feed should be fetched again; %d requests", hits.Load())
	}
}

// collect gathers a source's batches.
func collect(t *testing.T, src interface {
	Load(context.Context, func(articles.Batch))
}, onBatch func(articles.Batch)) []articles.Batch {
	t.Helper()
	var batches []articles.Batch
	done := make(chan struct{})
	go func() {
		defer close(done)
		src.Load(context.Background(), func(b articles.Batch) {
			batches = append(batches, b)
			if onBatch != nil {
				onBatch(b)
			}
		})
	}()
	select {
	case <-done:
	case <-time.After(20 * time.Second):
		t.Fatal("Load did not finish")
	}
	if len(batches) == 0 || !batches[len(batches)-1].Done {
		t.Fatalf("the last batch must have Done set: %+v", batches)
	}
	return batches
}

func TestSourceSendsCachedArticlesBeforeTheFetchCompletes(t *testing.T) {
	release := make(chan struct{})
	fresh := rssFeed("Fresh", 0, 4, 10)
	srv := serveOn(t, "127.0.0.1", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-release:
		case <-time.After(10 * time.Second):
		}
		w.Write(fresh)
	}))
	sub := Subscription{URL: srv.URL + "/feed", Title: "My feed", Tags: []string{"news"}}
	c := NewCache(t.TempDir())
	if err := c.Store(sub.URL, CacheMeta{}, rssFeed("Cached", 0, 2, 10)); err != nil {
		t.Fatal(err)
	}
	src := NewSource("", []Subscription{sub}, testFetcher(FetcherOptions{}), c, NewParser(articles.NewHTMLConverter()))
	batches := collect(t, src, func(b articles.Batch) {
		if len(b.Articles) == 2 {
			close(release) // the cached batch is here: let the fetch finish
		}
	})
	if len(batches) != 3 {
		t.Fatalf("want cached, fresh and done batches; got %d", len(batches))
	}
	cached, got := batches[0], batches[1]
	if len(cached.Articles) != 2 || cached.Seen != 0 {
		t.Errorf("cached batch: %d articles, seen %d", len(cached.Articles), cached.Seen)
	}
	if len(got.Articles) != 4 || got.Seen != 1 || got.Articles[0].ID != cached.Articles[0].ID {
		t.Errorf("fresh batch should replace the cached articles by ID: %+v", got.Articles[0])
	}
	a, _ := src.Open(context.Background(), got.Articles[0])
	if !strings.Contains(a.Body, "quick") {
		t.Errorf("Open should convert the body: %q", a.Body)
	}
	if a.Source != "My feed" || len(a.Tags) != 1 || a.Tags[0] != "news" || !a.BodyLoaded {
		t.Errorf("article should carry the subscription's title and tags and a body: %+v", a)
	}
	if src.Name() != "My feed" || src.Feeds() != 1 {
		t.Errorf("Name %q Feeds %d", src.Name(), src.Feeds())
	}
}

func TestSourceOfflineKeepsCachedArticles(t *testing.T) {
	srv := serveOn(t, "127.0.0.1", http.NotFoundHandler())
	url := srv.URL + "/feed"
	srv.Close()
	c := NewCache(t.TempDir())
	if err := c.Store(url, CacheMeta{}, rssFeed("Cached", 0, 3, 10)); err != nil {
		t.Fatal(err)
	}
	src := NewSource("feeds", []Subscription{{URL: url}}, testFetcher(FetcherOptions{}), c, nil)
	batches := collect(t, src, nil)
	var arts, problems int
	for _, b := range batches {
		arts += len(b.Articles)
		for _, p := range b.Problems {
			problems++
			if p.Where != url || !errors.Is(p.Err, ErrRefused) {
				t.Errorf("problem %v should name the URL and say the connection was refused", p)
			}
		}
	}
	if arts != 3 || problems != 1 {
		t.Errorf("%d articles and %d problems; want the 3 cached and 1 problem", arts, problems)
	}
}

func TestCacheEntries(t *testing.T) {
	dir := t.TempDir()
	c := NewCache(dir)
	const u = "https://example.com/feed"
	if _, _, err := c.Load(u); !errors.Is(err, ErrNotCached) {
		t.Fatalf("empty cache: %v", err)
	}
	meta := CacheMeta{ETag: `"x"`, FetchedAt: time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)}
	for _, body := range []string{"first", "second"} {
		if err := c.Store(u, meta, []byte(body)); err != nil {
			t.Fatal(err)
		}
	}
	t.Run("a stored entry reads back and leaves no temporary files", func(t *testing.T) {
		m, body, err := c.Load(u)
		if err != nil || string(body) != "second" || m.ETag != `"x"` || m.URL != u {
			t.Fatalf("got %+v %q %v", m, body, err)
		}
		files, _ := os.ReadDir(dir)
		if len(files) != 2 {
			t.Errorf("want a body and a sidecar, have %d files", len(files))
		}
	})
	t.Run("a body that does not match its checksum is corrupt", func(t *testing.T) {
		os.WriteFile(c.name(u)+".body", []byte("secont"), 0o644)
		if _, _, err := c.Load(u); !errors.Is(err, ErrCorruptCache) {
			t.Errorf("got %v", err)
		}
	})
	t.Run("a sidecar that is not JSON is corrupt", func(t *testing.T) {
		os.WriteFile(c.name(u)+".json", []byte("{nope"), 0o644)
		if _, _, err := c.Load(u); !errors.Is(err, ErrCorruptCache) {
			t.Errorf("got %v", err)
		}
	})
	t.Run("a corrupt entry is reported and the feed still loads", func(t *testing.T) {
		srv := serveOn(t, "127.0.0.1", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Write(rssFeed("Fresh", 0, 2, 10))
		}))
		sub := Subscription{URL: srv.URL + "/feed"}
		os.MkdirAll(dir, 0o755)
		os.WriteFile(c.name(sub.URL)+".json", []byte("garbage"), 0o644)
		batches := collect(t, NewSource("", []Subscription{sub}, testFetcher(FetcherOptions{}), c, NewParser(articles.NewHTMLConverter())), nil)
		var arts, problems int
		for _, b := range batches {
			arts += len(b.Articles)
			problems += len(b.Problems)
		}
		if arts != 2 || problems != 1 {
			t.Errorf("%d articles, %d problems; want 2 fresh and 1 about the cache", arts, problems)
		}
		if _, _, err := c.Load(sub.URL); err != nil {
			t.Errorf("the fetch should have replaced the corrupt entry: %v", err)
		}
	})
	if m, _ := filepath.Glob(filepath.Join(dir, ".tmp-*")); len(m) > 0 {
		t.Errorf("temporary files left: %v", m)
	}
}

func TestDataSources(t *testing.T) {
	path := filepath.Join(t.TempDir(), "feed.xml")
	os.WriteFile(path, rssFeed("On disk", 0, 3, 10), 0o644)
	tests := []struct {
		name     string
		src      *DataSource
		articles int
		problem  error
	}{
		{"a feed file loads its articles", NewFileSource(path, nil), 3, nil},
		{"feed bytes from stdin load", NewDataSource("stdin", rssFeed("Piped", 0, 2, 10), nil), 2, nil},
		{"an HTML page is not a feed", NewDataSource("stdin", []byte("<!DOCTYPE html><html><body>hi</body></html>"), nil), 0, ErrNotFeed},
		{"a missing file is a problem", NewFileSource(path+".missing", nil), 0, os.ErrNotExist},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := collect(t, tt.src, nil)[0]
			if len(b.Articles) != tt.articles {
				t.Errorf("%d articles, want %d", len(b.Articles), tt.articles)
			}
			if tt.problem != nil && (len(b.Problems) != 1 || !errors.Is(b.Problems[0].Err, tt.problem)) {
				t.Errorf("problems %v, want %v", b.Problems, tt.problem)
			}
		})
	}
}
