package feed

import (
	"bytes"
	"encoding/json"
	"errors"
	"strings"
)

// Kind is the format of a document, as told by its content.
type Kind int

// The kinds Detect tells apart.
const (
	KindUnknown  Kind = iota
	KindRSS09         // RSS 0.90, 0.91, 0.92, 0.93, 0.94
	KindRSS10         // RSS 1.0 (RDF)
	KindRSS20         // RSS 2.0, or <rss> without a version
	KindAtom03        // Atom 0.3 (purl.org namespace)
	KindAtom10        // Atom 1.0
	KindJSONFeed      // JSON Feed 1.x
	KindRSSJSON       // RSS 2.0 written as JSON (scripting.com's rss.js)
	KindOPML          // an OPML outline, usually a subscription list
	KindHTML          // a web page, often served where a feed was expected
)

var kindNames = [...]string{
	KindUnknown:  "unknown",
	KindRSS09:    "RSS 0.9x",
	KindRSS10:    "RSS 1.0",
	KindRSS20:    "RSS 2.0",
	KindAtom03:   "Atom 0.3",
	KindAtom10:   "Atom 1.0",
	KindJSONFeed: "JSON Feed",
	KindRSSJSON:  "RSS in JSON",
	KindOPML:     "OPML",
	KindHTML:     "HTML",
}

// String names the kind for messages.
func (k Kind) String() string {
	if k < 0 || int(k) >= len(kindNames) {
		return "unknown"
	}
	return kindNames[k]
}

// IsFeed reports whether documents of this kind hold articles.
func (k Kind) IsFeed() bool {
	return k >= KindRSS09 && k <= KindRSSJSON
}

// ErrNotFeed is returned for a document that is not a feed, such as the
// HTML page a site serves where its feed used to be.
var ErrNotFeed = errors.New("not a feed")

// detectLimit bounds how much of a document Detect reads to find the root
// element: comments and doctypes before it are rarely longer.
const detectLimit = 64 << 10

// Detect tells the format of data from its content, never from a name.
// It looks at the root element of XML (after any BOM, declaration,
// comments and doctype) and at the top-level keys of JSON.
func Detect(data []byte) Kind {
	data = trimBOM(data)
	if text, ok := wideText(data); ok {
		data = text
	}
	data = bytes.TrimLeft(data, " \t\r\n\x00")
	if len(data) == 0 {
		return KindUnknown
	}
	if data[0] == '{' {
		return detectJSON(data)
	}
	if data[0] != '<' {
		return KindUnknown
	}
	head := data
	if len(head) > detectLimit {
		head = head[:detectLimit]
	}
	name, attrs, ok := rootElement(head)
	if !ok {
		if bytes.Contains(bytes.ToLower(head), []byte("<html")) {
			return KindHTML
		}
		return KindUnknown
	}
	return kindOfRoot(name, attrs)
}

func kindOfRoot(name, attrs string) Kind {
	local := strings.ToLower(name)
	if i := strings.LastIndexByte(local, ':'); i >= 0 {
		local = local[i+1:]
	}
	switch local {
	case "rss":
		v := attrValue(attrs, "version")
		if strings.HasPrefix(v, "0.9") {
			return KindRSS09
		}
		return KindRSS20
	case "rdf":
		return KindRSS10
	case "feed":
		if strings.Contains(attrs, "purl.org/atom/ns") {
			return KindAtom03
		}
		return KindAtom10
	case "opml":
		return KindOPML
	case "html", "!doctype":
		return KindHTML
	}
	return KindUnknown
}

// rootElement finds the name and raw attribute text of the first element,
// skipping the XML declaration, processing instructions, comments and
// doctype declarations. An HTML doctype reports as "!doctype".
func rootElement(b []byte) (name, attrs string, ok bool) {
	for {
		i := bytes.IndexByte(b, '<')
		if i < 0 || i+1 >= len(b) {
			return "", "", false
		}
		b = b[i:]
		switch {
		case bytes.HasPrefix(b, []byte("<?")):
			end := bytes.Index(b, []byte("?>"))
			if end < 0 {
				return "", "", false
			}
			b = b[end+2:]
			continue
		case bytes.HasPrefix(b, []byte("<!--")):
			end := bytes.Index(b, []byte("-->"))
			if end < 0 {
				return "", "", false
			}
			b = b[end+3:]
			continue
		case bytes.HasPrefix(b, []byte("<!")):
			if len(b) >= 14 && strings.EqualFold(string(b[2:14]), "doctype html") {
				return "!doctype", "", true
			}
			end := doctypeEnd(b)
			if end < 0 {
				return "", "", false
			}
			b = b[end:]
			continue
		}
		end := bytes.IndexByte(b, '>')
		if end < 0 {
			end = len(b)
		}
		tag := string(b[1:end])
		n := strings.IndexAny(tag, " \t\r\n/")
		if n < 0 {
			return tag, "", tag != ""
		}
		return tag[:n], tag[n:], n > 0
	}
}

