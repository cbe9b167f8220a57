package input

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"newsread/articles"
	"newsread/feed"
)

func TestReadBoundedRefusesMoreThanTheLimit(t *testing.T) {
	if _, err := readBounded(strings.NewReader("12345"), 4); !errors.Is(err, ErrStdinTooLarge) {
		t.Errorf("5 bytes over a 4-byte limit: got %v", err)
	}
	if data, err := readBounded(strings.NewReader("1234"), 4); err != nil || string(data) != "1234" {
		t.Errorf("4 bytes at a 4-byte limit: got %q, %v", data, err)
	}
}

// load reads src to the end.
func load(t *testing.T, src Source) ([]articles.Article, []articles.Problem) {
	t.Helper()
	var got []articles.Article
	var problems []articles.Problem
	src.Load(context.Background(), func(b articles.Batch) {
		got = append(got, b.Articles...)
		problems = append(problems, b.Problems...)
	})
	return got, problems
}

func TestStdinIsToldByItsContent(t *testing.T) {
	dir := t.TempDir()
	story := filepath.Join(dir, "story.md")
	if err := os.WriteFile(story, []byte("# Piped path\n\nBody.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, in  string
		wantTitle string
		problem   bool
		single    bool
	}{
		{"one plain-text article", "Harbour reopens\n\nHarbour reopens\n\nBody.\n", "Harbour reopens", false, true},
		{"JSON Lines, a bad line reported", `{"title":"From JSON","body":"x"}` + "\n\n\n{oops\n", "From JSON", true, false},
		{"a list of paths", story + "\n", "Piped path", false, false},
		{"an RSS feed", `<?xml version="1.0"?><rss version="2.0"><channel><title>F</title><item><title>From RSS</title><guid>urn:x</guid></item></channel></rss>`, "From RSS", false, false},
	}
	env := NewEnv(t.TempDir(), t.TempDir(), "test")
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := env.Stdin(strings.NewReader(tt.in))
			got, problems := load(t, src)
			if len(got) != 1 || got[0].Title != tt.wantTitle {
				t.Fatalf("want one article %q, got %+v", tt.wantTitle, got)
			}
			if (len(problems) > 0) != tt.problem {
				t.Errorf("problems: %v", problems)
			}
			if IsSingle(src) != tt.single {
				t.Errorf("single: got %v, want %v", IsSingle(src), tt.single)
			}
			if _, err := src.Open(context.Background(), got[0]); err != nil {
				t.Errorf("open: %v", err)
			}
		})
	}
}

