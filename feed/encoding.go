package feed

import (
	"bytes"
	"errors"
	"fmt"
	"mime"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/encoding/unicode/utf32"

	"newsread/articles"
)

// ErrEncoding is returned for a document in an encoding newsread cannot
// read.
var ErrEncoding = errors.New("unknown encoding")

var (
	bomUTF8    = []byte{0xef, 0xbb, 0xbf}
	bomUTF16LE = []byte{0xff, 0xfe}
	bomUTF16BE = []byte{0xfe, 0xff}
	// xmlDecl matches the encoding pseudo-attribute of an XML declaration.
	xmlDeclEncoding = regexp.MustCompile(`^(\s*<\?xml[^>]*?encoding\s*=\s*["'])([^"']*)(["'])`)
)

// trimBOM drops a UTF-8 byte order mark.
func trimBOM(data []byte) []byte {
	return bytes.TrimPrefix(data, bomUTF8)
}

// wideText decodes UTF-32 and UTF-16 text, told by a byte order mark or
// by zero bytes around the first ASCII character, into UTF-8. ok is false
// for anything else.
func wideText(data []byte) (text []byte, ok bool) {
	var dec *encoding.Decoder
	switch {
	case len(data) < 4:
		return nil, false
	case bytes.HasPrefix(data, []byte{0, 0, 0xfe, 0xff}) || data[0] == 0 && data[1] == 0 && data[2] == 0 && data[3] != 0:
		dec = utf32.UTF32(utf32.BigEndian, utf32.UseBOM).NewDecoder()
	case bytes.HasPrefix(data, []byte{0xff, 0xfe, 0, 0}) || data[0] != 0 && data[1] == 0 && data[2] == 0 && data[3] == 0:
		dec = utf32.UTF32(utf32.LittleEndian, utf32.UseBOM).NewDecoder()
	case bytes.HasPrefix(data, bomUTF16BE) || data[0] == 0 && data[1] != 0 && data[2] == 0:
		dec = unicode.UTF16(unicode.BigEndian, unicode.UseBOM).NewDecoder()
	case bytes.HasPrefix(data, bomUTF16LE) || data[0] != 0 && data[1] == 0 && data[2] != 0 && data[3] == 0:
		dec = unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewDecoder()
	default:
		return nil, false
	}
	out, err := dec.Bytes(data)
	if err != nil {
		return nil, false
	}
	return out, true
}

// charsetParam extracts the charset parameter of a Content-Type value.
func charsetParam(contentType string) string {
	if contentType == "" {
		return ""
	}
	_, params, err := mime.ParseMediaType(contentType)
	if err != nil {
		return ""
	}
	return strings.TrimSpace(params["charset"])
}

// toUTF8 returns data as UTF-8 with any XML declaration saying so, so the
// XML parser reads it as it is. The encoding is taken from, in order: a
// byte order mark, the XML declaration, the charset of contentType. Where
// the declared encoding is UTF-8 (or none is declared) but the bytes are
// not, the HTTP charset is tried, then windows-1252, which is what such
// feeds almost always turn out to be. Where a single-byte charset is
// declared but the bytes are valid UTF-8 beyond ASCII, they are UTF-8.
func toUTF8(data []byte, contentType string) ([]byte, error) {
	text, err := decodeXML(data, contentType)
	// Control characters are not characters XML allows, written or as
	// references: a strict parser refuses the document over "&#x1b;", and
	// one that drops a raw ESC keeps the payload of a terminal escape
	// ("]0;title") as text. References become the bytes, and escape
	// sequences go whole.
	return articles.StripEscapes(controlRefs(text)), err
}

// controlRef matches a character reference to a C0 control character.
var controlRef = regexp.MustCompile(`&#(?:[xX]0*([0-9a-fA-F]{1,2})|0*([0-9]{1,2}));`)

