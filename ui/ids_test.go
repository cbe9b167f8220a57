package ui

import (
	"fmt"
	"testing"
)

func TestTheIndexFindsEveryEntryByItsID(t *testing.T) {
	var x entryIndex
	if x.get("none") != nil || x.len() != 0 {
		t.Fatal("an empty index finds something")
	}
	const n = 10000 // through many doublings
	es := make([]*entry, n)
	for i := range es {
		es[i] = &entry{id: fmt.Sprint("https://a.example/", i)}
		x.put(es[i])
	}
	for i, e := range es {
		if got := x.get(e.id); got != e {
			t.Fatalf("entry %d: found %v", i, got)
		}
	}
	for _, id := range []string{"", "https://a.example/", "https://a.example/10000", "x"} {
		if e := x.get(id); e != nil {
			t.Errorf("%q found %q", id, e.id)
		}
	}
	seen := map[*entry]bool{}
	for e := range x.all() {
		if seen[e] {
			t.Fatalf("%s yielded twice", e.id)
		}
		seen[e] = true
	}
	if len(seen) != n || x.len() != n {
		t.Errorf("yielded %d, len %d, want %d", len(seen), x.len(), n)
	}
	if 4*x.len() > 3*len(x.slots) {
		t.Errorf("%d entries in %d slots: over three quarters full", x.len(), len(x.slots))
	}
}
