package articles

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// oldTime is a modification time far enough in the past for a header
// to be kept (see racyWindow).
var oldTime = time.Date(2024, 5, 6, 7, 8, 9, 123456789, time.UTC)

// age sets the modification time of the files under root (paths
// relative to it) to oldTime plus step seconds.
func age(t *testing.T, root string, step int, paths ...string) {
	t.Helper()
	for _, p := range paths {
		at := oldTime.Add(time.Duration(step) * time.Second)
		if err := os.Chtimes(filepath.Join(root, p), at, at); err != nil {
			t.Fatal(err)
		}
	}
}

// openCounter counts the article files a source opens.
type openCounter struct {
	mu     sync.Mutex
	opened []string
}

func (c *openCounter) open(path string) (*os.File, error) {
	c.mu.Lock()
	c.opened = append(c.opened, path)
	c.mu.Unlock()
	return openNonBlocking(path)
}

// take returns the files opened so far, relative to root and sorted,
// and starts counting again.
func (c *openCounter) take(root string) []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	out := []string{}
	for _, p := range c.opened {
		rel, _ := filepath.Rel(root, p)
		out = append(out, rel)
	}
	sort.Strings(out)
	c.opened = nil
	return out
}

// indexedScan scans root with idx and returns what it listed and which
// files it opened.
func indexedScan(t *testing.T, root string, idx Index) (scanResult, []string) {
	t.Helper()
	var c openCounter
	d := NewDir(root, WithIndex(idx))
	d.cfg.open, d.cfg.coldStart = c.open, 0
	r := load(t, context.Background(), d, root)
	return r, c.take(root)
}

// plainScan scans root without an index: what an indexed scan must list.
func plainScan(t *testing.T, root string) scanResult {
	t.Helper()
	return load(t, context.Background(), NewDir(root), root)
}

