package articles

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"
)

func TestParsePageLeavesOutWhatIsNotTheStory(t *testing.T) {
	story := strings.Repeat("<p>The north harbour reopened on Tuesday after six weeks of repairs to the breakwater, officials said, and the first ferries came in at noon. </p>", 5)
	page := func(inner string) string {
		return "<html><head><title>Harbour reopens</title></head><body><article>" + inner + "</article></body></html>"
	}
	tests := []struct {
		name    string
		page    string
		inBody  []string
		outBody []string
	}{
		{name: "a photo caption is not the story",
			page:   page("<h1>Harbour reopens</h1><figure><img src='/a.jpg'><figcaption>Boats wait outside the harbour mouth.</figcaption></figure>" + story),
			inBody: []string{"north harbour reopened"}, outBody: []string{"Boats wait outside"}},
		{name: "a byline and date line above the story go",
			page:   page("<h1>Harbour reopens</h1><p>By Ann Smith</p><p>Updated 12 March 2024, 10:40</p>" + story),
			inBody: []string{"north harbour reopened"}, outBody: []string{"Ann Smith", "Updated"}},
		{name: "a date line set as bare text above the story's paragraphs goes",
			page:   page("<div>12.03.2024 10:40<br>Category: <a href='/news'>News</a>" + story + "</div>"),
			inBody: []string{"north harbour reopened"}, outBody: []string{"12.03.2024"}},
		{name: "share buttons and a newsletter box go",
			page:   page(story + "<div class='share-buttons'><a href='/s'>Share on Facebook</a></div><div class='newsletter-signup'>Get our newsletter every morning</div><p>The harbour master thanked the divers for their work on the breakwater this winter.</p>"),
			inBody: []string{"thanked the divers"}, outBody: []string{"Share on Facebook", "Get our newsletter"}},
		{name: "a read-also teaser inside the story goes",
			page:   page(story + "<p><strong>Read also:</strong> <a href='/x'>Ferry prices rise again</a></p><p>The harbour master thanked the divers for their work on the breakwater this winter.</p>"),
			inBody: []string{"thanked the divers"}, outBody: []string{"Ferry prices"}},
		{name: "a paragraph that is only a link to another story goes, a linked sentence stays",
			page:   page(story + "<p><a href='/x'>Ferry prices rise again this winter</a></p><p><a href='/y'>The harbour master thanked the divers for their work.</a></p>" + story),
			inBody: []string{"thanked the divers"}, outBody: []string{"Ferry prices"}},
		{name: "comments after the story go",
			page:   page(story + "<h2>3 Comments</h2><p>Great news for the town, finally the ferries are back on schedule after all this.</p>"),
			inBody: []string{"breakwater"}, outBody: []string{"Comments", "Great news"}},
		{name: "a list of related links after the story goes",
			page:   page(story + "<h3>More stories</h3><ul><li><a href='/1'>Ferry prices rise again</a></li><li><a href='/2'>New lighthouse keeper named</a></li></ul>"),
			inBody: []string{"breakwater"}, outBody: []string{"Ferry prices", "More stories"}},
		{name: "a list of links the story announces stays, the tags after it go",
			page:   page(story + "<p>Earlier reports on the repairs:</p><ul><li><a href='/1'>Breakwater cracks found</a></li><li><a href='/2'>Harbour to close for repairs</a></li></ul><p>Tags: harbour, ferries</p>"),
			inBody: []string{"Earlier reports", "Breakwater cracks", "Harbour to close"}, outBody: []string{"Tags:"}},
		{name: "a list of links longer than a related box stays",
			page:   page(story + "<ul>" + strings.Repeat("<li><a href='/x'>Press review item</a></li>", 20) + "</ul>"),
			inBody: []string{"breakwater", "Press review item"}},
		{name: "a sentence of the story that gives a date stays above it",
			page:   page("<p>The gala is on Saturday, September 22nd at the old harbour hall.</p>" + story),
			inBody: []string{"The gala is on Saturday", "breakwater"}},
		{name: "story sentences inside a byline span left open by the page stay",
			page:   page(story + "<p><span class='byline-author'>Update: the ferries will run every hour from the first of next month, and the night service will come back in the spring as well.</span></p>"),
			inBody: []string{"ferries will run every hour"}},
		{name: "a heading above the story that names a date stays",
			page:   page("<h3>Harbour webcast Sept 27th, slides and recording</h3>" + story),
			inBody: []string{"Harbour webcast Sept 27th", "breakwater"}},
		{name: "the headline repeated after a menu is not shown twice",
			page:   page("<p>Harbour reopens</p>" + story),
			inBody: []string{"north harbour reopened"}, outBody: []string{"Harbour reopens"}},
		{name: "a bar of date and tags above the story goes",
			page:   page("<p>Published: March 12th, 2024 | Tags: <a href='/t/h'>Harbour</a>, <a href='/t/f'>Ferries</a>, <a href='/t/w'>Winter storms</a>, <a href='/t/n'>North harbour works</a>, <a href='/t/c'>City council</a></p>" + story),
			inBody: []string{"north harbour reopened"}, outBody: []string{"Published", "Tags"}},
		{name: "blurbs of other articles ending in a read-more link go, with their headlines",
			page: page(story + "<ul><li><h3>Ferry prices rise again</h3><p>Tickets cost more from May. <a href='/a'>Read more...</a></p></li>" +
				"<li><h3>New lighthouse keeper named</h3><p>She starts next week. <a href='/b'>Read more...</a></p></li></ul>"),
			inBody: []string{"breakwater"}, outBody: []string{"Ferry prices", "Tickets cost more", "lighthouse keeper", "Read more"}},
		{name: "one read-more link at the end of the story leaves its paragraph",
			page:   page(story + "<p>The ferries run again from noon. <a href='/page2'>Continue reading</a></p>"),
			inBody: []string{"The ferries run again from noon"}},
		{name: "links to the previous and next posts go",
			page:   page("<p><a href='/older'>« Ferry prices rise again</a> | <a href='/'>Main</a> | <a href='/newer'>Who keeps the lighthouse now? »</a></p>" + story),
			inBody: []string{"north harbour reopened"}, outBody: []string{"Ferry prices", "keeps the lighthouse"}},
		{name: "a copyright notice and a feed-and-trackback line after the story go",
			page:   page(story + "<p>© 2024 Harbour News Inc. All Rights Reserved. This material may not be published, broadcast, rewritten, or redistributed.</p><p>You can follow any responses to this entry through the <a href='/feed'>RSS 2.0</a> feed. You can <a href='#respond'>leave a response</a>, or <a href='/tb'>trackback</a> from your own site.</p>"),
			inBody: []string{"breakwater"}, outBody: []string{"All Rights Reserved", "follow any responses"}},
		{name: "a filing line in a div readability turned into a paragraph goes",
			page:   page(story + "<div>This entry was posted in <a href='/c/news'>News</a>. Bookmark the <a href='/p'>permalink</a>.</div>"),
			inBody: []string{"breakwater"}, outBody: []string{"This entry was posted", "permalink"}},
		{name: "a more-information box in the middle of the story does not end it",
			page: page(story + "<div class='box'><p>More information</p><p>Ferries: questions and answers about the new timetable</p></div>" +
				strings.Repeat("<p>The divers worked through the winter nights to seal the cracks in the old stone wall, the harbour master said, and the ferry company paid for half of the cost of the stone, the cranes and the boats.</p>", 4)),
			inBody: []string{"north harbour reopened", "divers worked through the winter"}, outBody: []string{"More information"}},
		{name: "comments under a comments head still go, signed line by line",
			page: page(story + "<h2>Comments</h2><p>Posted by: Jo | Apr 6, 2007 1:11:01 PM</p>" +
				strings.Repeat("<p>I took the ferry this morning and it was on time for the first time in weeks, which made everyone on board very happy indeed.</p><p>Posted by: Al | Apr 6, 2007 2:11:01 PM</p>", 4)),
			inBody: []string{"north harbour reopened"}, outBody: []string{"Comments", "I took the ferry", "Posted by"}},
		{name: "a long section named like a byline is kept",
			page:   page("<h1>Harbour reopens</h1><div class='byline-author'>" + story + "</div>"),
			inBody: []string{"north harbour reopened"}},
	}
	p := NewParser()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := p.ParsePage("https://news.example/2024/harbour", []byte(tt.page))
			if err != nil {
				t.Fatal(err)
			}
			for _, w := range tt.inBody {
				if !strings.Contains(a.Body, w) {
					t.Errorf("body lacks %q:\n%s", w, a.Body)
				}
			}
			for _, w := range tt.outBody {
				if strings.Contains(a.Body, w) {
					t.Errorf("body holds %q:\n%s", w, a.Body)
				}
			}
		})
	}
}

