package articles

import (
	"fmt"
	"net/url"
	"strings"
	"unicode/utf8"

	readability "codeberg.org/readeck/go-readability/v2"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// errVisibleText is the error of a page whose article could not be
// extracted: its body is the page's visible text.
var errVisibleText = fmt.Errorf("%w: showing the page's visible text", ErrNoArticle)

// parseHTML extracts the article of a saved web page with readability:
// title, byline, date, excerpt, and the main content as markdown. Links
// resolve against the page's <base href> or og:url when it has one.
//
// When no article is found the body is the page's visible text (see
// visibleText) and the error wraps ErrNoArticle; a header alone never
// fails.
func (p *Parser) parseHTML(a *Article, text string, o parseOpts) error {
	doc, err := html.Parse(strings.NewReader(text))
	if err != nil {
		a.Title = ""
		if !o.header {
			a.Body = escapeLine(text)
		}
		return nil
	}
	meta := pageMeta(doc)
	a.Link = meta.link
	if meta.base == "" {
		meta.base = o.base
	}
	var pageURL *url.URL
	if u, err := url.Parse(meta.base); err == nil && u.IsAbs() {
		pageURL = u
	}
	// readability changes the tree it reads: the visible text, in case
	// nothing is found, comes from the page read again.
	visible := func() string {
		doc, err := html.Parse(strings.NewReader(text))
		if err != nil {
			return ""
		}
		return visibleText(doc)
	}
	rp := readability.NewParser()
	rp.KeepClasses = true // cleanArticle reads them
	art, err := rp.ParseAndMutate(doc, pageURL)
	if err != nil || art.Node == nil {
		a.Title = meta.title
		if o.header {
			return nil
		}
		a.Body = visible()
		return errVisibleText
	}
	a.Title = art.Title()
	if a.Title == "" {
		a.Title = meta.title
	}
	a.Author = art.Byline()
	a.Summary = art.Excerpt()
	if t, err := art.PublishedTime(); err == nil {
		a.Published = t
	}
	if o.header {
		return nil
	}
	cleanArticle(art.Node, a.Title)
	if n := textLen(art.Node); n < shortArticle {
		if alt, ok := rereadWithoutFurniture(text, pageURL, a.Title, false); ok && textLen(alt.Node) > 2*n && !holdsStart(alt.Node, art.Node) {
			art = alt
		}
	} else if isLinkList(art.Node) {
		// a list of other articles taken for the story: read again
		// without such lists
		if alt, ok := rereadWithoutFurniture(text, pageURL, a.Title, true); ok && textLen(alt.Node) >= 200 && !isLinkList(alt.Node) {
			art = alt
		}
	}
	var b strings.Builder
	if err := art.RenderHTML(&b); err == nil {
		if md, err := p.html.Markdown(b.String(), meta.base); err == nil {
			a.Body = md
		}
	}
	if textLen(art.Node) < shortArticle {
		a.Body = withDescription(a.Body, a.Summary)
	}
	a.Body = dropTitleHeading(a.Body, a.Title)
	if strings.TrimSpace(a.Body) == "" {
		a.Body = visible()
		return errVisibleText
	}
	return nil
}

// shortArticle is the length (non-space runes) under which an article
// readability found is doubted: it may have taken a cookie notice or a
// footer for the story.
const shortArticle = 500

// rereadWithoutFurniture extracts the article again from the page with
// its furniture (menus, footers, cookie and browser notices, hidden
// elements) removed first, and cleans it.
//
// With lists set, lists of links (other articles' headlines) go too.
func rereadWithoutFurniture(text string, pageURL *url.URL, title string, lists bool) (readability.Article, bool) {
	doc, err := html.Parse(strings.NewReader(text))
	if err != nil {
		return readability.Article{}, false
	}
	dropElements(doc, func(c *html.Node) bool {
		return c.DataAtom != atom.Body && c.DataAtom != atom.Html && isFurniture(c) || lists && (c.DataAtom == atom.Ul || c.DataAtom == atom.Ol) && isLinkList(c)
	})
	rp := readability.NewParser()
	rp.KeepClasses = true
	art, err := rp.ParseAndMutate(doc, pageURL)
	if err != nil || art.Node == nil {
		return readability.Article{}, false
	}
	cleanArticle(art.Node, title)
	return art, true
}

// withDescription puts the page's description above a short body that
// does not hold it: on a page that builds its story with scripts the
// description is all of the story there is in the HTML.
func withDescription(body, desc string) string {
	desc = oneLine(desc)
	if utf8.RuneCountInString(desc) < 80 {
		return body
	}
	flat := strings.Join(strings.Fields(plainInline(body)), " ")
	words := strings.Fields(desc)
	if strings.Contains(flat, strings.Join(words[:min(len(words), 6)], " ")) {
		return body // the story's first words: it is there
	}
	if strings.TrimSpace(body) == "" {
		return escapeLine(desc)
	}
	return escapeLine(desc) + "\n\n" + body
}

// isLinkList reports whether n's text is nearly all links (nine tenths):
// a list of other articles, not a story.
func isLinkList(n *html.Node) bool {
	total := textLen(n)
	return total > 0 && linkTextLen(n)*10 >= total*9
}

// holdsStart reports whether a's text holds the first words of b's: the
// article read again only widened the first (a short story inside its
// page), and the first stays.
func holdsStart(a, b *html.Node) bool {
	words := strings.Fields(nodeText(b))
	return len(words) > 0 && strings.Contains(nodeText(a), strings.Join(words[:min(len(words), 8)], " "))
}

// pageInfo is what the page head says about itself.
type pageInfo struct {
	title string // og:title, else <title>
	base  string // <base href>, else og:url, else canonical link
	link  string // og:url, else canonical link
}

func pageMeta(doc *html.Node) pageInfo {
	var info pageInfo
	var baseHref, ogURL, canonical, ogTitle, title string
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch n.DataAtom {
			case atom.Base:
				if baseHref == "" {
					baseHref = attr(n, "href")
				}
			case atom.Meta:
				switch attr(n, "property") + attr(n, "name") {
				case "og:url":
					ogURL = attr(n, "content")
				case "og:title":
					ogTitle = attr(n, "content")
				}
			case atom.Link:
				if strings.EqualFold(attr(n, "rel"), "canonical") {
					canonical = attr(n, "href")
				}
			case atom.Title:
				if title == "" && n.FirstChild != nil {
					title = n.FirstChild.Data
				}
			case atom.Body:
				return // the head is enough
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	info.link = firstWebURL(ogURL, canonical)
	info.base = firstWebURL(baseHref, ogURL, canonical)
	info.title = oneLine(ogTitle)
	if info.title == "" {
		info.title = oneLine(title)
	}
	return info
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if strings.EqualFold(a.Key, key) {
			return strings.TrimSpace(a.Val)
		}
	}
	return ""
}

func firstWebURL(candidates ...string) string {
	for _, c := range candidates {
		if isWebURL(c) {
			return c
		}
	}
	return ""
}

// dropTitleHeading removes a heading, or a paragraph of one line, that
// opens the body and repeats the title, so the reader does not show it
// twice.
func dropTitleHeading(body, title string) string {
	lines := strings.Split(body, "\n")
	if h, ok := leadingHeading(lines); ok && repeatsTitle(plainInline(h.text), title) {
		return strings.TrimSpace(strings.Join(lines[h.end:], "\n"))
	}
	i := nextNonEmpty(lines, 0)
	if i < len(lines) && (i+1 == len(lines) || strings.TrimSpace(lines[i+1]) == "") &&
		blockMarkerLen(strings.TrimSpace(lines[i])) == 0 && repeatsTitle(plainInline(strings.TrimSpace(lines[i])), title) {
		return strings.TrimSpace(strings.Join(lines[i+1:], "\n"))
	}
	return body
}
