package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"newsread/config"
	"os"
	"path/filepath"
	"time"

	"newsread/articles"
	"newsread/feed"
	"newsread/input"
	"newsread/store"
)

// importOPML adds the feeds of an OPML file to the urls file.
func importOPML(env *input.Env, path string, stdout io.Writer) error {
	file, err := os.Open(path)
	if err != nil {
		return err
	}
	added, err := feed.ParseOPML(file)
	file.Close()
	if errors.Is(err, feed.ErrNoFeeds) || err == nil && len(added) == 0 {
		return fmt.Errorf("%s: no feeds in it", articles.Sanitize(path))
	}
	if err != nil && len(added) == 0 {
		return fmt.Errorf("%s: %w", articles.Sanitize(path), err)
	}
	existing, _, _, rerr := env.Subscriptions()
	if rerr != nil {
		return rerr
	}
	merged, n := feed.MergeSubscriptions(existing, added)
	if err := writeAtomically(env.URLs, func(w io.Writer) error { return feed.WriteURLs(w, merged) }); err != nil {
		return fmt.Errorf("write subscriptions: %w", err)
	}
	fmt.Fprintf(stdout, "added %s of %d to %s (%d already there)\n", plural(n, "feed"), len(added), env.URLs, len(added)-n)
	return nil
}

// exportOPML writes the subscriptions as OPML 2.0.
func exportOPML(env *input.Env, stdout io.Writer) error {
	subs, _, _, err := env.Subscriptions()
	if err != nil {
		return err
	}
	// A feed without a title of its own is named after its cached copy.
	return feed.WriteOPML(stdout, env.Cache.WithCachedTitles(subs))
}

// refresh fetches every subscription without a screen and prints what
// each did; it fails when any feed failed. The fresh items are kept in
// the state store's archive, where a screen open meanwhile finds them.
func refresh(ctx context.Context, env *input.Env, statePath string, accounts []config.Account, stdout, stderr io.Writer) int {
	subs, problems, ok, err := env.Subscriptions()
	if err != nil {
		fmt.Fprintln(stderr, "newsread:", err)
		return exitFailure
	}
	if !ok && len(accounts) == 0 {
		fmt.Fprintf(stderr, "newsread: no subscriptions: %s does not exist\n", env.URLs)
		return exitFailure
	}
	for _, p := range problems {
		fmt.Fprintln(stderr, "newsread:", p.Error())
	}
	failed := 0
	if ok {
		start := time.Now()
		results := feed.Refresh(ctx, subs, env.Fetcher, env.Cache, nil)
		for _, r := range results {
			switch {
			case r.Err != nil:
				failed++
				// The error may carry a server's words.
				fmt.Fprintf(stdout, "error\t%s\t%s\n", r.Sub.URL, articles.CleanLine(unwrapURL(r.Err).Error()))
			case r.NotModified:
				fmt.Fprintf(stdout, "not modified\t%s\n", r.Sub.URL)
			default:
				fmt.Fprintf(stdout, "%d new\t%s\n", r.New, r.Sub.URL)
			}
		}
		fmt.Fprintf(stderr, "newsread: refreshed %s in %.1fs, %d failed\n", plural(len(results), "feed"), time.Since(start).Seconds(), failed)
		if err := archive(ctx, statePath, results); err != nil {
			fmt.Fprintln(stderr, "newsread: archive:", err)
			failed++
		}
	}
	failed += syncAccounts(ctx, statePath, accounts, stdout, stderr)
	if failed > 0 {
		return exitFailure
	}
	return exitOK
}

// syncAccounts syncs every account once, a line each on stdout, and
// returns how many failed.
func syncAccounts(ctx context.Context, statePath string, accounts []config.Account, stdout, stderr io.Writer) int {
	if len(accounts) == 0 {
		return 0
	}
	st, err := store.Open(statePath)
	if err != nil {
		fmt.Fprintln(stderr, "newsread: accounts:", err)
		return len(accounts)
	}
	defer st.Close()
	home, _ := os.UserHomeDir()
	failed := 0
	for _, a := range accounts {
		start := time.Now()
		r, err := func() (syncReport, error) {
			c, err := newClient(ctx, a, home)
			if err != nil {
				return syncReport{}, err
			}
			return syncAccount(ctx, st, a.Name, c, nil)
		}()
		if err != nil {
			failed++
			fmt.Fprintf(stdout, "error\taccount %s\t%s\n", articles.CleanLine(a.Name), articles.CleanLine(err.Error()))
			continue
		}
		fmt.Fprintf(stdout, "synced\taccount %s\t%s in %.1fs\n", articles.CleanLine(a.Name), r, time.Since(start).Seconds())
	}
	return failed
}

// plural writes n things, with an s unless there is one.
func plural(n int, thing string) string {
	if n == 1 {
		return "1 " + thing
	}
	return fmt.Sprintf("%d %ss", n, thing)
}

// unwrapURL drops the URL a fetch error repeats, as it is printed beside.
func unwrapURL(err error) error {
	var fe *feed.FetchError
	if errors.As(err, &fe) {
		return fe.Err
	}
	return err
}

// writeAtomically replaces path with what write produces, or leaves it as
// it was.
func writeAtomically(path string, write func(io.Writer) error) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".urls-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if err := write(tmp); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

// archive keeps the fresh items of results, with their text, in the
// store at path.
func archive(ctx context.Context, path string, results []feed.Result) error {
	var fresh []articles.Article
	bodies := map[string]string{}
	for _, r := range results {
		fresh = append(fresh, r.Articles...)
		for id, b := range r.Bodies {
			bodies[id] = b
		}
	}
	if len(fresh) == 0 {
		return nil
	}
	s, err := store.Open(path)
	if err != nil {
		return err
	}
	defer s.Close()
	if err := s.PutArticles(ctx, fresh); err != nil {
		return err
	}
	// The text too, so that search finds it and the archive can show it
	// after the item has left its feed.
	return s.PutHTMLBodies(ctx, bodies)
}
