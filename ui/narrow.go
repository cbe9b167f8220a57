package ui

import (
	"slices"
	"strings"

	"newsread/articles"
)

// narrowKind is what a narrowing keeps: everything, one source, one tag.
type narrowKind int

const (
	narrowNone narrowKind = iota
	narrowSource
	narrowTag
	narrowStarred
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
		return e.source() == n.name
	case narrowTag:
		return slices.ContainsFunc(e.tags(), func(t string) bool { return strings.EqualFold(t, n.name) })
	case narrowStarred:
		return e.starred
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
	case narrowStarred:
		return "Starred"
	default:
		return "All"
	}
}

// tally counts the listed articles per source and per tag. The list keeps
// it as articles arrive and are replaced, so the picker never has to scan
// the whole list.
type tally struct {
	sources map[string]int
	// tags is keyed by the lower-cased tag: #Science and #science are one
	// tag, named as it was first seen.
	tags map[string]tagCount
	// unreadSources and unreadTags (keyed as tags) count the unread.
	unreadSources map[string]int
	unreadTags    map[string]int
}

// tagCount is the articles of one tag and the spelling it is shown with.
type tagCount struct {
	name string
	n    int
}

func newTally() tally {
	return tally{sources: make(map[string]int), tags: make(map[string]tagCount),
		unreadSources: make(map[string]int), unreadTags: make(map[string]int)}
}

// count adds a's source and tags d times (d is 1 or -1).
func (t tally) count(a articles.Article, d int) {
	if a.Source != "" {
		if t.sources[a.Source] += d; t.sources[a.Source] <= 0 {
			delete(t.sources, a.Source)
		}
	}
	for i, tag := range a.Tags {
		if tag == "" || slices.ContainsFunc(a.Tags[:i], func(s string) bool { return strings.EqualFold(s, tag) }) {
			continue
		}
		k := strings.ToLower(tag)
		c := t.tags[k]
		if c.n == 0 {
			c.name = tag
		}
		if c.n += d; c.n <= 0 {
			delete(t.tags, k)
			continue
		}
		t.tags[k] = c
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

// countUnread adds a's source and tags d times to the unread counts.
func (t tally) countUnread(a articles.Article, d int) {
	if a.Source != "" {
		if t.unreadSources[a.Source] += d; t.unreadSources[a.Source] <= 0 {
			delete(t.unreadSources, a.Source)
		}
	}
	for i, tag := range a.Tags {
		if tag == "" || slices.ContainsFunc(a.Tags[:i], func(s string) bool { return strings.EqualFold(s, tag) }) {
			continue
		}
		k := strings.ToLower(tag)
		if t.unreadTags[k] += d; t.unreadTags[k] <= 0 {
			delete(t.unreadTags, k)
		}
	}
}

// recountUnread moves an unread article's counts from old to new.
func (t tally) recountUnread(old, new articles.Article) {
	if old.Source == new.Source && slices.Equal(old.Tags, new.Tags) {
		return
	}
	t.countUnread(old, -1)
	t.countUnread(new, 1)
}
