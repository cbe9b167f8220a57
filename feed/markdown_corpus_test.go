package feed

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"newsread/articles"
)

// TestCorpusBodiesAreMarkdownWithoutHTML reads every corpus feed and
// checks that no item's markdown holds, outside code, an HTML comment or
// a tag written as entities: what the reader (and --json) would show as
// raw markup.
func TestCorpusBodiesAreMarkdownWithoutHTML(t *testing.T) {
	root := corpusDir(t)
	p := NewParser(articles.NewHTMLConverter())
	fences := regexp.MustCompile("(?s)(```|~~~).*?(```|~~~)|`[^`\n]*`")
	bad := regexp.MustCompile(`<!--|&lt;/?[a-zA-Z!]`)
	bodies := 0
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
			if err != nil {
				return nil
			}
			for _, a := range f.Articles {
				bodies++
				text := fences.ReplaceAllString(a.Body, "")
				if loc := bad.FindStringIndex(text); loc != nil {
					lo, hi := max(0, loc[0]-40), min(len(text), loc[1]+40)
					t.Errorf("%s, %q: markup in the body: %q", rel, a.Title, strings.TrimSpace(text[lo:hi]))
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if bodies == 0 {
		t.Fatal("no item read")
	}
}
