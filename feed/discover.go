package feed

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"sync"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// ErrNoFeedFound is a web page that neither links a feed nor has one at
// the usual paths of its site.
var ErrNoFeedFound = errors.New("no feed found: the page links none and none is at the usual paths")

// Found is a feed that discovery confirmed by its content.
type Found struct {
	URL   string
	Title string // the feed's own title, else the link's; may be empty
	Kind  Kind
}

// usualPaths are where sites serve their feed without linking it: the
// defaults of WordPress, Hugo, Jekyll, Blogger and hand-made sites.
var usualPaths = []string{"feed", "rss.xml", "atom.xml", "index.xml", "feed.xml", "rss", "feeds/posts/default"}

// feedTypes are the link types that announce a feed.
var feedTypes = map[string]bool{
	"application/rss+xml":   true,
	"application/atom+xml":  true,
	"application/feed+json": true,
	"application/json":      true,
	"application/rdf+xml":   true,
}

// Discover finds the feeds of the page at pageURL. A feed URL is its own
// one feed. A page's feeds are those it links (<link rel="alternate">
// with a feed type, or rel="feed"), each fetched and confirmed by its
// content; when none is, the first of the usual paths (/feed,
// /rss.xml, …, under the page's folder, then at the root of its site)
// that serves a feed. Every request goes through f, with its limits and
// User-Agent. No feed is ErrNoFeedFound; a page that cannot be fetched
// is f's *FetchError.
func Discover(ctx context.Context, f *Fetcher, pageURL string) ([]Found, error) {
	res, err := f.Fetch(ctx, pageURL, Validators{})
	if err != nil {
		return nil, err
	}
	switch kind := Detect(res.Body); {
	case kind.IsFeed():
		return []Found{{URL: pageURL, Title: documentTitle(res.Body, res.ContentType), Kind: kind}}, nil
	case kind == KindOPML:
		// A list of feeds is no page to look for feeds in.
		return nil, fmt.Errorf("%s: %w: an OPML subscription list", pageURL, ErrNotFeed)
	}
	base, err := url.Parse(res.URL)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", pageURL, err)
	}
	links := pageFeedLinks(res.Body, base)
	if found := confirm(ctx, f, links); len(found) > 0 {
		return found, nil
	}
	for _, u := range usualURLs(base) {
		if found := confirm(ctx, f, []Found{{URL: u}}); len(found) > 0 {
			return found, nil
		}
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
	}
	return nil, fmt.Errorf("%s: %w", pageURL, ErrNoFeedFound)
}

// confirm fetches the candidates at once (the fetcher's per-host cap
// keeps that polite) and returns, in their order, those that are feeds,
// titled by the feed itself when it names itself.
func confirm(ctx context.Context, f *Fetcher, candidates []Found) []Found {
	ok := make([]bool, len(candidates))
	var wg sync.WaitGroup
	for i := range candidates {
		c := &candidates[i]
		wg.Go(func() {
			res, err := f.Fetch(ctx, c.URL, Validators{})
			if err != nil {
				return
			}
			if c.Kind = Detect(res.Body); !c.Kind.IsFeed() {
				return
			}
			if t := documentTitle(res.Body, res.ContentType); t != "" {
				c.Title = t
			}
			ok[i] = true
		})
	}
	wg.Wait()
	var found []Found
	for i, c := range candidates {
		if ok[i] {
			found = append(found, c)
		}
	}
	return found
}

// pageFeedLinks are the feeds a page announces in its <link> elements,
// resolved against base (or the page's <base href>), each once.
func pageFeedLinks(page []byte, base *url.URL) []Found {
	doc, err := html.Parse(bytes.NewReader(page))
	if err != nil {
		return nil
	}
	var found []Found
	seen := map[string]bool{}
	for n := range doc.Descendants() {
		if n.Type != html.ElementNode {
			continue
		}
		switch n.DataAtom {
		case atom.Base:
			if b, err := base.Parse(htmlAttr(n, "href")); err == nil && htmlAttr(n, "href") != "" {
				base = b
			}
		case atom.Link:
			if !announcesFeed(htmlAttr(n, "rel"), htmlAttr(n, "type")) {
				continue
			}
			u, err := base.Parse(strings.TrimSpace(htmlAttr(n, "href")))
			if err != nil || (u.Scheme != "http" && u.Scheme != "https") || htmlAttr(n, "href") == "" {
				continue
			}
			u.Fragment = ""
			if seen[u.String()] {
				continue
			}
			seen[u.String()] = true
			found = append(found, Found{URL: u.String(), Title: plainText(htmlAttr(n, "title"))})
		}
	}
	return found
}

// announcesFeed says whether a <link> with rel and type names a feed:
// rel="alternate" with a feed type, or rel="feed".
func announcesFeed(rel, typ string) bool {
	typ = strings.ToLower(strings.TrimSpace(typ))
	if i := strings.IndexByte(typ, ';'); i >= 0 {
		typ = strings.TrimSpace(typ[:i])
	}
	for _, r := range strings.Fields(strings.ToLower(rel)) {
		switch {
		case r == "feed":
			return true
		case r == "alternate" && feedTypes[typ]:
			return true
		}
	}
	return false
}

func htmlAttr(n *html.Node, name string) string {
	for _, a := range n.Attr {
		if a.Key == name {
			return a.Val
		}
	}
	return ""
}

// usualURLs are the usual feed paths under the page's folder, then at
// the root of its site.
func usualURLs(page *url.URL) []string {
	var out []string
	seen := map[string]bool{}
	dirs := []string{"/"}
	if dir := page.Path[:strings.LastIndexByte(page.Path, '/')+1]; dir != "/" && dir != "" {
		dirs = []string{dir, "/"}
	}
	for _, dir := range dirs {
		for _, p := range usualPaths {
			u := url.URL{Scheme: page.Scheme, Host: page.Host, Path: dir + p}
			if s := u.String(); !seen[s] {
				seen[s] = true
				out = append(out, s)
			}
		}
	}
	return out
}
