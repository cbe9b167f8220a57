package ui

import (
	"errors"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"

	"newsread/articles"
)

// reboundKeys is a key map as a configuration file makes it: quit on x,
// down on J as well as the arrow, star unbound.
func reboundKeys() *KeyMap {
	km := DefaultKeyMap()
	for _, a := range km.Actions() {
		switch a.Name {
		case "quit":
			Rebind(a.Binding, []string{"x"})
		case "down":
			Rebind(a.Binding, []string{"J", "down"})
		case "star":
			Rebind(a.Binding, nil)
		}
	}
	return &km
}

func newReboundModel(t *testing.T, w, h int) *Model {
	t.Helper()
	m, err := New(Options{Sources: []Source{&fakeSource{}}, Now: clock, Style: "dark", Keys: reboundKeys()})
	if err != nil {
		t.Fatal(err)
	}
	m.Update(tea.WindowSizeMsg{Width: w, Height: h})
	m.Update(batchMsg{batches: []sourceBatch{{src: 0, batch: articles.Batch{Articles: sampleArticles(), Seen: 7, Done: true}}}, closed: true})
	return m
}

func TestActionsNameEveryBinding(t *testing.T) {
	km := DefaultKeyMap()
	actions := km.Actions()
	var names []string
	for _, a := range actions {
		names = append(names, a.Name)
		if a.Name != strings.ToLower(a.Name) || strings.Contains(a.Name, "__") {
			t.Errorf("%q is not snake_case", a.Name)
		}
	}
	if n := reflect.TypeOf(km).NumField(); len(actions) != n {
		t.Errorf("%d actions, want every field of KeyMap (%d)", len(actions), n)
	}
	for _, want := range []string{"up", "half_page_down", "open_link", "force_quit", "save_article"} {
		if !slices.Contains(names, want) {
			t.Errorf("no action %q in %v", want, names)
		}
	}
	t.Run("a binding reached by name is the key map's own", func(t *testing.T) {
		Rebind(actions[0].Binding, []string{"K"})
		if got := km.Up.Keys(); !slices.Equal(got, []string{"K"}) {
			t.Errorf("Up has %v", got)
		}
	})
}

func TestRebindChangesWhatKeysDo(t *testing.T) {
	t.Run("the new quit key quits and the old one no longer does", func(t *testing.T) {
		m := newReboundModel(t, 80, 24)
		if isQuit(press(m, "q")) {
			t.Error("q still quits")
		}
		if !isQuit(press(m, "x")) {
			t.Error("x does not quit")
		}
	})
	t.Run("the new down key moves and the old one no longer does", func(t *testing.T) {
		m := newReboundModel(t, 80, 24)
		first := selectedID(m)
		press(m, "j")
		if selectedID(m) != first {
			t.Fatal("j still moves down")
		}
		press(m, "J")
		if selectedID(m) == first {
			t.Error("J does not move down")
		}
		press(m, "down")
		if selectedID(m) == first {
			t.Error("the arrow kept in the list does not move")
		}
	})
	t.Run("an unbound action has no key and leaves the help", func(t *testing.T) {
		m := newReboundModel(t, 80, 24)
		if m.keys.Star.Enabled() {
			t.Error("star is still enabled")
		}
		all := strings.Join(helpPages(m), "\n")
		if strings.Contains(all, "star") {
			t.Error("the help still lists star")
		}
	})
}

func TestRebindShowsInTheHelp(t *testing.T) {
	t.Run("the short help names the keys in force", func(t *testing.T) {
		m := newReboundModel(t, 160, 24)
		lines := strings.Split(ansi.Strip(m.screen()), "\n")
		short := lines[len(lines)-1]
		if !strings.Contains(short, "x quit") || !strings.Contains(short, "J/↓ down") {
			t.Errorf("short help %q", short)
		}
	})
	t.Run("the help view at 120x30", func(t *testing.T) {
		m := newReboundModel(t, 120, 30)
		golden.RequireEqual(t, helpPages(m)[0])
	})
}

