package fastrss

import (
	"bytes"
	"net/url"
	"strings"

	ext "github.com/mmcdole/gofeed/extensions"
	"github.com/mmcdole/gofeed/rss"
)

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
		if !plainName(c.name) {
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
		e.Attrs[local] = uriAttr(local, a.value) // encoding/xml's Local: xmlns:p is "p"
	}
	if exts[prefix] == nil {
		exts[prefix] = map[string][]ext.Extension{}
	}
	exts[prefix][name] = append(exts[prefix][name], e)
	return true
}

// uriAttr is an attribute's value as gofeed files it: the values of
// href, scheme, src and uri attributes (any case) pass through url.Parse
// and String, which escapes spaces among other things.
func uriAttr(name, value string) string {
	switch strings.ToLower(name) {
	case "href", "scheme", "src", "uri":
		if u, err := url.Parse(strings.TrimLeft(value, " ")); err == nil {
			return u.String()
		}
	}
	return value
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
		if strings.ContainsAny(a.value, "&<\t\r\n") || hasControl([]byte(a.value)) || a.name == "xmlns" {
			return false
		}
		if !plainName(a.name) {
			return false
		}
		if prefix, local, ok := strings.Cut(a.name, ":"); ok && (prefix != "xmlns" || d.ns[local] != a.value) {
			return false
		}
	}
	return true
}

// plainName reports whether encoding/xml splits name as written: no
// colon, or one with a prefix before it and a local name after. It
// keeps "a:" or "a:b:c" whole, as a local name, and so would gofeed.
func plainName(name string) bool {
	prefix, local, found := strings.Cut(name, ":")
	return !found || prefix != "" && local != "" && strings.IndexByte(local, ':') < 0
}

func isBlank(b []byte) bool {
	for _, c := range b {
		if c != ' ' && c != '\t' && c != '\n' && c != '\r' {
			return false
		}
	}
	return true
}
