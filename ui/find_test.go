package ui

import (
	"fmt"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"

	"newsread/articles"
)

// findBody is a story with "needle" in paragraphs 3, 9, 15 and 21 of 24,
// once in bold, so that a find has matches far apart.
func findBody() string {
	var b strings.Builder
	b.WriteString("# Finding things\n\n")
	for i := range 24 {
		fmt.Fprintf(&b, "Paragraph %d has words that wrap across the lines of the reader pane", i)
		if i%6 == 3 {
			if i == 9 {
				b.WriteString(" and a **Needle** in bold")
			} else {
				b.WriteString(" and a needle in it")
			}
		}
		b.WriteString(", so that the story scrolls.\n\n")
	}
	return b.String()
}

// readerModel opens article a1 with body in the reader at w×h.
func readerModel(t *testing.T, w, h int, body string) *Model {
	t.Helper()
	// Opened narrow, where enter opens the reader at once, then sized.
	m := newTestModel(t, 80, h, &fakeSource{bodies: map[string]string{"a1": body}}, sampleArticles())
	settle(t, m, press(m, "enter"))
	if w != 80 {
		settle(t, m, m.resize(w, h))
	}
	if m.focus != focusReader || m.reader.lines == nil {
		t.Fatal("the article did not open in the reader")
	}
	return m
}

// current is the line of the current match, and whether it is on screen.
func current(m *Model) (line int, onScreen bool) {
	f := m.reader.find
	if f == nil || f.cur < 0 {
		return -1, false
	}
	line = f.matches[f.cur].line
	top := m.reader.vp.YOffset()
	return line, line >= top && line < top+m.reader.vp.Height()
}

func TestFindInTheArticle(t *testing.T) {
	t.Run("typing finds as it goes and counts the matches", func(t *testing.T) {
		m := readerModel(t, 80, 20, findBody())
		press(m, "/")
		typeText(m, "need")
		if f := m.reader.find; f == nil || len(f.matches) != 4 || f.cur != 0 {
			t.Fatalf("find %+v, want 4 matches with the first current", m.reader.find)
		}
		if _, ok := current(m); !ok {
			t.Error("the current match is not on screen")
		}
		if s := ansi.Strip(m.statusLine()); !strings.Contains(s, "1/4") {
			t.Errorf("status %q does not count 1/4", s)
		}
	})
	t.Run("n and N move between matches after enter, and wrap", func(t *testing.T) {
		m := readerModel(t, 80, 20, findBody())
		press(m, "/")
		typeText(m, "needle")
		press(m, "enter")
		var lines []int
		for range 3 {
			press(m, "n")
			l, ok := current(m)
			if !ok {
				t.Fatalf("match %d is not on screen", m.reader.find.cur+1)
			}
			lines = append(lines, l)
		}
		if !(lines[0] < lines[1] && lines[1] < lines[2]) {
			t.Errorf("n went to lines %v, not down the story", lines)
		}
		if selectedID(m) != "a1" {
			t.Errorf("n opened another article (%s)", selectedID(m))
		}
		press(m, "n")
		if m.reader.find.cur != 0 || !strings.Contains(m.notice, "top") {
			t.Errorf("after the last match n went to %d saying %q, want the first and a word", m.reader.find.cur, m.notice)
		}
		press(m, "N")
		if m.reader.find.cur != 3 {
			t.Errorf("N from the first went to %d, want the last", m.reader.find.cur)
		}
		if s := ansi.Strip(m.statusLine()); !strings.Contains(s, "4/4") {
			t.Errorf("status %q does not say 4/4", s)
		}
	})
	t.Run("esc ends the find and then n is the next article again", func(t *testing.T) {
		m := readerModel(t, 80, 20, findBody())
		press(m, "/")
		typeText(m, "needle")
		press(m, "enter", "esc")
		if m.reader.find != nil || m.focus != focusReader {
			t.Fatalf("esc left find %v focus %v, want no find and the reader", m.reader.find, m.focus)
		}
		settle(t, m, press(m, "n"))
		if selectedID(m) != "a2" {
			t.Errorf("n without a find opened %q, want the next article", selectedID(m))
		}
	})
	t.Run("esc while typing gives up and goes back to where reading was", func(t *testing.T) {
		m := readerModel(t, 80, 20, findBody())
		press(m, "j", "j")
		before := m.reader.vp.YOffset()
		press(m, "/")
		typeText(m, "bold")
		press(m, "esc")
		if m.reader.find != nil || m.reader.vp.YOffset() != before {
			t.Errorf("after esc find %v at %d, want none at %d", m.reader.find, m.reader.vp.YOffset(), before)
		}
	})
	t.Run("a find starts at the screen being read, not the top", func(t *testing.T) {
		m := readerModel(t, 80, 20, findBody())
		press(m, "G")
		press(m, "/")
		typeText(m, "needle")
		if m.reader.find.cur != 3 {
			t.Errorf("from the bottom the current match is %d, want the last (3)", m.reader.find.cur)
		}
	})
	t.Run("case is ignored unless the query has a capital", func(t *testing.T) {
		m := readerModel(t, 80, 20, findBody())
		press(m, "/")
		typeText(m, "Needle")
		if n := len(m.reader.find.matches); n != 1 {
			t.Errorf("Needle matched %d times, want once", n)
		}
	})
	t.Run("nothing found says so and does not move", func(t *testing.T) {
		m := readerModel(t, 80, 20, findBody())
		press(m, "/")
		typeText(m, "zebra")
		if s := ansi.Strip(m.statusLine()); !strings.Contains(s, "not found") || m.reader.vp.YOffset() != 0 {
			t.Errorf("status %q at %d, want not found at 0", s, m.reader.vp.YOffset())
		}
	})
	t.Run("enter on an empty prompt finds the last find again", func(t *testing.T) {
		m := readerModel(t, 80, 20, findBody())
		press(m, "/")
		typeText(m, "needle")
		press(m, "enter", "esc", "/", "enter")
		if f := m.reader.find; f == nil || f.query != "needle" {
			t.Errorf("find %+v, want needle again", f)
		}
	})
	t.Run("slash in the list still filters the list", func(t *testing.T) {
		m := newTestModel(t, 80, 20, &fakeSource{}, sampleArticles())
		press(m, "/")
		if !m.filtering || m.inside.prompt != promptNone {
			t.Errorf("filtering %v prompt %v, want the list filter", m.filtering, m.inside.prompt)
		}
	})
}

