package feed

import (
	"errors"
	"os"
	"strings"
	"testing"
	"time"

	"newsread/articles"
)

func parseFixture(t *testing.T, name, url string) *Feed {
	t.Helper()
	data, err := os.ReadFile("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	f, err := NewParser(articles.NewHTMLConverter()).Parse(data, ParseOptions{URL: url})
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func TestItemsBecomeArticles(t *testing.T) {
	rel := parseFixture(t, "relative-links.xml", "https://example.org/feed.xml").Articles[0]
	pod := parseFixture(t, "podcast.xml", "https://pod.example/feed").Articles[0]
	notes := parseFixture(t, "untitled-items.xml", "https://notes.example/rss").Articles
	tests := []struct {
		name string
		got  any
		want any
	}{
		{"the link is resolved against the feed's link", rel.Link, "https://example.org/blog/2024/story.html"},
		{"a local GUID is prefixed with the feed URL", rel.ID, "https://example.org/feed.xml#42"},
		{"a global GUID is kept as it is", pod.ID, "https://pod.example/ep/1"},
		{"tags in titles are stripped and entities decoded", rel.Title, "Story with markup & entities"},
		{"the feed title is the source, as plain text", rel.Source, "Relative & Bold"},
		{"the author is kept", rel.Author, "Jane Doe"},
		{"categories are tags, without case duplicates", strings.Join(rel.Tags, ","), "Go,Feeds"},
		{"the date is read with its zone", rel.Published, time.Date(2024, 1, 2, 9, 0, 0, 0, time.UTC)},
		{"relative links in the body resolve against the item link", strings.Contains(rel.Body, "(https://example.org/blog/2024/other.html)"), true},
		{"images end up as links", strings.Contains(rel.Body, "![a cat](https://example.org/blog/img/cat.png)"), true},
		{"the body is loaded", rel.BodyLoaded, true},
		{"an enclosure lists type, size and duration", strings.Contains(pod.Body, "<https://pod.example/ep1.mp3> (audio/mpeg, 24.3 MB, 1:02:03)"), true},
		{"a missing title is the start of the text, cut at a word", notes[0].Title, "A note without a title whose first ten words become the title of the article…"},
		{"a missing date stays zero", notes[0].Published.IsZero(), true},
		{"a repeated GUID keeps the first item", len(notes), 3},
		{"the first of the duplicates is kept", notes[1].Title, "Duplicate kept first"},
		{"an item without GUID or link gets a hashed ID", strings.HasPrefix(notes[2].ID, "https://notes.example/rss#sha256:"), true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.got != tt.want {
				t.Errorf("got %v, want %v", tt.got, tt.want)
			}
		})
	}
}

func TestHashedIDsAreStable(t *testing.T) {
	a := parseFixture(t, "untitled-items.xml", "https://notes.example/rss").Articles[2].ID
	b := parseFixture(t, "untitled-items.xml", "https://notes.example/rss").Articles[2].ID
	if a != b {
		t.Errorf("%s != %s", a, b)
	}
}

func TestDetect(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want Kind
	}{
		{"RSS 2.0 after a declaration and comment", `<?xml version="1.0"?><!-- hi --><rss version="2.0"><channel/></rss>`, KindRSS20},
		{"RSS 0.91 by its version", `<rss version="0.91"><channel/></rss>`, KindRSS09},
		{"RSS 1.0 by its RDF root", `<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"><channel/></rdf:RDF>`, KindRSS10},
		{"Atom 1.0 by its root", `<feed xmlns="http://www.w3.org/2005/Atom"></feed>`, KindAtom10},
		{"Atom 0.3 by its namespace", `<feed version="0.3" xmlns="http://purl.org/atom/ns#"></feed>`, KindAtom03},
		{"JSON Feed by its version", `{"version":"https://jsonfeed.org/version/1.1","items":[]}`, KindJSONFeed},
		{"RSS in JSON is not JSON Feed", `{"rss":{"version":"2.0","channel":{"title":"x"}}}`, KindRSSJSON},
		{"OPML by its root", `<?xml version="1.0"?><opml version="2.0"><body/></opml>`, KindOPML},
		{"an HTML page served instead", "<!DOCTYPE html>\n<html><head><title>Home</title></head></html>", KindHTML},
		{"HTML without doctype", `<html lang="en"><body>x</body></html>`, KindHTML},
		{"a doctype with an internal subset is skipped", `<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY x "y">]><rss version="2.0"/>`, KindRSS20},
		{"a UTF-8 BOM is skipped", "\xef\xbb\xbf<rss version=\"2.0\"/>", KindRSS20},
		{"UTF-16 is decoded first", "\xff\xfe<\x00r\x00s\x00s\x00/\x00>\x00", KindRSS20},
		{"plain text is unknown", "hello", KindUnknown},
		{"empty input is unknown", "", KindUnknown},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Detect([]byte(tt.in)); got != tt.want {
				t.Errorf("Detect = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestParseRefusesWhatIsNotAFeed(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		wantErr error
	}{
		{"an HTML page", "<!DOCTYPE html><html><body>Moved</body></html>", ErrNotFeed},
		{"an OPML list", `<opml version="2.0"><body/></opml>`, ErrNotFeed},
		{"broken XML", `<rss version="2.0"><channel><item><title>x</title></item>`, ErrMalformed},
		{"a JSON Feed that breaks off is malformed, as broken XML is", `{"version":"https://jsonfeed.org/version/1","items":[`, ErrMalformed},
		{"an unknown encoding with non-UTF-8 bytes", "<?xml version=\"1.0\" encoding=\"x-klingon\"?><rss version=\"2.0\"><channel><title>\xff\xfe</title></channel></rss>", ErrEncoding},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse([]byte(tt.in), "https://example.com/feed")
			if !errors.Is(err, tt.wantErr) {
				t.Errorf("error %v, want %v", err, tt.wantErr)
			}
		})
	}
}

