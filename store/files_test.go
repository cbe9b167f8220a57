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
