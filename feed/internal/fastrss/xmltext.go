package fastrss

import (
	"html"
	"strconv"
	"strings"
	"time"

	"github.com/mmcdole/gofeed"
	ext "github.com/mmcdole/gofeed/extensions"
	"github.com/mmcdole/gofeed/rss"
)

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

const (
	cdataStart = "<![CDATA["
	cdataEnd   = "]]>"
)

// elementText is gofeed's reading of an element's text: the raw content
// trimmed, CDATA sections taken as they are and entities decoded outside
// them.
func elementText(raw string) string {
	s := strings.TrimSpace(raw)
	if !strings.Contains(s, cdataStart) {
		return decodeEntities(s)
	}
	if body, ok := strings.CutPrefix(s, cdataStart); ok {
		if end := strings.Index(body, cdataEnd); end == len(body)-len(cdataEnd) {
			return body[:end] // one section, as most bodies are: no copy
		}
	}
	var b strings.Builder
	for s != "" {
		start := strings.Index(s, cdataStart)
		if start < 0 {
			b.WriteString(decodeEntities(s))
			break
		}
		b.WriteString(decodeEntities(s[:start]))
		end := strings.Index(s[start+len(cdataStart):], cdataEnd)
		if end < 0 {
			b.WriteString(decodeEntities(s[start:]))
			break
		}
		b.WriteString(s[start+len(cdataStart) : start+len(cdataStart)+end])
		s = s[start+len(cdataStart)+end+len(cdataEnd):]
	}
	return b.String()
}

// decodeEntities decodes entities as gofeed does: HTML named and numeric
// references that end in ';' within 64 bytes and hold no space; any other
// '&' is literal.
func decodeEntities(s string) string {
	if strings.IndexByte(s, '&') < 0 {
		return s
	}
	var b strings.Builder
	for s != "" {
		i := strings.IndexByte(s, '&')
		if i < 0 {
			b.WriteString(s)
			break
		}
		b.WriteString(s[:i])
		s = s[i:]
		window := s[:min(len(s), 64)]
		end := strings.IndexByte(window, ';')
		if end < 0 && len(window) == len(s) {
			b.WriteString(s)
			break
		}
		if end < 0 || strings.ContainsAny(s[1:end], " \t\r\n") {
			b.WriteByte('&')
			s = s[1:]
			continue
		}
		span := s[:end+1]
		dec := html.UnescapeString(span)
		if dec == html.UnescapeString(span[:len(span)-1])+";" {
			b.WriteByte('&')
			s = s[1:]
			continue
		}
		b.WriteString(dec)
		s = s[end+1:]
	}
	return b.String()
}
