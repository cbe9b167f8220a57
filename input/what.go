package input

import (
	"bytes"
	"strings"

	"newsread/articles"
	"newsread/feed"
)

// Kind is what an input is, as told by its content.
type Kind int

// The kinds of input. A directory is told by the file system, not by
// content, and has no Kind.
const (
	// KindArticle is one story: plain text, markdown or a saved page.
	KindArticle Kind = iota
	// KindEmpty holds nothing but white space.
	KindEmpty
	// KindFeed is an RSS, Atom or JSON Feed document.
	KindFeed
	// KindOPML is a subscription list as OPML.
	KindOPML
	// KindURLs is a subscription list in newsboat's urls format, or any
	// list of feed addresses, one a line.
	KindURLs
	// KindJSONLines is one article a line as JSON, as --json prints.
	KindJSONLines
	// KindList is a list of article files (and perhaps feed addresses),
	// one a line or separated by NUL bytes, as find prints.
	KindList
)

var kindNames = [...]string{"article", "nothing", "feed", "OPML subscriptions", "subscriptions", "JSON Lines", "list of files"}

// String names the kind in messages.
func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "unknown"
}

// What tells what an input is from its first bytes; its name does not
// decide (a feed saved as .txt is still a feed).
func What(head []byte) Kind {
	if len(bytes.TrimSpace(head)) == 0 {
		return KindEmpty
	}
	switch k := feed.Detect(head); {
	case k.IsFeed():
		return KindFeed
	case k == feed.KindOPML:
		return KindOPML
	case k == feed.KindHTML:
		return KindArticle
	}
	switch {
	case articles.LooksLikeJSONLines(head):
		return KindJSONLines
	case looksLikeURLs(head):
		return KindURLs
	case articles.LooksLikePathList(head):
		return KindList
	}
	return KindArticle
}

// looksLikeURLs reports whether most lines that are not comments start
// with a feed address, as in newsboat's urls file or a list of feeds
// piped in. A line may carry tags after the address.
func looksLikeURLs(head []byte) bool {
	if articles.IsNULList(head) {
		return false
	}
	urls, lines := 0, 0
	for line := range strings.Lines(string(head)) {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		lines++
		if isFeedURL(line) {
			urls++
		}
	}
	return urls > 0 && urls*3 >= lines*2
}

// isFeedURL reports whether s starts with an http or https address.
func isFeedURL(s string) bool {
	lower := strings.ToLower(s)
	return strings.HasPrefix(lower, "http://") || strings.HasPrefix(lower, "https://")
}
