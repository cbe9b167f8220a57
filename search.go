package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"time"

	"newsread/articles"
	"newsread/store"
)

// search prints the stored articles a query matches, as the list is
// printed (or as JSON Lines with --json): exit status 1 when nothing
// matches, 2 for a query that cannot be read.
func search(ctx context.Context, opts options, stdout, stderr io.Writer) int {
	q, err := store.Parse(opts.search, time.Now())
	if err != nil {
		fmt.Fprintln(stderr, "newsread: --search:", err)
		return exitBadUsage
	}
	s, err := store.Open(statePath(opts))
	if err != nil {
		fmt.Fprintln(stderr, "newsread:", err)
		return exitFailure
	}
	defer s.Close()
	// What was archived since the last search is indexed first.
	if err := s.IndexPending(ctx, nil); err != nil {
		fmt.Fprintln(stderr, "newsread: index:", err)
		return exitFailure
	}
	hits, err := s.Search(ctx, q, store.Newest, 0)
	if errors.Is(err, store.ErrBadQuery) {
		fmt.Fprintln(stderr, "newsread: --search:", err)
		return exitBadUsage
	}
	if err != nil {
		fmt.Fprintln(stderr, "newsread:", err)
		return exitFailure
	}
	if len(hits) == 0 {
		fmt.Fprintf(stderr, "newsread: nothing matches %s\n", articles.CleanLine(opts.search))
		return exitFailure
	}
	ids := make([]string, len(hits))
	for i, h := range hits {
		ids[i] = h.ID
	}
	found, err := s.Articles(ctx, ids)
	if err != nil {
		fmt.Fprintln(stderr, "newsread:", err)
		return exitFailure
	}
	if opts.json {
		if err := articles.WriteJSONLines(stdout, found); err != nil {
			fmt.Fprintln(stderr, "newsread:", err)
			return exitFailure
		}
		return exitOK
	}
	if opts.lineFormat != nil {
		marks := newStateStore(statePath(opts)) // converts the marks for the template
		defer marks.close()
		if err := printFormatted(ctx, stdout, opts.lineFormat, found, marks); err != nil {
			fmt.Fprintln(stderr, "newsread:", err)
			return exitFailure
		}
		return exitOK
	}
	for _, a := range found {
		fmt.Fprintln(stdout, listLine(a))
	}
	return exitOK
}
