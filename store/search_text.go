package store

import (
	"regexp"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// htmlText returns the text of an HTML body for the index: tags become
// spaces (so that words of adjacent blocks stay apart), entities are
// decoded, and what is never shown as text (scripts, styles) is left out.
func htmlText(s string) string {
	var b strings.Builder
	b.Grow(len(s) / 2)
	z := html.NewTokenizerFragment(strings.NewReader(s), "div")
	hidden := 0 // depth inside elements whose content is not text
	space := func() {
		if b.Len() > 0 && !strings.HasSuffix(b.String(), " ") {
			b.WriteByte(' ')
		}
	}
	for {
		switch z.Next() {
		case html.ErrorToken:
			return strings.TrimSpace(b.String())
		case html.TextToken:
			if hidden == 0 {
				b.Write(z.Text())
			}
		case html.StartTagToken:
			if name, _ := z.TagName(); isHidden(name) {
				hidden++
			}
			space()
		case html.EndTagToken:
			if name, _ := z.TagName(); isHidden(name) && hidden > 0 {
				hidden--
			}
			space()
		case html.SelfClosingTagToken:
			space()
		}
	}
}

func isHidden(name []byte) bool {
	switch atom.Lookup(name) {
	case atom.Script, atom.Style, atom.Template, atom.Noscript:
		return true
	}
	return false
}

// linkTarget is the target of a markdown link or image, with its title.
var linkTarget = regexp.MustCompile(`\]\([^)]*\)`)

// markdownText returns a markdown body for the index: as it is, less the
// targets of links and images, whose URLs are not words of the article.
func markdownText(s string) string {
	if !strings.Contains(s, "](") {
		return s
	}
	return linkTarget.ReplaceAllString(s, "]")
}
