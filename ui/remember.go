package ui

import (
	"context"
	"fmt"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"newsread/articles"
)

const (
	// writeTimeout bounds one write to the store; a write that fails is
	// reported and the screen keeps its mark.
	writeTimeout = 10 * time.Second
	// quitTimeout bounds the last writes on the way out, so a dead store
	// never keeps the program from quitting.
	quitTimeout = 2 * time.Second
	// undoDepth is how many marks u can take back.
	undoDepth = 100
)

// statesMsg carries the stored states of the articles ids, asked for when
// they arrived.
type statesMsg struct {
	ids    []string
	states map[string]State
	err    error
}

// wroteMsg says the writes in flight are done; err is the first failure.
type wroteMsg struct{ err error }

// stateWrite is one write to the store, captured with its values.
type stateWrite func(ctx context.Context, s Store) error

// undoStep is a mark that u takes back: the read states before it, or
// the star before it.
type undoStep struct {
	what  string // "marked 57 read"
	reads []readChange
	star  *entry
	// wasStarred is the star before, when star is set.
	wasStarred bool
}

// askStates asks the store for the state of the articles of msg not asked
// for before, in one command: the list shows them at once and their marks
// follow when the answer comes.
func (m *Model) askStates(msg batchMsg) tea.Cmd {
	if m.store == nil {
		return nil
	}
	var ids []string
	for _, sb := range msg.batches {
		for _, a := range sb.batch.Articles {
			if e := m.list.ids.get(a.ID); e != nil && !e.asked {
				e.asked = true
				ids = append(ids, a.ID)
			}
		}
	}
	if len(ids) == 0 {
		return nil
	}
	s, ctx := m.store, m.ctx
	return func() tea.Msg {
		states, err := s.States(ctx, ids)
		return statesMsg{ids: ids, states: states, err: err}
	}
}

// statesIn merges the states the store returned.
func (m *Model) statesIn(msg statesMsg) tea.Cmd {
	if msg.err != nil {
		m.problems.add([]articles.Problem{{Where: "state store", Err: fmt.Errorf("reading marks: %w", msg.err)}})
		return nil
	}
	var cmd tea.Cmd
	if m.list.merge(msg.ids, msg.states) {
		cmd = m.reviewMarks()
	}
	r := &m.reader
	if r.entry != nil && r.anchor == nil && r.vp.YOffset() == 0 {
		if _, ok := msg.states[r.entry.id]; ok {
			// The article opened before its state came (the first one
			// beside the list, or a single one): it goes to where
			// reading stopped.
			r.restore(r.entry.position())
			r.finished = r.finished || r.entry.position().Finished
		}
	}
	return cmd
}

// reviewMarks makes the view again after marks changed that decide what
// it shows (read hidden, or only the starred), and follows the cursor if
// its article left.
func (m *Model) reviewMarks() tea.Cmd {
	before := m.list.sel
	m.list.refresh()
	if m.list.sel != before {
		return m.selectionMoved()
	}
	return nil
}

// write queues w and starts it unless a write is in flight: one at a
// time, in the order the marks were made.
func (m *Model) write(w stateWrite) tea.Cmd {
	if m.store == nil {
		return nil
	}
	m.pending = append(m.pending, w)
	m.writes++
	return m.nextWrite()
}

// nextWrite starts the writes queued, in one command.
func (m *Model) nextWrite() tea.Cmd {
	if m.inflight != nil || len(m.pending) == 0 {
		return nil
	}
	ws, s := m.pending, m.store
	m.pending = nil
	done := make(chan struct{})
	m.inflight = done
	return func() tea.Msg {
		defer close(done)
		return wroteMsg{err: runWrites(s, ws, writeTimeout)}
	}
}

// runWrites runs ws in order, each within timeout, and returns the first
// failure; the others are still tried.
func runWrites(s Store, ws []stateWrite, timeout time.Duration) error {
	var first error
	for _, w := range ws {
		ctx, cancel := context.WithTimeout(context.Background(), timeout)
		err := w(ctx, s)
		cancel()
		if first == nil {
			first = err
		}
	}
	return first
}

// wrote starts what was queued meanwhile, and reports a failure.
func (m *Model) wrote(msg wroteMsg) tea.Cmd {
	m.inflight = nil
	if msg.err != nil {
		m.problems.add([]articles.Problem{{Where: "state store", Err: fmt.Errorf("saving marks: %w", msg.err)}})
	}
	return m.nextWrite()
}

// flushAndQuit is the way out when state is kept: it saves where reading
// stopped, waits for the write in flight, writes what is queued and then
// quits, all within quitTimeout.
func (m *Model) flushAndQuit() tea.Cmd {
	ws, s, inflight, wait := m.pending, m.store, m.inflight, m.quitWait
	if w := m.positionWrite(); w != nil {
		ws = append(ws, w)
	}
	m.pending = nil
	return func() tea.Msg {
		deadline := time.Now().Add(wait)
		if inflight != nil {
			select {
			case <-inflight:
			case <-time.After(wait):
			}
		}
		_ = runWrites(s, ws, max(time.Millisecond, time.Until(deadline)))
		return tea.QuitMsg{}
	}
}

// setReadWrite is the write of read for ids.
func setReadWrite(ids []string, read bool) stateWrite {
	return func(ctx context.Context, s Store) error { return s.SetRead(ctx, ids, read) }
}

