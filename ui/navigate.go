package ui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// wheelStep is how many lines or rows one notch of the mouse wheel moves.
const wheelStep = 3

// keyPress routes a key to the mode that has the keyboard.
func (m *Model) keyPress(k tea.KeyPressMsg) tea.Cmd {
	if m.noticeKeyed {
		m.notice = ""
	}
	switch {
	case key.Matches(k, m.keys.ForceQuit):
		return m.quit()
	case m.search.naming:
		return m.nameKey(k)
	case m.filtering:
		return m.filterKey(k)
	case m.inside.prompt != promptNone:
		return m.promptKey(k)
	case m.overlay == overlayOutline:
		return m.outlineKey(k)
	case m.overlay == overlayPicker:
		return m.pickerKey(k)
	case m.overlay == overlayLinks:
		return m.linksKey(k)
	case m.overlay != overlayNone:
		return m.overlayKey(k)
	case m.focus == focusReader:
		return m.readerKey(k)
	default:
		return m.listKey(k)
	}
}

// commonKey handles the keys that mean the same in list and reader. It
// reports whether it took the key.
func (m *Model) commonKey(k tea.KeyPressMsg) (tea.Cmd, bool) {
	switch {
	case key.Matches(k, m.keys.Help):
		m.overlay, m.overOff = overlayHelp, 0
	case key.Matches(k, m.keys.Problems):
		m.overlay, m.overOff = overlayProblems, 0
	case key.Matches(k, m.keys.Filter):
		m.focus, m.filtering = focusList, true
		return m.input.Focus(), true
	case key.Matches(k, m.keys.Sources):
		m.openPicker()
	case key.Matches(k, m.keys.Refresh):
		return m.refresh(-1, "", false), true
	case key.Matches(k, m.keys.RefreshFeed):
		return m.refreshFeed(), true
	case key.Matches(k, m.keys.SearchOrder) && m.searching():
		return m.toggleOrder(), true
	case key.Matches(k, m.keys.SaveSearch) && m.kept():
		return m.startNaming(), true
	case key.Matches(k, m.keys.Links, m.keys.OpenLink, m.keys.CopyLink, m.keys.Play):
		return m.linkKey(k)
	case key.Matches(k, m.keys.FullText):
		return m.toggleFull(), true
	default:
		return m.stateKey(k)
	}
	return nil, true
}

// listKey handles a key while the list has focus.
func (m *Model) listKey(k tea.KeyPressMsg) tea.Cmd {
	if cmd, ok := m.commonKey(k); ok {
		return cmd
	}
	switch m.list.key(k, m.keys) {
	case listQuit:
		return m.quit()
	case listNext:
		return m.listStep(1)
	case listPrev:
		return m.listStep(-1)
	case listOpen:
		return m.openReader()
	case listFocus:
		if m.wide() && m.reader.entry != nil {
			m.focus = focusReader
			m.list.pinned = true
			return m.markOpened(m.reader.entry)
		}
		return nil
	case listCleared:
		m.input.Reset()
		m.clearSearch()
		return m.selectionMoved()
	case listMoved:
		return m.selectionMoved()
	}
	return nil
}

// openReader opens the article under the cursor and gives the reader focus.
func (m *Model) openReader() tea.Cmd {
	e, ok := m.list.selected()
	if !ok {
		return nil
	}
	m.focus = focusReader
	m.list.pinned = true
	return tea.Batch(m.open(e), m.markOpened(e))
}

// readerKey handles a key while the reader has focus.
func (m *Model) readerKey(k tea.KeyPressMsg) tea.Cmd {
	if cmd, ok := m.insideKey(k); ok {
		return cmd
	}
	if cmd, ok := m.commonKey(k); ok {
		return cmd
	}
	switch m.reader.key(k, m.keys) {
	case readerLeave:
		m.focus = focusList
		return m.leaveArticle()
	case readerNext:
		return m.step(1)
	case readerPrev:
		return m.step(-1)
	}
	return nil
}

