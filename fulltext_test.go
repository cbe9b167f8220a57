package main

import (
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"newsread/articles"
	"newsread/feed"
	"newsread/ui"
)

// corpusPage is a real news page of the shared corpus, and words of its
// story; the test skips when the corpus is absent.
func corpusPage(t testing.TB) (page []byte, story string) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "shared", "corpus", "html", "readability", "test", "test-pages", "nytimes-1", "source.html"))
	if err != nil {
		t.Skip("corpus not present:", err)
	}
	return data, "After nearly 20 years of hostile relations"
}

// storyPage is a small page whose article readability finds.
func storyPage(words string) string {
	return "<html><head><title>Harbour</title></head><body><nav>Home News Sport</nav><article><h1>Harbour</h1>" +
		strings.Repeat("<p>"+words+" The north harbour reopened on Tuesday after six weeks of repairs to the breakwater. </p>", 5) +
		"</article></body></html>"
}

// pageServer serves article pages on loopback and counts the requests
// of each path.
type pageServer struct {
	*httptest.Server
	mu    sync.Mutex
	count map[string]int
}

func newPageServer(t *testing.T, pages map[string]func(w http.ResponseWriter, r *http.Request)) *pageServer {
	t.Helper()
	ps := &pageServer{count: map[string]int{}}
	mux := http.NewServeMux()
	for path, h := range pages {
		mux.HandleFunc(path, func(w http.ResponseWriter, r *http.Request) {
			ps.mu.Lock()
			ps.count[r.URL.Path]++
			ps.mu.Unlock()
			h(w, r)
		})
	}
	ps.Server = httptest.NewServer(mux)
	t.Cleanup(ps.Close)
	return ps
}

func (ps *pageServer) requests(path string) int {
	ps.mu.Lock()
	defer ps.mu.Unlock()
	return ps.count[path]
}

func html(body string) func(w http.ResponseWriter, r *http.Request) {
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte(body))
	}
}

// newTestFullTexter is a full texter over a new store file, its fetcher
// giving up after timeout, with the subscriptions subs.
func newTestFullTexter(t *testing.T, path string, timeout time.Duration, subs ...feed.Subscription) *fullTexter {
	t.Helper()
	st := newStateStore(path)
	t.Cleanup(st.close)
	f := feed.NewFetcher(feed.FetcherOptions{Version: "test", Timeout: timeout, MaxPageSize: 1 << 20})
	return newFullTexter(f, st, subs)
}

func item(id, link string) articles.Article {
	return articles.Article{ID: id, Title: "Harbour reopens", Feed: "http://coast.test/feed", Link: link,
		Summary: "The harbour reopened.", Published: time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)}
}

