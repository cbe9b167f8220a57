package feed

import (
	"context"
	"errors"
	"runtime"
	"sync"
	"time"

	"newsread/articles"
)

// Result is what refreshing one subscription did.
type Result struct {
	Sub Subscription
	// New counts items that were not in the previously cached copy.
	New         int
	NotModified bool
	// Err is nil on success; otherwise a *FetchError naming the URL.
	Err error
	// RetryAfter is set when the server asked to wait, or an earlier
	// request still holds: no fetch happens before it.
	RetryAfter time.Time
	// Articles are the headers of the fresh copy, when there is one (not
	// on NotModified or an error), for a caller that keeps them, and
	// Bodies their bodies as the feed gives them (HTML), by article ID.
	Articles []articles.Article
	Bodies   map[string]string
	// cached is the hex SHA-256 of the fresh body when it was cached.
	cached string
}

// confirmInterval is how stale CacheMeta.FetchedAt may grow while the
// server answers 304.
const confirmInterval = time.Hour

// updater brings one feed's cache up to date.
type updater struct {
	fetcher *Fetcher
	cache   *Cache
	parser  *Parser
	// cpu bounds parses running at once, so that a refresh of many feeds
	// holds only a few bodies in flight.
	cpu chan struct{}
}

// parse parses data within the CPU bound.
func (u updater) parse(data []byte, opts ParseOptions) (*Feed, error) {
	u.cpu <- struct{}{}
	defer func() { <-u.cpu }()
	return u.parser.Parse(data, opts)
}

// updateHooks let a caller of update see the fresh copy on its way into
// the cache; nil fields are skipped. Both are called only when a new
// body has come.
type updateHooks struct {
	// prev gives the IDs cached before, to count new items.
	prev func() map[string]bool
	// replacing is called with the fresh feed while the cache still holds
	// the old copy.
	replacing func(fresh *Feed)
}

// update fetches sub (conditionally, unless a Retry-After still holds),
// checks that what came back is a feed, and caches it. It returns the
// fresh feed parsed with opts (nil when NotModified or failed). The
// cached body is only checked, not held, while the fetch waits.
func (u updater) update(ctx context.Context, sub Subscription, opts ParseOptions, hooks updateHooks) (*Feed, Result) {
	res := Result{Sub: sub}
	now := u.fetcher.opts.Now()
	meta, hasBody, cerr := u.cache.loadChecked(sub.URL)
	if cerr != nil {
		meta, hasBody = CacheMeta{RetryAfter: meta.RetryAfter}, false
	}
	if now.Before(meta.RetryAfter) {
		res.RetryAfter = meta.RetryAfter
		res.Err = &FetchError{URL: sub.URL, Err: &RetryAfterError{Until: meta.RetryAfter, Now: now}}
		return nil, res
	}
	var v Validators
	if hasBody {
		v = Validators{ETag: meta.ETag, LastModified: meta.LastModified}
	}
	resp, err := u.fetcher.Fetch(ctx, sub.URL, v)
	var ra *RetryAfterError
	switch {
	case errors.As(err, &ra):
		meta.RetryAfter = ra.Until
		res.RetryAfter = ra.Until
		res.Err = err
		u.storeMeta(sub.URL, meta, hasBody)
		return nil, res
	case err != nil:
		res.Err = err
		return nil, res
	case resp.NotModified:
		res.NotModified = true
		// Writing a file costs more than the 304 itself: the sidecar is
		// rewritten only to clear a Retry-After or to bring an hour-old
		// FetchedAt up to date.
		if !meta.RetryAfter.IsZero() || now.Sub(meta.FetchedAt) > confirmInterval {
			meta.FetchedAt, meta.RetryAfter = now, time.Time{}
			u.storeMeta(sub.URL, meta, hasBody)
		}
		return nil, res
	}
	opts.ContentType = resp.ContentType
	f, err := u.parse(resp.Body, opts)
	if err != nil {
		res.Err = &FetchError{URL: sub.URL, Err: err}
		return nil, res
	}
	if hooks.prev != nil {
		old := hooks.prev()
		for _, a := range f.Articles {
			if !old[a.ID] {
				res.New++
			}
		}
	}
	if hooks.replacing != nil {
		hooks.replacing(f)
	}
	meta = CacheMeta{ETag: resp.ETag, LastModified: resp.LastModified, ContentType: resp.ContentType, FetchedAt: now}
	if err := u.cache.Store(sub.URL, meta, resp.Body); err != nil {
		res.Err = &FetchError{URL: sub.URL, Err: err}
		return f, res
	}
	res.cached = sha256Hex(resp.Body)
	return f, res
}

// htmlBodies are the bodies f's parse deferred, as HTML by ID, or nil.
func (f *Feed) htmlBodies() map[string]string {
	if len(f.deferred) == 0 {
		return nil
	}
	out := make(map[string]string, len(f.deferred))
	for id, d := range f.deferred {
		if d.html != "" {
			out[id] = d.html
		}
	}
	return out
}

// storeMeta keeps validators and Retry-After; a cache that cannot be
// written only costs a full fetch next time, so its error is dropped.
func (u updater) storeMeta(feedURL string, meta CacheMeta, hasBody bool) {
	if !hasBody {
		meta.BodySize, meta.BodySHA256 = 0, ""
	}
	_ = u.cache.StoreMeta(feedURL, meta)
}

// cachedIDs are the IDs of the cached copy of a feed, or an empty set.
func (u updater) cachedIDs(sub Subscription) map[string]bool {
	ids := map[string]bool{}
	meta, body, err := u.cache.Load(sub.URL)
	if err != nil || body == nil {
		return ids
	}
	f, err := u.parse(body, ParseOptions{URL: sub.URL, ContentType: meta.ContentType, HeadersOnly: true})
	if err != nil {
		return ids
	}
	for _, a := range f.Articles {
		ids[a.ID] = true
	}
	return ids
}

// Refresh fetches every subscription into the cache, as `newsread
// --refresh` does, and reports per feed in the order of subs. Bodies are
// not converted. progress, when not nil, is called after each feed with
// the number done so far; calls are serialised.
func Refresh(ctx context.Context, subs []Subscription, f *Fetcher, c *Cache, progress func(done, total int)) []Result {
	u := updater{fetcher: f, cache: c, parser: NewParser(nil), cpu: make(chan struct{}, runtime.GOMAXPROCS(0))}
	results := make([]Result, len(subs))
	var mu sync.Mutex
	done := 0
	var wg sync.WaitGroup
	// One goroutine a feed: they wait in the fetcher's per-host queues, so
	// a list sorted by host still keeps every host busy.
	for i, sub := range subs {
		wg.Go(func() {
			prev := func() map[string]bool { return u.cachedIDs(sub) }
			// Bodies stay unconverted (no markdown is made): the caller
			// keeps them as the feed gives them.
			fresh, res := u.update(ctx, sub, ParseOptions{URL: sub.URL, DeferBodies: true}, updateHooks{prev: prev})
			if fresh != nil && res.Err == nil && !res.NotModified {
				res.Articles, res.Bodies = fresh.Articles, fresh.htmlBodies()
			}
			results[i] = res
			mu.Lock()
			done++
			if progress != nil {
				progress(done, len(subs))
			}
			mu.Unlock()
		})
	}
	wg.Wait()
	return results
}
