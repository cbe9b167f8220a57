package articles

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"
)

// corpusDir is the shared real-world corpus, absent in a plain clone.
func corpusDir(t testing.TB) string {
	t.Helper()
	dir := filepath.Join("..", "..", "shared", "corpus")
	if _, err := os.Stat(dir); err != nil {
		t.Skip("corpus not present:", dir)
	}
	return dir
}

// checkArticle asserts what every loaded article must satisfy.
func checkArticle(t testing.TB, a Article) {
	t.Helper()
	if strings.TrimSpace(a.Title) == "" {
		t.Errorf("%s: empty title", a.Path)
	}
	for name, s := range map[string]string{"title": a.Title, "author": a.Author, "body": a.Body, "link": a.Link, "summary": a.Summary, "tags": strings.Join(a.Tags, ",")} {
		if !utf8.ValidString(s) {
			t.Errorf("%s: invalid UTF-8 in %s", a.Path, name)
		}
		if r, ok := controlIn(s); ok {
			t.Errorf("%s: control character %U in %s", a.Path, r, name)
		}
	}
	if a.BodyLoaded {
		first, _, _ := strings.Cut(strings.TrimSpace(a.Body), "\n")
		first = strings.TrimLeft(first, "# ")
		if first != "" && sameTitle(first, a.Title) {
			t.Errorf("%s: body repeats the title %q", a.Path, a.Title)
		}
	}
}

func controlIn(s string) (rune, bool) {
	for _, r := range s {
		if r < 0x20 && r != '\n' && r != '\t' || r >= 0x7f && r <= 0x9f {
			return r, true
		}
	}
	return 0, false
}

// loadAll scans root like the reader does and opens every article.
func loadAll(t *testing.T, root string) []Article {
	t.Helper()
	d := NewDir(root)
	var heads []Article
	done := false
	d.Load(context.Background(), func(b Batch) {
		heads = append(heads, b.Articles...)
		for _, p := range b.Problems {
			t.Errorf("problem: %v", p)
		}
		done = b.Done
	})
	if !done {
		t.Fatal("no batch with Done")
	}
	full := make([]Article, len(heads))
	var wg sync.WaitGroup
	sem := make(chan struct{}, 8)
	for i, h := range heads {
		wg.Go(func() {
			sem <- struct{}{}
			defer func() { <-sem }()
			a, err := d.Open(context.Background(), h)
			if err != nil {
				t.Errorf("open %s: %v", h.Path, err)
				return
			}
			if a.Title != h.Title {
				t.Errorf("%s: list title %q, reader title %q", h.Path, h.Title, a.Title)
			}
			full[i] = a
		})
	}
	wg.Wait()
	return full
}

func TestCorpusLoads(t *testing.T) {
	corpus := corpusDir(t)
	roots := []struct {
		name, path string
		tagged     bool
	}{
		{"BBC stories load with folder tags", "articles/bbc-greene-cunningham", true},
		{"This Just In stories load with their separate titles", "articles/horne2017-this-just-in", true},
		{"Reuters stories load", "articles/reuters21578/derived-split-reut2-000", false},
		{"markdown blog posts load", "markdown", true},
	}
	for _, r := range roots {
		t.Run(r.name, func(t *testing.T) {
			t.Parallel()
			arts := loadAll(t, filepath.Join(corpus, r.path))
			if len(arts) == 0 {
				t.Fatal("no articles")
			}
			for _, a := range arts {
				checkArticle(t, a)
				if r.tagged && len(a.Tags) == 0 {
					t.Errorf("%s: no tags", a.Path)
				}
			}
			t.Logf("%s: %d articles", r.path, len(arts))
			fmt.Printf("corpus %s: %d articles\n", r.path, len(arts))
		})
	}
}

func TestCorpusReadabilityTitles(t *testing.T) {
	pages, _ := filepath.Glob(filepath.Join(corpusDir(t), "html/readability/test/test-pages/*/source.html"))
	if len(pages) == 0 {
		t.Skip("no readability test pages")
	}
	p := NewParser()
	var mu sync.Mutex
	match := 0
	var misses []string
	var wg sync.WaitGroup
	sem := make(chan struct{}, 4)
	for _, page := range pages {
		wg.Go(func() {
			sem <- struct{}{}
			defer func() { <-sem }()
			var want struct {
				Title string `json:"title"`
			}
			meta, err := os.ReadFile(filepath.Join(filepath.Dir(page), "expected-metadata.json"))
			if err != nil || json.Unmarshal(meta, &want) != nil {
				t.Errorf("%s: no expected metadata", page)
				return
			}
			data, err := os.ReadFile(page)
			if err != nil {
				t.Error(err)
				return
			}
			a, err := p.ParseHeader(page, data, nil, fileTimeZero)
			if err != nil {
				t.Errorf("%s: %v", page, err)
				return
			}
			checkArticle(t, a)
			mu.Lock()
			defer mu.Unlock()
			if a.Title == oneLine(want.Title) {
				match++
			} else {
				misses = append(misses, fmt.Sprintf("%s: got %q, want %q", filepath.Base(filepath.Dir(page)), a.Title, want.Title))
			}
		})
	}
	wg.Wait()
	pct := 100 * float64(match) / float64(len(pages))
	for _, m := range misses {
		t.Log(m)
	}
	t.Logf("readability titles: %d of %d match (%.1f%%)", match, len(pages), pct)
	fmt.Printf("readability titles: %d of %d match (%.1f%%)\n", match, len(pages), pct)
	if pct < 90 {
		t.Errorf("title match %.1f%%, want at least 90%%", pct)
	}
}
