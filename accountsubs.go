package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"strings"

	"newsread/articles"
	"newsread/config"
	"newsread/feed"
	"newsread/input"
	"newsread/remote"
)

// moveSubscriptions carries subscriptions between the urls file and an
// account's server, for people joining or leaving a server: from names
// the account whose feeds join the urls file, to the account that is
// subscribed to every feed of the urls file it lacks. One of them is set.
func moveSubscriptions(ctx context.Context, env *input.Env, accounts []config.Account, from, to string, stdout io.Writer) error {
	name := from
	if name == "" {
		name = to
	}
	a, err := findAccount(accounts, name)
	if err != nil {
		return err
	}
	home, _ := os.UserHomeDir()
	c, err := newClient(ctx, a, home)
	if err != nil {
		return fmt.Errorf("account %s: %w", a.Name, err)
	}
	onServer, err := c.Feeds(ctx)
	if err != nil {
		return fmt.Errorf("account %s: %w", a.Name, err)
	}
	existing, _, _, err := env.Subscriptions()
	if err != nil {
		return err
	}
	if from != "" {
		return importAccount(env, a, onServer, existing, stdout)
	}
	return exportAccount(ctx, c, a, onServer, existing, stdout)
}

// findAccount is the configured account of that name.
func findAccount(accounts []config.Account, name string) (config.Account, error) {
	var names []string
	for _, a := range accounts {
		if a.Name == name {
			return a, nil
		}
		names = append(names, a.Name)
	}
	if len(names) == 0 {
		return config.Account{}, fmt.Errorf("no account %q: the configuration file has no [accounts.NAME] table (see the README)", articles.CleanLine(name))
	}
	return config.Account{}, fmt.Errorf("no account %q: the configuration names %s", articles.CleanLine(name), strings.Join(names, ", "))
}

// importAccount adds the server's feeds, their categories as tags, to
// the urls file.
func importAccount(env *input.Env, a config.Account, onServer []remote.Feed, existing []feed.Subscription, stdout io.Writer) error {
	added := make([]feed.Subscription, 0, len(onServer))
	for _, f := range onServer {
		if f.URL == "" {
			continue
		}
		added = append(added, feed.Subscription{URL: f.URL, Tags: f.Tags})
	}
	merged, n := feed.MergeSubscriptions(existing, added)
	if err := writeAtomically(env.URLs, func(w io.Writer) error { return feed.WriteURLs(w, merged) }); err != nil {
		return fmt.Errorf("write subscriptions: %w", err)
	}
	fmt.Fprintf(stdout, "added %s of %d from account %s to %s (%d already there)\n",
		plural(n, "feed"), len(added), articles.CleanLine(a.Name), env.URLs, len(added)-n)
	return nil
}

// exportAccount subscribes the account to every feed of the urls file it
// lacks, in the feed's first tag as a category; a feed the server
// refuses is reported and the others go on.
func exportAccount(ctx context.Context, c remote.Client, a config.Account, onServer []remote.Feed, existing []feed.Subscription, stdout io.Writer) error {
	have := make(map[string]bool, len(onServer))
	for _, f := range onServer {
		have[feed.NormalizeURL(f.URL)] = true
	}
	failed := 0
	n := 0
	for _, s := range existing {
		if have[feed.NormalizeURL(s.URL)] {
			continue
		}
		category := ""
		if len(s.Tags) > 0 {
			category = s.Tags[0]
		}
		if err := c.Subscribe(ctx, s.URL, category); err != nil {
			failed++
			fmt.Fprintf(stdout, "error\t%s\t%s\n", s.URL, articles.CleanLine(err.Error()))
			continue
		}
		have[feed.NormalizeURL(s.URL)] = true
		n++
	}
	fmt.Fprintf(stdout, "subscribed account %s to %s of %d (%d already there, %d refused)\n",
		articles.CleanLine(a.Name), plural(n, "feed"), len(existing), len(existing)-n-failed, failed)
	if failed > 0 {
		return fmt.Errorf("account %s refused %s", a.Name, plural(failed, "feed"))
	}
	return nil
}