func TestAPageWithoutAnArticleShowsItsVisibleText(t *testing.T) {
	// a list of links only: no story, nothing left once the list goes
	page := []byte("<html><head><title>Our branches</title><style>p{}</style></head><body><nav><a href='/'>Home</a></nav>" +
		"<h2>Branches</h2><ul><li><a href='/n'>North branch</a></li><li><a href='/s'>South branch</a></li></ul><script>track()</script></body></html>")
	p := NewParser()
	for _, tt := range []struct {
		name  string
		parse func() (Article, error)
	}{
		{name: "a fetched page", parse: func() (Article, error) { return p.ParsePage("https://shop.example/hours", page) }},
		{name: "a saved page", parse: func() (Article, error) { return p.Parse("hours.html", page, time.Time{}) }},
	} {
		t.Run(tt.name+" says no article was found and shows the page's text", func(t *testing.T) {
			a, err := tt.parse()
			if !errors.Is(err, ErrNoArticle) {
				t.Fatalf("err = %v, want ErrNoArticle", err)
			}
			if a.Title != "Our branches" || !strings.Contains(a.Body, "Branches\n\nNorth branch\n\nSouth branch") {
				t.Errorf("title %q, body:\n%s", a.Title, a.Body)
			}
			for _, w := range []string{"Home", "track()", "p{}"} {
				if strings.Contains(a.Body, w) {
					t.Errorf("body holds %q:\n%s", w, a.Body)
				}
			}
		})
	}
}

