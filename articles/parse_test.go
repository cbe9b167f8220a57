package articles

import (
	"encoding/json"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// fixtureTime stands for the modification time of every fixture.
var fixtureTime = time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC)

// parseFixtures lists the inputs in testdata/parse.
func parseFixtures(t testing.TB) []string {
	t.Helper()
	all, err := filepath.Glob(filepath.Join("testdata", "parse", "*"))
	if err != nil {
		t.Fatal(err)
	}
	var inputs []string
	for _, p := range all {
		if !strings.HasSuffix(p, ".golden.json") {
			inputs = append(inputs, p)
		}
	}
	return inputs
}

type golden struct {
	Article Article
	Error   string `json:",omitempty"`
}

// TestParseFixtures parses each testdata/parse/<behaviour>.<ext> and
// compares it with <behaviour>.golden.json; -update rewrites the goldens.
func TestParseFixtures(t *testing.T) {
	p := NewParser()
	for _, in := range parseFixtures(t) {
		name := strings.TrimSuffix(filepath.Base(in), filepath.Ext(in))
		t.Run(strings.ReplaceAll(name, "-", " "), func(t *testing.T) {
			data, err := os.ReadFile(in)
			if err != nil {
				t.Fatal(err)
			}
			a, err := p.Parse(in, data, fixtureTime)
			got := golden{Article: a}
			if err != nil {
				got.Error = err.Error()
			}
			checkArticle(t, a)
			goldenPath := strings.TrimSuffix(in, filepath.Ext(in)) + ".golden.json"
			if *update {
				out, _ := json.MarshalIndent(got, "", "  ")
				if err := os.WriteFile(goldenPath, append(out, '\n'), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			raw, err := os.ReadFile(goldenPath)
			if err != nil {
				t.Fatalf("no golden file (run with -update): %v", err)
			}
			var want golden
			if err := json.Unmarshal(raw, &want); err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("parse %s (-want +got):\n%s", in, diff)
			}
		})
	}
}

func TestParseRules(t *testing.T) {
	tests := []struct {
		name, path, in string
		check          func(t *testing.T, a Article, err error)
	}{
		{"an empty file is an error", "e.txt", " \n\n ", func(t *testing.T, _ Article, err error) {
			if !errors.Is(err, ErrEmpty) {
				t.Errorf("err = %v, want ErrEmpty", err)
			}
		}},
		{"a file with NUL bytes is binary", "b.txt", "abc\x00def", func(t *testing.T, _ Article, err error) {
			if !errors.Is(err, ErrBinary) {
				t.Errorf("err = %v, want ErrBinary", err)
			}
		}},
		{"a title line only gives an empty body", "t.txt", "Just a title\n", func(t *testing.T, a Article, err error) {
			if err != nil || a.Title != "Just a title" || a.Body != "" {
				t.Errorf("got %q / %q / %v", a.Title, a.Body, err)
			}
		}},
		{"a file date is used when the article states none", "d.txt", "T\n\nB", func(t *testing.T, a Article, _ error) {
			if !a.Published.Equal(fixtureTime) || !a.DateFromFile {
				t.Errorf("published %v, from file %v", a.Published, a.DateFromFile)
			}
		}},
		{"a front matter date is not from the file", "d.md", "---\ndate: 2020-01-02\n---\n# T\n", func(t *testing.T, a Article, _ error) {
			if a.DateFromFile || a.Published.Year() != 2020 {
				t.Errorf("published %v, from file %v", a.Published, a.DateFromFile)
			}
		}},
		{"tags are de-duplicated ignoring case", "t.md", "---\ntags: [a, A, b]\ncategories: b\n---\nx", func(t *testing.T, a Article, _ error) {
			if diff := cmp.Diff([]string{"a", "b"}, a.Tags); diff != "" {
				t.Error(diff)
			}
		}},
		{"a relative url is not a link", "u.md", "---\nurl: /blog/x/\n---\nx", func(t *testing.T, a Article, _ error) {
			if a.Link != "" {
				t.Errorf("link %q", a.Link)
			}
		}},
		{"an unclosed front matter is markdown", "u.md", "---\ntitle: x\n", func(t *testing.T, a Article, err error) {
			if err != nil || a.Title == "" {
				t.Errorf("got %q, %v", a.Title, err)
			}
		}},
		{"bad front matter keeps a loose title", "b.md", "---\ntitle: a: b: c\n---\nbody", func(t *testing.T, a Article, err error) {
			if !errors.Is(err, ErrFrontMatter) || a.Title != "a: b: c" || a.Body != "body" {
				t.Errorf("got %q / %q / %v", a.Title, a.Body, err)
			}
		}},
		{"a heading in a code fence is not the title", "f.md", "intro line\n\n```\n# comment\n```\n", func(t *testing.T, a Article, _ error) {
			if a.Title != "intro line" {
				t.Errorf("title %q", a.Title)
			}
		}},
		{"a page without content keeps its title and says no article was found", "p.html", "<html><head><title>Only a title</title></head><body></body></html>", func(t *testing.T, a Article, err error) {
			if !errors.Is(err, ErrNoArticle) || a.Title != "Only a title" {
				t.Errorf("got %q, %v", a.Title, err)
			}
		}},
	}
	p := NewParser()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := p.Parse(tt.path, []byte(tt.in), fixtureTime)
			tt.check(t, a, err)
		})
	}
}