// doctypeEnd is the index after a <!DOCTYPE ...> declaration, which may
// hold an internal subset in brackets.
func doctypeEnd(b []byte) int {
	depth := 0
	for i, c := range b {
		switch c {
		case '[':
			depth++
		case ']':
			depth--
		case '>':
			if depth <= 0 {
				return i + 1
			}
		}
	}
	return -1
}

// attrValue finds name="value" or name='value' in raw attribute text.
func attrValue(attrs, name string) string {
	for rest := attrs; ; {
		i := strings.Index(rest, name)
		if i < 0 {
			return ""
		}
		rest = rest[i+len(name):]
		if pos := len(attrs) - len(rest) - len(name); pos > 0 && !isSpace(attrs[pos-1]) {
			continue
		}
		v := strings.TrimLeft(rest, " \t\r\n")
		if !strings.HasPrefix(v, "=") {
			continue
		}
		v = strings.TrimLeft(v[1:], " \t\r\n")
		if v == "" || (v[0] != '"' && v[0] != '\'') {
			return ""
		}
		end := strings.IndexByte(v[1:], v[0])
		if end < 0 {
			return ""
		}
		return v[1 : end+1]
	}
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\r' || c == '\n' }

// jsonDetectLimit bounds how much of a JSON document Detect reads: the
// keys that tell a feed (version, items, rss) come first in practice,
// and scanning a whole large document token by token would cost more
// than parsing it.
const jsonDetectLimit = 1 << 20

// detectJSON tells JSON Feed from RSS-in-JSON by the top-level keys,
// read with a streaming decoder so that a head cut anywhere (the first
// 64 KiB of a larger file) is told as well as the whole document. It
// stops at the first key that decides.
func detectJSON(data []byte) Kind {
	if len(data) > jsonDetectLimit {
		data = data[:jsonDetectLimit]
	}
	if !bytes.Contains(data, []byte(`"version"`)) && !bytes.Contains(data, []byte(`"rss"`)) && !bytes.Contains(data, []byte(`"items"`)) {
		return KindUnknown // no key that tells: no need to decode
	}
	d := json.NewDecoder(bytes.NewReader(data))
	if tok, err := d.Token(); err != nil || tok != json.Delim('{') {
		return KindUnknown
	}
	sawItems := false
	for d.More() {
		tok, err := d.Token()
		if err != nil {
			break
		}
		key, _ := tok.(string)
		if key != "version" && key != "rss" && key != "items" {
			// Decoding a value whole scans it far faster than its tokens.
			var skip json.RawMessage
			if d.Decode(&skip) != nil {
				break
			}
			continue
		}
		tok, err = d.Token()
		if err != nil {
			break
		}
		switch {
		case key == "version":
			if s, ok := tok.(string); ok && strings.Contains(s, "jsonfeed.org/version/") {
				return KindJSONFeed
			}
		case key == "rss" && tok == json.Delim('{'):
			return KindRSSJSON
		case key == "items" && tok == json.Delim('['):
			sawItems = true
		}
		if !skipJSONValue(d, tok) {
			break
		}
	}
	if sawItems {
		return KindJSONFeed // a JSON Feed with a missing or odd version
	}
	return KindUnknown
}

// skipJSONValue reads the rest of the value whose first token is tok.
// false when the data ends first.
func skipJSONValue(d *json.Decoder, tok json.Token) bool {
	depth := 0
	for {
		switch tok {
		case json.Delim('{'), json.Delim('['):
			depth++
		case json.Delim('}'), json.Delim(']'):
			depth--
		}
		if depth == 0 {
			return true
		}
		var err error
		if tok, err = d.Token(); err != nil {
			return false
		}
	}
}
