package ui

import (
	"fmt"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"
)

func TestOutlineOfMarkdown(t *testing.T) {
	tests := []struct {
		name string
		md   string
		want []heading
	}{
		{"ATX headings at every level", "# One\n\ntext\n\n## Two\n\n### Three ###\n\n###### Six\n",
			[]heading{{1, "One"}, {2, "Two"}, {3, "Three"}, {6, "Six"}}},
		{"setext headings", "Title\n=====\n\nSub\n---\n\ntext\n",
			[]heading{{1, "Title"}, {2, "Sub"}}},
		{"no heading inside a fenced code block", "# Real\n\n```sh\n# a comment\n```\n\n~~~\n## nope\n~~~\n\n## After\n",
			[]heading{{1, "Real"}, {2, "After"}}},
		{"links and emphasis show as their text", "## A [link](https://x.org) and **bold** `code`\n",
			[]heading{{2, "A link and bold code"}}},
		{"a hashtag or seven hashes is no heading", "#hashtag\n\n####### seven\n", nil},
		{"a rule under a list item is no heading", "- item\n---\n", nil},
		{"no headings at all", "just text\n", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := outlineOf(tt.md)
			if fmt.Sprint(got) != fmt.Sprint(tt.want) {
				t.Errorf("outlineOf = %v, want %v", got, tt.want)
			}
		})
	}
}

// sectionsBody is a story of n sections (## Section i: …) with a ###
// subsection in every fifth, paragraphs in between.
func sectionsBody(n int) string {
	var b strings.Builder
	b.WriteString("# The Big Article\n\nAn introduction.\n\n")
	for i := 1; i <= n; i++ {
		fmt.Fprintf(&b, "## Section %d: words of the heading %d\n\n", i, i)
		for p := range 3 {
			fmt.Fprintf(&b, "Paragraph %d of section %d, long enough to wrap on a narrow reader and fill the screen with text.\n\n", p, i)
		}
		if i%5 == 0 {
			fmt.Fprintf(&b, "### Subsection of %d\n\nMore text.\n\n", i)
		}
	}
	return b.String()
}

func TestOutline(t *testing.T) {
	t.Run("T lists the headings with the one being read under the cursor", func(t *testing.T) {
		m := readerModel(t, 80, 20, sectionsBody(12))
		for range 40 {
			press(m, "j")
		}
		press(m, "T")
		if m.overlay != overlayOutline {
			t.Fatal("the outline did not open")
		}
		o := m.inside.outline
		if len(o.items) != 15 {
			t.Fatalf("%d headings, want 15", len(o.items))
		}
		top := m.reader.vp.YOffset()
		if l := o.lines[o.cursor]; l > top || o.cursor+1 < len(o.lines) && o.lines[o.cursor+1] <= top {
			t.Errorf("cursor on heading %d at line %d, top is %d", o.cursor, l, top)
		}
	})
	t.Run("enter puts the chosen heading at the top of the reader", func(t *testing.T) {
		m := readerModel(t, 80, 20, sectionsBody(12))
		press(m, "T", "G", "k", "k", "k", "enter")
		if m.overlay != overlayNone {
			t.Fatal("the outline stayed open")
		}
		top := ansi.Strip(m.reader.lines[m.reader.vp.YOffset()])
		if !strings.Contains(top, "Section 10: words of the heading 10") {
			t.Errorf("the top line is %q, want section 10's heading", top)
		}
	})
	t.Run("esc closes it where reading was", func(t *testing.T) {
		m := readerModel(t, 80, 20, sectionsBody(12))
		press(m, "T", "j", "j", "esc")
		if m.overlay != overlayNone || m.reader.vp.YOffset() != 0 || m.focus != focusReader {
			t.Errorf("overlay %v offset %d focus %v", m.overlay, m.reader.vp.YOffset(), m.focus)
		}
	})
	t.Run("an article without headings says so", func(t *testing.T) {
		m := readerModel(t, 80, 20, "Just a paragraph.")
		press(m, "T")
		if m.overlay != overlayNone || !strings.Contains(m.notice, "no headings") {
			t.Errorf("overlay %v notice %q", m.overlay, m.notice)
		}
	})
	t.Run("every heading of 107 sections is found after a resize", func(t *testing.T) {
		m := readerModel(t, 100, 30, sectionsBody(107))
		settle(t, m, m.resize(61, 30))
		press(m, "T")
		for i, l := range m.inside.outline.lines {
			if l < 0 {
				t.Errorf("heading %d (%s) not found", i, m.inside.outline.items[i].text)
			}
		}
		press(m, "G", "enter")
		if l := m.inside.outline.lines[len(m.inside.outline.lines)-1]; !m.reader.vp.AtBottom() || l < m.reader.vp.YOffset() {
			t.Errorf("the last heading (line %d) is not on screen at the end (top %d)", l, m.reader.vp.YOffset())
		}
		press(m, "T", "g")
		for range 60 {
			press(m, "j")
		}
		press(m, "enter")
		top := ansi.Strip(m.reader.lines[m.reader.vp.YOffset()])
		if want := m.inside.outline.items[60].text; !strings.Contains(top, want) {
			t.Errorf("the top line is %q, want %q", top, want)
		}
	})
}

func TestOutlineGoldenViews(t *testing.T) {
	for _, sz := range []struct {
		name string
		w, h int
	}{{"narrow", 60, 20}, {"wide", 160, 30}} {
		t.Run(sz.name, func(t *testing.T) {
			m := readerModel(t, sz.w, sz.h, sectionsBody(12))
			press(m, "T", "j", "j", "j")
			golden.RequireEqual(t, ansi.Strip(m.View().Content))
		})
	}
}

func TestOutlineJumpsIntoThePartStillRendering(t *testing.T) {
	m := newTestModel(t, 80, 20, &fakeSource{bodies: map[string]string{"a1": sectionsBody(400)}}, sampleArticles())
	msgs, run := cmdRunner()
	run(press(m, "enter"))
	m.Update((<-msgs).(renderedMsg))
	if m.reader.complete {
		t.Skip("the story rendered in one part")
	}
	press(m, "T")
	o := m.inside.outline
	want := 300
	if o.lines[want] >= 0 {
		t.Fatalf("heading %d is already rendered", want)
	}
	press(m, "g")
	for range want {
		press(m, "j")
	}
	press(m, "enter")
	if !strings.Contains(m.notice, "once it is rendered") {
		t.Errorf("notice %q", m.notice)
	}
	settle(t, m, m.rend.renderCmd(m.reader.renderContext(m.ctx), m.job(m.reader.article, 0, m.reader.want, m.reader.version), false))
	top := ansi.Strip(m.reader.lines[m.reader.vp.YOffset()])
	if !strings.Contains(top, o.items[want].text) {
		t.Errorf("the top line is %q, want %q", top, o.items[want].text)
	}
}
