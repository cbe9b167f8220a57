package ui

import (
	"bytes"
	"cmp"
	"slices"
	"sort"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"newsread/articles"
)

// entry is one article in the list with what sorting and filtering need.
// A million of them may be listed at once (the archive), so it is kept
// to the 96-byte size class of the allocator: the ID, the title as shown,
// the link and the date are kept here; the rest of the article is in
// more. An article that is only a header (no author, summary, body or
// file; the archive lists them so, without their links too) is lean:
// more is then shared by every article of its source, feed and tags and
// holds just those, so a million archived items cost no million copies of
// an Article.
type entry struct {
	id, title, link string // title is the title as shown (rowTitle)
	pub             int64  // Unix seconds when dated
	// more is the whole article, or when lean what it shares with the
	// other articles of its origin (source, feed, tags).
	more *articles.Article
	pos  *Position // where reading stopped; nil at the top (most)
	src  int       // index of the source, for Open
	seq  int32     // arrival order: the tie-breaker that makes the order total
	// version counts the times the article came again with different
	// content; loaded bodies and renderings are kept per version.
	version int32
	dated   bool
	lean    bool
	moved   bool // its sort key changed: it leaves its place and is merged again
	touched bool // replaced in the batch being added
	// read and starred are what the store remembers (or the user changed
	// since); known says they are in: until then the list shows no mark.
	read, starred bool
	known         bool
	asked         bool // its state was asked of the store
}

// set puts a (from source src) into e; origins gives the shared part of a
// lean article.
func (e *entry) set(src int, a articles.Article, o *origins) {
	e.src = src
	e.id, e.link, e.title = a.ID, a.Link, rowTitle(a)
	e.dated, e.pub = !a.Published.IsZero(), 0
	if e.dated {
		e.pub = a.Published.Unix()
	}
	if e.lean = leanable(a, e.title); e.lean {
		e.more = o.of(a)
		return
	}
	more := a
	e.more = &more
}

// leanable reports whether a is all in the fields of an entry and its
// origin, so that article gives it back exactly.
func leanable(a articles.Article, title string) bool {
	return a.Title == title && a.Author == "" && a.Summary == "" && a.Path == "" &&
		a.Body == "" && !a.BodyLoaded && !a.DateFromFile &&
		(a.Published.IsZero() || a.Published.Nanosecond() == 0 && a.Published.Location() == time.UTC)
}

// article is the article e lists, whole.
func (e *entry) article() articles.Article {
	a := *e.more
	if e.lean {
		a.ID, a.Title, a.Link = e.id, e.title, e.link
		if e.dated {
			a.Published = time.Unix(e.pub, 0).UTC()
		}
	}
	return a
}

// source is the name of e's source; feed its feed, if any; tags its tags.
func (e *entry) source() string { return e.more.Source }
func (e *entry) feed() string   { return e.more.Feed }
func (e *entry) tags() []string { return e.more.Tags }
func (e *entry) path() string   { return e.more.Path }

// published is e's date, the zero time when it has none.
func (e *entry) published() time.Time {
	if !e.lean {
		return e.more.Published
	}
	if e.dated {
		return time.Unix(e.pub, 0).UTC()
	}
	return time.Time{}
}

// origins are the parts lean articles share: one per source, feed and
// set of tags. Tags are known by their backing array (the archive gives
// every article of a feed the same), so an article whose equal tags are
// a copy of their own just makes one more origin.
type origins map[originKey]*articles.Article

type originKey struct {
	source, feed string
	tags         *string
	ntags        int
}

// of is the origin of a.
func (o *origins) of(a articles.Article) *articles.Article {
	k := originKey{source: a.Source, feed: a.Feed, ntags: len(a.Tags)}
	if len(a.Tags) > 0 {
		k.tags = &a.Tags[0]
	}
	if *o == nil {
		*o = origins{}
	}
	if v, ok := (*o)[k]; ok {
		return v
	}
	v := &articles.Article{Source: a.Source, Feed: a.Feed, Tags: slices.Clip(a.Tags)}
	(*o)[k] = v
	return v
}

