package feed

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"newsread/articles"
)

// sharedLinkFeed is a release-notes feed: n items without GUIDs that all
// link to the same news page.
func sharedLinkFeed(n int) []byte {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	b.WriteString(`<rss version="2.0"><channel><title>Releases</title><link>https://example.com/</link>` + "\n")
	for i := range n {
		fmt.Fprintf(&b, "<item><title>Version 1.%d released</title><link>https://example.com/news</link>", i)
		fmt.Fprintf(&b, "<pubDate>%s</pubDate>", time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, i).Format(time.RFC1123Z))
		fmt.Fprintf(&b, "<description>What changed in 1.%d.</description></item>\n", i)
	}
	b.WriteString("</channel></rss>\n")
	return []byte(b.String())
}

func rssItems(items ...string) []byte {
	return []byte(`<rss version="2.0"><channel><title>T</title><link>https://example.com/</link>` +
		strings.Join(items, "\n") + `</channel></rss>`)
}

func TestItemsThatShareALinkStayApart(t *testing.T) {
	const (
		day1 = "<pubDate>Mon, 01 Jan 2024 10:00:00 +0000</pubDate>"
		day2 = "<pubDate>Tue, 02 Jan 2024 10:00:00 +0000</pubDate>"
	)
	tests := []struct {
		name      string
		doc       []byte
		wantCount int
		wantIDs   []string // when set, the IDs in order
	}{
		{name: "99 stories without GUIDs linking to one page are 99 articles", doc: sharedLinkFeed(99), wantCount: 99},
		{
			name: "items with unique links keep their links as IDs",
			doc: rssItems(
				"<item><title>A</title><link>https://example.com/a</link></item>",
				"<item><title>B</title><link>https://example.com/b</link></item>"),
			wantIDs: []string{"https://example.com/a", "https://example.com/b"},
		},
		{
			name: "an exact duplicate (same link, title and date) is merged",
			doc: rssItems(
				"<item><title>A</title><link>https://example.com/a</link>"+day1+"</item>",
				"<item><title>A</title><link>https://example.com/a</link>"+day1+"</item>"),
			wantIDs: []string{"https://example.com/a"},
		},
		{
			name: "duplicates merge and keep the link as their ID when another story shares nothing",
			doc: rssItems(
				"<item><title>A</title><link>https://example.com/a</link></item>",
				"<item><title>A</title><link>https://example.com/a</link></item>",
				"<item><title>B</title><link>https://example.com/b</link></item>"),
			wantIDs: []string{"https://example.com/a", "https://example.com/b"},
		},
		{
			name: "two titles under one link are two articles",
			doc: rssItems(
				"<item><title>A</title><link>https://example.com/a</link></item>",
				"<item><title>B</title><link>https://example.com/a</link></item>"),
			wantCount: 2,
		},
		{
			name: "one title on two dates under one link is two articles",
			doc: rssItems(
				"<item><title>Weekly notes</title><link>https://example.com/a</link>"+day1+"</item>",
				"<item><title>Weekly notes</title><link>https://example.com/a</link>"+day2+"</item>"),
			wantCount: 2,
		},
		{
			name: "two untitled items under one link are told apart by their text",
			doc: rssItems(
				"<item><description>First note.</description><link>https://example.com/a</link></item>",
				"<item><description>Second note.</description><link>https://example.com/a</link></item>"),
			wantCount: 2,
		},
		{
			name: "an item with a GUID keeps it when a GUID-less story shares its link",
			doc: rssItems(
				"<item><title>A</title><guid>https://example.com/a</guid><link>https://example.com/a</link></item>",
				"<item><title>B</title><link>https://example.com/a</link></item>"),
			wantCount: 2,
		},
		{
			name: "items repeating a GUID are merged whatever their titles",
			doc: rssItems(
				"<item><title>A</title><guid>g1</guid><link>https://example.com/a</link></item>",
				"<item><title>A, corrected</title><guid>g1</guid><link>https://example.com/a</link></item>"),
			wantIDs: []string{"https://example.com/feed#g1"},
		},
	}
	conv := articles.NewHTMLConverter()
	whole := NewParser(conv)
	whole.wholeOnly = true
	parsers := []struct {
		name string
		p    *Parser
	}{{"with the fast RSS path", NewParser(conv)}, {"with gofeed alone", whole}}
	for _, tt := range tests {
		for _, pp := range parsers {
			for _, opts := range []ParseOptions{{}, {DeferBodies: true}, {HeadersOnly: true}} {
				opts.URL = "https://example.com/feed"
				t.Run(fmt.Sprintf("%s, %s, deferred %v, headers only %v", tt.name, pp.name, opts.DeferBodies, opts.HeadersOnly), func(t *testing.T) {
					f, err := pp.p.Parse(tt.doc, opts)
					if err != nil {
						t.Fatal(err)
					}
					var ids []string
					seen := map[string]bool{}
					for _, a := range f.Articles {
						ids = append(ids, a.ID)
						if seen[a.ID] {
							t.Errorf("ID %s is given twice", a.ID)
						}
						seen[a.ID] = true
					}
					if tt.wantIDs != nil && strings.Join(ids, " ") != strings.Join(tt.wantIDs, " ") {
						t.Errorf("IDs %q, want %q", ids, tt.wantIDs)
					}
					if tt.wantCount > 0 && len(ids) != tt.wantCount {
						t.Errorf("%d articles, want %d", len(ids), tt.wantCount)
					}
					if opts.DeferBodies && len(f.deferred) != len(f.Articles) {
						t.Errorf("%d deferred bodies for %d articles", len(f.deferred), len(f.Articles))
					}
				})
			}
		}
	}
}

func TestSharedLinkIDsAreStable(t *testing.T) {
	p := NewParser(articles.NewHTMLConverter())
	a, err := p.Parse(sharedLinkFeed(5), ParseOptions{URL: "https://example.com/feed", HeadersOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	// One more story arrives; the others keep their IDs.
	b, err := p.Parse(sharedLinkFeed(6), ParseOptions{URL: "https://example.com/feed", HeadersOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	for i, x := range a.Articles {
		if y := b.Articles[i]; x.ID != y.ID || !strings.HasPrefix(x.ID, "https://example.com/news#sha256:") {
			t.Errorf("item %d: %s, then %s", i, x.ID, y.ID)
		}
	}
}