func TestContentTypeCharsetApplies(t *testing.T) {
	doc := "<rss version=\"2.0\"><channel><title>Caf\xe9</title><item><title>Cr\xe8me br\xfbl\xe9e</title><guid>x:1</guid></item></channel></rss>"
	f, err := ParseWithContentType([]byte(doc), "https://example.com/feed", "text/xml; charset=ISO-8859-1")
	if err != nil {
		t.Fatal(err)
	}
	if f.Title != "Café" || f.Articles[0].Title != "Crème brûlée" {
		t.Errorf("titles %q %q", f.Title, f.Articles[0].Title)
	}
}

func TestTerminalEscapesInAFeedLeaveNoTrace(t *testing.T) {
	for name, doc := range map[string]string{
		"atom":                       "<?xml version=\"1.0\"?><feed xmlns=\"http://www.w3.org/2005/Atom\"><title>A</title><entry><title>Evil \x1b]0;pwned\x07title</title><id>urn:x:1</id><content type=\"html\">x \x1b[2J y</content></entry></feed>",
		"rss":                        "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>A</title><item><title>Evil \x1b]52;c;aGk=\x07title</title><guid>urn:x:1</guid><description>x \x1b[2J y</description></item></channel></rss>",
		"atom written as references": "<?xml version=\"1.0\"?><feed xmlns=\"http://www.w3.org/2005/Atom\"><title>A</title><entry><title>Evil &#x1b;]0;pwned&#7;title</title><id>urn:x:1</id><content type=\"html\">x &#27;[2J y</content></entry></feed>",
	} {
		t.Run("in "+name+" the escape goes with its payload", func(t *testing.T) {
			f, err := Parse([]byte(doc), "http://example.org/feed")
			if err != nil {
				t.Fatal(err)
			}
			if got := f.Articles[0].Title; got != "Evil title" {
				t.Errorf("title %q, want %q", got, "Evil title")
			}
			if body := f.Articles[0].Body; strings.ContainsAny(body, "\x1b\x07") || strings.Contains(body, "[2J") {
				t.Errorf("body %q keeps an escape", body)
			}
		})
	}
}
