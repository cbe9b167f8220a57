package ui

import (
	"image/color"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/textinput"
	"charm.land/lipgloss/v2"
)

// Styles holds the semantic style tokens of the interface. Every colour the
// program draws comes from here; nothing else names a colour.
type Styles struct {
	Title         lipgloss.Style // an article title in the list
	Unread        lipgloss.Style // the title of an unread article
	Mark          lipgloss.Style // the unread and starred marks before a title
	Muted         lipgloss.Style // source and date columns, secondary text
	Selected      lipgloss.Style // the row under the cursor
	SelectedBlur  lipgloss.Style // the row under the cursor while the reader has focus
	Separator     lipgloss.Style // the rule between the panes
	Status        lipgloss.Style // the status line
	Warning       lipgloss.Style // the problems count
	Error         lipgloss.Style // an error in the reader
	HeaderTitle   lipgloss.Style // the title above an article
	HeaderMeta    lipgloss.Style // source, author and date above an article
	HeaderLink    lipgloss.Style // the link above an article
	FilterPrompt  lipgloss.Style // the "/" before a filter
	OverlayTitle  lipgloss.Style // the heading of the help and problems views
	Match         lipgloss.Style // a word a search matched, in the reader
	Found         lipgloss.Style // an occurrence of the find in the article
	FoundCurrent  lipgloss.Style // the occurrence n and N are at
	help          help.Styles
	input         textinput.Styles
	separatorRune string
	// unreadMark and starredMark are the marks rendered once in Mark,
	// since rendering is the cost of drawing a row.
	unreadMark, starredMark string
}

// withMarks renders the marks of st in its Mark style.
func withMarks(st Styles) Styles {
	st.unreadMark, st.starredMark = st.Mark.Render(unreadMark), st.Mark.Render(starredMark)
	return st
}

// Palette is one set of colours for a background: the colours every
// style token is made of. A configuration's theme replaces them.
type Palette struct {
	Text, Muted, Accent        color.Color
	SelectedFg, SelectedBg     color.Color // the row under the cursor
	BlurredBg                  color.Color // that row while the reader has focus
	Rule, Warning, Error, Link color.Color
}

// DarkPalette is the palette for a dark background.
func DarkPalette() Palette {
	return Palette{
		Text: lipgloss.Color("#DDDDDD"), Muted: lipgloss.Color("#8A8A8A"),
		Accent: lipgloss.Color("#7AA2F7"), SelectedBg: lipgloss.Color("#3B4261"),
		SelectedFg: lipgloss.Color("#FFFFFF"), BlurredBg: lipgloss.Color("#2A2E3F"),
		Rule: lipgloss.Color("#444444"), Warning: lipgloss.Color("#E0AF68"),
		Error: lipgloss.Color("#F7768E"), Link: lipgloss.Color("#7DCFFF"),
	}
}

// LightPalette is the palette for a light background.
func LightPalette() Palette {
	return Palette{
		Text: lipgloss.Color("#222222"), Muted: lipgloss.Color("#6B6B6B"),
		Accent: lipgloss.Color("#2E5CB8"), SelectedBg: lipgloss.Color("#C8D3F5"),
		SelectedFg: lipgloss.Color("#000000"), BlurredBg: lipgloss.Color("#E4E8F4"),
		Rule: lipgloss.Color("#BBBBBB"), Warning: lipgloss.Color("#9A6700"),
		Error: lipgloss.Color("#C4314B"), Link: lipgloss.Color("#0B6BA8"),
	}
}

// newStyles returns the styles of the default palette for a dark or light
// background, or plain styles when colour is off.
func newStyles(dark, noColor bool) Styles {
	p := LightPalette()
	if dark {
		p = DarkPalette()
	}
	return themedStyles(p, dark, noColor)
}

// themedStyles returns the styles of palette p for a dark or light
// background, or plain styles (bold and reverse only) when colour is off:
// NO_COLOR wins over any palette.
func themedStyles(p Palette, dark, noColor bool) Styles {
	if noColor {
		return plainStyles()
	}
	s := lipgloss.NewStyle
	st := Styles{
		Title:         s().Foreground(p.Text),
		Unread:        s().Foreground(p.Text).Bold(true),
		Mark:          s().Foreground(p.Accent).Bold(true),
		Muted:         s().Foreground(p.Muted),
		Selected:      s().Foreground(p.SelectedFg).Background(p.SelectedBg).Bold(true),
		SelectedBlur:  s().Foreground(p.Text).Background(p.BlurredBg),
		Separator:     s().Foreground(p.Rule),
		Status:        s().Foreground(p.Muted),
		Warning:       s().Foreground(p.Warning).Bold(true),
		Error:         s().Foreground(p.Error).Bold(true),
		HeaderTitle:   s().Foreground(p.Accent).Bold(true),
		HeaderMeta:    s().Foreground(p.Muted),
		HeaderLink:    s().Foreground(p.Link).Underline(true),
		FilterPrompt:  s().Foreground(p.Accent).Bold(true),
		OverlayTitle:  s().Foreground(p.Accent).Bold(true),
		Match:         s().Foreground(p.SelectedFg).Background(p.Warning).Bold(true),
		Found:         s().Foreground(p.SelectedFg).Background(p.SelectedBg),
		FoundCurrent:  s().Foreground(p.SelectedFg).Background(p.Error).Bold(true),
		help:          help.DefaultStyles(dark),
		input:         textinput.DefaultStyles(dark),
		separatorRune: "│",
	}
	return withMarks(st)
}

// plainStyles carries meaning with bold and reverse video alone, for
// NO_COLOR and for printing.
func plainStyles() Styles {
	s := lipgloss.NewStyle
	plain := s()
	in := textinput.Styles{
		Focused: textinput.StyleState{Text: plain, Placeholder: plain, Suggestion: plain, Prompt: plain},
		Blurred: textinput.StyleState{Text: plain, Placeholder: plain, Suggestion: plain, Prompt: plain},
	}
	return withMarks(Styles{
		Title:         plain,
		Unread:        s().Bold(true),
		Mark:          s().Bold(true),
		Muted:         plain,
		Selected:      s().Reverse(true),
		SelectedBlur:  s().Reverse(true),
		Separator:     plain,
		Status:        plain,
		Warning:       s().Bold(true),
		Error:         s().Bold(true),
		HeaderTitle:   s().Bold(true),
		HeaderMeta:    plain,
		HeaderLink:    plain,
		FilterPrompt:  s().Bold(true),
		OverlayTitle:  s().Bold(true),
		Match:         s().Reverse(true),
		Found:         s().Reverse(true),
		FoundCurrent:  s().Reverse(true).Bold(true).Underline(true),
		help:          help.Styles{Ellipsis: plain, ShortKey: s().Bold(true), ShortDesc: plain, ShortSeparator: plain, FullKey: s().Bold(true), FullDesc: plain, FullSeparator: plain},
		input:         in,
		separatorRune: "│",
	})
}

// bareStyles has no attributes at all: for printing to a pipe or a file,
// where an escape sequence is noise.
func bareStyles() Styles {
	st := plainStyles()
	plain := lipgloss.NewStyle()
	st.Selected, st.SelectedBlur, st.Warning, st.Error = plain, plain, plain, plain
	st.Unread, st.Mark = plain, plain
	st.HeaderTitle, st.FilterPrompt, st.OverlayTitle = plain, plain, plain
	return st
}
