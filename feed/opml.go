package feed

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"

	"newsread/articles"
)

// ErrNotOPML is returned by ParseOPML for a document that is not OPML.
var ErrNotOPML = errors.New("not an OPML document")

// ErrNoFeeds is returned by ParseOPML for a well-formed OPML document
// that lists no feeds (an outline of folders only, or an empty body).
var ErrNoFeeds = errors.New("no feeds")

// ParseOPML reads the subscriptions of an OPML list. Outlines with an
// xmlUrl (any letter case) are feeds; outlines without one that hold other
// outlines are folders, whose names become tags of the feeds inside, as do
// the entries of a feed's category attribute. newsread's own fullText
// attribute ("true") sets Subscription.FullText. Real-world damage (unescaped
// ampersands, missing head, HTML entities, odd case) is tolerated; when
// the document breaks off, the subscriptions read so far are returned with
// the error. An OPML document without feeds is ErrNoFeeds.
func ParseOPML(r io.Reader) ([]Subscription, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("read opml: %w", err)
	}
	text, err := toUTF8(data, "")
	if err != nil {
		return nil, fmt.Errorf("read opml: %w", err)
	}
	d := xml.NewDecoder(bytes.NewReader(text))
	d.Strict = false
	d.AutoClose = xml.HTMLAutoClose
	d.Entity = xml.HTMLEntity
	p := opmlReader{}
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			if !p.sawRoot {
				return nil, fmt.Errorf("%w: %w", ErrNotOPML, err)
			}
			return p.subs, fmt.Errorf("malformed opml: %w", err)
		}
		if err := p.token(tok); err != nil {
			return p.subs, err
		}
	}
	if !p.sawRoot {
		return nil, fmt.Errorf("%w: no <opml> element", ErrNotOPML)
	}
	if len(p.subs) == 0 {
		return nil, ErrNoFeeds
	}
	return p.subs, nil
}

// opmlReader follows the outline tree: folders is the stack of open
// outlines, with "" for those that are feeds or unnamed.
type opmlReader struct {
	sawRoot bool
	folders []string
	subs    []Subscription
}

func (p *opmlReader) token(tok xml.Token) error {
	switch t := tok.(type) {
	case xml.StartElement:
		name := strings.ToLower(t.Name.Local)
		if !p.sawRoot {
			if name != "opml" {
				return fmt.Errorf("%w: root element <%s>", ErrNotOPML, t.Name.Local)
			}
			p.sawRoot = true
			return nil
		}
		if name != "outline" {
			return nil
		}
		p.outline(t.Attr)
	case xml.EndElement:
		if strings.EqualFold(t.Name.Local, "outline") && len(p.folders) > 0 {
			p.folders = p.folders[:len(p.folders)-1]
		}
	}
	return nil
}

func (p *opmlReader) outline(attrs []xml.Attr) {
	get := func(name string) string {
		for _, a := range attrs {
			if strings.EqualFold(a.Name.Local, name) {
				return strings.TrimSpace(a.Value)
			}
		}
		return ""
	}
	feedURL := get("xmlUrl")
	if feedURL == "" && strings.EqualFold(get("type"), "rss") {
		feedURL = get("url")
	}
	title := oneLineText(get("title"))
	if title == "" {
		title = oneLineText(get("text"))
	}
	if feedURL == "" {
		p.folders = append(p.folders, title)
		return
	}
	p.folders = append(p.folders, "")
	if title == feedURL {
		title = ""
	}
	var tags []string
	for _, f := range p.folders {
		if f != "" {
			tags = append(tags, f)
		}
	}
	for _, c := range strings.Split(get("category"), ",") {
		if c = oneLineText(strings.Trim(c, " /")); c != "" {
			tags = append(tags, c)
		}
	}
	full := strings.ToLower(get("fullText"))
	p.subs = append(p.subs, Subscription{URL: feedURL, Title: title, Tags: unionTags(nil, tags),
		FullText: full == "true" || full == "1" || full == "yes"})
}

// WriteOPML writes subs as an OPML 2.0 subscription list. A feed goes in
// the folder of its first tag; all its tags are also listed in its
// category attribute, so ParseOPML gives back the same subscriptions.
func WriteOPML(w io.Writer, subs []Subscription) error {
	var b bytes.Buffer
	b.WriteString(xml.Header)
	b.WriteString("<opml version=\"2.0\">\n  <head>\n    <title>newsread subscriptions</title>\n  </head>\n  <body>\n")
	var order []string
	folders := map[string][]Subscription{}
	for _, s := range subs {
		f := ""
		if len(s.Tags) > 0 {
			f = s.Tags[0]
		}
		if _, ok := folders[f]; !ok {
			order = append(order, f)
		}
		folders[f] = append(folders[f], s)
	}
	for _, f := range order {
		indent := "    "
		if f != "" {
			fmt.Fprintf(&b, "    <outline text=\"%s\" title=\"%s\">\n", attr(f), attr(f))
			indent += "  "
		}
		for _, s := range folders[f] {
			writeOutline(&b, indent, s)
		}
		if f != "" {
			b.WriteString("    </outline>\n")
		}
	}
	b.WriteString("  </body>\n</opml>\n")
	if _, err := w.Write(b.Bytes()); err != nil {
		return fmt.Errorf("write opml: %w", err)
	}
	return nil
}

func writeOutline(b *bytes.Buffer, indent string, s Subscription) {
	text := s.Title
	if text == "" {
		text = s.URL
	}
	fmt.Fprintf(b, "%s<outline type=\"rss\" text=\"%s\"", indent, attr(text))
	if s.Title != "" {
		fmt.Fprintf(b, " title=\"%s\"", attr(s.Title))
	}
	fmt.Fprintf(b, " xmlUrl=\"%s\"", attr(s.URL))
	if len(s.Tags) > 0 {
		fmt.Fprintf(b, " category=\"%s\"", attr(strings.Join(s.Tags, ",")))
	}
	if s.FullText {
		// Not in the OPML standard, which lets outlines carry attributes
		// of their own; other readers ignore it.
		b.WriteString(" fullText=\"true\"")
	}
	b.WriteString("/>\n")
}

func attr(s string) string {
	var b strings.Builder
	_ = xml.EscapeText(&b, []byte(s))
	return b.String()
}

// oneLineText sanitises an attribute value that is plain text already,
// repairing it first where an exporter garbled it ("Ã¤" for "ä").
func oneLineText(s string) string {
	return strings.Join(strings.Fields(articles.Sanitize(articles.RepairMojibake(s))), " ")
}
