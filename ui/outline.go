package ui

import (
	"regexp"
	"strings"
	"unicode/utf8"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"newsread/articles"
)

const outlineTop = 3 // lines the outline's title takes above its rows

// heading is one heading of an article's markdown.
type heading struct {
	level int // 1 for #, 6 for ######
	text  string
}

var (
	headingLink = regexp.MustCompile(`!?\[([^\]]*)\]\([^)]*\)`)
	mdMarks     = strings.NewReplacer("**", "", "__", "", "*", "", "`", "", "~~", "")
	atxClose    = regexp.MustCompile(`\s+#+\s*$`)
)

// outlineOf lists the headings of markdown md in order: ATX headings
// (# to ######) and setext ones (a line underlined with === or ---),
// none inside a fenced code block. Their text is what the reader shows:
// links are their text, emphasis marks go.
func outlineOf(md string) []heading {
	var out []heading
	var fences articles.Fences
	var prev string
	for line := range strings.SplitSeq(md, "\n") {
		if fences.Code(line) {
			prev = ""
			continue
		}
		t := strings.TrimSpace(line)
		switch {
		case strings.HasPrefix(line, "    "), strings.HasPrefix(line, "\t"):
			// An indented code block, or a paragraph's continuation.
		case strings.HasPrefix(t, "#"):
			level := len(t) - len(strings.TrimLeft(t, "#"))
			rest := t[level:]
			if level <= 6 && (rest == "" || rest[0] == ' ' || rest[0] == '\t') {
				if text := headingText(atxClose.ReplaceAllString(" "+rest, "")); text != "" {
					out = append(out, heading{level: level, text: text})
				}
				prev = ""
				continue
			}
		case prev != "" && t != "" && strings.Trim(t, "=") == "":
			out = append(out, heading{level: 1, text: headingText(prev)})
			prev = ""
			continue
		case prev != "" && len(t) >= 2 && strings.Trim(t, "-") == "":
			out = append(out, heading{level: 2, text: headingText(prev)})
			prev = ""
			continue
		}
		prev = t
		if strings.HasPrefix(t, "- ") || strings.HasPrefix(t, "* ") || strings.HasPrefix(t, ">") {
			prev = "" // a list item or a quote is no setext heading
		}
	}
	return out
}

// headingText is the text of a heading as shown: links as their text,
// no emphasis marks, spaces as one.
func headingText(s string) string {
	s = headingLink.ReplaceAllString(s, "$1")
	return strings.Join(strings.Fields(mdMarks.Replace(s)), " ")
}

// headingLines finds each heading in the rendered text, in order, each
// after the one before: the line where it starts, or -1 when it is not
// there (in the part of a long story not rendered yet). A heading starts
// on a line whose words, the #s glamour writes before them left out,
// begin its words, as a heading wrapped over several lines does.
func headingLines(hs []heading, text []lineText) []int {
	out := make([]int, len(hs))
	from := 0
	for i, h := range hs {
		out[i] = -1
		want := strings.Fields(strings.ToLower(h.text))
		for l := from; l < len(text) && len(want) > 0; l++ {
			if startsHeading(text[l].lower, want) {
				out[i], from = l, l+1
				break
			}
		}
	}
	return out
}

// startsHeading reports whether the line's words are the first words of
// a heading's words want.
func startsHeading(line []rune, want []string) bool {
	// Most lines are not a heading: their first letter tells, without
	// making words of them.
	i := 0
	for i < len(line) && (line[i] == ' ' || line[i] == '#') {
		i++
	}
	if first, _ := utf8.DecodeRuneInString(want[0]); i == len(line) || line[i] != first {
		return false
	}
	words := strings.Fields(string(line))
	for len(words) > 0 && strings.Trim(words[0], "#") == "" {
		words = words[1:]
	}
	if len(words) == 0 || len(words) > len(want) {
		return false
	}
	for i, w := range words {
		if w != want[i] {
			return false
		}
	}
	return true
}

// outline is the overlay that lists the headings of the article in the
// reader.
type outline struct {
	items []heading
	lines []int // where each heading is in the rendering, -1 not yet
	menu
	least int // the smallest level, drawn without indent
}

// openOutline lists the headings of the article in the reader, with the
// cursor on the one being read.
func (m *Model) openOutline() tea.Cmd {
	r := &m.reader
	if r.entry == nil || r.lines == nil {
		return nil
	}
	hs := outlineOf(r.article.Body)
	if len(hs) == 0 {
		return m.say("no headings in this article")
	}
	o := outline{items: hs, lines: headingLines(hs, r.lineTexts()), least: 6}
	top := r.vp.YOffset()
	for i, h := range hs {
		o.least = min(o.least, h.level)
		if l := o.lines[i]; l >= 0 && l <= top {
			o.cursor = i
		}
	}
	o.move(0, m.bodyHeight()-outlineTop, len(o.items))
	m.inside.outline = o
	m.overlay = overlayOutline
	return nil
}

// draw draws the outline: exactly h lines of w cells.
func (o *outline) draw(w, h int, st Styles) []string {
	lines := []string{"", " " + st.OverlayTitle.Render("Outline · "+plural(len(o.items), "heading")), ""}
	rows := max(0, h-outlineTop)
	off := max(min(o.offset, o.cursor), o.cursor-rows+1, 0)
	for i := off; i < len(o.items) && i < off+rows; i++ {
		it := o.items[i]
		row := " " + strings.Repeat("  ", it.level-o.least) + clean(it.text) + " "
		if i == o.cursor {
			row = st.Selected.Render(fit(row, w))
		}
		lines = append(lines, row)
	}
	return frame(lines, w, h)
}

// outlineKey handles a key over the outline.
func (m *Model) outlineKey(k tea.KeyPressMsg) tea.Cmd {
	o := &m.inside.outline
	rows := m.bodyHeight() - outlineTop
	switch {
	case key.Matches(k, m.keys.Choose):
		m.overlay = overlayNone
		return m.jumpTo(o.cursor)
	case key.Matches(k, m.keys.Back, m.keys.Quit, m.keys.Outline):
		m.overlay = overlayNone
	default:
		if d, ok := m.keys.menuStep(k, rows, len(o.items)); ok {
			o.move(d, rows, len(o.items))
		}
	}
	return nil
}

// jumpTo puts heading i of the outline at the top of the reader; when it
// is in the part of a long story still being rendered, as soon as that
// part is.
func (m *Model) jumpTo(i int) tea.Cmd {
	r := &m.reader
	o := &m.inside.outline
	if i < 0 || i >= len(o.items) {
		return nil
	}
	if l := o.lines[i]; l >= 0 {
		r.anchor, r.seekHeading = nil, 0
		r.vp.SetYOffset(l)
		r.noteEnd()
		return nil
	}
	if !r.complete {
		r.seekHeading = i + 1
		return m.say("going to “" + o.items[i].text + "” once it is rendered")
	}
	return m.say("“" + o.items[i].text + "” is not in the rendered text")
}

// seekPending puts the heading asked for before it was rendered at the
// top, once the whole story is.
func (r *readerPane) seekPending() {
	if r.seekHeading == 0 || !r.complete {
		return
	}
	hs := outlineOf(r.article.Body)
	lines := headingLines(hs, r.lineTexts())
	if i := r.seekHeading - 1; i < len(lines) && lines[i] >= 0 {
		r.anchor = nil
		r.vp.SetYOffset(lines[i])
		r.noteEnd()
	}
	r.seekHeading = 0
}
