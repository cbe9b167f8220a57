package feed

import (
	"bytes"
	"strings"

	"newsread/articles"
)

// AddURL returns the text of a urls file with sub appended as its last
// line; every other line, comments and blank ones included, stays as it
// was. When a line already subscribes to sub's URL (compared as
// NormalizeURL does), text comes back unchanged and added is false.
func AddURL(text []byte, sub Subscription) (out []byte, added bool) {
	if len(URLLines(text, sub.URL)) > 0 {
		return text, false
	}
	var line bytes.Buffer
	WriteURLs(&line, []Subscription{sub}) // a bytes.Buffer never fails
	out = append([]byte(nil), text...)
	if len(out) > 0 && out[len(out)-1] != '\n' {
		out = append(out, '\n')
	}
	return append(out, line.Bytes()...), true
}

// RemoveURL returns the text of a urls file without the lines that
// subscribe to feedURL (compared as NormalizeURL does); every other line
// stays as it was. removed counts the lines dropped.
func RemoveURL(text []byte, feedURL string) (out []byte, removed int) {
	drop := URLLines(text, feedURL)
	if len(drop) == 0 {
		return text, 0
	}
	out = make([]byte, 0, len(text))
	n := 0
	for line := range bytes.Lines(text) {
		n++
		if len(drop) > 0 && drop[0] == n {
			drop = drop[1:]
			removed++
			continue
		}
		out = append(out, line...)
	}
	return out, removed
}

// URLLines are the numbers (from 1) of the lines of a urls file that
// subscribe to feedURL, compared as NormalizeURL does.
func URLLines(text []byte, feedURL string) []int {
	want := NormalizeURL(feedURL)
	var lines []int
	n := 0
	for line := range bytes.Lines(text) {
		n++
		s := strings.TrimSpace(articles.Sanitize(string(line)))
		if s == "" || strings.HasPrefix(s, "#") {
			continue
		}
		if sub, err := parseURLLine(s); err == nil && NormalizeURL(sub.URL) == want {
			lines = append(lines, n)
		}
	}
	return lines
}
