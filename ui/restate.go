package ui

import (
	tea "charm.land/bubbletea/v2"
)

// StatesChanged tells the program that marks may have changed in the
// store outside it (another newsread marked articles): the marks of the
// listed articles are read again.
type StatesChanged struct{}

// restatedMsg carries the states read again for ids; writes is the count
// of this program's own marks when they were asked for.
type restatedMsg struct {
	ids    []string
	states map[string]State
	err    error
	writes int
}

// restate asks the store again for the marks of every listed article
// whose state is known.
func (m *Model) restate() tea.Cmd {
	if m.store == nil {
		return nil
	}
	ids := make([]string, 0, m.list.ids.len())
	for e := range m.list.ids.all() {
		if e.known {
			ids = append(ids, e.id)
		}
	}
	if len(ids) == 0 {
		return nil
	}
	s, ctx, writes := m.store, m.ctx, m.writes
	return func() tea.Msg {
		states, err := s.States(ctx, ids)
		return restatedMsg{ids: ids, states: states, err: err, writes: writes}
	}
}

// restated takes marks read again, unless this program marked anything
// since they were asked for or has marks still to write: its own marks
// are newer than the answer.
func (m *Model) restated(msg restatedMsg) tea.Cmd {
	if msg.err != nil || msg.writes != m.writes || m.inflight != nil || len(m.pending) > 0 {
		return nil
	}
	changed := false
	defer m.list.inBulk()()
	for _, id := range msg.ids {
		e := m.list.ids.get(id)
		if e == nil || !e.known {
			continue
		}
		st := msg.states[id] // none: unread, not starred
		if st.Read == e.read && st.Starred == e.starred {
			continue
		}
		st.Position = e.position()
		m.list.setState(e, st)
		changed = true
	}
	if changed && (m.list.hideRead || m.list.narrow.kind == narrowStarred) {
		return m.reviewMarks()
	}
	return nil
}
