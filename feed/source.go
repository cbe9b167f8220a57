package feed

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"sync"

	"newsread/articles"
)

// Source shows the articles of a set of subscriptions: the cached copy of
// every feed at once, then the fresh copy of each as its fetch completes.
// Articles come without bodies; Open converts one when it is read.
// Fresh articles carry the same IDs as their cached versions, so a UI can
// replace them in place. Batch.Seen counts the feeds whose fetch has
// finished (successfully or not) and Batch.Total, set on every batch, is
// the number of subscriptions, for a "refreshing 12/40" progress line.
// Every article's Feed is the URL of the subscription it came from.
type Source struct {
	name    string
	subs    []Subscription
	updater updater
	bodies  *bodyStore
}

// NewSource returns a source over subs, fetching with f, caching in c and
// converting bodies with p (nil: a fresh converter). name is what Name reports; empty means the
// title (or URL) of a single subscription, or "feeds".
func NewSource(name string, subs []Subscription, f *Fetcher, c *Cache, p *Parser) *Source {
	if name == "" {
		name = "feeds"
		if len(subs) == 1 {
			name = subs[0].Title
			if name == "" {
				name = subs[0].URL
			}
		}
	}
	cpu := make(chan struct{}, runtime.GOMAXPROCS(0))
	p = orNewParser(p)
	return &Source{name: name, subs: subs, updater: updater{fetcher: f, cache: c, parser: p, cpu: cpu}, bodies: newBodyStore(p)}
}

// Name is the source's name for the status line.
func (s *Source) Name() string { return s.name }

// Feeds is the number of subscriptions, the total that Batch.Seen counts
// towards.
func (s *Source) Feeds() int { return len(s.subs) }

// Load sends each feed's cached articles as soon as they are parsed, then
// its fresh articles when the fetch is done. A failed fetch comes as a
// Problem naming the URL; the cached articles stay. The last batch has
// Done set. send is never called concurrently.
func (s *Source) Load(ctx context.Context, send func(articles.Batch)) {
	var mu sync.Mutex
	done := 0
	emit := func(b articles.Batch, finished bool) {
		mu.Lock()
		defer mu.Unlock()
		if finished {
			done++
		}
		b.Seen, b.Total = done, len(s.subs)
		send(b)
	}
	var wg sync.WaitGroup
	for _, sub := range s.subs {
		wg.Go(func() { s.loadOne(ctx, sub, emit) })
	}
	wg.Wait()
	send(articles.Batch{Seen: len(s.subs), Total: len(s.subs), Done: true})
}

func (s *Source) loadOne(ctx context.Context, sub Subscription, emit func(articles.Batch, bool)) {
	opts := ParseOptions{URL: sub.URL, Source: sub.Title, Tags: sub.Tags, DeferBodies: true}
	cached, cerr := s.cached(sub, opts)
	s.bodies.add(cached)
	if cached != nil || cerr != nil {
		b := articles.Batch{}
		if cached != nil {
			b.Articles = cached.Articles
		}
		if cerr != nil {
			b.Problems = []articles.Problem{{Where: sub.URL, Err: cerr}}
		}
		emit(b, false)
	}
	if ctx.Err() != nil {
		emit(articles.Batch{Problems: []articles.Problem{{Where: sub.URL, Err: ctx.Err()}}}, true)
		return
	}
	fresh, res := s.updater.update(ctx, sub, opts, nil)
	s.bodies.add(fresh)
	b := articles.Batch{}
	if fresh != nil {
		b.Articles = fresh.Articles
	}
	if res.Err != nil {
		b.Problems = []articles.Problem{{Where: sub.URL, Err: stripURL(res.Err)}}
	}
	emit(b, true)
}

// cached parses the cached copy of sub; no copy is neither an error nor a
// feed. A corrupt entry is reported and otherwise ignored.
func (s *Source) cached(sub Subscription, opts ParseOptions) (*Feed, error) {
	meta, body, err := s.updater.cache.Load(sub.URL)
	switch {
	case errors.Is(err, ErrNotCached):
		return nil, nil
	case err != nil:
		return nil, fmt.Errorf("cache ignored: %w", err)
	case body == nil:
		return nil, nil
	}
	opts.ContentType = meta.ContentType
	f, err := s.updater.parse(body, opts)
	if err != nil {
		return nil, fmt.Errorf("cached copy ignored: %w", err)
	}
	return f, nil
}

// Open converts the body of an article this source sent: Load sends
// headers only (BodyLoaded false), as converting every body of a large
// feed up front costs seconds.
func (s *Source) Open(ctx context.Context, a articles.Article) (articles.Article, error) {
	return s.bodies.open(a), nil
}

// stripURL drops the FetchError wrapper when the URL is already the
// Problem's Where, so the status line does not say it twice.
func stripURL(err error) error {
	var fe *FetchError
	if errors.As(err, &fe) {
		return fe.Err
	}
	return err
}
