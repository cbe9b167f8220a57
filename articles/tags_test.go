package articles

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestSameTagsByEveryPath loads the same files as a directory, as a list
// and one by one: each article must come with the same source and tags.
func TestSameTagsByEveryPath(t *testing.T) {
	parent := t.TempDir()
	root := filepath.Join(parent, "examples")
	writeFiles(t, root, map[string]string{
		"harbour.txt":      "Harbour reopens\n\nBody.\n\nAbout Author\n\nLocal\n",
		"science/stars.md": "---\ntags: [Science, science, Space]\n---\n# Stars\n\nBody.\n",
		"local/ferry.txt":  "Ferry\n\nBody.\n\nAbout Author\n\nLOCAL\n",
	})
	want := map[string]struct{ source, tags string }{
		"harbour.txt":      {"examples", "Local,examples"},
		"science/stars.md": {"science", "Science,Space"},
		"local/ferry.txt":  {"local", "LOCAL"},
	}
	dir := load(t, context.Background(), NewDir(root), root)
	var paths []string
	for name := range want {
		paths = append(paths, filepath.Join(root, name))
	}
	list := load(t, context.Background(), NewFiles("stdin", paths), root)
	for name, w := range want {
		single := load(t, context.Background(), NewFile(filepath.Join(root, name)), root)
		for how, r := range map[string]scanResult{"in a directory": dir, "in a list": list, "alone": single} {
			t.Run(name+" has its folder's source and tags "+how, func(t *testing.T) {
				a, ok := r.arts[name]
				if !ok {
					t.Fatalf("not loaded: %v", r.problems)
				}
				if got := strings.Join(a.Tags, ","); a.Source != w.source || got != w.tags {
					t.Errorf("source %q tags %q, want %q %q", a.Source, got, w.source, w.tags)
				}
			})
		}
	}
	t.Run("a file in the working directory takes the directory's name", func(t *testing.T) {
		t.Chdir(root)
		r := load(t, context.Background(), NewFile("harbour.txt"), "")
		wd, _ := os.Getwd()
		if a := r.arts["harbour.txt"]; a.Source != filepath.Base(wd) || strings.Join(a.Tags, ",") != "Local,"+filepath.Base(wd) {
			t.Errorf("source %q tags %v", a.Source, a.Tags)
		}
	})
}
