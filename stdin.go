package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"sync"
	"time"

	"newsread/articles"
	"newsread/ui"
)

// maxStdin bounds what is read from standard input.
const maxStdin = 64 << 20

// stdinName is how standard input is named in lists and problems.
const stdinName = "stdin"

// errStdinTooLarge is reported when more than maxStdin bytes are piped in.
var errStdinTooLarge = fmt.Errorf("standard input is larger than %d MiB", maxStdin>>20)

// stdinSource reads standard input whole, in the background so the first
// screen never waits for it, and hands it to the source its content calls
// for: JSON Lines, a list of file paths, or one article.
type stdinSource struct {
	r io.Reader
	// feed makes a source of piped feeds and subscription lists; ok is
	// false for anything else.
	feed func(name string, data []byte) (src ui.Source, ok bool)
	// empty is what to read when nothing was piped in; nil reports it.
	empty ui.Source

	mu    sync.Mutex
	inner ui.Source
}

func newStdinSource(r io.Reader, feed func(string, []byte) (ui.Source, bool)) *stdinSource {
	return &stdinSource{r: r, feed: feed}
}

// Name implements ui.Source.
func (s *stdinSource) Name() string { return stdinName }

// Load implements ui.Source.
func (s *stdinSource) Load(ctx context.Context, send func(articles.Batch)) {
	data, err := readBounded(s.r, maxStdin)
	if err != nil {
		send(articles.Batch{Problems: []articles.Problem{{Where: "standard input", Err: err}}, Seen: 1, Done: true})
		return
	}
	inner := s.sniff(data)
	s.mu.Lock()
	s.inner = inner
	s.mu.Unlock()
	inner.Load(ctx, send)
}

// Open implements ui.Source.
func (s *stdinSource) Open(ctx context.Context, a articles.Article) (articles.Article, error) {
	s.mu.Lock()
	inner := s.inner
	s.mu.Unlock()
	if inner == nil {
		return a, errors.New("standard input is still being read")
	}
	return inner.Open(ctx, a)
}

// sniff decides what the piped bytes are by their content.
func (s *stdinSource) sniff(data []byte) ui.Source {
	if src, ok := s.feed(stdinName, data); ok {
		return src
	}
	switch {
	case len(bytes.TrimSpace(data)) == 0 && s.empty != nil:
		return s.empty
	case len(bytes.TrimSpace(data)) == 0:
		return problemSource{name: stdinName, problem: articles.Problem{Where: "standard input", Err: errors.New("nothing was piped in")}}
	case articles.LooksLikeJSONLines(data):
		items, problems := articles.ParseJSONLines(bytes.NewReader(data), stdinName)
		return addProblems(articles.NewList(stdinName, items), problems)
	case articles.LooksLikePathList(data):
		return articles.NewFiles(stdinName, articles.Paths(data))
	}
	// Piped text has no file date: a zero modification time leaves the
	// date unknown unless the article states one.
	a, err := articles.Parse("", data, time.Time{})
	if err != nil {
		return problemSource{name: stdinName, problem: articles.Problem{Where: "standard input", Err: err}}
	}
	a.ID, a.Source = stdinName, stdinName
	return articles.NewList(stdinName, []articles.Article{a})
}

// readBounded reads r whole, failing once it passes limit bytes.
func readBounded(r io.Reader, limit int64) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return nil, fmt.Errorf("read standard input: %w", err)
	}
	if int64(len(data)) > limit {
		return nil, errStdinTooLarge
	}
	return data, nil
}

// problemSource is a source that has nothing but one problem to report.
type problemSource struct {
	name    string
	problem articles.Problem
}

func (p problemSource) Name() string { return p.name }

func (p problemSource) Load(_ context.Context, send func(articles.Batch)) {
	send(articles.Batch{Problems: []articles.Problem{p.problem}, Seen: 1, Done: true})
}

func (p problemSource) Open(_ context.Context, a articles.Article) (articles.Article, error) {
	return a, p.problem
}

// addProblems returns src reporting problems found before it was made,
// such as the bad lines of a JSON Lines stream or of a urls file. A source
// that can refresh still can.
func addProblems(src ui.Source, problems []articles.Problem) ui.Source {
	if len(problems) == 0 {
		return src
	}
	w := withProblems{Source: src, problems: problems}
	if r, ok := src.(ui.Refresher); ok {
		return refresherWithProblems{withProblems: w, refresher: r}
	}
	return w
}

// withProblems is a source that also reports problems found before it was
// made.
type withProblems struct {
	ui.Source
	problems []articles.Problem
}

func (w withProblems) Load(ctx context.Context, send func(articles.Batch)) {
	send(articles.Batch{Problems: w.problems})
	w.Source.Load(ctx, send)
}

// refresherWithProblems is a withProblems over a source that can refresh.
type refresherWithProblems struct {
	withProblems
	refresher ui.Refresher
}

func (r refresherWithProblems) Refresh(ctx context.Context, feed string, send func(articles.Batch)) {
	r.refresher.Refresh(ctx, feed, send)
}

// Refresh implements ui.Refresher for what was piped in, when that can
// refresh (a subscription list, or the subscriptions an empty pipe fell
// back to).
func (s *stdinSource) Refresh(ctx context.Context, feed string, send func(articles.Batch)) {
	s.mu.Lock()
	inner := s.inner
	s.mu.Unlock()
	if r, ok := inner.(ui.Refresher); ok {
		r.Refresh(ctx, feed, send)
		return
	}
	send(articles.Batch{Done: true})
}
