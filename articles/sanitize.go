package articles

import (
	"bytes"
	"strings"
	"unicode/utf8"
)

// Sanitize makes untrusted text safe to put on a terminal: invalid UTF-8 is
// replaced, CRLF and lone CR become LF, and every C0/C1 control character
// and escape sequence (CSI, OSC, DCS, APC, PM, SOS, including their
// payloads) is removed. Tabs and newlines are kept.
func Sanitize(s string) string {
	if isClean(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size <= 1:
			b.WriteRune(utf8.RuneError)
		case r == '\r':
			b.WriteByte('\n')
			if i+1 < len(s) && s[i+1] == '\n' {
				size++
			}
		case r == '\n' || r == '\t':
			b.WriteRune(r)
		case r == 0x1b:
			size = escapeLen(s[i:])
		case r == 0x9b: // C1 CSI
			size += csiLen(s[i+size:])
		case r == 0x90 || r == 0x9d || r == 0x9e || r == 0x9f || r == 0x98: // C1 DCS, OSC, PM, APC, SOS
			size += stringLen(s[i+size:])
		case r < 0x20 || r == 0x7f || (r >= 0x80 && r <= 0x9f):
			// other control characters are dropped
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

// CleanLine makes untrusted text safe to print on one line, as file
// names, paths and error messages must be: what Sanitize removes is
// removed, and tabs and line breaks become spaces. The rest of the text
// is kept as it is, so a name stays recognisable.
func CleanLine(s string) string {
	s = Sanitize(s)
	if !strings.ContainsAny(s, "\n\t") {
		return s
	}
	return strings.Map(func(r rune) rune {
		if r == '\n' || r == '\t' {
			return ' '
		}
		return r
	}, s)
}

// isClean reports whether s needs no change, so the common case allocates
// nothing.
func isClean(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x20 && c != '\n' && c != '\t' || c == 0x7f || c >= 0x80 {
			if c >= 0x80 {
				return cleanFrom(s[i:])
			}
			return false
		}
	}
	return true
}

func cleanFrom(s string) bool {
	for _, r := range s {
		if r == utf8.RuneError || r < 0x20 && r != '\n' && r != '\t' || r >= 0x7f && r <= 0x9f {
			return false
		}
	}
	return utf8.ValidString(s)
}

// StripEscapes removes the 7-bit escape sequences (ESC and what follows,
// the payloads of OSC, DCS and the like included) from b and leaves every
// other byte as it is, so it suits text in any ASCII-compatible encoding
// before it is decoded: a feed whose XML parser would drop the ESC but keep
// "]0;title" as text. It returns b itself when there is nothing to remove.
func StripEscapes(b []byte) []byte {
	i := bytes.IndexByte(b, 0x1b)
	if i < 0 {
		return b
	}
	out := make([]byte, 0, len(b))
	for i >= 0 {
		out = append(out, b[:i]...)
		b = b[i+escapeLen(b[i:]):]
		i = bytes.IndexByte(b, 0x1b)
	}
	return append(out, b...)
}

// text is what the escape scanners read: a string or its bytes.
type text interface{ ~string | ~[]byte }

// escapeLen is the length of the escape sequence at the start of s, which
// begins with ESC.
func escapeLen[T text](s T) int {
	if len(s) < 2 {
		return len(s)
	}
	switch s[1] {
	case '[':
		return 2 + csiLen(s[2:])
	case ']', 'P', '_', '^', 'X':
		return 2 + stringLen(s[2:])
	}
	// Two- and three-byte sequences: ESC, optional intermediates
	// (0x20-0x2f), then one final byte.
	n := 1
	for n < len(s) && s[n] >= 0x20 && s[n] <= 0x2f {
		n++
	}
	if n < len(s) && s[n] >= 0x30 && s[n] <= 0x7e {
		n++
	}
	return n
}

// csiLen is the length of a control sequence's parameters, intermediates and
// final byte.
func csiLen[T text](s T) int {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x40 && c <= 0x7e {
			return i + 1
		}
		if c < 0x20 || c > 0x7e {
			return i // malformed: stop before the odd byte
		}
	}
	return len(s)
}

// stringLen is the length of a control string's payload and terminator
// (BEL, ESC \ or C1 ST). An unterminated string runs to the end of s, so
// its payload never shows.
func stringLen[T text](s T) int {
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case 0x07:
			return i + 1
		case 0x1b:
			if i+1 < len(s) && s[i+1] == '\\' {
				return i + 2
			}
			return i
		case 0xc2:
			if i+1 < len(s) && s[i+1] == 0x9c {
				return i + 2
			}
		}
	}
	return len(s)
}
