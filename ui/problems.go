package ui

import (
	"slices"

	"newsread/articles"
)

// problemList holds the latest problem of each place: a feed that fails
// again on every refresh is listed once, with its latest error; one
// that works again leaves the list (clearStale).
type problemList struct {
	items []articles.Problem
	from  []origin       // by item: the source and run that reported it
	index map[string]int // Where → position in items
}

// origin is the source (-1: the program itself) and run of a problem.
type origin struct{ src, gen int }

// add records ps, which are no source's, replacing what was known of
// the same places.
func (l *problemList) add(ps []articles.Problem) { l.addFrom(origin{src: -1}, ps) }

// addFrom records the problems a source reported in a run.
func (l *problemList) addFrom(o origin, ps []articles.Problem) {
	for _, p := range ps {
		if l.index == nil {
			l.index = map[string]int{}
		}
		if i, ok := l.index[p.Where]; ok {
			l.items[i], l.from[i] = p, o
			continue
		}
		l.index[p.Where] = len(l.items)
		l.items = append(l.items, p)
		l.from = append(l.from, o)
	}
}

// clearStale drops the problems that the sources in srcs reported before
// run gen: each of them has been through all of its places again in gen,
// and a place that still fails was reported again.
func (l *problemList) clearStale(srcs []int, gen int) {
	keep := 0
	for i, p := range l.items {
		if o := l.from[i]; o.gen < gen && o.src >= 0 && slices.Contains(srcs, o.src) {
			delete(l.index, p.Where)
			continue
		}
		l.items[keep], l.from[keep] = p, l.from[i]
		l.index[p.Where] = keep
		keep++
	}
	l.items, l.from = l.items[:keep], l.from[:keep]
}

// len is how many places have a problem.
func (l *problemList) len() int { return len(l.items) }
