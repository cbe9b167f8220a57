package articles

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"
)

// benchWords makes n words of news-like text.
func benchWords(n, seed int) string {
	words := strings.Fields("the council said on tuesday that the harbour would reopen after repairs to the breakwater were finished and traders welcomed the news while asking for help with rates paid during the closure")
	var b strings.Builder
	for i := range n {
		if i > 0 {
			if i%60 == 0 {
				b.WriteString(".\n\n")
			} else {
				b.WriteByte(' ')
			}
		}
		b.WriteString(words[(i*7+seed)%len(words)])
	}
	b.WriteString(".\n")
	return b.String()
}

// benchCorpus returns a directory of n generated articles (half plain
// text, half markdown, ~300 words, 100 per folder), kept under the temp
// directory keyed by n so that later runs reuse it.
func benchCorpus(b *testing.B, n int) string {
	b.Helper()
	dir := filepath.Join(os.TempDir(), fmt.Sprintf("newsread-bench-%d", n))
	marker := filepath.Join(dir, ".complete")
	if _, err := os.Stat(marker); err == nil {
		return dir
	}
	os.RemoveAll(dir)
	for i := range n {
		sub := filepath.Join(dir, fmt.Sprintf("topic%03d", i/100))
		if i%100 == 0 {
			if err := os.MkdirAll(sub, 0o755); err != nil {
				b.Fatal(err)
			}
		}
		var name, text string
		if i%2 == 0 {
			name = fmt.Sprintf("%06d.txt", i)
			title := fmt.Sprintf("Story number %d about the harbour", i)
			text = title + "\n\n" + title + "\n\n" + benchWords(300, i) + "\nAbout Author\n\nLocal\n"
		} else {
			name = fmt.Sprintf("%06d.md", i)
			text = fmt.Sprintf("---\ntitle: Post number %d\ndate: 2024-03-%02d\nauthor: Jane Doe\ntags: [harbour, news]\n---\n\n", i, i%28+1) + benchWords(300, i)
		}
		if err := os.WriteFile(filepath.Join(sub, name), []byte(text), 0o644); err != nil {
			b.Fatal(err)
		}
	}
	if err := os.WriteFile(marker, nil, 0o644); err != nil {
		b.Fatal(err)
	}
	return dir
}

func BenchmarkScan(b *testing.B) {
	for _, n := range []int{1000, 10000, 100000} {
		b.Run(fmt.Sprintf("%d files", n), func(b *testing.B) {
			root := benchCorpus(b, n)
			p := NewParser()
			var first, total time.Duration
			var retained uint64
			for b.Loop() {
				var heads []Article
				runtime.GC()
				var before runtime.MemStats
				runtime.ReadMemStats(&before)
				start := time.Now()
				gotFirst := false
				NewDir(root, WithParser(p)).Load(context.Background(), func(batch Batch) {
					if !gotFirst && len(batch.Articles) > 0 {
						first += time.Since(start)
						gotFirst = true
					}
					heads = append(heads, batch.Articles...)
				})
				total += time.Since(start)
				runtime.GC()
				var after runtime.MemStats
				runtime.ReadMemStats(&after)
				if after.HeapAlloc > before.HeapAlloc {
					retained = after.HeapAlloc - before.HeapAlloc
				}
				if len(heads) != n {
					b.Fatalf("%d articles, want %d", len(heads), n)
				}
				runtime.KeepAlive(heads)
			}
			b.ReportMetric(float64(first.Microseconds())/1000/float64(b.N), "ms/first-batch")
			b.ReportMetric(float64(total.Milliseconds())/float64(b.N), "ms/done")
			b.ReportMetric(float64(retained)/(1<<20), "MB-retained")
		})
	}
}

// BenchmarkLoadOneFile is what printing one article waits for: a source
// of one 530-word file, from Load to the Done batch.
func BenchmarkLoadOneFile(b *testing.B) {
	path := filepath.Join(b.TempDir(), "story.md")
	text := "---\ntitle: Harbour reopens\nauthor: Jane Doe\n---\n\n" + benchWords(530, 1)
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		b.Fatal(err)
	}
	p := NewParser()
	for b.Loop() {
		done, got := false, 0
		NewFile(path, WithParser(p)).Load(context.Background(), func(batch Batch) {
			got += len(batch.Articles)
			done = batch.Done
		})
		if !done || got != 1 {
			b.Fatalf("done %v with %d articles", done, got)
		}
	}
}

