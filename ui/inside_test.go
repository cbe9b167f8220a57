package ui

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"

	"newsread/articles"
)

// insideModel is a model at w×h with options o, the sample articles in.
func insideModel(t *testing.T, w, h int, o Options, body string) *Model {
	t.Helper()
	src := &fakeSource{bodies: map[string]string{"a1": body}}
	o.Sources, o.Now, o.Style = []Source{src}, clock, "dark"
	m, err := New(o)
	if err != nil {
		t.Fatal(err)
	}
	m.Update(tea.WindowSizeMsg{Width: w, Height: h})
	_, cmd := m.Update(batchMsg{batches: []sourceBatch{{src: 0, batch: articles.Batch{Articles: sampleArticles(), Done: true}}}, closed: true})
	if m.reader.entry != nil {
		// Wide, or one article: it opened as it came.
		settle(t, m, cmd)
	}
	return m
}

func TestSaveTheArticle(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "saved")
	m := insideModel(t, 80, 20, Options{SaveDir: dir}, "# Rust\n\nThe edition is out.\n")
	settle(t, m, press(m, "enter"))
	for i, want := range []string{"rust-2024-edition-is-out.md", "rust-2024-edition-is-out-2.md"} {
		cmd := press(m, "w")
		if cmd == nil {
			t.Fatal("w gave no command")
		}
		msg, ok := cmd().(articleSavedMsg)
		if !ok {
			t.Fatalf("w's command gave %T", msg)
		}
		m.Update(msg)
		path := filepath.Join(dir, want)
		if msg.err != nil || msg.path != path {
			t.Fatalf("save %d went to %q (%v), want %q", i+1, msg.path, msg.err, path)
		}
		if !strings.Contains(m.notice, path) {
			t.Errorf("the notice %q does not say where", m.notice)
		}
	}
	t.Run("what is saved reads back with the same title, link, author, date and tags", func(t *testing.T) {
		data, err := os.ReadFile(filepath.Join(dir, "rust-2024-edition-is-out.md"))
		if err != nil {
			t.Fatal(err)
		}
		a, err := articles.Parse("x.md", data, time.Now())
		if err != nil {
			t.Fatal(err)
		}
		want := sampleArticles()[0]
		if a.Title != want.Title || a.Link != want.Link || a.Author != want.Author || !a.Published.Equal(want.Published) || !slices.Equal(a.Tags, want.Tags) {
			t.Errorf("read back %+v", a)
		}
	})
	t.Run("with no folder it says so", func(t *testing.T) {
		m := insideModel(t, 80, 20, Options{}, "text")
		settle(t, m, press(m, "enter"))
		if cmd := press(m, "w"); cmd == nil || !strings.Contains(m.notice, "no folder") {
			t.Errorf("notice %q", m.notice)
		}
	})
}

func TestPipePrompt(t *testing.T) {
	t.Run("| asks for a command and enter runs it", func(t *testing.T) {
		m := insideModel(t, 80, 20, Options{}, "text")
		settle(t, m, press(m, "enter"))
		press(m, "|")
		if m.inside.prompt != promptPipe {
			t.Fatal("no prompt")
		}
		typeText(m, "cat > /dev/null")
		if s := ansi.Strip(m.statusLine()); !strings.Contains(s, "|cat > /dev/null") {
			t.Errorf("status %q", s)
		}
		if cmd := press(m, "enter"); cmd == nil || m.inside.prompt != promptNone || m.inside.lastPipe != "cat > /dev/null" {
			t.Errorf("enter: cmd %v prompt %v", cmd != nil, m.inside.prompt)
		}
		m.Update(pipedMsg{command: "false", err: os.ErrNotExist})
		if !strings.Contains(m.notice, "false") {
			t.Errorf("a failed command is not said: %q", m.notice)
		}
	})
	t.Run("esc gives up", func(t *testing.T) {
		m := insideModel(t, 80, 20, Options{}, "text")
		settle(t, m, press(m, "enter"))
		press(m, "|")
		typeText(m, "rm -rf")
		if cmd := press(m, "esc"); cmd != nil || m.inside.prompt != promptNone || m.focus != focusReader {
			t.Errorf("esc: cmd %v prompt %v focus %v", cmd != nil, m.inside.prompt, m.focus)
		}
	})
}

func TestReadingWidth(t *testing.T) {
	t.Run("the rendering is keyed by the reading width, not the pane's", func(t *testing.T) {
		m := insideModel(t, 250, 30, Options{ReadingWidth: 100, OpenSingle: true}, sampleBody(6))
		settle(t, m, press(m, "enter"))
		if m.reader.want.width != 100 {
			t.Errorf("rendered at %d, want 100", m.reader.want.width)
		}
		if cmd := m.resize(200, 30); cmd != nil {
			t.Error("a resize that keeps the reading width renders again")
		}
		settle(t, m, m.resize(80, 30))
		if m.reader.want.width != 80 {
			t.Errorf("in 80 columns rendered at %d", m.reader.want.width)
		}
	})
	for _, tt := range []struct {
		name  string
		w     int
		o     Options
		wantW int
	}{
		{"one article at 250 columns", 250, Options{ReadingWidth: 100, OpenSingle: true}, 100},
		{"beside the list at 250 columns", 250, Options{ReadingWidth: 100}, 100},
		{"full width when 0", 250, Options{OpenSingle: true}, 250},
	} {
		t.Run(tt.name, func(t *testing.T) {
			m := insideModel(t, tt.w, 24, tt.o, sampleBody(6))
			settle(t, m, press(m, "enter"))
			if m.reader.want.width != tt.wantW {
				t.Errorf("rendered at %d, want %d", m.reader.want.width, tt.wantW)
			}
			golden.RequireEqual(t, ansi.Strip(m.View().Content))
		})
	}
}

func TestInsideDrawsAtEverySize(t *testing.T) {
	states := map[string][]string{
		"finding":     {"/", "n", "e", "e", "d"},
		"found":       {"/", "n", "e", "e", "d", "enter", "n"},
		"the outline": {"T", "j"},
		"piping":      {"|", "l", "e"},
	}
	for name, keys := range states {
		for _, sz := range [][2]int{{0, 0}, {1, 1}, {2, 2}, {5, 3}, {20, 4}, {99, 10}, {100, 10}, {250, 50}} {
			t.Run(fmt.Sprintf("%s at %dx%d", name, sz[0], sz[1]), func(t *testing.T) {
				m := insideModel(t, 80, 20, Options{ReadingWidth: 60}, sectionsBody(5)+findBody())
				settle(t, m, press(m, "enter"))
				press(m, keys...)
				settle(t, m, m.resize(sz[0], sz[1]))
				lines := strings.Split(m.View().Content, "\n")
				if sz[1] > 0 && len(lines) != sz[1] {
					t.Errorf("%d lines, want %d", len(lines), sz[1])
				}
				for i, l := range lines {
					if w := ansi.StringWidth(l); w > sz[0] {
						t.Errorf("line %d is %d wide", i, w)
					}
				}
			})
		}
	}
}
