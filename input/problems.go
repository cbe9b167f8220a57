package input

import (
	"context"

	"newsread/articles"
)

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

// withProblems returns src reporting problems found before it was made,
// such as the bad lines of a JSON Lines stream or of a urls file. A source
// that can refresh still can.
func withProblems(src Source, problems []articles.Problem) Source {
	if len(problems) == 0 {
		return src
	}
	w := problemsFirst{Source: src, problems: problems}
	if r, ok := src.(Refresher); ok {
		return refresherWithProblems{problemsFirst: w, refresher: r}
	}
	return w
}

// problemsFirst is a source that also reports problems found before it
// was made.
type problemsFirst struct {
	Source
	problems []articles.Problem
}

func (w problemsFirst) Load(ctx context.Context, send func(articles.Batch)) {
	send(articles.Batch{Problems: w.problems})
	w.Source.Load(ctx, send)
}

// refresherWithProblems is a problemsFirst over a source that can refresh.
type refresherWithProblems struct {
	problemsFirst
	refresher Refresher
}

func (r refresherWithProblems) Refresh(ctx context.Context, feed string, send func(articles.Batch)) {
	r.refresher.Refresh(ctx, feed, send)
}
