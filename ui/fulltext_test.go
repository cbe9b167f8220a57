package ui

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"newsread/articles"
)

// fakeFullTexter keeps full texts in memory and "fetches" pages from a
// map, counting the fetches.
type fakeFullTexter struct {
	mu      sync.Mutex
	kept    map[string]string // article ID → full text
	pages   map[string]string // link → the story on the page
	errs    map[string]error  // link → why its fetch fails
	auto    map[string]bool   // feed URL → full text when opened
	fetches int
}

func newFakeFullTexter() *fakeFullTexter {
	return &fakeFullTexter{kept: map[string]string{}, pages: map[string]string{}, errs: map[string]error{}, auto: map[string]bool{}}
}

func (f *fakeFullTexter) FullText(_ context.Context, a articles.Article, fetch bool) (articles.Article, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if body, ok := f.kept[a.ID]; ok {
		a.Body = body
		return a, nil
	}
	if !fetch {
		return a, ErrNoFullText
	}
	f.fetches++
	if err := f.errs[a.Link]; err != nil {
		return a, err
	}
	f.kept[a.ID] = f.pages[a.Link]
	a.Body = f.pages[a.Link]
	return a, nil
}

func (f *fakeFullTexter) Auto(a articles.Article) bool { return f.auto[a.Feed] }

func (f *fakeFullTexter) fetched() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.fetches
}

// feedArticles are summary-only feed items: two with links, one without.
func feedArticles() []articles.Article {
	return []articles.Article{
		{ID: "h1", Title: "Harbour reopens", Source: "Coast News", Feed: "http://coast.test/feed", Link: "http://coast.test/harbour", Published: fixedNow.Add(-time.Hour)},
		{ID: "l1", Title: "Lighthouse relit", Source: "Coast News", Feed: "http://coast.test/feed", Link: "http://coast.test/lighthouse", Published: fixedNow.Add(-2 * time.Hour)},
		{ID: "n1", Title: "Notice without a link", Source: "Coast News", Feed: "http://coast.test/feed", Published: fixedNow.Add(-3 * time.Hour)},
	}
}

func newFullTextModel(t testing.TB, ft FullTexter) *Model {
	t.Helper()
	src := &fakeSource{bodies: map[string]string{"h1": "Harbour summary in two lines.", "l1": "Lighthouse summary."}}
	m, err := New(Options{Sources: []Source{src}, Now: clock, Style: "dark", FullText: ft})
	if err != nil {
		t.Fatal(err)
	}
	m.Update(tea.WindowSizeMsg{Width: 70, Height: 20})
	as := feedArticles()
	m.Update(batchMsg{batches: []sourceBatch{{src: 0, batch: articles.Batch{Articles: as, Seen: len(as), Done: true}}}, closed: true})
	return m
}

// shows reports whether the screen holds s.
func shows(m *Model, s string) func() bool {
	return func() bool { return strings.Contains(ansi.Strip(m.screen()), s) }
}

func TestFullTextKey(t *testing.T) {
	ft := newFakeFullTexter()
	ft.pages["http://coast.test/harbour"] = "The whole harbour story, breakwater and all."
	m := newFullTextModel(t, ft)
	settle(t, m, press(m, "enter"))
	if !shows(m, "Harbour summary")() || !shows(m, "feed summary")() {
		t.Fatalf("the summary is not shown as such:\n%s", ansi.Strip(m.screen()))
	}
	t.Run("F fetches the full text and shows it in place of the summary", func(t *testing.T) {
		pump(t, m, press(m, "F"), shows(m, "breakwater and all"))
		if !shows(m, "full text")() || shows(m, "Harbour summary")() {
			t.Errorf("the screen does not say it shows the full text:\n%s", ansi.Strip(m.screen()))
		}
	})
	t.Run("F again goes back to the feed summary without fetching", func(t *testing.T) {
		pump(t, m, press(m, "F"), shows(m, "Harbour summary"))
		if !shows(m, "feed summary")() || ft.fetched() != 1 {
			t.Errorf("fetched %d times; screen:\n%s", ft.fetched(), ansi.Strip(m.screen()))
		}
	})
	t.Run("F a third time shows the kept full text, fetched once", func(t *testing.T) {
		pump(t, m, press(m, "F"), shows(m, "breakwater and all"))
		if ft.fetched() != 1 {
			t.Errorf("fetched %d times, want 1", ft.fetched())
		}
	})
	t.Run("the full text stays chosen when the article is opened again", func(t *testing.T) {
		settle(t, m, press(m, "n"))
		pump(t, m, press(m, "p"), shows(m, "breakwater and all"))
	})
}

func TestAKeptFullTextIsShownWhenOpened(t *testing.T) {
	ft := newFakeFullTexter()
	ft.kept["h1"] = "The kept story of the harbour."
	m := newFullTextModel(t, ft)
	pump(t, m, press(m, "enter"), shows(m, "kept story of the harbour"))
	if !shows(m, "full text")() || ft.fetched() != 0 {
		t.Errorf("fetched %d times; screen:\n%s", ft.fetched(), ansi.Strip(m.screen()))
	}
	t.Run("an article with none kept shows its summary", func(t *testing.T) {
		pump(t, m, press(m, "n"), shows(m, "Lighthouse summary"))
		if !shows(m, "feed summary")() {
			t.Errorf("screen:\n%s", ansi.Strip(m.screen()))
		}
	})
}

