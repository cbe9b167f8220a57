package store

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"newsread/articles"
)

// filesCorpus is one folder of n markdown articles of ~300 words, last
// changed an hour ago (so that the directory index keeps them), made
// once and left in the temporary directory for the next run.
func filesCorpus(b *testing.B, n int) string {
	b.Helper()
	dir := filepath.Join(os.TempDir(), fmt.Sprintf("newsread-store-bench-%d", n))
	marker := filepath.Join(dir, ".complete")
	if _, err := os.Stat(marker); err == nil {
		return dir
	}
	os.RemoveAll(dir)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		b.Fatal(err)
	}
	words := strings.Fields(strings.Repeat("the harbour council said on tuesday that repairs would end soon ", 30))
	old := time.Now().Add(-time.Hour)
	for i := range n {
		path := filepath.Join(dir, fmt.Sprintf("article-%06d.md", i))
		text := fmt.Sprintf("---\ntitle: Article %d about the harbour\ndate: 2024-03-%02dT10:%02d:00Z\nauthor: Jane Doe\n---\n\n%s\n", i, i%28+1, i%60, strings.Join(words[i%7:], " "))
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			b.Fatal(err)
		}
		if err := os.Chtimes(path, old, old); err != nil {
			b.Fatal(err)
		}
	}
	if err := os.WriteFile(marker, nil, 0o644); err != nil {
		b.Fatal(err)
	}
	return dir
}

// scanDir lists root with the store's directory index, as a start of
// newsread does, and returns how many articles came.
func scanDir(b *testing.B, s *Store, root string) int {
	got := 0
	articles.NewDir(root, articles.WithIndex(s.Files())).Load(context.Background(), func(batch articles.Batch) {
		got += len(batch.Articles)
	})
	return got
}

// BenchmarkSecondStartDir is the second start of a folder: every file
// is listed from the headers the store kept at the first, with the
// file's size and time checked. "index load" is the store's part alone:
// reading every kept header of the folder.
func BenchmarkSecondStartDir(b *testing.B) {
	for _, n := range []int{10_000, 100_000} {
		root := filesCorpus(b, n)
		s, _ := fileStore(b)
		if got := scanDir(b, s, root); got != n {
			b.Fatalf("first start: %d articles, want %d", got, n)
		}
		b.Run(fmt.Sprintf("%d files", n), func(b *testing.B) {
			cpu := cpuTime()
			for b.Loop() {
				if got := scanDir(b, s, root); got != n {
					b.Fatalf("%d articles, want %d", got, n)
				}
			}
			b.ReportMetric(float64((cpuTime()-cpu).Milliseconds())/float64(b.N), "cpu-ms/op")
		})
		b.Run(fmt.Sprintf("%d files index load", n), func(b *testing.B) {
			abs, err := filepath.Abs(root)
			if err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			for b.Loop() {
				kept, err := s.Files().Load(b.Context(), abs)
				if err != nil || len(kept) != n {
					b.Fatalf("%d kept, want %d (%v)", len(kept), n, err)
				}
			}
		})
	}
}
