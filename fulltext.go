package main

import (
	"context"
	"errors"
	"fmt"
	"mime"
	"net/url"
	"strings"
	"sync"

	"newsread/articles"
	"newsread/config"
	"newsread/feed"
	"newsread/input"
	"newsread/store"
	"newsread/ui"
)

// fullTexter is the screen's ui.FullTexter: the page at an article's link
// fetched by the feeds' fetcher (its per-host cap, timeout, size limit and
// User-Agent), its story extracted as a saved page is read, and kept in
// the state store so that it is fetched once and shown offline after.
type fullTexter struct {
	fetcher *feed.Fetcher
	parser  *articles.Parser
	state   *stateStore
	auto    map[string]bool // normalised feed URLs marked +fulltext
	// patterns are the configuration's full_text: feed URLs, * any run.
	patterns []string

	// mem keeps what was fetched when the store cannot be opened: for
	// this run only.
	mu  sync.Mutex
	mem map[string]string
}

// newFullTexter returns the full texter for the subscriptions subs: those
// marked FullText have their items' full text fetched when opened.
func newFullTexter(f *feed.Fetcher, st *stateStore, subs []feed.Subscription) *fullTexter {
	ft := &fullTexter{fetcher: f, parser: articles.NewParser(), state: st, auto: map[string]bool{}, mem: map[string]string{}}
	for _, s := range subs {
		if s.FullText {
			ft.auto[feed.NormalizeURL(s.URL)] = true
		}
	}
	return ft
}

// Auto implements ui.FullTexter: the article's feed is marked +fulltext.
func (f *fullTexter) Auto(a articles.Article) bool {
	if a.Feed == "" {
		return false
	}
	if f.auto[feed.NormalizeURL(a.Feed)] {
		return true
	}
	for _, p := range f.patterns {
		if config.MatchFeed(p, a.Feed) || config.MatchFeed(p, feed.NormalizeURL(a.Feed)) {
			return true
		}
	}
	return false
}

// FullText implements ui.FullTexter.
func (f *fullTexter) FullText(ctx context.Context, a articles.Article, fetch bool) (articles.Article, error) {
	s, serr := f.state.get(ctx)
	if serr == nil {
		kept, ok, err := s.FullText(ctx, a.ID)
		if err != nil {
			return a, err
		}
		if ok {
			a.Body, a.BodyLoaded = kept.Body, true
			return a, nil
		}
	} else if body, ok := f.keptInMemory(a.ID); ok {
		a.Body, a.BodyLoaded = body, true
		return a, nil
	}
	if !fetch {
		return a, ui.ErrNoFullText
	}
	page, pageURL, err := f.fetch(ctx, a)
	if err != nil {
		return a, err
	}
	if serr == nil {
		if err := s.PutFullText(ctx, a.ID, store.FullText{URL: pageURL, Body: page}); err != nil {
			return a, err
		}
		f.state.wrote() // the index takes the new words in
	} else {
		f.mu.Lock()
		f.mem[a.ID] = page
		f.mu.Unlock()
	}
	a.Body, a.BodyLoaded = page, true
	return a, nil
}

func (f *fullTexter) keptInMemory(id string) (string, bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	body, ok := f.mem[id]
	return body, ok
}

// errNoMore is a page whose story is no longer than the feed's summary:
// a paywall, a consent wall, a teaser page.
var errNoMore = errors.New("the page has no more than the feed's summary (a paywall?)")

// fetch fetches a's link and extracts its story as markdown; it returns
// the story and the page's address after redirects. Its errors are
// worded for the status line.
func (f *fullTexter) fetch(ctx context.Context, a articles.Article) (story, pageURL string, err error) {
	u, err := url.Parse(a.Link)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return "", "", fmt.Errorf("the link %q is not a web address", articles.CleanLine(a.Link))
	}
	res, err := f.fetcher.FetchPage(ctx, a.Link)
	if err != nil {
		return "", "", fetchProblem(err)
	}
	if ct, _, err := mime.ParseMediaType(res.ContentType); err == nil && !isPageType(ct) {
		return "", "", fmt.Errorf("the link is not a web page but %s", ct)
	}
	page, err := f.parser.ParsePage(res.URL, res.Body)
	switch {
	case errors.Is(err, articles.ErrNoArticle), errors.Is(err, articles.ErrEmpty):
		return "", "", errors.New("no article found on the page")
	case err != nil:
		return "", "", err
	case words(page.Body) <= max(words(a.Body), words(a.Summary)):
		return "", "", errNoMore
	}
	return page.Body, res.URL, nil
}

// fetchProblem is a fetch error without the URL it names (the article is
// on screen) and with "HTTP" before a status.
func fetchProblem(err error) error {
	var fe *feed.FetchError
	if errors.As(err, &fe) {
		err = fe.Err
	}
	var se *feed.StatusError
	if errors.As(err, &se) {
		return fmt.Errorf("HTTP %s", se.Status)
	}
	return err
}

// isPageType reports whether a media type can hold a story: HTML, or a
// type servers send for HTML by mistake.
func isPageType(ct string) bool {
	switch ct {
	case "text/html", "application/xhtml+xml", "text/plain", "application/octet-stream", "":
		return true
	}
	return false
}

func words(s string) int { return len(strings.Fields(s)) }

// fullTextFor is the full texter of the screen: the feeds of the
// subscriptions file marked +fulltext are read in full.
func fullTextFor(env *input.Env, st *stateStore, patterns []string) *fullTexter {
	subs, _, _, _ := env.Subscriptions()
	ft := newFullTexter(env.Fetcher, st, subs)
	ft.patterns = patterns
	return ft
}
