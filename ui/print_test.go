package ui

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"newsread/articles"
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

// parseFiles parses every article file under dir whose path passes keep.
func parseFiles(t *testing.T, dir string, keep func(path string, i int) bool) []articles.Article {
	t.Helper()
	p := articles.NewParser()
	var out []articles.Article
	i := 0
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !articles.IsArticleFile(path) {
			return err
		}
		i++
		if !keep(path, i) {
			return nil
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		a, err := p.Parse(path, data, time.Time{})
		if err == nil {
			out = append(out, a)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(out) == 0 {
		t.Fatal("no articles under", dir)
	}
	return out
}

// firstControl returns the offset of the first control character in s
// (C0 but newline and tab, DEL, C1) and true, or false when there is none.
func firstControl(s string) (int, bool) {
	for i, r := range s {
		if r < 0x20 && r != '\n' && r != '\t' || r == 0x7f || r >= 0x80 && r <= 0x9f {
			return i, true
		}
		if r == utf8.RuneError && strings.HasPrefix(s[i:], "\x9b") {
			return i, true
		}
	}
	return 0, false
}

func TestPrintedArticlesHoldNoControlCharacters(t *testing.T) {
	check := func(t *testing.T, as []articles.Article, styles []string) {
		for _, a := range as {
			for _, style := range styles {
				out, err := RenderArticle(a, style, 80)
				if err != nil {
					t.Fatalf("%s: %v", a.Path, err)
				}
				if i, ok := firstControl(out); ok {
					t.Errorf("%s in style %q: control character at %d: %q", a.Path, style, i, out[max(0, i-20):min(len(out), i+40)])
				}
			}
		}
	}
	t.Run("every example in every style", func(t *testing.T) {
		all := func(string, int) bool { return true }
		check(t, parseFiles(t, filepath.Join("..", "examples"), all), []string{"", "notty", "ascii", "dark", "light"})
	})
	t.Run("saved web pages of the corpus", func(t *testing.T) {
		html := filepath.Join(corpusDir(t), "html")
		// Every third readability test page and every 20th extraction page.
		sample := func(path string, i int) bool {
			return filepath.Base(path) == "source.html" && i%3 == 0 || strings.Contains(path, "extraction-dev") && i%20 == 0
		}
		check(t, parseFiles(t, html, sample), []string{"notty"})
	})
}

func TestHyperlinksOnScreenHaveCleanTargets(t *testing.T) {
	html := filepath.Join(corpusDir(t), "html", "readability")
	r := newRenderer(nil)
	st := newStyles(true, false)
	for _, a := range parseFiles(t, html, func(path string, i int) bool { return filepath.Base(path) == "source.html" && i%3 == 1 }) {
		out, err := r.render(t.Context(), a, a.Body, 100, "dark", st)
		if err != nil {
			t.Fatalf("%s: %v", a.Path, err)
		}
		checkHyperlinks(t, out)
	}
}
