package ui

import (
	"cmp"
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
)

const (
	pickerTop      = 3  // lines the picker's title takes above its rows
	pickerLabelMax = 48 // widest name column, so counts stay near their names
)

// pickEntry is one row of the source picker.
type pickEntry struct {
	narrow narrowing
	count  int
	unread int
	// search and query name a saved search, when search is not "": it
	// has no count, and choosing it runs query.
	search, query string
}

// label names the row.
func (e pickEntry) label() string {
	if e.search != "" {
		return "/" + e.search
	}
	return e.narrow.label()
}

// countText is the row's count, none for a saved search.
func (e pickEntry) countText() string {
	if e.search != "" {
		return ""
	}
	return commas(e.count)
}

// picker is the overlay that narrows the list to one source or one tag.
// Its rows are a snapshot of the counts taken when it opens.
type picker struct {
	entries []pickEntry
	menu
}

// newPicker lists "All" (and "Starred" when marks are kept), then every
// source, then every tag, then the saved searches, each group sorted by
// name, with the cursor on the narrowing in force.
func newPicker(l *listPane, marks bool, saved map[string]string) picker {
	t, current := l.freshTally(), l.narrow
	p := picker{entries: []pickEntry{{count: len(l.all), unread: l.unread}}}
	if marks {
		p.entries = append(p.entries, pickEntry{narrow: narrowing{kind: narrowStarred}, count: l.starred})
	}
	sources := make([]pickEntry, 0, len(t.sources))
	for name, n := range t.sources {
		sources = append(sources, pickEntry{narrow: narrowing{kind: narrowSource, name: name}, count: n, unread: t.unreadSources[name]})
	}
	tags := make([]pickEntry, 0, len(t.tags))
	for k, c := range t.tags {
		tags = append(tags, pickEntry{narrow: narrowing{kind: narrowTag, name: c.name}, count: c.n, unread: t.unreadTags[k]})
	}
	p.entries = append(p.entries, sortEntries(sources)...)
	p.entries = append(p.entries, sortEntries(tags)...)
	searches := make([]pickEntry, 0, len(saved))
	for name, q := range saved {
		searches = append(searches, pickEntry{search: name, query: q})
	}
	slices.SortFunc(searches, func(x, y pickEntry) int {
		return cmp.Or(cmp.Compare(strings.ToLower(x.search), strings.ToLower(y.search)), cmp.Compare(x.search, y.search))
	})
	p.entries = append(p.entries, searches...)
	for i, e := range p.entries {
		if e.search != "" {
			break
		}
		if e.narrow.kind == current.kind && (e.narrow.name == current.name ||
			e.narrow.kind == narrowTag && strings.EqualFold(e.narrow.name, current.name)) {
			p.cursor = i
		}
	}
	return p
}

// sortEntries sorts entries by name regardless of case.
func sortEntries(out []pickEntry) []pickEntry {
	slices.SortFunc(out, func(x, y pickEntry) int {
		return cmp.Or(cmp.Compare(strings.ToLower(x.narrow.name), strings.ToLower(y.narrow.name)), cmp.Compare(x.narrow.name, y.narrow.name))
	})
	return out
}

// lines draws the picker: exactly h lines of w cells.
func (p *picker) lines(w, h int, st Styles) []string {
	title := "Sources and tags"
	if n := len(p.entries); n > 0 && p.entries[n-1].search != "" {
		title = "Sources, tags and searches"
	}
	lines := []string{"", " " + st.OverlayTitle.Render(title), ""}
	countW, labelW, unreadW := 0, 0, 0
	for _, e := range p.entries {
		countW = max(countW, len(e.countText()))
		labelW = max(labelW, ansi.StringWidth(e.label()))
		unreadW = max(unreadW, len(unreadText(e.unread)))
	}
	if unreadW > 0 {
		countW += unreadW + 2
	}
	labelW = max(0, min(labelW+2, pickerLabelMax, w-countW-3))
	rows := max(0, h-pickerTop)
	off := max(min(p.offset, p.cursor), p.cursor-rows+1, 0)
	for i := off; i < len(p.entries) && i < off+rows; i++ {
		e := p.entries[i]
		count := e.countText()
		if unreadW > 0 {
			count = fitRight(unreadText(e.unread), unreadW) + "  " + count
		}
		row := " " + fit(e.label(), labelW) + " " + fitRight(count, countW) + " "
		if i == p.cursor {
			row = st.Selected.Render(row)
		}
		lines = append(lines, row)
	}
	return frame(lines, w, h)
}

// unreadText is "12 unread", or nothing for none.
func unreadText(n int) string {
	if n == 0 {
		return ""
	}
	return commas(n) + " unread"
}

// openPicker shows the source picker.
func (m *Model) openPicker() {
	m.picker = newPicker(&m.list, m.store != nil, m.search.saved)
	m.picker.move(0, m.bodyHeight()-pickerTop, len(m.picker.entries))
	m.overlay = overlayPicker
}

// pickerKey handles a key over the source picker.
func (m *Model) pickerKey(k tea.KeyPressMsg) tea.Cmd {
	p := &m.picker
	rows := m.bodyHeight() - pickerTop
	switch {
	case key.Matches(k, m.keys.Choose):
		m.overlay = overlayNone
		if len(p.entries) == 0 {
			return nil
		}
		if e := p.entries[p.cursor]; e.search != "" {
			return m.runSaved(e.query)
		}
		m.list.setNarrow(p.entries[p.cursor].narrow)
		return m.selectionMoved()
	case key.Matches(k, m.keys.Back, m.keys.Quit, m.keys.Sources):
		m.overlay = overlayNone
	default:
		if d, ok := m.keys.menuStep(k, rows, len(p.entries)); ok {
			p.move(d, rows, len(p.entries))
		}
	}
	return nil
}