func TestFullTextIsFetchedOnceAndKept(t *testing.T) {
	page, story := corpusPage(t)
	srv := newPageServer(t, map[string]func(http.ResponseWriter, *http.Request){"/sudan": html(string(page))})
	path := filepath.Join(t.TempDir(), "newsread.db")
	ft := newTestFullTexter(t, path, 5*time.Second)
	a := item("urn:sudan", srv.URL+"/sudan")
	ctx := t.Context()

	t.Run("without fetch nothing is kept yet", func(t *testing.T) {
		if _, err := ft.FullText(ctx, a, false); !errors.Is(err, ui.ErrNoFullText) {
			t.Errorf("err = %v, want ErrNoFullText", err)
		}
	})
	t.Run("the story of the page is extracted as markdown", func(t *testing.T) {
		got, err := ft.FullText(ctx, a, true)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(got.Body, story) || !got.BodyLoaded || got.Title != a.Title {
			t.Errorf("got %q, loaded %v:\n%.300s", got.Title, got.BodyLoaded, got.Body)
		}
	})
	t.Run("a second ask is answered from the store", func(t *testing.T) {
		if _, err := ft.FullText(ctx, a, true); err != nil {
			t.Fatal(err)
		}
		if n := srv.requests("/sudan"); n != 1 {
			t.Errorf("the page was fetched %d times, want 1", n)
		}
	})
	t.Run("the full text is indexed for search", func(t *testing.T) {
		s, err := ft.state.get(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if err := s.PutArticles(ctx, []articles.Article{a}); err != nil {
			t.Fatal(err)
		}
		if err := ft.state.Index(ctx, nil); err != nil {
			t.Fatal(err)
		}
		ids, _, err := ft.state.Search(ctx, `"hostile relations"`, false)
		if err != nil || len(ids) != 1 || ids[0] != a.ID {
			t.Errorf("search found %v, %v", ids, err)
		}
	})
	t.Run("another run with the server gone shows the kept text", func(t *testing.T) {
		srv.Close()
		ft.state.close()
		again := newTestFullTexter(t, path, 5*time.Second)
		got, err := again.FullText(ctx, a, false)
		if err != nil || !strings.Contains(got.Body, story) {
			t.Errorf("offline: %v\n%.200s", err, got.Body)
		}
	})
}

func TestFullTextFailures(t *testing.T) {
	release := make(chan struct{})
	srv := newPageServer(t, map[string]func(http.ResponseWriter, *http.Request){
		"/gone":   func(w http.ResponseWriter, r *http.Request) { http.NotFound(w, r) },
		"/broken": func(w http.ResponseWriter, r *http.Request) { http.Error(w, "oops", http.StatusInternalServerError) },
		"/huge":   html(storyPage(strings.Repeat("very long words ", 80000))),
		"/empty":  html("<html><head><title>Sign in</title></head><body><script>draw()</script></body></html>"),
		"/teaser": html("<html><body><article><p>The harbour reopened.</p></article></body></html>"),
		"/pdf": func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/pdf")
			w.Write([]byte("%PDF-1.4"))
		},
		"/slow": func(w http.ResponseWriter, r *http.Request) {
			select {
			case <-r.Context().Done():
			case <-release:
			}
		},
	})
	t.Cleanup(func() { close(release) }) // before the server closes: cleanups run last first
	ft := newTestFullTexter(t, filepath.Join(t.TempDir(), "newsread.db"), 300*time.Millisecond)
	tests := []struct {
		name, link string
		want       string // in the message
		is         error
	}{
		{name: "a page that is not there", link: srv.URL + "/gone", want: "HTTP 404 Not Found"},
		{name: "a server error", link: srv.URL + "/broken", want: "HTTP 500 Internal Server Error"},
		{name: "a page past the size limit", link: srv.URL + "/huge", is: feed.ErrTooLarge},
		{name: "a page without an article", link: srv.URL + "/empty", want: "no article found on the page"},
		{name: "a page with no more than the summary", link: srv.URL + "/teaser", is: errNoMore},
		{name: "a link to something else than a page", link: srv.URL + "/pdf", want: "not a web page but application/pdf"},
		{name: "a server that does not answer in time", link: srv.URL + "/slow", is: feed.ErrTimeout},
		{name: "a link that is not http", link: "ftp://coast.test/story", want: "not a web address"},
		{name: "a script link", link: "javascript:alert(1)", want: "not a web address"},
	}
	for _, tt := range tests {
		t.Run(tt.name+" is an error and nothing is kept", func(t *testing.T) {
			a := item("urn:"+tt.name, tt.link)
			_, err := ft.FullText(t.Context(), a, true)
			if err == nil || !strings.Contains(err.Error(), tt.want) || tt.is != nil && !errors.Is(err, tt.is) {
				t.Fatalf("err = %v, want %q / %v", err, tt.want, tt.is)
			}
			if strings.Contains(err.Error(), "127.0.0.1") {
				t.Errorf("the message repeats the address: %v", err)
			}
			if _, err := ft.FullText(t.Context(), a, false); !errors.Is(err, ui.ErrNoFullText) {
				t.Errorf("after a failure: %v, want ErrNoFullText", err)
			}
		})
	}
}

func TestFullTextWhenOpenedFollowsTheURLsFile(t *testing.T) {
	subs, _ := feed.ParseURLs(strings.NewReader("https://coast.test/feed +fulltext news\nhttps://other.test/feed news\n"))
	ft := newTestFullTexter(t, filepath.Join(t.TempDir(), "newsread.db"), time.Second, subs...)
	tests := []struct {
		name, feed string
		want       bool
	}{
		{"an item of a feed marked +fulltext is read in full", "https://coast.test/feed", true},
		{"the feed's URL is compared normalised", "http://COAST.test/feed", true},
		{"an item of another feed is not", "https://other.test/feed", false},
		{"an article of no feed is not", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := ft.Auto(articles.Article{ID: "x", Feed: tt.feed}); got != tt.want {
				t.Errorf("Auto = %v, want %v", got, tt.want)
			}
		})
	}
}
