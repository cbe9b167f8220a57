package articles

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"syscall"
	"testing"
	"time"
)

// writeFiles creates files (path → content) under dir.
func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, content := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// scanResult is everything a source sent.
type scanResult struct {
	batches  int
	arts     map[string]Article // by path relative to the root
	problems map[string]error
	seen     int
	done     bool
}

func load(t *testing.T, ctx context.Context, src interface {
	Load(context.Context, func(Batch))
}, root string) scanResult {
	t.Helper()
	r := scanResult{arts: map[string]Article{}, problems: map[string]error{}}
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		src.Load(ctx, func(b Batch) {
			if r.done {
				t.Error("a batch after the Done batch")
			}
			r.batches++
			for _, a := range b.Articles {
				rel, _ := filepath.Rel(root, a.Path)
				r.arts[rel] = a
			}
			for _, p := range b.Problems {
				rel, _ := filepath.Rel(root, p.Where)
				r.problems[rel] = p.Err
			}
			r.seen, r.done = b.Seen, b.Done
		})
	}()
	select {
	case <-finished:
	case <-time.After(20 * time.Second):
		t.Fatal("Load did not return")
	}
	return r
}

func keys[V any](m map[string]V) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func TestDirScan(t *testing.T) {
	root := t.TempDir()
	writeFiles(t, root, map[string]string{
		"top.txt":                 "Top story\n\nBody.\n",
		"business/001.txt":        "Ad sales boost profit\n\nBody.\n",
		"business/deep/002.md":    "---\ntitle: Deep\n---\nBody.\n",
		"sport/003.html":          "<html><head><title>Match report</title></head><body><p>Won.</p></body></html>",
		"sport/notes.csv":         "a,b\n",
		"sport/feed.xml":          "<rss/>",
		".hidden/secret.txt":      "Hidden\n",
		"sport/.draft.txt":        "Draft\n",
		"binary.txt":              "\x00\x01\x02binary",
		"empty.md":                "\n\n",
		"local/story.txt":         "Harbour reopens\n\nHarbour reopens\n\nBody.\n\nAbout Author\n\nLocal\n",
		"Real/1.txt":              "A long first paragraph that is the story itself and not a title at all.\n",
		"Real_titles/1.txt":       "The real title\n",
		"bad/front-matter.md":     "---\ntitle: [broken\n---\nBody.\n",
		"business/deep/README.MD": "# Upper case extension\n",
	})
	if err := mkfifo(filepath.Join(root, "pipe.txt")); errors.Is(err, errors.ErrUnsupported) {
		t.Skip("no named pipes on this system")
	} else if err != nil {
		t.Fatal(err)
	}
	big, err := os.Create(filepath.Join(root, "big.txt"))
	if err != nil {
		t.Fatal(err)
	}
	if err := big.Truncate(17 << 20); err != nil {
		t.Fatal(err)
	}
	big.Close()
	if err := os.Symlink(root, filepath.Join(root, "business", "loop")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(root, "top.txt"), filepath.Join(root, "sport", "linked.txt")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(root, "nowhere.txt"), filepath.Join(root, "broken.txt")); err != nil {
		t.Fatal(err)
	}

	r := load(t, context.Background(), NewDir(root, WithBatch(2, time.Millisecond)), root)

	t.Run("the last batch is done", func(t *testing.T) {
		if !r.done {
			t.Error("no Done batch")
		}
	})
	t.Run("several batches are sent", func(t *testing.T) {
		if r.batches < 2 {
			t.Errorf("%d batches", r.batches)
		}
	})
	t.Run("articles are found recursively and hidden ones skipped", func(t *testing.T) {
		want := []string{"Real/1.txt", "bad/front-matter.md", "business/001.txt", "business/deep/002.md", "business/deep/README.MD", "local/story.txt", "sport/003.html", "sport/linked.txt", "top.txt"}
		if got := keys(r.arts); strings.Join(got, " ") != strings.Join(want, " ") {
			t.Errorf("articles %v\nwant %v", got, want)
		}
	})
	t.Run("bad files are reported as problems", func(t *testing.T) {
		for name, want := range map[string]error{
			"binary.txt":          ErrBinary,
			"empty.md":            ErrEmpty,
			"pipe.txt":            ErrNotRegular,
			"big.txt":             ErrTooLarge,
			"bad/front-matter.md": ErrFrontMatter,
		} {
			if !errors.Is(r.problems[name], want) {
				t.Errorf("%s: problem %v, want %v", name, r.problems[name], want)
			}
		}
		if r.problems["broken.txt"] == nil {
			t.Error("broken link not reported")
		}
	})
	t.Run("the folder name is the tag", func(t *testing.T) {
		for name, want := range map[string]string{"business/001.txt": "business", "business/deep/002.md": "deep", "sport/003.html": "sport"} {
			if tags := r.arts[name].Tags; len(tags) != 1 || tags[0] != want {
				t.Errorf("%s: tags %v, want [%s]", name, tags, want)
			}
		}
		if tags := r.arts["top.txt"].Tags; len(tags) != 1 || tags[0] != filepath.Base(root) {
			t.Errorf("a file in the root has tags %v, want the root's name", tags)
		}
	})
	t.Run("the author box category comes before the folder tag", func(t *testing.T) {
		if got := strings.Join(r.arts["local/story.txt"].Tags, ","); got != "Local" {
			t.Errorf("tags %q", got)
		}
	})
	t.Run("a companion titles folder gives the title and is not scanned", func(t *testing.T) {
		if got := r.arts["Real/1.txt"].Title; got != "The real title" {
			t.Errorf("title %q", got)
		}
	})
	t.Run("headers have no body", func(t *testing.T) {
		for name, a := range r.arts {
			if a.BodyLoaded || a.Body != "" {
				t.Errorf("%s has a body", name)
			}
		}
	})
	t.Run("the source is the file's own folder, or the root's name at the top", func(t *testing.T) {
		for name, a := range r.arts {
			want := filepath.Base(filepath.Dir(name))
			if !strings.Contains(name, "/") {
				want = filepath.Base(root)
			}
			if a.Source != want {
				t.Errorf("%s: source %q, want %q", name, a.Source, want)
			}
		}
	})
	t.Run("seen counts every file looked at", func(t *testing.T) {
		looked := map[string]bool{}
		for _, k := range append(keys(r.arts), keys(r.problems)...) {
			looked[k] = true
		}
		if r.seen != len(looked) {
			t.Errorf("seen %d, want %d", r.seen, len(looked))
		}
	})
	t.Run("open reads the body and keeps the tags", func(t *testing.T) {
		a, err := NewDir(root).Open(context.Background(), r.arts["local/story.txt"])
		if err != nil {
			t.Fatal(err)
		}
		if !a.BodyLoaded || a.Body != "Body." || a.Title != "Harbour reopens" || strings.Join(a.Tags, ",") != "Local" {
			t.Errorf("opened %+v", a)
		}
	})
}

