package feed

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"newsread/articles"
)

// corpusDir is the shared real-world corpus; tests that use it skip when
// it is absent, so a plain clone passes.
func corpusDir(t testing.TB) string {
	t.Helper()
	dir := filepath.Join("..", "..", "shared", "corpus")
	if _, err := os.Stat(dir); err != nil {
		t.Skip("corpus not present at", dir)
	}
	return dir
}

// corpusFeed is one file of the corpus's feeds/ and realfeeds/, parsed.
type corpusFeed struct {
	rel string // slash-separated, under the corpus
	f   *Feed  // nil when it failed
	err error
}

var (
	corpusOnce   sync.Once
	corpusParsed []corpusFeed
	corpusErr    error
)

// corpusFeeds parses every file of the corpus's feeds/ and realfeeds/
// once for all the tests that read them: under the race detector one pass
// takes some 25 seconds.
func corpusFeeds(t *testing.T) []corpusFeed {
	t.Helper()
	root := corpusDir(t)
	corpusOnce.Do(func() {
		p := NewParser(articles.NewHTMLConverter())
		for _, sub := range []string{"feeds", "realfeeds"} {
			err := filepath.WalkDir(filepath.Join(root, sub), func(path string, d fs.DirEntry, err error) error {
				if err != nil || d.IsDir() || isCorpusMeta(d.Name()) {
					return err
				}
				data, err := os.ReadFile(path)
				if err != nil {
					return err
				}
				rel, _ := filepath.Rel(root, path)
				f, err := parseGuarded(t, p, rel, data, 10*time.Second)
				corpusParsed = append(corpusParsed, corpusFeed{rel: filepath.ToSlash(rel), f: f, err: err})
				return nil
			})
			if err != nil {
				corpusErr = err
				return
			}
		}
	})
	if corpusErr != nil {
		t.Fatal(corpusErr)
	}
	return corpusParsed
}

// parseGuarded parses data on another goroutine and fails the test when
// it takes longer than limit, so a hang shows as a failure naming the file.
func parseGuarded(t *testing.T, p *Parser, name string, data []byte, limit time.Duration) (*Feed, error) {
	t.Helper()
	type result struct {
		f   *Feed
		err error
	}
	ch := make(chan result, 1)
	go func() {
		f, err := p.Parse(data, ParseOptions{URL: "https://corpus.test/" + filepath.ToSlash(name)})
		ch <- result{f, err}
	}()
	select {
	case r := <-ch:
		return r.f, r.err
	case <-time.After(limit):
		t.Fatalf("%s: parse did not finish within %s", name, limit)
		return nil, nil
	}
}

func TestCorpusGofeedCasesConvert(t *testing.T) {
	dir := filepath.Join(corpusDir(t), "feeds", "gofeed", "testdata")
	p := NewParser(articles.NewHTMLConverter())
	converted := 0
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		ext := filepath.Ext(path)
		if ext != ".xml" && ext != ".json" || strings.HasSuffix(path, "_expected.json") || strings.Contains(path, "invalid") {
			return nil
		}
		if ext == ".json" && exists(strings.TrimSuffix(path, ext)+".xml") {
			return nil // the expected output of the .xml case beside it
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		if _, err := gofeedParses(data); err != nil {
			return nil // gofeed itself refuses it: nothing to compare with
		}
		rel, _ := filepath.Rel(dir, path)
		if _, err := parseGuarded(t, p, rel, data, 10*time.Second); err != nil {
			t.Errorf("%s: gofeed parses it but Parse fails: %v", rel, err)
			return nil
		}
		converted++
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("gofeed cases converted to articles: %d", converted)
}

func TestCorpusEveryFeedLoadsOrFailsCleanly(t *testing.T) {
	loaded, failed, items := 0, 0, 0
	for _, c := range corpusFeeds(t) {
		if c.err != nil {
			failed++
			continue
		}
		loaded++
		items += len(c.f.Articles)
	}
	t.Logf("corpus files: %d loaded (%d articles), %d failed cleanly", loaded, items, failed)
	if loaded == 0 {
		t.Error("no corpus file loaded")
	}
}

func exists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}

func isCorpusMeta(name string) bool {
	switch name {
	case "LICENSE", "SOURCE_COMMIT", "MANIFEST.tsv", "README.md", ".htaccess":
		return true
	}
	return false
}

func TestCorpusLegacyEncodingsGiveReadableTitles(t *testing.T) {
	root := corpusDir(t)
	tests := []struct {
		name      string
		path      string
		feedTitle string
		itemTitle string
	}{
		{"a windows-1251 feed reads as Cyrillic", "realfeeds/miniflux/internal/reader/parser/testdata/encoding_WINDOWS-1251.xml", "iBash.Org.Ru", "Цитата #17703"},
		{"an ISO-8859-1 feed keeps its accents", "feeds/rss-parser/test/input/encoding.rss", "Jornal de Notícias - Últimas Notícias", "Mãe de utente é a nova presidente da Raríssimas"},
		{"a big-endian UTF-16 feed without BOM reads", "feeds/simplepie/tests/data/feed-utf16be.xml", "Test feed", "Test feed title 1"},
		{"a little-endian UTF-16 feed without BOM reads", "feeds/simplepie/tests/data/feed-utf16le.xml", "Test feed", "Test feed title 1"},
		{"an ISO-8859-1 RSS 0.91 feed keeps its umlauts", "feeds/kde-syndication/autotests/rss2/zeit.de.xml", "DIE ZEIT: Homepage", `"Kein Vergleich zu Mai 68"`},
	}
	p := NewParser(articles.NewHTMLConverter())
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join(root, tt.path))
			if err != nil {
				t.Skip(err)
			}
			f, err := p.Parse(data, ParseOptions{URL: "https://example.com/feed"})
			if err != nil {
				t.Fatal(err)
			}
			if f.Title != tt.feedTitle {
				t.Errorf("feed title %q, want %q", f.Title, tt.feedTitle)
			}
			if len(f.Articles) == 0 || f.Articles[0].Title != tt.itemTitle {
				t.Errorf("first article title wrong: %+v", firstTitle(f))
			}
		})
	}
}

func firstTitle(f *Feed) string {
	if len(f.Articles) == 0 {
		return "(no articles)"
	}
	return f.Articles[0].Title
}
