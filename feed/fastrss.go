package feed

import (
	"bytes"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/mmcdole/gofeed"
	ext "github.com/mmcdole/gofeed/extensions"
	"github.com/mmcdole/gofeed/rss"
)

// rssDoc is an RSS 2.0 document cut into its items and the rest.
type rssDoc struct {
	root    []byte            // the <rss ...> start tag as written
	channel []byte            // the <channel ...> start tag as written
	ns      map[string]string // prefix → namespace URI, declared on both
	rest    []byte            // the document without its items
	items   [][]byte          // each <item>…</item>
}

// splitRSS cuts an RSS 2.0 document whose items are children of
// <channel>. ok is false for anything it is not sure of (a DOCTYPE,
// xml:base, a default namespace, markup it cannot follow): gofeed then
// reads the whole document.
func splitRSS(doc []byte) (d rssDoc, ok bool) {
	if bytes.Contains(doc, []byte("xml:base")) || !utf8.Valid(doc) {
		return d, false
	}
	i, ok := skipProlog(doc)
	if !ok {
		return d, false
	}
	root, ok := scanTag(doc, i)
	if !ok || root.name != "rss" || root.selfClosing {
		return d, false
	}
	d.root, d.ns = doc[i:root.end], map[string]string{}
	if !d.declare(root.attrs) {
		return d, false
	}
	ch := bytes.Index(doc[root.end:], []byte("<channel"))
	if ch < 0 {
		return d, false
	}
	ch += root.end
	channel, ok := scanTag(doc, ch)
	if !ok || channel.name != "channel" || channel.selfClosing || !d.declare(channel.attrs) {
		return d, false
	}
	d.channel = doc[ch:channel.end]
	var rest bytes.Buffer
	rest.Grow(4096)
	rest.Write(doc[:channel.end])
	j := channel.end
	for {
		k := bytes.IndexByte(doc[j:], '<')
		if k < 0 {
			return d, false
		}
		k += j
		if bytes.HasPrefix(doc[k:], []byte("</channel>")) { // the rest follows
			rest.Write(doc[j:])
			d.rest = rest.Bytes()
			return d, true
		}
		if k+1 < len(doc) && (doc[k+1] == '!' || doc[k+1] == '?') {
			next, ok := skipMarkup(doc, k)
			if !ok {
				return d, false
			}
			rest.Write(doc[j:next])
			j = next
			continue
		}
		t, ok := scanTag(doc, k)
		if !ok {
			return d, false
		}
		next, ok := skipElement(doc, t)
		if !ok {
			return d, false
		}
		if t.name == "item" {
			rest.Write(doc[j:k])
			d.items = append(d.items, doc[k:next])
		} else {
			rest.Write(doc[j:next])
		}
		j = next
	}
}

// declare records the namespace prefixes an element declares; false
// for a default namespace or any other attribute but version.
func (d rssDoc) declare(attrs []xmlAttr) bool {
	for _, a := range attrs {
		switch {
		case strings.HasPrefix(a.name, "xmlns:"):
			d.ns[a.name[len("xmlns:"):]] = a.value
		case a.name != "version":
			return false
		}
	}
	return true
}

// extensionPrefix is the prefix gofeed files an element written with
// prefix under: the namespace's canonical prefix, else the one the feed
// declares. "" when the element is not an extension gofeed would file
// the same way (undeclared, ambiguous, or RSS's own vocabulary).
func (d rssDoc) extensionPrefix(prefix string) string {
	uri, ok := d.ns[prefix]
	if !ok || uri != strings.TrimSpace(uri) || uri == "" {
		return ""
	}
	switch uri {
	case "http://www.w3.org/1999/02/22-rdf-syntax-ns#", "http://purl.org/rss/1.0/",
		"http://channel.netscape.com/rdf/simple/0.9/", "http://my.netscape.com/rdf/simple/0.9/":
		return ""
	}
	if c := canonicalPrefix(uri); c != "" {
		return c
	}
	for p, u := range d.ns {
		if u == uri && p != prefix {
			return ""
		}
	}
	return prefix
}

// skipProlog returns the offset of the root element's '<'.
func skipProlog(doc []byte) (int, bool) {
	i := 0
	if bytes.HasPrefix(doc, []byte("\xef\xbb\xbf")) {
		i = 3
	}
	for {
		i = skipSpace(doc, i)
		if i+1 >= len(doc) || doc[i] != '<' {
			return i, false
		}
		if doc[i+1] != '!' && doc[i+1] != '?' {
			return i, true
		}
		next, ok := skipMarkup(doc, i)
		if !ok {
			return i, false
		}
		i = next
	}
}

