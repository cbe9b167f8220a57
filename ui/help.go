package ui

import (
	"strings"

	"github.com/charmbracelet/x/ansi"
)

// helpGap is the space between two columns of the help view.
const helpGap = 3

// helpItem is one binding in the help view: every key it has, and what
// it does.
type helpItem struct{ keys, desc string }

// keyNames are the keys written as a user sees them on the keyboard.
var keyNames = map[string]string{
	"up": "↑", "down": "↓", "left": "←", "right": "→", "pgdown": "pgdn",
}

// keyLabel writes every key of a binding, as in "esc/backspace/h/←".
// It is built from the keys themselves, so the help view cannot forget
// one that keys.go binds.
func keyLabel(keys []string) string {
	out := make([]string, len(keys))
	for i, k := range keys {
		if n, ok := keyNames[k]; ok {
			k = n
		}
		out[i] = k
	}
	return strings.Join(out, "/")
}

// helpItems is every enabled binding of km, in the order of FullHelp.
func helpItems(km KeyMap) []helpItem {
	var out []helpItem
	for _, group := range km.FullHelp() {
		for _, b := range group {
			if b.Enabled() {
				out = append(out, helpItem{keys: keyLabel(b.Keys()), desc: b.Help().Desc})
			}
		}
	}
	return out
}

// helpColumns splits items into as many columns (filled top to bottom)
// as fit in w cells, one when even two do not; the widths are each
// column's key and description widths.
func helpColumns(items []helpItem, w int) (cols [][]helpItem, keyW, descW []int) {
	for n := len(items); n >= 1; n-- {
		rows := (len(items) + n - 1) / n
		cols, keyW, descW = cols[:0], keyW[:0], descW[:0]
		total := 1 - helpGap // the left margin, less the gap before the first column
		for lo := 0; lo < len(items); lo += rows {
			col := items[lo:min(lo+rows, len(items))]
			kw, dw := 0, 0
			for _, it := range col {
				kw, dw = max(kw, ansi.StringWidth(it.keys)), max(dw, ansi.StringWidth(it.desc))
			}
			cols, keyW, descW = append(cols, col), append(keyW, kw), append(descW, dw)
			total += helpGap + kw + 1 + dw
		}
		if total <= w || n == 1 {
			return cols, keyW, descW
		}
	}
	return nil, nil, nil
}

// queryHelp is the query language of the filter box, for the help view.
var queryHelp = []helpItem{
	{"go rust", "every word; the last as a prefix"},
	{`"an exact phrase"`, "these words in this order"},
	{"-word", "not this word"},
	{"title:go author:ann", "in one field; also feed: source: tag:"},
	{"is:unread", "also is:read, is:starred"},
	{"after:2026-01-01", "also before: the same way"},
	{"newer:7d older:2w", "by age in days or weeks"},
}

// queryLines documents the query language under the keys, when the
// filter box speaks it.
func queryLines(st Styles, w int) []string {
	keyW := 0
	for _, it := range queryHelp {
		keyW = max(keyW, ansi.StringWidth(it.keys))
	}
	lines := []string{"", " " + st.OverlayTitle.Render("Search") + st.help.FullDesc.Render(" (/): qualifiers combine with words")}
	for _, it := range queryHelp {
		lines = append(lines, fit(" "+st.help.FullKey.Render(fit(it.keys, keyW))+"  "+st.help.FullDesc.Render(it.desc), w))
	}
	return lines
}

// helpContent is the lines of the help view below its title at width w,
// with the query language when search is on.
func helpContent(km KeyMap, st Styles, w int, search bool) []string {
	lines := keyLines(km, st, w)
	if search {
		lines = append(lines, queryLines(st, w)...)
	}
	return lines
}

// keyLines is every key of km in columns at width w.
func keyLines(km KeyMap, st Styles, w int) []string {
	cols, keyW, descW := helpColumns(helpItems(km), w)
	if len(cols) == 0 {
		return nil
	}
	lines := make([]string, len(cols[0]))
	for r := range lines {
		var b strings.Builder
		b.WriteString(" ")
		for c, col := range cols {
			if r >= len(col) {
				break
			}
			if c > 0 {
				b.WriteString(strings.Repeat(" ", helpGap))
			}
			b.WriteString(st.help.FullKey.Render(fit(col[r].keys, keyW[c])))
			b.WriteString(" ")
			desc := col[r].desc
			if c < len(cols)-1 {
				desc = fit(desc, descW[c])
			}
			b.WriteString(st.help.FullDesc.Render(desc))
		}
		lines[r] = b.String()
	}
	return lines
}

// helpTop is how many lines the help view's title takes at height h: a
// blank line around it when there is room, the title alone when tight.
func helpTop(h int) int {
	switch {
	case h >= 8:
		return 3
	case h >= 2:
		return 1
	default:
		return 0
	}
}

// helpLines is the help view: exactly h lines of w cells, scrolled by
// off lines when it is longer than the screen.
func (m *Model) helpLines(w, h int) []string {
	content := helpContent(m.keys, m.styles, w, m.searching())
	top := helpTop(h)
	rows := max(0, h-top)
	off := max(0, min(m.overOff, len(content)-rows))
	title := " " + m.styles.OverlayTitle.Render("Keys")
	if len(content) > rows {
		title += m.styles.Muted.Render("  " + strings.Join([]string{
			m.keys.Down.Help().Key, m.keys.Up.Help().Key, m.keys.PageDown.Help().Key,
		}, ", ") + " to scroll")
	}
	var lines []string
	switch top {
	case 3:
		lines = []string{"", title, ""}
	case 1:
		lines = []string{title}
	}
	lines = append(lines, content[off:min(len(content), off+rows)]...)
	return frame(lines, w, h)
}

// overlayPage is how many lines of the help or problems view a page is.
func (m *Model) overlayPage() int {
	h := m.bodyHeight()
	return max(1, h-helpTop(h))
}

// overlayScrollMax is how far the help or problems view scrolls.
func (m *Model) overlayScrollMax() int {
	if m.overlay == overlayHelp {
		return max(0, len(helpContent(m.keys, m.styles, m.width, m.searching()))-m.overlayPage())
	}
	return max(0, m.problems.len()-1)
}

// scrollOverlay scrolls the help or problems view by delta lines.
func (m *Model) scrollOverlay(delta int) {
	m.overOff = max(0, min(m.overOff+delta, m.overlayScrollMax()))
}
