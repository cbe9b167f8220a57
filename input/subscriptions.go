package input

import (
	"errors"
	"fmt"
	"io/fs"
	"os"

	"newsread/articles"
	"newsread/feed"
)

// Subscriptions reads the user's urls file; ok is false when there is
// none. Problems are its unusable lines, each naming the file and line.
func (e *Env) Subscriptions() (subs []feed.Subscription, problems []articles.Problem, ok bool, err error) {
	file, err := os.Open(e.URLs)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil, false, nil
	}
	if err != nil {
		return nil, nil, false, fmt.Errorf("subscriptions: %w", err)
	}
	defer file.Close()
	subs, problems = feed.ParseURLs(file)
	for i := range problems {
		problems[i].Where = e.URLs + ": " + problems[i].Where
	}
	return subs, problems, true, nil
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
