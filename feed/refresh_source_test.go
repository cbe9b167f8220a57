package feed

import (
	"context"
	"errors"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"newsread/articles"
)

// refresher is what the UI calls to fetch again.
type refresher interface {
	Refresh(ctx context.Context, feedURL string, send func(articles.Batch))
}

// refreshBatches collects the batches of one Refresh.
func refreshBatches(t *testing.T, src refresher, feedURL string) []articles.Batch {
	t.Helper()
	var batches []articles.Batch
	src.Refresh(context.Background(), feedURL, func(b articles.Batch) { batches = append(batches, b) })
	if len(batches) == 0 || !batches[len(batches)-1].Done {
		t.Fatalf("the last batch must have Done set: %+v", batches)
	}
	return batches
}

// tally sums up batches.
func tally(batches []articles.Batch) (arts []articles.Article, problems []articles.Problem) {
	for _, b := range batches {
		arts = append(arts, b.Articles...)
		problems = append(problems, b.Problems...)
	}
	return arts, problems
}

// twoFeeds serves two versioned feeds, /a and /b, and returns a source
// over them that has loaded once.
func twoFeeds(t *testing.T) (src *Source, a, b *versionedFeed, subs []Subscription) {
	a, b = &versionedFeed{}, &versionedFeed{}
	a.set(rssFeed("A", 0, 3, 10), `"a1"`)
	b.set(rssFeed("B", 100, 2, 10), `"b1"`)
	mux := http.NewServeMux()
	mux.Handle("/a", a)
	mux.Handle("/b", b)
	srv := serveOn(t, "127.0.0.1", mux)
	subs = []Subscription{{URL: srv.URL + "/a"}, {URL: srv.URL + "/b"}}
	src = NewSource("", subs, testFetcher(FetcherOptions{}), NewCache(t.TempDir()), nil)
	collect(t, src, nil)
	return src, a, b, subs
}

func TestSourceRefresh(t *testing.T) {
	t.Run("refreshing one feed fetches only that feed", func(t *testing.T) {
		src, a, b, subs := twoFeeds(t)
		a.set(rssFeed("A", 0, 4, 10), `"a2"`)
		batches := refreshBatches(t, src, subs[0].URL)
		arts, problems := tally(batches)
		if a.requests.Load() != 2 || b.requests.Load() != 1 {
			t.Errorf("requests: a %d, b %d; want 2 and 1", a.requests.Load(), b.requests.Load())
		}
		if len(arts) != 4 || len(problems) != 0 {
			t.Errorf("%d articles, problems %v; want the 4 fresh ones of a", len(arts), problems)
		}
		for _, b := range batches {
			if b.Total != 1 {
				t.Errorf("Total %d, want 1", b.Total)
			}
		}
	})
	t.Run("an unchanged feed answers 304 and sends no articles", func(t *testing.T) {
		src, a, b, _ := twoFeeds(t)
		batches := refreshBatches(t, src, "")
		arts, problems := tally(batches)
		if len(arts) != 0 || len(problems) != 0 {
			t.Errorf("%d articles, problems %v; want none", len(arts), problems)
		}
		if a.requests.Load() != 2 || b.requests.Load() != 2 {
			t.Errorf("requests: a %d, b %d; want 2 each", a.requests.Load(), b.requests.Load())
		}
		last := batches[len(batches)-1]
		if last.Seen != 2 || last.Total != 2 {
			t.Errorf("last batch Seen %d Total %d, want 2/2", last.Seen, last.Total)
		}
	})
	t.Run("a changed feed sends its new item, whose body opens", func(t *testing.T) {
		src, _, b, subs := twoFeeds(t)
		b.set(rssFeed("B", 100, 3, 10), `"b2"`)
		arts, _ := tally(refreshBatches(t, src, ""))
		if len(arts) != 3 || arts[2].ID != "https://example.com/items/102" || arts[2].Feed != subs[1].URL {
			t.Fatalf("want the 3 items of b, the new one last: %+v", arts)
		}
		opened, _ := src.Open(context.Background(), arts[2])
		if !strings.Contains(opened.Body, "quick") {
			t.Errorf("the new item's body should open: %q", opened.Body)
		}
	})
	t.Run("an unknown feed is one problem", func(t *testing.T) {
		src, a, _, _ := twoFeeds(t)
		batches := refreshBatches(t, src, "https://nowhere.example/feed")
		_, problems := tally(batches)
		if len(batches) != 1 || len(problems) != 1 || !errors.Is(problems[0].Err, ErrUnknownFeed) || problems[0].Where != "https://nowhere.example/feed" {
			t.Errorf("batches %+v", batches)
		}
		if a.requests.Load() != 1 {
			t.Errorf("nothing should be fetched; a has %d requests", a.requests.Load())
		}
	})
}

