package store

import (
	"database/sql"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"sync"
	"testing"
	"time"

	"newsread/articles"
)

// account is the account of the sync tests.
const account = "miniflux"

// serverItems makes n items of account's feed, item "srv-i" being the
// article feedItems numbers i, with the given state.
func serverItems(n int, read, starred bool) []ServerItem {
	as := feedItems("https://srv.example/feed", n, 20)
	out := make([]ServerItem, n)
	for i, a := range as {
		out[i] = ServerItem{Account: account, ItemID: fmt.Sprintf("srv-%d", i), Article: a, Read: read, Starred: starred}
	}
	return out
}

// articleOf is the article ID of server item "srv-i".
func articleOf(i int) string { return fmt.Sprintf("https://srv.example/feed/item/%d", i) }

// syncStore is a store with a settable clock holding n unread items of
// account.
func syncStore(t *testing.T, n int) (*Store, *clock) {
	t.Helper()
	s := memoryStore(t)
	c := &clock{time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)}
	s.now = c.now
	must(t, s.PutServerItems(ctxT(t), account, serverItems(n, false, false)))
	return s, c
}

func queued(t *testing.T, s *Store) []QueuedMark {
	t.Helper()
	marks, err := s.QueuedMarks(ctxT(t), account, 0)
	if err != nil {
		t.Fatal(err)
	}
	return marks
}

func state(t *testing.T, s *Store, id string) State {
	t.Helper()
	st, err := s.States(ctxT(t), []string{id})
	if err != nil {
		t.Fatal(err)
	}
	return st[id]
}

func describe(m QueuedMark) string {
	f := func(b *bool) string {
		if b == nil {
			return "-"
		}
		return fmt.Sprint(*b)
	}
	return fmt.Sprintf("%s read=%s starred=%s at=%d", m.ItemID, f(m.Read), f(m.Starred), m.Marked.UnixMilli())
}

func TestMarksAreQueuedForServerItemsOnly(t *testing.T) {
	for _, tc := range []struct {
		name string
		mark func(s *Store) error
		want []string // describe of the queued marks
	}{
		{"marking a server item read queues a read mark", func(s *Store) error {
			return s.SetRead(ctxT(t), []string{articleOf(1)}, true)
		}, []string{"srv-1 read=true starred=- at=1772366400000"}},
		{"starring a server item queues a star", func(s *Store) error {
			return s.SetStarred(ctxT(t), articleOf(2), true)
		}, []string{"srv-2 read=- starred=true at=1772366400000"}},
		{"a bulk mark queues its server items in order and skips the others", func(s *Store) error {
			return s.SetRead(ctxT(t), []string{articleOf(0), "https://local.example/a", articleOf(2)}, true)
		}, []string{"srv-0 read=true starred=- at=1772366400000", "srv-2 read=true starred=- at=1772366400000"}},
		{"an article of no server queues nothing", func(s *Store) error {
			if err := s.SetRead(ctxT(t), []string{"https://local.example/a"}, true); err != nil {
				return err
			}
			return s.SetStarred(ctxT(t), "https://local.example/a", true)
		}, nil},
		{"a mark that changes nothing queues nothing", func(s *Store) error {
			if err := s.SetRead(ctxT(t), []string{articleOf(1)}, false); err != nil {
				return err
			}
			return s.SetStarred(ctxT(t), articleOf(1), false)
		}, nil},
		{"a reading position queues nothing", func(s *Store) error {
			return s.SetPosition(ctxT(t), articleOf(1), Position{Anchor: "lorem", Percent: 0.5})
		}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, _ := syncStore(t, 3)
			must(t, tc.mark(s))
			var got []string
			for _, m := range queued(t, s) {
				got = append(got, describe(m))
			}
			if fmt.Sprint(got) != fmt.Sprint(tc.want) {
				t.Errorf("queued %q, want %q", got, tc.want)
			}
		})
	}
}

