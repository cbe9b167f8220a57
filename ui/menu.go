package ui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// menu is the cursor of a list drawn over the screen (the source picker,
// the link picker, the outline) and the first of its rows shown.
type menu struct {
	cursor, offset int
}

// move moves the cursor by delta over n items, keeping it within rows
// visible rows.
func (c *menu) move(delta, rows, n int) {
	c.cursor = max(0, min(c.cursor+delta, n-1))
	rows = max(1, rows)
	c.offset = max(min(c.offset, c.cursor), c.cursor-rows+1, 0)
}

// menuStep is how far k moves the cursor of a menu of n items showing
// rows rows: a row, a page, to either end; ok is false for other keys.
func (k KeyMap) menuStep(msg tea.KeyPressMsg, rows, n int) (delta int, ok bool) {
	switch {
	case key.Matches(msg, k.Up):
		return -1, true
	case key.Matches(msg, k.Down):
		return 1, true
	case key.Matches(msg, k.PageUp):
		return -max(1, rows), true
	case key.Matches(msg, k.PageDown):
		return max(1, rows), true
	case key.Matches(msg, k.Top):
		return -n, true
	case key.Matches(msg, k.Bottom):
		return n, true
	}
	return 0, false
}
