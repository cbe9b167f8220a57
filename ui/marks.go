package ui

import "slices"

// unread reports whether e shows as unread: its state is known and it
// has not been read.
func (e *entry) unread() bool { return e.known && !e.read }

// position is where reading of e stopped.
func (e *entry) position() Position {
	if e.pos == nil {
		return Position{}
	}
	return *e.pos
}

// setPosition keeps p as where reading of e stopped.
func (e *entry) setPosition(p Position) {
	if p == (Position{}) {
		e.pos = nil
		return
	}
	kept := p // only a position that is kept goes to the heap
	e.pos = &kept
}

// setState gives e the state st, known from now on, keeping the counts.
func (l *listPane) setState(e *entry, st State) {
	wasUnread, wasStarred := e.unread(), e.starred
	e.read, e.starred, e.known = st.Read, st.Starred, true
	e.setPosition(st.Position)
	if now := e.unread(); now != wasUnread {
		d := 1
		if !now {
			d = -1
		}
		l.unread += d
		if l.bulk {
			l.unreadStale = true // counted again when the picker opens
		} else {
			l.tally.countUnread(*e.more, d)
		}
	}
	if st.Starred != wasStarred {
		if st.Starred {
			l.starred++
		} else {
			l.starred--
		}
	}
}

// setRead marks e read or unread.
func (l *listPane) setRead(e *entry, read bool) {
	l.setState(e, State{Read: read, Starred: e.starred, Position: e.position()})
}

// setStarred stars or unstars e.
func (l *listPane) setStarred(e *entry, starred bool) {
	l.setState(e, State{Read: e.read, Starred: starred, Position: e.position()})
}

// merge takes the states the store returned for ids. An article the user
// marked meanwhile keeps its marks and takes only the reading position.
// Ids without a state are unread. It reports whether the view may have
// to be computed again (read articles are hidden).
func (l *listPane) merge(ids []string, states map[string]State) bool {
	defer l.inBulk()()
	changed := false
	for _, id := range ids {
		e := l.ids.get(id)
		if e == nil {
			continue
		}
		st, ok := states[id]
		if e.known {
			if ok && e.pos == nil {
				e.setPosition(st.Position)
			}
			continue
		}
		l.setState(e, st)
		changed = changed || st.Read || st.Starred
	}
	return changed && (l.hideRead || l.narrow.kind == narrowStarred)
}

// readChange is an article and whether it was read before a mark.
type readChange struct {
	e       *entry
	wasRead bool
}

// markAllRead marks every article of the view read and returns those it
// changed, with what they were.
func (l *listPane) markAllRead() []readChange {
	defer l.inBulk()()
	var out []readChange
	for _, e := range l.view() {
		if !e.read {
			out = append(out, readChange{e: e, wasRead: false})
			l.setRead(e, true)
		}
	}
	return out
}

// setHideRead hides or shows read articles. When the article under the
// cursor leaves the view the cursor goes to the next one below.
func (l *listPane) setHideRead(hide bool) {
	l.pinned = true
	if hide == l.hideRead {
		return
	}
	l.hideRead = hide
	l.refresh()
}

// refresh computes the view again when marks changed what it keeps, the
// cursor staying on its article or going to the next one below.
func (l *listPane) refresh() {
	old := l.sel
	l.refilter(false)
	if old != nil && l.sel != old && l.pinned {
		i, _ := slices.BinarySearchFunc(l.view(), old, l.compare)
		l.moveTo(i)
	}
}

// inBulk has the marks made until the returned function is called leave
// the unread counts of the picker to be counted again when it opens:
// keeping them per article made marking 100,000 articles take longer
// than a frame.
func (l *listPane) inBulk() func() {
	l.bulk = true
	return func() { l.bulk = false }
}

// freshTally is the tally with its unread counts up to date.
func (l *listPane) freshTally() tally {
	if l.unreadStale {
		clear(l.tally.unreadSources)
		clear(l.tally.unreadTags)
		for _, e := range l.all {
			if e.unread() {
				l.tally.countUnread(*e.more, 1)
			}
		}
		l.unreadStale = false
	}
	return l.tally
}
