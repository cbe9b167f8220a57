package store

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"newsread/articles"
)

var _ articles.Index = FileIndex{}

func TestTheDirectoryIndexKeepsHeadersByFile(t *testing.T) {
	s := memoryStore(t)
	ctx := context.Background()
	mtime := time.Unix(1700000000, 123456789)
	header := articles.EncodeHeader(articles.Article{ID: "/news/a.md", Title: "A", Path: "/news/a.md"})
	s.Files().Keep([]articles.IndexEntry{
		{Path: "/news/a.md", Size: 10, ModTime: mtime, Header: header},
		{Path: "/news/sub/b.md", Size: 20, ModTime: mtime, Header: header},
		{Path: "/newsletter/c.md", Size: 30, ModTime: mtime, Header: header},
	})
	got, err := s.Files().Load(ctx, "/news")
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got["/news/a.md"].Size != 10 || !got["/news/a.md"].ModTime.Equal(mtime) {
		t.Fatalf("want the two files under /news (not /newsletter) to the nanosecond, got %v", got)
	}
	if a, err := articles.DecodeHeader(got["/news/a.md"].Header); err != nil || a.Title != "A" {
		t.Errorf("header: %v %v", a, err)
	}
	s.Files().Keep([]articles.IndexEntry{{Path: "/news/a.md", Size: 11, ModTime: mtime, Header: header}})
	s.Files().Forget([]string{"/news/sub/b.md"})
	got, _ = s.Files().Load(ctx, "/news/")
	if len(got) != 1 || got["/news/a.md"].Size != 11 {
		t.Errorf("want a.md replaced and b.md forgotten, got %v", got)
	}
}

func TestASecondScanWithTheStoreReadsOnlyWhatChanged(t *testing.T) {
	s := memoryStore(t)
	dir := t.TempDir()
	old := time.Now().Add(-time.Hour) // older than the racy window
	write := func(name, content string) {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		os.Chtimes(p, old, old)
	}
	const n = 1000
	for i := range n {
		write(fmt.Sprintf("%04d.md", i), fmt.Sprintf("# Title A%04d\n\nBody.\n", i))
	}
	scan := func() map[string]string {
		titles := map[string]string{}
		articles.NewDir(dir, articles.WithIndex(s.Files())).Load(context.Background(), func(b articles.Batch) {
			for _, x := range b.Articles {
				titles[filepath.Base(x.Path)] = x.Title
			}
		})
		return titles
	}
	scan()
	// Same size and time, other content: a kept header is used, but for
	// the few files read while the index loads (the first screen).
	for i := range n {
		write(fmt.Sprintf("%04d.md", i), fmt.Sprintf("# Title Z%04d\n\nBody.\n", i))
	}
	got := scan()
	read := 0
	for _, title := range got {
		if strings.HasPrefix(title, "Title Z") {
			read++
		}
	}
	if len(got) != n || read > n/4 {
		t.Errorf("the second scan read %d of %d unchanged files again", read, len(got))
	}
	// A changed size is read again.
	write("0999.md", "# Title New\n\nA longer body.\n")
	if got := scan(); got["0999.md"] != "Title New" {
		t.Errorf("a changed file kept its old header: %q", got["0999.md"])
	}
}

func TestTheWordsOfScannedFilesAreFoundUntilTheFileGoes(t *testing.T) {
	s := memoryStore(t)
	ctx := context.Background()
	dir := t.TempDir()
	old := time.Now().Add(-time.Hour) // older than the racy window
	write := func(name, content string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		os.Chtimes(p, old, old)
		return p
	}
	write("harbour.md", "# Harbour reopens\n\nThe breakwater was rebuilt with granite from Kilkenny.\n")
	write("notes.txt", "Council budget\n\nThe vote on the aquifer levy was postponed.\n")
	gone := write("old.md", "# Old story\n\nNothing but marmalade here.\n")
	scan := func() {
		articles.NewDir(dir, articles.WithIndex(s.Files())).Load(ctx, func(articles.Batch) {})
	}
	find := func(query string) []string {
		t.Helper()
		if err := s.IndexPending(ctx, nil); err != nil {
			t.Fatal(err)
		}
		q, err := Parse(query, time.Now())
		if err != nil {
			t.Fatal(err)
		}
		hits, err := s.Search(ctx, q, Newest, 0)
		if err != nil {
			t.Fatal(err)
		}
		var names []string
		for _, h := range hits {
			names = append(names, filepath.Base(h.ID))
		}
		return names
	}
	scan()
	for _, c := range []struct{ query, want string }{
		{"granite", "harbour.md"},     // a word of a markdown body
		{"aquifer levy", "notes.txt"}, // of a plain-text story
		{"title:budget", "notes.txt"}, // the header's fields
		{"marmalade", "old.md"},
	} {
		if got := find(c.query); len(got) != 1 || got[0] != c.want {
			t.Errorf("%q found %v, want %s", c.query, got, c.want)
		}
	}
	// A file that changes is indexed again; one that goes is forgotten.
	write("harbour.md", "# Harbour reopens\n\nThe breakwater was rebuilt with basalt, and is longer now.\n")
	if err := os.Remove(gone); err != nil {
		t.Fatal(err)
	}
	scan()
	for _, c := range []struct {
		query string
		want  int
	}{{"basalt", 1}, {"granite", 0}, {"marmalade", 0}} {
		if got := find(c.query); len(got) != c.want {
			t.Errorf("after the change, %q found %v, want %d", c.query, got, c.want)
		}
	}
}

