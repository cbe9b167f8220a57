package input

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"slices"
	"time"

	"newsread/articles"
	"newsread/feed"
)

// Subscriptions reads the user's urls file; ok is false when there is
// none. Problems are its unusable lines, each naming the file and line.
//
// A file read before and unchanged since (same size and modification
// time) is not parsed again: a start asks more than once.
func (e *Env) Subscriptions() (subs []feed.Subscription, problems []articles.Problem, ok bool, err error) {
	file, err := os.Open(e.URLs)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil, false, nil
	}
	if err != nil {
		return nil, nil, false, fmt.Errorf("subscriptions: %w", err)
	}
	defer file.Close()
	info, err := file.Stat()
	if err != nil {
		return nil, nil, false, fmt.Errorf("subscriptions: %w", err)
	}
	e.urlsMu.Lock()
	defer e.urlsMu.Unlock()
	if r := e.urlsRead; r != nil && r.size == info.Size() && r.mod.Equal(info.ModTime()) {
		return cloneSubscriptions(r.subs), slices.Clone(r.problems), true, nil
	}
	subs, problems = feed.ParseURLs(file)
	for i := range problems {
		problems[i].Where = e.URLs + ": " + problems[i].Where
	}
	e.urlsRead = &urlsRead{size: info.Size(), mod: info.ModTime(), subs: cloneSubscriptions(subs), problems: slices.Clone(problems)}
	return subs, problems, true, nil
}

// urlsRead is the urls file as last parsed.
type urlsRead struct {
	size     int64
	mod      time.Time
	subs     []feed.Subscription
	problems []articles.Problem
}

// cloneSubscriptions copies subs deeply enough for the caller to change.
func cloneSubscriptions(subs []feed.Subscription) []feed.Subscription {
	out := slices.Clone(subs)
	for i := range out {
		out[i].Tags = slices.Clone(out[i].Tags)
	}
	return out
}

// SubscriptionSource shows every subscription, with the list's unusable
// lines as problems.
func (e *Env) SubscriptionSource(name string, subs []feed.Subscription, problems []articles.Problem) Source {
	src := feed.NewSource(name, subs, e.Fetcher, e.Cache, e.Parser)
	if e.CachedOnLoad {
		src.CachedOnLoad()
	}
	if e.HoldFetches != nil {
		src.HoldFetches(e.HoldFetches)
	}
	return withProblems(src, problems)
}

// Default is what newsread reads when given nothing and nothing is piped
// in: the subscriptions when there is a urls file, else the current
// directory.
func (e *Env) Default() (Source, error) {
	subs, problems, ok, err := e.Subscriptions()
	if err != nil {
		return nil, err
	}
	if ok {
		return e.SubscriptionSource("feeds", subs, problems), nil
	}
	return e.Dir("."), nil
}