func BenchmarkParseStory(b *testing.B) {
	title := "Harbour reopens after storm repairs"
	data := []byte(title + "\n\n" + title + "\n\n" + benchWords(1000, 1) + "\nAbout Author\n\nLocal\n")
	p := NewParser()
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := p.Parse("story.txt", data, time.Time{}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkParseMarkdown(b *testing.B) {
	data := []byte("---\ntitle: Harbour\ndate: 2024-03-05\ntags: [a, b]\n---\n\n" + benchWords(1000, 2))
	p := NewParser()
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := p.Parse("story.md", data, time.Time{}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkParseHTMLPage(b *testing.B) {
	data, err := os.ReadFile(filepath.Join("testdata", "parse", "page-with-navigation-and-footer.html"))
	if err != nil {
		b.Fatal(err)
	}
	p := NewParser()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := p.Parse("page.html", data, time.Time{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkScanIndexed is a directory scanned again with its headers
// kept: "cold" fills an empty index (a first start), "warm" lists from a
// full one (a second start with nothing changed). The in-memory index
// stands for the store: its Load copies every entry, as a query would.
func BenchmarkScanIndexed(b *testing.B) {
	for _, n := range []int{10000, 100000} {
		root := benchCorpus(b, n)
		p := NewParser()
		scanOnce := func(b *testing.B, idx Index) (first time.Duration, read int) {
			var c openCounter
			d := NewDir(root, WithParser(p), WithIndex(idx))
			d.cfg.open = c.open
			start := time.Now()
			got := 0
			d.Load(context.Background(), func(batch Batch) {
				if got == 0 && len(batch.Articles) > 0 {
					first = time.Since(start)
				}
				got += len(batch.Articles)
			})
			if got != n {
				b.Fatalf("%d articles, want %d", got, n)
			}
			return first, len(c.opened)
		}
		b.Run(fmt.Sprintf("%d files cold", n), func(b *testing.B) {
			var first time.Duration
			cpu := cpuTime()
			for b.Loop() {
				f, _ := scanOnce(b, NewMemoryIndex())
				first += f
			}
			b.ReportMetric(float64((cpuTime()-cpu).Milliseconds())/float64(b.N), "cpu-ms/op")
			b.ReportMetric(float64(first.Microseconds())/1000/float64(b.N), "ms/first-batch")
		})
		b.Run(fmt.Sprintf("%d files warm", n), func(b *testing.B) {
			idx := NewMemoryIndex()
			scanOnce(b, idx)
			var first time.Duration
			read := 0
			cpu := cpuTime()
			for b.Loop() {
				f, r := scanOnce(b, idx)
				first += f
				read += r
			}
			b.ReportMetric(float64((cpuTime()-cpu).Milliseconds())/float64(b.N), "cpu-ms/op")
			b.ReportMetric(float64(first.Microseconds())/1000/float64(b.N), "ms/first-batch")
			b.ReportMetric(float64(read)/float64(b.N), "files-read")
		})
	}
}

func BenchmarkHeaderEncoding(b *testing.B) {
	a := Article{
		ID: "/home/jane/news/topic001/000123.md", Path: "/home/jane/news/topic001/000123.md",
		Title: "Post number 123 about the harbour reopening after the storm", Author: "Jane Doe",
		Published: time.Date(2024, 3, 5, 10, 0, 0, 0, time.UTC), Tags: []string{"harbour", "news"},
		Summary: "The council said on Tuesday that the harbour would reopen after repairs.",
	}
	data := encodeRecord(nil, "", a)
	b.Run("encode", func(b *testing.B) {
		b.ReportAllocs()
		b.SetBytes(int64(len(data)))
		for b.Loop() {
			EncodeHeader(a)
		}
	})
	b.Run("decode", func(b *testing.B) {
		b.ReportAllocs()
		b.SetBytes(int64(len(data)))
		for b.Loop() {
			if _, err := DecodeHeader(data); err != nil {
				b.Fatal(err)
			}
		}
	})
}
