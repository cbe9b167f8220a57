package feed

import (
	"strings"

	"golang.org/x/net/html"

	"newsread/articles"
)

// plainText turns a title-like field that may hold markup and entities
// into one line of sanitised text: tags are dropped (with the content of
// script and style), entities decoded, runs of white space collapsed.
func plainText(s string) string {
	if s == "" {
		return ""
	}
	if strings.ContainsAny(s, "<&") {
		s = htmlText(s)
	}
	return strings.Join(strings.Fields(articles.Sanitize(s)), " ")
}

func htmlText(s string) string {
	z := html.NewTokenizer(strings.NewReader(s))
	var b strings.Builder
	skip := 0
	for {
		switch z.Next() {
		case html.ErrorToken:
			return b.String()
		case html.TextToken:
			if skip == 0 {
				b.Write(z.Text())
			}
		case html.StartTagToken:
			if isRawTextTag(z) {
				skip++
			}
			b.WriteByte(' ')
		case html.EndTagToken:
			if isRawTextTag(z) && skip > 0 {
				skip--
			}
			b.WriteByte(' ')
		}
	}
}

func isRawTextTag(z *html.Tokenizer) bool {
	name, _ := z.TagName()
	switch string(name) {
	case "script", "style", "title", "textarea":
		return true
	}
	return false
}

// firstWords is the first n words of s, with an ellipsis when cut.
func firstWords(s string, n int) string {
	words := strings.Fields(s)
	if len(words) <= n {
		return strings.Join(words, " ")
	}
	return strings.Join(words[:n], " ") + "…"
}
