package ui

import "newsread/articles"

// problemList holds the latest problem of each place: a feed that fails
// again on every refresh is listed once, with its latest error.
type problemList struct {
	items []articles.Problem
	index map[string]int // Where → position in items
}

// add records ps, replacing what was known of the same places.
func (l *problemList) add(ps []articles.Problem) {
	for _, p := range ps {
		if l.index == nil {
			l.index = map[string]int{}
		}
		if i, ok := l.index[p.Where]; ok {
			l.items[i] = p
			continue
		}
		l.index[p.Where] = len(l.items)
		l.items = append(l.items, p)
	}
}

// len is how many places have a problem.
func (l *problemList) len() int { return len(l.items) }
