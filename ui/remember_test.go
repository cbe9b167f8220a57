package ui

import (
	"context"
	"errors"
	"maps"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"

	"newsread/articles"
)

// memStore is a Store in memory. When gate is not nil States waits for it
// to close, as a slow or locked database would.
type memStore struct {
	mu     sync.Mutex
	states map[string]State
	gate   chan struct{}
	writes int
}

func newMemStore(states map[string]State) *memStore {
	if states == nil {
		states = map[string]State{}
	}
	return &memStore{states: states}
}

func (s *memStore) States(ctx context.Context, ids []string) (map[string]State, error) {
	if s.gate != nil {
		select {
		case <-s.gate:
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	out := map[string]State{}
	for _, id := range ids {
		if st, ok := s.states[id]; ok {
			out[id] = st
		}
	}
	return out, nil
}

func (s *memStore) update(id string, f func(*State)) {
	s.mu.Lock()
	defer s.mu.Unlock()
	st := s.states[id]
	f(&st)
	s.states[id] = st
	s.writes++
}

func (s *memStore) SetRead(_ context.Context, ids []string, read bool) error {
	for _, id := range ids {
		s.update(id, func(st *State) { st.Read = read })
	}
	return nil
}

func (s *memStore) SetStarred(_ context.Context, id string, starred bool) error {
	s.update(id, func(st *State) { st.Starred = starred })
	return nil
}

func (s *memStore) SetPosition(_ context.Context, id string, p Position) error {
	s.update(id, func(st *State) { st.Position = p })
	return nil
}

// state returns what the store holds for id.
func (s *memStore) state(id string) State {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.states[id]
}

// snapshot returns a copy of everything the store holds.
func (s *memStore) snapshot() map[string]State {
	s.mu.Lock()
	defer s.mu.Unlock()
	return maps.Clone(s.states)
}

// newStoreModel is newTestModel with a state store; the states of the
// articles are in when it returns.
func newStoreModel(t testing.TB, w, h int, src *fakeSource, as []articles.Article, store Store, noColor bool) *Model {
	t.Helper()
	m, err := New(Options{Sources: []Source{src}, Now: clock, Style: "dark", NoColor: noColor, Store: store})
	if err != nil {
		t.Fatal(err)
	}
	m.Update(tea.WindowSizeMsg{Width: w, Height: h})
	_, cmd := m.Update(batchMsg{batches: []sourceBatch{{src: 0, batch: articles.Batch{Articles: as, Seen: len(as), Done: true}}}, closed: true})
	pump(t, m, cmd, func() bool { return allKnown(m) })
	return m
}

func allKnown(m *Model) bool {
	for _, e := range m.list.all {
		if !e.known {
			return false
		}
	}
	return true
}

// written reports whether every mark made has been written.
func written(m *Model) func() bool {
	return func() bool { return m.inflight == nil && len(m.pending) == 0 }
}

// pump runs cmd and what follows from it in goroutines, feeding the
// messages of states, writes, renderings, batches, full texts and whole
// articles to the model, until done holds (checked at once and after
// each message).
func pump(t testing.TB, m *Model, cmd tea.Cmd, done func() bool) {
	t.Helper()
	msgs, run := cmdRunner()
	run(cmd)
	timeout := time.After(10 * time.Second)
	for !done() {
		select {
		case msg := <-msgs:
			switch msg.(type) {
			case statesMsg, wroteMsg, renderedMsg, settledMsg, batchMsg, fullTextMsg, wholeMsg:
				_, next := m.Update(msg)
				run(next)
			}
		case <-timeout:
			t.Fatalf("the model did not get there; the screen is\n%s", ansi.Strip(m.screen()))
		}
	}
}

// pressAndRead presses keys, each followed by its rendering and writes.
func pressAndRead(t testing.TB, m *Model, keys ...string) {
	t.Helper()
	for _, k := range keys {
		pump(t, m, press(m, k), func() bool {
			r := &m.reader
			follows := !m.wide() || m.list.sel == nil || r.entry == m.list.sel
			return written(m)() && follows && (r.entry == nil || r.complete || r.err != nil)
		})
	}
}

// pressAndWrite presses keys, each followed by the writes it makes.
func pressAndWrite(t testing.TB, m *Model, keys ...string) {
	t.Helper()
	for _, k := range keys {
		pump(t, m, press(m, k), written(m))
	}
}

// readIDs is the IDs of the listed articles that are read, in list order.
func readIDs(m *Model) []string {
	var out []string
	for _, e := range m.list.all {
		if e.read {
			out = append(out, e.id)
		}
	}
	return out
}

// storedRead is the IDs among ids that the store holds as read.
func storedRead(s *memStore, ids []string) []string {
	var out []string
	for _, id := range ids {
		if s.state(id).Read {
			out = append(out, id)
		}
	}
	return out
}

func TestASlowStoreNeverDelaysTheList(t *testing.T) {
	store := newMemStore(map[string]State{"a1": {Read: true}, "a2": {Starred: true}})
	store.gate = make(chan struct{})
	m, err := New(Options{Sources: []Source{&fakeSource{}}, Now: clock, Style: "dark", NoColor: true, Store: store})
	if err != nil {
		t.Fatal(err)
	}
	m.Update(tea.WindowSizeMsg{Width: 80, Height: 12})
	_, cmd := m.Update(batchMsg{batches: []sourceBatch{{batch: articles.Batch{Articles: sampleArticles(), Seen: 7, Done: true}}}, closed: true})
	msgs, run := cmdRunner()
	run(cmd)
	screen := ansi.Strip(m.screen())
	if !strings.Contains(screen, "Rust 2024 edition") || !strings.Contains(screen, "Undated second") {
		t.Fatalf("the list waits for the store:\n%s", screen)
	}
	if strings.Contains(screen, unreadMark) || strings.Contains(screen, starredMark) {
		t.Errorf("marks before the store answered:\n%s", screen)
	}
	close(store.gate)
	timeout := time.After(10 * time.Second)
	for !allKnown(m) {
		select {
		case msg := <-msgs:
			if sm, ok := msg.(statesMsg); ok {
				m.Update(sm)
			}
		case <-timeout:
			t.Fatal("the states never came")
		}
	}
	rows := strings.Split(ansi.Strip(m.screen()), "\n")
	for _, want := range []string{"  Rust 2024", starredMark + " 日本語", unreadMark + " Emoji"} {
		if !slices.ContainsFunc(rows, func(r string) bool { return strings.HasPrefix(r, want) }) {
			t.Errorf("no row begins %q:\n%s", want, strings.Join(rows, "\n"))
		}
	}
	if got := m.list.unread; got != 6 {
		t.Errorf("%d unread, want 6", got)
	}
}

func TestReadMarks(t *testing.T) {
	tests := []struct {
		name      string
		keys      []string
		wantRead  []string
		wantNotic string
	}{
		{name: "opening an article marks it read", keys: []string{"j", "enter"}, wantRead: []string{"a2"}},
		{name: "n in the reader marks the next one read", keys: []string{"enter", "n"}, wantRead: []string{"a1", "a2"}},
		{name: "moving the cursor marks nothing", keys: []string{"j", "j", "k"}, wantRead: nil},
		{name: "N marks the article under the cursor read", keys: []string{"j", "N"}, wantRead: []string{"a2"}, wantNotic: "marked read — u to undo"},
		{name: "N twice makes it unread again", keys: []string{"N", "N"}, wantRead: nil, wantNotic: "marked unread"},
		{name: "N in the reader marks the open article unread", keys: []string{"enter", "N"}, wantRead: nil},
		{name: "u takes back a toggle", keys: []string{"N", "u"}, wantRead: nil, wantNotic: "undone: marked read"},
		{name: "A marks every article in view read", keys: []string{"A"}, wantRead: []string{"a1", "a2", "a3", "a4", "a5", "a6", "a7"}, wantNotic: "marked 7 read — u to undo"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			store := newMemStore(nil)
			m := newStoreModel(t, 60, 20, &fakeSource{}, sampleArticles(), store, true)
			for _, k := range tt.keys {
				cmd := press(m, k)
				if k == "N" || k == "enter" || k == "A" {
					// The mark shows before any command has run.
					if e := m.target(); e != nil && !e.known {
						t.Fatalf("%s: no state on screen", k)
					}
				}
				pump(t, m, cmd, written(m))
			}
			if got := readIDs(m); !slices.Equal(got, tt.wantRead) {
				t.Errorf("read on screen %v, want %v", got, tt.wantRead)
			}
			if got := storedRead(store, ids(m.list.all)); !slices.Equal(got, tt.wantRead) {
				t.Errorf("read in the store %v, want %v", got, tt.wantRead)
			}
			if want := 7 - len(tt.wantRead); m.list.unread != want {
				t.Errorf("unread count %d, want %d", m.list.unread, want)
			}
			if tt.wantNotic != "" && !strings.Contains(m.notice, tt.wantNotic) {
				t.Errorf("notice %q, want %q", m.notice, tt.wantNotic)
			}
		})
	}
}

func TestMarkAllReadAndUndoRestoreEveryStateExactly(t *testing.T) {
	before := map[string]State{
		"a1": {Read: true},
		"a3": {Read: true, Starred: true},
		"a6": {Read: false, Starred: true},
	}
	store := newMemStore(maps.Clone(before))
	m := newStoreModel(t, 80, 20, &fakeSource{}, sampleArticles(), store, true)
	listBefore := ansi.Strip(strings.Join(m.listLines(80, 18), "\n"))
	// Narrowed to stdin (a6, a7) and then everything: two marks to undo.
	press(m, "/")
	typeText(m, "undated")
	press(m, "enter")
	pressAndWrite(t, m, "A")
	if got := storedRead(store, []string{"a6", "a7", "a2"}); !slices.Equal(got, []string{"a6", "a7"}) {
		t.Fatalf("A in a filtered view marked %v, want [a6 a7]", got)
	}
	pressAndWrite(t, m, "esc", "A")
	if !strings.Contains(m.notice, "marked 3 read") {
		t.Errorf("notice %q, want the 3 still unread marked", m.notice)
	}
	if m.list.unread != 0 {
		t.Errorf("%d unread after marking all", m.list.unread)
	}
	pressAndWrite(t, m, "u", "u")
	if got := store.snapshot(); !equalReads(got, before, ids(m.list.all)) {
		t.Errorf("the store after undo %v, want the reads of %v", got, before)
	}
	for _, e := range m.list.all {
		if e.read != before[e.id].Read || e.starred != before[e.id].Starred {
			t.Errorf("%s on screen read %v starred %v, want %+v", e.id, e.read, e.starred, before[e.id])
		}
	}
	if got := ansi.Strip(strings.Join(m.listLines(80, 18), "\n")); got != listBefore {
		t.Errorf("the list after undo:\n%s\nwant:\n%s", got, listBefore)
	}
	if pressAndWrite(t, m, "u"); m.notice != "nothing to undo" {
		t.Errorf("notice %q", m.notice)
	}
}

// equalReads reports whether got and want agree on read and starred for ids.
func equalReads(got, want map[string]State, ids []string) bool {
	for _, id := range ids {
		if got[id].Read != want[id].Read || got[id].Starred != want[id].Starred {
			return false
		}
	}
	return true
}

func TestStars(t *testing.T) {
	store := newMemStore(nil)
	m := newStoreModel(t, 80, 20, &fakeSource{}, sampleArticles(), store, true)
	pressAndWrite(t, m, "j", "*", "j", "j", "S")
	if !store.state("a2").Starred || !store.state("a4").Starred || store.state("a3").Starred {
		t.Fatalf("stored %v", store.snapshot())
	}
	pressAndWrite(t, m, "u")
	if store.state("a4").Starred || !store.state("a2").Starred {
		t.Errorf("u did not unstar a4 only: %v", store.snapshot())
	}
	// The picker has a Starred entry, second, that narrows to them.
	press(m, "s")
	if got := ansi.Strip(strings.Join(m.picker.lines(80, 18, m.styles), "\n")); !strings.Contains(got, "Starred") {
		t.Fatalf("no Starred entry:\n%s", got)
	}
	press(m, "j", "enter")
	if got := ids(m.list.view()); !slices.Equal(got, []string{"a2"}) {
		t.Errorf("starred view %v, want [a2]", got)
	}
}

func TestHideRead(t *testing.T) {
	store := newMemStore(map[string]State{"a2": {Read: true}, "a3": {Read: true}})
	m := newStoreModel(t, 60, 20, &fakeSource{}, sampleArticles(), store, true)
	press(m, "j", "j") // on a3, read
	pressAndWrite(t, m, "H")
	if got := ids(m.list.view()); !slices.Equal(got, []string{"a1", "a4", "a5", "a6", "a7"}) {
		t.Fatalf("view %v", got)
	}
	if got := selectedID(m); got != "a4" {
		t.Errorf("cursor on %s, want a4, the next one below the hidden a3", got)
	}
	if !strings.Contains(m.statusLine(), "read hidden") {
		t.Errorf("status %q does not say read articles are hidden", m.statusLine())
	}
	// An article read while they are hidden stays until the view is made
	// again: n goes on to the next, one can toggle it back.
	pressAndRead(t, m, "enter")
	if !m.list.sel.read || !slices.Contains(ids(m.list.view()), "a4") {
		t.Fatalf("a4 read %v, view %v", m.list.sel.read, ids(m.list.view()))
	}
	pressAndRead(t, m, "n")
	if got := selectedID(m); got != "a5" {
		t.Errorf("n went to %s, want a5", got)
	}
	pressAndWrite(t, m, "esc", "H")
	if got := ids(m.list.view()); len(got) != 7 || selectedID(m) != "a5" {
		t.Errorf("shown again: view %v, cursor on %s; want all, on a5", got, selectedID(m))
	}
}

func TestUnreadCounts(t *testing.T) {
	store := newMemStore(map[string]State{"a6": {Read: true}, "a1": {Starred: true}})
	m := newStoreModel(t, 100, 20, &fakeSource{}, sampleArticles(), store, true)
	if got := ansi.Strip(m.statusLine()); !strings.Contains(got, "7 articles · 6 unread") {
		t.Errorf("status %q", got)
	}
	press(m, "s")
	got := ansi.Strip(strings.Join(m.picker.lines(100, 18, m.styles), "\n"))
	for _, want := range []string{
		" All         6 unread  7",
		" Starred               1",
		" stdin       1 unread  2",
		" #fun        1 unread  1",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("picker lacks %q:\n%s", want, got)
		}
	}
	// Marking all read, and undoing it, counts again.
	press(m, "esc")
	pressAndWrite(t, m, "A")
	press(m, "s")
	if got := ansi.Strip(strings.Join(m.picker.lines(100, 18, m.styles), "\n")); strings.Contains(got, "unread") {
		t.Errorf("the picker still counts unread after A:\n%s", got)
	}
	press(m, "esc")
	pressAndWrite(t, m, "u")
	press(m, "s")
	got = ansi.Strip(strings.Join(m.picker.lines(100, 18, m.styles), "\n"))
	for _, want := range []string{" All         6 unread  7", " stdin       1 unread  2", " #fun        1 unread  1"} {
		if !strings.Contains(got, want) {
			t.Errorf("after the undo the picker lacks %q:\n%s", want, got)
		}
	}
}