func TestParseHeaderAgreesWithParse(t *testing.T) {
	p := NewParser()
	for _, in := range parseFixtures(t) {
		t.Run(filepath.Base(in)+" has the same header", func(t *testing.T) {
			data, _ := os.ReadFile(in)
			full, ferr := p.Parse(in, data, fixtureTime)
			head, herr := p.ParseHeader(in, data, nil, fixtureTime)
			if (ferr == nil) != (herr == nil) {
				t.Fatalf("errors differ: %v / %v", ferr, herr)
			}
			if head.Body != "" || head.BodyLoaded {
				t.Error("header has a body")
			}
			full.Body, full.BodyLoaded = "", false
			if diff := cmp.Diff(full, head); diff != "" {
				t.Error(diff)
			}
		})
	}
}

func TestEscapeLine(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"a hash line is not a heading", "# tag", `\# tag`},
		{"a number and a dot is not a list", "1987. A year", `1987\. A year`},
		{"a dash and a space is not a list", "- item", `\- item`},
		{"a quote mark is not a quote", "> said", `\> said`},
		{"a rule of equals signs is escaped", "===", `\===`},
		{"a lone asterisk between spaces is left", "5 * 3", "5 * 3"},
		{"emphasis underscores are escaped", "_x_ y_z", `\_x\_ y_z`},
		{"a tag-like angle bracket is escaped", "<Nippon Corp>", `\<Nippon Corp>`},
		{"a less-than sign in a sum is left", "a < b", "a < b"},
		{"an entity is escaped", "AT&amp;T", `AT\&amp;T`},
		{"a plain ampersand is left", "Q & A", "Q & A"},
		{"a link is escaped", "[a](b)", `\[a\](b)`},
		{"ordinary text is unchanged", "Prices rose 5% on Monday.", "Prices rose 5% on Monday."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := escapeLine(tt.in); got != tt.want {
				t.Errorf("escapeLine(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestParseDate(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"RFC 3339 is read", "2024-03-05T09:30:00+01:00", "2024-03-05T08:30:00Z"},
		{"a bare day is read as UTC", "2024-03-05", "2024-03-05T00:00:00Z"},
		{"a day and time is read", "2024-03-05 09:30:00", "2024-03-05T09:30:00Z"},
		{"a day, time and zone is read", "2024-03-05 09:30:00 +0200", "2024-03-05T07:30:00Z"},
		{"a one-digit zone is read", "2015-03-17 14:00:00 -4", "2015-03-17T18:00:00Z"},
		{"an RFC 1123 date is read", "Tue, 05 Mar 2024 09:30:00 GMT", "2024-03-05T09:30:00Z"},
		{"a written date is read", "March 5, 2024", "2024-03-05T00:00:00Z"},
		{"nonsense is not a date", "soon", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := parseDate(tt.in)
			if tt.want == "" {
				if ok {
					t.Errorf("parseDate(%q) = %v, want no date", tt.in, got)
				}
				return
			}
			if !ok || got.UTC().Format(time.RFC3339) != tt.want {
				t.Errorf("parseDate(%q) = %v, %v; want %s", tt.in, got, ok, tt.want)
			}
		})
	}
}

func TestSniff(t *testing.T) {
	tests := []struct {
		name, in string
		want     Format
	}{
		{"a doctype after a comment is HTML", "<!-- x -->\n<!DOCTYPE html><p>", FormatHTML},
		{"an html tag is HTML", "  <html lang=en>", FormatHTML},
		{"front matter is markdown", "---\ntitle: x\n---\n", FormatMarkdown},
		{"a heading is markdown", "intro\n\n## Part", FormatMarkdown},
		{"prose is text", "Title\n\nSome words.", FormatText},
		{"a lone angle bracket is text", "<not a tag", FormatText},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Sniff(tt.in); got != tt.want {
				t.Errorf("Sniff(%q) = %v, want %v", tt.in, got, tt.want)
			}
		})
	}
}
