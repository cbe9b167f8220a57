package store

import (
	"fmt"
	"path/filepath"
	"sync"
	"testing"
)

func TestTwoStoresOnOneFileLoseNoWrite(t *testing.T) {
	path := filepath.Join(t.TempDir(), "newsread.db")
	var stores [2]*Store
	for i := range stores {
		s, err := Open(path)
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		stores[i] = s
	}
	const writers, marks = 4, 50
	var wg sync.WaitGroup
	errs := make(chan error, len(stores)*writers)
	for si, s := range stores {
		for w := range writers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := range marks {
					id := fmt.Sprintf("store%d/writer%d/%d", si, w, i)
					err := s.SetRead(ctxT(t), []string{id}, true)
					if err == nil && i%5 == 0 {
						err = s.SetStarred(ctxT(t), id, true)
					}
					if err == nil && i%10 == 0 {
						err = s.PutArticles(ctxT(t), feedItems("https://"+id, 3, 10))
					}
					if err != nil {
						errs <- err
						return
					}
				}
			}()
		}
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	check, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer check.Close()
	var ids []string
	for si := range stores {
		for w := range writers {
			for i := range marks {
				ids = append(ids, fmt.Sprintf("store%d/writer%d/%d", si, w, i))
			}
		}
	}
	states, err := check.States(ctxT(t), ids)
	if err != nil {
		t.Fatal(err)
	}
	for i, id := range ids {
		if st := states[id]; !st.Read || st.Starred != (i%marks%5 == 0) {
			t.Errorf("%s: %+v", id, st)
		}
	}
}

func TestALongReadDoesNotBlockAMark(t *testing.T) {
	s, _ := fileStore(t)
	must(t, s.PutArticles(ctxT(t), feedItems("https://f.example/feed", 50, 0)))
	rows, err := s.r.QueryContext(ctxT(t), "SELECT id FROM articles")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	if !rows.Next() { // the read is now open on its snapshot
		t.Fatal("no rows")
	}
	must(t, s.SetRead(ctxT(t), []string{"https://f.example/feed/item/3"}, true))
	st, err := s.States(ctxT(t), []string{"https://f.example/feed/item/3"})
	if err != nil || !st["https://f.example/feed/item/3"].Read {
		t.Fatalf("mark made during a read: %v, %v", st, err)
	}
}
