package ui

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"

	"newsread/articles"
)

func TestGoldenViews(t *testing.T) {
	sizes := []struct {
		name string
		w, h int
	}{
		{"narrow", 60, 20},
		{"medium", 100, 30},
		{"wide", 160, 45},
	}
	states := []struct {
		name string
		keys []string
	}{
		{name: "list", keys: []string{"j"}},
		{name: "reader", keys: []string{"j", "enter", "j"}},
		{name: "picker", keys: []string{"s", "j", "j"}},
	}
	for _, sz := range sizes {
		for _, st := range states {
			t.Run(sz.name+" "+st.name, func(t *testing.T) {
				src := &fakeSource{bodies: map[string]string{"a2": sampleBody(12)}}
				m := newTestModel(t, sz.w, sz.h, src, sampleArticles())
				m.Update(batchMsg{batches: []sourceBatch{{batch: articles.Batch{Problems: []articles.Problem{{Where: "feeds/bad.xml", Err: errGone}}}}}})
				for _, k := range st.keys {
					settle(t, m, press(m, k))
				}
				golden.RequireEqual(t, ansi.Strip(m.View().Content))
			})
		}
	}
}

func TestEveryRowFitsItsWidth(t *testing.T) {
	for w := 0; w <= 90; w++ {
		for _, e := range []*entry{newEntry(sampleArticles()[1]), newEntry(sampleArticles()[2])} {
			for _, cursor := range []bool{false, true} {
				row := listRow(e, w, look{st: newStyles(true, false), now: fixedNow, focused: true}, cursor)
				if got := ansi.StringWidth(row); got != w {
					t.Fatalf("row at width %d is %d wide: %q", w, got, ansi.Strip(row))
				}
			}
		}
	}
}

func TestEverySizeDrawsWithoutPanic(t *testing.T) {
	type size struct{ w, h int }
	var sizes []size
	for w := 0; w <= 30; w++ {
		for h := 0; h <= 12; h++ {
			sizes = append(sizes, size{w, h})
		}
	}
	sizes = append(sizes, size{99, 5}, size{100, 3}, size{100, 1}, size{101, 40}, size{250, 60}, size{400, 2})
	src := &fakeSource{bodies: map[string]string{"a1": sampleBody(5)}}
	m := newTestModel(t, 80, 24, src, sampleArticles())
	settle(t, m, press(m, "enter"))
	for _, state := range []string{"reader", "list", "help", "problems", "picker", "filter"} {
		switch state {
		case "list":
			press(m, "esc")
		case "help":
			press(m, "?")
		case "problems":
			press(m, "esc", "!")
		case "picker":
			press(m, "esc", "s")
		case "filter":
			press(m, "esc", "/", "x")
		}
		for _, s := range sizes {
			t.Run(fmt.Sprintf("%s at %dx%d", state, s.w, s.h), func(t *testing.T) {
				m.Update(tea.WindowSizeMsg{Width: s.w, Height: s.h})
				out := m.View().Content
				lines := strings.Split(out, "\n")
				if s.w == 0 || s.h == 0 {
					if out != "" {
						t.Errorf("drew %q on an empty screen", out)
					}
					return
				}
				if len(lines) != s.h {
					t.Errorf("%d lines, want %d", len(lines), s.h)
				}
				for i, l := range lines {
					if got := ansi.StringWidth(l); got != s.w {
						t.Errorf("line %d is %d wide, want %d: %q", i, got, s.w, ansi.Strip(l))
					}
				}
			})
		}
	}
}