func TestAnEmptyPipeIsAnEmptyInput(t *testing.T) {
	env := NewEnv(t.TempDir(), t.TempDir(), "test")
	// Subscriptions exist: an empty pipe must not fall back to them.
	if err := os.MkdirAll(filepath.Dir(env.URLs), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(env.URLs, []byte("http://127.0.0.1:1/feed.xml\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, in := range []string{"", "  \n\n"} {
		got, problems := load(t, env.Stdin(strings.NewReader(in)))
		if len(got) != 0 || len(problems) != 1 || !errors.Is(problems[0].Err, ErrNothingPiped) {
			t.Errorf("%q: want nothing but %q, got %v and %v", in, ErrNothingPiped, got, problems)
		}
	}
}

func TestPipedSubscriptionsCanRefresh(t *testing.T) {
	opml := `<?xml version="1.0"?><opml version="2.0"><body><outline type="rss" text="x" xmlUrl="http://127.0.0.1:1/x.xml"/></body></opml>`
	src := NewEnv(t.TempDir(), t.TempDir(), "test").Stdin(strings.NewReader(opml))
	src.Load(context.Background(), func(articles.Batch) {})
	var done bool
	var problems int
	src.(Refresher).Refresh(context.Background(), "", func(b articles.Batch) {
		done = done || b.Done
		problems += len(b.Problems)
	})
	if !done || problems != 1 {
		t.Errorf("want the one feed refreshed (and failing on a closed port): done %v, %d problems", done, problems)
	}
}

func TestSubscriptionsWithBadLinesStillRefresh(t *testing.T) {
	bad := []articles.Problem{{Where: "urls: line 3", Err: feed.ErrUnsupportedLine}}
	src := NewEnv(t.TempDir(), t.TempDir(), "test").SubscriptionSource("feeds", []feed.Subscription{{URL: "http://127.0.0.1:1/x.xml"}}, bad)
	if _, ok := src.(Refresher); !ok {
		t.Fatalf("%T hides the feed source's Refresh", src)
	}
	got := []articles.Problem{}
	src.Load(t.Context(), func(b articles.Batch) { got = append(got, b.Problems...) })
	if len(got) < 2 || got[0].Where != "urls: line 3" {
		t.Errorf("want the bad line and the failed fetch reported, got %v", got)
	}
}

func TestPipedListsMixFilesFoldersAndFeeds(t *testing.T) {
	dir := t.TempDir()
	write := func(rel, content string) string {
		p := filepath.Join(dir, rel)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	a := write("a.md", "# Story A\n\nBody.\n")
	b := write("b.txt", "Story B\n\nBody.\n")
	write("folder/c.md", "# Story C\n\nBody.\n")
	folder := filepath.Join(dir, "folder")
	missing := filepath.Join(dir, "gone.md")
	env := NewEnv(t.TempDir(), t.TempDir(), "test")
	tests := []struct {
		name      string
		in        string
		titles    []string
		problems  int
		refresher bool
	}{
		{"three paths, one missing", a + "\n" + b + "\n" + missing + "\n", []string{"Story A", "Story B"}, 1, false},
		{"NUL-separated, as find -print0", a + "\x00" + b + "\x00", []string{"Story A", "Story B"}, 0, false},
		{"a folder is read whole", folder + "\n" + a + "\n", []string{"Story A", "Story C"}, 0, false},
		{"a folder and its files, as find prints them, reads each once", folder + "\n" + filepath.Join(folder, "c.md") + "\n", []string{"Story C"}, 0, false},
		{"feed addresses beside paths are feeds", a + "\nhttp://127.0.0.1:1/feed.xml\n", []string{"Story A"}, 1, true},
		{"an ftp address is a problem of its own", a + "\n" + b + "\nftp://example.org/x.xml\n", []string{"Story A", "Story B"}, 1, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := env.Stdin(strings.NewReader(tt.in))
			got, problems := load(t, src)
			var titles []string
			for _, a := range got {
				titles = append(titles, a.Title)
			}
			slices.Sort(titles)
			if !slices.Equal(titles, tt.titles) || len(problems) != tt.problems {
				t.Errorf("got %q and %v, want %q and %d problems", titles, problems, tt.titles, tt.problems)
			}
			if _, ok := src.(*stdinSource).current().(Refresher); ok != tt.refresher {
				t.Errorf("refreshes: %v, want %v", ok, tt.refresher)
			}
			for _, a := range got {
				if _, err := src.Open(context.Background(), a); err != nil {
					t.Errorf("open %s: %v", a.Title, err)
				}
			}
		})
	}
}

func TestSubscriptionsAreReadAgainWhenTheFileChanges(t *testing.T) {
	dir := t.TempDir()
	env := NewEnv(dir, t.TempDir(), "test")
	if err := os.MkdirAll(filepath.Dir(env.URLs), 0o755); err != nil {
		t.Fatal(err)
	}
	write := func(s string) {
		if err := os.WriteFile(env.URLs, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("https://a.example/feed news\n")
	first, _, ok, err := env.Subscriptions()
	if err != nil || !ok || len(first) != 1 {
		t.Fatalf("first read: %v %v %v", first, ok, err)
	}
	first[0].Tags[0] = "changed by the caller"
	again, _, _, _ := env.Subscriptions()
	if again[0].Tags[0] != "news" {
		t.Errorf("a second read gave the caller's change: %v", again[0].Tags)
	}
	write("https://a.example/feed news\nhttps://b.example/feed\n")
	later, _, _, _ := env.Subscriptions()
	if len(later) != 2 {
		t.Errorf("after the file changed: %v, want both feeds", later)
	}
}
