package feed

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"newsread/articles"
)

// FuzzParse feeds arbitrary bytes through detection, decoding, parsing
// and body conversion: no panic, no hang, and every text field clean.
func FuzzParse(f *testing.F) {
	files, _ := filepath.Glob("testdata/*.xml")
	for _, name := range files {
		if data, err := os.ReadFile(name); err == nil {
			f.Add(data)
		}
	}
	for _, s := range []string{
		`<rss version="2.0"><channel><item><title>a &amp; b</title><description>&lt;p&gt;x</description></item></channel></rss>`,
		`<feed xmlns="http://www.w3.org/2005/Atom" xml:base="http://a/"><entry><id>1</id><link href="b"/><content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><a href="c">d</a></div></content></entry></feed>`,
		`<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><item><title>t</title></item></rdf:RDF>`,
		`{"version":"https://jsonfeed.org/version/1","title":"j","items":[{"id":"1","content_html":"<b>x</b>"}]}`,
		`{"rss":{"channel":{"title":"r","item":{"description":"d","guid":{"value":"g"}}}}}`,
		"<?xml version=\"1.0\" encoding=\"windows-1251\"?><rss><channel><title>\xcf\xf0\xe8</title></channel></rss>",
		"\xff\xfe<\x00r\x00s\x00s\x00>\x00",
		`<opml><body><outline xmlUrl="x"/></body></opml>`,
		"<html><body>\x1b]52;c;aGk=\x07</body></html>",
	} {
		f.Add([]byte(s))
	}
	p := NewParser(articles.NewHTMLConverter())
	f.Fuzz(func(t *testing.T, data []byte) {
		Detect(data)
		feed, err := p.Parse(data, ParseOptions{URL: "https://fuzz.test/feed"})
		if err != nil {
			return
		}
		check := func(what, s string) {
			if !utf8.ValidString(s) || strings.ContainsAny(s, "\x1b\x07\u009b") {
				t.Errorf("%s is not clean: %q", what, s)
			}
		}
		check("feed title", feed.Title)
		for _, a := range feed.Articles {
			check("title", a.Title)
			check("body", a.Body)
			check("link", a.Link)
			check("author", a.Author)
			if strings.Contains(a.Title, "\n") {
				t.Errorf("title spans lines: %q", a.Title)
			}
		}
		_, _ = ParseOPML(bytes.NewReader(data))
		_, _ = ParseURLs(bytes.NewReader(data))
	})
}
