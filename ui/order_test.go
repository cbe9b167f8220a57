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

// sameDayCorpus is a folder copied in one go: every file has the same
// date, from two sources, with a few articles of other dates among them.
func sameDayCorpus() []articles.Article {
	day := fixedNow.Add(-24 * time.Hour)
	var as []articles.Article
	for i := range 12 {
		src := []string{"notes", "archive"}[i%2]
		as = append(as, articles.Article{
			ID:        fmt.Sprintf("%s/%02d.md", src, i),
			Title:     fmt.Sprintf("Article %d", i),
			Source:    src,
			Path:      fmt.Sprintf("/home/u/%s/%02d.md", src, i),
			Published: day,
		})
	}
	as = append(as,
		articles.Article{ID: "newer", Source: "notes", Path: "/z", Published: fixedNow},
		articles.Article{ID: "older", Source: "archive", Path: "/a", Published: day.Add(-time.Hour)},
		articles.Article{ID: "same-path", Source: "notes", Path: "/home/u/notes/00.md", Published: day},
	)
	return as
}

func TestEqualDatesSortTheSameWhateverTheArrivalOrder(t *testing.T) {
	want := []string{"newer",
		"archive/01.md", "archive/03.md", "archive/05.md", "archive/07.md", "archive/09.md", "archive/11.md",
		"notes/00.md", "same-path", "notes/02.md", "notes/04.md", "notes/06.md", "notes/08.md", "notes/10.md",
		"older"}
	rng := rand.New(rand.NewPCG(7, 11))
	tests := []struct {
		name    string
		arrange func([]articles.Article) [][]articles.Article
	}{
		{"in one batch as listed", func(as []articles.Article) [][]articles.Article { return [][]articles.Article{as} }},
		{"in one batch reversed", func(as []articles.Article) [][]articles.Article {
			slices.Reverse(as)
			return [][]articles.Article{as}
		}},
		{"one article a batch, reversed", func(as []articles.Article) [][]articles.Article {
			var out [][]articles.Article
			for i := len(as) - 1; i >= 0; i-- {
				out = append(out, as[i:i+1])
			}
			return out
		}},
		{"in shuffled batches of three", func(as []articles.Article) [][]articles.Article {
			rng.Shuffle(len(as), func(i, j int) { as[i], as[j] = as[j], as[i] })
			var out [][]articles.Article
			for len(as) > 0 {
				n := min(3, len(as))
				out, as = append(out, as[:n]), as[n:]
			}
			return out
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := newListPane()
			for _, b := range tt.arrange(sameDayCorpus()) {
				l.add(0, b)
			}
			if got := ids(l.all); !slices.Equal(got, want) {
				t.Errorf("order = %v\nwant    %v", got, want)
			}
		})
	}
}

func TestUndatedArticlesGoBySourceThenArrival(t *testing.T) {
	l := newListPane()
	l.add(1, []articles.Article{{ID: "b1"}, {ID: "b2"}})
	l.add(0, []articles.Article{{ID: "a1"}})
	l.add(1, []articles.Article{{ID: "b3"}})
	l.add(0, []articles.Article{{ID: "a2"}, {ID: "d", Published: fixedNow}})
	want := []string{"d", "a1", "a2", "b1", "b2", "b3"}
	if got := ids(l.all); !slices.Equal(got, want) {
		t.Errorf("order = %v, want %v", got, want)
	}
}

func TestAReplacedArticleThatChangesSourceMoves(t *testing.T) {
	day := fixedNow.Add(-time.Hour)
	l := newListPane()
	l.add(0, []articles.Article{{ID: "x", Source: "b", Published: day}, {ID: "y", Source: "c", Published: day}})
	l.add(0, []articles.Article{{ID: "y", Source: "a", Published: day}})
	if got, want := ids(l.all), []string{"y", "x"}; !slices.Equal(got, want) {
		t.Errorf("order = %v, want %v", got, want)
	}
	if i, ok := slices.BinarySearchFunc(l.all, l.ids.get("x"), compareEntries); !ok || i != 1 {
		t.Errorf("x is not found where it is: %d, %v", i, ok)
	}
}

// arrivalsOldestFirst are batches from two sources that arrive oldest
// first, each newer than the last, as a slow feed after a fast folder.
func arrivalsOldestFirst() []sourceBatch {
	at := func(d int) time.Time { return fixedNow.Add(-time.Duration(d) * 24 * time.Hour) }
	var out []sourceBatch
	for b := range 6 {
		var as []articles.Article
		for i := range 5 {
			d := 1000 - b*100 - i
			as = append(as, articles.Article{ID: fmt.Sprintf("s%d-%d", b%2, d), Title: fmt.Sprintf("Day %d", d), Source: fmt.Sprintf("src%d", b%2), Published: at(d)})
		}
		out = append(out, sourceBatch{src: b % 2, batch: articles.Batch{Articles: as, Seen: 5 * (b/2 + 1)}})
	}
	return out
}

