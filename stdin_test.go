package main

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"newsread/articles"
	"newsread/ui"
)

func TestReadBoundedRefusesMoreThanTheLimit(t *testing.T) {
	if _, err := readBounded(strings.NewReader("12345"), 4); !errors.Is(err, errStdinTooLarge) {
		t.Errorf("5 bytes over a 4-byte limit: got %v", err)
	}
	if data, err := readBounded(strings.NewReader("1234"), 4); err != nil || string(data) != "1234" {
		t.Errorf("4 bytes at a 4-byte limit: got %q, %v", data, err)
	}
}

func TestStdinIsToldByItsContent(t *testing.T) {
	dir := t.TempDir()
	story := filepath.Join(dir, "story.md")
	if err := os.WriteFile(story, []byte("# Piped path\n\nBody.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	fallback := articles.NewList("fallback", []articles.Article{{ID: "f", Title: "Fallback story"}})
	tests := []struct {
		name, in  string
		wantTitle string
		problem   bool
	}{
		{"one plain-text article", "Harbour reopens\n\nHarbour reopens\n\nBody.\n", "Harbour reopens", false},
		{"JSON Lines, a bad line reported", `{"title":"From JSON","body":"x"}` + "\n\n\n{oops\n", "From JSON", true},
		{"a list of paths", story + "\n", "Piped path", false},
		{"an RSS feed", `<?xml version="1.0"?><rss version="2.0"><channel><title>F</title><item><title>From RSS</title><guid>urn:x</guid></item></channel></rss>`, "From RSS", false},
		{"an empty pipe reads what nothing piped would", "  \n", "Fallback story", false},
	}
	f := newFeeds(t.TempDir(), t.TempDir())
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := newStdinSource(strings.NewReader(tt.in), f.dataSource)
			src.empty = fallback
			var got []articles.Article
			var problems []articles.Problem
			src.Load(context.Background(), func(b articles.Batch) {
				got = append(got, b.Articles...)
				problems = append(problems, b.Problems...)
			})
			if len(got) != 1 || got[0].Title != tt.wantTitle {
				t.Fatalf("want one article %q, got %+v", tt.wantTitle, got)
			}
			if (len(problems) > 0) != tt.problem {
				t.Errorf("problems: %v", problems)
			}
			if _, err := src.Open(context.Background(), got[0]); err != nil {
				t.Errorf("open: %v", err)
			}
		})
	}
}

func TestPipedSubscriptionsCanRefresh(t *testing.T) {
	opml := `<?xml version="1.0"?><opml version="2.0"><body><outline type="rss" text="x" xmlUrl="http://127.0.0.1:1/x.xml"/></body></opml>`
	src := newStdinSource(strings.NewReader(opml), newFeeds(t.TempDir(), t.TempDir()).dataSource)
	src.Load(context.Background(), func(articles.Batch) {})
	var done bool
	var problems int
	ui.Refresher(src).Refresh(context.Background(), "", func(b articles.Batch) {
		done = done || b.Done
		problems += len(b.Problems)
	})
	if !done || problems != 1 {
		t.Errorf("want the one feed refreshed (and failing on a closed port): done %v, %d problems", done, problems)
	}
}
