package main

import (
	"context"
	"errors"
	"slices"
	"sync"
	"time"

	"newsread/articles"
	"newsread/input"
	"newsread/store"
)

// archiver keeps what the sources bring in the store, in the background
// (a source never waits for the disk): the headers of feed items as they
// are listed, their bodies when a fetch brings them (HTML) or when they
// are opened, so the archive can show them after they leave their feed;
// and the articles piped in, whole, for the full-text index. Files are
// kept by the directory index instead, and read again from the disk.
type archiver struct {
	st *stateStore
	// loads counts the feed sources still on their first load; seen
	// holds the IDs and feeds they listed, so the archive adds only what
	// the feeds no longer carry.
	loads   sync.WaitGroup
	mu      sync.Mutex
	seen    map[string]bool
	feeds   map[string]bool
	queue   []articles.Article
	bodies  map[string]string // HTML bodies of feed items, by ID
	closed  bool              // flush has run: what comes later is not kept
	wake    chan struct{}
	stopped chan struct{}
	// ctx bounds the writes: flush cancels it flushTimeout after it is
	// called, so a locked store never holds the terminal at the end.
	ctx    context.Context
	cancel context.CancelFunc
}

func newArchiver(st *stateStore) *archiver {
	r := &archiver{st: st, wake: make(chan struct{}, 1), stopped: make(chan struct{}), seen: map[string]bool{}, feeds: map[string]bool{}}
	r.ctx, r.cancel = context.WithCancel(context.Background())
	go r.run()
	return r
}

// keeps says whether the archiver keeps a: a feed item, or an article
// with neither feed nor file (piped in).
func keeps(a articles.Article) bool {
	return a.Feed != "" || a.Path == "" && a.BodyLoaded
}