func TestTheTopRowIsSelectedUntilTheUserMoves(t *testing.T) {
	for _, size := range []struct{ w, h int }{{80, 8}, {140, 8}} {
		t.Run(fmt.Sprintf("at %dx%d the newest article is selected and on screen after every batch", size.w, size.h), func(t *testing.T) {
			m, err := New(Options{Sources: []Source{&fakeSource{name: "a"}, &fakeSource{name: "b"}}, Now: clock, Style: "dark"})
			if err != nil {
				t.Fatal(err)
			}
			m.Update(tea.WindowSizeMsg{Width: size.w, Height: size.h})
			for i, sb := range arrivalsOldestFirst() {
				m.Update(batchMsg{gen: m.gen, batches: []sourceBatch{sb}})
				top := m.list.view()[0]
				if m.list.sel != top || m.list.cursor != 0 || m.list.offset != 0 {
					t.Fatalf("after batch %d: selected %s at row %d, offset %d; want the top row %s", i, selectedID(m), m.list.cursor, m.list.offset, top.id)
				}
				if first := ansi.Strip(m.screen()); !strings.HasPrefix(first, " "+top.title) {
					t.Fatalf("after batch %d the screen starts %q, want %q", i, strings.SplitN(first, "\n", 2)[0], top.title)
				}
			}
			if !m.wide() {
				return
			}
			// The reader follows the top row once the cursor rests on it.
			_, cmd := m.Update(settledMsg{gen: m.selGen})
			settle(t, m, cmd)
			if m.reader.entry != m.list.view()[0] {
				t.Errorf("the reader shows %v, want the top article", m.reader.entry.id)
			}
			if got := ansi.Strip(strings.Join(m.readerLines(m.readerWidth(), m.bodyHeight()), "\n")); !strings.Contains(got, "Day 496") {
				t.Errorf("the reader pane does not show the top article:\n%s", got)
			}
		})
	}
	tests := []struct {
		name string
		keys []string
	}{
		{"after j and k, arrivals keep the cursor on its article", []string{"j", "k"}},
		{"after g, arrivals keep the cursor on its article", []string{"g"}},
		{"after opening the top article, arrivals keep the cursor on it", []string{"enter"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := newTestModel(t, 80, 8, &fakeSource{}, sampleArticles())
			press(m, tt.keys...)
			m.Update(batchMsg{batches: []sourceBatch{{batch: articles.Batch{Articles: []articles.Article{{ID: "n", Title: "Newest", Published: fixedNow}}}}}})
			if got := selectedID(m); got != "a1" {
				t.Errorf("selected %s after a newer arrival, want a1", got)
			}
		})
	}
	t.Run("a mouse wheel over the list pins the cursor too", func(t *testing.T) {
		m := newTestModel(t, 80, 8, &fakeSource{}, sampleArticles())
		m.Update(tea.MouseWheelMsg{Button: tea.MouseWheelDown})
		m.Update(tea.MouseWheelMsg{Button: tea.MouseWheelUp})
		m.Update(batchMsg{batches: []sourceBatch{{batch: articles.Batch{Articles: []articles.Article{{ID: "n", Title: "Newest", Published: fixedNow}}}}}})
		if got := selectedID(m); got != "a1" {
			t.Errorf("selected %s after a newer arrival, want a1", got)
		}
	})
}

func TestTheFirstArticleRendersWithoutWaitingToSettle(t *testing.T) {
	m, err := New(Options{Sources: []Source{&fakeSource{}}, Now: clock, Style: "dark"})
	if err != nil {
		t.Fatal(err)
	}
	m.Update(tea.WindowSizeMsg{Width: 140, Height: 20})
	_, cmd := m.Update(batchMsg{batches: []sourceBatch{{batch: articles.Batch{Articles: sampleArticles()}}}})
	if m.reader.entry == nil || m.reader.entry.id != "a1" {
		t.Fatalf("the reader waits for the cursor to settle before showing the first article")
	}
	gen := m.reader.gen
	settle(t, m, cmd)
	if m.reader.gen != gen || m.reader.lines == nil {
		t.Error("the first article's rendering did not come from the first command")
	}
	t.Run("later moves still wait to settle", func(t *testing.T) {
		press(m, "j")
		if m.reader.entry.id != "a1" {
			t.Error("the reader followed j before the cursor rested")
		}
	})
}

