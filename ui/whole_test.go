package ui

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"newsread/articles"
)

// headerSource lists headers only, as the archive does: Open gives the
// link, the author and the text; an article in notKept has no text kept
// and opens with an error, its header and link all the same.
type headerSource struct {
	fakeSource
	links   map[string]string
	notKept map[string]bool
}

func (h *headerSource) ListsHeaders() bool { return true }

func (h *headerSource) Open(ctx context.Context, a articles.Article) (articles.Article, error) {
	a.Link, a.Author = h.links[a.ID], "A. Writer"
	if h.notKept[a.ID] {
		h.opened.Add(1)
		return a, errors.New("this item has left its feed and its text was not kept")
	}
	return h.fakeSource.Open(ctx, a)
}

// headerModel lists two headers of one feed at w×24, with ft.
func headerModel(t testing.TB, w int, ft FullTexter) (*Model, *headerSource, *fakeLauncher) {
	t.Helper()
	src := &headerSource{links: map[string]string{"a1": "https://a.example/one", "a2": "https://a.example/two"}, notKept: map[string]bool{"a2": true}}
	src.bodies = map[string]string{"a1": "The summary of one."}
	fl := &fakeLauncher{}
	m, err := New(Options{Sources: []Source{src}, Now: clock, Style: "dark", Launcher: fl, FullText: ft})
	if err != nil {
		t.Fatal(err)
	}
	m.Update(tea.WindowSizeMsg{Width: w, Height: 24})
	at := fixedNow.Add(-time.Hour).Truncate(time.Second)
	as := []articles.Article{
		{ID: "a1", Title: "One", Source: "A feed", Feed: "https://a.example/feed", Published: at},
		{ID: "a2", Title: "Two", Source: "A feed", Feed: "https://a.example/feed", Published: at.Add(-time.Hour)},
	}
	m.Update(batchMsg{batches: []sourceBatch{{src: 0, batch: articles.Batch{Articles: as, Seen: len(as), Done: true}}}, closed: true})
	for _, e := range m.list.all {
		if !e.lean || e.link != "" {
			t.Fatalf("%s: lean %v, link %q: not a header", e.id, e.lean, e.link)
		}
	}
	return m, src, fl
}

// deliver runs cmd and gives the model the whole article it brings; it
// returns what the model answers.
func deliver(t testing.TB, m *Model, cmd tea.Cmd) tea.Cmd {
	t.Helper()
	var found *wholeMsg
	var walk func(tea.Cmd)
	walk = func(c tea.Cmd) {
		if c == nil || found != nil {
			return
		}
		switch msg := c().(type) {
		case tea.BatchMsg:
			for _, c := range msg {
				walk(c)
			}
		case wholeMsg:
			found = &msg
		}
	}
	walk(cmd)
	if found == nil {
		t.Fatal("the whole article was not asked for")
	}
	_, next := m.Update(*found)
	return next
}

func TestTheLinkOfAListedHeaderComesFromItsSource(t *testing.T) {
	t.Run("o in the list opens the link the source gives", func(t *testing.T) {
		m, _, fl := headerModel(t, 60, nil)
		deliver(t, m, press(m, "o"))
		if !slices.Equal(fl.opened, []string{"https://a.example/one"}) {
			t.Errorf("opened %v", fl.opened)
		}
	})
	t.Run("y in the list copies it", func(t *testing.T) {
		m, _, _ := headerModel(t, 60, nil)
		if got := clipboardOf(deliver(t, m, press(m, "y"))); got != "https://a.example/one" {
			t.Errorf("clipboard %q", got)
		}
	})
	t.Run("in the reader the loaded link is used without asking again", func(t *testing.T) {
		m, src, fl := headerModel(t, 60, nil)
		settle(t, m, press(m, "enter"))
		opened := src.opened.Load()
		press(m, "o")
		if !slices.Equal(fl.opened, []string{"https://a.example/one"}) || src.opened.Load() != opened {
			t.Errorf("opened %v, the source asked %d more times", fl.opened, src.opened.Load()-opened)
		}
	})
	t.Run("an item whose text was not kept still opens to its link", func(t *testing.T) {
		m, _, fl := headerModel(t, 60, nil)
		settle(t, m, press(m, "j", "enter"))
		if m.reader.err == nil {
			t.Fatal("the item without text opened without an error")
		}
		deliver(t, m, press(m, "o"))
		if !slices.Equal(fl.opened, []string{"https://a.example/two"}) {
			t.Errorf("opened %v", fl.opened)
		}
	})
	t.Run("the full-text key fetches the page at the link the source gives", func(t *testing.T) {
		ft := newFakeFullTexter()
		ft.pages["https://a.example/one"] = "The whole story of one."
		m, _, _ := headerModel(t, 60, ft)
		pump(t, m, press(m, "F"), shows(m, "whole story of one"))
	})
	t.Run("a feed that asks for full texts gets them once the link is known", func(t *testing.T) {
		ft := newFakeFullTexter()
		ft.auto["https://a.example/feed"] = true
		ft.pages["https://a.example/one"] = "The automatic story of one."
		m, _, _ := headerModel(t, 60, ft)
		pump(t, m, press(m, "enter"), shows(m, "automatic story of one"))
		if ft.fetched() != 1 {
			t.Errorf("fetched %d times", ft.fetched())
		}
	})
}