func TestALaterMarkReplacesTheQueuedOne(t *testing.T) {
	for _, tc := range []struct {
		name string
		mark func(s *Store, c *clock) error
		want string
	}{
		{"read then unread leaves the unread mark and its time", func(s *Store, c *clock) error {
			must(t, s.SetRead(ctxT(t), []string{articleOf(0)}, true))
			c.t = c.t.Add(time.Second)
			return s.SetRead(ctxT(t), []string{articleOf(0)}, false)
		}, "srv-0 read=false starred=- at=1772366401000"},
		{"read then starred keeps both in one mark", func(s *Store, c *clock) error {
			must(t, s.SetRead(ctxT(t), []string{articleOf(0)}, true))
			c.t = c.t.Add(time.Second)
			return s.SetStarred(ctxT(t), articleOf(0), true)
		}, "srv-0 read=true starred=true at=1772366401000"},
		{"starred then read keeps both in one mark", func(s *Store, c *clock) error {
			must(t, s.SetStarred(ctxT(t), articleOf(0), true))
			c.t = c.t.Add(time.Second)
			return s.SetRead(ctxT(t), []string{articleOf(0)}, true)
		}, "srv-0 read=true starred=true at=1772366401000"},
		{"a hundred toggles leave one mark", func(s *Store, c *clock) error {
			for i := range 100 {
				c.t = c.t.Add(time.Millisecond)
				if err := s.SetRead(ctxT(t), []string{articleOf(0)}, i%2 == 0); err != nil {
					return err
				}
			}
			return nil
		}, "srv-0 read=false starred=- at=1772366400100"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, c := syncStore(t, 2)
			must(t, tc.mark(s, c))
			marks := queued(t, s)
			if len(marks) != 1 || describe(marks[0]) != tc.want {
				var got []string
				for _, m := range marks {
					got = append(got, describe(m))
				}
				t.Errorf("queued %q, want [%q]", got, tc.want)
			}
		})
	}
}

func TestQueuedMarksComeInTheOrderTheyWereMade(t *testing.T) {
	s, c := syncStore(t, 3)
	for _, i := range []int{2, 0, 1} {
		c.t = c.t.Add(time.Millisecond)
		must(t, s.SetRead(ctxT(t), []string{articleOf(i)}, true))
	}
	// Marked again: it goes to the end.
	must(t, s.SetStarred(ctxT(t), articleOf(2), true))
	var got []string
	for _, m := range queued(t, s) {
		got = append(got, m.ItemID)
	}
	if fmt.Sprint(got) != "[srv-0 srv-1 srv-2]" {
		t.Errorf("order %v", got)
	}
	first, err := s.QueuedMarks(ctxT(t), account, 2)
	if err != nil || len(first) != 2 || first[0].ItemID != "srv-0" || first[0].ArticleID != articleOf(0) {
		t.Errorf("the first two: %+v, %v", first, err)
	}
	if other, err := s.QueuedMarks(ctxT(t), "another account", 0); err != nil || len(other) != 0 {
		t.Errorf("another account's queue: %v, %v", other, err)
	}
}

func TestMarksSentRemovesExactlyTheMarksSent(t *testing.T) {
	s, c := syncStore(t, 3)
	must(t, s.SetRead(ctxT(t), []string{articleOf(0), articleOf(1), articleOf(2)}, true))
	sending, err := s.QueuedMarks(ctxT(t), account, 2) // srv-0 and srv-1
	must(t, err)
	c.t = c.t.Add(time.Second)
	must(t, s.SetRead(ctxT(t), []string{articleOf(0)}, false)) // while they are on the way
	must(t, s.MarksSent(ctxT(t), "another account", sending))
	if n := len(queued(t, s)); n != 3 {
		t.Fatalf("sent marks of another account took %d of 3 marks off", 3-n)
	}
	must(t, s.MarksSent(ctxT(t), account, sending))
	var got []string
	for _, m := range queued(t, s) {
		got = append(got, describe(m))
	}
	want := []string{"srv-2 read=true starred=- at=1772366400000", "srv-0 read=false starred=- at=1772366401000"}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("left %q, want %q", got, want)
	}
}

