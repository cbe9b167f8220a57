package remotetest

import (
	"fmt"
	"html"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"time"
)

// feedServer serves RSS feeds on loopback that tests can grow.
type feedServer struct {
	srv   *httptest.Server
	mu    sync.Mutex
	feeds map[string]*testFeed
}

type testFeed struct {
	title string
	items []testItem
}

type testItem struct {
	title, link string
	published   time.Time
}

// Epoch is when the first item of every test feed was published; items
// follow an hour apart.
var Epoch = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

func newFeedServer() *feedServer {
	f := &feedServer{feeds: map[string]*testFeed{}}
	f.srv = httptest.NewServer(f)
	return f
}

// add appends n items to the feed at path (made when missing), published
// at at (when not zero) or an hour after the feed's last item, and
// returns their links.
func (f *feedServer) add(path, title string, n int, at time.Time) []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	feed := f.feeds[path]
	if feed == nil {
		feed = &testFeed{title: title}
		f.feeds[path] = feed
	}
	var links []string
	for range n {
		k := len(feed.items) + 1
		pub := at
		if pub.IsZero() {
			pub = Epoch.Add(time.Duration(k) * time.Hour)
		}
		link := fmt.Sprintf("%s%s/%d", f.srv.URL, strings.TrimSuffix(path, ".xml"), k)
		feed.items = append(feed.items, testItem{title: fmt.Sprintf("%s story %d", title, k), link: link, published: pub})
		links = append(links, link)
	}
	return links
}

func (f *feedServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	feed := f.feeds[r.URL.Path]
	var b strings.Builder
	if feed != nil {
		fmt.Fprintf(&b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\"><channel><title>%s</title><link>%s/</link><description>test</description>\n",
			html.EscapeString(feed.title), f.srv.URL)
		// Newest first, as feeds list them.
		for i := len(feed.items) - 1; i >= 0; i-- {
			it := feed.items[i]
			fmt.Fprintf(&b, "<item><title>%s</title><link>%s</link><guid>%s</guid><pubDate>%s</pubDate><author>ann@example.com (Ann)</author><description>&lt;p&gt;Text of %s&lt;/p&gt;</description></item>\n",
				html.EscapeString(it.title), it.link, it.link, it.published.Format(time.RFC1123Z), html.EscapeString(it.title))
		}
		b.WriteString("</channel></rss>\n")
	}
	f.mu.Unlock()
	if feed == nil {
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Content-Type", "application/rss+xml")
	w.Write([]byte(b.String()))
}
