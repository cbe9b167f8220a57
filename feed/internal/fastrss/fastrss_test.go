package fastrss

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/mmcdole/gofeed"
	"github.com/mmcdole/gofeed/rss"
)

// corpusDir is the shared real-world corpus; tests that use it skip when
// it is absent, so a plain clone passes.
func corpusDir(t testing.TB) string {
	t.Helper()
	dir := filepath.Join("..", "..", "..", "..", "shared", "corpus")
	if _, err := os.Stat(dir); err != nil {
		t.Skip("corpus not present at", dir)
	}
	return dir
}

// gofeedParses is the yardstick: gofeed's RSS parser and translator over
// the whole document, as the feed package calls them.
func gofeedParses(doc []byte) (*gofeed.Feed, error) {
	rf, err := (&rss.Parser{}).Parse(bytes.NewReader(doc))
	if err != nil {
		return nil, err
	}
	return (&gofeed.DefaultRSSTranslator{DisableContentImageScan: true}).Translate(rf)
}

var otherEncoding = regexp.MustCompile(`(?i)^\s*<\?xml[^>]*encoding\s*=\s*["']\s*(?:[^u"']|u[^t"']|ut[^f"'])`)

// comparable reports whether doc is what Parse is given: UTF-8 that
// says so (the feed package converts every document before).
func comparable(doc []byte) bool {
	return utf8.Valid(doc) && !otherEncoding.Match(bytes.TrimPrefix(doc, []byte("\xef\xbb\xbf")))
}

// sameReading fails t when Parse reads doc and gofeed does not read it
// the same.
func sameReading(t *testing.T, name string, doc []byte) (taken bool) {
	t.Helper()
	got, ok := Parse(doc, 2)
	if !ok {
		return false
	}
	want, err := gofeedParses(doc)
	switch {
	case err != nil:
		t.Errorf("%s: read, though gofeed fails: %v", name, err)
	case !reflect.DeepEqual(got, want):
		t.Errorf("%s: read differently:\n%s", name, firstDifference(got, want))
	}
	return true
}

// TestParseReadsFeedsAsGofeedDoes reads every RSS document of the corpus
// and the feed package's fixtures with Parse and with gofeed alone, and
// wants the same feed, item by item.
func TestParseReadsFeedsAsGofeedDoes(t *testing.T) {
	root := corpusDir(t)
	dirs := []string{filepath.Join("..", "..", "testdata"), filepath.Join(root, "feeds"), filepath.Join(root, "realfeeds")}
	compared, taken := 0, 0
	for _, dir := range dirs {
		filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			data, err := os.ReadFile(path)
			if err != nil || !bytes.Contains(data, []byte("<rss")) || !comparable(data) {
				return nil
			}
			compared++
			if sameReading(t, path, data) {
				taken++
			}
			return nil
		})
	}
	t.Logf("%d RSS documents compared, %d cut into items", compared, taken)
	if compared > 100 && taken < compared/2 {
		t.Errorf("Parse took only %d of %d documents", taken, compared)
	}
}

// firstDifference names the first item (or feed field) that differs.
func firstDifference(got, want *gofeed.Feed) string {
	if len(got.Items) != len(want.Items) {
		return fmt.Sprintf("%d items, gofeed %d", len(got.Items), len(want.Items))
	}
	for i := range got.Items {
		if !reflect.DeepEqual(got.Items[i], want.Items[i]) {
			return strings.Join([]string{"got  " + sprint(got.Items[i]), "want " + sprint(want.Items[i])}, "\n")
		}
	}
	g, w := *got, *want
	g.Items, w.Items = nil, nil
	return "feed fields: got " + sprint(g) + " want " + sprint(w)
}

func sprint(v any) string { return fmt.Sprintf("%+v", v) }

// FuzzParse wants Parse and gofeed alone to agree on any input Parse
// accepts: the same feed, item by item.
func FuzzParse(f *testing.F) {
	for _, s := range []string{
		`<rss version="2.0"><channel><title>t</title><item><title>a &amp; b</title><guid isPermaLink="false">1</guid><description><![CDATA[<p>x</p>]]></description></item></channel></rss>`,
		`<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><item><dc:creator>Ann &#39;A&#39;</dc:creator><content:encoded>&lt;b&gt;x</content:encoded><pubDate>Tue, 01 Oct 2019 14:30:00 PST</pubDate></item></channel></rss>`,
		`<rss version="2.0" xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd"><channel><item><itunes:duration xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd">10</itunes:duration><enclosure url="http://a/b.mp3" length="1" type="audio/mpeg"/><category domain="d">c</category></item><item><title>2</title></item></channel></rss>`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if comparable(data) {
			sameReading(t, "input", data)
		}
	})
}
