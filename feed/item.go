package feed

import (
	"crypto/sha256"
	"encoding/hex"
	"net/url"
	"strings"
	"time"

	"github.com/mmcdole/gofeed"

	"newsread/articles"
)

// itemContext holds what every item of one feed shares.
type itemContext struct {
	base     string // absolute base for item links: the feed's link, else its URL
	feed     string // where the feed was read from: Article.Feed
	idPrefix string
	source   string
	tags     []string
	author   string
}

func newItemContext(f *Feed, gf *gofeed.Feed, opts ParseOptions) *itemContext {
	ic := &itemContext{base: f.Link, feed: opts.URL, idPrefix: opts.URL, source: f.Title, tags: opts.Tags}
	if ic.base == "" || !isAbsolute(ic.base) {
		ic.base = opts.URL
	}
	if ic.idPrefix == "" {
		ic.idPrefix = f.Link
	}
	if ic.idPrefix == "" {
		ic.idPrefix = f.Title
	}
	if opts.Source != "" {
		ic.source = articles.Sanitize(opts.Source)
	}
	if ic.source == "" {
		ic.source = opts.URL
	}
	ic.author = personName(gf.Authors, gf.Author)
	return ic
}

// header fills everything but the body.
func (ic *itemContext) header(it *gofeed.Item) articles.Article {
	a := articles.Article{
		Title:  plainText(it.Title),
		Source: ic.source,
		Feed:   ic.feed,
		Link:   ic.link(it),
		Author: personName(it.Authors, it.Author),
		Tags:   ic.tagsOf(it),
	}
	if a.Author == "" && it.DublinCoreExt != nil && len(it.DublinCoreExt.Creator) > 0 {
		a.Author = plainText(it.DublinCoreExt.Creator[0])
	}
	if a.Author == "" && it.ITunesExt != nil {
		a.Author = plainText(it.ITunesExt.Author)
	}
	if a.Author == "" {
		a.Author = ic.author
	}
	switch {
	case it.PublishedParsed != nil:
		a.Published = it.PublishedParsed.UTC()
	case it.UpdatedParsed != nil:
		a.Published = it.UpdatedParsed.UTC()
	}
	if a.Title == "" {
		a.Title = plainText(extensionText(it, "media", "title"))
	}
	idTitle := a.Title
	if a.Title == "" {
		text := plainText(bodyHTML(it))
		// IDs hash the title untitled items were given before titles
		// were cut by length, so that they stay what they were.
		idTitle = firstWords(text, 10)
		a.Title = excerpt(text, titleExcerptLen)
	}
	a.ID = ic.id(it, a, idTitle)
	if a.Title == "" {
		a.Title = untitled(it, a)
	}
	return a
}

// titleExcerptLen is about how many characters of an untitled item's
// text become its title.
const titleExcerptLen = 80

// untitled is the title of an item with neither title nor text: its
// link, else its first enclosure's address, so that no row is blank.
func untitled(it *gofeed.Item, a articles.Article) string {
	if a.Link != "" {
		return a.Link
	}
	for _, e := range it.Enclosures {
		if e != nil && strings.TrimSpace(e.URL) != "" {
			return plainText(e.URL)
		}
	}
	return "Untitled"
}

// body converts the item's content (or description) to markdown and lists
// its enclosures after it.
func (ic *itemContext) body(conv *articles.HTMLConverter, it *gofeed.Item, a *articles.Article) {
	a.Body = ic.deferred(it, *a).markdown(conv)
	a.BodyLoaded = true
}

// markdown converts the body to markdown and lists the enclosures after
// it. Text garbled into references ("&amp;#195;&amp;#164;") shows only
// once they are decoded, so the markdown is repaired as well as the HTML.
func (d deferredBody) markdown(conv *articles.HTMLConverter) string {
	md, err := conv.Markdown(d.html, d.base)
	if err != nil {
		md = plainText(d.html)
	}
	return joinBody(articles.RepairMojibake(md), d.enclosures)
}

// deferred gathers what converting the item's body needs.
func (ic *itemContext) deferred(it *gofeed.Item, a articles.Article) deferredBody {
	base := a.Link
	if base == "" {
		base = ic.base
	}
	// Garbled text is repaired in the HTML, before the converter
	// sanitises it; entities that were garbled stay as they are.
	html := articles.RepairMojibake(bodyHTML(it))
	return deferredBody{html: html, base: base, enclosures: enclosureList(it, base)}
}