func TestRelativeDate(t *testing.T) {
	tests := []struct {
		name     string
		t        time.Time
		fromFile bool
		want     string
	}{
		{name: "an unknown date is blank", want: ""},
		{name: "seconds ago is now", t: fixedNow.Add(-10 * time.Second), want: "now"},
		{name: "minutes ago counts minutes", t: fixedNow.Add(-5 * time.Minute), want: "5m"},
		{name: "hours ago counts hours", t: fixedNow.Add(-3 * time.Hour), want: "3h"},
		{name: "days ago counts days", t: fixedNow.Add(-50 * time.Hour), want: "2d"},
		{name: "this year shows month and day", t: time.Date(2024, 1, 4, 0, 0, 0, 0, time.UTC), want: "Jan 4"},
		{name: "an earlier year shows the year", t: time.Date(2021, 6, 1, 0, 0, 0, 0, time.UTC), want: "2021"},
		{name: "a file date is marked", t: fixedNow.Add(-3 * time.Hour), fromFile: true, want: "~3h"},
		{name: "a future date shows the calendar date", t: fixedNow.Add(48 * time.Hour), want: "Mar 12"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := relativeDate(tt.t, tt.fromFile, fixedNow); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestFirstPart(t *testing.T) {
	para := strings.Repeat("word ", 200) + "\n\n"
	fence := "```\n" + strings.Repeat("code line\n\ncode after a blank line\n", 400) + "```\n\n"
	tests := []struct {
		name     string
		md       string
		cells    int
		wantMore bool
		check    func(head string) bool
	}{
		{name: "a short story is rendered whole", md: para, wantMore: false, check: func(h string) bool { return h == para }},
		{name: "a long story is cut at a paragraph after a big screen's worth", md: strings.Repeat(para, 40), cells: 200 * 60, wantMore: true, check: func(h string) bool {
			return len(h) >= 200*60 && len(h) < 200*60+len(para) && strings.HasSuffix(h, "word \n")
		}},
		{name: "a small screen still gets a few KiB", md: strings.Repeat(para, 40), cells: 10, wantMore: true, check: func(h string) bool {
			return len(h) >= minFirstPart && len(h) < minFirstPart+len(para)
		}},
		{name: "a huge screen gets at most the bound", md: strings.Repeat(para, 40), cells: 1000 * 1000, wantMore: true, check: func(h string) bool {
			return len(h) >= firstPartBytes && len(h) < firstPartBytes+len(para)
		}},
		{name: "a cut never falls inside a code fence", md: strings.Repeat(para, 12) + fence + strings.Repeat(para, 20), wantMore: true, check: func(h string) bool {
			return strings.Count(h, "```")%2 == 0
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			head, more := firstPart(tt.md, tt.cells)
			if more != tt.wantMore || !tt.check(head) {
				t.Errorf("more = %v, head of %d bytes ending %q", more, len(head), head[max(0, len(head)-20):])
			}
		})
	}
}

func TestFindAnchor(t *testing.T) {
	lines := []string{"alpha beta", "gamma delta epsilon", "zeta", "alpha beta", "gamma"}
	tests := []struct {
		name   string
		anchor []string
		pct    float64
		want   int
	}{
		{name: "words split over lines are found", anchor: []string{"delta", "epsilon", "zeta"}, want: 1},
		{name: "the occurrence nearest the old position wins", anchor: []string{"alpha", "beta", "gamma"}, pct: 1, want: 3},
		{name: "missing words fall back to the percentage", anchor: []string{"omega"}, pct: 0.5, want: 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := findAnchor(lines, tt.anchor, tt.pct, 1); got != tt.want {
				t.Errorf("got %d, want %d", got, tt.want)
			}
		})
	}
}

func TestWaitForBatchTakesEveryWaitingBatch(t *testing.T) {
	ch := make(chan sourceBatch, 8)
	for i := range 3 {
		ch <- sourceBatch{batch: articles.Batch{Seen: i}}
	}
	close(ch)
	msg := waitForBatch(ch, 3)().(batchMsg)
	if len(msg.batches) != 3 || !msg.closed || msg.gen != 3 {
		t.Errorf("got %d batches, closed %v", len(msg.batches), msg.closed)
	}
}

func TestSourcesStreamIntoTheModel(t *testing.T) {
	src := &fakeSource{batches: []articles.Batch{
		{Articles: sampleArticles()[:3], Seen: 3},
		{Articles: sampleArticles()[3:], Seen: 7, Problems: []articles.Problem{{Where: "x", Err: errGone}}, Done: true},
	}}
	m, _ := New(Options{Sources: []Source{src, &fakeSource{}}, Now: clock, Style: "dark"})
	ch := make(chan sourceBatch, 4)
	startFetches(context.Background(), loads(m.sources), ch)()
	for !m.loaded {
		m.Update(waitForBatch(ch, m.gen)())
	}
	if len(m.list.all) != 7 || m.problems.len() != 1 {
		t.Errorf("%d articles, %d problems", len(m.list.all), m.problems.len())
	}
}

func TestLoadingShowsProgress(t *testing.T) {
	m, _ := New(Options{Sources: []Source{&fakeSource{}}, Now: clock, Style: "dark"})
	m.Update(tea.WindowSizeMsg{Width: 80, Height: 10})
	if got := ansi.Strip(m.View().Content); !strings.Contains(got, "Loading…") {
		t.Errorf("first screen:\n%s", got)
	}
	m.Update(batchMsg{batches: []sourceBatch{{batch: articles.Batch{Articles: sampleArticles(), Seen: 12345}}}})
	if got := ansi.Strip(m.statusLine()); !strings.Contains(got, "loading 12,345…") || !strings.Contains(got, "7 articles") {
		t.Errorf("status %q", got)
	}
}

func TestRenderArticle(t *testing.T) {
	a := sampleArticles()[0]
	a.Body = "Some **bold** text.\n\n- a list item\n"
	out, err := RenderArticle(a, "", 60)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Rust 2024 edition is out", "lobste.rs · Jane Doe · Sun, 10 Mar 2024 11:55", "https://example.com/rust-2024", "bold", "a list item"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if out != ansi.Strip(out) {
		t.Error("notty output holds escape sequences")
	}
}
