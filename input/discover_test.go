package input

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"newsread/articles"
)

func TestAWebPageAsASourceReadsItsFeed(t *testing.T) {
	const rss = `<?xml version="1.0"?><rss version="2.0"><channel><title>Harbour</title><item><title>Ferry runs again</title><guid>urn:ferry</guid></item></channel></rss>`
	const atom = `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Harbour comments</title><id>c</id></feed>`
	pages := map[string]string{
		"/one/":         `<!DOCTYPE html><html><head><link rel="alternate" type="application/rss+xml" href="feed.xml"></head></html>`,
		"/one/feed.xml": rss,
		"/two/":         `<!DOCTYPE html><html><head><link rel="alternate" type="application/rss+xml" href="/one/feed.xml"><link rel="alternate" type="application/atom+xml" href="/c.atom"></head></html>`,
		"/c.atom":       atom,
		"/none/":        `<!DOCTYPE html><html><head><title>Nothing</title></head></html>`,
		"/plain.rss":    rss,
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, ok := pages[r.URL.Path]
		if !ok {
			http.NotFound(w, r)
			return
		}
		w.Write([]byte(body))
	}))
	defer srv.Close()
	tests := []struct {
		name     string
		path     string
		articles int
		problem  string // a word of the one problem, "" for none
	}{
		{"a page that links one feed reads that feed", "/one/", 1, ""},
		{"a feed address reads as before", "/plain.rss", 1, ""},
		{"a page that links two feeds lists both as its problem", "/two/", 0, "Harbour comments"},
		{"a page with no feed says so", "/none/", 0, "no feed found"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			env := NewEnv(t.TempDir(), t.TempDir(), "test")
			src, err := env.Arg(srv.URL + tt.path)
			if err != nil {
				t.Fatal(err)
			}
			var got []articles.Article
			var problems []articles.Problem
			done := 0
			src.Load(context.Background(), func(b articles.Batch) {
				got = append(got, b.Articles...)
				problems = append(problems, b.Problems...)
				if b.Done {
					done++
				}
			})
			if len(got) != tt.articles || done != 1 {
				t.Fatalf("got %d articles and %d last batches, want %d and 1", len(got), done, tt.articles)
			}
			switch {
			case tt.problem == "" && len(problems) > 0:
				t.Errorf("problems: %v", problems)
			case tt.problem != "" && (len(problems) != 1 || !strings.Contains(problems[0].Error(), tt.problem)):
				t.Errorf("want one problem saying %q, got %v", tt.problem, problems)
			}
			if tt.articles == 0 {
				return
			}
			if _, err := src.Open(context.Background(), got[0]); err != nil {
				t.Errorf("open the discovered feed's article: %v", err)
			}
			refreshed := false
			src.(Refresher).Refresh(context.Background(), "", func(b articles.Batch) { refreshed = refreshed || b.Done && len(b.Problems) == 0 })
			if !refreshed {
				t.Errorf("the discovered feed does not refresh")
			}
		})
	}
}
