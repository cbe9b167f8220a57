package ui

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
)

// lineText is the text of one rendered line as find reads it: its runes,
// escape sequences and control characters left out, as written and
// lower-cased. Matches are found in runes and painted on the graphemes
// that hold them.
type lineText struct {
	runes, lower []rune
}

// textCacheSize is how many renderings keep their text for find: a
// story's text takes about twice its rendering, so only the latest few,
// enough for a resize back and forth.
const textCacheSize = 4

// renderedText is the text of the lines of a rendering, and the
// rendering it was read from.
type renderedText struct {
	content string
	text    []lineText
}

// withText adds the text of the rendering to the message of a render
// command, and keeps that of a whole one for when it comes from the
// cache.
func (r *renderer) withText(cmd func() tea.Msg) tea.Cmd {
	return func() tea.Msg {
		msg := cmd().(renderedMsg)
		if msg.err != nil {
			return msg
		}
		if t, ok := r.texts.get(msg.key); ok && t.content == msg.content {
			msg.text = t.text
			return msg
		}
		msg.text = textOf(strings.Split(msg.content, "\n"))
		if msg.complete {
			r.texts.put(msg.key, renderedText{content: msg.content, text: msg.text})
		}
		return msg
	}
}

// textFor is the text of the rendering content for key, if it was kept;
// nil otherwise, and then it is read when find first needs it.
func (r *renderer) textFor(key renderKey, content string) []lineText {
	if t, ok := r.texts.get(key); ok && t.content == content {
		return t.text
	}
	return nil
}

// textOf reads the text of rendered lines. The runes of every line
// share two arrays, so a long story costs a few allocations, not two a
// line.
func textOf(lines []string) []lineText {
	size := 0
	for _, l := range lines {
		size += len(l)
	}
	// Styled text is mostly escape sequences: a third of the bytes is
	// room enough for the runes most of the time, and append finds more
	// when not.
	runes := make([]rune, 0, size/3)
	ends := make([]int, len(lines))
	for i, l := range lines {
		runes = appendText(runes, l)
		ends[i] = len(runes)
	}
	lower := lowerRunes(runes)
	out := make([]lineText, len(lines))
	start := 0
	for i, end := range ends {
		out[i] = lineText{runes: runes[start:end:end], lower: lower[start:end:end]}
		start = end
	}
	return out
}

// textOfLine is the text of one line.
func textOfLine(s string) lineText {
	runes := appendText(nil, s)
	return lineText{runes: runes, lower: lowerRunes(runes)}
}

// appendText appends the runes of the text of line s to dst. It reads
// the line a run between two escape sequences at a time rather than
// grapheme by grapheme: the whole of a long story is read at the first
// key of a find, and this is what keeps that key quick.
func appendText(dst []rune, s string) []rune {
	if !utf8.ValidString(s) {
		return dst // as the highlighter: such a line is left alone
	}
	for len(s) > 0 {
		run := s
		if j := strings.IndexByte(s, 0x1b); j >= 0 {
			run = s[:j]
		}
		for i := 0; i < len(run); {
			c := run[i]
			switch {
			case c < 0x20 || c == 0x7f:
				i++
			case c < utf8.RuneSelf:
				dst = append(dst, rune(c))
				i++
			default:
				r, size := utf8.DecodeRuneInString(run[i:])
				if r >= 0xa0 { // C1 controls are no text either
					dst = append(dst, r)
				}
				i += size
			}
		}
		s = s[len(run):]
		if len(s) > 0 {
			s = s[escapeLen(s):]
		}
	}
	return dst
}

// lowerRunes is runes lower-cased, one for one.
func lowerRunes(runes []rune) []rune {
	lower := make([]rune, len(runes))
	for i, r := range runes {
		switch {
		case r >= 'A' && r <= 'Z':
			lower[i] = r + 'a' - 'A'
		case r < utf8.RuneSelf:
			lower[i] = r
		default:
			lower[i] = unicode.ToLower(r)
		}
	}
	return lower
}

// escapeLen is the length of the escape sequence at the start of s: CSI
// up to its final byte, OSC and the other strings up to BEL or ST, else
// ESC and the byte after it.
func escapeLen(s string) int {
	if len(s) < 2 {
		return len(s)
	}
	switch s[1] {
	case '[':
		for j := 2; j < len(s); j++ {
			if s[j] >= 0x40 && s[j] <= 0x7e {
				return j + 1
			}
		}
		return len(s)
	case ']', 'P', '_', '^', 'X':
		for j := 2; j < len(s); j++ {
			switch {
			case s[j] == 0x07:
				return j + 1
			case s[j] == 0x1b && j+1 < len(s) && s[j+1] == '\\':
				return j + 2
			}
		}
		return len(s)
	}
	return 2
}

// findMatch is one occurrence: runes [start, end) of a line's text.
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
	f.pattern = textOfLine(query).runes
	for _, r := range f.pattern {
		f.exact = f.exact || unicode.IsUpper(r)
	}
	if !f.exact {
		for i, r := range f.pattern {
			f.pattern[i] = unicode.ToLower(r)
		}
	}
	return f
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
		out[line-off] = paint(r.lines[line], graphemeMarks(r.lines[line], marks), on...)
	}
	return out
}

// graphemeMarks turns marks by rune of a line's text into marks by
// grapheme, as paint takes them: a grapheme is marked as its most marked
// rune.
func graphemeMarks(line string, runeMarks []uint8) []uint8 {
	var out []uint8
	k := 0
	forEachPart(line, func(part string, isText bool) {
		if !isText {
			return
		}
		var level uint8
		for range utf8.RuneCountInString(part) {
			if k < len(runeMarks) {
				level = max(level, runeMarks[k])
			}
			k++
		}
		out = append(out, level)
	})
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
