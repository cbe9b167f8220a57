package ui

import (
	"regexp"
	"strings"
	"unicode"
)

// maxBylineBytes is the longest first paragraph taken for a byline.
const maxBylineBytes = 200

// mdLink matches an inline markdown link, for its text.
var mdLink = regexp.MustCompile(`\[([^\]]*)\]\([^)]*\)`)

// withoutByline drops the first paragraph of md when it is a byline of
// author, who is shown in the header already: "By Jane Doe", "Jane Doe",
// "By JANE DOE and John Roe", "*By [Jane Doe](…)*". It is conservative:
// only the first paragraph, only a short one, and only when it is the
// name itself or starts with "By" and the name, followed by nothing or by
// a separator (" and ", a comma, "|", "·", a dash).
func withoutByline(md, author string) string {
	name := bylineWords(author)
	if name == "" {
		return md
	}
	start := len(md) - len(strings.TrimLeft(md, " \t\n"))
	end := strings.Index(md[start:], "\n\n")
	if end < 0 {
		end = len(md) - start
	}
	para := md[start : start+end]
	if len(para) > maxBylineBytes || strings.Count(para, "\n") > 1 {
		return md
	}
	words := bylineWords(mdLink.ReplaceAllString(para, "$1"))
	rest, by := strings.CutPrefix(words, "by ")
	if !by {
		rest, by = strings.CutPrefix(words, "by: ")
	}
	switch {
	case words == name, by && rest == name:
	case by && strings.HasPrefix(rest, name) && bylineGoesOn(rest[len(name):]):
	default:
		return md
	}
	return strings.TrimLeft(md[start+end:], "\n")
}

// bylineGoesOn reports whether what follows the name in a byline starts
// with a separator before more names or a date.
func bylineGoesOn(s string) bool {
	for _, sep := range []string{" and ", ", ", ",", " |", " ·", " -", " –", " —", " &"} {
		if strings.HasPrefix(s, sep) {
			return true
		}
	}
	return false
}

// bylineWords is s lower-cased, without emphasis markers and trailing
// punctuation, its spaces collapsed.
func bylineWords(s string) string {
	s = strings.Map(func(r rune) rune {
		if r == '*' || r == '_' || r == '\\' {
			return -1
		}
		return unicode.ToLower(r)
	}, s)
	s = strings.Join(strings.Fields(s), " ")
	return strings.TrimRight(s, ".:;")
}