func TestFindSurvivesAResize(t *testing.T) {
	for _, sz := range [][2]int{{60, 20}, {44, 12}, {120, 30}} {
		t.Run(fmt.Sprintf("from 80 columns to %d keeps the third match current and on screen", sz[0]), func(t *testing.T) {
			m := readerModel(t, 80, 20, findBody())
			press(m, "/")
			typeText(m, "needle")
			press(m, "enter", "n", "n")
			settle(t, m, m.resize(sz[0], sz[1]))
			f := m.reader.find
			if f == nil || f.cur != 2 || len(f.matches) != 4 {
				t.Fatalf("after resize find %+v, want match 3 of 4", f)
			}
			line, ok := current(m)
			if !ok {
				t.Error("the current match is not on screen")
			}
			if got := string(m.reader.lineTexts()[line].lower); !strings.Contains(got, "paragraph 15") && !strings.Contains(got, "needle") {
				t.Errorf("the current match is on line %q", got)
			}
		})
	}
}

func TestTheTextComesWithTheRendering(t *testing.T) {
	m := readerModel(t, 80, 20, findBody())
	if m.reader.text == nil {
		t.Error("the rendering came without its text")
	}
	settle(t, m, m.resize(60, 20))
	if cmd := m.resize(80, 20); cmd != nil {
		t.Fatal("the rendering at 80 columns was not taken from the cache")
	}
	if m.reader.text == nil {
		t.Error("the rendering from the cache came without its text")
	}
	if got, want := m.reader.text, textOf(m.reader.lines); fmt.Sprint(got) != fmt.Sprint(want) {
		t.Error("the text kept is not the text of the lines")
	}
}

