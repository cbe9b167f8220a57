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
		{"a URL given twice is one subscription and a problem", "https://a.test/feed news \"~A\"\n# x\nhttps://b.test/\n  https://a.test/feed  tech news \"~Other\"\n",
			[]Subscription{{URL: "https://a.test/feed", Title: "A", Tags: []string{"news", "tech"}}, {URL: "https://b.test/"}}, []string{"line 4"}},
		{"+fulltext asks for the whole story and is not a tag", "https://a.test/feed news +fulltext \"~A\"\nhttps://b.test/ +FullText\n",
			[]Subscription{{URL: "https://a.test/feed", Title: "A", Tags: []string{"news"}, FullText: true}, {URL: "https://b.test/", FullText: true}}, nil},
		{"a quoted +fulltext is a tag", "https://a.test/feed \"+fulltext\"\n",
			[]Subscription{{URL: "https://a.test/feed", Tags: []string{"+fulltext"}}}, nil},
		{"a repeat with +fulltext asks for the whole story", "https://a.test/feed\nhttps://a.test/feed +fulltext\n",
			[]Subscription{{URL: "https://a.test/feed", FullText: true}}, []string{"line 2"}},
		{"a repeat gives a title the first line lacked", "https://a.test/feed\nhttps://a.test/feed \"~A\"\nhttps://a.test/feed\n",
			[]Subscription{{URL: "https://a.test/feed", Title: "A"}}, []string{"line 2", "line 3"}},
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
				if !errors.Is(p.Err, ErrUnsupportedLine) && !errors.Is(p.Err, ErrDuplicate) {
					t.Errorf("problem %v is not ErrUnsupportedLine", p)
				}
			}
			if !reflect.DeepEqual(where, tt.problems) {
				t.Errorf("problems at %v, want %v", where, tt.problems)
			}
		})
	}
}

func TestDuplicateLinesSayWhichLineTheyRepeat(t *testing.T) {
	_, problems := ParseURLs(strings.NewReader("https://a.test/\nhttps://b.test/\nhttps://a.test/\n"))
	if len(problems) != 1 || problems[0].Error() != "line 3: duplicate of line 1" {
		t.Errorf("problems %v, want line 3: duplicate of line 1", problems)
	}
}

func TestURLsRoundTrip(t *testing.T) {
	subs := []Subscription{
		{URL: "https://a.test/feed", Title: "A \"quoted\" title", Tags: []string{"news", "two words"}},
		{URL: "http://b.test/rss"},
		{URL: "https://c.test/atom", Tags: []string{"#hash"}},
		{URL: "https://d.test/rss", Title: "D", Tags: []string{"news"}, FullText: true},
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
		{"the fullText attribute asks for the whole story",
			`<opml version="2.0"><body><outline text="D" xmlUrl="https://d.test/rss" fullText="true"/><outline text="E" xmlUrl="https://e.test/rss" fullText="false"/></body></opml>`,
			[]Subscription{{URL: "https://d.test/rss", Title: "D", FullText: true}, {URL: "https://e.test/rss", Title: "E"}}, nil},
		{"garbled titles and folders are repaired",
			`<opml version="2.0"><body><outline text="NachrichtenÃ¼bersicht"><outline text="SÃ¤nger" xmlUrl="https://s.test/rss"/></outline></body></opml>`,
			[]Subscription{{URL: "https://s.test/rss", Title: "Sänger", Tags: []string{"Nachrichtenübersicht"}}}, nil},
		{"an RSS document is not OPML", `<rss version="2.0"><channel/></rss>`, nil, ErrNotOPML},
		{"an empty document is not OPML", ``, nil, ErrNotOPML},
		{"an OPML list with an empty body has no feeds", `<?xml version="1.0"?><opml version="2.0"><head><title>x</title></head><body></body></opml>`, nil, ErrNoFeeds},
		{"an OPML list of folders only has no feeds", `<opml version="2.0"><body><outline text="Tech"><outline text="Go"/></outline></body></opml>`, nil, ErrNoFeeds},
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
		{URL: "https://d.test/rss", Title: "D", FullText: true},
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
		{URL: "http://example.com:80/feed#top", Title: "Theirs", Tags: []string{"b"}, FullText: true},
		{URL: "https://new.test/rss"},
		{URL: "https://new.test/rss"},
	}
	merged, n := MergeSubscriptions(existing, added)
	want := []Subscription{
		{URL: "https://Example.com/feed", Title: "Mine", Tags: []string{"a", "b"}, FullText: true},
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

func TestReadSubscriptionsMergesRepeatedFeeds(t *testing.T) {
	opml := `<opml version="2.0"><body><outline text="News"><outline text="A" xmlUrl="https://a.test/f"/></outline><outline text="Tech"><outline text="A again" xmlUrl="https://a.test/f"/></outline></body></opml>`
	subs, problems, err := ReadSubscriptions(strings.NewReader(opml))
	want := []Subscription{{URL: "https://a.test/f", Title: "A", Tags: []string{"News", "Tech"}}}
	if err != nil || len(problems) != 0 || !reflect.DeepEqual(subs, want) {
		t.Errorf("OPML: %+v %v %v, want %+v", subs, problems, err, want)
	}
	subs, problems, err = ReadSubscriptions(strings.NewReader("https://a.test/f x\nhttps://a.test/f y\n"))
	want = []Subscription{{URL: "https://a.test/f", Tags: []string{"x", "y"}}}
	if err != nil || len(problems) != 1 || !reflect.DeepEqual(subs, want) {
		t.Errorf("urls: %+v %v %v, want %+v", subs, problems, err, want)
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
