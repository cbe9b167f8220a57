package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"

	"github.com/charmbracelet/x/term"

	"newsread/articles"
	"newsread/input"
	"newsread/ui"
)

// printSources is what newsread does when it cannot draw: it loads every
// source to the end and prints one article on its own (a story file, one
// piped article) rendered, anything else (a directory, a feed, a list,
// several sources) as lines, or all of them as JSON Lines with --json.
// What is printed depends on what the sources are, never on how many
// articles they hold, so a script sees the same shape every day.
// With --format every article is a line as its template says, read and
// starred marks from marks. Problems go to stderr.
func printSources(ctx context.Context, sources []input.Source, opts options, marks stateReader, stdout, stderr io.Writer) int {
	type loaded struct {
		article articles.Article
		source  input.Source
	}
	var all []loaded
	var problems []articles.Problem
	seen := map[string]int{} // ID → index in all: a feed's fresh copy replaces its cached one
	for _, src := range sources {
		src.Load(ctx, func(b articles.Batch) {
			for _, a := range b.Articles {
				if i, ok := seen[a.ID]; ok {
					all[i] = loaded{a, src}
					continue
				}
				seen[a.ID] = len(all)
				all = append(all, loaded{a, src})
			}
			problems = append(problems, b.Problems...)
		})
	}
	sort.SliceStable(all, func(i, j int) bool { return before(all[i].article, all[j].article) })
	for _, p := range problems {
		fmt.Fprintln(stderr, "newsread:", p.Error())
	}

	status := exitOK
	if len(all) == 0 && len(problems) > 0 {
		status = exitFailure
	}
	switch {
	case opts.json:
		full := make([]articles.Article, 0, len(all))
		for _, l := range all {
			a, err := l.source.Open(ctx, l.article)
			if errors.Is(err, errNotKept) {
				// An archived item whose text was never kept: its
				// header is all there is, and that is not a failure.
				full = append(full, l.article)
				continue
			}
			if err != nil {
				fmt.Fprintln(stderr, "newsread:", err)
				status = exitFailure
				continue
			}
			full = append(full, a)
		}
		if err := articles.WriteJSONLines(stdout, full); err != nil {
			fmt.Fprintln(stderr, "newsread:", err)
			return exitFailure
		}
	case opts.lineFormat != nil:
		list := make([]articles.Article, len(all))
		for i, l := range all {
			list[i] = l.article
		}
		if err := printFormatted(ctx, stdout, opts.lineFormat, list, marks); err != nil {
			fmt.Fprintln(stderr, "newsread:", err)
			return exitFailure
		}
	case len(all) == 1 && len(sources) == 1 && input.IsSingle(sources[0]):
		a, err := all[0].source.Open(ctx, all[0].article)
		if err != nil {
			fmt.Fprintln(stderr, "newsread:", err)
			return exitFailure
		}
		var out string
		if colored(opts.color, stdout) {
			out, err = ui.RenderArticleColor(a, opts.style, opts.width)
		} else {
			style := opts.style
			if style == "" {
				style = "notty"
			}
			out, err = ui.RenderArticle(a, style, opts.width)
		}
		if err != nil {
			fmt.Fprintln(stderr, "newsread:", err)
			return exitFailure
		}
		fmt.Fprint(stdout, out)
	default:
		for _, l := range all {
			fmt.Fprintln(stdout, listLine(l.article))
		}
	}
	return status
}

// stateReader reads read and starred marks (stateStore does).
type stateReader interface {
	States(ctx context.Context, ids []string) (map[string]ui.State, error)
}

// printFormatted prints one line an article with f, the marks read from
// marks when f shows them.
func printFormatted(ctx context.Context, w io.Writer, f listFormat, list []articles.Article, marks stateReader) error {
	states := map[string]ui.State{}
	if f.usesState() && marks != nil {
		ids := make([]string, len(list))
		for i, a := range list {
			ids[i] = a.ID
		}
		var err error
		if states, err = marks.States(ctx, ids); err != nil {
			return err
		}
	}
	bw := bufio.NewWriter(w)
	for _, a := range list {
		bw.WriteString(f.line(a, states[a.ID]))
		bw.WriteByte('\n')
	}
	return bw.Flush()
}

// before orders articles newest first, undated ones last; equal dates
// (a folder copied in one go) by source, then path or link, ascending.
func before(a, b articles.Article) bool {
	if !a.Published.Equal(b.Published) {
		if a.Published.IsZero() || b.Published.IsZero() {
			return b.Published.IsZero()
		}
		return a.Published.After(b.Published)
	}
	if a.Source != b.Source {
		return a.Source < b.Source
	}
	if pa, pb := place(a), place(b); pa != pb {
		return pa < pb
	}
	return a.ID < b.ID
}

// place is where an article is: its file, or for feed items its link.
func place(a articles.Article) string {
	where := a.Path
	if a.Feed != "" || where == "" {
		where = a.Link
	}
	if where == "" {
		where = a.ID
	}
	return where
}

// listLine is one tab-separated line: date, source, title, and where
// the article is: its file, or for feed items its link.
func listLine(a articles.Article) string {
	date := "-"
	if !a.Published.IsZero() {
		date = a.Published.Format("2006-01-02")
	}
	return strings.Join([]string{date, field(a.Source), field(a.Title), field(place(a))}, "\t")
}

// field keeps a value on one line and inside its column, with nothing a
// terminal would act on (a path holds whatever bytes its file name has).
func field(s string) string {
	return strings.Map(func(r rune) rune {
		if r == '\t' || r == '\n' {
			return ' '
		}
		return r
	}, articles.Sanitize(s))
}

// colored says whether a printed article keeps its colours: --color
// always, or auto when out is a terminal and NO_COLOR is not set.
func colored(when string, out io.Writer) bool {
	switch when {
	case "always":
		return true
	case "never":
		return false
	}
	f, ok := out.(*os.File)
	return ok && term.IsTerminal(f.Fd()) && os.Getenv("NO_COLOR") == ""
}