// markOpened marks an article read as it opens in the reader.
func (m *Model) markOpened(e *entry) tea.Cmd {
	if m.store == nil || e == nil || (e.known && e.read) || m.keepUnread {
		return nil
	}
	m.list.setRead(e, true)
	return m.write(setReadWrite([]string{e.id}, true))
}

// leaveArticle keeps where reading of the shown article stopped, when it
// moved.
func (m *Model) leaveArticle() tea.Cmd {
	if w := m.positionWrite(); w != nil {
		return m.write(w)
	}
	return nil
}

// positionWrite keeps on screen where reading of the shown article stands
// and returns its write, or nil when it has not moved.
func (m *Model) positionWrite() stateWrite {
	e := m.reader.entry
	if m.store == nil || e == nil {
		return nil
	}
	p, ok := m.reader.position()
	if !ok || p == e.position() {
		return nil
	}
	e.setPosition(p)
	id := e.id
	return func(ctx context.Context, s Store) error { return s.SetPosition(ctx, id, p) }
}

// target is the article a mark applies to: the one being read when the
// reader has the keyboard, else the one under the cursor.
func (m *Model) target() *entry {
	if m.focus == focusReader && m.reader.entry != nil {
		return m.reader.entry
	}
	return m.list.sel
}

// stateKey handles the keys that mark articles. It reports whether it
// took the key.
func (m *Model) stateKey(k tea.KeyPressMsg) (tea.Cmd, bool) {
	ks := m.keys
	if !key.Matches(k, ks.ToggleRead, ks.MarkAllRead, ks.Undo, ks.Star, ks.HideRead) {
		return nil, false
	}
	if m.store == nil {
		return m.say("marks are not kept: no state store"), true
	}
	switch {
	case key.Matches(k, ks.ToggleRead):
		return m.toggleRead(), true
	case key.Matches(k, ks.MarkAllRead):
		return m.markAllRead(), true
	case key.Matches(k, ks.Undo):
		return m.undo(), true
	case key.Matches(k, ks.Star):
		return m.toggleStar(), true
	default:
		// The status line says "read hidden" while they are.
		m.list.setHideRead(!m.list.hideRead)
		return m.selectionMoved(), true
	}
}

// remember keeps step for u.
func (m *Model) remember(step undoStep) {
	if len(m.undos) == undoDepth {
		m.undos = append(m.undos[:0], m.undos[1:]...)
	}
	m.undos = append(m.undos, step)
}

// toggleRead marks the target read or unread.
func (m *Model) toggleRead() tea.Cmd {
	e := m.target()
	if e == nil {
		return nil
	}
	was := e.read
	m.list.setRead(e, !was)
	what := "marked read"
	if was {
		what = "marked unread"
	}
	m.remember(undoStep{what: what, reads: []readChange{{e: e, wasRead: was}}})
	return tea.Batch(m.say(what+" — "+m.keys.Undo.Help().Key+" to undo"), m.write(setReadWrite([]string{e.id}, !was)))
}

// toggleStar stars or unstars the target.
func (m *Model) toggleStar() tea.Cmd {
	e := m.target()
	if e == nil {
		return nil
	}
	was := e.starred
	m.list.setStarred(e, !was)
	what := "starred"
	if was {
		what = "unstarred"
	}
	m.remember(undoStep{what: what, star: e, wasStarred: was})
	id := e.id
	return tea.Batch(m.say(what), m.write(func(ctx context.Context, s Store) error { return s.SetStarred(ctx, id, !was) }))
}

// markAllRead marks every article in view read, in one write.
func (m *Model) markAllRead() tea.Cmd {
	changed := m.list.markAllRead()
	if len(changed) == 0 {
		return m.say("nothing unread here")
	}
	ids := make([]string, len(changed))
	for i, c := range changed {
		ids[i] = c.e.id
	}
	what := "marked " + commas(len(changed)) + " read"
	m.remember(undoStep{what: what, reads: changed})
	return tea.Batch(m.say(what+" — "+m.keys.Undo.Help().Key+" to undo"), m.write(setReadWrite(ids, true)))
}

// undo takes back the last mark: every article it changed gets exactly
// the state it had before, on screen and in the store.
func (m *Model) undo() tea.Cmd {
	if len(m.undos) == 0 {
		return m.say("nothing to undo")
	}
	step := m.undos[len(m.undos)-1]
	m.undos = m.undos[:len(m.undos)-1]
	var cmds []tea.Cmd
	if step.star != nil {
		e, was := step.star, step.wasStarred
		m.list.setStarred(e, was)
		id := e.id
		cmds = append(cmds, m.write(func(ctx context.Context, s Store) error { return s.SetStarred(ctx, id, was) }))
	}
	var read, unread []string
	done := m.list.inBulk()
	for _, c := range step.reads {
		m.list.setRead(c.e, c.wasRead)
		if c.wasRead {
			read = append(read, c.e.id)
		} else {
			unread = append(unread, c.e.id)
		}
	}
	done()
	if len(unread) > 0 {
		cmds = append(cmds, m.write(setReadWrite(unread, false)))
	}
	if len(read) > 0 {
		cmds = append(cmds, m.write(setReadWrite(read, true)))
	}
	if m.list.hideRead || m.list.narrow.kind == narrowStarred {
		m.list.refresh()
		cmds = append(cmds, m.selectionMoved())
	}
	cmds = append(cmds, m.say("undone: "+step.what))
	return tea.Batch(cmds...)
}