func TestAPageInAFolderWithoutAnArticleSaysSoWhenOpened(t *testing.T) {
	root := t.TempDir()
	page := "<html><head><title>Our branches</title></head><body><nav><a href='/'>Home</a></nav>" +
		"<h2>Branches</h2><ul><li><a href='/n'>North branch</a></li><li><a href='/s'>South branch</a></li></ul></body></html>"
	story := "<html><head><title>Harbour</title></head><body><article><h1>Harbour</h1>" +
		strings.Repeat("<p>The harbour reopened on Monday after a winter of repairs to its walls and quays.</p>", 6) +
		"</article></body></html>"
	for name, text := range map[string]string{"hours.html": page, "story.html": story} {
		if err := os.WriteFile(filepath.Join(root, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	r := load(t, context.Background(), NewDir(root), root)
	for name, wantNotice := range map[string]bool{"hours.html": true, "story.html": false} {
		a, err := NewDir(root).Open(context.Background(), r.arts[name])
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if got := strings.Contains(a.Notice, "no article found"); got != wantNotice {
			t.Errorf("%s: notice %q", name, a.Notice)
		}
		if wantNotice && !strings.Contains(a.Body, "North branch") {
			t.Errorf("%s: the page's visible text is not shown:\n%s", name, a.Body)
		}
	}
}

func TestAPageThatBuildsItsStoryWithScriptsShowsItsDescription(t *testing.T) {
	desc := "The north harbour reopened on Tuesday after six weeks of repairs to the breakwater, officials said."
	page := "<html><head><title>Harbour reopens</title><meta property='og:description' content='" + desc + "'></head>" +
		"<body><div id='app'><p>Please enable JavaScript to read this page.</p></div></body></html>"
	a, _ := NewParser().ParsePage("https://news.example/harbour", []byte(page))
	if !strings.Contains(a.Body, "six weeks of repairs") {
		t.Errorf("body %q lacks the page's description", a.Body)
	}
}

func TestAShortStoryThatHoldsItsDescriptionDoesNotRepeatIt(t *testing.T) {
	desc := "The north harbour reopened on Tuesday after six weeks of repairs to the breakwater."
	page := "<html><head><title>Harbour reopens</title><meta property='og:description' content='" + desc + "'></head>" +
		"<body><article><p>" + desc + " The first ferries came in at noon.</p></article></body></html>"
	a, _ := NewParser().ParsePage("https://news.example/harbour", []byte(page))
	if n := strings.Count(a.Body, "six weeks of repairs"); n != 1 {
		t.Errorf("body %q holds the description %d times, want once", a.Body, n)
	}
}

func TestReadAgainWithoutLinkLists(t *testing.T) {
	var items strings.Builder
	for i := range 10 {
		fmt.Fprintf(&items, "<li><a href='/a%d'><strong>Ferry story number %d</strong> The harbour master talks about the boats, the weather, the long winter, and the divers who mended the old stone wall.</a></li>", i, i)
	}
	page := "<html><head><title>Harbour reopens</title></head><body><div><ul>" + items.String() + "</ul></div>" +
		"<div><p>The north harbour reopened on Tuesday after six weeks of repairs to the breakwater, officials said, and the first ferries came in at noon with their horns sounding over the water.</p></div></body></html>"
	tests := []struct {
		name    string
		lists   bool
		inBody  string
		outBody string
	}{
		{name: "read again for a list of other articles taken for the story, lists of links go and the story is found", lists: true,
			inBody: "north harbour reopened", outBody: "Ferry story number"},
		{name: "read again for a short story, lists stay (they may be the story's)", lists: false,
			inBody: "Ferry story number"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			alt, ok := rereadWithoutFurniture(page, nil, "Harbour reopens", tt.lists)
			if !ok {
				t.Fatal("no article found")
			}
			text := nodeText(alt.Node)
			if !strings.Contains(text, tt.inBody) {
				t.Errorf("article lacks %q: %s", tt.inBody, text)
			}
			if tt.outBody != "" && strings.Contains(text, tt.outBody) {
				t.Errorf("article holds %q: %s", tt.outBody, text)
			}
			if isLinkList(alt.Node) {
				t.Errorf("article is a list of links: %s", text)
			}
		})
	}
}

func TestIsLinkList(t *testing.T) {
	tests := []struct {
		name string
		html string
		want bool
	}{
		{name: "a list of headlines, each a link, is a list of links", html: "<ul><li><a href='/a'>Ferry prices rise again</a></li><li><a href='/b'>New lighthouse keeper named</a></li></ul>", want: true},
		{name: "a paragraph with a link in it is not", html: "<p>The harbour reopened on Tuesday, <a href='/a'>officials said</a>, after six weeks of repairs.</p>", want: false},
		{name: "nothing is not", html: "<p></p>", want: false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := html.Parse(strings.NewReader(tt.html))
			if err != nil {
				t.Fatal(err)
			}
			if got := isLinkList(doc); got != tt.want {
				t.Errorf("isLinkList = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestTheHeadlineIsNotShownTwice(t *testing.T) {
	story := strings.Repeat("<p>The north harbour reopened on Tuesday after six weeks of repairs to the breakwater, officials said, and the first ferries came in at noon. </p>", 5)
	long := "The north harbour reopened on Tuesday after six weeks of repairs to the breakwater and ferries are back"
	tests := []struct {
		name, head, body string
		out, in          string
	}{
		{name: "a heading that is the title without the site's name goes",
			head: "<title>Harbour reopens after repairs | Coast News</title>",
			body: "<h2>Harbour reopens after repairs</h2>" + story, out: "Harbour reopens after repairs"},
		{name: "a bold line that is the title after the site's name goes",
			head: "<title>Coast News: Harbour reopens after repairs</title>",
			body: "<p><strong>Harbour reopens after repairs</strong></p>" + story, out: "Harbour reopens after repairs"},
		{name: "a description that repeats the title does not open a short story",
			head: "<title>" + long + "</title><meta name='description' content='" + long + "'>",
			body: "<p>Ferries came in at noon.</p>", out: long, in: "Ferries came in"},
		{name: "a heading that is only part of the headline stays",
			head: "<title>Coast News: Ferries and harbour done right</title>",
			body: "<h3>Harbour done right</h3>" + story, in: "Harbour done right"},
	}
	p := NewParser()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, _ := p.ParsePage("https://example.com/news/1", []byte("<html><head>"+tt.head+"</head><body><article>"+tt.body+"</article></body></html>"))
			if tt.out != "" && strings.Contains(a.Body, tt.out) {
				t.Errorf("title %q shown again in the body:\n%s", a.Title, a.Body)
			}
			if tt.in != "" && !strings.Contains(a.Body, tt.in) {
				t.Errorf("%q missing from the body:\n%s", tt.in, a.Body)
			}
		})
	}
}
