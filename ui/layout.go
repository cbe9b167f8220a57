package ui

// footerLines is how many lines the status and help lines take at height
// h: both when there is room, the status line alone when tight, none at 1.
func footerLines(h int) int {
	switch {
	case h >= 4:
		return 2
	case h >= 2:
		return 1
	default:
		return 0
	}
}

// wide reports whether list and reader sit side by side: on a wide
// terminal, unless the input is one article, which gets the whole width.
func (m *Model) wide() bool {
	return m.width >= m.wideAbove && !m.single
}

// bodyHeight is the height of the panes.
func (m *Model) bodyHeight() int {
	return max(0, m.height-footerLines(m.height))
}

// listWidth is the width of the list pane: its share (40%) when wide, all
// otherwise.
func (m *Model) listWidth() int {
	if m.wide() {
		return m.width * m.listPercent / 100
	}
	return m.width
}

// readerWidth is the width of the reader pane, whether or not it is shown.
func (m *Model) readerWidth() int {
	if m.wide() {
		return max(0, m.width-m.listWidth()-1)
	}
	return m.width
}

// layout sizes the panes to the window.
func (m *Model) layout() {
	h := m.bodyHeight()
	m.list.setHeight(h)
	m.reader.vp.SetWidth(m.measure())
	m.reader.vp.SetHeight(h)
	m.help.SetWidth(m.width)
	m.input.SetWidth(max(1, m.width/2))
	m.search.name.SetWidth(max(1, m.width/2))
}