func TestDirIndex(t *testing.T) {
	root := t.TempDir()
	files := map[string]string{
		"news/a.txt":        "Harbour reopens\n\nThe harbour reopened.\n\nAbout Author\n\nJane writes.\n\nLocal\n",
		"news/b.md":         "---\ntitle: Council votes\ndate: 2024-03-05T10:00:00+02:00\ntags: [council]\n---\n\nThe vote.\n",
		"sport/c.txt":       "Match report\n\nThey won.\n",
		"Real/1.txt":        "first line\n\nThe story.\n",
		"Real_titles/1.txt": "The real title\n",
		"page.html":         "<html><head><title>A page</title></head><body><article><p>Words of the page.</p></article></body></html>",
	}
	writeFiles(t, root, files)
	age(t, root, 0, keys(files)...)
	idx := NewMemoryIndex()
	first, opened := indexedScan(t, root, idx)
	t.Run("a first scan reads every file and keeps each header", func(t *testing.T) {
		if want := []string{"Real/1.txt", "news/a.txt", "news/b.md", "page.html", "sport/c.txt"}; !cmp.Equal(opened, want) {
			t.Errorf("opened %v, want %v", opened, want)
		}
		if idx.Len() != 5 {
			t.Errorf("the index keeps %d files, want 5", idx.Len())
		}
		if diff := cmp.Diff(plainScan(t, root).arts, first.arts); diff != "" {
			t.Errorf("an indexed scan lists differently (-plain +indexed):\n%s", diff)
		}
	})
	t.Run("a second scan opens no file and lists the same headers", func(t *testing.T) {
		again, opened := indexedScan(t, root, idx)
		if len(opened) != 0 {
			t.Errorf("opened %v", opened)
		}
		if diff := cmp.Diff(first.arts, again.arts); diff != "" {
			t.Errorf("headers differ (-first +second):\n%s", diff)
		}
		if !again.done || again.seen != 5 {
			t.Errorf("done %v with %d files seen", again.done, again.seen)
		}
	})
	t.Run("a file changed under the same size and time keeps its header", func(t *testing.T) {
		swapped := strings.Replace(files["sport/c.txt"], "Match report", "Other things", 1)
		writeFiles(t, root, map[string]string{"sport/c.txt": swapped})
		age(t, root, 0, "sport/c.txt")
		r, _ := indexedScan(t, root, idx)
		if got := r.arts["sport/c.txt"].Title; got != "Match report" {
			t.Errorf("title %q: the file was read", got)
		}
	})
	t.Run("a changed file is read again and shows its new header", func(t *testing.T) {
		writeFiles(t, root, map[string]string{"news/b.md": strings.Replace(files["news/b.md"], "Council votes", "Council vote delayed", 1)})
		age(t, root, 1, "news/b.md")
		r, opened := indexedScan(t, root, idx)
		if want := []string{"news/b.md"}; !cmp.Equal(opened, want) {
			t.Errorf("opened %v, want %v", opened, want)
		}
		if got := r.arts["news/b.md"].Title; got != "Council vote delayed" {
			t.Errorf("title %q", got)
		}
		if _, opened := indexedScan(t, root, idx); len(opened) != 0 {
			t.Errorf("the scan after opened %v", opened)
		}
	})
	t.Run("a file touched to another time is read again", func(t *testing.T) {
		age(t, root, 2, "sport/c.txt")
		r, opened := indexedScan(t, root, idx)
		if want := []string{"sport/c.txt"}; !cmp.Equal(opened, want) {
			t.Errorf("opened %v, want %v", opened, want)
		}
		if got := r.arts["sport/c.txt"].Title; got != "Other things" {
			t.Errorf("title %q", got)
		}
	})
	t.Run("a new file is read and listed", func(t *testing.T) {
		writeFiles(t, root, map[string]string{"news/d.txt": "Late news\n\nJust in.\n"})
		age(t, root, 0, "news/d.txt")
		r, opened := indexedScan(t, root, idx)
		if want := []string{"news/d.txt"}; !cmp.Equal(opened, want) {
			t.Errorf("opened %v, want %v", opened, want)
		}
		if a := r.arts["news/d.txt"]; a.Title != "Late news" || a.Source != "news" {
			t.Errorf("new file listed as %+v", a)
		}
	})
	t.Run("a deleted file is not listed and is forgotten", func(t *testing.T) {
		if err := os.Remove(filepath.Join(root, "news", "a.txt")); err != nil {
			t.Fatal(err)
		}
		r, opened := indexedScan(t, root, idx)
		if _, ok := r.arts["news/a.txt"]; ok || len(opened) != 0 {
			t.Errorf("listed %v, opened %v", keys(r.arts), opened)
		}
		if kept, _ := idx.Load(context.Background(), root); len(kept) != 5 {
			t.Errorf("the index keeps %d files, want 5", len(kept))
		}
	})
	t.Run("a changed companion title is read again", func(t *testing.T) {
		writeFiles(t, root, map[string]string{"Real_titles/1.txt": "A better title\n"})
		r, opened := indexedScan(t, root, idx)
		if want := []string{"Real/1.txt"}; !cmp.Equal(opened, want) {
			t.Errorf("opened %v, want %v", opened, want)
		}
		if got := r.arts["Real/1.txt"].Title; got != "A better title" {
			t.Errorf("title %q", got)
		}
	})
	t.Run("a removed companion title is read again", func(t *testing.T) {
		if err := os.Remove(filepath.Join(root, "Real_titles", "1.txt")); err != nil {
			t.Fatal(err)
		}
		r, opened := indexedScan(t, root, idx)
		if want := []string{"Real/1.txt"}; !cmp.Equal(opened, want) {
			t.Errorf("opened %v, want %v", opened, want)
		}
		if got := r.arts["Real/1.txt"].Title; got != "first line" {
			t.Errorf("title %q", got)
		}
	})
	t.Run("after all these changes an indexed scan lists what a plain one does", func(t *testing.T) {
		r, opened := indexedScan(t, root, idx)
		if len(opened) != 0 {
			t.Errorf("opened %v", opened)
		}
		if diff := cmp.Diff(plainScan(t, root).arts, r.arts); diff != "" {
			t.Errorf("(-plain +indexed):\n%s", diff)
		}
	})
}

