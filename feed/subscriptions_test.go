package feed

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func TestParseURLs(t *testing.T) {
	tests := []struct {
		name     string
		in       string
		want     []Subscription
		problems []string // "line N"
	}{
		{"a bare URL is a subscription", "https://example.com/feed\n",
			[]Subscription{{URL: "https://example.com/feed"}}, nil},
		{"tags follow the URL, quoted ones may hold spaces", `http://a.test/rss news "long reads" tech`,
			[]Subscription{{URL: "http://a.test/rss", Tags: []string{"news", "long reads", "tech"}}}, nil},
		{"a quoted tilde field sets the title", `https://b.test/atom "~My Blog" dev`,
			[]Subscription{{URL: "https://b.test/atom", Title: "My Blog", Tags: []string{"dev"}}}, nil},
		{"comments and blank lines are skipped", "# my feeds\n\n   \nhttps://c.test/ # trailing\n",
			[]Subscription{{URL: "https://c.test/"}}, nil},
		{"newsboat-only lines are problems with line numbers", "https://d.test/\n\"query:unread:unread = \\\"yes\\\"\"\nexec:~/bin/feed\nfilter:~/f.sh:https://e.test/\nftp://f.test/feed\nhttps://g.test/\n",
			[]Subscription{{URL: "https://d.test/"}, {URL: "https://g.test/"}}, []string{"line 2", "line 3", "line 4", "line 5"}},
		{"a URL without host is a problem", "https:///nohost\n", nil, []string{"line 1"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, problems := ParseURLs(strings.NewReader(tt.in))
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %+v, want %+v", got, tt.want)
			}
			var where []string
			for _, p := range problems {
				where = append(where, p.Where)
				if !errors.Is(p.Err, ErrUnsupportedLine) {
					t.Errorf("problem %v is not ErrUnsupportedLine", p)
				}
			}
			if !reflect.DeepEqual(where, tt.problems) {
				t.Errorf("problems at %v, want %v", where, tt.problems)
			}
		})
	}
}

func TestURLsRoundTrip(t *testing.T) {
	subs := []Subscription{
		{URL: "https://a.test/feed", Title: "A \"quoted\" title", Tags: []string{"news", "two words"}},
		{URL: "http://b.test/rss"},
		{URL: "https://c.test/atom", Tags: []string{"#hash"}},
	}
	var b bytes.Buffer
	if err := WriteURLs(&b, subs); err != nil {
		t.Fatal(err)
	}
	got, problems := ParseURLs(&b)
	if len(problems) > 0 || !reflect.DeepEqual(got, subs) {
		t.Errorf("round trip gave %+v %v\n%s", got, problems, b.String())
	}
}

func TestParseOPML(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		want    []Subscription
		wantErr error
	}{
		{"nested folders become tags",
			`<opml version="2.0"><head/><body><outline text="Tech"><outline text="Go"><outline text="Go blog" xmlUrl="https://go.dev/blog/feed.atom"/></outline></outline><outline text="Top" type="rss" xmlUrl="https://top.test/rss"/></body></opml>`,
			[]Subscription{{URL: "https://go.dev/blog/feed.atom", Title: "Go blog", Tags: []string{"Tech", "Go"}}, {URL: "https://top.test/rss", Title: "Top"}}, nil},
		{"attribute case and a missing head are tolerated",
			`<?xml version="1.0"?><opml version="1.0"><body><outline title="Odd" xmlurl="https://odd.test/feed"/></body></opml>`,
			[]Subscription{{URL: "https://odd.test/feed", Title: "Odd"}}, nil},
		{"an unescaped ampersand is tolerated",
			`<opml version="1.1"><body><outline text="Nick & Co" xmlUrl="http://n.test/feed?a=1&b=2"/></body></opml>`,
			[]Subscription{{URL: "http://n.test/feed?a=1&b=2", Title: "Nick & Co"}}, nil},
		{"an RSS document is not OPML", `<rss version="2.0"><channel/></rss>`, nil, ErrNotOPML},
		{"an empty document is not OPML", ``, nil, ErrNotOPML},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseOPML(strings.NewReader(tt.in))
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("error %v, want %v", err, tt.wantErr)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %+v, want %+v", got, tt.want)
			}
		})
	}
}

func TestOPMLRoundTrip(t *testing.T) {
	subs := []Subscription{
		{URL: "https://a.test/feed?x=1&y=2", Title: "A & <B>", Tags: []string{"news", "world"}},
		{URL: "https://b.test/rss", Tags: []string{"news"}},
		{URL: "https://c.test/atom", Title: "C"},
	}
	var b bytes.Buffer
	if err := WriteOPML(&b, subs); err != nil {
		t.Fatal(err)
	}
	got, err := ParseOPML(&b)
	if err != nil || !reflect.DeepEqual(got, subs) {
		t.Errorf("round trip gave %+v, %v\n%s", got, err, b.String())
	}
}

func TestMergeSubscriptions(t *testing.T) {
	existing := []Subscription{{URL: "https://Example.com/feed", Title: "Mine", Tags: []string{"a"}}}
	added := []Subscription{
		{URL: "http://example.com:80/feed#top", Title: "Theirs", Tags: []string{"b"}},
		{URL: "https://new.test/rss"},
		{URL: "https://new.test/rss"},
	}
	merged, n := MergeSubscriptions(existing, added)
	want := []Subscription{
		{URL: "https://Example.com/feed", Title: "Mine", Tags: []string{"a", "b"}},
		{URL: "https://new.test/rss"},
	}
	if n != 1 || !reflect.DeepEqual(merged, want) {
		t.Errorf("merged %+v (%d added), want %+v (1 added)", merged, n, want)
	}
}

func TestCorpusOPMLFilesLoadOrFailCleanly(t *testing.T) {
	dir := filepath.Join(corpusDir(t), "opml")
	loaded, failed, feeds := 0, 0, 0
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || isCorpusMeta(d.Name()) {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		subs, err := ParseOPML(bytes.NewReader(data))
		if err != nil {
			failed++
			return nil
		}
		loaded++
		feeds += len(subs)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("corpus OPML files: %d loaded (%d feeds), %d failed cleanly", loaded, feeds, failed)
	big, err := os.ReadFile(filepath.Join(dir, "engineering-blogs", "engineering_blogs.opml"))
	if err == nil {
		subs, err := ParseOPML(bytes.NewReader(big))
		if err != nil || len(subs) < 100 {
			t.Errorf("engineering_blogs.opml: %d feeds, %v", len(subs), err)
		}
	}
}

func TestReadSubscriptionsTellsTheFormatByContent(t *testing.T) {
	subs, _, err := ReadSubscriptions(strings.NewReader(`<?xml version="1.0"?><opml><body><outline xmlUrl="https://x.test/f"/></body></opml>`))
	if err != nil || len(subs) != 1 {
		t.Errorf("OPML: %+v %v", subs, err)
	}
	subs, problems, err := ReadSubscriptions(strings.NewReader("https://y.test/f tag\nexec:foo\n"))
	if err != nil || len(subs) != 1 || len(problems) != 1 {
		t.Errorf("urls: %+v %v %v", subs, problems, err)
	}
}
