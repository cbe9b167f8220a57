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
	if m.reader.entry.a.ID != "a3" || selectedID(m) != "a3" {
		t.Errorf("after n n reading %q, list on %q; want a3", m.reader.entry.a.ID, selectedID(m))
	}
	settle(t, m, press(m, "p"))
	if m.reader.entry.a.ID != "a2" || m.focus != focusReader {
		t.Errorf("after p reading %q focus %v", m.reader.entry.a.ID, m.focus)
	}
}

func TestNextFollowsTheFilteredOrder(t *testing.T) {
	m := newTestModel(t, 60, 20, &fakeSource{}, sampleArticles())
	press(m, "/")
	typeText(m, "undated")
	press(m, "enter")
	settle(t, m, press(m, "enter"))
	settle(t, m, press(m, "n"))
	if got := m.reader.entry.a.ID; got != "a7" {
		t.Errorf("n opened %q, want a7", got)
	}
	gen := m.reader.gen
	if press(m, "n"); m.reader.entry.a.ID != "a7" || m.reader.gen != gen {
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