func TestFilesStoredAreNotTakenForNewFeedItems(t *testing.T) {
	s := memoryStore(t)
	ctx := context.Background()
	if err := s.PutArticles(ctx, feedItems("http://x/feed", 3, 10)); err != nil {
		t.Fatal(err)
	}
	last, err := s.LastArticle(ctx)
	if err != nil {
		t.Fatal(err)
	}
	header := articles.EncodeHeader(articles.Article{ID: "/news/a.md", Title: "A", Path: "/news/a.md"})
	s.Files().Keep([]articles.IndexEntry{{Path: "/news/a.md", Size: 10, ModTime: time.Unix(1700000000, 0), Header: header}})
	if n, _ := s.LastArticle(ctx); n <= last {
		t.Fatalf("a stored file did not move LastArticle (%d, was %d)", n, last)
	}
	if items, err := s.ItemsAfter(ctx, last); err != nil || items {
		t.Errorf("a file was taken for a new feed item (%v, %v)", items, err)
	}
	if err := s.PutArticles(ctx, feedItems("http://y/feed", 1, 10)); err != nil {
		t.Fatal(err)
	}
	if items, err := s.ItemsAfter(ctx, last); err != nil || !items {
		t.Errorf("a new feed item was not seen (%v, %v)", items, err)
	}
}

func TestAFileKeptAgainAsItWasKeepsItsWordsIndexed(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "harbour.md")
	if err := os.WriteFile(path, []byte("# Harbour\n\nGranite.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	mtime := time.Unix(1700000000, 5)
	entry := func(title string, size int64) articles.IndexEntry {
		return articles.IndexEntry{Path: path, Size: size, ModTime: mtime, Header: articles.EncodeHeader(articles.Article{ID: path, Path: path, Title: title})}
	}
	for _, c := range []struct {
		name    string
		again   articles.IndexEntry
		pending int
	}{
		{"the same size, time and header leave the words as they are", entry("Harbour", 20), 0},
		{"another header has the words indexed again", entry("Harbour reopens", 20), 1},
		{"another size has the words indexed again", entry("Harbour", 21), 1},
	} {
		t.Run(c.name, func(t *testing.T) {
			s := memoryStore(t)
			ctx := t.Context()
			s.Files().Keep([]articles.IndexEntry{entry("Harbour", 20)})
			if err := s.IndexPending(ctx, nil); err != nil {
				t.Fatal(err)
			}
			s.Files().Keep([]articles.IndexEntry{c.again})
			pending := 0
			if err := s.IndexPending(ctx, func(_, total int) { pending = max(pending, total) }); err != nil {
				t.Fatal(err)
			}
			if pending != c.pending {
				t.Errorf("%d to index again, want %d", pending, c.pending)
			}
			kept, err := s.Files().Load(ctx, dir)
			if err != nil || kept[path].Size != c.again.Size || string(kept[path].Header) != string(c.again.Header) {
				t.Errorf("kept %+v (%v), want the entry given last", kept[path], err)
			}
		})
	}
}

func TestALargeFolderIsLoadedWhole(t *testing.T) {
	defer func(n int) { splitLoad = n }(splitLoad)
	splitLoad = 10
	mtime := time.Unix(1700000000, 123456789)
	var entries []articles.IndexEntry
	for i := range 101 {
		p := fmt.Sprintf("/news/%c/%03d.md", 'a'+i%5, i)
		entries = append(entries, articles.IndexEntry{Path: p, Size: int64(i), ModTime: mtime, Header: articles.EncodeHeader(articles.Article{ID: p, Path: p, Title: p})})
	}
	entries = append(entries, articles.IndexEntry{Path: "/newsletter/x.md", ModTime: mtime, Header: []byte{1}}, articles.IndexEntry{Path: "/new/y.md", ModTime: mtime, Header: []byte{1}})
	for _, c := range []struct {
		name  string
		store func(t testing.TB) *Store
	}{
		{"in a file, in two halves at once", func(t testing.TB) *Store { s, _ := fileStore(t); return s }},
		{"in memory, in one", memoryStore},
	} {
		t.Run(c.name, func(t *testing.T) {
			s := c.store(t)
			s.Files().Keep(entries)
			got, err := s.Files().Load(t.Context(), "/news")
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != 101 {
				t.Errorf("%d loaded, want the 101 under /news", len(got))
			}
			for _, e := range entries[:101] {
				if g := got[e.Path]; g.Path != e.Path || g.Size != e.Size || !g.ModTime.Equal(e.ModTime) || string(g.Header) != string(e.Header) {
					t.Errorf("%s loaded as %+v", e.Path, g)
				}
			}
		})
	}
}