// parseRSSFast reads an RSS 2.0 document as gofeed would, but reads
// plain items itself, on workers, leaving gofeed the channel and any
// item out of the ordinary. ok is false when the document is not one it
// can cut up; the caller then parses it whole.
func (p *Parser) parseRSSFast(doc []byte) (*gofeed.Feed, bool) {
	d, ok := splitRSS(doc)
	if !ok {
		return nil, false
	}
	rf, err := (&rss.Parser{}).Parse(bytes.NewReader(d.rest))
	if err != nil || len(rf.Items) > 0 {
		return nil, false
	}
	rf.Items = make([]*rss.Item, len(d.items))
	failed := false
	var mu sync.Mutex
	p.each(len(d.items), func(i int) {
		it, ok := d.item(d.items[i])
		if !ok {
			mu.Lock()
			failed = true
			mu.Unlock()
		}
		rf.Items[i] = it
	})
	if failed {
		return nil, false
	}
	gf, err := (&gofeed.DefaultRSSTranslator{DisableContentImageScan: true}).Translate(rf)
	if err != nil {
		return nil, false
	}
	return gf, true
}

// each calls do(0) … do(n-1) on the parser's workers, in chunks.
func (p *Parser) each(n int, do func(i int)) {
	workers := min(p.workers, n/64+1)
	if workers <= 1 {
		for i := range n {
			do(i)
		}
		return
	}
	const chunk = 64
	next := make(chan int)
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for start := range next {
				for i := start; i < min(start+chunk, n); i++ {
					do(i)
				}
			}
		})
	}
	for start := 0; start < n; start += chunk {
		next <- start
	}
	close(next)
	wg.Wait()
}

// item reads one item: itself when it is plain, else with gofeed in a
// document of its own under the same root element.
func (d rssDoc) item(raw []byte) (*rss.Item, bool) {
	if it, ok := d.plainItem(raw); ok {
		return it, true
	}
	var b bytes.Buffer
	b.Grow(len(d.root) + len(raw) + 32)
	b.Write(d.root)
	b.Write(d.channel)
	b.Write(raw)
	b.WriteString("</channel></rss>")
	rf, err := (&rss.Parser{}).Parse(&b)
	if err != nil || len(rf.Items) != 1 {
		return nil, false
	}
	return rf.Items[0], true
}

// plainItem reads an item made only of text elements RSS 2.0 and the
// known extensions define, with simple attributes. ok is false for
// anything else.
func (d rssDoc) plainItem(raw []byte) (*rss.Item, bool) {
	t, ok := scanTag(raw, 0)
	if !ok || t.name != "item" || len(t.attrs) > 0 || t.selfClosing {
		return nil, false
	}
	it := &rss.Item{}
	var exts ext.Extensions
	i := t.end
	for {
		k := bytes.IndexByte(raw[i:], '<')
		if k < 0 || !isBlank(raw[i:i+k]) {
			return nil, false
		}
		i += k
		if bytes.HasPrefix(raw[i:], []byte("</item>")) && i+len("</item>") == len(raw) {
			break
		}
		c, ok := scanTag(raw, i)
		if !ok || !d.simpleAttrs(c.attrs) {
			return nil, false
		}
		inner, next, ok := textContent(raw, c)
		if !ok {
			return nil, false
		}
		if prefix, local, found := strings.Cut(c.name, ":"); found {
			canon := d.extensionPrefix(prefix)
			switch {
			case canon == "" || canon == "content" && local != "encoded" && strings.ToLower(local) == "encoded":
				return nil, false
			case canon == "content" && local == "encoded":
				it.Content = elementText(inner)
			default:
				if exts == nil {
					exts = ext.Extensions{}
				}
				if !addExtension(exts, canon, local, c.attrs, inner) {
					return nil, false
				}
			}
		} else if !setField(it, c, inner) {
			return nil, false
		}
		i = next
	}
	if len(exts) > 0 {
		it.Extensions = exts
		if itunes, ok := exts["itunes"]; ok {
			it.ITunesExt = ext.NewITunesItemExtension(itunes)
		}
		if dc, ok := exts["dc"]; ok {
			it.DublinCoreExt = ext.NewDublinCoreExtension(dc)
		}
	}
	return it, true
}

