package articles

import (
	"path/filepath"
	"regexp"
	"strings"
	"time"
)

// dateLayouts are the date forms found in front matter and page metadata,
// tried in order.
var dateLayouts = [...]string{
	time.RFC3339Nano,
	"2006-01-02T15:04:05Z0700",
	"2006-01-02T15:04:05",
	"2006-01-02T15:04Z07:00",
	"2006-01-02T15:04",
	"2006-01-02 15:04:05 -07:00",
	"2006-01-02 15:04:05 -0700",
	"2006-01-02 15:04:05Z07:00",
	"2006-01-02 15:04:05 MST",
	"2006-01-02 15:04:05",
	"2006-01-02 15:04 -07:00",
	"2006-01-02 15:04 -0700",
	"2006-01-02 15:04",
	"2006-01-02",
	"2006/01/02 15:04:05",
	"2006/01/02",
	time.RFC1123Z,
	time.RFC1123,
	"Mon, 2 Jan 2006 15:04:05 -0700",
	"Mon, 2 Jan 2006 15:04:05 MST",
	time.RFC822Z,
	time.RFC822,
	"January 2, 2006",
	"Jan 2, 2006",
	"2 January 2006",
	"2 Jan 2006",
}

// shortZone matches a numeric zone written without padding or minutes,
// as in "2015-03-17 14:00:00 -4".
var shortZone = regexp.MustCompile(`^(.*\d) ?([+-])(\d{1,2})(?::?(\d{2}))?$`)

// parseDate reads a date in any of the forms in dateLayouts.
func parseDate(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, false
	}
	for _, layout := range dateLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			return t, true
		}
	}
	if m := shortZone.FindStringSubmatch(s); m != nil && strings.Contains(m[1], ":") {
		mins := m[4]
		if mins == "" {
			mins = "00"
		}
		hours := m[3]
		if len(hours) == 1 {
			hours = "0" + hours
		}
		if t, err := time.Parse("2006-01-02 15:04:05 -07:00", m[1]+" "+m[2]+hours+":"+mins); err == nil {
			return t, true
		}
		if t, err := time.Parse("2006-01-02 15:04 -07:00", m[1]+" "+m[2]+hours+":"+mins); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

// dateFromName reads a date at the start of a file name, as blogs name
// posts ("2018-11-27-rust-survey.md").
func dateFromName(path string) (time.Time, bool) {
	name := filepath.Base(path)
	if len(name) < 10 {
		return time.Time{}, false
	}
	t, err := time.Parse("2006-01-02", name[:10])
	return t, err == nil
}
