package feed

import (
	"regexp"
	"strings"
	"testing"
)

// TestCorpusBodiesAreMarkdownWithoutHTML reads every corpus feed and
// checks that no item's markdown holds, outside code, an HTML comment or
// a tag written as entities: what the reader (and --json) would show as
// raw markup.
func TestCorpusBodiesAreMarkdownWithoutHTML(t *testing.T) {
	fences := regexp.MustCompile("(?s)(```|~~~).*?(```|~~~)|`[^`\n]*`")
	bad := regexp.MustCompile(`<!--|&lt;/?[a-zA-Z!]`)
	bodies := 0
	for _, c := range corpusFeeds(t) {
		if c.err != nil {
			continue
		}
		for _, a := range c.f.Articles {
			bodies++
			text := fences.ReplaceAllString(a.Body, "")
			if loc := bad.FindStringIndex(text); loc != nil {
				lo, hi := max(0, loc[0]-40), min(len(text), loc[1]+40)
				t.Errorf("%s, %q: markup in the body: %q", c.rel, a.Title, strings.TrimSpace(text[lo:hi]))
			}
		}
	}
	if bodies == 0 {
		t.Fatal("no item read")
	}
}