func TestOptionsOfTheConfiguration(t *testing.T) {
	newModel := func(t *testing.T, o Options, w int) *Model {
		t.Helper()
		o.Sources, o.Now, o.Style = []Source{&fakeSource{}}, clock, "dark"
		m, err := New(o)
		if err != nil {
			t.Fatal(err)
		}
		m.Update(tea.WindowSizeMsg{Width: w, Height: 20})
		m.Update(batchMsg{batches: []sourceBatch{{src: 0, batch: articles.Batch{Articles: sampleArticles(), Seen: 7, Done: true}}}, closed: true})
		return m
	}
	firstRow := func(m *Model) string {
		return ansi.Strip(m.listLines(m.listWidth(), 3)[1])
	}
	t.Run("panes sit side by side from WideAbove", func(t *testing.T) {
		if newModel(t, Options{}, 90).wide() {
			t.Error("wide at 90 by default")
		}
		if !newModel(t, Options{WideAbove: 80}, 90).wide() {
			t.Error("not wide at 90 with WideAbove 80")
		}
	})
	t.Run("the list takes ListPercent of a wide terminal", func(t *testing.T) {
		if got := newModel(t, Options{ListPercent: 60}, 100).listWidth(); got != 60 {
			t.Errorf("list width %d, want 60", got)
		}
	})
	t.Run("no columns leave the title alone on its row", func(t *testing.T) {
		row := firstRow(newModel(t, Options{Columns: []string{}}, 80))
		if strings.Contains(row, "nhk") || strings.Contains(row, "3h") {
			t.Errorf("row %q has a column", row)
		}
	})
	t.Run("the date column alone", func(t *testing.T) {
		row := firstRow(newModel(t, Options{Columns: []string{"date"}}, 80))
		if strings.Contains(row, "nhk") || !strings.Contains(row, "3h") {
			t.Errorf("row %q", row)
		}
	})
	t.Run("a date format writes the date by its layout", func(t *testing.T) {
		row := firstRow(newModel(t, Options{DateFormat: "2006-01-02"}, 80))
		if want := fixedNow.Add(-3 * time.Hour).Local().Format("2006-01-02"); !strings.Contains(row, want) {
			t.Errorf("row %q lacks %s", row, want)
		}
	})
	t.Run("the problems of the configuration are listed from the start", func(t *testing.T) {
		m := newModel(t, Options{Problems: []articles.Problem{{Where: "config.toml:3", Err: errors.New("keys.open: bad")}}}, 80)
		press(m, "!")
		if s := ansi.Strip(m.screen()); !strings.Contains(s, "config.toml:3  keys.open: bad") {
			t.Errorf("problems view:\n%s", s)
		}
	})
	t.Run("a palette colours the styles", func(t *testing.T) {
		p := DarkPalette()
		p.Accent = lipgloss.Color("#FF0000")
		m := newModel(t, Options{Dark: &p}, 80)
		if got := m.styles.Mark.GetForeground(); got != p.Accent {
			t.Errorf("mark colour %v", got)
		}
	})
	t.Run("NO_COLOR wins over a palette", func(t *testing.T) {
		p := DarkPalette()
		p.Accent = lipgloss.Color("#FF0000")
		m := newModel(t, Options{Dark: &p, NoColor: true}, 80)
		if got := m.styles.Mark.GetForeground(); got == p.Accent {
			t.Error("the palette's colour is used with NO_COLOR")
		}
		if !reflect.DeepEqual(m.styles.Mark, plainStyles().Mark) {
			t.Error("the styles are not the plain ones")
		}
	})
	t.Run("HideRead starts with read articles hidden", func(t *testing.T) {
		if !newModel(t, Options{HideRead: true}, 80).list.hideRead {
			t.Error("read articles shown")
		}
	})
}

func TestKeepUnreadLeavesAnOpenedArticleUnread(t *testing.T) {
	for _, keep := range []bool{false, true} {
		name := map[bool]string{false: "opening marks read by default", true: "opening leaves unread with KeepUnread"}[keep]
		t.Run(name, func(t *testing.T) {
			m, err := New(Options{Sources: []Source{&fakeSource{}}, Now: clock, Style: "dark", KeepUnread: keep, Store: newMemStore(nil)})
			if err != nil {
				t.Fatal(err)
			}
			m.Update(tea.WindowSizeMsg{Width: 80, Height: 20})
			m.Update(batchMsg{batches: []sourceBatch{{src: 0, batch: articles.Batch{Articles: sampleArticles(), Seen: 7, Done: true}}}, closed: true})
			e := m.list.sel
			m.markOpened(e)
			if e.read == keep {
				t.Errorf("read %v", e.read)
			}
		})
	}
}