func TestApplyServerStatesFollowsTheMergeRule(t *testing.T) {
	base := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		name            string
		local           func(s *Store) error // marks made here at base
		unread, starred []string
		changed         map[string]time.Time
		want            State
		wantQueued      int
		wantChanged     int
	}{
		{"with no queued mark the server's read wins", nil,
			nil, nil, nil, State{Read: true}, 0, 1},
		{"with no queued mark the server's star wins", nil,
			[]string{"srv-0"}, []string{"srv-0"}, nil, State{Starred: true}, 0, 1},
		{"with no queued mark a local state the server does not share is undone", func(s *Store) error {
			must(t, s.SetRead(ctxT(t), []string{articleOf(0)}, true))
			return s.MarksSent(ctxT(t), account, queued(t, s)) // sent, then changed on the server
		}, []string{"srv-0"}, nil, nil, State{}, 0, 1},
		{"a queued mark wins over a server that says no time", func(s *Store) error {
			return s.SetRead(ctxT(t), []string{articleOf(0)}, true)
		}, []string{"srv-0"}, nil, nil, State{Read: true}, 1, 0},
		{"a queued mark wins over an older change on the server", func(s *Store) error {
			return s.SetRead(ctxT(t), []string{articleOf(0)}, true)
		}, []string{"srv-0"}, nil, map[string]time.Time{"srv-0": base.Add(-time.Minute)}, State{Read: true}, 1, 0},
		{"a queued mark wins over a change on the server at the same time", func(s *Store) error {
			return s.SetRead(ctxT(t), []string{articleOf(0)}, true)
		}, []string{"srv-0"}, nil, map[string]time.Time{"srv-0": base}, State{Read: true}, 1, 0},
		{"a newer change on the server wins and drops the queued mark", func(s *Store) error {
			return s.SetRead(ctxT(t), []string{articleOf(0)}, true)
		}, []string{"srv-0"}, nil, map[string]time.Time{"srv-0": base.Add(time.Millisecond)}, State{}, 0, 1},
		{"a queued read mark keeps the read state and takes the server's star", func(s *Store) error {
			return s.SetRead(ctxT(t), []string{articleOf(0)}, true)
		}, []string{"srv-0"}, []string{"srv-0"}, nil, State{Read: true, Starred: true}, 1, 1},
		{"a queued star keeps the star and takes the server's read state", func(s *Store) error {
			return s.SetStarred(ctxT(t), articleOf(0), true)
		}, nil, nil, nil, State{Read: true, Starred: true}, 1, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, c := syncStore(t, 2)
			if tc.local != nil {
				must(t, tc.local(s))
			}
			before, err := s.LastMark(ctxT(t))
			must(t, err)
			c.t = base.Add(time.Hour)
			// srv-1 is unread on the server and here: it never changes.
			n, err := s.ApplyServerStates(ctxT(t), account, append(tc.unread, "srv-1", "srv-unknown"), tc.starred, tc.changed)
			must(t, err)
			if got := state(t, s, articleOf(0)); got != tc.want {
				t.Errorf("state %+v, want %+v", got, tc.want)
			}
			if got := state(t, s, articleOf(1)); got != (State{}) {
				t.Errorf("the unchanged item's state became %+v", got)
			}
			if got := len(queued(t, s)); got != tc.wantQueued {
				t.Errorf("%d marks queued, want %d", got, tc.wantQueued)
			}
			if n != tc.wantChanged {
				t.Errorf("%d articles changed, want %d", n, tc.wantChanged)
			}
			after, err := s.LastMark(ctxT(t))
			must(t, err)
			if moved := after != before; moved != (n > 0) {
				t.Errorf("LastMark went from %d to %d with %d changes", before, after, n)
			}
			if tc.wantChanged > 0 && after != c.t.UnixMilli() {
				t.Errorf("LastMark = %d, want the time of the sync %d", after, c.t.UnixMilli())
			}
		})
	}
}