func TestSourceRefreshWaitsForRetryAfter(t *testing.T) {
	var hits atomic.Int64
	srv := serveOn(t, "127.0.0.1", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		w.Header().Set("Retry-After", "120")
		w.WriteHeader(http.StatusTooManyRequests)
	}))
	now := time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)
	f := testFetcher(FetcherOptions{Now: func() time.Time { return now }})
	sub := Subscription{URL: srv.URL + "/feed"}
	src := NewSource("", []Subscription{sub}, f, NewCache(t.TempDir()), nil)
	_, first := tally(collect(t, src, nil))
	_, second := tally(refreshBatches(t, src, sub.URL))
	if len(first) != 1 || !errors.Is(first[0].Err, ErrRateLimited) {
		t.Errorf("load problems %v, want one rate limit", first)
	}
	if len(second) != 1 || !errors.Is(second[0].Err, ErrRetryLater) || !strings.Contains(second[0].Err.Error(), "retry after 2m") {
		t.Errorf("refresh problems %v, want retry after 2m", second)
	}
	if hits.Load() != 1 {
		t.Errorf("the server was asked %d times; the refresh should wait", hits.Load())
	}
}

func TestSourceLoadAndRefreshAtOnce(t *testing.T) {
	src, a, b, subs := twoFeeds(t)
	a.set(rssFeed("A", 0, 6, 10), `"a2"`)
	b.set(rssFeed("B", 100, 5, 10), `"b2"`)
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Go(func() {
			send := func(b articles.Batch) {
				for _, art := range b.Articles {
					src.Open(context.Background(), art)
				}
			}
			switch i % 3 {
			case 0:
				src.Load(context.Background(), send)
			case 1:
				src.Refresh(context.Background(), "", send)
			default:
				src.Refresh(context.Background(), subs[i%2].URL, send)
			}
		})
	}
	wg.Wait()
	arts, problems := tally(refreshBatches(t, src, ""))
	if len(problems) != 0 || len(arts) != 0 {
		t.Errorf("after the dust settles a refresh finds nothing new: %d articles, %v", len(arts), problems)
	}
}

func TestDataSourceRefresh(t *testing.T) {
	path := filepath.Join(t.TempDir(), "feed.xml")
	os.WriteFile(path, rssFeed("On disk", 0, 3, 10), 0o644)
	file := NewFileSource(path, nil)
	collect(t, file, nil)
	piped := NewDataSource("stdin", rssFeed("Piped", 0, 2, 10), nil)
	collect(t, piped, nil)

	tests := []struct {
		name     string
		src      *DataSource
		feedURL  string
		change   []byte
		articles int
		problem  error
	}{
		{"an unchanged file sends nothing", file, "", nil, 0, nil},
		{"a changed file is read again", file, path, rssFeed("On disk", 0, 5, 10), 5, nil},
		{"piped data cannot change", piped, "", nil, 0, nil},
		{"another name is unknown", file, "https://example.com/feed", nil, 0, ErrUnknownFeed},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.change != nil {
				os.WriteFile(path, tt.change, 0o644)
			}
			batches := refreshBatches(t, tt.src, tt.feedURL)
			arts, problems := tally(batches)
			if len(batches) != 1 || len(arts) != tt.articles {
				t.Errorf("%d batches, %d articles; want 1 and %d", len(batches), len(arts), tt.articles)
			}
			if tt.problem != nil && (len(problems) != 1 || !errors.Is(problems[0].Err, tt.problem)) {
				t.Errorf("problems %v, want %v", problems, tt.problem)
			}
		})
	}
}

