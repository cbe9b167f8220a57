package ui

import (
	"reflect"
	"strings"
	"unicode"

	"charm.land/bubbles/v2/key"
)

// KeyMap is every key binding of the program. The help view is built from
// it, so a binding that is not here does not exist.
type KeyMap struct {
	Up           key.Binding
	Down         key.Binding
	PageDown     key.Binding
	PageUp       key.Binding
	HalfPageDown key.Binding
	HalfPageUp   key.Binding
	Top          key.Binding
	Bottom       key.Binding
	Open         key.Binding
	Back         key.Binding
	Next         key.Binding
	Prev         key.Binding
	Focus        key.Binding
	Filter       key.Binding
	FilterAccept key.Binding
	FilterClear  key.Binding
	SearchOrder  key.Binding
	SaveSearch   key.Binding
	Sources      key.Binding
	Choose       key.Binding
	Refresh      key.Binding
	RefreshFeed  key.Binding
	ToggleRead   key.Binding
	MarkAllRead  key.Binding
	Undo         key.Binding
	Star         key.Binding
	HideRead     key.Binding
	Problems     key.Binding
	// Links.
	Links    key.Binding
	OpenLink key.Binding
	CopyLink key.Binding
	Play     key.Binding

	FullText key.Binding
	Help     key.Binding
	// Inside the article in the reader.
	Find        key.Binding
	FindNext    key.Binding
	FindPrev    key.Binding
	Outline     key.Binding
	SaveArticle key.Binding
	Pipe        key.Binding

	Quit      key.Binding
	ForceQuit key.Binding
}

// DefaultKeyMap returns the bindings a user of less, vim or newsboat expects.
func DefaultKeyMap() KeyMap {
	return KeyMap{
		Up:           key.NewBinding(key.WithKeys("k", "up"), key.WithHelp("↑/k", "up")),
		Down:         key.NewBinding(key.WithKeys("j", "down"), key.WithHelp("↓/j", "down")),
		PageDown:     key.NewBinding(key.WithKeys("space", "pgdown", "f"), key.WithHelp("space/pgdn", "page down")),
		PageUp:       key.NewBinding(key.WithKeys("b", "pgup"), key.WithHelp("b/pgup", "page up")),
		HalfPageDown: key.NewBinding(key.WithKeys("ctrl+d"), key.WithHelp("ctrl+d", "half page down")),
		HalfPageUp:   key.NewBinding(key.WithKeys("ctrl+u"), key.WithHelp("ctrl+u", "half page up")),
		Top:          key.NewBinding(key.WithKeys("g", "home"), key.WithHelp("g/home", "top")),
		Bottom:       key.NewBinding(key.WithKeys("G", "end"), key.WithHelp("G/end", "bottom")),
		Open:         key.NewBinding(key.WithKeys("enter", "l", "right"), key.WithHelp("enter", "read")),
		Back:         key.NewBinding(key.WithKeys("esc", "backspace", "h", "left"), key.WithHelp("esc/h", "back")),
		Next:         key.NewBinding(key.WithKeys("n"), key.WithHelp("n", "next article")),
		Prev:         key.NewBinding(key.WithKeys("p"), key.WithHelp("p", "previous article")),
		Focus:        key.NewBinding(key.WithKeys("tab", "shift+tab"), key.WithHelp("tab", "switch pane")),
		Filter:       key.NewBinding(key.WithKeys("/"), key.WithHelp("/", "filter titles")),
		FilterAccept: key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "keep filter")),
		FilterClear:  key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "clear filter")),
		SearchOrder:  key.NewBinding(key.WithKeys("ctrl+o"), key.WithHelp("ctrl+o", "order by relevance/date")),
		SaveSearch:   key.NewBinding(key.WithKeys("="), key.WithHelp("=", "save the kept search")),
		Sources:      key.NewBinding(key.WithKeys("s"), key.WithHelp("s", "sources and tags")),
		Choose:       key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "choose")),
		Refresh:      key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "refresh feeds")),
		RefreshFeed:  key.NewBinding(key.WithKeys("R"), key.WithHelp("R", "refresh this feed")),
		ToggleRead:   key.NewBinding(key.WithKeys("N"), key.WithHelp("N", "toggle read")),
		MarkAllRead:  key.NewBinding(key.WithKeys("A"), key.WithHelp("A", "mark all shown read")),
		Undo:         key.NewBinding(key.WithKeys("u"), key.WithHelp("u", "undo a mark")),
		Star:         key.NewBinding(key.WithKeys("*", "S"), key.WithHelp("*/S", "star")),
		HideRead:     key.NewBinding(key.WithKeys("H"), key.WithHelp("H", "hide/show read")),
		Problems:     key.NewBinding(key.WithKeys("!"), key.WithHelp("!", "problems")),
		// Links (newsboat opens with o; L for the list of links).
		Links:    key.NewBinding(key.WithKeys("L"), key.WithHelp("L", "links of the article")),
		OpenLink: key.NewBinding(key.WithKeys("o"), key.WithHelp("o", "open the article's link")),
		CopyLink: key.NewBinding(key.WithKeys("y"), key.WithHelp("y", "copy the link")),
		Play:     key.NewBinding(key.WithKeys("E"), key.WithHelp("E", "play the enclosure")),

		FullText:    key.NewBinding(key.WithKeys("F"), key.WithHelp("F", "full text/feed summary")),
		Help:        key.NewBinding(key.WithKeys("?"), key.WithHelp("?", "help")),
		Find:        key.NewBinding(key.WithKeys("/"), key.WithHelp("/", "find in the article")),
		FindNext:    key.NewBinding(key.WithKeys("n"), key.WithHelp("n", "next match (finding)")),
		FindPrev:    key.NewBinding(key.WithKeys("N"), key.WithHelp("N", "previous match (finding)")),
		Outline:     key.NewBinding(key.WithKeys("T"), key.WithHelp("T", "outline: the headings")),
		SaveArticle: key.NewBinding(key.WithKeys("w"), key.WithHelp("w", "save as markdown")),
		Pipe:        key.NewBinding(key.WithKeys("|"), key.WithHelp("|", "pipe to a command")),
		Quit:        key.NewBinding(key.WithKeys("q"), key.WithHelp("q", "quit (back in reader)")),
		ForceQuit:   key.NewBinding(key.WithKeys("ctrl+c"), key.WithHelp("ctrl+c", "quit")),
	}
}

