package ui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
)

func TestOpenAndBackInTheNarrowLayout(t *testing.T) {
	for _, back := range []string{"esc", "backspace", "h", "q"} {
		t.Run(back+" goes back to the list", func(t *testing.T) {
			m := newTestModel(t, 60, 20, &fakeSource{}, sampleArticles())
			settle(t, m, press(m, "enter"))
			if m.focus != focusReader {
				t.Fatal("enter did not open the reader")
			}
			if got := ansi.Strip(m.screen()); !strings.Contains(got, "Body of Rust 2024") {
				t.Errorf("reader shows\n%s", got)
			}
			if isQuit(press(m, back)) {
				t.Fatal("quit from the reader")
			}
			if m.focus != focusList {
				t.Error("still in the reader")
			}
		})
	}
}

func TestNextAndPreviousStayInTheReader(t *testing.T) {
	m := newTestModel(t, 60, 20, &fakeSource{}, sampleArticles())
	settle(t, m, press(m, "enter"))
	settle(t, m, press(m, "n"))
	settle(t, m, press(m, "n"))
	if m.reader.entry.id != "a3" || selectedID(m) != "a3" {
		t.Errorf("after n n reading %q, list on %q; want a3", m.reader.entry.id, selectedID(m))
	}
	settle(t, m, press(m, "p"))
	if m.reader.entry.id != "a2" || m.focus != focusReader {
		t.Errorf("after p reading %q focus %v", m.reader.entry.id, m.focus)
	}
}

func TestNextFollowsTheFilteredOrder(t *testing.T) {
	m := newTestModel(t, 60, 20, &fakeSource{}, sampleArticles())
	press(m, "/")
	typeText(m, "undated")
	press(m, "enter")
	settle(t, m, press(m, "enter"))
	settle(t, m, press(m, "n"))
	if got := m.reader.entry.id; got != "a7" {
		t.Errorf("n opened %q, want a7", got)
	}
	gen := m.reader.gen
	if press(m, "n"); m.reader.entry.id != "a7" || m.reader.gen != gen {
		t.Error("n past the end changed the article")
	}
}

func TestStaleRenderingsAreDropped(t *testing.T) {
	tests := []struct {
		name string
		msg  func(m *Model) renderedMsg
	}{
		{name: "an older generation is dropped", msg: func(m *Model) renderedMsg {
			return renderedMsg{key: m.reader.want, gen: m.reader.gen - 1, content: "STALE", complete: true}
		}},
		{name: "another width is dropped", msg: func(m *Model) renderedMsg {
			k := m.reader.want
			k.width++
			return renderedMsg{key: k, gen: m.reader.gen, content: "STALE", complete: true}
		}},
		{name: "another article is dropped", msg: func(m *Model) renderedMsg {
			k := m.reader.want
			k.id = "a5"
			return renderedMsg{key: k, gen: m.reader.gen, content: "STALE", complete: true}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := newTestModel(t, 60, 20, &fakeSource{}, sampleArticles())
			settle(t, m, press(m, "enter"))
			m.Update(tt.msg(m))
			if strings.Contains(ansi.Strip(m.screen()), "STALE") {
				t.Error("stale rendering shown")
			}
		})
	}
}

func TestOpenFailureShowsAnError(t *testing.T) {
	m := newTestModel(t, 60, 20, &fakeSource{openErr: errGone}, sampleArticles())
	settle(t, m, press(m, "enter"))
	if got := ansi.Strip(m.screen()); !strings.Contains(got, "file vanished") {
		t.Errorf("screen lacks the error:\n%s", got)
	}
}

func TestResizeKeepsTheParagraphOnScreen(t *testing.T) {
	src := &fakeSource{bodies: map[string]string{"a1": sampleBody(60)}}
	m := newTestModel(t, 80, 24, src, sampleArticles())
	settle(t, m, press(m, "enter"))
	m.reader.vp.SetYOffset(120)
	top := strings.Join(m.reader.topWords(), " ")
	for _, w := range []int{50, 70, 120, 80} {
		settle(t, m, m.resize(w, 24))
		screen := strings.Join(strings.Fields(ansi.Strip(strings.Join(m.readerLines(m.readerWidth(), m.bodyHeight()), " "))), " ")
		if !strings.Contains(screen, top) {
			t.Errorf("at width %d %q is off screen:\n%s", w, top, screen)
		}
	}
}

