package store

import (
	"fmt"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestStates(t *testing.T) {
	tests := []struct {
		name string
		do   func(t *testing.T, s *Store)
		want map[string]State
	}{
		{"an article never marked has no state", func(t *testing.T, s *Store) {}, map[string]State{}},
		{"marking read keeps read", func(t *testing.T, s *Store) {
			must(t, s.SetRead(ctxT(t), []string{"a", "b"}, true))
		}, map[string]State{"a": {Read: true}, "b": {Read: true}}},
		{"marking unread after read keeps unread", func(t *testing.T, s *Store) {
			must(t, s.SetRead(ctxT(t), []string{"a", "b"}, true))
			must(t, s.SetRead(ctxT(t), []string{"a"}, false))
		}, map[string]State{"a": {}, "b": {Read: true}}},
		{"starring keeps the read mark", func(t *testing.T, s *Store) {
			must(t, s.SetRead(ctxT(t), []string{"a"}, true))
			must(t, s.SetStarred(ctxT(t), "a", true))
		}, map[string]State{"a": {Read: true, Starred: true}}},
		{"unstarring keeps a state without a star", func(t *testing.T, s *Store) {
			must(t, s.SetStarred(ctxT(t), "a", true))
			must(t, s.SetStarred(ctxT(t), "a", false))
		}, map[string]State{"a": {}}},
		{"a position is kept beside the marks", func(t *testing.T, s *Store) {
			must(t, s.SetStarred(ctxT(t), "a", true))
			must(t, s.SetPosition(ctxT(t), "a", Position{Anchor: "the third paragraph", Percent: 0.42}))
		}, map[string]State{"a": {Starred: true, Position: Position{Anchor: "the third paragraph", Percent: 0.42}}}},
		{"a later position replaces the earlier one", func(t *testing.T, s *Store) {
			must(t, s.SetPosition(ctxT(t), "a", Position{Anchor: "early", Percent: 0.1}))
			must(t, s.SetPosition(ctxT(t), "a", Position{Anchor: "the end", Percent: 1, Finished: true}))
		}, map[string]State{"a": {Position: Position{Anchor: "the end", Percent: 1, Finished: true}}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := memoryStore(t)
			tt.do(t, s)
			got, err := s.States(ctxT(t), []string{"a", "b", "c"})
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Fatalf("states (-want +got):\n%s", diff)
			}
		})
	}
}

func TestStatesOfMoreIDsThanOneBatch(t *testing.T) {
	s := memoryStore(t)
	ids := make([]string, 3*batchSize+7)
	for i := range ids {
		ids[i] = fmt.Sprintf("https://example.com/%d", i)
	}
	must(t, s.SetRead(ctxT(t), ids[1:], true))
	got, err := s.States(ctxT(t), ids)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(ids)-1 {
		t.Fatalf("%d states, want %d", len(got), len(ids)-1)
	}
	if _, ok := got[ids[0]]; ok {
		t.Fatal("an unmarked article has a state")
	}
}

func TestSetReadKeepsTheTimeOfTheFirstRead(t *testing.T) {
	s := memoryStore(t)
	c := &clock{time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)}
	s.now = c.now
	must(t, s.SetRead(ctxT(t), []string{"a"}, true))
	c.t = c.t.Add(48 * time.Hour)
	must(t, s.SetRead(ctxT(t), []string{"a", "b"}, true))
	readAt := map[string]int64{}
	rows, err := s.r.Query("SELECT id, read_at FROM state")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var id string
		var at int64
		must(t, rows.Scan(&id, &at))
		readAt[id] = at
	}
	want := map[string]int64{"a": time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC).Unix(), "b": c.t.Unix()}
	if diff := cmp.Diff(want, readAt); diff != "" {
		t.Fatalf("read_at (-want +got):\n%s", diff)
	}
}

func TestStarsAreSetAndTakenBack(t *testing.T) {
	s := memoryStore(t)
	must(t, s.SetStarred(ctxT(t), "b", true))
	must(t, s.SetStarred(ctxT(t), "a", true))
	must(t, s.SetStarred(ctxT(t), "c", true))
	must(t, s.SetStarred(ctxT(t), "c", false))
	must(t, s.SetRead(ctxT(t), []string{"d"}, true))
	states, err := s.States(ctxT(t), []string{"a", "b", "c", "d"})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, id := range []string{"a", "b", "c", "d"} {
		if states[id].Starred {
			got = append(got, id)
		}
	}
	if diff := cmp.Diff([]string{"a", "b"}, got); diff != "" {
		t.Fatalf("starred (-want +got):\n%s", diff)
	}
}

func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func TestStatesOfIDsThatAreNotUTF8(t *testing.T) {
	s := memoryStore(t)
	ids := []string{"/notes/caf\xe9.md", "/notes/ok.md", "/notes/\xff\xfe.md"}
	must(t, s.SetRead(ctxT(t), ids, true))
	got, err := s.States(ctxT(t), append(ids, "/notes/caf\uFFFD.md"))
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]State{ids[0]: {Read: true}, ids[1]: {Read: true}, ids[2]: {Read: true}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Fatalf("states (-want +got):\n%s", diff)
	}
}