func TestDirIndexKeepsOnlyWhatIsSafe(t *testing.T) {
	root := t.TempDir()
	writeFiles(t, root, map[string]string{
		"fresh.txt":    "Just written\n\nNow.\n",
		"bad-front.md": "---\ntitle: [unclosed\n---\n\nBody.\n",
		"empty.txt":    "   \n",
		"ok.txt":       "Fine\n\nBody.\n",
	})
	age(t, root, 0, "bad-front.md", "empty.txt", "ok.txt")
	idx := NewMemoryIndex()
	indexedScan(t, root, idx)
	r, opened := indexedScan(t, root, idx)
	t.Run("a file written in the last moments is read again", func(t *testing.T) {
		if !cmp.Equal(opened, []string{"bad-front.md", "empty.txt", "fresh.txt"}) {
			t.Errorf("opened %v", opened)
		}
	})
	t.Run("a file with a problem is reported again", func(t *testing.T) {
		if !errors.Is(r.problems["bad-front.md"], ErrFrontMatter) || !errors.Is(r.problems["empty.txt"], ErrEmpty) {
			t.Errorf("problems %v", r.problems)
		}
		if r.arts["bad-front.md"].Path == "" {
			t.Error("the file with bad front matter is not listed")
		}
	})
	t.Run("only the good old file is kept", func(t *testing.T) {
		kept, _ := idx.Load(context.Background(), root)
		if got := keys(kept); !cmp.Equal(got, []string{filepath.Join(root, "ok.txt")}) {
			t.Errorf("kept %v", got)
		}
	})
}

func TestIndexAcrossNames(t *testing.T) {
	parent := t.TempDir()
	root := filepath.Join(parent, "news")
	writeFiles(t, root, map[string]string{"a.txt": "Harbour\n\nBody.\n", "sport/b.txt": "Match\n\nBody.\n"})
	age(t, root, 0, "a.txt", "sport/b.txt")
	idx := NewMemoryIndex()
	indexedScan(t, root, idx)
	t.Run("a relative name finds the headers kept under the absolute one", func(t *testing.T) {
		t.Chdir(parent)
		r, opened := indexedScan(t, "news", idx)
		if len(opened) != 0 {
			t.Errorf("opened %v", opened)
		}
		a := r.arts["sport/b.txt"]
		want := filepath.Join("news", "sport", "b.txt")
		if a.Path != want || a.ID != filepath.Join(root, "sport", "b.txt") || a.Source != "sport" {
			t.Errorf("path %q, id %q, source %q; want the relative path, the absolute ID and the folder", a.Path, a.ID, a.Source)
		}
	})
	t.Run("a scan of a subfolder uses the headers and takes its own name", func(t *testing.T) {
		sub := filepath.Join(root, "sport")
		r, opened := indexedScan(t, sub, idx)
		if len(opened) != 0 {
			t.Errorf("opened %v", opened)
		}
		if a := r.arts["b.txt"]; a.Title != "Match" || a.Source != "sport" || a.ID != filepath.Join(root, "sport", "b.txt") {
			t.Errorf("listed as %+v", a)
		}
	})
	t.Run("a scan of a subfolder forgets nothing outside it", func(t *testing.T) {
		if idx.Len() != 2 {
			t.Errorf("the index keeps %d files, want 2", idx.Len())
		}
	})
	t.Run("a list of files uses the headers", func(t *testing.T) {
		var c openCounter
		paths := []string{filepath.Join(root, "a.txt"), filepath.Join(root, "sport", "b.txt")}
		f := NewFiles("list", paths, WithIndex(idx))
		f.cfg.open, f.cfg.coldStart = c.open, 0
		r := load(t, context.Background(), f, root)
		if opened := c.take(root); len(opened) != 0 {
			t.Errorf("opened %v", opened)
		}
		if a := r.arts["a.txt"]; a.Title != "Harbour" || a.Source != "news" {
			t.Errorf("listed as %+v", a)
		}
	})
	t.Run("one file named alone is read whole, index or not", func(t *testing.T) {
		var c openCounter
		f := NewFile(filepath.Join(root, "a.txt"), WithIndex(idx))
		f.cfg.open = c.open
		r := load(t, context.Background(), f, root)
		if a := r.arts["a.txt"]; !a.BodyLoaded || len(c.take(root)) != 1 {
			t.Errorf("body loaded %v", a.BodyLoaded)
		}
	})
}

