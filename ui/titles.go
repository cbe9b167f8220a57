package ui

import (
	"bytes"
	"slices"
	"strings"
)

// titleSep ends each title in a titleIndex. Titles are sanitised and hold
// no control characters, so a match never spans two titles.
const titleSep = '\n'

// titleIndex is the lower-cased titles of the list, in list order, in one
// buffer. A full scan is then one bytes.Index pass over contiguous memory
// instead of 100,000 string headers behind 100,000 pointers: about five
// times faster. The list rebuilds it lazily, on the first full scan after
// it changed.
type titleIndex struct {
	buf   []byte
	ends  []int32 // ends[i] is the offset of the separator after title i
	valid bool
	// spareBuf and spareEnds are the previous buffers, reused by insert.
	spareBuf  []byte
	spareEnds []int32
}

// build fills the index from es.
func (x *titleIndex) build(es []*entry) {
	x.buf, x.ends = x.buf[:0], x.ends[:0]
	for _, e := range es {
		x.buf = e.lowerTitle(x.buf)
		x.ends = append(x.ends, int32(len(x.buf)))
		x.buf = append(x.buf, titleSep)
	}
	x.valid = true
}

// insert takes into a valid index the entries of es at positions at
// (ascending): es is the list the index was built from with those merged
// in. The old titles between two new ones move as one block, so a batch
// costs a copy of the buffer, not a walk over 100,000 entries.
func (x *titleIndex) insert(es []*entry, at []int) {
	grow := 0
	for _, p := range at {
		grow += len(es[p].title) + 1 // lower-cased, most titles keep their length
	}
	buf := slices.Grow(x.spareBuf[:0], len(x.buf)+grow)
	ends := slices.Grow(x.spareEnds[:0], len(x.ends)+len(at))
	old, next := 0, 0 // the next old title; the next position in es
	for _, p := range append(at, len(es)) {
		if n := p - next; n > 0 {
			from := 0
			if old > 0 {
				from = int(x.ends[old-1]) + 1
			}
			shift := int32(len(buf) - from)
			buf = append(buf, x.buf[from:x.ends[old+n-1]+1]...)
			for _, e := range x.ends[old : old+n] {
				ends = append(ends, e+shift)
			}
			old += n
		}
		if p < len(es) {
			buf = es[p].lowerTitle(buf)
			ends = append(ends, int32(len(buf)))
			buf = append(buf, titleSep)
		}
		next = p + 1
	}
	x.spareBuf, x.spareEnds = x.buf, x.ends
	x.buf, x.ends = buf, ends
}

// search appends to out the entries of es (the list the index was built
// from) whose title contains q and that keep keeps (all when nil), in
// list order, and their positions in es to at.
func (x *titleIndex) search(q string, es []*entry, keep func(*entry) bool, out []*entry, at []int32) ([]*entry, []int32) {
	pat := []byte(q)
	i, pos := 0, 0
	for {
		k := bytes.Index(x.buf[pos:], pat)
		if k < 0 {
			return out, at
		}
		i = x.titleAt(i, pos+k)
		if e := es[i]; keep == nil || keep(e) {
			out, at = append(out, e), append(at, int32(i))
		}
		pos = int(x.ends[i]) + 1 // on to the next title: one match each
		i++
	}
}

// narrow keeps of the entries at positions at (and of out, the same
// entries) those whose title contains q, in place. It reads the titles
// from the buffer in order rather than through each entry: narrowing
// 24,000 matches through the entries took 5.5 ms, more than a whole scan
// of the index, because the entries lie scattered in memory.
func (x *titleIndex) narrow(q string, out []*entry, at []int32) ([]*entry, []int32) {
	pat := []byte(q)
	n := 0
	for j, i := range at {
		from := 0
		if i > 0 {
			from = int(x.ends[i-1]) + 1
		}
		if bytes.Contains(x.buf[from:x.ends[i]], pat) {
			out[n], at[n] = out[j], i
			n++
		}
	}
	clear(out[n:])
	return out[:n], at[:n]
}

// titleAt returns the title holding offset p, looking from title i on.
// Matches come in order and often close together, so it gallops forward
// before it halves.
func (x *titleIndex) titleAt(i, p int) int {
	lo, step := i, 1
	hi := lo
	for hi < len(x.ends) && int(x.ends[hi]) < p {
		lo = hi + 1
		hi += step
		step *= 2
	}
	hi = min(hi, len(x.ends)-1)
	for lo < hi { // the first title in [lo, hi] ending at or after p
		mid := int(uint(lo+hi) >> 1)
		if int(x.ends[mid]) < p {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	return lo
}

// scan filters the whole list, through the title index when there is a
// query to look for; then it knows where the matches are.
func (l *listPane) scan(out []*entry) []*entry {
	l.matchAtOK = false
	if l.query == "" || strings.ContainsRune(l.query, titleSep) {
		return l.filter(l.all, out)
	}
	if !l.titles.valid {
		l.titles.build(l.all)
	}
	var keep func(*entry) bool
	if l.narrow.kind != narrowNone || l.hideRead {
		keep = l.shows
	}
	out, l.matchAt = l.titles.search(l.query, l.all, keep, out, l.matchAt[:0])
	l.matchAtOK = true
	return out
}
