package ui

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"newsread/articles"
)

var benchWords = strings.Fields("the quick brown fox jumps over lazy dog news report market climate election " +
	"science 日本 経済 café naïve emoji 🎉 rust go terminal reader feed release security update")

// benchArticles makes n articles with random titles and dates, a quarter
// of them undated.
func benchArticles(n int) []articles.Article {
	rng := rand.New(rand.NewPCG(7, 11))
	out := make([]articles.Article, n)
	for i := range out {
		var t strings.Builder
		for j := range 4 + rng.IntN(8) {
			if j > 0 {
				t.WriteByte(' ')
			}
			t.WriteString(benchWords[rng.IntN(len(benchWords))])
		}
		out[i] = articles.Article{ID: fmt.Sprint("id", i), Title: t.String(), Source: "bench"}
		if rng.IntN(4) > 0 {
			out[i].Published = fixedNow.Add(-time.Duration(rng.IntN(1e6)) * time.Minute)
		}
	}
	return out
}

// benchStory is markdown of about n words in paragraphs, with a heading,
// a list and a code block now and then.
func benchStory(n int) string {
	rng := rand.New(rand.NewPCG(3, 5))
	var b strings.Builder
	for w := 0; w < n; {
		switch rng.IntN(12) {
		case 0:
			b.WriteString("## A section heading\n\n")
		case 1:
			b.WriteString("- first item\n- second item with **bold**\n- third\n\n")
		case 2:
			b.WriteString("```go\nfunc main() {\n\tfmt.Println(\"hello\")\n}\n```\n\n")
		}
		for range 60 {
			b.WriteString(benchWords[rng.IntN(len(benchWords))])
			b.WriteByte(' ')
			w++
		}
		b.WriteString("\n\n")
	}
	return b.String()
}

func loadedModel(b *testing.B, n, w, h int) *Model {
	m := newTestModel(b, w, h, &fakeSource{}, nil)
	as := benchArticles(n)
	for i := 0; i < len(as); i += 500 {
		m.Update(batchMsg{batches: []sourceBatch{{batch: articles.Batch{Articles: as[i:min(i+500, len(as))]}}}})
	}
	return m
}

func BenchmarkCursorMove100k(b *testing.B) {
	benchCursor(b, loadedModel(b, 100_000, 160, 45))
}

// benchCursor moves the cursor 100 rows down and back, drawing each time.
func benchCursor(b *testing.B, m *Model) {
	down, up := keyMsg("j"), keyMsg("k")
	b.ReportAllocs()
	b.ResetTimer()
	for i := range b.N {
		k := down
		if i%200 >= 100 {
			k = up
		}
		m.Update(k)
		_ = m.View()
	}
}

func BenchmarkFilterKeystroke100k(b *testing.B) {
	m := loadedModel(b, 100_000, 160, 45)
	press(m, "/")
	queries := []string{"fox", "news", "日本"}
	b.ReportAllocs()
	b.ResetTimer()
	for i := range b.N {
		// Unrelated queries in turn: each is a scan of all 100,000 titles.
		m.input.SetValue(queries[i%len(queries)])
		m.list.setQuery(m.input.Value())
	}
}

func BenchmarkFilterKeystrokeAfterBatch100k(b *testing.B) {
	m := loadedModel(b, 100_000, 160, 45)
	press(m, "/")
	queries := []string{"fox", "news", "日本"}
	more := benchArticles(100_000 + 50*b.N)[100_000:]
	for i := range more {
		more[i].ID = fmt.Sprint("more", i)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := range b.N {
		// 50 new articles arrived since the last scan, as while feeds
		// come in: the title index takes them in, then a full scan.
		m.list.add(0, more[50*i:50*i+50])
		m.input.SetValue(queries[i%len(queries)])
		m.list.setQuery(m.input.Value())
	}
}

func BenchmarkFilterKeystrokeAfterRetitle100k(b *testing.B) {
	m := loadedModel(b, 100_000, 160, 45)
	press(m, "/")
	queries := []string{"fox", "news", "日本"}
	b.ReportAllocs()
	b.ResetTimer()
	for i := range b.N {
		// A title changed since the last scan: the index is rebuilt.
		m.list.titles.valid = false
		m.input.SetValue(queries[i%len(queries)])
		m.list.setQuery(m.input.Value())
	}
}

func BenchmarkFilterTyping100k(b *testing.B) {
	m := loadedModel(b, 100_000, 160, 45)
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		press(m, "/")
		typeText(m, "quick")
		press(m, "esc")
	}
}

func BenchmarkBatchMerge100k(b *testing.B) {
	as := benchArticles(100_000)
	b.Run("merge", func(b *testing.B) {
		b.ReportAllocs()
		for range b.N {
			l := newListPane()
			l.setHeight(40)
			for i := 0; i < len(as); i += 500 {
				l.add(0, as[i:min(i+500, len(as))])
			}
		}
	})
	// A folder copied in one go: every file of the same second, the
	// batches in the order of their paths, as the scan sends them.
	files := make([]articles.Article, len(as))
	for i, a := range as {
		files[i] = articles.Article{ID: fmt.Sprintf("/news/a-%06d.md", i), Path: fmt.Sprintf("/news/a-%06d.md", i),
			Title: a.Title, Source: "news", Published: fixedNow, DateFromFile: true}
	}
	// The archive: headers newest first.
	headers := make([]articles.Article, len(as))
	for i, a := range as {
		headers[i] = articles.Article{ID: a.ID, Title: a.Title, Source: "A feed", Feed: "https://a.example/feed",
			Published: fixedNow.Add(-time.Duration(i) * time.Minute)}
	}
	for _, set := range []struct {
		name string
		as   []articles.Article
	}{{"merge files of one second", files}, {"merge archive newest first", headers}} {
		b.Run(set.name, func(b *testing.B) {
			b.ReportAllocs()
			for range b.N {
				l := newListPane()
				l.setHeight(40)
				for i := 0; i < len(set.as); i += 2000 {
					l.add(0, set.as[i:min(i+2000, len(set.as))])
				}
			}
		})
	}
	b.Run("sort everything per batch", func(b *testing.B) {
		b.ReportAllocs()
		for range b.N {
			var all []*entry
			var o origins
			for i := 0; i < len(as); i += 500 {
				for j, a := range as[i:min(i+500, len(as))] {
					e := &entry{seq: int32(i + j)}
					e.set(0, a, &o)
					all = append(all, e)
				}
				slices.SortStableFunc(all, compareEntries)
			}
		}
	})
}

