package feed

import (
	"encoding/base64"
	"html"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/mmcdole/gofeed"
	ext "github.com/mmcdole/gofeed/extensions"
)

// extraBody finds a body in the places old RSS feeds put one: an XHTML
// <body>, <xhtml:body> or <fullitem>.
func extraBody(it *gofeed.Item) string {
	for _, name := range []string{"fullitem", "body"} {
		if v := it.Custom[name]; strings.TrimSpace(v) != "" {
			return v
		}
	}
	if bodies := it.Extensions["xhtml"]["body"]; len(bodies) > 0 {
		return renderChildren(bodies[0])
	}
	return ""
}

// renderChildren writes an extension element's content back as HTML.
// gofeed keeps children by name, so the order among differently named
// children is lost: they come sorted by name.
func renderChildren(e ext.Extension) string {
	var b strings.Builder
	b.WriteString(html.EscapeString(e.Value))
	names := make([]string, 0, len(e.Children))
	for n := range e.Children {
		names = append(names, n)
	}
	slices.Sort(names)
	for _, n := range names {
		for _, c := range e.Children[n] {
			b.WriteString("<" + n)
			// Sorted, so that a hashed ID made from the body is stable.
			keys := make([]string, 0, len(c.Attrs))
			for k := range c.Attrs {
				keys = append(keys, k)
			}
			slices.Sort(keys)
			for _, k := range keys {
				b.WriteString(" " + k + `="` + html.EscapeString(c.Attrs[k]) + `"`)
			}
			b.WriteString(">" + renderChildren(c) + "</" + n + ">")
		}
	}
	return b.String()
}

// maybeBase64 undoes Atom 0.3's mode="base64", which gofeed does not
// report: text made only of base64 characters, of a valid length, that
// decodes to printable UTF-8, is taken as encoded.
func maybeBase64(s string) string {
	t := strings.Join(strings.Fields(s), "")
	if len(t) < 8 || len(t)%4 != 0 {
		return s
	}
	for _, c := range t {
		if !(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '+' || c == '/' || c == '=') {
			return s
		}
	}
	dec, err := base64.StdEncoding.DecodeString(t)
	if err != nil || !utf8.Valid(dec) {
		return s
	}
	for _, r := range string(dec) {
		if !unicode.IsPrint(r) && !unicode.IsSpace(r) {
			return s
		}
	}
	return string(dec)
}
