package ui

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
)

// lineText is the text of one rendered line as find reads it: the first
// rune of each grapheme, escape sequences left out, as written and
// lower-cased. Grapheme k here is grapheme k of the line, so a match is
// painted where it was found.
type lineText struct {
	runes, lower []rune
}

// textOf reads the text of rendered lines.
func textOf(lines []string) []lineText {
	out := make([]lineText, len(lines))
	for i, l := range lines {
		out[i] = textOfLine(l)
	}
	return out
}

func textOfLine(s string) lineText {
	if !utf8.ValidString(s) {
		return lineText{} // as the highlighter: such a line is left alone
	}
	var t lineText
	if isPlainASCII(s) {
		// Most lines of a story hold no escape sequence at all in the
		// plain styles, and few outside ASCII in any: no decoding needed.
		t.runes = []rune(s)
	} else {
		t.runes = make([]rune, 0, len(s))
		forEachPart(s, func(part string, isText bool) {
			if isText {
				r, _ := utf8.DecodeRuneInString(part)
				t.runes = append(t.runes, r)
			}
		})
	}
	t.lower = make([]rune, len(t.runes))
	for i, r := range t.runes {
		t.lower[i] = unicode.ToLower(r)
	}
	return t
}

// isPlainASCII reports whether s is printable ASCII only, where each byte
// is a grapheme.
func isPlainASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= 0x7f {
			return false
		}
	}
	return true
}

// findMatch is one occurrence: graphemes [start, end) of a line.
type findMatch struct{ line, start, end int }

// finder is a search inside the article on screen, as less's /: every
// occurrence of the query in the rendered text, and which one is current.
// Case is ignored unless the query has a capital letter (smart case, as
// in vim and ripgrep). An occurrence lies within one line: a phrase cut
// by the wrapping is not found.
type finder struct {
	query   string
	pattern []rune
	exact   bool // the query has a capital: case matters
	matches []findMatch
	cur     int // index in matches, -1 when there are none
	origin  int // the scroll offset when the prompt opened, for esc
}

// newFinder returns a finder of query, with no matches yet.
func newFinder(query string, origin int) *finder {
	f := &finder{query: query, cur: -1, origin: origin}
	for _, part := range graphemes(query) {
		r, _ := utf8.DecodeRuneInString(part)
		f.exact = f.exact || unicode.IsUpper(r)
		f.pattern = append(f.pattern, r)
	}
	if !f.exact {
		for i, r := range f.pattern {
			f.pattern[i] = unicode.ToLower(r)
		}
	}
	return f
}

// graphemes splits s into its graphemes, control characters left out.
func graphemes(s string) []string {
	var out []string
	forEachPart(s, func(part string, isText bool) {
		if isText {
			out = append(out, part)
		}
	})
	return out
}

// search finds every occurrence in text, left to right, not overlapping.
func (f *finder) search(text []lineText) {
	f.matches = f.matches[:0]
	p := f.pattern
	if len(p) == 0 {
		return
	}
	first := p[0]
	for i, t := range text {
		rs := t.lower
		if f.exact {
			rs = t.runes
		}
		for j := 0; j+len(p) <= len(rs); j++ {
			if rs[j] != first || !runesAt(rs[j:], p) {
				continue
			}
			f.matches = append(f.matches, findMatch{line: i, start: j, end: j + len(p)})
			j += len(p) - 1
		}
	}
}

func runesAt(rs, p []rune) bool {
	for k, r := range p {
		if rs[k] != r {
			return false
		}
	}
	return true
}

// firstFrom returns the index of the first match on line or below it,
// wrapping to the first of all when none is; -1 when there are none.
func (f *finder) firstFrom(line int) int {
	if len(f.matches) == 0 {
		return -1
	}
	i := sort.Search(len(f.matches), func(i int) bool { return f.matches[i].line >= line })
	if i == len(f.matches) {
		return 0
	}
	return i
}