func TestDirOtherFiles(t *testing.T) {
	root := t.TempDir()
	writeFiles(t, root, map[string]string{"feed.xml": "<rss/>", "a.txt": "A\n"})
	other := WithOther(func(_ context.Context, path string) ([]Article, []Problem, bool) {
		return []Article{{ID: path, Title: "from feed", Path: path, BodyLoaded: true}}, nil, true
	})
	r := load(t, context.Background(), NewDir(root, other), root)
	if r.arts["feed.xml"].Title != "from feed" || r.arts["a.txt"].Title != "A" {
		t.Errorf("articles %v", keys(r.arts))
	}
}

func TestDirUnreadableFile(t *testing.T) {
	root := t.TempDir()
	writeFiles(t, root, map[string]string{"locked.txt": "Locked\n", "open.txt": "Open\n"})
	t.Run("a file that cannot be opened is a problem", func(t *testing.T) {
		d := NewDir(root)
		d.cfg.open = func(path string) (*os.File, error) {
			if filepath.Base(path) == "locked.txt" {
				return nil, &os.PathError{Op: "open", Path: path, Err: syscall.EACCES}
			}
			return openNonBlocking(path)
		}
		r := load(t, context.Background(), d, root)
		if !errors.Is(r.problems["locked.txt"], os.ErrPermission) || r.arts["open.txt"].Title != "Open" {
			t.Errorf("problems %v, articles %v", r.problems, keys(r.arts))
		}
	})
	t.Run("a file without read permission is a problem", func(t *testing.T) {
		if os.Geteuid() == 0 {
			t.Skip("root reads files without read permission")
		}
		if err := os.Chmod(filepath.Join(root, "locked.txt"), 0); err != nil {
			t.Fatal(err)
		}
		r := load(t, context.Background(), NewDir(root), root)
		if !errors.Is(r.problems["locked.txt"], os.ErrPermission) {
			t.Errorf("problems %v", r.problems)
		}
	})
}

func TestDirCancel(t *testing.T) {
	root := t.TempDir()
	for i := range 3000 {
		writeFiles(t, root, map[string]string{fmt.Sprintf("d%d/%d.txt", i%10, i): "Title\n\nBody.\n"})
	}
	ctx, cancel := context.WithCancel(context.Background())
	got := 0
	done := make(chan struct{})
	go func() {
		defer close(done)
		NewDir(root, WithBatch(10, time.Millisecond)).Load(ctx, func(b Batch) {
			got += len(b.Articles)
			if b.Done {
				t.Error("Done after cancellation")
			}
			cancel()
		})
	}()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("Load did not stop after cancel")
	}
	if got >= 3000 {
		t.Errorf("read all %d articles despite cancel", got)
	}
}

