package articles

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
	"unicode"

	"go.yaml.in/yaml/v3"
)

// maxSlug is the longest file name stem Save makes, in bytes: far below
// every file system's limit, long enough to tell titles apart.
const maxSlug = 80

// savedMeta is the front matter Save writes; Parse reads every field back.
type savedMeta struct {
	Title  string   `yaml:"title"`
	Link   string   `yaml:"link,omitempty"`
	Author string   `yaml:"author,omitempty"`
	Date   string   `yaml:"date,omitempty"`
	Tags   []string `yaml:"tags,omitempty"`
	Source string   `yaml:"source,omitempty"`
}

// Markdown is a as a markdown file: YAML front matter (title, link,
// author, date, tags, source) and the body. Parse reads it back with the
// same title, link, author, date and tags.
func Markdown(a Article) ([]byte, error) {
	meta := savedMeta{Title: a.Title, Link: a.Link, Author: a.Author, Tags: a.Tags, Source: a.Source}
	if !a.Published.IsZero() && !a.DateFromFile {
		meta.Date = a.Published.Format(time.RFC3339)
	}
	head, err := yaml.Marshal(meta)
	if err != nil {
		return nil, fmt.Errorf("front matter: %w", err)
	}
	var b strings.Builder
	b.WriteString("---\n")
	b.Write(head)
	b.WriteString("---\n\n")
	b.WriteString(strings.TrimLeft(a.Body, "\n"))
	if !strings.HasSuffix(a.Body, "\n") {
		b.WriteByte('\n')
	}
	return []byte(b.String()), nil
}

// Save writes a as markdown (see Markdown) into dir, which it creates if
// needed, under a name made from the title (see Slug) that names no file
// there yet: "title.md", else "title-2.md", "title-3.md"… An existing file
// is never overwritten. It returns the path written.
func Save(dir string, a Article) (string, error) {
	data, err := Markdown(a)
	if err != nil {
		return "", err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", fmt.Errorf("save: %w", err)
	}
	stem := Slug(a.Title)
	for n := 1; ; n++ {
		name := stem + ".md"
		if n > 1 {
			name = stem + "-" + strconv.Itoa(n) + ".md"
		}
		path := filepath.Join(dir, name)
		// O_EXCL: the name is taken only if nobody else has it, even a
		// file made between two tries.
		f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if errors.Is(err, fs.ErrExist) {
			continue
		}
		if err != nil {
			return "", fmt.Errorf("save: %w", err)
		}
		_, werr := f.Write(data)
		if cerr := f.Close(); werr == nil {
			werr = cerr
		}
		if werr != nil {
			os.Remove(path)
			return "", fmt.Errorf("save: %w", werr)
		}
		return path, nil
	}
}

// Slug is a file name stem made from a title: letters and digits of any
// script, lower-cased, other runs of characters as one "-", at most
// maxSlug bytes. It holds no separator, no dot and no control character,
// so it cannot leave the folder it is put in or hide there; an empty
// result is "article".
func Slug(title string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(title) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r) && b.Len() > 0 {
			if dash && b.Len() > 0 {
				if b.Len()+1+len(string(r)) > maxSlug {
					break
				}
				b.WriteByte('-')
			}
			dash = false
			if b.Len()+len(string(r)) > maxSlug {
				break
			}
			b.WriteRune(r)
			continue
		}
		dash = true
	}
	if b.Len() == 0 {
		return "article"
	}
	return b.String()
}
