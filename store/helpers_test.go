package store

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"newsread/articles"
)

// memoryStore is a new in-memory store closed with the test.
func memoryStore(t testing.TB) *Store {
	t.Helper()
	s, err := OpenMemory()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// fileStore opens a store in a new file of a temporary directory and
// returns it with the file's path.
func fileStore(t testing.TB) (*Store, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "newsread.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s, path
}

// clock is a settable time for a store's now.
type clock struct{ t time.Time }

func (c *clock) now() time.Time { return c.t }

// feedItems makes n feed items of feed, published an hour apart, the
// newest first, with bodies of about words words when words > 0.
func feedItems(feed string, n, words int) []articles.Article {
	base := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	out := make([]articles.Article, n)
	for i := range out {
		a := articles.Article{
			ID:        fmt.Sprintf("%s/item/%d", feed, i),
			Title:     fmt.Sprintf("Item %d of %s", i, feed),
			Source:    "Feed " + feed,
			Feed:      feed,
			Link:      fmt.Sprintf("%s/item/%d.html", feed, i),
			Author:    "A. Writer",
			Published: base.Add(-time.Duration(i) * time.Hour),
			Tags:      []string{"news", "tech"},
		}
		if words > 0 {
			a.Body, a.BodyLoaded = loremBody(i, words), true
		}
		out[i] = a
	}
	return out
}

var lorem = strings.Fields(`lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod
	tempor incididunt ut labore et dolore magna aliqua enim ad minim veniam quis nostrud
	exercitation ullamco laboris nisi aliquip ex ea commodo consequat duis aute irure in
	reprehenderit voluptate velit esse cillum eu fugiat nulla pariatur excepteur sint occaecat`)

// loremBody is a markdown body of about n words, different for each seed.
func loremBody(seed, n int) string {
	var b strings.Builder
	for i := 0; i < n; i++ {
		if i > 0 && i%60 == 0 {
			b.WriteString("\n\n")
		} else if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(lorem[(seed*7+i*13+i/5)%len(lorem)])
	}
	return b.String()
}

func ctxT(t testing.TB) context.Context { return t.Context() }

// archived returns the stored items of feeds, newest first.
func archived(t testing.TB, s *Store, feeds ...string) []articles.Article {
	t.Helper()
	var out []articles.Article
	err := s.EachArchived(ctxT(t), feeds, 0, 0, 100, true, func(b []articles.Article) error {
		out = append(out, b...)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}
