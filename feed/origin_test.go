package feed

import (
	"context"
	"net/http"
	"os"
	"path/filepath"
	"testing"

	"newsread/articles"
)

func TestArticlesNameTheirFeedAndBatchesTheirTotal(t *testing.T) {
	srv := serveOn(t, "127.0.0.1", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Write(rssFeed("Served", 0, 2, 10))
	}))
	subs := []Subscription{{URL: srv.URL + "/a"}, {URL: srv.URL + "/b", Title: "Custom"}, {URL: srv.URL + "/c"}}
	c := NewCache(t.TempDir())
	if err := c.Store(subs[0].URL, CacheMeta{}, rssFeed("Cached", 0, 1, 10)); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "feed.xml")
	os.WriteFile(path, rssFeed("On disk", 0, 3, 10), 0o644)

	tests := []struct {
		name string
		src  interface {
			Load(context.Context, func(articles.Batch))
		}
		feeds []string // the Feed values allowed
		total int
	}{
		{"feeds of a subscription list name their subscription URL", NewSource("", subs, testFetcher(FetcherOptions{}), c, nil), []string{subs[0].URL, subs[1].URL, subs[2].URL}, 3},
		{"a feed file names its path", NewFileSource(path, nil), []string{path}, 1},
		{"piped feed data names the name given", NewDataSource("stdin", rssFeed("Piped", 0, 2, 10), nil), []string{"stdin"}, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			allowed := map[string]bool{}
			for _, f := range tt.feeds {
				allowed[f] = true
			}
			seen := map[string]bool{}
			for _, b := range collect(t, tt.src, nil) {
				if b.Total != tt.total {
					t.Errorf("batch Total %d, want %d: %+v", b.Total, tt.total, b)
				}
				for _, a := range b.Articles {
					if !allowed[a.Feed] {
						t.Errorf("article %s has Feed %q", a.ID, a.Feed)
					}
					seen[a.Feed] = true
				}
			}
			if len(seen) != len(tt.feeds) {
				t.Errorf("articles came from %v, want all of %v", seen, tt.feeds)
			}
		})
	}
}
