package articles

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestStdinSniffing(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"a.md": "# A", "b.txt": "B", "odd\nname.md": "# Odd", "notes": "plain"})
	a, b := filepath.Join(dir, "a.md"), filepath.Join(dir, "b.txt")
	utf16 := []byte("\xff\xfeH\x00i\x00.\x00t\x00x\x00t\x00\n\x00")
	tests := []struct {
		name        string
		in          string
		jsonl, list bool
	}{
		{"JSON objects per line are JSON Lines", "{\"title\":\"a\"}\n{\"title\":\"b\"}\n", true, false},
		{"JSON Lines with a plain-text line further on are JSON Lines", "{\"title\":\"a\"}\n{\"title\":\"b\"}\nnot json at all\n{\"title\":\"c\"}\n", true, false},
		{"one JSON object and one broken line are JSON Lines", "{\"title\":\"a\"}\nnot json\n", true, false},
		{"a JSON object followed by prose is not JSON Lines", "{\"a\":1}\nSome prose.\nMore prose.\n", false, false},
		{"prose followed by JSON objects is not JSON Lines", "Title\n{\"title\":\"a\"}\n{\"title\":\"b\"}\n", false, false},
		{"a JSON array is not JSON Lines", "[{\"title\":\"a\"}]", false, false},
		{"existing article paths are a list", a + "\n" + b + "\n", false, true},
		{"a list with one missing path is a list", a + "\n" + filepath.Join(dir, "missing.md") + "\n" + b + "\n", false, true},
		{"a list with one missing path without extension is a list", a + "\n/no/such/thing\n" + b + "\n", false, true},
		{"a list with CRLF line ends is a list", a + "\r\n" + b + "\r\n", false, true},
		{"a NUL-separated list is a list", a + "\x00" + b + "\x00", false, true},
		{"a NUL-separated list with a newline in a name is a list", filepath.Join(dir, "odd\nname.md") + "\x00" + a + "\x00", false, true},
		{"a list of feed URLs is a list", "https://example.com/feed.xml\nhttp://example.org/rss\n", false, true},
		{"a list of paths and URLs is a list", a + "\nhttps://example.com/feed\n", false, true},
		{"one existing path without extension is a list", filepath.Join(dir, "notes") + "\n", false, true},
		{"one existing directory is a list", dir + "\n", false, true},
		{"one missing article path is a list", "/no/such/file.md\n", false, true},
		{"one URL is a list", "https://example.com/feed\n", false, true},
		{"prose is neither", "Title\n\nSome text.\n", false, false},
		{"a markdown list of file names is neither", "- a.md\n- b.md\n- c.md\n", false, false},
		{"prose that names a path on one line is neither", "Notes\n\nThe file is at " + a + "\n\nThat is all.\n", false, false},
		{"a missing file without extension alone is neither", "/no/such/thing\n", false, false},
		{"binary data is neither", "\x00\x01\x02\x03binary\x00\xff\xfe", false, false},
		{"UTF-16 text is neither", string(utf16), false, false},
		{"empty input is neither", "\n \n", false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := LooksLikeJSONLines([]byte(tt.in)); got != tt.jsonl {
				t.Errorf("LooksLikeJSONLines = %v", got)
			}
			if got := LooksLikePathList([]byte(tt.in)); got != tt.list {
				t.Errorf("LooksLikePathList = %v", got)
			}
		})
	}
}

func TestSplitList(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"a.md": "# A", "with space.txt": "B"})
	a := filepath.Join(dir, "a.md")
	tests := []struct {
		name                string
		in                  string
		wantPaths, wantURLs []string
	}{
		{"paths and URLs are given apart in order", a + "\nhttps://x.test/feed\n\n/no/such.md\r\nhttp://y.test/rss\n",
			[]string{a, "/no/such.md"}, []string{"https://x.test/feed", "http://y.test/rss"}},
		{"a NUL-separated list keeps newlines in names", "a\nb.md\x00" + a + "\x00", []string{"a\nb.md", a}, nil},
		{"a file URL is given as its path", "file://" + a + "\n", []string{a}, nil},
		{"an unsupported scheme is a URL for the caller to refuse", "ftp://x.test/feed\n", nil, []string{"ftp://x.test/feed"}},
		{"stray spaces around an existing path are dropped", "  " + filepath.Join(dir, "with space.txt") + " \n", []string{filepath.Join(dir, "with space.txt")}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			paths, urls := SplitList([]byte(tt.in))
			if diff := cmp.Diff(tt.wantPaths, paths); diff != "" {
				t.Errorf("paths: %s", diff)
			}
			if diff := cmp.Diff(tt.wantURLs, urls); diff != "" {
				t.Errorf("urls: %s", diff)
			}
		})
	}
}