// lowerTitle is e's title lower-cased, appended to buf.
func (e *entry) lowerTitle(buf []byte) []byte { return appendLower(buf, e.title) }

// appendLower appends title lower-cased to buf, as strings.ToLower
// gives it, without a lower-cased copy of its own: an ASCII title is
// copied in one go and its capitals changed in place.
func appendLower(buf []byte, title string) []byte {
	n := len(buf)
	buf = append(buf, title...)
	for i, c := range buf[n:] {
		if c >= utf8.RuneSelf {
			return appendLowerRunes(buf[:n+i], title[i:])
		}
		if 'A' <= c && c <= 'Z' {
			buf[n+i] = c + 'a' - 'A'
		}
	}
	return buf
}

// appendLowerRunes appends s lower-cased rune by rune.
func appendLowerRunes(buf []byte, s string) []byte {
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		buf = utf8.AppendRune(buf, unicode.ToLower(r))
		i += size
	}
	return buf
}

// sameContent reports whether b shows exactly what a shows, so that what
// was loaded and rendered for a still holds. A body that is not loaded is
// unknown and may have changed.
func sameContent(a, b articles.Article) bool {
	return a.Title == b.Title && a.Link == b.Link && a.Source == b.Source &&
		a.Author == b.Author && a.Published.Equal(b.Published) &&
		a.DateFromFile == b.DateFromFile && a.Summary == b.Summary &&
		slices.Equal(a.Tags, b.Tags) &&
		a.BodyLoaded && b.BodyLoaded && a.Body == b.Body
}

// sortKey is what of an entry decides its place in the list.
type sortKey struct {
	dated        bool
	pub          int64
	src          int
	source, path string
}

// key is e's sort key now.
func (e *entry) key() sortKey {
	return sortKey{dated: e.dated, pub: e.pub, src: e.src, source: e.source(), path: e.path()}
}

// compareEntries orders dated articles newest first; articles of the same
// second by source name, then path, then ID, so that a folder copied in
// one go lists the same way every time, whatever order its files arrive
// in. Undated articles follow, by source (in the order the sources were
// given), each source's in the order it sent them: for a piped stream or
// a feed without dates that order is the author's. IDs and seq are
// unique, so no two entries compare equal.
func compareEntries(x, y *entry) int {
	xd, yd := x.dated, y.dated
	if xd != yd {
		if xd {
			return -1
		}
		return 1
	}
	if !xd {
		return cmp.Or(cmp.Compare(x.src, y.src), cmp.Compare(x.seq, y.seq))
	}
	if x.pub != y.pub {
		return cmp.Compare(y.pub, x.pub)
	}
	return cmp.Or(strings.Compare(x.source(), y.source()), strings.Compare(x.path(), y.path()),
		strings.Compare(x.id, y.id))
}

// mergeSorted merges add (sorted) into dst (sorted) in place. Each new
// entry finds its place by binary search and the old entries after it move
// up in one copy, so a batch of m into n costs O(m log n) comparisons and
// one pass of memmove: comparing entry by entry chases 100,000 pointers per
// batch and was measured three times slower.
func mergeSorted(dst, add []*entry) []*entry {
	n, m := len(dst), len(add)
	if m == 0 {
		return dst
	}
	dst = slices.Grow(dst, m)[:n+m]
	hi := n // dst[:hi] holds the old entries not yet moved
	for j := m - 1; j >= 0; j-- {
		e := add[j]
		// Most batches go after what is listed (the archive sends its
		// items newest first, a folder its files of one second in order):
		// one comparison with the last old entry says so.
		pos := hi
		if hi > 0 && compareEntries(e, dst[hi-1]) < 0 {
			pos = sort.Search(hi-1, func(k int) bool { return compareEntries(e, dst[k]) < 0 })
		}
		copy(dst[pos+j+1:hi+j+1], dst[pos:hi])
		dst[pos+j] = e
		hi = pos
	}
	return dst
}

