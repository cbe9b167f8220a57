package articles

import (
	"cmp"
	"context"
	"os"
	"sync"
	"time"
)

// job is one file for a worker, or a problem met while finding files.
type job struct {
	path   string
	tag    string // the folder's name, kept as a tag
	titles string // a directory of companion title files
	other  bool   // not an article file: for the OtherFunc
	full   bool   // load the body too
	err    error
	// With an index: key is the file's absolute path, and kept what the
	// index holds for it (no Header when nothing).
	key  string
	kept IndexEntry
	// stat is the file's size and time when the walk took them already.
	stat fileStat
}

// result is what a worker made of one job.
type result struct {
	arts []Article
	// art is the article of an article file, held here rather than in
	// arts to spare an allocation a file.
	art    Article
	hasArt bool
	probs  []Problem
	keep   *IndexEntry // a header read, for the index
}

// scan runs produce (which finds files and sends jobs) and a pool of
// workers reading them, and sends their results to send in batches from
// the calling goroutine. It returns when everything is done or ctx is
// cancelled; after a cancellation it sends nothing more.
func scan(ctx context.Context, c config, source string, produce func(ctx context.Context, jobs chan<- job), send func(Batch)) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	jobs := make(chan job, c.workers*4)
	results := make(chan result, c.workers*4)
	var wg sync.WaitGroup
	// produced is closed once every job is queued: then the waiting
	// workers join at once, so that a short list ends (and its last
	// batch goes) as soon as its files are read, with no timer to wait.
	produced := make(chan struct{})
	wg.Go(func() {
		defer close(produced)
		defer close(jobs)
		produce(ctx, jobs)
	})
	var workers sync.WaitGroup
	l := &loader{parser: c.parser, open: c.open}
	start := time.Now()
	wd, _ := os.Getwd()
	keep := func([]IndexEntry) {}
	if c.index != nil {
		k := newKeeper(c.index)
		defer k.close()
		keep = k.keep
	}
	// One worker reads the first screenful; the others join a frame or
	// two after it is sent, so they do not take the CPU from drawing it.
	ramp := make(chan struct{})
	var rampOnce sync.Once
	rampUp := func() { rampOnce.Do(func() { time.AfterFunc(rampDelay, func() { close(ramp) }) }) }
	for i := range c.workers {
		workers.Go(func() {
			if i > 0 {
				select {
				case <-ramp:
				case <-produced:
				case <-ctx.Done():
					return
				}
			}
			for j := range jobs {
				r := work(ctx, c, l, start, wd, source, j)
				select {
				case results <- r:
				case <-ctx.Done():
				}
			}
		})
	}
	wg.Go(func() {
		workers.Wait()
		close(results)
	})
	collect(ctx, c, results, send, rampUp, keep)
	cancel()
	wg.Wait()
}

// work handles one job: a file is listed from the index when its kept
// header is still good, and read otherwise. start is when the scan began,
// wd the working directory then.
func work(ctx context.Context, c config, l *loader, start time.Time, wd, source string, j job) result {
	switch {
	case ctx.Err() != nil:
		return result{}
	case j.err != nil:
		return result{probs: []Problem{{Where: j.path, Err: j.err}}}
	case j.other:
		if c.other == nil {
			return result{}
		}
		arts, probs, _ := c.other(ctx, j.path)
		return result{arts: arts, probs: probs}
	}
	var r result
	a, ok := fromIndex(j)
	if !ok {
		read, err := l.read(j.path, !j.full, j.titles)
		a = read.art
		if err != nil {
			r.probs = []Problem{{Where: j.path, Err: err}}
			if a.ID == "" {
				return r
			}
		} else if e, ok := keepable(c, start, j, read); ok {
			r.keep = &e
		}
	}
	// A file is known by its absolute path, however it was named: its
	// marks follow it from any directory.
	if a.ID == a.Path {
		a.ID = j.key
		if a.ID == "" {
			a.ID = cmp.Or(absolute(wd, j.path), j.path)
		}
	}
	// A file's source is its own folder when it is deeper than the root,
	// so the list tells business/ from sport/.
	folder := oneLine(CleanLine(j.tag))
	a.Source = source
	if folder != "" {
		a.Source = folder
	}
	a.Tags = appendTag(a.Tags, folder)
	r.art, r.hasArt = a, true
	return r
}

// rampDelay is how long the other workers wait after the first batch.
const rampDelay = 25 * time.Millisecond

// firstBatchSize is a screenful of list rows.
const firstBatchSize = 64

// collect gathers results into batches: one is sent when it is full, the
// first soon after the start, the others every interval, and the last
// (Done) as soon as the results end, without waiting for the timer.
func collect(ctx context.Context, c config, results <-chan result, send func(Batch), sent func(), keep func([]IndexEntry)) {
	var b Batch
	var keeps []IndexEntry
	pending := false
	timer := time.NewTimer(min(c.interval, c.firstWait))
	defer timer.Stop()
	// The first batch goes as soon as it fills a screen: the list can
	// draw while the rest is read.
	first := true
	flush := func() {
		send(b)
		sent()
		keep(keeps)
		keeps = nil
		// The next batch is likely the size of this one: room for it
		// spares the copies of a growing slice.
		b = Batch{Seen: b.Seen, Articles: make([]Article, 0, len(b.Articles))}
		pending, first = false, false
	}
	for {
		select {
		case r, ok := <-results:
			if !ok {
				if ctx.Err() == nil {
					b.Done = true
					flush()
				}
				return
			}
			b.Seen++
			b.Articles = append(b.Articles, r.arts...)
			if r.hasArt {
				b.Articles = append(b.Articles, r.art)
			}
			b.Problems = append(b.Problems, r.probs...)
			if r.keep != nil {
				keeps = append(keeps, *r.keep)
			}
			pending = true
			if len(b.Articles) >= c.batchSize || first && len(b.Articles) >= firstBatchSize {
				flush()
			}
		case <-timer.C:
			if pending && ctx.Err() == nil {
				flush()
			}
			sent() // nothing found yet: the other workers join all the same
			timer.Reset(c.interval)
		case <-ctx.Done():
			return
		}
	}
}