func TestFullTextFailuresKeepTheSummary(t *testing.T) {
	tests := []struct {
		name string
		err  error
		want string
	}{
		{"a page that is not there", errors.New("HTTP 404 Not Found"), "full text: HTTP 404 Not Found"},
		{"a page without an article", errors.New("no article found in the page"), "full text: no article found in the page"},
		{"an error message cannot move the cursor", errors.New("slow\x1b[2J server"), "full text: slow server"},
	}
	for _, tt := range tests {
		t.Run(tt.name+" is said and the summary stays", func(t *testing.T) {
			ft := newFakeFullTexter()
			ft.errs["http://coast.test/harbour"] = tt.err
			m := newFullTextModel(t, ft)
			settle(t, m, press(m, "enter"))
			pump(t, m, press(m, "F"), func() bool { return !m.full.busy["h1"] })
			if m.notice != tt.want {
				t.Errorf("notice %q, want %q", m.notice, tt.want)
			}
			if !shows(m, "Harbour summary")() || m.versionLabel() != "feed summary" {
				t.Errorf("the summary is gone:\n%s", ansi.Strip(m.screen()))
			}
		})
	}
	t.Run("an article without a link says so", func(t *testing.T) {
		m := newFullTextModel(t, newFakeFullTexter())
		press(m, "G")
		settle(t, m, press(m, "enter"))
		press(m, "F")
		if m.notice != "no link to fetch the full text from" || len(m.full.busy) != 0 {
			t.Errorf("notice %q, busy %v", m.notice, m.full.busy)
		}
	})
}

func TestFullTextOfAFeedThatAsksForIt(t *testing.T) {
	ft := newFakeFullTexter()
	ft.auto["http://coast.test/feed"] = true
	ft.pages["http://coast.test/harbour"] = "The automatic harbour story."
	ft.errs["http://coast.test/lighthouse"] = errors.New("HTTP 500 Internal Server Error")
	m := newFullTextModel(t, ft)
	t.Run("opening an item fetches its full text without a key", func(t *testing.T) {
		pump(t, m, press(m, "enter"), shows(m, "automatic harbour story"))
	})
	t.Run("a failed fetch is said and not tried again on the next opening", func(t *testing.T) {
		pump(t, m, press(m, "n"), func() bool { return m.notice == "full text: HTTP 500 Internal Server Error" })
		settle(t, m, press(m, "p"))
		settle(t, m, press(m, "n"))
		if ft.fetched() != 2 || len(m.full.busy) != 0 {
			t.Errorf("fetched %d times, want 2 (busy %v)", ft.fetched(), m.full.busy)
		}
	})
}

func TestAFullTextForAnArticleNoLongerShownIsKeptForLater(t *testing.T) {
	ft := newFakeFullTexter()
	m := newFullTextModel(t, ft)
	settle(t, m, press(m, "enter"))
	settle(t, m, press(m, "n"))
	full := feedArticles()[0]
	full.Body = "The late harbour story."
	m.Update(fullTextMsg{id: "h1", article: full, asked: true})
	if shows(m, "late harbour story")() || m.reader.entry.id != "l1" {
		t.Fatalf("a late answer changed the reader:\n%s", ansi.Strip(m.screen()))
	}
	pump(t, m, press(m, "p"), shows(m, "late harbour story"))
}

func TestWithoutAFullTexterTheKeyDoesNothing(t *testing.T) {
	m := newTestModel(t, 70, 20, &fakeSource{}, feedArticles())
	settle(t, m, press(m, "enter"))
	if cmd := press(m, "F"); cmd != nil || shows(m, "feed summary")() || shows(m, "full text")() {
		t.Errorf("F did something, or a version is named:\n%s", ansi.Strip(m.screen()))
	}
}

// The fetch a +fulltext feed starts on opening may answer before the
// first rendering, which looked for a kept full text a moment too early.
func TestAFullTextThatComesBeforeTheFirstRenderingIsShown(t *testing.T) {
	ft := newFakeFullTexter()
	ft.auto["http://coast.test/feed"] = true
	m := newFullTextModel(t, ft)
	press(m, "enter") // its commands are left to run: the messages come below, in the order of the race
	full := feedArticles()[0]
	full.Body = "The early harbour story."
	m.Update(fullTextMsg{id: "h1", article: full})
	_, cmd := m.Update(renderedMsg{key: m.reader.want, gen: m.reader.gen, content: "Harbour summary in two lines.", complete: true, fellBack: true})
	settle(t, m, cmd)
	if !shows(m, "early harbour story")() || m.versionLabel() != "full text" {
		t.Errorf("the summary stayed:\n%s", ansi.Strip(m.screen()))
	}
}
