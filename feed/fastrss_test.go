package feed

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"newsread/articles"
)

// TestFastRSSReadsFeedsAsGofeedDoes parses every RSS document of the
// corpus twice, with the fast path and with gofeed alone, and wants the
// same articles and bodies.
func TestFastRSSReadsFeedsAsGofeedDoes(t *testing.T) {
	dirs := []string{"testdata", filepath.Join(corpusDir(t), "feeds"), filepath.Join(corpusDir(t), "realfeeds")}
	conv := articles.NewHTMLConverter()
	fast, whole := NewParser(conv), NewParser(conv)
	whole.wholeOnly = true
	compared, taken := 0, 0
	for _, dir := range dirs {
		filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			data, err := os.ReadFile(path)
			if err != nil || !bytes.Contains(data, []byte("<rss")) {
				return nil
			}
			kind := Detect(data)
			if kind != KindRSS20 && kind != KindRSS09 {
				return nil
			}
			opts := ParseOptions{URL: "https://corpus.test/feed", DeferBodies: true}
			want, werr := whole.Parse(data, opts)
			got, gerr := fast.Parse(data, opts)
			compared++
			if text, err := toUTF8(data, ""); err == nil {
				if _, ok := splitRSS(text); ok {
					taken++
				}
			}
			switch {
			case (werr == nil) != (gerr == nil):
				t.Errorf("%s: error %v, gofeed alone %v", path, gerr, werr)
			case werr == nil && !reflect.DeepEqual(got, want):
				t.Errorf("%s: the fast path reads it differently:\n%s", path, firstDifference(got, want))
			}
			return nil
		})
	}
	t.Logf("%d RSS documents compared, %d cut into items", compared, taken)
	if compared > 100 && taken < compared/2 {
		t.Errorf("the fast path took only %d of %d documents", taken, compared)
	}
}

// firstDifference names the first article (or feed field) that differs.
func firstDifference(got, want *Feed) string {
	if len(got.Articles) != len(want.Articles) {
		return "article counts differ"
	}
	for i := range got.Articles {
		if !reflect.DeepEqual(got.Articles[i], want.Articles[i]) {
			return strings.Join([]string{"got  " + sprint(got.Articles[i]), "want " + sprint(want.Articles[i])}, "\n")
		}
		id := got.Articles[i].ID
		if !reflect.DeepEqual(got.deferred[id], want.deferred[id]) {
			return "body of " + id + ":\ngot  " + sprint(got.deferred[id]) + "\nwant " + sprint(want.deferred[id])
		}
	}
	return "feed fields: got " + sprint(*got) + " want " + sprint(*want)
}

func sprint(v any) string { return fmt.Sprintf("%+v", v) }

// FuzzFastRSS wants the fast RSS path and gofeed alone to agree on any
// input: the same error or none, and the same articles and bodies.
func FuzzFastRSS(f *testing.F) {
	for _, s := range []string{
		`<rss version="2.0"><channel><title>t</title><item><title>a &amp; b</title><guid isPermaLink="false">1</guid><description><![CDATA[<p>x</p>]]></description></item></channel></rss>`,
		`<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><item><dc:creator>Ann &#39;A&#39;</dc:creator><content:encoded>&lt;b&gt;x</content:encoded><pubDate>Tue, 01 Oct 2019 14:30:00 PST</pubDate></item></channel></rss>`,
		`<rss version="2.0" xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd"><channel><item><itunes:duration xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd">10</itunes:duration><enclosure url="http://a/b.mp3" length="1" type="audio/mpeg"/><category domain="d">c</category></item><item><title>2</title></item></channel></rss>`,
	} {
		f.Add([]byte(s))
	}
	conv := articles.NewHTMLConverter()
	fast, whole := NewParser(conv), NewParser(conv)
	whole.wholeOnly = true
	f.Fuzz(func(t *testing.T, data []byte) {
		opts := ParseOptions{URL: "https://fuzz.test/feed", DeferBodies: true}
		want, werr := whole.Parse(data, opts)
		got, gerr := fast.Parse(data, opts)
		switch {
		case (werr == nil) != (gerr == nil):
			t.Errorf("error %v, gofeed alone %v", gerr, werr)
		case werr == nil && !reflect.DeepEqual(got, want):
			t.Errorf("the fast path reads it differently:\n%s", firstDifference(got, want))
		}
	})
}
