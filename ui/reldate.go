package ui

import (
	"strconv"
	"time"
)

// relativeDate is the short date of a list row: "now", "5m", "3h", "2d",
// "Mar 4" within the year, "2023" before it, blank when unknown. A date
// taken from the file's modification time is marked with "~" because it
// says when the file was saved, not when the story was written.
func relativeDate(t time.Time, fromFile bool, now time.Time) string {
	if t.IsZero() {
		return ""
	}
	s := shortDate(t, now)
	if fromFile {
		return "~" + s
	}
	return s
}

func shortDate(t time.Time, now time.Time) string {
	d := now.Sub(t)
	switch {
	case d < 0:
		// A date in the future is a clock or a feed that is wrong; the
		// calendar date is the honest thing to show.
		if t.Year() == now.Year() {
			return t.Format("Jan 2")
		}
		return strconv.Itoa(t.Year())
	case d < time.Minute:
		return "now"
	case d < time.Hour:
		return strconv.Itoa(int(d/time.Minute)) + "m"
	case d < 24*time.Hour:
		return strconv.Itoa(int(d/time.Hour)) + "h"
	case d < 7*24*time.Hour:
		return strconv.Itoa(int(d/(24*time.Hour))) + "d"
	case t.Year() == now.Year() || d < 180*24*time.Hour:
		return t.Format("Jan 2")
	default:
		return strconv.Itoa(t.Year())
	}
}

// longDate is the date in the reader's header.
func longDate(t time.Time, fromFile bool) string {
	if t.IsZero() {
		return ""
	}
	s := t.Format("Mon, 2 Jan 2006 15:04")
	if fromFile {
		s += " (file date)"
	}
	return s
}