func TestOneArticleAloneOpensInTheReader(t *testing.T) {
	story := articles.Article{ID: "story.md", Title: "The only story", Source: "story.md", Published: fixedNow}
	for _, w := range []int{60, 160} {
		t.Run(fmt.Sprintf("at width %d it opens at once over the whole width and esc shows the one-row list", w), func(t *testing.T) {
			src := &fakeSource{bodies: map[string]string{"story.md": "Only **words** here."}}
			m, err := New(Options{Sources: []Source{src}, Now: clock, Style: "dark", OpenSingle: true})
			if err != nil {
				t.Fatal(err)
			}
			m.Update(tea.WindowSizeMsg{Width: w, Height: 12})
			_, cmd := m.Update(batchMsg{batches: []sourceBatch{{batch: articles.Batch{Articles: []articles.Article{story}, Seen: 1, Done: true}}}, closed: true})
			if m.focus != focusReader || m.reader.entry == nil {
				t.Fatal("the article did not open in the reader")
			}
			settle(t, m, cmd)
			if m.wide() || m.readerWidth() != w {
				t.Errorf("reader width %d of %d, want the whole width in one pane", m.readerWidth(), w)
			}
			screen := ansi.Strip(m.screen())
			if !strings.Contains(screen, "Only words here.") || strings.Contains(screen, "│") {
				t.Errorf("the screen is not the article alone:\n%s", screen)
			}
			press(m, "esc")
			if m.focus != focusList {
				t.Fatal("esc did not leave the reader")
			}
			screen = ansi.Strip(m.screen())
			if !strings.HasPrefix(screen, " The only story") || strings.Count(screen, "The only story") != 1 {
				t.Errorf("esc does not show the one-row list:\n%s", screen)
			}
			m.Update(batchMsg{batches: []sourceBatch{{batch: articles.Batch{Articles: []articles.Article{story}}}}})
			if m.focus != focusList {
				t.Error("the article came again and reopened the reader")
			}
		})
	}
	t.Run("without the option a single article waits in the list", func(t *testing.T) {
		m := newTestModel(t, 60, 12, &fakeSource{}, []articles.Article{story})
		if m.focus != focusList {
			t.Error("the reader opened")
		}
	})
}

// singleSource is a source that turns out to be one article on its own,
// as one article piped in does.
type singleSource struct{ *fakeSource }

func (singleSource) Single() bool { return true }

func TestAPipedArticleAloneOpensOnceItIsRead(t *testing.T) {
	story := articles.Article{ID: "stdin", Title: "The piped story", Source: "stdin"}
	src := singleSource{&fakeSource{bodies: map[string]string{"stdin": "Piped **words**."}}}
	m, err := New(Options{Sources: []Source{src}, Now: clock, Style: "dark"})
	if err != nil {
		t.Fatal(err)
	}
	m.Update(tea.WindowSizeMsg{Width: 160, Height: 12})
	_, cmd := m.Update(batchMsg{batches: []sourceBatch{{batch: articles.Batch{Articles: []articles.Article{story}, Seen: 1, Done: true}}}, closed: true})
	if m.focus != focusReader || m.wide() {
		t.Fatalf("the piped article did not open alone in the reader (focus %v, wide %v)", m.focus, m.wide())
	}
	settle(t, m, cmd)
	if got := m.reader.vp.Width(); got != 160 {
		t.Errorf("the reader's viewport is %d wide, want the whole 160", got)
	}
	if screen := ansi.Strip(m.screen()); !strings.Contains(screen, "Piped words.") {
		t.Errorf("the article is not on screen:\n%s", screen)
	}
}

func TestArticlesThatComeBeforeTheSizeStillShowInTheReader(t *testing.T) {
	src := &fakeSource{bodies: map[string]string{"a1": "First **story**."}}
	m, err := New(Options{Sources: []Source{src}, Now: clock, Style: "dark"})
	if err != nil {
		t.Fatal(err)
	}
	m.Update(batchMsg{batches: []sourceBatch{{batch: articles.Batch{Articles: sampleArticles(), Seen: 3, Done: true}}}, closed: true})
	_, cmd := m.Update(tea.WindowSizeMsg{Width: 160, Height: 20})
	if cmd == nil || m.reader.entry == nil || m.reader.entry != m.list.sel {
		t.Fatal("the reader beside the list does not show the selected article")
	}
	settle(t, m, cmd)
	if screen := ansi.Strip(m.screen()); strings.Contains(screen, "No article selected") {
		t.Errorf("the reader is empty:\n%s", screen)
	}
}
