package ui

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"

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

func TestColouredPrintingKeepsOnlyColours(t *testing.T) {
	a := articles.Article{ID: "x", Title: "Harbour", Link: "https://example.com/a",
		Body: "Read [the report](https://example.com/r) now.\n\n> quoted", BodyLoaded: true}
	for _, style := range []string{"", "dark", "light"} {
		out, err := RenderArticleColor(a, style, 60)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(out, "\x1b[") || !strings.Contains(ansi.Strip(out), "the report") {
			t.Errorf("style %q: no colours or no text: %q", style, out)
		}
		if strings.Count(out, "\n") < 3 {
			t.Errorf("style %q: lines lost: %q", style, out)
		}
		// Nothing but SGR sequences, newlines and text.
		rest := regexp.MustCompile(`\x1b\[[0-9;:]*m`).ReplaceAllString(out, "")
		for _, r := range rest {
			if r != '\n' && unicode.IsControl(r) {
				t.Fatalf("style %q: %U left in %q", style, r, rest)
			}
		}
	}
}

func TestOnlySGR(t *testing.T) {
	for in, want := range map[string]string{
		"a\x1b[1mb\x1b[0m\nc":                      "a\x1b[1mb\x1b[0m\nc",
		"\x1b]8;;http://x\x1b\\link\x1b]8;;\x1b\\": "link",
		"\x1b]8;;http://x\alink\x1b]8;;\a":         "link",
		"up\x1b[2Aclear\x1b[2J":                    "upclear",
		"bell\a c1\u009b tab\t":                    "bell c1 tab\t",
		"日本\x1b[31m語\x1b[m":                        "日本\x1b[31m語\x1b[m",
		"cut\x1b]8;;http://never-ended":            "cut",
	} {
		if got := onlySGR(in); got != want {
			t.Errorf("onlySGR(%q) = %q, want %q", in, got, want)
		}
	}
}
