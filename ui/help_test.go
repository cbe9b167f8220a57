package ui

import (
	"reflect"
	"strings"
	"testing"

	"charm.land/bubbles/v2/key"
	"github.com/charmbracelet/x/ansi"
)

// helpPages opens the help view and returns every screen of it, scrolling
// with space until the view stops changing.
func helpPages(m *Model) []string {
	press(m, "?")
	pages := []string{ansi.Strip(m.screen())}
	for range 50 {
		press(m, "space")
		s := ansi.Strip(m.screen())
		if s == pages[len(pages)-1] {
			break
		}
		pages = append(pages, s)
	}
	return pages
}

func TestHelpListsEveryBinding(t *testing.T) {
	tests := []struct {
		name      string
		w, h      int
		wantPages int // 1: fits; 0: more than one
		search    bool
	}{
		{"at 80x24 it scrolls", 80, 24, 0, false},
		{"at 80x12 it scrolls", 80, 12, 0, false},
		{"at 60x20 it scrolls", 60, 20, 0, false},
		{"at 120x30 it fits on one screen", 120, 30, 1, false},
		{"with search at 80x24 it scrolls to the query language", 80, 24, 0, true},
		{"with search at 80x12 it scrolls", 80, 12, 0, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var m *Model
			if tt.search {
				m = newSearchModel(t, tt.w, tt.h, &fakeSearcher{})
			} else {
				m = newTestModel(t, tt.w, tt.h, &fakeSource{}, sampleArticles())
			}
			pages := helpPages(m)
			if tt.wantPages == 1 && len(pages) != 1 || tt.wantPages == 0 && len(pages) < 2 {
				t.Errorf("%d pages", len(pages))
			}
			all := strings.Join(pages, "\n")
			if got := strings.Contains(all, "is:unread"); got != tt.search {
				t.Errorf("the query language is on the help screen: %v, want %v", got, tt.search)
			}
			for _, group := range m.keys.FullHelp() {
				for _, b := range group {
					if !b.Enabled() {
						continue
					}
					label := keyLabel(b.Keys())
					if !strings.Contains(all, label+" ") || !strings.Contains(all, b.Help().Desc) {
						t.Errorf("%q (%s) is not on the help screen", label, b.Help().Desc)
					}
				}
			}
			for _, p := range pages {
				for _, line := range strings.Split(p, "\n") {
					if strings.Contains(line, "…") {
						t.Errorf("a line is cut: %q", line)
					}
					if ansi.StringWidth(line) != tt.w {
						t.Errorf("a line is %d cells wide, want %d", ansi.StringWidth(line), tt.w)
					}
				}
				if n := strings.Count(p, "\n") + 1; n != tt.h {
					t.Errorf("%d lines, want %d", n, tt.h)
				}
			}
		})
	}
	t.Run("every binding of the key map is in the help", func(t *testing.T) {
		km := DefaultKeyMap()
		listed := map[string]bool{}
		for _, group := range km.FullHelp() {
			for _, b := range group {
				listed[keyLabel(b.Keys())+"|"+b.Help().Desc] = true
			}
		}
		v := reflect.ValueOf(km)
		for i := range v.NumField() {
			b := v.Field(i).Interface().(key.Binding)
			if !listed[keyLabel(b.Keys())+"|"+b.Help().Desc] {
				t.Errorf("KeyMap.%s is not in FullHelp", v.Type().Field(i).Name)
			}
		}
	})
	t.Run("the README's keys are all there", func(t *testing.T) {
		m := newTestModel(t, 80, 24, &fakeSource{}, sampleArticles())
		all := strings.Join(helpPages(m), "\n")
		for _, k := range []string{"/f", "/l/", "→", "backspace", "←", " / ", " s ", " ! ", " ? ", " q "} {
			if !strings.Contains(all, k) {
				t.Errorf("%q is missing", k)
			}
		}
	})
}

func TestHelpScrolls(t *testing.T) {
	m := newTestModel(t, 80, 12, &fakeSource{}, sampleArticles())
	press(m, "?")
	first := ansi.Strip(m.screen())
	press(m, "j")
	if ansi.Strip(m.screen()) == first {
		t.Fatal("j did not scroll the help")
	}
	press(m, "k")
	if ansi.Strip(m.screen()) != first {
		t.Error("k did not scroll back")
	}
	press(m, "G")
	if m.overOff != m.overlayScrollMax() || m.overOff == 0 {
		t.Errorf("G scrolled to %d, want %d", m.overOff, m.overlayScrollMax())
	}
	press(m, "j")
	if m.overOff != m.overlayScrollMax() {
		t.Error("j scrolled past the end")
	}
	press(m, "g")
	if m.overOff != 0 {
		t.Error("g did not go back to the top")
	}
	press(m, "esc", "?")
	if m.overOff != 0 {
		t.Error("the help reopened scrolled")
	}
}

func TestHelpDrawsAtAnySize(t *testing.T) {
	for _, s := range []struct{ w, h int }{{1, 1}, {2, 3}, {10, 2}, {30, 5}} {
		m := newTestModel(t, s.w, s.h, &fakeSource{}, sampleArticles())
		press(m, "?", "G", "space")
		lines := strings.Split(ansi.Strip(m.screen()), "\n")
		if len(lines) != s.h {
			t.Errorf("%dx%d: %d lines", s.w, s.h, len(lines))
		}
		for _, l := range lines {
			if ansi.StringWidth(l) != s.w {
				t.Errorf("%dx%d: a line of %d cells", s.w, s.h, ansi.StringWidth(l))
			}
		}
	}
}
