package feed

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"io"
	"os"
	"strings"
)

// titleHeadSize is how much of a cached body Title reads: a feed names
// itself before its first item, and podcast feeds run to tens of MiB.
const titleHeadSize = 256 << 10

// Title is the title the cached copy of the feed at feedURL gives
// itself, as plain text; ok is false when there is no cached copy or it
// names no title. It reads only the head of the copy, so that titling
// hundreds of subscriptions (an OPML export) stays cheap.
func (c *Cache) Title(feedURL string) (title string, ok bool) {
	meta, err := c.LoadMeta(feedURL)
	if err != nil || meta.BodySHA256 == "" {
		return "", false
	}
	f, err := os.Open(c.name(feedURL) + ".body")
	if err != nil {
		return "", false
	}
	defer f.Close()
	head, err := io.ReadAll(io.LimitReader(f, titleHeadSize))
	if err != nil {
		return "", false
	}
	title = documentTitle(head, meta.ContentType)
	return title, title != ""
}

// WithCachedTitles returns a copy of subs in which each subscription
// without a title of its own has the title of its cached copy, for
// writing an OPML list whose outlines name their feeds.
func (c *Cache) WithCachedTitles(subs []Subscription) []Subscription {
	out := make([]Subscription, len(subs))
	for i, s := range subs {
		if s.Title == "" {
			s.Title, _ = c.Title(s.URL)
		}
		out[i] = s
	}
	return out
}

// documentTitle finds the feed's own title in the head of a document
// (or the whole of it), without reading its items.
func documentTitle(head []byte, contentType string) string {
	switch kind := Detect(head); {
	case kind == KindJSONFeed:
		return plainText(jsonTopString(head, "title"))
	case kind == KindRSSJSON:
		gf, err := parseRSSJSON(head)
		if err != nil {
			return ""
		}
		return plainText(gf.Title)
	case kind.IsFeed():
		if len(head) == titleHeadSize && len(trimBOM(head)) > 0 && trimBOM(head)[0] == '<' {
			// Cut where no character can be split: before a '<'.
			if i := bytes.LastIndexByte(head, '<'); i > 0 {
				head = head[:i]
			}
		}
		text, err := toUTF8(head, contentType)
		if err != nil {
			return ""
		}
		return plainText(xmlFeedTitle(text))
	}
	return ""
}

// xmlFeedTitle is the text of the <title> that is a child of the root
// (Atom) or of <channel> (RSS, RDF), looked for until the first item.
func xmlFeedTitle(doc []byte) string {
	d := xml.NewDecoder(bytes.NewReader(doc))
	d.Strict = false
	d.Entity = xml.HTMLEntity
	var path []string
	var title strings.Builder
	inTitle := 0 // depth of the title element, 0 outside it
	for {
		tok, err := d.Token()
		if err != nil {
			return ""
		}
		switch t := tok.(type) {
		case xml.StartElement:
			name := strings.ToLower(t.Name.Local)
			if inTitle == 0 && (name == "item" || name == "entry") {
				return ""
			}
			path = append(path, name)
			parent := ""
			if len(path) >= 2 {
				parent = path[len(path)-2]
			}
			if inTitle == 0 && name == "title" && (len(path) == 2 || parent == "channel" && len(path) <= 3) {
				inTitle = len(path)
			}
		case xml.EndElement:
			if inTitle == len(path) {
				return title.String()
			}
			if len(path) > 0 {
				path = path[:len(path)-1]
			}
		case xml.CharData:
			if inTitle > 0 {
				title.Write(t)
			}
		}
	}
}

// jsonTopString is the string value of a top-level key of a JSON object,
// read as a stream: "" when it is absent before the data ends.
func jsonTopString(data []byte, key string) string {
	d := json.NewDecoder(bytes.NewReader(data))
	if tok, err := d.Token(); err != nil || tok != json.Delim('{') {
		return ""
	}
	for d.More() {
		tok, err := d.Token()
		if err != nil {
			return ""
		}
		k, _ := tok.(string)
		if tok, err = d.Token(); err != nil {
			return ""
		}
		if s, ok := tok.(string); ok && k == key {
			return s
		}
		if !skipJSONValue(d, tok) {
			return ""
		}
	}
	return ""
}
