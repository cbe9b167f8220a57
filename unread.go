package main

import (
	"context"
	"fmt"
	"io"
	"os"

	"newsread/articles"
	"newsread/config"
	"newsread/input"
	"newsread/store"
)

// printUnread prints how many articles are not marked read, for a status
// bar. Without a SOURCE it counts the archived items of the
// subscriptions, without fetching anything (as newsboat's print-unread
// counts its cache; a --refresh from cron keeps the archive fresh); with
// SOURCEs it reads them (fetching feeds) and counts theirs. The items of
// the accounts on feed servers count with the subscriptions, as kept at
// their last sync.
func printUnread(ctx context.Context, env *input.Env, opts options, accounts []config.Account, stdin *os.File, stdout, stderr io.Writer) int {
	if len(opts.sources) == 0 {
		return printUnreadSubscribed(ctx, env, opts, accounts, stdout, stderr)
	}
	sources, err := buildSources(opts.sources, stdin, env)
	if err != nil {
		fmt.Fprintln(stderr, "newsread:", err)
		return exitBadUsage
	}
	state := newStateStore(statePath(opts))
	defer state.close()
	var ids []string
	status := exitOK
	for _, src := range sources {
		src.Load(ctx, func(b articles.Batch) {
			for _, a := range b.Articles {
				ids = append(ids, a.ID)
			}
			for _, p := range b.Problems {
				fmt.Fprintln(stderr, "newsread:", p.Error())
				status = exitFailure
			}
		})
	}
	states, err := state.States(ctx, ids)
	if err != nil {
		fmt.Fprintln(stderr, "newsread:", err)
		return exitFailure
	}
	n, seen := 0, map[string]bool{}
	for _, id := range ids {
		if !seen[id] && !states[id].Read {
			n++
		}
		seen[id] = true
	}
	fmt.Fprintln(stdout, n)
	return status
}

// printUnreadSubscribed counts the unread archived items of the
// subscriptions.
func printUnreadSubscribed(ctx context.Context, env *input.Env, opts options, accounts []config.Account, stdout, stderr io.Writer) int {
	subs, _, ok, err := env.Subscriptions()
	if err != nil {
		fmt.Fprintln(stderr, "newsread:", err)
		return exitFailure
	}
	if !ok && len(accounts) == 0 {
		fmt.Fprintf(stderr, "newsread: no subscriptions: %s does not exist\n", env.URLs)
		return exitFailure
	}
	feeds := make([]string, len(subs))
	for i, s := range subs {
		feeds[i] = s.URL
	}
	s, err := store.Open(statePath(opts))
	if err != nil {
		fmt.Fprintln(stderr, "newsread:", err)
		return exitFailure
	}
	defer s.Close()
	for _, a := range accounts {
		more, err := s.AccountFeeds(ctx, a.Name)
		if err != nil {
			fmt.Fprintln(stderr, "newsread:", err)
			return exitFailure
		}
		feeds = append(feeds, more...)
	}
	n, err := s.Unread(ctx, feeds)
	if err != nil {
		fmt.Fprintln(stderr, "newsread:", err)
		return exitFailure
	}
	fmt.Fprintln(stdout, n)
	return exitOK
}
