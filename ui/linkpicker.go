package ui

import (
	"strconv"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
)

// linkTextMax is the widest the text column of the link picker gets,
// so the targets stay in view.
const linkTextMax = 40

// linkPicker is the overlay that lists an article's numbered links (or
// its enclosures, when play is set): enter hands the chosen one to the
// browser (the player), y copies it, a number typed moves to it.
type linkPicker struct {
	links []Link
	menu
	digits string // the number being typed
	play   bool
}

// newLinkPicker lists links with the cursor on the first.
func newLinkPicker(links []Link, play bool) linkPicker {
	return linkPicker{links: links, play: play}
}

// digit adds d to the number being typed and moves to the link it
// names; a number no link has starts again from d.
func (p *linkPicker) digit(d string, rows int) {
	for _, typed := range []string{p.digits + d, d} {
		n, _ := strconv.Atoi(typed)
		for i, l := range p.links {
			if l.N == n {
				p.digits = typed
				p.move(i-p.cursor, rows, len(p.links))
				return
			}
		}
	}
	p.digits = ""
}

// chosen is the link under the cursor.
func (p *linkPicker) chosen() (Link, bool) {
	if len(p.links) == 0 {
		return Link{}, false
	}
	return p.links[p.cursor], true
}

// lines draws the picker: exactly h lines of w cells. Only the rows on
// screen are drawn, whatever the number of links.
func (p *linkPicker) lines(w, h int, st Styles) []string {
	title := plural(len(p.links), "link")
	if p.play {
		title = plural(len(p.links), "enclosure")
	}
	head := " " + st.OverlayTitle.Render(title)
	if p.digits != "" {
		head += st.Muted.Render("  number " + p.digits)
	}
	lines := []string{"", head, ""}
	numW := len(strconv.Itoa(len(p.links))) + 2
	textW := 0
	for _, l := range p.links {
		textW = max(textW, ansi.StringWidth(linkLabel(l)))
		if textW >= linkTextMax {
			break
		}
	}
	textW = max(0, min(textW, linkTextMax, (w-numW-3)/2))
	rows := max(0, h-pickerTop)
	off := max(min(p.offset, p.cursor), p.cursor-rows+1, 0)
	for i := off; i < len(p.links) && i < off+rows; i++ {
		l := p.links[i]
		num := fitRight("["+strconv.Itoa(l.N)+"]", numW)
		urlW := max(0, w-numW-textW-3)
		row := " " + num + " " + fit(linkLabel(l), textW) + " " + fit(l.URL, urlW)
		if i == p.cursor {
			row = st.Selected.Render(fit(row, w))
		}
		lines = append(lines, row)
	}
	return frame(lines, w, h)
}

// linkLabel is a link's text as the picker shows it: images say so.
func linkLabel(l Link) string {
	t := clean(l.Text)
	if l.Image {
		t = strings.TrimSpace("image " + t)
	}
	return t
}

// readerLinks returns the links of the article the reader shows, when
// the keys speak of it: the reader has the keyboard, or shows the
// selected article beside the list.
func (m *Model) readerLinks() ([]Link, bool) {
	r := &m.reader
	if r.entry == nil || r.lines == nil || !r.complete {
		return nil, false
	}
	if m.focus != focusReader && (!m.wide() || r.entry != m.list.sel) {
		return nil, false
	}
	return r.links, true
}

// openLinks shows the link picker (or, with play, the enclosures; one
// enclosure plays at once).
func (m *Model) openLinks(play bool) tea.Cmd {
	links, ok := m.readerLinks()
	if !ok {
		return m.say("open the article first")
	}
	what := "links"
	if play {
		what = "enclosures"
		var encl []Link
		for _, l := range links {
			if l.Enclosure {
				encl = append(encl, l)
			}
		}
		links = encl
	}
	switch {
	case len(links) == 0:
		return m.say("this article has no " + what)
	case play && len(links) == 1:
		return m.launch(links[0].URL, true)
	}
	m.links = newLinkPicker(links, play)
	m.overlay = overlayLinks
	return nil
}

// linksKey handles a key over the link picker.
func (m *Model) linksKey(k tea.KeyPressMsg) tea.Cmd {
	p := &m.links
	rows := m.bodyHeight() - pickerTop
	if s := k.String(); len(s) == 1 && s[0] >= '0' && s[0] <= '9' {
		p.digit(s, rows)
		return nil
	}
	p.digits = ""
	switch {
	case key.Matches(k, m.keys.Choose):
		l, ok := p.chosen()
		m.overlay = overlayNone
		if !ok {
			return nil
		}
		return m.launch(l.URL, p.play)
	case key.Matches(k, m.keys.CopyLink):
		l, ok := p.chosen()
		if !ok {
			return nil
		}
		m.overlay = overlayNone
		return m.copyLink(l.URL)
	case key.Matches(k, m.keys.Back, m.keys.Quit, m.keys.Links, m.keys.Play):
		m.overlay = overlayNone
	default:
		if d, ok := m.keys.menuStep(k, rows, len(p.links)); ok {
			p.move(d, rows, len(p.links))
		}
	}
	return nil
}