// setField stores an RSS element's text in the item as gofeed's RSS
// parser does; false for an element (or attribute) it does not know.
func setField(it *rss.Item, c xmlTag, inner string) bool {
	if c.name != "guid" && c.name != "category" && c.name != "enclosure" && len(c.attrs) > 0 {
		return false
	}
	for _, a := range c.attrs {
		if strings.IndexByte(a.name, ':') >= 0 {
			return false
		}
	}
	switch c.name {
	case "title":
		it.Title = elementText(inner)
	case "description":
		it.Description = elementText(inner)
	case "link":
		it.Link = elementText(inner)
		it.Links = append(it.Links, it.Link)
	case "author":
		it.Author = elementText(inner)
	case "comments":
		it.Comments = elementText(inner)
	case "pubDate":
		it.PubDate = elementText(inner)
		if date, ok := parseCommonDate(it.PubDate); ok {
			it.PubDateParsed = &date
		} else {
			it.PubDateParsed = gofeedDate(it.PubDate)
		}
	case "guid":
		perma := c.attr("isPermaLink")
		if perma == "" {
			perma = c.attr("isPermalink")
		}
		if perma == "" {
			perma = "true"
		}
		for _, a := range c.attrs {
			if a.name != "isPermaLink" && a.name != "isPermalink" {
				return false
			}
		}
		it.GUID = &rss.GUID{Value: elementText(inner), IsPermalink: perma}
	case "category":
		if len(c.attrs) > 1 || len(c.attrs) == 1 && c.attrs[0].name != "domain" {
			return false
		}
		it.Categories = append(it.Categories, &rss.Category{Domain: c.attr("domain"), Value: elementText(inner)})
	case "enclosure":
		if !isBlank([]byte(inner)) {
			return false
		}
		enc := &rss.Enclosure{URL: c.attr("url"), Length: c.attr("length"), Type: c.attr("type")}
		it.Enclosure = enc
		it.Enclosures = append(it.Enclosures, enc)
	default:
		return false
	}
	return true
}

// addExtension files an extension element as gofeed does: its text
// (CDATA as is) trimmed, its attributes by local name. Text that XML
// would change (entities, carriage returns) is left to gofeed.
func addExtension(exts ext.Extensions, prefix, name string, attrs []xmlAttr, inner string) bool {
	if strings.IndexByte(inner, '\r') >= 0 {
		return false
	}
	var value strings.Builder
	s := inner
	for s != "" {
		start := strings.Index(s, cdataStart)
		if start < 0 {
			start = len(s)
		}
		text, ok := xmlText(s[:start])
		if !ok {
			return false
		}
		value.WriteString(text)
		if start == len(s) {
			break
		}
		end := strings.Index(s[start:], cdataEnd)
		value.WriteString(s[start+len(cdataStart) : start+end])
		s = s[start+end+len(cdataEnd):]
	}
	e := ext.Extension{Name: name, Value: strings.TrimSpace(value.String()), Attrs: map[string]string{}, Children: map[string][]ext.Extension{}}
	for _, a := range attrs {
		_, local, found := strings.Cut(a.name, ":")
		if !found {
			local = a.name
		}
		e.Attrs[local] = a.value // encoding/xml's Local: xmlns:p is "p"
	}
	if exts[prefix] == nil {
		exts[prefix] = map[string][]ext.Extension{}
	}
	exts[prefix][name] = append(exts[prefix][name], e)
	return true
}

// textContent returns the raw content of the element c, which may hold
// text and CDATA sections but no markup, and the offset after its end.
func textContent(raw []byte, c xmlTag) (inner string, next int, ok bool) {
	if c.selfClosing {
		return "", c.end, true
	}
	closing := "</" + c.name + ">"
	i := c.end
	for {
		k := bytes.IndexByte(raw[i:], '<')
		if k < 0 {
			return "", 0, false
		}
		i += k
		switch {
		case bytes.HasPrefix(raw[i:], []byte(cdataStart)):
			e := bytes.Index(raw[i:], []byte(cdataEnd))
			if e < 0 {
				return "", 0, false
			}
			i += e + len(cdataEnd)
		case bytes.HasPrefix(raw[i:], []byte(closing)):
			content := raw[c.end:i]
			if hasControl(content) {
				return "", 0, false
			}
			return string(content), i + len(closing), true
		default:
			return "", 0, false
		}
	}
}

