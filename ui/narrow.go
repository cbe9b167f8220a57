package ui

import (
	"slices"

	"newsread/articles"
)

// narrowKind is what a narrowing keeps: everything, one source, one tag.
type narrowKind int

const (
	narrowNone narrowKind = iota
	narrowSource
	narrowTag
)

// narrowing is the part of the list the source picker chose.
type narrowing struct {
	kind narrowKind
	name string
}

// has reports whether e belongs to the narrowed list.
func (n narrowing) has(e *entry) bool {
	switch n.kind {
	case narrowSource:
		return e.a.Source == n.name
	case narrowTag:
		return slices.Contains(e.a.Tags, n.name)
	default:
		return true
	}
}

// label names the narrowing in the picker and the status line.
func (n narrowing) label() string {
	switch n.kind {
	case narrowSource:
		return n.name
	case narrowTag:
		return "#" + n.name
	default:
		return "All"
	}
}

// tally counts the listed articles per source and per tag. The list keeps
// it as articles arrive and are replaced, so the picker never has to scan
// the whole list.
type tally struct {
	sources map[string]int
	tags    map[string]int
}

func newTally() tally {
	return tally{sources: make(map[string]int), tags: make(map[string]int)}
}

// count adds a's source and tags d times (d is 1 or -1).
func (t tally) count(a articles.Article, d int) {
	bump := func(m map[string]int, k string) {
		if m[k] += d; m[k] <= 0 {
			delete(m, k)
		}
	}
	if a.Source != "" {
		bump(t.sources, a.Source)
	}
	for i, tag := range a.Tags {
		if tag != "" && !slices.Contains(a.Tags[:i], tag) {
			bump(t.tags, tag)
		}
	}
}

// recount moves an article's counts from old to new when its source or
// tags changed.
func (t tally) recount(old, new articles.Article) {
	if old.Source == new.Source && slices.Equal(old.Tags, new.Tags) {
		return
	}
	t.count(old, -1)
	t.count(new, 1)
}
