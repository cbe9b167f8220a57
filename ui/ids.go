package ui

import (
	"hash/maphash"
	"iter"
)

// entryIndex finds a listed entry by its ID. It is a table of pointers
// with open addressing (linear probing), the ID read from the entry: 8 to
// 16 bytes an article, where a map from the ID string takes about 48 —
// 30 MB saved at a million. Entries are never taken out of the list, so
// it has no delete.
type entryIndex struct {
	slots []*entry // len is 0 or a power of two
	n     int
	seed  maphash.Seed
}

// get is the entry with id, or nil.
func (x *entryIndex) get(id string) *entry {
	if x.n == 0 {
		return nil
	}
	mask := uint64(len(x.slots) - 1)
	for i := maphash.String(x.seed, id) & mask; ; i = (i + 1) & mask {
		e := x.slots[i]
		if e == nil || e.id == id {
			return e
		}
	}
}

// put adds e, whose ID is not in x yet.
func (x *entryIndex) put(e *entry) {
	if 4*(x.n+1) > 3*len(x.slots) {
		x.grow()
	}
	x.place(e)
	x.n++
}

// place puts e in the first free slot from its hash.
func (x *entryIndex) place(e *entry) {
	mask := uint64(len(x.slots) - 1)
	i := maphash.String(x.seed, e.id) & mask
	for x.slots[i] != nil {
		i = (i + 1) & mask
	}
	x.slots[i] = e
}

// grow doubles the table (at most three quarters full before it does).
func (x *entryIndex) grow() {
	old := x.slots
	if x.slots == nil {
		x.seed = maphash.MakeSeed()
	}
	x.slots = make([]*entry, max(64, 2*len(old)))
	for _, e := range old {
		if e != nil {
			x.place(e)
		}
	}
}

// len is how many entries x holds.
func (x *entryIndex) len() int { return x.n }

// all yields every entry of x, in no order.
func (x *entryIndex) all() iter.Seq[*entry] {
	return func(yield func(*entry) bool) {
		for _, e := range x.slots {
			if e != nil && !yield(e) {
				return
			}
		}
	}
}
