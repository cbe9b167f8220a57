package store

import (
	"testing"
)

// BenchmarkPutServerItems stores the 10,000 items of a first sync.
func BenchmarkPutServerItems(b *testing.B) {
	items := serverItems(10000, true, false)
	for b.Loop() {
		b.StopTimer()
		s, _ := fileStore(b)
		b.StartTimer()
		must(b, s.PutServerItems(b.Context(), account, items))
	}
}

// BenchmarkApplyServerStatesUnchanged applies the state of 10,000 items
// that has not changed since the last sync, with 100 marks queued.
func BenchmarkApplyServerStatesUnchanged(b *testing.B) {
	s, _ := fileStore(b)
	items := serverItems(10000, false, false)
	must(b, s.PutServerItems(b.Context(), account, items))
	var unread, ids []string
	for i, it := range items {
		if i%2 == 0 {
			unread = append(unread, it.ItemID)
		} else if i < 200 {
			ids = append(ids, it.Article.ID)
		}
	}
	must(b, s.SetRead(b.Context(), ids, true))
	if _, err := s.ApplyServerStates(b.Context(), account, unread, nil, nil); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if n, err := s.ApplyServerStates(b.Context(), account, unread, nil, nil); err != nil || n != 0 {
			b.Fatalf("%d changed, %v", n, err)
		}
	}
}