func TestFreshItemsComeWithTheirHTMLForTheStore(t *testing.T) {
	src, a, _, subs := twoFeeds(t)
	a.set(rssFeed("A", 0, 4, 10), `"a2"`) // one new item
	arts, _ := tally(refreshBatches(t, src, subs[0].URL))
	bodies := map[string]string{}
	for _, b := range refreshBatches(t, src, "") {
		for id, html := range b.Bodies {
			bodies[id] = html
		}
	}
	if len(arts) != 4 {
		t.Fatalf("want the 4 items of the changed feed, got %d", len(arts))
	}
	// The first refresh had them; the second (all feeds, nothing changed)
	// brings no batch with bodies.
	if len(bodies) != 0 {
		t.Errorf("an unchanged feed sent %d bodies", len(bodies))
	}
	a.set(rssFeed("A", 0, 5, 10), `"a3"`)
	for _, b := range refreshBatches(t, src, subs[0].URL) {
		for id, html := range b.Bodies {
			bodies[id] = html
		}
	}
	if len(bodies) != 5 || !strings.Contains(bodies["https://example.com/items/4"], "<b>quick</b>") {
		t.Errorf("want the HTML of the 5 items, got %d: %.80q", len(bodies), bodies["https://example.com/items/4"])
	}
}

func TestASourceCachedOnLoadFetchesOnlyFeedsWithoutACopy(t *testing.T) {
	var hits atomic.Int32
	a := &versionedFeed{}
	a.set(rssFeed("A", 0, 3, 10), `"a1"`)
	b := &versionedFeed{}
	b.set(rssFeed("B", 100, 2, 10), `"b1"`)
	mux := http.NewServeMux()
	count := func(h http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { hits.Add(1); h.ServeHTTP(w, r) })
	}
	mux.Handle("/a", count(a))
	mux.Handle("/b", count(b))
	srv := serveOn(t, "127.0.0.1", mux)
	cache := NewCache(t.TempDir())
	f := testFetcher(FetcherOptions{})
	// /a was read before; /b is new.
	collect(t, NewSource("", []Subscription{{URL: srv.URL + "/a"}}, f, cache, nil), nil)
	hits.Store(0)
	src := NewSource("", []Subscription{{URL: srv.URL + "/a"}, {URL: srv.URL + "/b"}}, f, cache, nil).CachedOnLoad()
	arts, _ := tally(collect(t, src, nil))
	if len(arts) != 5 || hits.Load() != 1 {
		t.Errorf("listed %d articles with %d fetches; want 5, and only /b fetched", len(arts), hits.Load())
	}
	refreshBatches(t, src, "")
	if hits.Load() != 3 {
		t.Errorf("a refresh made %d fetches in all, want both feeds fetched", hits.Load())
	}
}

func TestASourceHoldsItsFetchesUntilTheHoldReturns(t *testing.T) {
	a := &versionedFeed{}
	a.set(rssFeed("A", 0, 3, 10), `"a1"`)
	b := &versionedFeed{}
	b.set(rssFeed("B", 100, 2, 10), `"b1"`)
	requests := make(chan string, 8)
	mux := http.NewServeMux()
	note := func(h http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { requests <- r.URL.Path; h.ServeHTTP(w, r) })
	}
	mux.Handle("/a", note(a))
	mux.Handle("/b", note(b))
	srv := serveOn(t, "127.0.0.1", mux)
	cache := NewCache(t.TempDir())
	f := testFetcher(FetcherOptions{})
	// /a was read before (its copy is sent at once); /b is new.
	collect(t, NewSource("", []Subscription{{URL: srv.URL + "/a"}}, f, cache, nil), nil)
	<-requests

	held := make(chan struct{}, 2)
	release := make(chan struct{})
	src := NewSource("", []Subscription{{URL: srv.URL + "/a"}, {URL: srv.URL + "/b"}}, f, cache, nil).
		HoldFetches(func(ctx context.Context) {
			held <- struct{}{}
			select {
			case <-release:
			case <-ctx.Done():
			}
		})
	listed := make(chan int)
	go func() {
		arts, _ := tally(collect(t, src, nil))
		listed <- len(arts)
	}()
	for range 2 {
		select {
		case <-held:
		case path := <-requests:
			t.Fatalf("%s was fetched before the hold returned", path)
		}
	}
	close(release)
	if n := <-listed; n != 5 || len(requests) != 2 {
		t.Errorf("listed %d articles with %d fetches after the hold; want 5 with both feeds fetched", n, len(requests))
	}
}