// listPane is the sorted, filterable list of articles and its cursor.
type listPane struct {
	all     []*entry
	matches []*entry // the filtered view when filtered()
	query   string   // lower-cased filter
	narrow  narrowing
	// found, when not nil, is the answer of the search for query: the
	// rank of each ID it matched. The view is then those articles, by
	// rank when byRank, else in the list's order, instead of the titles
	// that contain query.
	found  map[string]int
	byRank bool
	tally  tally
	// bulk is set while many marks are made at once; unreadStale says
	// the unread counts of tally are to be counted again (freshTally).
	bulk, unreadStale bool
	titles            titleIndex // for full scans; invalid once the list changes
	// matchAt holds the positions in all of the matches, when matchAtOK:
	// the matches came from the title index and the list has not changed.
	matchAt   []int32
	matchAtOK bool
	ids       entryIndex
	origins   origins
	lowered   []byte // scratch for titleHolds
	copies    []bool // by source: it sends copies (Copier)
	headers   []bool // by source: it lists headers only (HeaderLister)
	seq       int
	cursor    int    // index into view()
	offset    int    // first visible row
	sel       *entry // the article under the cursor, kept across merges
	height    int
	// pinned is set once the user moves the cursor (or filters, narrows,
	// opens): from then on arrivals keep the cursor on its article. Until
	// then the cursor stays on the top row, whatever order articles come in.
	pinned bool
	// hideRead leaves read articles out of the view; unread and starred
	// count the list's articles with a known state.
	hideRead bool
	unread   int
	starred  int
}

func newListPane() listPane {
	return listPane{tally: newTally()}
}

// which says of each source whether it is a T that says yes: which
// sources are Copiers that copy, HeaderListers that list headers only.
func which[T any](sources []Source, says func(T) bool) []bool {
	out := make([]bool, len(sources))
	for i, s := range sources {
		t, ok := s.(T)
		out[i] = ok && says(t)
	}
	return out
}

// copyOf reports whether an article from src listed already as e is a
// copy that must not replace it.
func (l *listPane) copyOf(src int, e *entry) bool {
	return e.src != src && src < len(l.copies) && l.copies[src]
}

// filtered reports whether the view is narrower than the whole list.
func (l *listPane) filtered() bool {
	return l.query != "" || l.narrow.kind != narrowNone || l.hideRead
}

// view is the list as shown: everything, or the filter's matches.
func (l *listPane) view() []*entry {
	if !l.filtered() {
		return l.all
	}
	return l.matches
}

// selected returns the article under the cursor.
func (l *listPane) selected() (*entry, bool) {
	return l.sel, l.sel != nil
}

