package ui

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"newsread/articles"
)

const (
	// firstPartBytes bounds how much markdown the first screen of a long
	// story renders before the rest: about as many bytes as the screen has
	// cells (prose renders about a cell a byte, margins and blank lines
	// only add), and never less than minFirstPart, so a screen is full
	// and quick to render (12 KiB take 12 ms, 4 KiB 4 ms).
	firstPartBytes = 12 << 10
	minFirstPart   = 4 << 10
	// splitAbove is the length under which a story is rendered whole at once.
	splitAbove = 16 << 10
)

// firstPart cuts md at the first paragraph boundary outside a code fence
// after enough markdown for a screen of the given cells (see
// firstPartBytes). more reports whether anything was cut off.
func firstPart(md string, cells int) (head string, more bool) {
	if len(md) <= splitAbove {
		return md, false
	}
	enough := min(max(cells, minFirstPart), firstPartBytes)
	var fences articles.Fences
	pos := 0
	for pos < len(md) {
		end := strings.IndexByte(md[pos:], '\n')
		if end < 0 {
			break
		}
		line := md[pos : pos+end]
		next := pos + end + 1
		if !fences.Code(line) && pos >= enough && strings.TrimSpace(line) == "" {
			return md[:pos], true
		}
		pos = next
	}
	return md, false
}

const (
	// partBytes is the size of the parts a story is rendered in. Glamour
	// cannot be interrupted, so a rendering nobody wants any more stops
	// between parts; no part takes long.
	partBytes = 16 << 10
	// maxLineBytes is where a part is cut when no line ends: a story of
	// one huge line is still rendered in parts.
	maxLineBytes = 64 << 10
	// maxBodyBytes is how much of a story is rendered at all; the rest is
	// named, not shown.
	maxBodyBytes = 4 << 20
	// maxTableColumns and maxTableCells bound a table: every row of a GFM
	// table is padded to its delimiter row's columns, so a few kilobytes
	// of pipes make millions of cells.
	maxTableColumns = 64
	maxTableCells   = 4096
)

// parts cuts md into pieces of about partBytes at paragraph boundaries
// outside code fences (see firstPart); a stretch without one is cut at a
// line end, and a line longer than maxLineBytes inside itself.
func parts(md string) []string {
	var out []string
	for len(md) > 0 {
		head, more := cutPart(md, partBytes)
		out = append(out, head)
		if !more {
			break
		}
		md = md[len(head):]
	}
	return out
}

// cutPart returns the first part of md: up to the first paragraph
// boundary outside a fence after size bytes, or failing that within
// maxLineBytes, the last line end, or failing that a cut at a rune.
func cutPart(md string, size int) (head string, more bool) {
	if len(md) <= size {
		return md, false
	}
	var fences articles.Fences
	pos, lastEnd := 0, 0
	for pos < len(md) {
		end := strings.IndexByte(md[pos:], '\n')
		if end < 0 {
			end = len(md) - pos
		}
		line := md[pos : pos+end]
		next := min(pos+end+1, len(md))
		if !fences.Code(line) && pos >= size && pos > 0 && strings.TrimSpace(line) == "" {
			return md[:pos], true
		}
		if next > size+maxLineBytes {
			if lastEnd > 0 {
				return md[:lastEnd], true
			}
			cut := size + maxLineBytes
			for cut > 0 && !utf8.RuneStart(md[cut]) {
				cut--
			}
			return md[:cut], true
		}
		if next < len(md) || md[len(md)-1] == '\n' {
			lastEnd = next
		}
		pos = next
	}
	return md, false
}

// prepare makes untrusted markdown safe and cheap to render: control
// characters go (the articles package removes them already; this is the
// last line before the terminal), character references to control
// characters become U+FFFD (glamour unescapes text, so &#27; would be a
// raw ESC), and tables are bounded.
func prepare(md string) string {
	md = strings.ReplaceAll(md, "\r\n", "\n")
	md = strings.Map(func(r rune) rune {
		switch {
		case r == '\n' || r == '\t':
			return r
		case r == '\r':
			return '\n'
		case unicode.IsControl(r):
			return -1
		}
		return r
	}, md)
	if strings.Contains(md, "&#") {
		md = controlRef.ReplaceAllStringFunc(md, func(ref string) string {
			if isControlRef(ref) {
				return "&#xFFFD;"
			}
			return ref
		})
	}
	if strings.Contains(md, "|") {
		md = boundTables(md)
	}
	return md
}

// controlRef matches numeric character references, with or without the
// semicolon (html.UnescapeString takes both).
var controlRef = regexp.MustCompile(`&#(?:[xX][0-9a-fA-F]+|[0-9]+);?`)

// isControlRef reports whether the numeric reference ref names a control
// character (or no valid character at all).
func isControlRef(ref string) bool {
	digits := strings.TrimSuffix(strings.TrimPrefix(ref, "&#"), ";")
	base := 10
	if digits[0] == 'x' || digits[0] == 'X' {
		digits, base = digits[1:], 16
	}
	n, err := strconv.ParseUint(digits, base, 32)
	if err != nil || n > unicode.MaxRune {
		return true
	}
	return unicode.IsControl(rune(n)) && n != '\n' && n != '\t'
}

// boundTables keeps every table within maxTableColumns and maxTableCells:
// a wider delimiter row is escaped, so it is text and no table, and rows
// past the cells are left out with a line that says how many.
func boundTables(md string) string {
	lines := strings.SplitAfter(md, "\n")
	var b strings.Builder
	b.Grow(len(md))
	var fences articles.Fences // code, no table
	for i := 0; i < len(lines); i++ {
		line := strings.TrimRight(lines[i], "\n")
		cols := 0
		if !fences.Code(line) {
			cols = delimiterColumns(lines[i])
		}
		if cols == 0 {
			b.WriteString(lines[i])
			continue
		}
		if cols > maxTableColumns {
			indent := len(lines[i]) - len(strings.TrimLeft(lines[i], " >"))
			b.WriteString(lines[i][:indent] + `\` + lines[i][indent:])
			continue
		}
		b.WriteString(lines[i])
		rows, end := 0, i+1
		for end < len(lines) && strings.TrimSpace(strings.TrimLeft(lines[end], " >")) != "" {
			end++
		}
		maxRows := maxTableCells / cols
		for j := i + 1; j < end; j++ {
			if rows < maxRows {
				b.WriteString(lines[j])
			}
			rows++
		}
		if rows > maxRows {
			fmt.Fprintf(&b, "\n*(%s not shown)*\n\n", plural(rows-maxRows, "more table row"))
		}
		i = end - 1
	}
	return b.String()
}

// delimiterColumns returns the number of columns of a GFM table delimiter
// row (like |---|:--:|), or 0 when line is not one.
func delimiterColumns(line string) int {
	t := strings.TrimSpace(strings.TrimLeft(line, " >"))
	if !strings.Contains(t, "-") || !strings.Contains(t, "|") && !strings.Contains(t, ":") {
		return 0
	}
	for _, r := range t {
		switch r {
		case '|', '-', ':', ' ', '\t':
		default:
			return 0
		}
	}
	t = strings.Trim(t, "| \t")
	return strings.Count(t, "|") + 1
}