// slowIndex is an index whose Load waits until release is closed.
type slowIndex struct {
	*MemoryIndex
	release chan struct{}
}

func (s slowIndex) Load(ctx context.Context, dir string) (map[string]IndexEntry, error) {
	<-s.release
	return s.MemoryIndex.Load(ctx, dir)
}

func TestFirstFilesDoNotWaitForTheIndex(t *testing.T) {
	root := t.TempDir()
	files := map[string]string{}
	for i := range 5 {
		files[fmt.Sprintf("news/%d.txt", i)] = fmt.Sprintf("Story %d\n\nBody.\n", i)
	}
	writeFiles(t, root, files)
	age(t, root, 0, keys(files)...)
	idx := NewMemoryIndex()
	indexedScan(t, root, idx)
	slow := slowIndex{MemoryIndex: idx, release: make(chan struct{})}
	var c openCounter
	d := NewDir(root, WithIndex(slow))
	d.cfg.open, d.cfg.coldStart = c.open, 2
	d.cfg.firstWait = time.Millisecond
	var once sync.Once
	got := 0
	d.Load(context.Background(), func(b Batch) {
		got += len(b.Articles)
		if len(b.Articles) > 0 {
			once.Do(func() { close(slow.release) })
		}
	})
	opened := c.take(root)
	t.Run("the first files come from the disk while the index loads", func(t *testing.T) {
		if len(opened) == 0 || len(opened) > 2 {
			t.Errorf("opened %v, want one or two files", opened)
		}
	})
	t.Run("the others come from the index and all are listed", func(t *testing.T) {
		if got != 5 {
			t.Errorf("%d listed, want 5", got)
		}
	})
	t.Run("the files read early are not forgotten", func(t *testing.T) {
		if idx.Len() != 5 {
			t.Errorf("the index keeps %d files, want 5", idx.Len())
		}
	})
}

func TestHeaderEncoding(t *testing.T) {
	full := Article{
		ID: "news/a.txt", Title: "Harbour reopens — ünïcode", Source: "news", Link: "https://example.com/a",
		Author: "Jane Doe", Published: time.Date(2024, 3, 5, 10, 0, 0, 5, time.FixedZone("", 2*3600)),
		DateFromFile: false, Tags: []string{"Local", "news"}, Summary: "The harbour reopened.",
		Path: "news/a.txt", Feed: "https://example.com/feed",
	}
	tests := []struct {
		name string
		a    Article
	}{
		{"every field comes back", full},
		{"an empty article comes back", Article{}},
		{"a time from the file comes back in local time", Article{ID: "x", Published: time.Date(2020, 1, 2, 3, 4, 5, 6, time.Local), DateFromFile: true}},
		{"a UTC time stays UTC", Article{ID: "x", Published: time.Date(2020, 1, 2, 3, 4, 5, 0, time.UTC)}},
		{"a named zone keeps its name and offset", Article{ID: "x", Published: time.Date(1969, 7, 20, 20, 17, 0, 0, time.FixedZone("EST", -5*3600))}},
		{"a body is left out", Article{ID: "x", Body: "text", BodyLoaded: true}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := DecodeHeader(EncodeHeader(tt.a))
			if err != nil {
				t.Fatal(err)
			}
			want := tt.a
			want.Body, want.BodyLoaded = "", false
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
			wn, wo := want.Published.Zone()
			gn, gotOff := got.Published.Zone()
			if wn != gn || wo != gotOff || (want.Published.Location() == time.Local) != (got.Published.Location() == time.Local) {
				t.Errorf("zone %s %d, want %s %d", gn, gotOff, wn, wo)
			}
		})
	}
	t.Run("a header from another version is refused", func(t *testing.T) {
		data := EncodeHeader(full)
		data[0] = headerVersion + 1
		if _, err := DecodeHeader(data); !errors.Is(err, ErrHeaderVersion) {
			t.Errorf("error %v", err)
		}
	})
	t.Run("a header cut anywhere is an error, never a panic", func(t *testing.T) {
		data := EncodeHeader(full)
		for n := range len(data) {
			if _, err := DecodeHeader(data[:n]); err == nil {
				t.Errorf("cut at %d of %d decodes", n, len(data))
			}
		}
	})
	t.Run("trailing bytes are an error", func(t *testing.T) {
		if _, err := DecodeHeader(append(EncodeHeader(full), 0)); err == nil {
			t.Error("decodes")
		}
	})
}

