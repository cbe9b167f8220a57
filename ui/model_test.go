package ui

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"newsread/articles"
)

func ids(es []*entry) []string {
	out := make([]string, len(es))
	for i, e := range es {
		out[i] = e.id
	}
	return out
}

func TestListOrder(t *testing.T) {
	day := func(d int) time.Time { return fixedNow.Add(-time.Duration(d) * 24 * time.Hour) }
	tests := []struct {
		name    string
		batches [][]articles.Article
		want    []string
	}{
		{
			name:    "dated articles come newest first",
			batches: [][]articles.Article{{{ID: "old", Published: day(3)}, {ID: "new", Published: day(1)}, {ID: "mid", Published: day(2)}}},
			want:    []string{"new", "mid", "old"},
		},
		{
			name:    "undated articles follow the dated ones in arrival order",
			batches: [][]articles.Article{{{ID: "u1"}, {ID: "d1", Published: day(1)}, {ID: "u2"}}, {{ID: "u3"}, {ID: "d2", Published: day(5)}}},
			want:    []string{"d1", "d2", "u1", "u2", "u3"},
		},
		{
			name:    "equal dates go by source, then path, not by arrival",
			batches: [][]articles.Article{{{ID: "y", Source: "b", Published: day(1)}}, {{ID: "x", Source: "b", Path: "/2", Published: day(1)}, {ID: "w", Source: "a", Path: "/9", Published: day(1)}}},
			want:    []string{"w", "y", "x"},
		},
		{
			name:    "a later batch with newer articles goes on top",
			batches: [][]articles.Article{{{ID: "a", Published: day(4)}}, {{ID: "b", Published: day(0)}}},
			want:    []string{"b", "a"},
		},
		{
			name:    "an ID seen before is not listed twice",
			batches: [][]articles.Article{{{ID: "a", Published: day(1)}}, {{ID: "a", Published: day(0)}}},
			want:    []string{"a"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := newListPane()
			for _, b := range tt.batches {
				l.add(0, b)
			}
			if got := ids(l.all); !slices.Equal(got, tt.want) {
				t.Errorf("order = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestMergeSortedAgreesWithSorting(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	l := newListPane()
	var all []articles.Article
	for b := range 20 {
		var batch []articles.Article
		for i := range 50 {
			a := articles.Article{ID: fmt.Sprintf("%d-%d", b, i)}
			if rng.IntN(4) > 0 {
				a.Published = fixedNow.Add(-time.Duration(rng.IntN(1000)) * time.Hour)
			}
			batch = append(batch, a)
		}
		all = append(all, batch...)
		l.add(0, batch)
	}
	want := slices.Clone(l.all)
	slices.SortFunc(want, compareEntries)
	if !slices.Equal(ids(l.all), ids(want)) {
		t.Fatal("merged list is not sorted")
	}
	if len(l.all) != len(all) {
		t.Fatalf("len = %d, want %d", len(l.all), len(all))
	}
}

func TestBatchesKeepTheCursorOnTheSameArticle(t *testing.T) {
	src := &fakeSource{}
	m := newTestModel(t, 60, 6, src, sampleArticles())
	press(m, "j", "j")
	if got := selectedID(m); got != "a3" {
		t.Fatalf("selected %q before the batch, want a3", got)
	}
	row := m.list.cursor - m.list.offset
	m.Update(batchMsg{batches: []sourceBatch{{batch: articles.Batch{Articles: []articles.Article{
		{ID: "n1", Title: "Newer", Published: fixedNow},
		{ID: "n2", Title: "Newer still", Published: fixedNow.Add(time.Second)},
		{ID: "u9", Title: "Undated"},
	}}}}})
	if got := selectedID(m); got != "a3" {
		t.Errorf("selected %q after the batch, want a3", got)
	}
	if got := m.list.cursor - m.list.offset; got != row {
		t.Errorf("cursor moved from screen row %d to %d", row, got)
	}
	if m.list.cursor != 4 {
		t.Errorf("cursor index = %d, want 4", m.list.cursor)
	}
}

func TestFilter(t *testing.T) {
	tests := []struct {
		name      string
		typed     string
		finish    string
		wantIDs   []string
		wantQuery string
	}{
		{name: "typing narrows the list case-insensitively", typed: "UNDATED", finish: "enter", wantIDs: []string{"a6", "a7"}, wantQuery: "undated"},
		{name: "enter keeps the filter", typed: "old news", finish: "enter", wantIDs: []string{"a5"}, wantQuery: "old news"},
		{name: "esc clears the filter", typed: "old", finish: "esc", wantIDs: []string{"a1", "a2", "a3", "a4", "a5", "a6", "a7"}},
		{name: "a wide-character query matches", typed: "日本", finish: "enter", wantIDs: []string{"a2"}, wantQuery: "日本"},
		{name: "no match leaves an empty list", typed: "zzz", finish: "enter", wantIDs: []string{}, wantQuery: "zzz"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := newTestModel(t, 60, 20, &fakeSource{}, sampleArticles())
			press(m, "/")
			if !m.filtering {
				t.Fatal("/ did not start the filter")
			}
			typeText(m, tt.typed)
			press(m, tt.finish)
			if m.filtering {
				t.Error("still typing the filter")
			}
			if got := ids(m.list.view()); !slices.Equal(got, tt.wantIDs) {
				t.Errorf("view = %v, want %v", got, tt.wantIDs)
			}
			if m.list.query != tt.wantQuery {
				t.Errorf("query = %q, want %q", m.list.query, tt.wantQuery)
			}
		})
	}
}

func TestFilterShowsTheMatchCountWhileTyping(t *testing.T) {
	m := newTestModel(t, 80, 20, &fakeSource{}, sampleArticles())
	press(m, "/")
	typeText(m, "un")
	if got := ansi.Strip(m.statusLine()); !strings.Contains(got, "3/7 match") {
		t.Errorf("status %q lacks the match count", got)
	}
	typeText(m, "d")
	if got := ids(m.list.view()); !slices.Equal(got, []string{"a6", "a7"}) {
		t.Errorf("view = %v", got)
	}
	m.Update(keyMsg("backspace"))
	if got := len(m.list.view()); got != 3 {
		t.Errorf("after deleting to %q, %d match, want 3", m.input.Value(), got)
	}
}

func TestFilterKeepsNewArrivalsFiltered(t *testing.T) {
	m := newTestModel(t, 60, 20, &fakeSource{}, sampleArticles())
	press(m, "/")
	typeText(m, "news")
	m.Update(batchMsg{batches: []sourceBatch{{batch: articles.Batch{Articles: []articles.Article{
		{ID: "b1", Title: "Breaking news", Published: fixedNow}, {ID: "b2", Title: "Weather"},
	}}}}})
	if got := ids(m.list.view()); !slices.Equal(got, []string{"b1", "a5"}) {
		t.Errorf("view = %v, want [b1 a5]", got)
	}
}

func TestOverlays(t *testing.T) {
	tests := []struct {
		name, open, want string
		overlay          overlay
	}{
		{name: "question mark shows every key", open: "?", want: "half page down", overlay: overlayHelp},
		{name: "exclamation mark lists the problems", open: "!", want: "bad.xml", overlay: overlayProblems},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := newTestModel(t, 100, 30, &fakeSource{}, nil)
			m.Update(batchMsg{batches: []sourceBatch{{batch: articles.Batch{Problems: []articles.Problem{{Where: "bad.xml", Err: errGone}}}}}})
			if got := ansi.Strip(m.statusLine()); !strings.Contains(got, "1 problem — ! to list") {
				t.Errorf("status %q lacks the problems count", got)
			}
			press(m, tt.open)
			if m.overlay != tt.overlay || !strings.Contains(ansi.Strip(m.screen()), tt.want) {
				t.Errorf("overlay %v, screen:\n%s", m.overlay, ansi.Strip(m.screen()))
			}
			press(m, "esc")
			if m.overlay != overlayNone {
				t.Error("esc did not close the overlay")
			}
		})
	}
}

func TestQuitKeys(t *testing.T) {
	tests := []struct {
		name     string
		keys     []string
		wantQuit bool
	}{
		{name: "q quits from the list", keys: []string{"q"}, wantQuit: true},
		{name: "ctrl+c quits from the list", keys: []string{"ctrl+c"}, wantQuit: true},
		{name: "ctrl+c quits from the reader", keys: []string{"enter", "ctrl+c"}, wantQuit: true},
		{name: "ctrl+c quits while filtering", keys: []string{"/", "ctrl+c"}, wantQuit: true},
		{name: "q in the reader goes back", keys: []string{"enter", "q"}, wantQuit: false},
		{name: "q while filtering is typed", keys: []string{"/", "q"}, wantQuit: false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := newTestModel(t, 60, 20, &fakeSource{}, sampleArticles())
			cmd := press(m, tt.keys...)
			if got := isQuit(cmd); got != tt.wantQuit {
				t.Errorf("quit = %v, want %v", got, tt.wantQuit)
			}
			if tt.wantQuit && m.ctx.Err() == nil {
				t.Error("sources not cancelled")
			}
		})
	}
}

func TestWideLayoutFollowsTheCursorOnceItRests(t *testing.T) {
	src := &fakeSource{}
	m := newTestModel(t, 160, 45, src, sampleArticles())
	press(m, "j", "j", "j")
	if src.opened.Load() != 0 {
		t.Fatal("opened while the cursor moved")
	}
	m.Update(settledMsg{gen: m.selGen - 1})
	if m.reader.entry != nil && m.reader.entry.id == "a4" {
		t.Fatal("an old settle tick opened the article")
	}
	_, cmd := m.Update(settledMsg{gen: m.selGen})
	settle(t, m, cmd)
	if got := m.reader.entry.id; got != "a4" {
		t.Errorf("reader shows %q, want a4", got)
	}
	press(m, "tab")
	if m.focus != focusReader {
		t.Error("tab did not move focus to the reader")
	}
	press(m, "tab")
	if m.focus != focusList {
		t.Error("tab did not move focus back")
	}
}

func TestBackgroundColour(t *testing.T) {
	tests := []struct {
		name, style string
		dark        bool
		want        string
	}{
		{name: "a light terminal switches to light", style: "", dark: false, want: "light"},
		{name: "a dark terminal stays dark", style: "", dark: true, want: "dark"},
		{name: "an explicit style is kept", style: "dark", dark: false, want: "dark"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, err := New(Options{Style: tt.style, Now: clock})
			if err != nil {
				t.Fatal(err)
			}
			if m.glamourStyle() != "dark" {
				t.Fatal("did not start dark")
			}
			m.Update(tea.BackgroundColorMsg{Color: bg(tt.dark)})
			if got := m.glamourStyle(); got != tt.want {
				t.Errorf("style = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestBackgroundChangeRerendersTheOpenArticle(t *testing.T) {
	m, _ := New(Options{Sources: []Source{&fakeSource{}}, Now: clock})
	m.Update(tea.WindowSizeMsg{Width: 60, Height: 20})
	m.Update(batchMsg{batches: []sourceBatch{{batch: articles.Batch{Articles: sampleArticles()}}}})
	settle(t, m, press(m, "enter"))
	_, cmd := m.Update(tea.BackgroundColorMsg{Color: bg(false)})
	settle(t, m, cmd)
	if !strings.HasPrefix(m.reader.want.style, "light") {
		t.Errorf("reader style %q", m.reader.want.style)
	}
}

func TestNewRejectsAnUnreadableStyleFile(t *testing.T) {
	if _, err := New(Options{Style: "testdata/no-such-style.json"}); err == nil {
		t.Error("no error for a missing style file")
	}
}

func TestNoColorUsesPlainStyles(t *testing.T) {
	m, _ := New(Options{NoColor: true})
	if m.glamourStyle() != "notty" {
		t.Errorf("glamour style %q, want notty", m.glamourStyle())
	}
	if m.Init() == nil {
		t.Error("no init command")
	}
}
