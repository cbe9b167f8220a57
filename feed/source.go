package feed

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"runtime"
	"slices"
	"sync"

	"newsread/articles"
)

// Source shows the articles of a set of subscriptions: the cached copy of
// every feed at once, then the fresh copy of each as its fetch completes.
// Articles come without bodies; Open converts one when it is read.
// Fresh articles carry the same IDs as their cached versions, so a UI can
// replace them in place. Batch.Seen counts the feeds whose fetch has
// finished (successfully or not) and Batch.Total, set on every batch, is
// the number of feeds being fetched, for a "refreshing 12/40" progress
// line. Every article's Feed is the URL of the subscription it came from.
// Load, Refresh and Open may run at the same time.
type Source struct {
	name    string
	subs    []Subscription
	updater updater
	bodies  *bodyStore
	// fetching serialises the fetches of one feed, so that a Refresh
	// during Load asks conditionally after Load's copy is cached instead
	// of fetching the feed twice. Built once; never changed.
	fetching map[string]*sync.Mutex
	// cachedOnly has Load send the cached copy of a feed that has one
	// and fetch only those without: Refresh fetches. Set before use.
	cachedOnly bool
	// hold, when set, returns when Load's fetches may start. Set before
	// use.
	hold func(context.Context)
}

// NewSource returns a source over subs, fetching with f, caching in c and
// converting bodies with p (nil: a fresh converter). name is what Name
// reports; empty means the title (or URL) of a single subscription, or
// "feeds".
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
	fetching := make(map[string]*sync.Mutex, len(subs))
	for _, sub := range subs {
		fetching[sub.URL] = &sync.Mutex{}
	}
	return &Source{
		name:     name,
		subs:     subs,
		updater:  updater{fetcher: f, cache: c, parser: p, cpu: cpu},
		bodies:   newBodyStore(p),
		fetching: fetching,
	}
}

// CachedOnLoad makes Load show the cached copy of each feed that has one
// without fetching it (those without one are fetched); Refresh fetches
// as ever. Call it before the source is used. It returns s.
func (s *Source) CachedOnLoad() *Source {
	s.cachedOnly = true
	return s
}

// HoldFetches makes Load's fetches wait until hold returns (cached
// copies are sent at once): the program holds the network back until
// its first screen is drawn. hold must return when its context is done.
// Call it before the source is used. It returns s.
func (s *Source) HoldFetches(hold func(context.Context)) *Source {
	s.hold = hold
	return s
}

// Name is the source's name for the status line.
func (s *Source) Name() string { return s.name }

// Feeds is the number of subscriptions, the Total of Load's batches.
func (s *Source) Feeds() int { return len(s.subs) }

// Load sends each feed's cached articles as soon as they are parsed, then
// its fresh articles when the fetch is done. A failed fetch comes as a
// Problem naming the URL; the cached articles stay. The last batch has
// Done set. send is never called concurrently.
//
// Cached copies are parsed on one worker a CPU, smallest first, so that
// the first screen comes after the parse of one small feed; each feed's
// fetch starts once its cached copy has been sent (and HoldFetches's
// hold has returned), and the network never holds up a cached copy.
func (s *Source) Load(ctx context.Context, send func(articles.Batch)) {
	queue := make(chan Subscription)
	has, listed := s.updater.cache.Entries()
	cachedHere := func(sub Subscription) bool { return !listed || has(sub.URL) }
	// A feed never cached goes straight to its fetch.
	cached := func(sub Subscription) (articles.Batch, bool) {
		if !cachedHere(sub) {
			return articles.Batch{}, false
		}
		return s.cachedBatch(sub)
	}
	s.run(len(s.subs), send, func(emit emitFunc, wg *sync.WaitGroup) {
		for range runtime.GOMAXPROCS(0) {
			wg.Go(func() {
				for sub := range queue {
					if b, ok := cached(sub); ok {
						if s.cachedOnly {
							emit(b, true)
							continue
						}
						emit(b, false)
					}
					wg.Go(func() {
						if s.hold != nil {
							s.hold(ctx)
						}
						emit(s.fetch(ctx, sub), true)
					})
				}
			})
		}
		for _, sub := range s.smallestCachedFirst(cachedHere) {
			queue <- sub
		}
		close(queue)
	})
}

// smallestCachedFirst orders the subscriptions by the size of their
// cached copies, those without one first: their fetch starts at once.
func (s *Source) smallestCachedFirst(cachedHere func(Subscription) bool) []Subscription {
	type sized struct {
		sub  Subscription
		size int64
	}
	subs := make([]sized, len(s.subs))
	for i, sub := range s.subs {
		subs[i].sub = sub
		if !cachedHere(sub) {
			continue
		}
		if meta, err := s.updater.cache.LoadMeta(sub.URL); err == nil {
			subs[i].size = meta.BodySize
		}
	}
	slices.SortStableFunc(subs, func(a, b sized) int { return cmp.Compare(a.size, b.size) })
	out := make([]Subscription, len(subs))
	for i, sz := range subs {
		out[i] = sz.sub
	}
	return out
}