func TestApplyServerStatesTouchesOnlyItsAccount(t *testing.T) {
	s, _ := syncStore(t, 1)
	other := feedItems("https://other.example/feed", 1, 0)[0]
	must(t, s.PutServerItems(ctxT(t), "freshrss", []ServerItem{{ItemID: "tag:google.com,2005:reader/item/1", Article: other}}))
	must(t, s.SetRead(ctxT(t), []string{"https://local.example/a"}, true))
	n, err := s.ApplyServerStates(ctxT(t), account, nil, nil, nil)
	if err != nil || n != 1 {
		t.Fatalf("%d changed, %v; want 1", n, err)
	}
	if !state(t, s, articleOf(0)).Read || state(t, s, other.ID).Read || !state(t, s, "https://local.example/a").Read {
		t.Errorf("states after applying %s: %v %v", account, state(t, s, articleOf(0)), state(t, s, other.ID))
	}
	ids, err := s.ServerItemIDs(ctxT(t), "freshrss")
	if err != nil || len(ids) != 1 || ids["tag:google.com,2005:reader/item/1"] != other.ID {
		t.Errorf("ServerItemIDs = %v, %v", ids, err)
	}
}

func TestPutServerItemsStoresItemsAndMergesTheirState(t *testing.T) {
	s, c := syncStore(t, 3)
	if ids := findIDs(t, s, "nothing-matches-this"); len(ids) != 0 {
		t.Fatal(ids)
	}
	must(t, s.IndexPending(ctxT(t), nil))
	if got := archived(t, s, "https://srv.example/feed"); len(got) != 3 {
		t.Fatalf("%d items archived, want 3", len(got))
	}
	if ids := findIDs(t, s, "item"); len(ids) != 3 {
		t.Errorf("search found %v, want the 3 items", ids)
	}
	must(t, s.SetRead(ctxT(t), []string{articleOf(0)}, true)) // queued, at base
	c.t = c.t.Add(time.Minute)
	again := serverItems(4, false, true) // srv-3 is new
	again[1].Read, again[1].Changed = true, c.t
	must(t, s.PutServerItems(ctxT(t), account, again))
	for i, want := range []State{
		{Read: true, Starred: true}, // the queued read mark wins; the star is the server's
		{Read: true, Starred: true}, // no queued mark: the server's
		{Starred: true},
		{Starred: true}, // new: as the server says
	} {
		if got := state(t, s, articleOf(i)); got != want {
			t.Errorf("srv-%d: %+v, want %+v", i, got, want)
		}
	}
	if marks := queued(t, s); len(marks) != 1 || marks[0].ItemID != "srv-0" {
		t.Errorf("queue %v", marks)
	}
	ids, err := s.ServerItemIDs(ctxT(t), account)
	if err != nil || len(ids) != 4 || ids["srv-3"] != articleOf(3) {
		t.Errorf("ServerItemIDs = %v, %v", ids, err)
	}
}

func TestCursorIsKeptPerAccount(t *testing.T) {
	s, c := syncStore(t, 0)
	cur, at, err := s.Cursor(ctxT(t), account)
	if err != nil || cur != "" || !at.IsZero() {
		t.Fatalf("before the first sync: %q %v %v", cur, at, err)
	}
	must(t, s.SetCursor(ctxT(t), account, "continuation=abc"))
	c.t = c.t.Add(time.Hour)
	must(t, s.SetCursor(ctxT(t), "freshrss", "1772366400"))
	cur, at, err = s.Cursor(ctxT(t), account)
	if err != nil || cur != "continuation=abc" || !at.Equal(time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)) {
		t.Errorf("cursor %q at %v, %v", cur, at, err)
	}
}

func TestAQueuedMarkSurvivesClosingTheStore(t *testing.T) {
	s, path := fileStore(t)
	must(t, s.PutServerItems(ctxT(t), account, serverItems(2, false, false)))
	must(t, s.SetRead(ctxT(t), []string{articleOf(1)}, true))
	must(t, s.Close())
	again, err := Open(path)
	must(t, err)
	defer again.Close()
	if marks := queued(t, again); len(marks) != 1 || marks[0].ItemID != "srv-1" || marks[0].Read == nil || !*marks[0].Read {
		t.Errorf("queue after reopening: %v", marks)
	}
}