// ShortHelp is the one-line reminder at the bottom of the screen.
func (k KeyMap) ShortHelp() []key.Binding {
	return []key.Binding{k.Down, k.Open, k.Back, k.Filter, k.Next, k.Help, k.Quit}
}

// FullHelp is every binding, in order: moving, reading, the rest. The
// help view lists every key of each, in as many columns as fit.
func (k KeyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{
		{k.Up, k.Down, k.PageDown, k.PageUp, k.HalfPageDown, k.HalfPageUp, k.Top, k.Bottom},
		{k.Open, k.Back, k.Next, k.Prev, k.Focus, k.Refresh, k.RefreshFeed, k.FullText},
		{k.ToggleRead, k.MarkAllRead, k.Undo, k.Star, k.HideRead},
		{k.Filter, k.FilterAccept, k.FilterClear, k.SearchOrder, k.SaveSearch, k.Sources, k.Choose, k.Problems, k.Help, k.Quit, k.ForceQuit},
		{k.Links, k.OpenLink, k.CopyLink, k.Play},
		{k.Find, k.FindNext, k.FindPrev, k.Outline, k.SaveArticle, k.Pipe},
	}
}

// readerHelp is the short help while reading.
func (k KeyMap) readerHelp() []key.Binding {
	return []key.Binding{k.Down, k.PageDown, k.Next, k.Prev, k.Back, k.Help}
}

// findHelp is the short help while a find is on in the reader.
func (k KeyMap) findHelp() []key.Binding {
	return []key.Binding{k.FindNext, k.FindPrev, k.Find, k.Back, k.Help}
}

// filterHelp is the short help while typing a filter.
func (k KeyMap) filterHelp() []key.Binding {
	return []key.Binding{k.FilterAccept, k.FilterClear, k.SearchOrder}
}

// nameHelp is the short help while naming a saved search.
func (k KeyMap) nameHelp() []key.Binding {
	return []key.Binding{k.FilterAccept, k.FilterClear}
}

// pickerHelp is the short help over the source picker.
func (k KeyMap) pickerHelp() []key.Binding {
	return []key.Binding{k.Down, k.Up, k.Choose, k.Back}
}

// linksHelp is the short help over the link picker.
func (k KeyMap) linksHelp() []key.Binding {
	return []key.Binding{k.Down, k.Up, k.Choose, k.CopyLink, k.Back}
}

// overlayHelp is the short help over the help and problems views.
func (k KeyMap) overlayHelp() []key.Binding {
	return []key.Binding{k.Back, k.ForceQuit}
}

// Action is one binding of a KeyMap under the name a configuration file
// gives it: the field's name in snake_case (PageDown is page_down).
type Action struct {
	Name    string
	Binding *key.Binding
}

// Actions lists every binding of k by name, in the order of KeyMap, so a
// configuration can rebind any of them; a new field is listed without
// more code.
func (k *KeyMap) Actions() []Action {
	v := reflect.ValueOf(k).Elem()
	out := make([]Action, 0, v.NumField())
	for i := range v.NumField() {
		if b, ok := v.Field(i).Addr().Interface().(*key.Binding); ok {
			out = append(out, Action{Name: snakeCase(v.Type().Field(i).Name), Binding: b})
		}
	}
	return out
}

// Rebind gives b the keys keys, and the help the keys it now has, so the
// short help and the help view show the bindings in force. No keys
// unbinds it: it matches nothing and leaves the help.
func Rebind(b *key.Binding, keys []string) {
	if len(keys) == 0 {
		b.SetKeys()
		b.SetEnabled(false)
		return
	}
	b.SetKeys(keys...)
	b.SetHelp(keyLabel(keys), b.Help().Desc)
	b.SetEnabled(true)
}

// snakeCase writes a Go field name as a configuration key: HalfPageDown
// is half_page_down.
func snakeCase(name string) string {
	var b strings.Builder
	for i, r := range name {
		if unicode.IsUpper(r) {
			if i > 0 {
				b.WriteByte('_')
			}
			r = unicode.ToLower(r)
		}
		b.WriteRune(r)
	}
	return b.String()
}