func TestFindGoldenViews(t *testing.T) {
	for _, sz := range []struct {
		name string
		w, h int
	}{{"narrow", 60, 20}, {"wide", 160, 30}} {
		t.Run(sz.name, func(t *testing.T) {
			m := readerModel(t, sz.w, sz.h, findBody())
			press(m, "/")
			typeText(m, "needle")
			press(m, "enter", "n")
			golden.RequireEqual(t, ansi.Strip(m.View().Content))
		})
	}
}

func TestFindPaintsMatches(t *testing.T) {
	bold, red := ansi.SGR(ansi.AttrBold), ansi.SGR(ansi.AttrRedForegroundColor)
	reset := ansi.ResetStyle
	tests := []struct {
		name, line, query string
		want              []string // the texts painted, in order
	}{
		{"a match across styled words", "the " + bold + "quick" + reset + " " + red + "brown" + reset + " fox", "quick brown", []string{"quick brown"}},
		{"a match inside a word", red + "newspaper" + reset, "spa", []string{"spa"}},
		{"CJK text", "日本" + bold + "経済" + reset + "のニュース", "本経", []string{"本経"}},
		{"two matches on a line", "go go " + bold + "go" + reset, "go", []string{"go", "go", "go"}},
		{"no match", bold + "nothing" + reset + " here", "zebra", nil},
		{"emoji and accents", "café 🎉 naïve", "naïve", []string{"naïve"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := newReaderPane()
			r.vp.SetHeight(5)
			r.vp.SetWidth(80)
			r.lines = []string{tt.line}
			r.vp.SetContentLines(r.lines)
			r.startFind(tt.query, 0)
			if len(r.find.matches) != len(tt.want) {
				t.Fatalf("%d matches, want %d", len(r.find.matches), len(tt.want))
			}
			out := tt.line
			if len(tt.want) > 0 {
				out = r.findLines(lipgloss.NewStyle().Underline(true), lipgloss.NewStyle().Reverse(true))[0]
			}
			if ansi.Strip(out) != ansi.Strip(tt.line) {
				t.Errorf("painting changed the text: %q", ansi.Strip(out))
			}
			if got := painted(out); strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("painted %q, want %q", got, tt.want)
			}
		})
	}
}

// painted returns the runs of text that are underlined or reversed in s.
func painted(s string) []string {
	var out []string
	var cur strings.Builder
	on := false
	flush := func() {
		if cur.Len() > 0 {
			out = append(out, cur.String())
			cur.Reset()
		}
	}
	forEachPart(s, func(part string, isText bool) {
		if !isText {
			switch {
			case part == ansi.SGR(ansi.AttrUnderline) || part == ansi.SGR(ansi.AttrReverse) || strings.Contains(part, "[4m") || strings.Contains(part, "[7m"):
				if !on {
					on = true
				}
			case isReset(part):
				on = false
			}
			return
		}
		if on {
			cur.WriteString(part)
		} else {
			flush()
		}
	})
	flush()
	return out
}

func TestFindInALongStoryCountsWhatIsRendered(t *testing.T) {
	body := benchStory(20_000)
	m := newTestModel(t, 100, 30, &fakeSource{bodies: map[string]string{"a1": body}}, sampleArticles())
	m.single = true
	msgs, run := cmdRunner()
	run(press(m, "enter"))
	first := (<-msgs).(renderedMsg)
	m.Update(first)
	if m.reader.complete {
		t.Skip("the story rendered in one part")
	}
	press(m, "/")
	typeText(m, "fox")
	partial := len(m.reader.find.matches)
	if s := ansi.Strip(m.statusLine()); !strings.Contains(s, "+") {
		t.Errorf("status %q does not say more is coming", s)
	}
	press(m, "enter", "n", "n")
	settle(t, m, m.rend.renderCmd(m.reader.renderContext(m.ctx), m.job(m.reader.article, 0, m.reader.want, m.reader.version), false))
	f := m.reader.find
	if len(f.matches) <= partial || f.cur != 2 {
		t.Errorf("after the whole story: %d matches (first part %d), current %d; want more, current 2", len(f.matches), partial, f.cur)
	}
	_ = tea.KeyPressMsg{}
	_ = articles.Article{}
}