func FuzzDecodeHeader(f *testing.F) {
	f.Add(EncodeHeader(Article{ID: "a", Title: "T", Tags: []string{"x"}, Published: time.Unix(1e9, 0).In(time.FixedZone("X", 60))}))
	f.Add([]byte{headerVersion})
	f.Fuzz(func(t *testing.T, data []byte) {
		a, err := DecodeHeader(data)
		if err != nil {
			return
		}
		b, err := DecodeHeader(EncodeHeader(a))
		if err != nil {
			t.Fatalf("re-encoded header does not decode: %v", err)
		}
		if diff := cmp.Diff(a, b); diff != "" {
			t.Errorf("round trip (-first +second):\n%s", diff)
		}
	})
}

func TestAFileIsKnownByItsAbsolutePathHoweverItIsNamed(t *testing.T) {
	parent := t.TempDir()
	root := filepath.Join(parent, "news")
	writeFiles(t, root, map[string]string{"sport/b.txt": "Match\n\nBody.\n"})
	want := filepath.Join(root, "sport", "b.txt")
	t.Chdir(parent)
	for _, name := range []string{"news", root, "./news/", filepath.Join("news", "sport")} {
		var got []Article
		NewDir(name).Load(context.Background(), func(b Batch) { got = append(got, b.Articles...) })
		if len(got) != 1 || got[0].ID != want {
			t.Errorf("scanning %q: %+v, want the ID %s", name, got, want)
		}
	}
	var got []Article
	NewFile(filepath.Join("news", "sport", "b.txt")).Load(context.Background(), func(b Batch) { got = append(got, b.Articles...) })
	if len(got) != 1 || got[0].ID != want || got[0].Path != filepath.Join("news", "sport", "b.txt") {
		t.Errorf("one file named relatively: %+v", got)
	}
}

// slowKeeper is an index whose Keep waits until release is closed.
type slowKeeper struct {
	release chan struct{}
	kept    atomic.Int32
}

func (s *slowKeeper) Load(context.Context, string) (map[string]IndexEntry, error) {
	return map[string]IndexEntry{}, nil
}
func (s *slowKeeper) Keep(es []IndexEntry) { <-s.release; s.kept.Add(int32(len(es))) }
func (s *slowKeeper) Forget([]string)      {}

func TestASlowIndexNeverHoldsUpTheScan(t *testing.T) {
	root := t.TempDir()
	files := map[string]string{}
	var names []string
	for i := range 60 {
		name := fmt.Sprintf("%02d.txt", i)
		files[name] = fmt.Sprintf("Story %d\n\nBody.\n", i)
		names = append(names, name)
	}
	writeFiles(t, root, files)
	age(t, root, 0, names...)
	idx := &slowKeeper{release: make(chan struct{})}
	done := make(chan int)
	go NewDir(root, WithIndex(idx), WithBatch(1, time.Millisecond)).Load(context.Background(), func(b Batch) {
		if b.Done {
			done <- len(names)
		}
	})
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("the scan waited for the index to keep its headers")
	}
	close(idx.release)
}

