package ui

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"newsread/articles"
)

// manyLinks is a story of n paragraphs, each with two links (one to a
// page of its own, one to a page shared by all) and a bare URL.
func manyLinks(n int) string {
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, "Paragraph %d cites [the paper number %d](https://example.com/papers/%d?ref=feed) and "+
			"[the index](https://example.com/index), and <https://example.org/notes/%d>.\n\n", i, i, i, i)
	}
	return b.String()
}

// BenchmarkOpenLinkPicker500Links is L on a story with 500 links, to the
// picker drawn on screen, and esc.
func BenchmarkOpenLinkPicker500Links(b *testing.B) {
	m, _ := linkModel(b, 160, 45, manyLinks(250), Options{})
	settle(b, m, press(m, "enter"))
	if n := len(m.reader.links); n != 501 {
		b.Fatalf("%d links, want 501", n)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		press(m, "L")
		if m.overlay != overlayLinks {
			b.Fatal("no picker")
		}
		_ = m.View()
		press(m, "esc")
	}
}

// renderLinksBench renders the 500-link story cold, links numbered or not.
func renderLinksBench(b *testing.B, numbered bool) {
	a := articles.Article{ID: "links", Title: "Links", Body: manyLinks(250), BodyLoaded: true}
	r := newRenderer(nil)
	r.numbered, r.hyperlinks = numbered, true
	job := renderJob{article: a, key: renderKey{id: a.ID, width: 100, style: "dark|dark"}, gstyle: "dark", styles: newStyles(true, false), cells: 100 * 40}
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		r.cache = newLRU[renderKey, rendering](renderCacheSize)
		if msg := r.renderCmd(context.Background(), job, false)().(renderedMsg); msg.err != nil {
			b.Fatal(msg.err)
		}
	}
}

func BenchmarkRender500LinksNumbered(b *testing.B)  { renderLinksBench(b, true) }
func BenchmarkRender500LinksAsGlamour(b *testing.B) { renderLinksBench(b, false) }