func TestNarrowReaderUsesCacheOnSecondOpen(t *testing.T) {
	src := &fakeSource{}
	m := newTestModel(t, 60, 20, src, sampleArticles())
	settle(t, m, press(m, "enter"))
	press(m, "esc")
	if cmd := press(m, "enter"); cmd != nil {
		t.Error("reopening a cached article started a command")
	}
	if n := src.opened.Load(); n != 1 {
		t.Errorf("opened %d times, want 1", n)
	}
}

func TestReaderScrollKeys(t *testing.T) {
	tests := []struct {
		name string
		keys []string
		want func(total, h int) int
	}{
		{name: "j scrolls one line", keys: []string{"j"}, want: func(int, int) int { return 1 }},
		{name: "space pages down", keys: []string{"space"}, want: func(_, h int) int { return h }},
		{name: "ctrl+d scrolls half a page", keys: []string{"ctrl+d"}, want: func(_, h int) int { return h / 2 }},
		{name: "G goes to the bottom", keys: []string{"G"}, want: func(total, h int) int { return total - h }},
		{name: "g goes back to the top", keys: []string{"G", "g"}, want: func(int, int) int { return 0 }},
		{name: "k after j returns", keys: []string{"j", "j", "k"}, want: func(int, int) int { return 1 }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := newTestModel(t, 60, 20, &fakeSource{bodies: map[string]string{"a1": sampleBody(30)}}, sampleArticles())
			settle(t, m, press(m, "enter"))
			press(m, tt.keys...)
			want := tt.want(m.reader.vp.TotalLineCount(), m.reader.vp.Height())
			if got := m.reader.vp.YOffset(); got != want {
				t.Errorf("offset = %d, want %d", got, want)
			}
		})
	}
}

func TestMouseWheelScrollsTheReader(t *testing.T) {
	m := newTestModel(t, 60, 20, &fakeSource{bodies: map[string]string{"a1": sampleBody(30)}}, sampleArticles())
	settle(t, m, press(m, "enter"))
	m.Update(tea.MouseWheelMsg{Button: tea.MouseWheelDown, X: 10, Y: 5})
	if got := m.reader.vp.YOffset(); got != wheelStep {
		t.Errorf("offset = %d, want %d", got, wheelStep)
	}
	if !strings.HasSuffix(strings.TrimSpace(ansi.Strip(m.statusLine())), "%") {
		t.Errorf("status %q lacks the position", ansi.Strip(m.statusLine()))
	}
}

func TestResizeAtTheTopStaysAtTheTop(t *testing.T) {
	tests := []struct {
		name  string
		sizes [][2]int
	}{
		{"narrower in the narrow layout", [][2]int{{90, 24}, {60, 24}}},
		{"wider in the narrow layout", [][2]int{{60, 24}, {95, 24}}},
		{"from narrow to wide and back", [][2]int{{80, 24}, {140, 30}, {70, 20}}},
		{"shorter only", [][2]int{{80, 24}, {80, 12}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := &fakeSource{bodies: map[string]string{"a1": sampleBody(40)}}
			m := newTestModel(t, tt.sizes[0][0], tt.sizes[0][1], src, sampleArticles())
			settle(t, m, press(m, "enter"))
			if m.reader.vp.YOffset() != 0 {
				t.Fatalf("opened at offset %d", m.reader.vp.YOffset())
			}
			for _, s := range tt.sizes[1:] {
				_, cmd := m.Update(tea.WindowSizeMsg{Width: s[0], Height: s[1]})
				settle(t, m, cmd)
				if off := m.reader.vp.YOffset(); off != 0 {
					t.Errorf("after resizing to %dx%d the reader is at line %d, want 0", s[0], s[1], off)
				}
			}
		})
	}
}

func TestResizeKeepsTheBlankLineAboveTheParagraph(t *testing.T) {
	src := &fakeSource{bodies: map[string]string{"a1": sampleBody(40)}}
	m := newTestModel(t, 80, 24, src, sampleArticles())
	settle(t, m, press(m, "enter"))
	blank := -1
	for i := 20; i < len(m.reader.lines); i++ {
		if strings.TrimSpace(ansi.Strip(m.reader.lines[i])) == "" {
			blank = i
			break
		}
	}
	m.reader.vp.SetYOffset(blank)
	words := m.reader.topWords()
	settle(t, m, m.resize(60, 24))
	lines := m.reader.lines[m.reader.vp.YOffset():]
	if strings.TrimSpace(ansi.Strip(lines[0])) != "" || !strings.HasPrefix(strings.TrimSpace(ansi.Strip(lines[1])), strings.Join(words[:3], " ")) {
		t.Errorf("after the resize the screen starts %q, %q; want a blank line, then %q", ansi.Strip(lines[0]), ansi.Strip(lines[1]), strings.Join(words, " "))
	}
}
