package ui

import (
	"context"
	"strings"
	"testing"

	"newsread/articles"
)

// quotes is a word behind n blockquote markers.
func quotes(n int) string { return strings.Repeat(">", n) + " deep\n" }

// nestedList is a list n levels deep, one item a level.
func nestedList(n int) string {
	var b strings.Builder
	for i := range n {
		b.WriteString(strings.Repeat("  ", i) + "- item\n")
	}
	return b.String()
}

// renderBodyBench renders body whole, cold, as the reader does at width 100.
func renderBodyBench(b *testing.B, body string) {
	a := articles.Article{ID: "story", Title: "A story", Source: "bench", Body: body, BodyLoaded: true}
	r := newRenderer(nil)
	job := renderJob{article: a, key: renderKey{id: a.ID, width: 100, style: "dark|dark"}, gstyle: "dark", styles: newStyles(true, false)}
	b.ReportAllocs()
	for range b.N {
		r.cache = newLRU[renderKey, rendering](renderCacheSize)
		msg := r.renderCmd(context.Background(), job, false)().(renderedMsg)
		if msg.err != nil || msg.content == "" {
			b.Fatal(msg.err)
		}
	}
}

func BenchmarkRender1000Quotes(b *testing.B)    { renderBodyBench(b, quotes(1000)) }
func BenchmarkRender5000Quotes(b *testing.B)    { renderBodyBench(b, quotes(5000)) }
func BenchmarkRenderNestedList300(b *testing.B) { renderBodyBench(b, nestedList(300)) }

// BenchmarkPrintArticle530Words is what printing one article costs in
// ui: a fresh renderer, the rendering, the escapes taken out.
func BenchmarkPrintArticle530Words(b *testing.B) {
	a := articles.Article{Title: "A story", Source: "bench", Author: "Jane Doe", Body: benchStory(530), BodyLoaded: true}
	b.ReportAllocs()
	for range b.N {
		if _, err := RenderArticle(a, "notty", 80); err != nil {
			b.Fatal(err)
		}
	}
}
