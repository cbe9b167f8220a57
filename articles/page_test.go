package articles

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestParsePage(t *testing.T) {
	story := "<html><head><title>Harbour reopens</title></head><body><nav><a href='/'>Home</a></nav><article><h1>Harbour reopens</h1>" +
		strings.Repeat("<p>The north harbour reopened on Tuesday after six weeks of repairs to the breakwater, officials said. </p>", 6) +
		"<p>See <a href='/more/details.html'>the details</a>.</p></article></body></html>"
	tests := []struct {
		name    string
		page    string
		err     error
		inBody  []string
		outBody []string
	}{
		{name: "the story of a page becomes markdown without its navigation", page: story,
			inBody: []string{"north harbour reopened", "breakwater"}, outBody: []string{"Home"}},
		{name: "relative links resolve against the page's address", page: story,
			inBody: []string{"(https://news.example/more/details.html)"}},
		{name: "a page with no article is ErrNoArticle", page: "<html><head><title>Sign in</title></head><body><script>draw()</script></body></html>",
			err: ErrNoArticle},
		{name: "an empty page is ErrEmpty", page: "  \n", err: ErrEmpty},
	}
	p := NewParser()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := p.ParsePage("https://news.example/2024/harbour", []byte(tt.page))
			if !errors.Is(err, tt.err) {
				t.Fatalf("err = %v, want %v", err, tt.err)
			}
			if tt.err != nil {
				return
			}
			if !a.BodyLoaded || a.Link != "https://news.example/2024/harbour" {
				t.Errorf("loaded %v, link %q", a.BodyLoaded, a.Link)
			}
			for _, w := range tt.inBody {
				if !strings.Contains(a.Body, w) {
					t.Errorf("body lacks %q:\n%s", w, a.Body)
				}
			}
			for _, w := range tt.outBody {
				if strings.Contains(a.Body, w) {
					t.Errorf("body holds %q:\n%s", w, a.Body)
				}
			}
		})
	}
}

func TestParsePageOfARealNewsPage(t *testing.T) {
	page := filepath.Join(corpusDir(t), "html/readability/test/test-pages/nytimes-1/source.html")
	data, err := os.ReadFile(page)
	if err != nil {
		t.Skip(err)
	}
	a, err := NewParser().ParsePage("https://www.nytimes.com/2017/01/13/world/africa/sudan-sanctions.html", data)
	if err != nil {
		t.Fatal(err)
	}
	if a.Title != "United States to Lift Sudan Sanctions" || !strings.Contains(a.Body, "After nearly 20 years of hostile relations") || len(a.Body) < 3000 {
		t.Errorf("the story was not extracted (%d bytes):\n%.500s", len(a.Body), a.Body)
	}
}

// BenchmarkParsePage is the full text's extraction and conversion alone
// (readability, then markdown) for real news pages of the corpus.
func BenchmarkParsePage(b *testing.B) {
	for _, name := range []string{"medium-1", "bbc-1", "nytimes-1", "wikipedia-2", "yahoo-2"} {
		data, err := os.ReadFile(filepath.Join(corpusDir(b), "html/readability/test/test-pages", name, "source.html"))
		if err != nil {
			b.Skip(err)
		}
		b.Run(name, func(b *testing.B) {
			p := NewParser()
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := p.ParsePage("https://news.example/story", data); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
