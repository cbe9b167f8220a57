package articles

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// addSeeds adds the fixtures whose format is format as fuzz seeds.
func addSeeds(f *testing.F, format Format) {
	for _, in := range parseFixtures(f) {
		data, err := os.ReadFile(in)
		if err != nil {
			f.Fatal(err)
		}
		if FormatOf(in) == format || FormatOf(in) == FormatUnknown {
			f.Add(data)
		}
	}
}

// checkClean fails on what no parsed article may hold.
func checkClean(t *testing.T, a Article) {
	t.Helper()
	for _, s := range append([]string{a.Title, a.Body, a.Author, a.Link, a.Summary, a.ID}, a.Tags...) {
		if !utf8.ValidString(s) {
			t.Fatalf("invalid UTF-8 in %q", s)
		}
		if r, ok := controlIn(s); ok {
			t.Fatalf("control character %U in %q", r, s)
		}
	}
	if strings.ContainsAny(a.Title, "\n\t") {
		t.Fatalf("title %q spans lines", a.Title)
	}
}

func fuzzParse(f *testing.F, path string, format Format) {
	addSeeds(f, format)
	p := NewParser()
	f.Fuzz(func(t *testing.T, data []byte) {
		a, err := p.Parse(path, data, fixtureTime)
		if err == nil && a.Title == "" {
			t.Fatal("no title")
		}
		checkClean(t, a)
		h, _ := p.ParseHeader(path, data, nil, fixtureTime)
		checkClean(t, h)
		if err == nil && h.Title != a.Title {
			t.Fatalf("header title %q, full title %q", h.Title, a.Title)
		}
	})
}

func FuzzParseText(f *testing.F)     { fuzzParse(f, "fuzz.txt", FormatText) }
func FuzzParseMarkdown(f *testing.F) { fuzzParse(f, "fuzz.md", FormatMarkdown) }
func FuzzParseHTML(f *testing.F)     { fuzzParse(f, "fuzz.html", FormatHTML) }
func FuzzParseSniffed(f *testing.F)  { fuzzParse(f, "fuzz", FormatUnknown) }

func FuzzParseJSONLines(f *testing.F) {
	seeds, _ := filepath.Glob(filepath.Join("testdata", "jsonl", "*.jsonl"))
	for _, s := range seeds {
		data, _ := os.ReadFile(s)
		f.Add(data)
	}
	f.Add([]byte(`{"title":"\u001b[2Jx","tags":["a\u0007"]}` + "\n{bad\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		arts, _ := ParseJSONLines(bytes.NewReader(data), "stdin")
		for _, a := range arts {
			checkClean(t, a)
		}
		var buf bytes.Buffer
		if err := WriteJSONLines(&buf, arts); err != nil {
			t.Fatal(err)
		}
		again, probs := ParseJSONLines(&buf, "stdin")
		if len(probs) > 0 || len(again) != len(arts) {
			t.Fatalf("round trip lost articles: %v", probs)
		}
	})
}

func FuzzSplitList(f *testing.F) {
	f.Add([]byte("a.md\nhttps://x.test/feed\r\n\nfile:///tmp/b.txt\n"))
	f.Add([]byte("a\nb.md\x00c.txt\x00"))
	f.Add([]byte("  ftp://x/\n- a.md\n\x1b]0;x\x07.md\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		LooksLikePathList(data)
		paths, urls := SplitList(data)
		for _, e := range append(paths, urls...) {
			if strings.TrimSpace(e) == "" {
				t.Errorf("empty entry in %q", data)
			}
			if !IsNULList(data) && strings.ContainsAny(e, "\n") {
				t.Errorf("entry %q holds a line break", e)
			}
		}
	})
}