func TestReadingPositionSurvivesARestart(t *testing.T) {
	tests := []struct {
		name  string
		leave []string // how the first run leaves the article
		quit  bool     // then quits with ctrl+c
	}{
		{name: "leaving with esc keeps the position", leave: []string{"esc"}},
		{name: "going on with n keeps the position", leave: []string{"n"}},
		{name: "quitting from the reader keeps the position", quit: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			store := newMemStore(nil)
			src := &fakeSource{bodies: map[string]string{"a1": sampleBody(60)}}
			m := newStoreModel(t, 70, 20, src, sampleArticles(), store, true)
			pressAndRead(t, m, "enter")
			press(m, "space", "space", "space", "j")
			top := strings.Join(m.reader.topWords(), " ")
			pressAndRead(t, m, tt.leave...)
			if tt.quit {
				cmd := press(m, "ctrl+c")
				if msg := cmd(); msg != (tea.QuitMsg{}) {
					t.Fatalf("ctrl+c ended with %T, want to quit", msg)
				}
			}
			p := store.state("a1").Position
			if p.Anchor != top || p.Percent <= 0 || p.Finished {
				t.Fatalf("stored position %+v, want anchor %q", p, top)
			}

			// A new program over the same store, at another width.
			m2 := newStoreModel(t, 90, 24, src, sampleArticles(), store, true)
			pressAndRead(t, m2, "enter")
			if got := strings.Join(m2.reader.topWords(), " "); got != top {
				t.Errorf("reopened at %q, want %q", got, top)
			}
			// The end, once reached, is remembered.
			press(m2, "G")
			pump(t, m2, press(m2, "esc"), written(m2))
			if !store.state("a1").Position.Finished {
				t.Errorf("the end was reached but not kept: %+v", store.state("a1").Position)
			}
		})
	}
}

