package ui

import (
	"testing"
)

func TestMarksMadeElsewhereShowWhenTheStoreSaysSo(t *testing.T) {
	as := sampleArticles()
	store := newMemStore(nil)
	m := newStoreModel(t, 100, 12, &fakeSource{}, as, store, true)
	unread := m.list.unread
	// Another newsread marks the first article read and stars the second.
	store.update(as[0].ID, func(st *State) { st.Read = true })
	store.update(as[1].ID, func(st *State) { st.Starred = true })

	t.Run("an answer older than a mark made here is dropped", func(t *testing.T) {
		cmd := m.restate()
		m.writes++ // a mark made while the answer was on its way
		m.Update(cmd())
		if e := m.list.ids.get(as[0].ID); e.read {
			t.Error("a stale answer overrode the screen")
		}
		m.writes--
	})
	t.Run("otherwise the marks are taken", func(t *testing.T) {
		_, cmd := m.Update(StatesChanged{})
		if cmd == nil {
			t.Fatal("nothing asked of the store")
		}
		m.Update(cmd())
		if e := m.list.ids.get(as[0].ID); !e.read {
			t.Error("the read mark made elsewhere does not show")
		}
		if e := m.list.ids.get(as[1].ID); !e.starred {
			t.Error("the star made elsewhere does not show")
		}
		if m.list.unread != unread-1 {
			t.Errorf("unread %d, want %d", m.list.unread, unread-1)
		}
	})
}
