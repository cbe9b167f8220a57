package feed

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// site serves pages and feeds from a map of path → body; anything else
// is a 404. It records the paths asked for and the User-Agents sent.
type site struct {
	pages map[string]string
	mu    sync.Mutex
	asked []string
	ua    map[string]bool
}

func (s *site) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	s.asked = append(s.asked, r.URL.Path)
	s.ua[r.UserAgent()] = true
	s.mu.Unlock()
	body, ok := s.pages[r.URL.Path]
	if !ok {
		http.NotFound(w, r)
		return
	}
	w.Write([]byte(body))
}

const (
	atomDoc = `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Harbour Atom</title><id>x</id></feed>`
	rssDoc  = `<?xml version="1.0"?><rss version="2.0"><channel><title>Harbour RSS</title></channel></rss>`
	jsonDoc = `{"version":"https://jsonfeed.org/version/1.1","title":"Harbour JSON","items":[]}`
)

func sitePage(head string) string {
	return "<!DOCTYPE html><html><head><title>Harbour</title>" + head + "</head><body><p>Hello</p></body></html>"
}

func TestDiscoverFindsAPagesFeeds(t *testing.T) {
	tests := []struct {
		name  string
		path  string // the page asked about
		pages map[string]string
		want  []Found // URLs relative to the server, "" for an error
		err   error
	}{
		{
			name:  "a page that links one feed gives that feed, titled by the feed",
			path:  "/",
			pages: map[string]string{"/": sitePage(`<link rel="alternate" type="application/rss+xml" title="Posts" href="/posts.rss">`), "/posts.rss": rssDoc},
			want:  []Found{{URL: "/posts.rss", Title: "Harbour RSS", Kind: KindRSS20}},
		},
		{
			name: "a page that links two feeds gives both in page order",
			path: "/",
			pages: map[string]string{"/": sitePage(`<link rel="alternate" type="application/atom+xml" href="/atom"><link rel="alternate" type="application/feed+json" href="/feed.json">`),
				"/atom": atomDoc, "/feed.json": jsonDoc},
			want: []Found{{URL: "/atom", Title: "Harbour Atom", Kind: KindAtom10}, {URL: "/feed.json", Title: "Harbour JSON", Kind: KindJSONFeed}},
		},
		{
			name:  "a relative href is resolved against the page",
			path:  "/blog/post.html",
			pages: map[string]string{"/blog/post.html": sitePage(`<link rel="alternate" type="application/atom+xml" href="atom.xml">`), "/blog/atom.xml": atomDoc},
			want:  []Found{{URL: "/blog/atom.xml", Title: "Harbour Atom", Kind: KindAtom10}},
		},
		{
			name:  "a base element moves where relative hrefs point",
			path:  "/",
			pages: map[string]string{"/": sitePage(`<base href="/b/"><link rel="alternate" type="application/rss+xml" href="rss">`), "/b/rss": rssDoc},
			want:  []Found{{URL: "/b/rss", Title: "Harbour RSS", Kind: KindRSS20}},
		},
		{
			name:  "rel=feed counts whatever its type",
			path:  "/",
			pages: map[string]string{"/": sitePage(`<link rel="feed" href="/f">`), "/f": atomDoc},
			want:  []Found{{URL: "/f", Title: "Harbour Atom", Kind: KindAtom10}},
		},
		{
			name: "a linked feed that is not one is dropped, and a link kept titled by its link when the feed has no title",
			path: "/",
			pages: map[string]string{"/": sitePage(`<link rel="alternate" type="application/rss+xml" href="/gone"><link rel="alternate" type="application/rss+xml" title="Untitled" href="/u"><link rel="stylesheet" href="/s.css">`),
				"/u": `<rss version="2.0"><channel></channel></rss>`},
			want: []Found{{URL: "/u", Title: "Untitled", Kind: KindRSS20}},
		},
		{
			name:  "a page that links nothing is looked up at the usual paths",
			path:  "/",
			pages: map[string]string{"/": sitePage(""), "/feed": rssDoc},
			want:  []Found{{URL: "/feed", Title: "Harbour RSS", Kind: KindRSS20}},
		},
		{
			name:  "the usual paths under the page's folder come before the root's",
			path:  "/blog/",
			pages: map[string]string{"/blog/": sitePage(""), "/blog/index.xml": rssDoc, "/feed": atomDoc},
			want:  []Found{{URL: "/blog/index.xml", Title: "Harbour RSS", Kind: KindRSS20}},
		},
		{
			name:  "an HTML page at a usual path is not a feed",
			path:  "/",
			pages: map[string]string{"/": sitePage(""), "/feed": sitePage(""), "/atom.xml": atomDoc},
			want:  []Found{{URL: "/atom.xml", Title: "Harbour Atom", Kind: KindAtom10}},
		},
		{
			name:  "a feed URL is its own one feed",
			path:  "/feed.json",
			pages: map[string]string{"/feed.json": jsonDoc},
			want:  []Found{{URL: "/feed.json", Title: "Harbour JSON", Kind: KindJSONFeed}},
		},
		{
			name:  "an OPML list is not a page to look in",
			path:  "/subs.opml",
			pages: map[string]string{"/subs.opml": `<?xml version="1.0"?><opml version="2.0"><body><outline xmlUrl="http://x/"/></body></opml>`, "/feed": rssDoc},
			err:   ErrNotFeed,
		},
		{
			name:  "a page with no feed anywhere is ErrNoFeedFound",
			path:  "/",
			pages: map[string]string{"/": sitePage("")},
			err:   ErrNoFeedFound,
		},
		{
			name:  "a page that is not there is a fetch error",
			path:  "/missing",
			pages: map[string]string{},
			err:   &StatusError{},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := &site{pages: tt.pages, ua: map[string]bool{}}
			srv := httptest.NewServer(s)
			defer srv.Close()
			got, err := Discover(context.Background(), testFetcher(FetcherOptions{}), srv.URL+tt.path)
			if tt.err != nil {
				var se *StatusError
				if _, isStatus := tt.err.(*StatusError); isStatus && errors.As(err, &se) {
					return
				}
				if !errors.Is(err, tt.err) {
					t.Fatalf("err = %v, want %v", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			for i := range got {
				got[i].URL = strings.TrimPrefix(got[i].URL, srv.URL)
			}
			if d := cmp.Diff(tt.want, got); d != "" {
				t.Errorf("found (-want +got):\n%s", d)
			}
			if !s.ua["newsread/test"] || len(s.ua) != 1 {
				t.Errorf("user agents sent: %v", s.ua)
			}
		})
	}
}

func TestDiscoverStopsAtTheFirstUsualPath(t *testing.T) {
	s := &site{pages: map[string]string{"/": sitePage(""), "/feed": rssDoc, "/rss.xml": rssDoc}, ua: map[string]bool{}}
	srv := httptest.NewServer(s)
	defer srv.Close()
	if _, err := Discover(context.Background(), testFetcher(FetcherOptions{}), srv.URL+"/"); err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff([]string{"/", "/feed"}, s.asked); d != "" {
		t.Errorf("paths asked (-want +got):\n%s", d)
	}
}

func TestAnnouncesFeed(t *testing.T) {
	tests := []struct {
		rel, typ string
		want     bool
	}{
		{"alternate", "application/rss+xml", true},
		{"Alternate", "Application/Atom+XML; charset=utf-8", true},
		{"alternate", "application/json", true},
		{"alternate", "text/html", false},
		{"alternate nofollow", "application/feed+json", true},
		{"stylesheet", "application/rss+xml", false},
		{"feed", "", true},
	}
	for _, tt := range tests {
		if got := announcesFeed(tt.rel, tt.typ); got != tt.want {
			t.Errorf("announcesFeed(%q, %q) = %v", tt.rel, tt.typ, got)
		}
	}
}
