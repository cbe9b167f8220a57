package input

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"

	"newsread/articles"
	"newsread/feed"
)

// SeveralFeedsError is a web page given where a feed was expected that
// offers more than one feed: which to read is the user's choice.
type SeveralFeedsError struct {
	Page  string
	Feeds []feed.Found
}

// Error lists the feeds, one a line, title first.
func (e *SeveralFeedsError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "the page offers %d feeds, give one of them:", len(e.Feeds))
	for _, f := range e.Feeds {
		b.WriteString("\n  " + FoundLine(f))
	}
	return b.String()
}

// FoundLine is a found feed as one line: its URL, then its title.
func FoundLine(f feed.Found) string {
	line := f.URL
	if f.Title != "" {
		line += "  " + articles.CleanLine(f.Title)
	}
	return line
}

// urlSource reads the feed at an address; when the address serves a web
// page instead, it reads the one feed that page offers (see
// feed.Discover), or reports the several it offers.
type urlSource struct {
	env *Env
	url string

	mu      sync.Mutex
	current *feed.Source // the address's own, then the discovered feed's
	found   bool         // current is the discovered feed
}

// URL returns the source of the feed at url, or of the one feed of the
// web page at url.
func (e *Env) URL(url string) Source {
	return &urlSource{env: e, url: url, current: e.feedSource(url)}
}

func (e *Env) feedSource(url string) *feed.Source {
	return feed.NewSource(url, []feed.Subscription{{URL: url}}, e.Fetcher, e.Cache, e.Parser)
}

func (s *urlSource) inner() (*feed.Source, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.current, s.found
}

// Name implements Source.
func (s *urlSource) Name() string { return s.url }

// Load implements Source: the feed's batches, except that "not a feed"
// turns into the batches of the feed the page offers.
func (s *urlSource) Load(ctx context.Context, send func(articles.Batch)) {
	src, found := s.inner()
	if found {
		src.Load(ctx, send)
		return
	}
	s.discovering(ctx, send, func(send func(articles.Batch)) { src.Load(ctx, send) })
}

// Refresh implements Refresher.
func (s *urlSource) Refresh(ctx context.Context, feedURL string, send func(articles.Batch)) {
	src, found := s.inner()
	if found {
		src.Refresh(ctx, feedURL, send)
		return
	}
	s.discovering(ctx, send, func(send func(articles.Batch)) { src.Refresh(ctx, "", send) })
}

// discovering runs read (a load or refresh of the address as a feed),
// passing its batches on; when it says the address is not a feed, it
// looks for the page's feeds instead of reporting that.
func (s *urlSource) discovering(ctx context.Context, send func(articles.Batch), read func(func(articles.Batch))) {
	notFeed := false
	var last articles.Batch
	read(func(b articles.Batch) {
		kept := b.Problems[:0:0]
		for _, p := range b.Problems {
			if errors.Is(p.Err, feed.ErrNotFeed) && !errors.Is(p.Err, feed.ErrMalformed) {
				notFeed = true
				continue
			}
			kept = append(kept, p)
		}
		b.Problems = kept
		if b.Done {
			last = b
			return
		}
		send(b)
	})
	if !notFeed {
		send(last)
		return
	}
	feeds, err := feed.Discover(ctx, s.env.Fetcher, s.url)
	switch {
	case err != nil:
		send(articles.Batch{Problems: []articles.Problem{{Where: s.url, Err: unwrapFetch(err, s.url)}}, Seen: 1, Total: 1, Done: true})
	case len(feeds) > 1:
		send(articles.Batch{Problems: []articles.Problem{{Where: s.url, Err: &SeveralFeedsError{Page: s.url, Feeds: feeds}}}, Seen: 1, Total: 1, Done: true})
	default:
		src := s.env.feedSource(feeds[0].URL)
		s.mu.Lock()
		s.current, s.found = src, true
		s.mu.Unlock()
		src.Load(ctx, send)
	}
}

// unwrapFetch drops the URL a fetch error repeats when it is the one
// the problem names.
func unwrapFetch(err error, url string) error {
	var fe *feed.FetchError
	if errors.As(err, &fe) && fe.URL == url {
		return fe.Err
	}
	return err
}

// Open implements Source.
func (s *urlSource) Open(ctx context.Context, a articles.Article) (articles.Article, error) {
	src, _ := s.inner()
	return src.Open(ctx, a)
}