func renderBench(b *testing.B, words int, cold, firstOnly bool) {
	a := articles.Article{ID: "story", Title: "A story", Source: "bench", Body: benchStory(words), BodyLoaded: true}
	st := newStyles(true, false)
	r := newRenderer(nil)
	job := renderJob{article: a, key: renderKey{id: a.ID, width: 100, style: "dark|dark"}, gstyle: "dark", styles: st, cells: 100 * 40}
	r.renderCmd(context.Background(), job, false)() // warm the cache and the renderer pool
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		if cold {
			r.cache = newLRU[renderKey, rendering](renderCacheSize)
		}
		msg := r.renderCmd(context.Background(), job, firstOnly)().(renderedMsg)
		if msg.err != nil || msg.content == "" {
			b.Fatal(msg.err)
		}
	}
}

func BenchmarkRender1000WordsCold(b *testing.B)   { renderBench(b, 1000, true, false) }
func BenchmarkRender1000WordsCached(b *testing.B) { renderBench(b, 1000, false, false) }
func BenchmarkFirstScreen50000Words(b *testing.B) { renderBench(b, 50_000, true, true) }
func BenchmarkRenderWhole50000Words(b *testing.B) { renderBench(b, 50_000, true, false) }
func BenchmarkResizeReaderWithCachedWidth(b *testing.B) {
	m := newTestModel(b, 160, 45, &fakeSource{bodies: map[string]string{"a1": benchStory(1000)}}, sampleArticles())
	settle(b, m, press(m, "enter"))
	settle(b, m, m.resize(120, 45))
	b.ReportAllocs()
	b.ResetTimer()
	for i := range b.N {
		m.Update(tea.WindowSizeMsg{Width: []int{160, 120}[i%2], Height: 45})
	}
}

// markedModel is loadedModel with a store, every third article read and
// every tenth starred, the states merged as they come from the store.
func markedModel(b *testing.B, n, w, h int) *Model {
	m := loadedModel(b, n, w, h)
	m.store = newMemStore(nil)
	states := benchStates(n)
	ids := make([]string, 0, n)
	for _, e := range m.list.all {
		ids = append(ids, e.id)
	}
	m.list.merge(ids, states)
	return m
}

func benchStates(n int) map[string]State {
	states := make(map[string]State, n)
	for i := range n {
		if i%3 == 0 || i%10 == 0 {
			states[fmt.Sprint("id", i)] = State{Read: i%3 == 0, Starred: i%10 == 0}
		}
	}
	return states
}

func BenchmarkCursorMove100kWithMarks(b *testing.B) {
	benchCursor(b, markedModel(b, 100_000, 160, 45))
}

func BenchmarkStatesMerge100k(b *testing.B) {
	as := benchArticles(100_000)
	states := benchStates(100_000)
	b.ReportAllocs()
	for range b.N {
		b.StopTimer()
		l := newListPane()
		l.setHeight(40)
		for i := 0; i < len(as); i += 500 {
			l.add(0, as[i:min(i+500, len(as))])
		}
		b.StartTimer()
		// The store answers per batch of 500, as the batches came.
		ids := make([]string, 0, 500)
		for i := 0; i < len(as); i += 500 {
			ids = ids[:0]
			for _, a := range as[i:min(i+500, len(as))] {
				ids = append(ids, a.ID)
			}
			l.merge(ids, states)
		}
	}
}

func BenchmarkMarkAllRead100k(b *testing.B) {
	m := markedModel(b, 100_000, 160, 45)
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		press(m, "A")
		press(m, "u")
	}
}

// BenchmarkSearchAnswer100k shows the answer of a search that matched
// 10,000 of 100,000 listed articles, newest first and by relevance, and
// draws the screen: the cost of each answer as the user types.
func BenchmarkSearchAnswer100k(b *testing.B) {
	m := loadedModel(b, 100_000, 160, 45)
	rng := rand.New(rand.NewPCG(1, 2))
	ids := make([]string, 10_000)
	for i := range ids {
		ids[i] = fmt.Sprint("id", rng.IntN(100_000))
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := range b.N {
		m.list.setFound("fox", ids, i%2 == 1)
		_ = m.View()
	}
}

// BenchmarkHighlight1000Words highlights two terms in a rendered story
// of 1,000 words, as opening a search result does.
func BenchmarkHighlight1000Words(b *testing.B) {
	m := newTestModel(b, 100, 40, &fakeSource{}, nil)
	a := articles.Article{ID: "x", Title: "x", Body: benchStory(1000), BodyLoaded: true}
	out, err := m.rend.render(context.Background(), a, a.Body, 80, m.glamourStyle(), m.styles)
	if err != nil {
		b.Fatal(err)
	}
	lines := strings.Split(out, "\n")
	h := newHighlighter([]string{benchWords[0], benchWords[1] + " " + benchWords[2]}, m.styles.Match)
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		h.lines(lines)
	}
}