func TestListWithMissingEntries(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"a.md": "# A\n\nBody.", "b.txt": "B\n\nBody."})
	data := []byte(filepath.Join(dir, "a.md") + "\n" + filepath.Join(dir, "gone.md") + "\n" + filepath.Join(dir, "b.txt") + "\n")
	if !LooksLikePathList(data) {
		t.Fatal("not a list")
	}
	r := load(t, context.Background(), NewFiles("stdin", listPaths(data)), dir)
	t.Run("the files that exist load", func(t *testing.T) {
		if r.arts["a.md"].Title != "A" || r.arts["b.txt"].Title != "B" || !r.done {
			t.Errorf("articles %v", keys(r.arts))
		}
	})
	t.Run("the missing file is a problem of its own", func(t *testing.T) {
		if len(r.problems) != 1 || !errors.Is(r.problems["gone.md"], fs.ErrNotExist) {
			t.Errorf("problems %v", r.problems)
		}
	})
}

func TestJSONLinesWithBadLines(t *testing.T) {
	in := "{\"title\":\"a\"}\n{\"title\":\"b\"}\n\nplain text here\n{\"title\": broken\n[1,2]\n{\"title\":\"c\"}\n"
	if !LooksLikeJSONLines([]byte(in)) {
		t.Fatal("not JSON Lines")
	}
	arts, probs := ParseJSONLines(strings.NewReader(in), "stdin")
	t.Run("the good lines load", func(t *testing.T) {
		var titles []string
		for _, a := range arts {
			titles = append(titles, a.Title)
		}
		if diff := cmp.Diff([]string{"a", "b", "c"}, titles); diff != "" {
			t.Error(diff)
		}
	})
	t.Run("each bad line is a problem placed by source and line", func(t *testing.T) {
		var got []string
		for _, p := range probs {
			got = append(got, p.Error())
		}
		want := []string{"stdin:4: not a JSON object", "stdin:5: bad JSON", "stdin:6: not a JSON object"}
		if len(got) != len(want) {
			t.Fatalf("problems %q", got)
		}
		for i := range want {
			if !strings.HasPrefix(got[i], want[i]) {
				t.Errorf("problem %q, want %q…", got[i], want[i])
			}
		}
	})
}

func TestListFromFind(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"news/a.md": "# A\n\nBody.", "news/sub/b.txt": "B\n\nBody."})
	if err := os.Mkdir(filepath.Join(dir, "empty"), 0o755); err != nil {
		t.Fatal(err)
	}
	// What `find dir -print0` prints: folders and their files.
	var list []string
	for _, p := range []string{"", "news", "news/a.md", "news/sub", "news/sub/b.txt", "empty"} {
		list = append(list, filepath.Join(dir, p))
	}
	data := []byte(strings.Join(list, "\x00") + "\x00")
	if !LooksLikePathList(data) {
		t.Fatal("not a list")
	}
	r := load(t, context.Background(), NewFiles("stdin", listPaths(data)), dir)
	t.Run("the files load", func(t *testing.T) {
		if len(r.arts) != 2 || r.arts["news/a.md"].Title != "A" || r.arts["news/sub/b.txt"].Title != "B" {
			t.Errorf("articles %v", keys(r.arts))
		}
	})
	t.Run("folders whose files are listed are skipped, others are problems", func(t *testing.T) {
		if len(r.problems) != 1 || !errors.Is(r.problems["empty"], ErrNotRegular) {
			t.Errorf("problems %v", r.problems)
		}
	})
}

// listPaths is the paths of a list, as the caller of SplitList reads them.
func listPaths(data []byte) []string {
	paths, _ := SplitList(data)
	return paths
}