func joinBody(md, enclosures string) string {
	if enclosures == "" {
		return md
	}
	if md == "" {
		return enclosures
	}
	return md + "\n\n" + enclosures
}

func bodyHTML(it *gofeed.Item) string {
	if strings.TrimSpace(it.Content) != "" {
		return it.Content
	}
	if b := extraBody(it); b != "" {
		return b
	}
	if strings.TrimSpace(it.Description) != "" {
		return it.Description
	}
	if it.ITunesExt != nil {
		return it.ITunesExt.Summary
	}
	return ""
}

// link is the item's absolute link: its own link, else its first link,
// else a GUID that is a web address.
func (ic *itemContext) link(it *gofeed.Item) string {
	l := strings.TrimSpace(it.Link)
	if l == "" && len(it.Links) > 0 {
		l = strings.TrimSpace(it.Links[0])
	}
	if l == "" && isWebURL(it.GUID) {
		l = strings.TrimSpace(it.GUID)
	}
	return articles.Sanitize(resolveURL(ic.base, l))
}

// id implements the scheme in the package documentation.
// title is the item's title as IDs know it.
func (ic *itemContext) id(it *gofeed.Item, a articles.Article, title string) string {
	guid := articles.Sanitize(strings.TrimSpace(it.GUID))
	switch {
	case guid != "" && looksGlobal(guid):
		if guid == a.Link {
			return a.Link // one string for both, not two copies
		}
		return guid
	case guid != "":
		return ic.idPrefix + "#" + guid
	case a.Link != "":
		return a.Link
	}
	h := sha256.New()
	h.Write([]byte(ic.idPrefix + "\x00" + title + "\x00"))
	if !a.Published.IsZero() {
		h.Write([]byte(a.Published.Format(time.RFC3339)))
	} else if it.Title == "" {
		h.Write([]byte(bodyHTML(it)))
	}
	return ic.idPrefix + "#sha256:" + hex.EncodeToString(h.Sum(nil)[:12])
}

// looksGlobal reports whether an identifier is unique beyond its feed:
// it has a URI scheme.
func looksGlobal(id string) bool {
	i := strings.IndexByte(id, ':')
	if i <= 0 {
		return false
	}
	for _, c := range id[:i] {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.') {
			return false
		}
	}
	return true
}

func isWebURL(s string) bool {
	s = strings.ToLower(strings.TrimSpace(s))
	return strings.HasPrefix(s, "http://") || strings.HasPrefix(s, "https://")
}

func isAbsolute(s string) bool {
	u, err := url.Parse(s)
	return err == nil && u.IsAbs()
}

// resolveURL resolves ref against base; a ref that cannot be resolved is
// returned as it is.
func resolveURL(base, ref string) string {
	ref = strings.TrimSpace(ref)
	if ref == "" || base == "" {
		return ref
	}
	r, err := url.Parse(ref)
	if err != nil || r.IsAbs() {
		return ref
	}
	b, err := url.Parse(base)
	if err != nil || !b.IsAbs() {
		return ref
	}
	return b.ResolveReference(r).String()
}

func (ic *itemContext) tagsOf(it *gofeed.Item) []string {
	if len(it.Categories) == 0 && len(ic.tags) == 0 {
		return nil
	}
	tags := make([]string, 0, len(it.Categories)+len(ic.tags))
	seen := make(map[string]bool, cap(tags))
	for _, c := range append(it.Categories, ic.tags...) {
		c = plainText(c)
		if c == "" || seen[strings.ToLower(c)] {
			continue
		}
		seen[strings.ToLower(c)] = true
		tags = append(tags, c)
	}
	return tags
}

func personName(people []*gofeed.Person, first *gofeed.Person) string {
	if first == nil && len(people) > 0 {
		first = people[0]
	}
	if first == nil {
		return ""
	}
	if n := plainText(first.Name); n != "" {
		return n
	}
	return plainText(first.Email)
}

// extensionText is the text of the first ns:name extension element of
// the item, also looked for inside media:group and media:content.
func extensionText(it *gofeed.Item, ns, name string) string {
	exts := it.Extensions[ns]
	if exts == nil {
		return ""
	}
	if e := exts[name]; len(e) > 0 && e[0].Value != "" {
		return e[0].Value
	}
	for _, parent := range []string{"group", "content"} {
		for _, p := range exts[parent] {
			if c := p.Children[name]; len(c) > 0 && c[0].Value != "" {
				return c[0].Value
			}
		}
	}
	return ""
}