func TestWithoutAStoreNothingIsMarked(t *testing.T) {
	m := newTestModel(t, 60, 20, &fakeSource{}, sampleArticles())
	settle(t, m, press(m, "enter"))
	press(m, "esc", "N")
	if !strings.Contains(m.notice, "no state store") {
		t.Errorf("notice %q", m.notice)
	}
	screen := ansi.Strip(m.screen())
	if strings.Contains(screen, unreadMark) || strings.Contains(screen, "unread") {
		t.Errorf("marks without a store:\n%s", screen)
	}
	if !isQuit(press(m, "q")) {
		t.Error("q does not quit at once")
	}
}

func TestGoldenMarks(t *testing.T) {
	for _, sz := range []struct {
		name string
		w, h int
	}{{"narrow", 60, 14}, {"wide", 160, 14}, {"tiny", 12, 6}} {
		for _, keys := range [][]string{{"j"}, {"j", "H"}} {
			t.Run(sz.name+" "+strings.Join(keys, " "), func(t *testing.T) {
				store := newMemStore(map[string]State{"a1": {Read: true}, "a2": {Starred: true}, "a3": {Read: true, Starred: true}})
				m := newStoreModel(t, sz.w, sz.h, &fakeSource{}, sampleArticles(), store, true)
				pressAndRead(t, m, keys...)
				golden.RequireEqual(t, ansi.Strip(m.View().Content))
			})
		}
	}
}