// listStep moves the cursor to the next (1) or previous (-1) article,
// saying so when there is none.
func (m *Model) listStep(delta int) tea.Cmd {
	before := m.list.sel
	m.list.move(delta)
	if before != nil && m.list.sel == before {
		return m.atEnd(delta)
	}
	return m.selectionMoved()
}

// step opens the next (1) or previous (-1) article of the list as shown,
// staying in the reader, and says so when there is none.
func (m *Model) step(delta int) tea.Cmd {
	before := m.list.sel
	m.list.move(delta)
	if m.list.sel == nil {
		return nil
	}
	if m.list.sel == before {
		return m.atEnd(delta)
	}
	m.selGen++
	return tea.Batch(m.open(m.list.sel), m.markOpened(m.list.sel))
}

// atEnd says that n (delta 1) or p (-1) found no article to go to.
func (m *Model) atEnd(delta int) tea.Cmd {
	if delta > 0 {
		return m.say("at the last article")
	}
	return m.say("at the first article")
}

// filterKey handles a key while the filter is being typed.
func (m *Model) filterKey(k tea.KeyPressMsg) tea.Cmd {
	switch {
	case key.Matches(k, m.keys.FilterAccept):
		m.filtering = false
		m.input.Blur()
		return nil
	case key.Matches(k, m.keys.FilterClear):
		m.filtering = false
		m.input.Blur()
		m.input.Reset()
		m.list.setQuery("")
		m.clearSearch()
		return m.selectionMoved()
	case key.Matches(k, m.keys.SearchOrder) && m.searching():
		return m.toggleOrder()
	}
	var cmd tea.Cmd
	before := m.input.Value()
	m.input, cmd = m.input.Update(k)
	if m.input.Value() == before {
		return cmd // the cursor moved: the query is the same
	}
	search := m.typed()
	return tea.Batch(cmd, m.selectionMoved(), search)
}

// overlayKey handles a key over the help or problems view.
func (m *Model) overlayKey(k tea.KeyPressMsg) tea.Cmd {
	switch {
	case key.Matches(k, m.keys.Back, m.keys.Quit, m.keys.Help, m.keys.Problems):
		m.overlay = overlayNone
	case key.Matches(k, m.keys.Down):
		m.scrollOverlay(1)
	case key.Matches(k, m.keys.Up):
		m.scrollOverlay(-1)
	case key.Matches(k, m.keys.PageDown):
		m.scrollOverlay(m.overlayPage())
	case key.Matches(k, m.keys.PageUp):
		m.scrollOverlay(-m.overlayPage())
	case key.Matches(k, m.keys.HalfPageDown):
		m.scrollOverlay(max(1, m.overlayPage()/2))
	case key.Matches(k, m.keys.HalfPageUp):
		m.scrollOverlay(-max(1, m.overlayPage()/2))
	case key.Matches(k, m.keys.Top):
		m.overOff = 0
	case key.Matches(k, m.keys.Bottom):
		m.overOff = m.overlayScrollMax()
	}
	return nil
}

// wheel scrolls what is under the mouse: the list in its column, the
// reader elsewhere when it is shown.
func (m *Model) wheel(ms tea.Mouse) tea.Cmd {
	step := wheelStep
	switch ms.Button {
	case tea.MouseWheelUp:
		step = -wheelStep
	case tea.MouseWheelDown:
	default:
		return nil
	}
	switch m.overlay {
	case overlayHelp, overlayProblems:
		m.scrollOverlay(step)
		return nil
	case overlayPicker, overlayLinks:
		return nil
	}
	m.list.pinned = true
	overList := m.focus == focusList
	if m.wide() {
		overList = ms.X < m.listWidth()
	}
	if overList {
		m.list.move(step)
		return m.selectionMoved()
	}
	if step > 0 {
		m.reader.vp.ScrollDown(step)
	} else {
		m.reader.vp.ScrollUp(-step)
	}
	m.reader.noteEnd()
	return nil
}
