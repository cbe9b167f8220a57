package ui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// listAction is what a key asks of the root once the list has handled
// what is its own (moving the cursor).
type listAction int

const (
	listIgnored listAction = iota // not a list key
	listMoved                     // the cursor or the view changed
	listQuit
	listNext // n: the next article, saying so at the end
	listPrev
	listOpen    // read the article under the cursor
	listFocus   // give the reader the keyboard
	listCleared // esc dropped the filter's query: the input is emptied too
)

// key handles a key while the list has the keyboard: the moves are its
// own, the rest it hands back to the root.
func (l *listPane) key(k tea.KeyPressMsg, keys KeyMap) listAction {
	page := max(1, l.height)
	switch {
	case key.Matches(k, keys.Quit):
		return listQuit
	case key.Matches(k, keys.Next):
		return listNext
	case key.Matches(k, keys.Prev):
		return listPrev
	case key.Matches(k, keys.Up):
		l.move(-1)
	case key.Matches(k, keys.Down):
		l.move(1)
	case key.Matches(k, keys.PageDown):
		l.move(page)
	case key.Matches(k, keys.PageUp):
		l.move(-page)
	case key.Matches(k, keys.HalfPageDown):
		l.move(max(1, page/2))
	case key.Matches(k, keys.HalfPageUp):
		l.move(-max(1, page/2))
	case key.Matches(k, keys.Top):
		l.moveTo(0)
	case key.Matches(k, keys.Bottom):
		l.moveTo(len(l.view()) - 1)
	case key.Matches(k, keys.Open):
		return listOpen
	case key.Matches(k, keys.Focus):
		return listFocus
	case key.Matches(k, keys.Back):
		// esc in the list drops a kept filter, then the narrowing.
		if l.query != "" {
			l.setQuery("")
			return listCleared
		}
		l.setNarrow(narrowing{})
	default:
		return listIgnored
	}
	return listMoved
}
