package ui

import (
	"slices"
	"time"

	"github.com/charmbracelet/x/ansi"
)

// columns are what the list shows beside a title, and how the date is
// written; the zero value is today's list: source and relative date.
type columns struct {
	noSource, noDate bool
	layout           string // a Go time layout; "" is the relative date
}

// maxDateColumn caps a date column a layout makes wide.
const maxDateColumn = 24

// newColumns reads Options.Columns and Options.DateFormat.
func newColumns(names []string, layout string) columns {
	if names == nil {
		names = []string{"source", "date"}
	}
	return columns{noSource: !slices.Contains(names, "source"), noDate: !slices.Contains(names, "date"), layout: layout}
}

// dateWidth is the width of the date column.
func (c columns) dateWidth() int {
	if c.layout == "" {
		return dateColumn
	}
	// The widest month and day names of the reference date's kind.
	w := ansi.StringWidth(time.Date(2006, time.September, 30, 23, 59, 59, 0, time.UTC).Format(c.layout))
	return min(maxDateColumn, max(1, w)+1) // "~" before a file's date
}

// formatDate is the date of a row in the column's format.
func (c columns) formatDate(t time.Time, fromFile bool, now time.Time) string {
	if c.layout == "" || t.IsZero() {
		return relativeDate(t, fromFile, now)
	}
	s := t.Local().Format(c.layout)
	if fromFile {
		return "~" + s
	}
	return s
}

// configure takes the theme, layout and behaviour of opts.
func (m *Model) configure(opts Options) {
	m.palette.dark, m.palette.light = DarkPalette(), LightPalette()
	if opts.Dark != nil {
		m.palette.dark = *opts.Dark
	}
	if opts.Light != nil {
		m.palette.light = *opts.Light
	}
	m.wideAbove, m.listPercent = wideAbove, listPercent
	if opts.WideAbove > 0 {
		m.wideAbove = opts.WideAbove
	}
	if opts.ListPercent > 0 {
		m.listPercent = min(90, opts.ListPercent)
	}
	m.columns = newColumns(opts.Columns, opts.DateFormat)
	m.keepUnread = opts.KeepUnread
	m.problems.add(opts.Problems)
	m.list.hideRead = opts.HideRead
}