// add merges newly arrived articles and keeps the cursor on the same
// article and on the same screen row. An article whose ID is listed
// already replaces the old one, moving if its sort key changed; when its
// content changed its version goes up. It returns how many articles were
// not listed before.
func (l *listPane) add(src int, as []articles.Article) (fresh int) {
	var batch, touched []*entry
	moved, retitled := false, false
	for _, a := range as {
		e := l.ids.get(a.ID)
		if e == nil {
			e = &entry{seq: int32(l.seq)}
			l.seq++
			e.set(src, a, &l.origins)
			l.ids.put(e)
			l.tally.count(a, 1)
			e.touched = true
			batch = append(batch, e)
			fresh++
			continue
		}
		if l.copyOf(src, e) {
			continue // the archive's copy of what a feed listed
		}
		old := e.article()
		if !sameContent(old, a) {
			e.version++
		}
		l.tally.recount(old, a)
		if e.unread() {
			l.tally.recountUnread(old, a)
		}
		before := e.key()
		retitled = retitled || rowTitle(a) != e.title
		e.set(src, a, &l.origins)
		if e.touched {
			continue // new or replaced earlier in this batch
		}
		e.touched = true
		touched = append(touched, e)
		if e.key() != before {
			e.moved, moved = true, true
			batch = append(batch, e)
		}
	}
	if len(batch) == 0 && len(touched) == 0 {
		return 0
	}
	l.matchAtOK = false
	if moved {
		l.all = slices.DeleteFunc(l.all, func(e *entry) bool { return e.moved })
	}
	slices.SortFunc(batch, compareEntries)
	l.all = mergeSorted(l.all, batch)
	l.updateTitles(batch, moved || retitled)
	if l.found != nil {
		l.matches = l.fromFound(l.matches[:0])
	} else if l.filtered() {
		// A replaced title may match or not any more: the replaced entries
		// leave the matches and are filtered again with the new ones.
		l.matches = slices.DeleteFunc(l.matches, func(e *entry) bool { return e.touched })
		again := l.filter(batch, nil)
		for _, e := range touched {
			if !e.moved && l.keeps(e) {
				again = append(again, e)
			}
		}
		slices.SortFunc(again, compareEntries)
		l.matches = mergeSorted(l.matches, again)
	}
	for _, e := range batch {
		e.touched, e.moved = false, false
	}
	for _, e := range touched {
		e.touched, e.moved = false, false
	}
	l.reselect()
	return fresh
}

// updateTitles keeps the title index valid after a merge of batch that
// only added articles; when titles changed or moved it is dropped, to be
// rebuilt by the next full scan. An index nobody built is left alone, so
// loading without filtering costs nothing.
func (l *listPane) updateTitles(batch []*entry, changed bool) {
	if !l.titles.valid || changed {
		l.titles.valid = false
		return
	}
	if len(batch) == 0 {
		return
	}
	at := make([]int, len(batch))
	for i, e := range batch {
		at[i], _ = slices.BinarySearchFunc(l.all, e, compareEntries)
	}
	l.titles.insert(l.all, at)
}

// keeps reports whether e belongs in the filtered view.
func (l *listPane) keeps(e *entry) bool {
	if _, ok := l.found[e.id]; ok {
		return l.shows(e)
	}
	return l.shows(e) && l.titleHolds(e)
}

// titleHolds reports whether e's title holds the query, without case.
func (l *listPane) titleHolds(e *entry) bool {
	l.lowered = e.lowerTitle(l.lowered[:0])
	return bytes.Contains(l.lowered, []byte(l.query))
}

// shows reports whether e belongs in the view whatever the query.
func (l *listPane) shows(e *entry) bool {
	return l.narrow.has(e) && !(l.hideRead && e.read)
}

// filter appends to out the entries of in that the filter keeps.
func (l *listPane) filter(in, out []*entry) []*entry {
	for _, e := range in {
		if l.keeps(e) {
			out = append(out, e)
		}
	}
	return out
}

// setQuery changes the filter. A query that extends the previous one only
// narrows it, so it searches the previous matches instead of everything.
func (l *listPane) setQuery(q string) {
	l.pinned = true
	q = strings.ToLower(q)
	searched := l.found != nil
	l.found = nil
	if q == l.query && !searched {
		return
	}
	narrower := l.filtered() && strings.Contains(q, l.query) && !searched
	l.query = q
	l.refilter(narrower)
}

// setFound shows the articles a search for q matched, ids in the order
// of the answer, by rank when byRank; the query stays q.
func (l *listPane) setFound(q string, ids []string, byRank bool) {
	l.pinned = true
	l.query = strings.ToLower(q)
	l.found = make(map[string]int, len(ids))
	for i, id := range ids {
		if _, dup := l.found[id]; !dup {
			l.found[id] = i
		}
	}
	l.byRank = byRank
	l.refilter(false)
}

