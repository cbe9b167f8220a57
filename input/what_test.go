package input

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"newsread/articles"
)

func TestWhatTellsInputsByTheirFirstBytes(t *testing.T) {
	tests := []struct {
		name string
		head string
		want Kind
	}{
		{"white space is nothing", " \n\t\n", KindEmpty},
		{"an RSS document is a feed", `<?xml version="1.0"?><rss version="2.0"><channel></channel></rss>`, KindFeed},
		{"an Atom document is a feed", `<feed xmlns="http://www.w3.org/2005/Atom"><title>x</title></feed>`, KindFeed},
		{"an OPML outline is a subscription list", `<?xml version="1.0"?><opml version="2.0"><body/></opml>`, KindOPML},
		{"a saved web page is an article", "<!DOCTYPE html><html><head><title>x</title></head><body><p>y</p></body></html>", KindArticle},
		{"a newsboat urls file is a subscription list", "# mine\nhttps://example.org/feed.xml tech \"~Example\"\nhttp://example.com/atom.xml\n", KindURLs},
		{"one feed address is a subscription list", "https://example.org/feed.xml\n", KindURLs},
		{"JSON Lines", `{"title":"a"}` + "\n" + `{"title":"b"}` + "\n", KindJSONLines},
		{"prose that mentions an address is an article", "Harbour reopens\n\nSee https://example.org for more.\n\nThe harbour reopened on Tuesday.\n", KindArticle},
		{"a story is an article", "Harbour reopens\n\nThe harbour reopened on Tuesday.\n", KindArticle},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := What([]byte(tt.head)); got != tt.want {
				t.Errorf("What(%q) = %v, want %v", tt.head, got, tt.want)
			}
		})
	}
}

func TestArgumentsThatCannotBeReadAreRefusedUpFront(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "p.txt")
	if err := mkfifo(fifo); err != nil {
		t.Skipf("no FIFOs here: %v", err)
	}
	env := NewEnv(t.TempDir(), t.TempDir(), "test")
	tests := []struct {
		name, arg string
		want      error
		says      string
	}{
		{"a FIFO would block", fifo, articles.ErrNotRegular, "named pipe"},
		{"a device never ends", "/dev/zero", articles.ErrNotRegular, "device"},
		{"ftp is not fetched", "ftp://example.org/feed.xml", ErrUnsupportedScheme, "not ftp"},
		{"a missing file", filepath.Join(dir, "missing.md"), ErrNotExist, "missing.md"},
		{"a missing file's name is cleaned", filepath.Join(dir, "x\x1b]0;PWN\x07.md"), ErrNotExist, "x.md"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := env.Arg(tt.arg)
			if !errors.Is(err, tt.want) || !strings.Contains(err.Error(), tt.says) {
				t.Fatalf("Arg(%q) = %v, want %v saying %q", tt.arg, err, tt.want, tt.says)
			}
			if strings.ContainsAny(err.Error(), "\x1b\x07") {
				t.Errorf("the error carries an escape: %q", err)
			}
		})
	}
}

func TestFileArgumentsAreToldByContent(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	story := write("story.txt", "Harbour reopens\n\nThe harbour reopened on Tuesday.\n")
	jsonl := write("all.jsonl", `{"title":"One","body":"a"}`+"\n"+`{"title":"Two","body":"b"}`+"\n")
	urls := write("urls", "http://127.0.0.1:1/a.xml\nhttp://127.0.0.1:1/b.xml\n")
	env := NewEnv(t.TempDir(), t.TempDir(), "test")

	src, err := env.Arg(story)
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := load(t, src); len(got) != 1 || !IsSingle(src) {
		t.Errorf("a story file is one article on its own: %d articles, single %v", len(got), IsSingle(src))
	}
	src, err = env.Arg(jsonl)
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := load(t, src); len(got) != 2 || IsSingle(src) {
		t.Errorf("a JSON Lines file is a list of two: %d articles, single %v", len(got), IsSingle(src))
	}
	src, err = env.Arg(urls)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := src.(Refresher); !ok {
		t.Errorf("a urls file is a list of feeds that refresh, got %T", src)
	}
	if _, problems := load(t, src); len(problems) != 2 {
		t.Errorf("want both feeds fetched (and failing on a closed port), got %v", problems)
	}
}
