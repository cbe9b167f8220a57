package ui

import (
	"math"
	"strconv"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"newsread/articles"
)

// View draws the screen in the alternate screen with mouse wheel reporting.
func (m *Model) View() tea.View {
	v := tea.NewView(m.screen())
	m.firstScreenDrawn()
	v.AltScreen = true
	v.MouseMode = tea.MouseModeCellMotion
	return v
}

// firstScreenDrawn calls Options.FirstScreen once the screen holds
// articles, or once every source has loaded without any.
func (m *Model) firstScreenDrawn() {
	if m.firstScreen == nil || m.width <= 0 || len(m.list.all) == 0 && !m.loaded {
		return
	}
	f := m.firstScreen
	m.firstScreen = nil
	f()
}

// screen is the whole screen: exactly height lines of width cells.
func (m *Model) screen() string {
	w, h := m.width, m.height
	if w <= 0 || h <= 0 {
		return ""
	}
	lines := m.body(w, m.bodyHeight())
	if fl := footerLines(h); fl >= 1 {
		lines = append(lines, fit(m.statusLine(), w))
		if fl >= 2 {
			lines = append(lines, fit(m.help.ShortHelpView(m.shortHelp()), w))
		}
	}
	return strings.Join(lines, "\n")
}

// body draws the panes, or the help or problems view over them.
func (m *Model) body(w, h int) []string {
	switch {
	case m.overlay == overlayHelp:
		return m.helpLines(w, h)
	case m.overlay == overlayProblems:
		return m.problemLines(w, h)
	case m.overlay == overlayPicker:
		return m.picker.lines(w, h, m.styles)
	case m.overlay == overlayLinks:
		return m.links.lines(w, h, m.styles)
	case m.overlay == overlayOutline:
		return m.inside.outline.draw(w, h, m.styles)
	case m.wide():
		lw, rw := m.listWidth(), m.readerWidth()
		left, right := m.listLines(lw, h), m.readerLines(rw, h)
		sep := m.styles.Separator.Render(m.styles.separatorRune)
		for i := range left {
			left[i] += sep + right[i]
		}
		return left
	case m.focus == focusReader:
		return m.readerLines(w, h)
	default:
		return m.listLines(w, h)
	}
}

// readerLines draws the reader pane: exactly h lines of w cells.
func (m *Model) readerLines(w, h int) []string {
	margin := min(m.readingMargin(), w)
	lines := m.reader.draw(w-margin, h, m.styles)
	if margin > 0 {
		pad := strings.Repeat(" ", margin)
		for i, l := range lines {
			lines[i] = fit(pad+l, w)
		}
	}
	return lines
}

// listLines draws the list pane: exactly h lines of w cells.
func (m *Model) listLines(w, h int) []string {
	return m.list.draw(w, h, look{st: m.styles, now: m.now(), focused: m.focus == focusList || !m.wide(), loaded: m.loaded,
		marks: m.store != nil, columns: m.columns})
}

// statusLine is the progress, the count, the problems and the position.
func (m *Model) statusLine() string {
	st := m.styles
	total := len(m.list.all)
	shown := commas(len(m.list.view())) + "/" + commas(total)
	narrow := ""
	if m.list.narrow.kind != narrowNone {
		narrow = " · " + m.list.narrow.label()
	}
	if m.search.naming {
		return st.FilterPrompt.Render(" save search as: ") + m.search.name.View()
	}
	if m.inside.prompt != promptNone {
		return m.promptLine()
	}
	if m.filtering {
		line := st.FilterPrompt.Render(" /") + m.input.View()
		if m.search.err != "" {
			// The error first: it is what the user must see to go on.
			line += "  " + st.Warning.Render(m.search.err)
		}
		line += st.Status.Render("  " + shown + " match" + narrow)
		if m.searching() {
			line += st.Status.Render(" · " + strings.Join(m.searchStatus(), " · "))
		}
		return line
	}
	parts := progressText(m.progress)
	switch {
	case m.list.query != "":
		parts = append(parts, shown+" match “"+m.list.query+"”")
	case m.list.filtered():
		parts = append(parts, shown)
	default:
		parts = append(parts, plural(total, "article"))
	}
	if m.store != nil {
		parts = append(parts, commas(m.list.unread)+" unread")
	}
	if narrow != "" {
		parts = append(parts, m.list.narrow.label())
	}
	if m.list.hideRead {
		parts = append(parts, "read hidden")
	}
	parts = append(parts, m.searchStatus()...)
	parts = append(parts, m.findStatus()...)
	left := st.Status.Render(" " + strings.Join(parts, " · "))
	if m.search.err != "" && m.list.query != "" {
		left += st.Status.Render(" · ") + st.Warning.Render(m.search.err)
	}
	if m.notice != "" {
		left += st.Status.Render(" · ") + st.Warning.Render(m.notice)
	}
	if n := m.problems.len(); n > 0 {
		left += st.Status.Render(" · ") + st.Warning.Render(plural(n, "problem")+" — "+m.keys.Problems.Help().Key+" to list")
	}
	right := ""
	if m.reader.lines != nil && (m.wide() || m.focus == focusReader) && m.overlay == overlayNone {
		right = st.Status.Render(strconv.Itoa(int(math.Round(m.reader.vp.ScrollPercent()*100))) + "% ")
		if v := m.versionLabel(); v != "" {
			right = st.Status.Render(v+" · ") + right
		}
	}
	gap := m.width - ansi.StringWidth(left) - ansi.StringWidth(right)
	if gap < 1 {
		return left
	}
	return left + strings.Repeat(" ", gap) + right
}

// shortHelp is the help line for the current mode.
func (m *Model) shortHelp() []key.Binding {
	switch {
	case m.search.naming:
		return m.keys.nameHelp()
	case m.filtering:
		return m.keys.filterHelp()
	case m.inside.prompt != promptNone:
		return m.keys.nameHelp()
	case m.overlay == overlayOutline:
		return m.keys.pickerHelp()
	case m.overlay == overlayPicker:
		return m.keys.pickerHelp()
	case m.overlay == overlayLinks:
		return m.keys.linksHelp()
	case m.overlay != overlayNone:
		return m.keys.overlayHelp()
	case m.focus == focusReader && m.reader.find != nil:
		return m.keys.findHelp()
	case m.focus == focusReader:
		return m.keys.readerHelp()
	default:
		return m.keys.ShortHelp()
	}
}

// problemLines lists the inputs that could not be used.
func (m *Model) problemLines(w, h int) []string {
	lines := []string{"", " " + m.styles.OverlayTitle.Render(plural(m.problems.len(), "problem")), ""}
	if m.problems.len() == 0 {
		lines = append(lines, m.styles.Muted.Render(" Everything loaded without problems."))
	}
	for _, p := range m.problems.items[min(m.overOff, m.problems.len()):] {
		if len(lines) >= h {
			break
		}
		lines = append(lines, " "+m.styles.Warning.Render(articles.CleanLine(p.Where))+"  "+articles.CleanLine(p.Err.Error()))
	}
	return frame(lines, w, h)
}

// frame fits lines into exactly h lines of w cells.
func frame(lines []string, w, h int) []string {
	out := make([]string, h)
	for i := range out {
		s := ""
		if i < len(lines) {
			s = lines[i]
		}
		out[i] = fit(s, w)
	}
	return out
}

// plural is "1 problem", "3 problems".
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return commas(n) + " " + noun + "s"
}

// commas writes n with thousands separators: 12,345.
func commas(n int) string {
	s := strconv.Itoa(n)
	if n < 0 {
		return "-" + commas(-n)
	}
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return b.String()
}