// status is the find's word in the status line: “word” 3/17, with a +
// while the rest of the story is still being rendered.
func (f *finder) status(complete bool) string {
	more := ""
	if !complete {
		more = "+"
	}
	q := "“" + f.query + "”"
	if len(f.matches) == 0 {
		return q + " not found" + more
	}
	return q + " " + commas(f.cur+1) + "/" + commas(len(f.matches)) + more
}

// startFind begins a find of query from the scroll offset origin.
func (r *readerPane) startFind(query string, origin int) {
	r.find = newFinder(query, origin)
	r.find.search(r.lineTexts())
	r.find.cur = r.find.firstFrom(origin)
	r.reveal()
}

// endFind ends the find; its highlights go.
func (r *readerPane) endFind() {
	r.find = nil
}

// findStep makes the next (1) or previous (-1) match current and puts it
// on screen. It reports whether it went round the end of the story.
func (r *readerPane) findStep(delta int) (wrapped bool) {
	f := r.find
	if f == nil || len(f.matches) == 0 {
		return false
	}
	n := len(f.matches)
	next := f.cur + delta
	wrapped = next < 0 || next >= n
	f.cur = (next + n) % n
	r.reveal()
	return wrapped
}

// refind finds again in a new rendering of the article (another width,
// the rest of a long story): the current match keeps its number, so after
// a resize it is the same occurrence, and stays on screen.
func (r *readerPane) refind() {
	f := r.find
	if f == nil {
		return
	}
	f.search(r.lineTexts())
	switch {
	case len(f.matches) == 0:
		f.cur = -1
		return
	case f.cur < 0:
		f.cur = f.firstFrom(r.vp.YOffset())
	default:
		f.cur = min(f.cur, len(f.matches)-1)
	}
	r.reveal()
}

// reveal scrolls the current match on screen if it is not, matchLead
// lines below the top so the line before it gives its context.
func (r *readerPane) reveal() {
	f := r.find
	if f == nil || f.cur < 0 {
		return
	}
	line := f.matches[f.cur].line
	if top := r.vp.YOffset(); line >= top && line < top+r.vp.Height() {
		return
	}
	r.anchor = nil
	r.vp.SetYOffset(max(0, line-matchLead))
	r.noteEnd()
}

// lineTexts is the text of the lines on screen, read once per rendering.
func (r *readerPane) lineTexts() []lineText {
	if r.text == nil {
		r.text = textOf(r.lines)
	}
	return r.text
}

// findLines returns the lines of the viewport with the find's matches
// painted: the current one in cur, the others in other.
func (r *readerPane) findLines(other, cur lipgloss.Style) []string {
	off, h := r.vp.YOffset(), r.vp.Height()
	end := min(len(r.lines), off+h)
	if off >= end {
		return nil
	}
	out := make([]string, end-off)
	copy(out, r.lines[off:end])
	f := r.find
	text := r.lineTexts()
	on := []string{styleStart(other), styleStart(cur)}
	i := sort.Search(len(f.matches), func(i int) bool { return f.matches[i].line >= off })
	for i < len(f.matches) && f.matches[i].line < end {
		line := f.matches[i].line
		marks := make([]uint8, len(text[line].runes))
		for ; i < len(f.matches) && f.matches[i].line == line; i++ {
			m := f.matches[i]
			level := uint8(1)
			if i == f.cur {
				level = 2
			}
			for k := m.start; k < m.end; k++ {
				marks[k] = level
			}
		}
		out[line-off] = paint(r.lines[line], marks, on...)
	}
	return out
}

// styleStart is the escape sequence that starts text in st; reverse video
// when st sets nothing visible.
func styleStart(st lipgloss.Style) string {
	const probe = "\x00"
	if s := st.Render(probe); strings.Contains(s, probe) {
		if on := s[:strings.Index(s, probe)]; on != "" {
			return on
		}
	}
	return ansi.SGR(ansi.AttrReverse)
}