// A store written by schema version 3 gains the sync tables and keeps
// its marks; its feed items are no server's, so marking them queues
// nothing until a server lists them.
func TestOpenUpgradesAVersion3Store(t *testing.T) {
	path := filepath.Join(t.TempDir(), "v3.db")
	db, err := sql.Open("sqlite", path)
	must(t, err)
	for _, q := range []string{
		migrations[0], migrations[1], migrations[2],
		"PRAGMA user_version = 3",
		"INSERT INTO state (id, read, starred, updated_at) VALUES ('" + articleOf(0) + "', 1, 1, 5)",
		"INSERT INTO articles (id, feed, title) VALUES ('" + articleOf(0) + "', 'https://srv.example/feed', 'Lighthouse relit')",
		"INSERT INTO fulltext (id, url, body) VALUES ('" + articleOf(0) + "', 'https://srv.example/0', 'The keepers')",
	} {
		if _, err := db.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	db.Close()
	s, err := Open(path)
	must(t, err)
	defer s.Close()
	var v int
	if err := s.r.QueryRow("PRAGMA user_version").Scan(&v); err != nil || v != 4 || len(migrations) != 4 {
		t.Fatalf("user_version = %d (%v), want 4", v, err)
	}
	if st := state(t, s, articleOf(0)); !st.Read || !st.Starred {
		t.Errorf("the marks were lost: %+v", st)
	}
	if ft, ok, err := s.FullText(ctxT(t), articleOf(0)); err != nil || !ok || ft.Body != "The keepers" {
		t.Errorf("the full text was lost: %+v %v %v", ft, ok, err)
	}
	must(t, s.SetRead(ctxT(t), []string{articleOf(0)}, false))
	if marks := queued(t, s); len(marks) != 0 {
		t.Errorf("a mark of no server's item was queued: %v", marks)
	}
	// The server lists it, read and starred: the local unread stands
	// only while queued, and here nothing is queued, so the server wins.
	must(t, s.PutServerItems(ctxT(t), account, serverItems(1, true, true)))
	if st := state(t, s, articleOf(0)); !st.Read || !st.Starred {
		t.Errorf("the server's state was not taken: %+v", st)
	}
	must(t, s.SetRead(ctxT(t), []string{articleOf(0)}, false))
	if marks := queued(t, s); len(marks) != 1 {
		t.Errorf("a mark of a server item after the upgrade was not queued: %v", marks)
	}
}

// Every mark a child process reported committed on a server's item is
// queued after the child is killed with SIGKILL at a random moment.
func TestSIGKILLKeepsEveryQueuedMark(t *testing.T) {
	path := filepath.Join(t.TempDir(), "newsread.db")
	s, err := Open(path)
	must(t, err)
	const batches = 150 // the child's IDs: sync/i/j for i < batches, j <= i%7
	var items []ServerItem
	for i := range batches {
		for j := range 1 + i%7 {
			id := fmt.Sprintf("sync/%d/%d", i, j)
			items = append(items, ServerItem{ItemID: "item:" + id, Article: articles.Article{ID: id, Feed: "https://srv.example/feed", Title: id}})
		}
	}
	must(t, s.PutServerItems(ctxT(t), account, items))
	must(t, s.Close())

	cmd, stdout := startMarker(t, path, "sync", batches)
	ids := killAfter(t, cmd, stdout, 1+rand.IntN(len(items)/2))
	again, err := Open(path)
	must(t, err)
	defer again.Close()
	marks := make(map[string]bool)
	for _, m := range queued(t, again) {
		marks[m.ItemID] = m.Read != nil && *m.Read
	}
	for _, id := range ids {
		if !marks["item:"+id] {
			t.Fatalf("%s was reported committed but its mark is not queued after kill -9 (%d reported, %d queued)", id, len(ids), len(marks))
		}
	}
}

// One store marks server items while another, on the same file, applies
// the server's states again and again: every mark stays, with its
// queued copy, and every state the server gave is taken.
func TestMarkingWhileAnotherStoreAppliesServerStatesLosesNothing(t *testing.T) {
	const n, rounds = 120, 30
	marker, path := fileStore(t)
	items := serverItems(2*n, false, false) // the first n marked here, the others changed on the server
	must(t, marker.PutServerItems(ctxT(t), account, items))
	syncer, err := Open(path)
	must(t, err)
	defer syncer.Close()

	var wg sync.WaitGroup
	errs := make(chan error, 2)
	wg.Add(2)
	go func() {
		defer wg.Done()
		for i := range n {
			err := marker.SetRead(ctxT(t), []string{articleOf(i)}, true)
			if err == nil && i%3 == 0 {
				err = marker.SetStarred(ctxT(t), articleOf(i), true)
			}
			if err != nil {
				errs <- err
				return
			}
		}
	}()
	go func() {
		defer wg.Done()
		var all []string
		for _, it := range items {
			all = append(all, it.ItemID)
		}
		for r := range rounds {
			// The server: everything unread; its own half starred every
			// other round.
			var starred []string
			if r%2 == 1 {
				starred = all[n:]
			}
			if _, err := syncer.ApplyServerStates(ctxT(t), account, all, starred, nil); err != nil {
				errs <- err
				return
			}
		}
	}()
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	marks := make(map[string]QueuedMark)
	for _, m := range queued(t, marker) {
		marks[m.ItemID] = m
	}
	for i := range 2 * n {
		st := state(t, marker, articleOf(i))
		m, ok := marks[fmt.Sprintf("srv-%d", i)]
		switch {
		case i < n && (!st.Read || st.Starred != (i%3 == 0)):
			t.Errorf("srv-%d marked here: state %+v", i, st)
		case i < n && (!ok || m.Read == nil || !*m.Read || (i%3 == 0) != (m.Starred != nil && *m.Starred)):
			t.Errorf("srv-%d marked here: queued %v %s", i, ok, describe(m))
		case i >= n && (st.Read || !st.Starred):
			t.Errorf("srv-%d changed on the server: state %+v, want the server's last (unread, starred)", i, st)
		case i >= n && ok:
			t.Errorf("srv-%d changed on the server was queued: %s", i, describe(m))
		}
	}
}

// A new file gets the sync tables from the first migration on.
func TestOpenCreatesTheSyncTablesInANewFile(t *testing.T) {
	s, _ := fileStore(t)
	var v, tables int
	must(t, s.r.QueryRow("PRAGMA user_version").Scan(&v))
	must(t, s.r.QueryRow(`SELECT count(*) FROM sqlite_master
		WHERE name IN ('server_items', 'server_items_article', 'accounts', 'sync_marks')`).Scan(&tables))
	if v != len(migrations) || tables != 4 {
		t.Fatalf("user_version %d, %d of the 4 sync tables and indexes", v, tables)
	}
	must(t, s.PutServerItems(ctxT(t), account, serverItems(1, false, false)))
	must(t, s.SetStarred(ctxT(t), articleOf(0), true))
	if marks := queued(t, s); len(marks) != 1 {
		t.Errorf("queue %v", marks)
	}
}

func TestPutServerItemsRefusesAnItemWithoutAnID(t *testing.T) {
	for _, tc := range []struct {
		name string
		item ServerItem
	}{
		{"no server ID", ServerItem{Article: articles.Article{ID: "urn:a"}}},
		{"no article ID", ServerItem{ItemID: "1"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := memoryStore(t)
			if err := s.PutServerItems(ctxT(t), account, []ServerItem{tc.item}); err == nil {
				t.Error("stored")
			}
		})
	}
}

func TestAccountFeedsListsTheFeedsOfItsItemsOnly(t *testing.T) {
	s, _ := syncStore(t, 3)
	other := feedItems("https://other.example/feed", 2, 20)
	must(t, s.PutServerItems(ctxT(t), "freshrss", []ServerItem{{ItemID: "1", Article: other[0]}}))
	must(t, s.PutArticles(ctxT(t), other[1:]))
	for _, tc := range []struct {
		account string
		want    []string
	}{
		{account, []string{"https://srv.example/feed"}},
		{"freshrss", []string{"https://other.example/feed"}},
		{"nobody", nil},
	} {
		got, err := s.AccountFeeds(ctxT(t), tc.account)
		if err != nil || !slices.Equal(got, tc.want) {
			t.Errorf("%s: %v, %v; want %v", tc.account, got, err, tc.want)
		}
	}
}
