package ui

import (
	"os"
	"testing"
)

// bigStory is the 50,000-word story of the benchmarks with its 107
// sections (/tmp/perf/big50k.md, made by gen_perfdata.py), or one of
// benchStory's when it is absent.
func bigStory() string {
	if b, err := os.ReadFile("/tmp/perf/big50k.md"); err == nil {
		return string(b)
	}
	return benchStory(50_000)
}

// bigReader is a model at 120×40 reading the whole 50,000-word story.
func bigReader(b *testing.B) *Model {
	m := newTestModel(b, 120, 40, &fakeSource{bodies: map[string]string{"a1": bigStory()}}, sampleArticles())
	m.single = true
	m.layout()
	settle(b, m, press(m, "enter"))
	for !m.reader.complete {
		settle(b, m, m.rend.renderCmd(m.reader.renderContext(m.ctx), m.job(m.reader.article, 0, m.reader.want, m.reader.version), false))
	}
	return m
}

// BenchmarkFindKeystroke50000Words is one key typed into the find prompt
// (a letter added or taken away, "t", "th", "the" and back) and the screen
// drawn, on the whole story.
func BenchmarkFindKeystroke50000Words(b *testing.B) {
	m := bigReader(b)
	press(m, "/")
	keys := []string{"t", "h", "e", "backspace", "backspace", "backspace"}
	b.ReportAllocs()
	b.ResetTimer()
	for i := range b.N {
		press(m, keys[i%len(keys)])
		m.View()
	}
	b.StopTimer()
	b.ReportMetric(float64(len(m.reader.lines)), "lines")
}

// BenchmarkFindFirstKeystroke50000Words is the first key of a find: the
// text of the lines came with the rendering, read by its command.
func BenchmarkFindFirstKeystroke50000Words(b *testing.B) {
	m := bigReader(b)
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		press(m, "/", "t")
		m.View()
		press(m, "esc")
	}
}

// BenchmarkFindFirstKeystrokeTextNotKept50000Words is the first key of a
// find in a rendering taken from the cache whose text is no longer kept
// (more than textCacheSize renderings since), which reads the text of
// every line first.
func BenchmarkFindFirstKeystrokeTextNotKept50000Words(b *testing.B) {
	m := bigReader(b)
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		m.reader.text = nil
		press(m, "/", "t")
		m.View()
		press(m, "esc")
	}
}

// BenchmarkFindNext50000Words is n to the next match of "the" and the
// screen drawn.
func BenchmarkFindNext50000Words(b *testing.B) {
	m := bigReader(b)
	press(m, "/")
	typeText(m, "the")
	press(m, "enter")
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		press(m, "n")
		m.View()
	}
	b.StopTimer()
	b.ReportMetric(float64(len(m.reader.find.matches)), "matches")
}

// BenchmarkOutlineOpen50000Words is T on the whole story: its headings
// listed and found in the rendering, the outline drawn.
func BenchmarkOutlineOpen50000Words(b *testing.B) {
	m := bigReader(b)
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		press(m, "T")
		m.View()
		press(m, "esc")
	}
	b.StopTimer()
	b.ReportMetric(float64(len(m.inside.outline.items)), "headings")
}

// BenchmarkOutlineJump50000Words is enter on a heading of the outline.
func BenchmarkOutlineJump50000Words(b *testing.B) {
	m := bigReader(b)
	press(m, "T")
	n := len(m.inside.outline.items)
	b.ReportAllocs()
	b.ResetTimer()
	for i := range b.N {
		m.inside.outline.cursor = i % n
		press(m, "enter")
		m.View()
		m.overlay = overlayOutline
	}
}

// BenchmarkReadText50000Words is the text of every line of the rendered
// story read for find, as each render command now does after rendering.
func BenchmarkReadText50000Words(b *testing.B) {
	m := bigReader(b)
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		textOf(m.reader.lines)
	}
}
