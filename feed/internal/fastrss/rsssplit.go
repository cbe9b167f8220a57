package fastrss

import (
	"bytes"
	"strings"
	"unicode/utf8"
)

// rssDoc is an RSS 2.0 document cut into its items and the rest.
type rssDoc struct {
	root    []byte            // the <rss ...> start tag as written
	channel []byte            // the <channel ...> start tag as written
	ns      map[string]string // prefix → namespace URI, declared on both
	rest    []byte            // the document without its items
	items   [][]byte          // each <item>…</item>
}

// splitRSS cuts an RSS 2.0 document whose items are children of
// <channel>. ok is false for anything it is not sure of (a DOCTYPE,
// xml:base, a default namespace, markup it cannot follow): gofeed then
// reads the whole document.
func splitRSS(doc []byte) (d rssDoc, ok bool) {
	if bytes.Contains(doc, []byte("xml:base")) || !utf8.Valid(doc) {
		return d, false
	}
	i, ok := skipProlog(doc)
	if !ok {
		return d, false
	}
	root, ok := scanTag(doc, i)
	if !ok || root.name != "rss" || root.selfClosing {
		return d, false
	}
	d.root, d.ns = doc[i:root.end], map[string]string{}
	if !d.declare(root.attrs) {
		return d, false
	}
	ch := bytes.Index(doc[root.end:], []byte("<channel"))
	if ch < 0 {
		return d, false
	}
	ch += root.end
	channel, ok := scanTag(doc, ch)
	if !ok || channel.name != "channel" || channel.selfClosing || !d.declare(channel.attrs) {
		return d, false
	}
	d.channel = doc[ch:channel.end]
	var rest bytes.Buffer
	rest.Grow(4096)
	rest.Write(doc[:channel.end])
	j := channel.end
	for {
		k := bytes.IndexByte(doc[j:], '<')
		if k < 0 {
			return d, false
		}
		k += j
		if bytes.HasPrefix(doc[k:], []byte("</channel>")) { // the rest follows
			rest.Write(doc[j:])
			d.rest = rest.Bytes()
			return d, true
		}
		if k+1 < len(doc) && (doc[k+1] == '!' || doc[k+1] == '?') {
			next, ok := skipMarkup(doc, k)
			if !ok {
				return d, false
			}
			rest.Write(doc[j:next])
			j = next
			continue
		}
		t, ok := scanTag(doc, k)
		if !ok {
			return d, false
		}
		next, ok := skipElement(doc, t)
		if !ok {
			return d, false
		}
		if t.name == "item" {
			rest.Write(doc[j:k])
			d.items = append(d.items, doc[k:next])
		} else {
			rest.Write(doc[j:next])
		}
		j = next
	}
}

// declare records the namespace prefixes an element declares; false
// for a default namespace or any other attribute but version.
func (d rssDoc) declare(attrs []xmlAttr) bool {
	for _, a := range attrs {
		switch {
		case strings.HasPrefix(a.name, "xmlns:"):
			d.ns[a.name[len("xmlns:"):]] = a.value
		case a.name != "version":
			return false
		}
	}
	return true
}

// extensionPrefix is the prefix gofeed files an element written with
// prefix under: the namespace's canonical prefix, else the one the feed
// declares. "" when the element is not an extension gofeed would file
// the same way (undeclared, ambiguous, or RSS's own vocabulary).
func (d rssDoc) extensionPrefix(prefix string) string {
	uri, ok := d.ns[prefix]
	if !ok || uri != strings.TrimSpace(uri) || uri == "" {
		return ""
	}
	switch uri {
	case "http://www.w3.org/1999/02/22-rdf-syntax-ns#", "http://purl.org/rss/1.0/",
		"http://channel.netscape.com/rdf/simple/0.9/", "http://my.netscape.com/rdf/simple/0.9/":
		return ""
	}
	if c := canonicalPrefix(uri); c != "" {
		return c
	}
	for p, u := range d.ns {
		if u == uri && p != prefix {
			return ""
		}
	}
	return prefix
}

// skipProlog returns the offset of the root element's '<'.
func skipProlog(doc []byte) (int, bool) {
	i := 0
	if bytes.HasPrefix(doc, []byte("\xef\xbb\xbf")) {
		i = 3
	}
	for {
		i = skipSpace(doc, i)
		if i+1 >= len(doc) || doc[i] != '<' {
			return i, false
		}
		if doc[i+1] != '!' && doc[i+1] != '?' {
			return i, true
		}
		next, ok := skipMarkup(doc, i)
		if !ok {
			return i, false
		}
		i = next
	}
}