// Refresh fetches again: every feed when feedURL is "", else only the
// subscription with that URL (Article.Feed). It sends batches like Load
// (fresh articles, problems; Seen/Total over the feeds refreshed), the
// last with Done set; it does not resend cached copies. A feed that has
// not changed (304 Not Modified) sends no articles. An unknown feedURL
// sends one Problem wrapping ErrUnknownFeed.
func (s *Source) Refresh(ctx context.Context, feedURL string, send func(articles.Batch)) {
	subs := s.subs
	if feedURL != "" {
		subs = nil
		for _, sub := range s.subs {
			if sub.URL == feedURL {
				subs = []Subscription{sub}
				break
			}
		}
		if subs == nil {
			send(articles.Batch{Problems: []articles.Problem{{Where: feedURL, Err: ErrUnknownFeed}}, Done: true})
			return
		}
	}
	s.run(len(subs), send, func(emit emitFunc, wg *sync.WaitGroup) {
		// One goroutine a feed: fetches wait in the fetcher's per-host
		// queues, so a list sorted by host still keeps every host busy.
		for _, sub := range subs {
			wg.Go(func() { emit(s.fetch(ctx, sub), true) })
		}
	})
}

// emitFunc sends a batch; finished says that the batch ends the work on
// its feed, which counts it in Seen.
type emitFunc func(b articles.Batch, finished bool)

// run has start launch the work on wg, serialises and numbers the
// batches it emits for total feeds, and ends with a Done batch once wg is
// done.
func (s *Source) run(total int, send func(articles.Batch), start func(emitFunc, *sync.WaitGroup)) {
	var mu sync.Mutex
	done := 0
	emit := func(b articles.Batch, finished bool) {
		mu.Lock()
		defer mu.Unlock()
		if finished {
			done++
		}
		b.Seen, b.Total = done, total
		send(b)
	}
	var wg sync.WaitGroup
	start(emit, &wg)
	wg.Wait()
	send(articles.Batch{Seen: total, Total: total, Done: true})
}

// options are how a subscription's documents are parsed.
func (s *Source) options(sub Subscription) ParseOptions {
	return ParseOptions{URL: sub.URL, Source: sub.Title, Tags: sub.Tags, DeferBodies: true}
}

// cachedBatch is the batch of sub's cached articles, or of a problem
// with its cache entry; ok is false when there is neither.
func (s *Source) cachedBatch(sub Subscription) (b articles.Batch, ok bool) {
	cached, err := s.cached(sub)
	if cached == nil && err == nil {
		return b, false
	}
	if cached != nil {
		b.Articles = cached.Articles
	}
	if err != nil {
		b.Problems = []articles.Problem{{Where: sub.URL, Err: err}}
	}
	return b, true
}

// fetch brings sub up to date and returns the batch of its fresh
// articles (none when it has not changed) or of its problem.
func (s *Source) fetch(ctx context.Context, sub Subscription) articles.Batch {
	lock := s.fetching[sub.URL]
	lock.Lock()
	defer lock.Unlock()
	if ctx.Err() != nil {
		return articles.Batch{Problems: []articles.Problem{{Where: sub.URL, Err: ctx.Err()}}}
	}
	replacing := func(fresh *Feed) { s.bodies.retire(sub.URL, fresh) }
	fresh, res := s.updater.update(ctx, sub, s.options(sub), updateHooks{replacing: replacing})
	b := articles.Batch{}
	if fresh != nil {
		b.Articles, b.Bodies = fresh.Articles, fresh.htmlBodies()
	}
	if res.cached != "" {
		s.bodies.add(sub.URL, fresh, s.cacheDocument(sub, res.cached))
	} else {
		s.bodies.hold(fresh) // not cached: its bodies cannot be read again
	}
	if res.Err != nil {
		b.Problems = []articles.Problem{{Where: sub.URL, Err: stripURL(res.Err)}}
	}
	return b
}

// cached parses the headers of the cached copy of sub and records where
// its bodies are; no copy is neither an error nor a feed. A corrupt entry
// is reported and otherwise ignored.
func (s *Source) cached(sub Subscription) (*Feed, error) {
	meta, body, err := s.updater.cache.Load(sub.URL)
	switch {
	case errors.Is(err, ErrNotCached):
		return nil, nil
	case err != nil:
		return nil, fmt.Errorf("cache ignored: %w", err)
	case body == nil:
		return nil, nil
	}
	opts := s.options(sub)
	opts.ContentType, opts.DeferBodies, opts.HeadersOnly = meta.ContentType, false, true
	f, err := s.updater.parse(body, opts)
	if err != nil {
		return nil, fmt.Errorf("cached copy ignored: %w", err)
	}
	s.bodies.add(sub.URL, f, s.cacheDocument(sub, meta.BodySHA256))
	return f, nil
}

// cacheDocument is the cached copy of sub whose body has the hex SHA-256
// sum, as the body store reads it again.
func (s *Source) cacheDocument(sub Subscription, sum string) *document {
	c, opts := s.updater.cache, s.options(sub)
	return &document{read: func() ([]byte, ParseOptions, bool, error) {
		meta, body, err := c.Load(sub.URL)
		if err == nil && body == nil {
			err = ErrNotCached
		}
		if err != nil {
			return nil, opts, false, err
		}
		opts.ContentType = meta.ContentType
		return body, opts, meta.BodySHA256 == sum, nil
	}}
}

// Open converts the body of an article this source sent: Load sends
// headers only (BodyLoaded false), as converting every body of a large
// feed up front costs seconds. The body is read again from the cached
// copy of its feed (a parse of one feed, kept for the next Open).
func (s *Source) Open(ctx context.Context, a articles.Article) (articles.Article, error) {
	return s.bodies.open(a)
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