// controlRefs turns references to C0 controls other than tab and line
// ends into the bytes they name.
func controlRefs(text []byte) []byte {
	if !bytes.Contains(text, []byte("&#")) {
		return text
	}
	return controlRef.ReplaceAllFunc(text, func(ref []byte) []byte {
		m := controlRef.FindSubmatch(ref)
		base, digits := 16, m[1]
		if len(digits) == 0 {
			base, digits = 10, m[2]
		}
		n, err := strconv.ParseUint(string(digits), base, 8)
		if err != nil || n >= 0x20 || n == '\t' || n == '\n' || n == '\r' {
			return ref
		}
		return []byte{byte(n)}
	})
}

// decodeXML is toUTF8 before escape sequences are removed.
func decodeXML(data []byte, contentType string) ([]byte, error) {
	data = trimBOM(data)
	if text, ok := wideText(data); ok {
		return rewriteDecl(text), nil
	}
	httpLabel := charsetParam(contentType)
	label := declaredEncoding(data)
	if label == "" {
		label = httpLabel
	}
	if isUTF8Label(label) {
		if utf8.Valid(data) {
			return rewriteDecl(data), nil
		}
		if httpLabel != "" && !isUTF8Label(httpLabel) {
			if enc := lookupEncoding(httpLabel); enc != nil {
				return decodeWith(enc, data)
			}
		}
		return decodeWith(charmap.Windows1252, data)
	}
	enc := lookupEncoding(label)
	if _, single := enc.(*charmap.Charmap); single && utf8.Valid(data) && !isASCII(data) {
		// Multi-byte UTF-8 that a single-byte charset is said to hold: the
		// declaration is what is wrong (text in a legacy charset almost
		// never happens to be valid UTF-8).
		return rewriteDecl(data), nil
	}
	if enc == nil {
		if utf8.Valid(data) {
			return rewriteDecl(data), nil
		}
		return nil, fmt.Errorf("%w %q", ErrEncoding, label)
	}
	return decodeWith(enc, data)
}

// isASCII reports whether data holds only 7-bit bytes.
func isASCII(data []byte) bool {
	for _, c := range data {
		if c >= 0x80 {
			return false
		}
	}
	return true
}

func isUTF8Label(label string) bool {
	switch strings.ToLower(label) {
	case "", "utf-8", "utf8", "us-ascii", "ascii":
		return true
	}
	return false
}

func lookupEncoding(label string) encoding.Encoding {
	switch strings.ToLower(strings.TrimSpace(label)) {
	case "utf-16", "utf16", "utf-16le", "utf-16be", "ucs-2", "utf-32", "utf-32le", "utf-32be":
		return nil // wide text would have been told by its zero bytes: this is mislabelled
	}
	enc, _ := charset.Lookup(label)
	return enc
}

func decodeWith(enc encoding.Encoding, data []byte) ([]byte, error) {
	out, err := enc.NewDecoder().Bytes(data)
	if err != nil {
		return nil, fmt.Errorf("decode text: %w", err)
	}
	return rewriteDecl(out), nil
}

// declaredEncoding is the encoding named in data's XML declaration.
func declaredEncoding(data []byte) string {
	head := data
	if len(head) > 512 {
		head = head[:512]
	}
	m := xmlDeclEncoding.FindSubmatch(head)
	if m == nil {
		return ""
	}
	return strings.TrimSpace(string(m[2]))
}

// rewriteDecl makes the XML declaration say utf-8, so that the parser does
// not decode already decoded text a second time.
func rewriteDecl(data []byte) []byte {
	head := data
	if len(head) > 512 {
		head = head[:512]
	}
	loc := xmlDeclEncoding.FindSubmatchIndex(head)
	if loc == nil || strings.EqualFold(string(data[loc[4]:loc[5]]), "utf-8") {
		return data
	}
	out := make([]byte, 0, len(data))
	out = append(out, data[:loc[4]]...)
	out = append(out, "utf-8"...)
	return append(out, data[loc[5]:]...)
}
