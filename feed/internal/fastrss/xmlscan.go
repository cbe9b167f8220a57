package fastrss

import (
	"bytes"
)

// xmlTag is a start tag read by scanTag.
type xmlTag struct {
	name        string // qualified, as written: "dc:creator"
	attrs       []xmlAttr
	selfClosing bool
	end         int // the offset just past '>'
}

// xmlAttr is one attribute, its value as written between the quotes.
type xmlAttr struct{ name, value string }

// attr is the value of the attribute called name, or "".
func (t xmlTag) attr(name string) string {
	for _, a := range t.attrs {
		if a.name == name {
			return a.value
		}
	}
	return ""
}

// scanTag reads the start tag at doc[i] == '<'. ok is false for anything
// but a well-formed start tag with quoted attributes.
func scanTag(doc []byte, i int) (t xmlTag, ok bool) {
	j := i + 1
	n := nameEnd(doc, j)
	if n == j {
		return t, false
	}
	t.name = string(doc[j:n])
	j = n
	for {
		k := skipSpace(doc, j)
		if k >= len(doc) {
			return t, false
		}
		switch doc[k] {
		case '>':
			t.end = k + 1
			return t, true
		case '/':
			if k+1 < len(doc) && doc[k+1] == '>' {
				t.selfClosing, t.end = true, k+2
				return t, true
			}
			return t, false
		}
		if k == j { // attributes must be separated by space
			return t, false
		}
		n = nameEnd(doc, k)
		if n == k {
			return t, false
		}
		name := string(doc[k:n])
		e := skipSpace(doc, n)
		if e >= len(doc) || doc[e] != '=' {
			return t, false
		}
		q := skipSpace(doc, e+1)
		if q >= len(doc) || doc[q] != '"' && doc[q] != '\'' {
			return t, false
		}
		v := bytes.IndexByte(doc[q+1:], doc[q])
		if v < 0 {
			return t, false
		}
		t.attrs = append(t.attrs, xmlAttr{name: name, value: string(doc[q+1 : q+1+v])})
		j = q + 2 + v
	}
}

// nameEnd returns the end of the XML name at doc[i], or i when there is
// none. Only ASCII names are read; others are left to gofeed.
func nameEnd(doc []byte, i int) int {
	start := i
	for i < len(doc) {
		c := doc[i]
		letter := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c == ':'
		if !letter && (i == start || !(c >= '0' && c <= '9' || c == '-' || c == '.')) {
			break
		}
		i++
	}
	if i < len(doc) && doc[i] >= 0x80 {
		return start
	}
	return i
}

func skipSpace(doc []byte, i int) int {
	for i < len(doc) && (doc[i] == ' ' || doc[i] == '\t' || doc[i] == '\n' || doc[i] == '\r') {
		i++
	}
	return i
}

// skipMarkup skips the comment, CDATA section or processing instruction
// at doc[i] == '<' and returns the offset after it; ok is false for
// anything else (a tag, a DOCTYPE) or when it does not end.
func skipMarkup(doc []byte, i int) (next int, ok bool) {
	rest := doc[i:]
	var end string
	switch {
	case bytes.HasPrefix(rest, []byte("<!--")):
		end = "-->"
	case bytes.HasPrefix(rest, []byte("<![CDATA[")):
		end = "]]>"
	case bytes.HasPrefix(rest, []byte("<?")):
		end = "?>"
	default:
		return i, false
	}
	k := bytes.Index(rest[2:], []byte(end))
	if k < 0 {
		return i, false
	}
	return i + 2 + k + len(end), true
}

// skipElement returns the offset just past the end of the element whose
// start tag is t. ok is false unless every tag inside is well formed and
// closed in order.
func skipElement(doc []byte, t xmlTag) (next int, ok bool) {
	if t.selfClosing {
		return t.end, true
	}
	stack := []string{t.name}
	i := t.end
	for {
		k := bytes.IndexByte(doc[i:], '<')
		if k < 0 {
			return i, false
		}
		i += k
		if i+1 < len(doc) && (doc[i+1] == '!' || doc[i+1] == '?') {
			if i, ok = skipMarkup(doc, i); !ok {
				return i, false
			}
			continue
		}
		if i+1 < len(doc) && doc[i+1] == '/' {
			n := nameEnd(doc, i+2)
			e := skipSpace(doc, n)
			if e >= len(doc) || doc[e] != '>' || string(doc[i+2:n]) != stack[len(stack)-1] {
				return i, false
			}
			stack = stack[:len(stack)-1]
			i = e + 1
			if len(stack) == 0 {
				return i, true
			}
			continue
		}
		c, ok := scanTag(doc, i)
		if !ok {
			return i, false
		}
		if !c.selfClosing {
			stack = append(stack, c.name)
		}
		i = c.end
	}
}
