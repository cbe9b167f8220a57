package articles

import (
	"context"
	"os"
	"path/filepath"
	"testing"
)

// TestExamplesLoad keeps the sample articles in examples/ readable.
func TestExamplesLoad(t *testing.T) {
	root := filepath.Join("..", "examples")
	if _, err := os.Stat(root); err != nil {
		t.Skip("no examples folder")
	}
	r := load(t, context.Background(), NewDir(root), root)
	if len(r.problems) > 0 {
		t.Errorf("problems: %v", r.problems)
	}
	if len(r.arts) < 6 {
		t.Errorf("%d examples, want at least 6", len(r.arts))
	}
	d := NewDir(root)
	for name, h := range r.arts {
		t.Run(name+" opens with the list title", func(t *testing.T) {
			a, err := d.Open(context.Background(), h)
			if err != nil {
				t.Fatal(err)
			}
			checkArticle(t, a)
			if a.Title != h.Title || len(a.Body) < 1000 {
				t.Errorf("title %q (list %q), body %d bytes", a.Title, h.Title, len(a.Body))
			}
			t.Logf("%s: %q tags %v author %q", name, a.Title, a.Tags, a.Author)
		})
	}
}