func TestFilesMetWhileTheIndexLoadsAreHeldWithTheirSizeAndTime(t *testing.T) {
	root := t.TempDir()
	files := map[string]string{}
	for i := range 6 {
		files[fmt.Sprintf("%d.txt", i)] = fmt.Sprintf("Story %d\n\nBody.\n", i)
	}
	writeFiles(t, root, files)
	age(t, root, 0, keys(files)...)
	idx := NewMemoryIndex()
	indexedScan(t, root, idx)
	d := NewDir(root, WithIndex(idx))
	var sent []job
	kept := &keptFiles{ready: make(chan struct{}), limit: 2}
	w := &walker{dir: d, visited: map[fileID]bool{}, kept: kept, out: func(j job) bool { sent = append(sent, j); return true }}
	if _, ok := w.readDir(t.Context(), dirEntry{path: root, abs: root}); !ok {
		t.Fatal("the walk stopped")
	}
	t.Run("the first files go at once, to be read from the disk", func(t *testing.T) {
		if len(sent) != 2 || sent[0].kept.Header != nil || sent[1].kept.Header != nil {
			t.Errorf("%d sent before the index came, want 2 without a kept header", len(sent))
		}
	})
	t.Run("the others wait with their size and time", func(t *testing.T) {
		if len(w.held) != 4 {
			t.Fatalf("%d held, want 4", len(w.held))
		}
		for _, h := range w.held {
			fi, err := os.Stat(h.path)
			if st := h.stat(); err != nil || !st.ok || st.size != fi.Size() || !st.modTime.Equal(fi.ModTime()) {
				t.Errorf("%s held with %+v, want its size and time", h.path, st)
			}
		}
	})
	var order []string
	for _, h := range w.held {
		order = append(order, h.path)
	}
	kept.entries, _ = idx.Load(t.Context(), root)
	close(kept.ready)
	if !w.release(t.Context()) {
		t.Fatal("the release stopped")
	}
	t.Run("once the index comes they go with their kept headers, in order", func(t *testing.T) {
		if len(sent) != 6 || len(w.held) != 0 {
			t.Fatalf("%d sent and %d still held, want 6 and 0", len(sent), len(w.held))
		}
		for _, j := range sent[2:] {
			if j.kept.Header == nil || !j.stat.ok || j.key != j.path {
				t.Errorf("%s sent without its kept header or its size and time", j.path)
			}
		}
		for i, j := range sent[2:] {
			if j.path != order[i] {
				t.Errorf("sent %s in place of %s", j.path, order[i])
			}
		}
	})
}

func TestASecondScanWhileTheIndexLoadsSeesWhatChanged(t *testing.T) {
	root := t.TempDir()
	files := map[string]string{}
	for i := range 40 {
		files[fmt.Sprintf("news/%02d.txt", i)] = fmt.Sprintf("Story %d\n\nBody.\n", i)
	}
	writeFiles(t, root, files)
	age(t, root, 0, keys(files)...)
	idx := NewMemoryIndex()
	indexedScan(t, root, idx)
	// One file changes (same size, another time), one goes, one comes.
	writeFiles(t, root, map[string]string{"news/05.txt": "Story X\n\nBody.\n", "news/new.txt": "Fresh\n\nBody.\n"})
	age(t, root, 7, "news/05.txt", "news/new.txt")
	if err := os.Remove(filepath.Join(root, "news/09.txt")); err != nil {
		t.Fatal(err)
	}
	slow := slowIndex{MemoryIndex: idx, release: make(chan struct{})}
	var c openCounter
	d := NewDir(root, WithIndex(slow))
	d.cfg.open, d.cfg.coldStart = c.open, 1
	d.cfg.firstWait = time.Millisecond
	var once sync.Once
	titles := map[string]string{}
	d.Load(context.Background(), func(b Batch) {
		for _, a := range b.Articles {
			titles[filepath.Base(a.Path)] = a.Title
		}
		if len(b.Articles) > 0 {
			once.Do(func() { close(slow.release) })
		}
	})
	opened := c.take(root)
	t.Run("every file is listed, the new one too, the removed one not", func(t *testing.T) {
		if len(titles) != 40 || titles["new.txt"] != "Fresh" || titles["09.txt"] != "" {
			t.Errorf("%d listed, new %q, removed %q", len(titles), titles["new.txt"], titles["09.txt"])
		}
	})
	t.Run("the changed file is read again", func(t *testing.T) {
		if titles["05.txt"] != "Story X" {
			t.Errorf("title %q, want Story X", titles["05.txt"])
		}
	})
	t.Run("only the first file, the changed and the new one are opened", func(t *testing.T) {
		if len(opened) > 3 || !slices.Contains(opened, "news/05.txt") || !slices.Contains(opened, "news/new.txt") {
			t.Errorf("opened %v", opened)
		}
	})
	t.Run("the removed file leaves the index", func(t *testing.T) {
		if idx.Len() != 40 {
			t.Errorf("the index keeps %d files, want 40", idx.Len())
		}
	})
}
