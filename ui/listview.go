package ui

import (
	"strings"
	"time"

	"github.com/charmbracelet/x/ansi"
)

const (
	dateColumn   = 7  // "~Mar 14"
	sourceAbove  = 48 // list width from which the source column shows
	dateAbove    = 24 // list width from which the date column shows
	sourceMaxCol = 20
)

// fit cuts s to w cells, never splitting a wide character, and pads it
// with spaces to exactly w cells.
func fit(s string, w int) string {
	if w <= 0 {
		return ""
	}
	if ansi.StringWidth(s) > w {
		s = ansi.Truncate(s, w, "…")
	}
	if pad := w - ansi.StringWidth(s); pad > 0 {
		s += strings.Repeat(" ", pad)
	}
	return s
}

// fitRight is fit, aligned to the right.
func fitRight(s string, w int) string {
	if w <= 0 {
		return ""
	}
	if ansi.StringWidth(s) > w {
		return ansi.Truncate(s, w, "")
	}
	return strings.Repeat(" ", w-ansi.StringWidth(s)) + s
}

// look is what a pane needs from the root to draw itself.
type look struct {
	st      Styles
	now     time.Time
	focused bool // the pane has the keyboard (or is alone on screen)
	loaded  bool // every source has finished
	marks   bool // state is kept: rows show unread and starred marks
	columns columns
}

// draw draws the visible rows of the list: exactly h lines of w cells.
// Only those rows are formatted, however long the list.
func (l *listPane) draw(w, h int, lk look) []string {
	out := make([]string, 0, h)
	rows := l.visible()
	if len(rows) == 0 && h > 0 {
		out = append(out, lk.st.Muted.Render(fit(" "+l.emptyText(lk.loaded), w)))
	}
	for i, e := range rows {
		if len(out) == h {
			break
		}
		cursor := l.offset+i == l.cursor
		out = append(out, listRow(e, w, lk, cursor))
	}
	for len(out) < h {
		out = append(out, strings.Repeat(" ", max(0, w)))
	}
	return out
}

// emptyText explains an empty list.
func (l *listPane) emptyText(loaded bool) string {
	switch {
	case l.found != nil && len(l.all) > 0:
		return "Nothing matches “" + l.query + "”."
	case l.query != "" && len(l.all) > 0:
		return "No title matches “" + l.query + "”."
	case l.hideRead && len(l.all) > 0:
		return "Every article here is read."
	case !loaded:
		return "Loading…"
	default:
		return "No articles."
	}
}

const (
	unreadMark  = "●"
	starredMark = "★"
)

// gutter is what comes before a title, and its width: a space, or with
// marks the mark of e (starred, else unread, else blank) and a space when
// there is room. styled is the mark in its style, plain without.
func gutter(e *entry, w int, st Styles, marks bool) (styled, plain string, width int) {
	if !marks {
		return " ", " ", 1
	}
	styled, plain = " ", " "
	switch {
	case e.starred:
		styled, plain = st.starredMark, starredMark
	case e.unread():
		styled, plain = st.unreadMark, unreadMark
	}
	if w < 3 {
		return styled, plain, 1
	}
	return styled + " ", plain + " ", 2
}

// listRow draws one article: its marks, title, source (or first tag) and
// date. Unread titles are bold, so they stand out without colour too.
func listRow(e *entry, w int, lk look, cursor bool) string {
	if w <= 0 {
		return ""
	}
	st := lk.st
	styledLead, lead, leadW := gutter(e, w, st, lk.marks)
	dateW, srcW := 0, 0
	cols := lk.columns
	if w >= dateAbove && !cols.noDate {
		dateW = cols.dateWidth()
	}
	if w >= sourceAbove && !cols.noSource {
		srcW = min(sourceMaxCol, w/5)
	}
	titleW := w - leadW
	if dateW > 0 {
		titleW -= dateW + 1
	}
	if srcW > 0 {
		titleW -= srcW + 1
	}
	title := fit(e.title, max(0, titleW))
	var rest string
	if srcW > 0 {
		src := e.source()
		if src == "" && len(e.tags()) > 0 {
			src = e.tags()[0]
		}
		rest += " " + fit(src, srcW)
	}
	if dateW > 0 {
		rest += " " + fitRight(cols.formatDate(e.published(), e.more.DateFromFile, lk.now), dateW)
	}
	if titleW < 1 {
		title, rest = fit(e.title, w-leadW), ""
	}
	titleStyle := st.Title
	if lk.marks && e.unread() {
		titleStyle = st.Unread
	}
	switch {
	case cursor && lk.focused:
		return st.Selected.Render(lead + title + rest)
	case cursor:
		return st.SelectedBlur.Render(lead + title + rest)
	default:
		return styledLead + titleStyle.Render(title) + st.Muted.Render(rest)
	}
}
