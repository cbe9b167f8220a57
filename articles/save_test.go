package articles

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestSaveReadsBackTheSameArticle(t *testing.T) {
	published := time.Date(2026, 3, 1, 9, 30, 0, 0, time.UTC)
	tests := []struct {
		name string
		a    Article
	}{
		{"a feed item with every field", Article{Title: "Go 1.26 is released", Link: "https://go.dev/blog/go1.26", Author: "The Go Team",
			Published: published, Tags: []string{"go", "release"}, Source: "go.dev", Body: "# Go 1.26\n\nIt is out.\n"}},
		{"a title that needs quoting in YAML", Article{Title: `"Quotes": colons, # hashes & 'more'`, Published: published,
			Tags: []string{"a: b"}, Body: "Body."}},
		{"a title in Japanese", Article{Title: "日本語のタイトル", Published: published, Body: "本文です。\n"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			path, err := Save(dir, tt.a)
			if err != nil {
				t.Fatal(err)
			}
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			got, err := Parse(path, data, time.Now())
			if err != nil {
				t.Fatal(err)
			}
			if got.Title != tt.a.Title || got.Link != tt.a.Link || got.Author != tt.a.Author || !got.Published.Equal(tt.a.Published) ||
				got.DateFromFile || !slices.Equal(got.Tags, tt.a.Tags) {
				t.Errorf("read back %q %q %q %v %v, saved %q %q %q %v %v", got.Title, got.Link, got.Author, got.Published, got.Tags,
					tt.a.Title, tt.a.Link, tt.a.Author, tt.a.Published, tt.a.Tags)
			}
			if !strings.Contains(got.Body, strings.TrimSpace(tt.a.Body)) {
				t.Errorf("body %q lost %q", got.Body, tt.a.Body)
			}
		})
	}
}

func TestSaveNeverOverwrites(t *testing.T) {
	dir := t.TempDir()
	a := Article{Title: "Same title", Body: "one"}
	var paths []string
	for range 3 {
		p, err := Save(dir, a)
		if err != nil {
			t.Fatal(err)
		}
		paths = append(paths, filepath.Base(p))
	}
	if want := []string{"same-title.md", "same-title-2.md", "same-title-3.md"}; !slices.Equal(paths, want) {
		t.Errorf("names %v, want %v", paths, want)
	}
}

func TestSlugStaysInItsFolder(t *testing.T) {
	tests := []struct{ title, want string }{
		{"Hello, World!", "hello-world"},
		{"../../etc/passwd", "etc-passwd"},
		{`..\..\windows\system32`, "windows-system32"},
		{".hidden", "hidden"},
		{"", "article"},
		{"///...", "article"},
		{"tab\tand\x1b[31mescape", "tab-and-31mescape"},
		{"Ünïcödé Straße", "ünïcödé-straße"},
		{"日本語のタイトル", "日本語のタイトル"},
		{strings.Repeat("long ", 40), strings.TrimSuffix(strings.Repeat("long-", 16), "-")},
	}
	for _, tt := range tests {
		t.Run("title "+tt.title, func(t *testing.T) {
			got := Slug(tt.title)
			if got != tt.want {
				t.Errorf("Slug(%q) = %q, want %q", tt.title, got, tt.want)
			}
			if strings.ContainsAny(got, `/\.`) || len(got) > maxSlug {
				t.Errorf("Slug(%q) = %q could leave its folder", tt.title, got)
			}
		})
	}
}
