package ui

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
)

// highlighter marks the words a search matched in rendered lines. It
// looks for the terms in the text of a line with its escape sequences left
// out, then writes the line again with the same sequences and the
// highlight around each match, so a match that spans several styled spans
// is found and no sequence is cut in two.
type highlighter struct {
	terms [][]rune // lower-cased, words and phrases
	on    string   // the sequence that starts the highlight
}

// newHighlighter returns a highlighter of terms in style st, or nil when
// there is nothing to highlight.
func newHighlighter(terms []string, st lipgloss.Style) *highlighter {
	h := &highlighter{}
	for _, t := range terms {
		if t = strings.Join(strings.Fields(strings.ToLower(t)), " "); t != "" {
			h.terms = append(h.terms, []rune(t))
		}
	}
	if len(h.terms) == 0 {
		return nil
	}
	const probe = "\x00"
	if r := st.Render(probe); strings.Contains(r, probe) {
		h.on = r[:strings.Index(r, probe)]
	}
	if h.on == "" {
		h.on = ansi.SGR(ansi.AttrReverse)
	}
	return h
}

// same reports whether h and o highlight the same terms.
func (h *highlighter) same(o *highlighter) bool {
	if h == nil || o == nil {
		return h == o
	}
	return slices.EqualFunc(h.terms, o.terms, slices.Equal)
}

// lines returns lines with every match highlighted, and the index of the
// first line with a match (-1 for none). Lines without a match are the
// same strings.
func (h *highlighter) lines(lines []string) (out []string, first int) {
	first = -1
	if h == nil {
		return lines, first
	}
	out = make([]string, len(lines))
	for i, l := range lines {
		var ok bool
		if out[i], ok = h.line(l); ok && first < 0 {
			first = i
		}
	}
	return out, first
}

// line highlights the matches in one line and reports whether it had one.
func (h *highlighter) line(s string) (string, bool) {
	if !utf8.ValidString(s) {
		// Renderings are valid UTF-8; a line that is not is left as it
		// is rather than read one way here and another by the terminal.
		return s, false
	}
	var text []string // the line's graphemes, escape sequences left out
	forEachPart(s, func(part string, isText bool) {
		if isText {
			text = append(text, part)
		}
	})
	marked := h.match(text)
	if marked == nil {
		return s, false
	}
	marks := make([]uint8, len(marked))
	for i, ok := range marked {
		if ok {
			marks[i] = 1
		}
	}
	return paint(s, marks, h.on), true
}

// paint writes s again with the graphemes that marks sets (by index among
// the graphemes of s) highlighted: marks[k] chooses the sequence on[k-1]
// that starts the highlight, 0 leaves the grapheme as it is. The style
// sequences of s are kept; after a highlighted run the style in force
// before it is set again, and inside one the highlight wins.
func paint(s string, marks []uint8, on ...string) string {
	level := func(k int) uint8 {
		if k < 0 || k >= len(marks) {
			return 0
		}
		return marks[k]
	}
	var b strings.Builder
	b.Grow(len(s) + 16)
	var sgr []string // the style sequences in force, to restore after a match
	k := 0
	forEachPart(s, func(part string, isText bool) {
		if !isText {
			b.WriteString(part)
			if isSGR(part) {
				switch {
				case isReset(part):
					sgr = sgr[:0]
				case strings.HasPrefix(part, "\x1b[0;"):
					sgr = append(sgr[:0], part)
				default:
					sgr = append(sgr, part)
				}
				if l := level(k); k > 0 && l > 0 && level(k-1) == l {
					b.WriteString(on[l-1]) // inside a match the highlight wins
				}
			}
			return
		}
		l := level(k)
		if l > 0 && level(k-1) != l {
			b.WriteString(on[l-1])
		}
		b.WriteString(part)
		if l > 0 && level(k+1) != l {
			b.WriteString(ansi.ResetStyle)
			b.WriteString(strings.Join(sgr, ""))
		}
		k++
	})
	return b.String()
}

// match returns which graphemes of text a term covers, or nil when none
// does. A term matches at the start of a word, whatever the case, and may
// be the beginning of a longer word (a prefix, as the search matches).
func (h *highlighter) match(text []string) []bool {
	var marked []bool
	lower := make([]rune, len(text)) // the first rune of each grapheme, lower-cased
	for i, g := range text {
		r, _ := utf8.DecodeRuneInString(g)
		lower[i] = unicode.ToLower(r)
	}
	for i := range text {
		if i > 0 && isWordRune(lower[i-1]) || !isWordRune(lower[i]) {
			continue
		}
		for _, t := range h.terms {
			if n := matchAt(lower[i:], t); n > 0 {
				if marked == nil {
					marked = make([]bool, len(text))
				}
				for j := i; j < i+n; j++ {
					marked[j] = true
				}
			}
		}
	}
	return marked
}

// matchAt returns how many graphemes term covers at the start of text, or
// 0 when it does not match there. A space in a phrase matches any run of
// spaces.
func matchAt(text []rune, term []rune) int {
	i := 0
	for j := 0; j < len(term); j++ {
		if term[j] == ' ' {
			if i >= len(text) || !unicode.IsSpace(text[i]) {
				return 0
			}
			for i < len(text) && unicode.IsSpace(text[i]) {
				i++
			}
			continue
		}
		if i >= len(text) || text[i] != term[j] {
			return 0
		}
		i++
	}
	return i
}

// isWordRune reports whether r belongs to a word.
func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)
}

// forEachPart calls f with each grapheme of s (isText) and each escape
// sequence or control character (not isText), in order.
func forEachPart(s string, f func(part string, isText bool)) {
	var state byte
	for len(s) > 0 {
		seq, _, n, next := ansi.DecodeSequence(s, state, nil)
		state = next
		if n <= 0 {
			n = 1
			seq = s[:1]
		}
		f(seq, !isControl(seq))
		s = s[n:]
	}
}

// isControl reports whether a part is an escape sequence or a control
// character rather than text.
func isControl(part string) bool {
	r, _ := utf8.DecodeRuneInString(part)
	return r < 0x20 || r == 0x7f || r >= 0x80 && r < 0xa0
}

// isSGR reports whether seq sets the style of the text that follows.
func isSGR(seq string) bool {
	return strings.HasPrefix(seq, "\x1b[") && strings.HasSuffix(seq, "m")
}

// isReset reports whether an SGR sequence resets every attribute.
func isReset(seq string) bool {
	return seq == "\x1b[m" || seq == "\x1b[0m"
}
