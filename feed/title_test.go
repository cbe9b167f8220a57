package feed

import (
	"strings"
	"testing"
	"unicode/utf8"

	"newsread/articles"
)

func TestUntitledItemsGetTitles(t *testing.T) {
	long := strings.Repeat("word ", 40)
	cjk := strings.Repeat("新闻标题没有空格", 20)
	tests := []struct {
		name, item, want string
	}{
		{"a short text is the whole title", `<item><description>&lt;p&gt;Short &lt;b&gt;note&lt;/b&gt;.&lt;/p&gt;</description><guid>1</guid></item>`, "Short note."},
		{"a long text is cut at a word with an ellipsis", `<item><description>` + long + `</description><guid>1</guid></item>`, strings.TrimSpace(strings.Repeat("word ", 16)) + "…"},
		{"text without spaces is cut at 80 characters", `<item><description>` + cjk + `</description><guid>1</guid></item>`, string([]rune(cjk)[:80]) + "…"},
		{"content wins over the description", `<item><description>desc</description><content:encoded>content text</content:encoded><guid>1</guid></item>`, "content text"},
		{"a blank title counts as none", `<item><title>   </title><description>the text</description><guid>1</guid></item>`, "the text"},
		{"an item with no text is titled with its link", `<item><link>https://example.com/a</link></item>`, "https://example.com/a"},
		{"an item with only an enclosure is titled with its address", `<item><enclosure url="https://example.com/ep.mp3" type="audio/mpeg" length="1"/><guid>1</guid></item>`, "https://example.com/ep.mp3"},
		{"an item with nothing at all is Untitled", `<item><guid>1</guid></item>`, "Untitled"},
	}
	p := NewParser(articles.NewHTMLConverter())
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := `<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>T</title>` + tt.item + `</channel></rss>`
			f, err := p.Parse([]byte(doc), ParseOptions{URL: "https://example.com/feed"})
			if err != nil {
				t.Fatal(err)
			}
			if len(f.Articles) != 1 {
				t.Fatalf("%d articles", len(f.Articles))
			}
			if got := f.Articles[0].Title; got != tt.want {
				t.Errorf("title %q, want %q", got, tt.want)
			}
		})
	}
}

func TestExcerpt(t *testing.T) {
	tests := []struct {
		name, in string
		n        int
		want     string
	}{
		{"text that fits is kept whole", "one two three", 20, "one two three"},
		{"text is cut at the last space before the limit", "one two three four", 12, "one two…"},
		{"a cut just before a space keeps the word", "one two three", 7, "one two…"},
		{"punctuation before the cut is dropped", "one, two three", 6, "one…"},
		{"a long word is cut where it reaches the limit", "a verylongwordindeed", 10, "a verylong…"},
		{"characters are counted, not bytes", "ééééé ééééé", 8, "ééééé…"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := excerpt(tt.in, tt.n)
			if got != tt.want {
				t.Errorf("excerpt(%q, %d) = %q, want %q", tt.in, tt.n, got, tt.want)
			}
			if !utf8.ValidString(got) {
				t.Errorf("invalid UTF-8: %q", got)
			}
		})
	}
}
