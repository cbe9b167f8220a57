package ui

import (
	"strings"
	"unicode/utf8"

	"newsread/articles"
)

// rowTitleMax bounds, in bytes, a title taken from the text of an untitled
// article: a row never shows more, and the filter keeps a copy.
const rowTitleMax = 160

// untitled names an article that has no title, no text and no link.
const untitled = "(untitled)"

// rowTitle is what the list shows for a: its title, or, for an article
// without one (feed items often have none), the start of its summary or
// of its loaded body, else its link, else "(untitled)". The article
// itself is left as it is.
func rowTitle(a articles.Article) string {
	if strings.TrimSpace(a.Title) != "" {
		return a.Title
	}
	if s := textStart(a.Summary); s != "" {
		return s
	}
	if a.BodyLoaded {
		if s := textStart(a.Body); s != "" {
			return s
		}
	}
	if l := strings.TrimSpace(a.Link); l != "" {
		return l
	}
	return untitled
}

// textStart is the first words of a text (markdown or plain), on one
// line, without the marks that open markdown lines (headings, quotes,
// list bullets), cut to rowTitleMax bytes at a word.
func textStart(s string) string {
	var b strings.Builder
	for line := range strings.Lines(s) {
		line = strings.TrimLeft(strings.TrimSpace(line), "#>*-+ \t")
		for _, w := range strings.Fields(line) {
			if b.Len()+len(w)+1 > rowTitleMax {
				if b.Len() == 0 {
					b.WriteString(truncateBytes(w, rowTitleMax))
				}
				return b.String() + "…"
			}
			if b.Len() > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(w)
		}
	}
	return b.String()
}

// truncateBytes cuts s to at most n bytes without splitting a character.
func truncateBytes(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}
