package feed

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"newsread/articles"
)

func TestCacheTitle(t *testing.T) {
	bigRSS := rssFeed("Long History", 0, 3000, 40)
	if len(bigRSS) <= titleHeadSize {
		t.Fatalf("the long feed is only %d bytes", len(bigRSS))
	}
	tests := []struct {
		name, body, contentType, want string
	}{
		{"an RSS channel's title", `<?xml version="1.0"?><rss version="2.0"><channel><title>Harbour &amp; Coast</title><item><title>Item</title></item></channel></rss>`, "", "Harbour & Coast"},
		{"an Atom feed's title, not its entries'", `<feed xmlns="http://www.w3.org/2005/Atom"><entry><title>Entry</title></entry><title>Late</title></feed>`, "", ""},
		{"an Atom feed's HTML title as plain text", `<feed xmlns="http://www.w3.org/2005/Atom"><title type="html">&lt;b&gt;Bold&lt;/b&gt; news</title><entry><title>E</title></entry></feed>`, "", "Bold news"},
		{"an RDF channel's title", `<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"><channel><title>RDF news</title></channel><item><title>I</title></item></rdf:RDF>`, "", "RDF news"},
		{"an image title inside the channel is not the feed's", `<rss version="2.0"><channel><image><title>Logo</title></image><title>Real</title></channel></rss>`, "", "Real"},
		{"a JSON Feed's title", `{"version": "https://jsonfeed.org/version/1.1", "items": [{"id": "1", "title": "Item"}], "title": "JSON news"}`, "", "JSON news"},
		{"an RSS-in-JSON channel's title", `{"rss": {"version": "2.0", "channel": {"title": "Scripting", "item": []}}}`, "", "Scripting"},
		{"a windows-1252 title is decoded", "<?xml version=\"1.0\" encoding=\"windows-1252\"?><rss><channel><title>Caf\xe9</title></channel></rss>", "", "Café"},
		{"the charset of the response applies", "<rss><channel><title>Caf\xe9</title></channel></rss>", "text/xml; charset=iso-8859-1", "Café"},
		{"the title of a feed larger than the head read", string(bigRSS), "", "Long History"},
		{"a feed without a title has none", `<rss version="2.0"><channel><item><title>I</title></item></channel></rss>`, "", ""},
		{"terminal escapes do not pass", "<rss><channel><title>News\x1b]0;pwn\x07 today</title></channel></rss>", "", "News today"},
		{"an HTML page has no feed title", `<!DOCTYPE html><html><head><title>Page</title></head></html>`, "", ""},
	}
	c := NewCache(t.TempDir())
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			u := "https://example.com/feed/" + string(rune('a'+i))
			if err := c.Store(u, CacheMeta{ContentType: tt.contentType}, []byte(tt.body)); err != nil {
				t.Fatal(err)
			}
			got, ok := c.Title(u)
			if got != tt.want || ok != (tt.want != "") {
				t.Errorf("Title = %q, %v; want %q", got, ok, tt.want)
			}
		})
	}
	t.Run("a feed not in the cache has no title", func(t *testing.T) {
		if got, ok := c.Title("https://example.com/never"); ok || got != "" {
			t.Errorf("Title = %q, %v", got, ok)
		}
	})
}

func TestExportedOPMLNamesFeedsByTheirCachedTitles(t *testing.T) {
	c := NewCache(t.TempDir())
	if err := c.Store("https://a.test/feed", CacheMeta{}, []byte(`<rss><channel><title>Cached A</title></channel></rss>`)); err != nil {
		t.Fatal(err)
	}
	if err := c.Store("https://b.test/feed", CacheMeta{}, []byte(`<rss><channel><title>Cached B</title></channel></rss>`)); err != nil {
		t.Fatal(err)
	}
	subs := []Subscription{
		{URL: "https://a.test/feed"},
		{URL: "https://b.test/feed", Title: "My B"},
		{URL: "https://c.test/feed", Tags: []string{"x"}},
	}
	var b bytes.Buffer
	if err := WriteOPML(&b, c.WithCachedTitles(subs)); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, want := range []string{
		`text="Cached A" title="Cached A" xmlUrl="https://a.test/feed"`,
		`text="My B" title="My B" xmlUrl="https://b.test/feed"`,
		`text="https://c.test/feed" xmlUrl="https://c.test/feed"`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("the OPML lacks %s:\n%s", want, out)
		}
	}
	if subs[0].Title != "" {
		t.Error("the subscriptions given were changed")
	}
}

// TestCorpusCachedTitlesMatchParsedTitles wants the title read from a
// document's head to be the title a full parse gives.
func TestCorpusCachedTitlesMatchParsedTitles(t *testing.T) {
	p := NewParser(articles.NewHTMLConverter())
	compared, differ := 0, 0
	for _, dir := range []string{"feeds", "realfeeds"} {
		filepath.WalkDir(filepath.Join(corpusDir(t), dir), func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || isCorpusMeta(d.Name()) {
				return err
			}
			data, err := os.ReadFile(path)
			if err != nil || !Detect(data).IsFeed() {
				return nil
			}
			f, err := p.Parse(data, ParseOptions{URL: "https://corpus.test/feed", HeadersOnly: true})
			if err != nil {
				return nil
			}
			compared++
			if got := documentTitle(data[:min(len(data), titleHeadSize)], ""); got != f.Title {
				differ++
				if differ <= 10 {
					t.Logf("%s: %q, parsed %q", path, got, f.Title)
				}
			}
			return nil
		})
	}
	t.Logf("%d feeds compared, %d titles differ", compared, differ)
	if differ > compared/100 {
		t.Errorf("%d of %d titles differ from the parsed ones", differ, compared)
	}
}

func TestCacheEntriesNamesTheFeedsItHolds(t *testing.T) {
	dir := t.TempDir()
	c := NewCache(dir)
	if err := c.Store("https://a.example/feed", CacheMeta{}, []byte("<rss/>")); err != nil {
		t.Fatal(err)
	}
	if err := c.StoreMeta("https://b.example/feed", CacheMeta{ETag: `"b"`}); err != nil {
		t.Fatal(err)
	}
	has, ok := c.Entries()
	if !ok {
		t.Fatal("the folder could not be listed")
	}
	for url, want := range map[string]bool{"https://a.example/feed": true, "https://b.example/feed": true, "https://c.example/feed": false} {
		if has(url) != want {
			t.Errorf("has(%s) = %v, want %v", url, !want, want)
		}
	}
	has, ok = NewCache(filepath.Join(dir, "none")).Entries()
	if !ok || has("https://a.example/feed") {
		t.Errorf("a cache folder not made yet: ok %v, has %v; want an empty listing", ok, has("https://a.example/feed"))
	}
}