// brokenStore fails every call, or with hang blocks every write until its
// context ends, as a dead database would.
type brokenStore struct{ hang bool }

var errBroken = errors.New("database is locked")

func (b brokenStore) States(context.Context, []string) (map[string]State, error) {
	return nil, errBroken
}

func (b brokenStore) wait(ctx context.Context) error {
	if b.hang {
		<-ctx.Done()
		return ctx.Err()
	}
	return errBroken
}

func (b brokenStore) SetRead(ctx context.Context, _ []string, _ bool) error { return b.wait(ctx) }
func (b brokenStore) SetStarred(ctx context.Context, _ string, _ bool) error {
	return b.wait(ctx)
}
func (b brokenStore) SetPosition(ctx context.Context, _ string, _ Position) error {
	return b.wait(ctx)
}

func TestAFailingStoreIsAProblemNotAnObstacle(t *testing.T) {
	m, err := New(Options{Sources: []Source{&fakeSource{}}, Now: clock, Style: "dark", Store: brokenStore{}})
	if err != nil {
		t.Fatal(err)
	}
	m.Update(tea.WindowSizeMsg{Width: 80, Height: 20})
	_, cmd := m.Update(batchMsg{batches: []sourceBatch{{batch: articles.Batch{Articles: sampleArticles(), Seen: 7, Done: true}}}, closed: true})
	pump(t, m, cmd, func() bool { return m.problems.len() > 0 })
	if len(m.list.all) != 7 || !strings.Contains(m.problems.items[0].Err.Error(), "database is locked") {
		t.Fatalf("%d articles, problems %v", len(m.list.all), m.problems.items)
	}
	// Marks still show on screen; the failed write is one more problem.
	pressAndWrite(t, m, "N")
	if !m.list.sel.read {
		t.Error("N did not mark the article on screen")
	}
	if got := m.problems.items[0].Err.Error(); !strings.Contains(got, "saving marks") {
		t.Errorf("problem %q, want the failed write", got)
	}
}