// fromFound appends to out what the view keeps of a search: the
// articles whose titles hold the query, as without a search (what the
// store does not index, files in folders, is found so), and the listed
// articles of the search's answer; in the view's order.
func (l *listPane) fromFound(out []*entry) []*entry {
	out = l.scan(out)
	l.matchAtOK = false
	for id := range l.found {
		if e := l.ids.get(id); e != nil && l.shows(e) && !l.titleHolds(e) {
			out = append(out, e)
		}
	}
	slices.SortFunc(out, l.compare)
	return out
}

// compare orders two entries of the view: by the search's rank when it
// orders by relevance, else as the list does.
func (l *listPane) compare(x, y *entry) int {
	if l.found != nil && l.byRank {
		if c := cmp.Compare(l.rank(x), l.rank(y)); c != 0 {
			return c
		}
	}
	return compareEntries(x, y)
}

// rank is e's place in the search's answer; a title match the answer
// lacks comes after every article of the answer.
func (l *listPane) rank(e *entry) int {
	if r, ok := l.found[e.id]; ok {
		return r
	}
	return len(l.found)
}

// setNarrow narrows the list to a source or a tag, or widens it to all.
func (l *listPane) setNarrow(n narrowing) {
	l.pinned = true
	if n == l.narrow {
		return
	}
	l.narrow = n
	l.refilter(false)
}

// refilter computes the matches again, from the previous matches when the
// filter only got narrower, else from everything. Through the title index
// both are fast; the previous matches are read through their entries only
// when the index would have to be rebuilt first.
func (l *listPane) refilter(narrower bool) {
	switch {
	case !l.filtered():
		l.matches, l.matchAtOK = nil, false
	case l.found != nil:
		l.matches, l.matchAtOK = l.fromFound(l.matches[:0]), false
	case narrower && l.matchAtOK:
		l.matches, l.matchAt = l.titles.narrow(l.query, l.matches, l.matchAt)
	case narrower && !l.titles.valid:
		l.matches = l.filter(l.matches, l.matches[:0])
	default:
		l.matches = l.scan(l.matches[:0])
	}
	l.reselect()
}

// reselect finds the selected article again after the view changed; if it
// is gone, or the user has not moved yet, the cursor goes to the top.
func (l *listPane) reselect() {
	v := l.view()
	old := l.cursor
	if l.sel != nil && l.pinned {
		if i, ok := slices.BinarySearchFunc(v, l.sel, l.compare); ok {
			l.cursor = i
			l.offset += i - old
			l.clamp()
			return
		}
	}
	l.cursor, l.offset = 0, 0
	l.sel = nil
	if len(v) > 0 {
		l.sel = v[0]
	}
}

// move moves the cursor by delta rows, within the list.
func (l *listPane) move(delta int) {
	l.moveTo(l.cursor + delta)
}

// moveTo puts the cursor on row i, clamped to the list.
func (l *listPane) moveTo(i int) {
	l.pinned = true
	v := l.view()
	if len(v) == 0 {
		l.cursor, l.offset, l.sel = 0, 0, nil
		return
	}
	l.cursor = max(0, min(i, len(v)-1))
	l.sel = v[l.cursor]
	l.clamp()
}

// clamp keeps the cursor row inside the visible window.
func (l *listPane) clamp() {
	n := len(l.view())
	h := max(1, l.height)
	if l.cursor < l.offset {
		l.offset = l.cursor
	}
	if l.cursor >= l.offset+h {
		l.offset = l.cursor - h + 1
	}
	l.offset = max(0, min(l.offset, n-h))
}

// setHeight tells the list how many rows it shows.
func (l *listPane) setHeight(h int) {
	l.height = h
	l.clamp()
}

// visible returns the rows on screen: never more than the pane's height,
// whatever the list's length.
func (l *listPane) visible() []*entry {
	v := l.view()
	lo := min(l.offset, len(v))
	hi := min(lo+max(0, l.height), len(v))
	return v[lo:hi]
}
