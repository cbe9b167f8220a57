package input

import (
	"context"
	"path/filepath"
	"sync"

	"newsread/articles"
	"newsread/feed"
)

// Source is a place articles come from. It has the method set the screen
// and the printer need, so any Source can be handed to either.
type Source interface {
	// Name names the source in the status line and in problems.
	Name() string
	// Load sends batches until exhausted or ctx done; the last has Done set.
	Load(ctx context.Context, send func(articles.Batch))
	// Open returns the article with its body loaded.
	Open(ctx context.Context, a articles.Article) (articles.Article, error)
}

// Refresher is a source that can fetch again on request (feeds).
type Refresher interface {
	Refresh(ctx context.Context, feed string, send func(articles.Batch))
}

// Singler is a source that may turn out to be one article read on its
// own (a story file, one piped article): it is then printed whole, and
// opened at once on screen. Single is only meaningful after Load.
type Singler interface {
	Single() bool
}

// IsSingle reports whether src is one article on its own.
func IsSingle(src Source) bool {
	s, ok := src.(Singler)
	return ok && s.Single()
}

// Env is what the sources of one run share: one HTTP client with its
// concurrency caps, the on-disk feed cache, one converter, and the
// subscriptions file.
type Env struct {
	Fetcher *feed.Fetcher
	Cache   *feed.Cache
	Parser  *feed.Parser
	// URLs is the user's subscriptions file (newsboat's urls format).
	URLs string
	// Index, when set, keeps the headers of scanned files, so that a
	// directory scanned again reads only the files that changed.
	Index articles.Index
	// CachedOnLoad has the subscriptions show their cached copies at the
	// start without fetching them (a refresh fetches).
	CachedOnLoad bool
	// HoldFetches, when set, holds the subscriptions' fetches back until
	// it returns (feed.Source.HoldFetches).
	HoldFetches func(context.Context)

	urlsMu   sync.Mutex
	urlsRead *urlsRead // the urls file as last parsed
}

// NewEnv keeps the subscriptions under configHome and the feed cache
// under cacheHome (the XDG folders); version goes into the User-Agent.
func NewEnv(configHome, cacheHome, version string) *Env {
	return &Env{
		Fetcher: feed.NewFetcher(feed.FetcherOptions{Version: version}),
		Cache:   feed.NewCache(filepath.Join(cacheHome, "newsread", "feeds")),
		Parser:  feed.NewParser(articles.NewHTMLConverter()),
		URLs:    filepath.Join(configHome, "newsread", "urls"),
	}
}
