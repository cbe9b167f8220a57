package feed

import (
	"strings"

	"golang.org/x/net/html"

	"newsread/articles"
)

// plainText turns a title-like field that may hold markup and entities
// into one line of sanitised text: tags are dropped (with the content of
// script and style), entities decoded, text garbled by its publisher
// repaired, runs of white space collapsed. The repair comes after the
// entities ("&#195;&#164;" is garbled too) and before sanitising, which
// would drop the C1 characters of garbled Cyrillic.
func plainText(s string) string {
	if s == "" {
		return ""
	}
	if strings.ContainsAny(s, "<&") {
		s = htmlText(s)
	}
	return strings.Join(strings.Fields(articles.Sanitize(articles.RepairMojibake(s))), " ")
}

func htmlText(s string) string {
	z := html.NewTokenizer(strings.NewReader(s))
	var b strings.Builder
	skip := 0
	for {
		switch tt := z.Next(); tt {
		case html.ErrorToken:
			return b.String()
		case html.TextToken:
			if skip == 0 {
				b.Write(z.Text())
			}
		case html.StartTagToken, html.SelfClosingTagToken, html.EndTagToken:
			name, _ := z.TagName()
			switch {
			case rawTextTags[string(name)] && tt == html.StartTagToken:
				skip++
			case rawTextTags[string(name)] && tt == html.EndTagToken && skip > 0:
				skip--
			}
			// "<b>note</b>." is "note.", not "note ."
			if !inlineTags[string(name)] {
				b.WriteByte(' ')
			}
		}
	}
}

var rawTextTags = map[string]bool{"script": true, "style": true, "title": true, "textarea": true}

// inlineTags are the elements that sit inside a line of text: no space
// stands for them.
var inlineTags = map[string]bool{
	"a": true, "abbr": true, "b": true, "bdi": true, "bdo": true, "cite": true,
	"code": true, "data": true, "dfn": true, "em": true, "font": true, "i": true,
	"kbd": true, "mark": true, "q": true, "s": true, "samp": true, "small": true,
	"span": true, "strike": true, "strong": true, "sub": true, "sup": true,
	"time": true, "tt": true, "u": true, "var": true,
}

// firstWords is the first n words of s, with an ellipsis when cut.
func firstWords(s string, n int) string {
	words := strings.Fields(s)
	if len(words) <= n {
		return strings.Join(words, " ")
	}
	return strings.Join(words[:n], " ") + "…"
}

// excerpt is the start of the one-line text s, at most n characters,
// cut at a word boundary with an ellipsis when cut. A word longer than
// half of n (or text written without spaces, as Chinese is) is cut where
// it reaches n.
func excerpt(s string, n int) string {
	runes := 0
	for i := range s {
		if runes < n {
			runes++
			continue
		}
		head := s[:i]
		if s[i] != ' ' {
			if j := strings.LastIndexByte(head, ' '); j >= len(head)/2 {
				head = head[:j]
			}
		}
		return strings.TrimRight(head, " ,;:-–—") + "…"
	}
	return s
}