// simpleAttrs reports whether attributes are plain: values XML would
// not change, no prefixed names but declarations that repeat a binding
// already in force.
func (d rssDoc) simpleAttrs(attrs []xmlAttr) bool {
	for _, a := range attrs {
		if strings.ContainsAny(a.value, "&<\t\r\n") || a.name == "xmlns" {
			return false
		}
		if prefix, local, ok := strings.Cut(a.name, ":"); ok && (prefix != "xmlns" || d.ns[local] != a.value) {
			return false
		}
	}
	return true
}

func isBlank(b []byte) bool {
	for _, c := range b {
		if c != ' ' && c != '\t' && c != '\n' && c != '\r' {
			return false
		}
	}
	return true
}

// hasControl reports C0 controls other than tab and line ends, which
// gofeed drops before parsing.
func hasControl(b []byte) bool {
	for _, c := range b {
		if c < 0x20 && c != '\t' && c != '\n' && c != '\r' {
			return true
		}
	}
	return false
}

// parseCommonDate reads the dates most feeds write, with a numeric zone
// or GMT/UTC, in UTC; other forms are left to gofeed.
func parseCommonDate(s string) (time.Time, bool) {
	for _, layout := range []string{time.RFC1123Z, time.RFC3339, "Mon, 2 Jan 2006 15:04:05 -0700"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t.UTC(), true
		}
	}
	for _, layout := range []string{time.RFC1123, "Mon, 2 Jan 2006 15:04:05 MST"} {
		if t, err := time.Parse(layout, s); err == nil {
			if z, _ := t.Zone(); z == "GMT" || z == "UTC" {
				return t.UTC(), true
			}
		}
	}
	return time.Time{}, false
}

// gofeedDate reads a date with gofeed's many layouts, which are not
// exported: its translator reads an item's atom:published with them
// (and only as the published date, where a Dublin Core date would be
// read twice).
func gofeedDate(s string) *time.Time {
	if s == "" {
		return nil
	}
	published := ext.Extensions{"atom": {"published": {{Name: "published", Value: s}}}}
	rf := &rss.Feed{Items: []*rss.Item{{Extensions: published}}}
	gf, err := (&gofeed.DefaultRSSTranslator{DisableContentImageScan: true}).Translate(rf)
	if err != nil || len(gf.Items) != 1 || gf.Items[0].PublishedParsed == nil {
		return nil
	}
	utc := gf.Items[0].PublishedParsed.UTC()
	return &utc
}

// xmlText decodes character data as encoding/xml does; ok is false for
// anything but the five XML entities and valid character references.
func xmlText(s string) (string, bool) {
	if strings.IndexByte(s, '&') < 0 {
		return s, true
	}
	var b strings.Builder
	for s != "" {
		i := strings.IndexByte(s, '&')
		if i < 0 {
			b.WriteString(s)
			break
		}
		b.WriteString(s[:i])
		end := strings.IndexByte(s[i:], ';')
		if end < 0 {
			return "", false
		}
		name := s[i+1 : i+end]
		s = s[i+end+1:]
		switch name {
		case "lt":
			b.WriteByte('<')
		case "gt":
			b.WriteByte('>')
		case "amp":
			b.WriteByte('&')
		case "apos":
			b.WriteByte('\'')
		case "quot":
			b.WriteByte('"')
		default:
			r, ok := charRef(name)
			if !ok {
				return "", false
			}
			b.WriteRune(r)
		}
	}
	return b.String(), true
}

// charRef reads "#39" or "#x27" as a character XML allows.
func charRef(name string) (rune, bool) {
	if len(name) < 2 || name[0] != '#' {
		return 0, false
	}
	base, digits := 10, name[1:]
	if digits[0] == 'x' {
		base, digits = 16, digits[1:]
	}
	n, err := strconv.ParseUint(digits, base, 32)
	if err != nil || digits == "" || digits[0] == '+' {
		return 0, false
	}
	r := rune(n)
	ok := r == 0x09 || r == 0x0A || r == 0x0D || r >= 0x20 && r <= 0xD7FF || r >= 0xE000 && r <= 0xFFFD || r >= 0x10000 && r <= 0x10FFFF
	return r, ok
}
