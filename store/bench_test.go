package store

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"
)

func benchIDs(prefix string, n int) []string {
	ids := make([]string, n)
	for i := range ids {
		ids[i] = fmt.Sprintf("https://%s.example/item/%d", prefix, i)
	}
	return ids
}

func BenchmarkSetRead(b *testing.B) {
	for _, n := range []int{1, 1000} {
		b.Run(fmt.Sprintf("%d ids", n), func(b *testing.B) {
			s, _ := fileStore(b)
			ids := benchIDs("a", n)
			read := true
			for b.Loop() {
				must(b, s.SetRead(b.Context(), ids, read))
				read = !read
			}
		})
	}
}

func BenchmarkStates1000(b *testing.B) {
	s, _ := fileStore(b)
	must(b, s.SetRead(b.Context(), benchIDs("a", 10000), true))
	ids := benchIDs("a", 1000)
	for b.Loop() {
		st, err := s.States(b.Context(), ids)
		if err != nil || len(st) != 1000 {
			b.Fatal(len(st), err)
		}
	}
}

func BenchmarkPutArticles1000(b *testing.B) {
	for _, words := range []int{0, 300} {
		b.Run(fmt.Sprintf("bodies of %d words", words), func(b *testing.B) {
			s, _ := fileStore(b)
			items := feedItems("https://f.example/feed", 1000, words)
			for b.Loop() {
				must(b, s.PutArticles(b.Context(), items))
			}
		})
	}
}

// putMany stores n articles of many feeds (100 items a feed) in a new
// file and returns it with how long the puts took.
func putMany(b *testing.B, n, words int) (string, time.Duration) {
	s, path := fileStore(b)
	start := time.Now()
	const perFeed = 100
	for f := 0; f < n/perFeed; f++ {
		must(b, s.PutArticles(b.Context(), feedItems(fmt.Sprintf("https://feed%d.example/rss", f), perFeed, words)))
	}
	took := time.Since(start)
	must(b, s.Close())
	return path, took
}

// BenchmarkStoreSize100k reports the size on disk of 100,000 feed items
// with ~300-word bodies (headers and bodies; the full-text index is not
// counted here).
func BenchmarkStoreSize100k(b *testing.B) {
	for b.Loop() {
		path, took := putMany(b, 100_000, 300)
		size := dirSize(b, filepath.Dir(path))
		b.ReportMetric(float64(size)/1e6, "MB/100k")
		b.ReportMetric(100_000/took.Seconds(), "articles/s")
	}
}

// BenchmarkPutHeaders1M stores 1,000,000 headers (no bodies) of 10,000
// feeds.
func BenchmarkPutHeaders1M(b *testing.B) {
	for b.Loop() {
		path, took := putMany(b, 1_000_000, 0)
		b.ReportMetric(1_000_000/took.Seconds(), "articles/s")
		b.ReportMetric(float64(dirSize(b, filepath.Dir(path)))/1e6, "MB")
	}
}

func dirSize(b *testing.B, dir string) int64 {
	entries, err := os.ReadDir(dir)
	if err != nil {
		b.Fatal(err)
	}
	var n int64
	for _, e := range entries {
		if fi, err := e.Info(); err == nil {
			n += fi.Size()
		}
	}
	return n
}