// add queues articles to be kept, and the HTML bodies of those of them
// that are feed items.
func (r *archiver) add(as []articles.Article, bodies map[string]string) {
	var keep []articles.Article
	for _, a := range as {
		if keeps(a) {
			keep = append(keep, a)
		}
	}
	if len(keep) == 0 {
		return
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.closed {
		return // a source still loading as the program ends
	}
	r.queue = append(r.queue, keep...)
	for _, a := range keep {
		if a.Feed == "" {
			continue
		}
		r.seen[a.ID], r.feeds[a.Feed] = true, true
		if html, ok := bodies[a.ID]; ok && !a.BodyLoaded {
			if r.bodies == nil {
				r.bodies = map[string]string{}
			}
			r.bodies[a.ID] = html
		}
	}
	select {
	case r.wake <- struct{}{}:
	default:
	}
}

// run writes what is queued whenever woken, and what is left when flush
// closes wake.
func (r *archiver) run() {
	defer close(r.stopped)
	write := func(ctx context.Context) {
		if ctx.Err() != nil {
			return
		}
		r.mu.Lock()
		batch, bodies := r.queue, r.bodies
		r.queue, r.bodies = nil, nil
		r.mu.Unlock()
		if len(batch) == 0 {
			return
		}
		s, err := r.st.get(ctx)
		if err != nil {
			return
		}
		s.PutArticles(ctx, batch)
		if len(bodies) > 0 {
			s.PutHTMLBodies(ctx, bodies)
		}
		r.st.wrote()
	}
	for range r.wake {
		write(r.ctx)
	}
	write(r.ctx)
}

// flushTimeout bounds the last write when the program ends.
const flushTimeout = 2 * time.Second

// flush writes what is still queued and stops the archiver; articles
// added later are not kept.
func (r *archiver) flush() {
	r.mu.Lock()
	r.closed = true
	close(r.wake)
	r.mu.Unlock()
	t := time.AfterFunc(flushTimeout, r.cancel)
	<-r.stopped
	t.Stop()
	r.cancel()
}

// record returns src with what it loads and opens kept by r. A source
// that can refresh still can.
func (r *archiver) record(src input.Source, reports bool) input.Source {
	rs := kept{Source: src, r: r, reports: reports}
	if rf, ok := src.(input.Refresher); ok {
		r.loads.Add(1)
		rs.first = &sync.Once{}
		return refreshingKept{kept: rs, refresher: rf}
	}
	return rs
}

type kept struct {
	input.Source
	r     *archiver
	first *sync.Once // ends the first load of a feed source, for the archive
	// reports says this source reports what went wrong with the state
	// file (one source does), with its last batch.
	reports bool
}

func (s kept) Load(ctx context.Context, send func(articles.Batch)) {
	if s.first != nil {
		defer s.first.Do(s.r.loads.Done)
	}
	s.Source.Load(ctx, func(b articles.Batch) {
		s.r.add(b.Articles, b.Bodies)
		if b.Done && s.reports {
			b.Problems = append(b.Problems, s.r.st.problems(ctx)...)
		}
		send(b)
	})
}

func (s kept) Open(ctx context.Context, a articles.Article) (articles.Article, error) {
	a, err := s.Source.Open(ctx, a)
	if err == nil {
		s.r.add([]articles.Article{a}, nil)
	}
	return a, err
}

type refreshingKept struct {
	kept
	refresher input.Refresher
}

func (s refreshingKept) Refresh(ctx context.Context, feed string, send func(articles.Batch)) {
	s.refresher.Refresh(ctx, feed, func(b articles.Batch) {
		s.r.add(b.Articles, b.Bodies)
		if b.Done && s.reports {
			// again: the screen forgets what a refresh does not report
			b.Problems = append(b.Problems, s.r.st.problems(ctx)...)
		}
		send(b)
	})
}

// Single implements input.Singler for a source that may be one article.
func (s kept) Single() bool { return input.IsSingle(s.Source) }

// archiveSource lists the feed items the store keeps for the feeds being
// read, those that left their feed among them; an item still in its feed
// comes from both and is listed once. It also reports a state file that
// could not be opened or was moved aside.
//
// It does not wait for the feeds: the subscribed feeds' items stream at
// once, newest first, leaving out what a feed has listed already; an item
// a feed lists later replaces the archive's copy on the screen, and a copy
// the archive sends after the feed's never replaces it (ui.Copier).
type archiveSource struct {
	st    *stateStore
	r     *archiver
	feeds []string // subscribed, listed or not
	// lean leaves out of the headers what the screen does not show in
	// the list (the author, and the summary and link unless the title is
	// blank); Open brings it. The screen then keeps a million of them as
	// lean entries.
	lean bool

	// first, when set, is the program's first screen: the pages after
	// the first wait for it to be drawn, and the archive opens it itself
	// when it has nothing to show first.
	first *firstScreen

	// listed is the store's LastArticle number when the archive last
	// listed: a refresh lists only what came since. (A set of the IDs
	// listed took 60 MB at a million.)
	listed int64
}

func (a *archiveSource) Name() string { return "archive" }

// Copies tells the screen that what the archive lists is a copy of what
// the feeds list: a feed's copy is fresher.
func (a *archiveSource) Copies() bool { return true }

// Refresh lists what came into the archive since (another process's
// --refresh, say) and the feeds being read do not list.
func (a *archiveSource) Refresh(ctx context.Context, _ string, send func(articles.Batch)) {
	a.Load(ctx, send)
}

func (a *archiveSource) Load(ctx context.Context, send func(articles.Batch)) {
	s, err := a.st.get(ctx)
	if err != nil {
		a.shown()
		send(articles.Batch{Done: true}) // the first source reports it
		return
	}
	var b articles.Batch
	report := func(err error) {
		if err != nil && ctx.Err() == nil {
			b.Problems = append(b.Problems, articles.Problem{Where: "archive", Err: err})
		}
	}
	upTo, err := s.LastArticle(ctx)
	if err != nil {
		a.shown()
		report(err)
		b.Done = true
		send(b)
		return
	}
	// The subscribed feeds at once, without waiting for them to load.
	subscribed := map[string]bool{}
	for _, f := range a.feeds {
		subscribed[f] = true
	}
	report(a.stream(ctx, s, a.feeds, upTo, send))
	a.shown() // the screen has had what the archive shows first
	// Then the feeds that listed items and are not subscribed (given on
	// the command line), once the feeds have loaded and so are known.
	waited := make(chan struct{})
	go func() { a.r.loads.Wait(); close(waited) }()
	select {
	case <-waited:
	case <-ctx.Done():
		return
	}
	var more []string
	a.r.mu.Lock()
	for f := range a.r.feeds {
		if !subscribed[f] {
			more = append(more, f)
		}
	}
	a.r.mu.Unlock()
	slices.Sort(more)
	report(a.stream(ctx, s, more, upTo, send))
	if ctx.Err() == nil {
		a.listed = upTo
	}
	b.Done = true
	send(b)
}

// shown opens the first screen's gate, if any.
func (a *archiveSource) shown() {
	if a.first != nil {
		a.first.open()
	}
}

// stream sends the archived items of feeds that came since the archive
// last listed, up to upTo, in pieces from the newest so a large archive
// shows its top at once, leaving out those a feed listed already. The
// feeds of two calls of one Load are not the same, so no item is sent
// twice.
func (a *archiveSource) stream(ctx context.Context, s *store.Store, feeds []string, upTo int64, send func(articles.Batch)) error {
	if len(feeds) == 0 {
		return nil
	}
	return s.EachArchived(ctx, feeds, a.listed, upTo, archiveBatch, !a.lean, func(arts []articles.Article) error {
		out := arts[:0]
		a.r.mu.Lock()
		for _, art := range arts {
			if !a.r.seen[art.ID] {
				out = append(out, art)
			}
		}
		a.r.mu.Unlock()
		if len(out) > 0 {
			send(articles.Batch{Articles: out})
			if a.first != nil {
				a.first.wait(ctx) // the next page once this one is drawn
			}
		}
		return ctx.Err()
	})
}

// archiveBatch is how many archived items go to the screen at a time.
const archiveBatch = 2000

// errNotKept says the archive has only the header of an item that left
// its feed before it was ever opened.
var errNotKept = errors.New("this item has left its feed and its text was not kept")

func (a *archiveSource) Open(ctx context.Context, art articles.Article) (articles.Article, error) {
	return openStored(ctx, a.st, art)
}

// openStored is the article as the store keeps it, with its text; one
// kept without its text comes with errNotKept and its whole header (its
// link among it).
func openStored(ctx context.Context, st *stateStore, art articles.Article) (articles.Article, error) {
	s, err := st.get(ctx)
	if err != nil {
		return art, err
	}
	full, ok, err := s.Article(ctx, art.ID)
	switch {
	case err != nil:
		return art, err
	case !ok:
		return art, errNotKept
	case !full.BodyLoaded:
		return full, errNotKept // its header still has its link
	}
	return full, nil
}

// ListsHeaders tells the screen that a lean archive lists headers only:
// what it needs of an item beyond its title (its link), Open gives.
func (a *archiveSource) ListsHeaders() bool { return a.lean }

// keepInState wraps the sources so that what they bring is kept in the
// state store, and adds the archive of the feeds being read when any
// source is a feed. flush writes what is still queued.
func keepInState(st *stateStore, env *input.Env, opts options, sources []input.Source) ([]input.Source, func()) {
	a := newArchiver(st)
	feeds := false
	for i, src := range sources {
		_, refreshes := src.(input.Refresher)
		_, maySingle := src.(input.Singler) // standard input: not known yet
		feeds = feeds || refreshes && !maySingle
		sources[i] = a.record(src, i == 0)
	}
	if feeds {
		var subscribed []string
		if len(opts.sources) == 0 {
			subs, _, _, _ := env.Subscriptions()
			for _, s := range subs {
				subscribed = append(subscribed, s.URL)
			}
		}
		sources = append(sources, &archiveSource{st: st, r: a, feeds: subscribed})
	}
	return sources, a.flush
}

// watchStore tells the screen what changed in the store since it last
// looked, until ctx is done: articles came in (stored), feed items among
// them (itemsCame: another process's --refresh), or marks changed
// (another newsread marked articles). It looks every interval: two
// indexed reads, and a third over the rows added when there are some.
func watchStore(ctx context.Context, st *stateStore, interval time.Duration, stored, itemsCame, marksChanged func()) {
	s, err := st.get(ctx)
	if err != nil {
		return
	}
	lastArticle, _ := s.LastArticle(ctx)
	lastMark, _ := s.LastMark(ctx)
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		if n, err := s.LastArticle(ctx); err == nil && n > lastArticle {
			if items, err := s.ItemsAfter(ctx, lastArticle); err == nil && items && itemsCame != nil {
				itemsCame()
			}
			lastArticle = n
			stored()
		}
		if n, err := s.LastMark(ctx); err == nil && n != lastMark {
			lastMark = n
			marksChanged()
		}
	}
}