func TestQuittingWithADeadStoreStillQuits(t *testing.T) {
	m, err := New(Options{Sources: []Source{&fakeSource{bodies: map[string]string{"a1": sampleBody(40)}}}, Now: clock, Style: "dark", Store: brokenStore{hang: true}})
	if err != nil {
		t.Fatal(err)
	}
	m.quitWait = time.Millisecond
	m.Update(tea.WindowSizeMsg{Width: 80, Height: 20})
	m.Update(batchMsg{batches: []sourceBatch{{batch: articles.Batch{Articles: sampleArticles(), Seen: 7, Done: true}}}, closed: true})
	// The read mark of enter hangs in flight; the position joins it.
	settle(t, m, press(m, "enter"))
	press(m, "space", "space")
	if msg := press(m, "ctrl+c")(); msg != (tea.QuitMsg{}) {
		t.Errorf("quit ended with %T", msg)
	}
}

func TestAnArticleShownBeforeItsStateCameGoesToItsPosition(t *testing.T) {
	const anchor = "Paragraph 12 begins here with words"
	store := newMemStore(map[string]State{"a1": {Read: true, Position: Position{Anchor: anchor, Percent: 0.3}}})
	store.gate = make(chan struct{})
	m, err := New(Options{Sources: []Source{&fakeSource{bodies: map[string]string{"a1": sampleBody(60)}}}, Now: clock, Style: "dark", Store: store})
	if err != nil {
		t.Fatal(err)
	}
	m.Update(tea.WindowSizeMsg{Width: 160, Height: 30})
	_, cmd := m.Update(batchMsg{batches: []sourceBatch{{batch: articles.Batch{Articles: sampleArticles(), Seen: 7, Done: true}}}, closed: true})
	msgs, run := cmdRunner()
	run(cmd)
	timeout := time.After(10 * time.Second)
	for released := false; !allKnown(m); {
		if !released && m.reader.complete {
			if got := m.reader.vp.YOffset(); got != 0 {
				t.Fatalf("at %d before the state came", got)
			}
			close(store.gate)
			released = true
		}
		select {
		case msg := <-msgs:
			switch msg.(type) {
			case statesMsg, renderedMsg:
				_, next := m.Update(msg)
				run(next)
			}
		case <-timeout:
			t.Fatal("stuck")
		}
	}
	if got := strings.Join(m.reader.topWords(), " "); got != anchor {
		t.Errorf("top of the reader %q, want %q", got, anchor)
	}
}