func TestFilesAndFile(t *testing.T) {
	root := t.TempDir()
	writeFiles(t, root, map[string]string{"news/a.txt": "A\n\nBody A.\n", "b": "# B\n\nBody B.\n"})
	t.Run("a list of files loads headers with folder tags", func(t *testing.T) {
		r := load(t, context.Background(), NewFiles("list", []string{filepath.Join(root, "news/a.txt"), filepath.Join(root, "b"), filepath.Join(root, "missing.txt")}), root)
		if !r.done || r.arts["news/a.txt"].Tags[0] != "news" || r.arts["b"].Title != "B" || r.problems["missing.txt"] == nil {
			t.Errorf("articles %v problems %v", r.arts, r.problems)
		}
	})
	t.Run("a single file loads its body", func(t *testing.T) {
		r := load(t, context.Background(), NewFile(filepath.Join(root, "news/a.txt")), root)
		if a := r.arts["news/a.txt"]; !a.BodyLoaded || a.Body != "Body A." {
			t.Errorf("article %+v", a)
		}
	})
	t.Run("a list source opens its articles as they are", func(t *testing.T) {
		l := NewList("stdin", []Article{{ID: "x", Title: "X", Body: "b", BodyLoaded: true}})
		r := load(t, context.Background(), l, "")
		a, err := l.Open(context.Background(), Article{ID: "x"})
		if err != nil || a.Body != "b" || !r.done || len(r.arts) != 1 {
			t.Errorf("got %+v, %v", a, err)
		}
	})
}

func TestDirSymlinksThatLeaveTheTree(t *testing.T) {
	parent := t.TempDir()
	root := filepath.Join(parent, "news")
	writeFiles(t, parent, map[string]string{
		"news/a.txt":         "A\n\nBody.\n",
		"news/inner/b.txt":   "B\n\nBody.\n",
		"outside/secret.txt": "Secret\n\nBody.\n",
		"far/away/c.txt":     "C\n\nBody.\n",
	})
	links := map[string]string{
		"news/root":        "/",
		"news/sibling":     filepath.Join(parent, "outside"),
		"news/relative":    "../far",
		"news/inner-again": "inner",
		"news/deep/back":   "../inner",
	}
	if err := os.MkdirAll(filepath.Join(root, "deep"), 0o755); err != nil {
		t.Fatal(err)
	}
	for name, target := range links {
		if err := os.Symlink(target, filepath.Join(parent, name)); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Symlink(filepath.Join(parent, "outside", "secret.txt"), filepath.Join(root, "linked.txt")); err != nil {
		t.Fatal(err)
	}
	r := load(t, context.Background(), NewDir(root), root)
	t.Run("links to directories outside the tree are problems, not walked", func(t *testing.T) {
		for _, name := range []string{"root", "sibling", "relative"} {
			if !errors.Is(r.problems[name], ErrLinkLeaves) {
				t.Errorf("%s: problem %v, want ErrLinkLeaves", name, r.problems[name])
			}
		}
		for name := range r.arts {
			if strings.HasPrefix(name, "root/") || strings.HasPrefix(name, "sibling/") || strings.HasPrefix(name, "relative/") {
				t.Errorf("walked out of the tree to %s", name)
			}
		}
	})
	t.Run("a link to a directory inside the tree is walked once", func(t *testing.T) {
		n := 0
		for name := range r.arts {
			if filepath.Base(name) == "b.txt" {
				n++
			}
		}
		if n != 1 {
			t.Errorf("b.txt read %d times: %v", n, keys(r.arts))
		}
		if len(r.problems) != 3 {
			t.Errorf("problems %v", r.problems)
		}
	})
	t.Run("a link to a file outside the tree is read", func(t *testing.T) {
		if r.arts["linked.txt"].Title != "Secret" {
			t.Errorf("articles %v", keys(r.arts))
		}
	})
	t.Run("a root reached through a symlink is the tree", func(t *testing.T) {
		via := filepath.Join(parent, "via")
		if err := os.Symlink(root, via); err != nil {
			t.Fatal(err)
		}
		r := load(t, context.Background(), NewDir(via), via)
		if len(r.problems) != 3 || r.arts["a.txt"].Title != "A" {
			t.Errorf("articles %v problems %v", keys(r.arts), r.problems)
		}
	})
}
