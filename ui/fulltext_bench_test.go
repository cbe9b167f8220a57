package ui

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"newsread/articles"
)

// pageFullTexter extracts the full text from a page held in memory, as
// the program does once the page is fetched: the key-to-screen cost
// without the network.
type pageFullTexter struct {
	page   []byte
	parser *articles.Parser
}

func (p pageFullTexter) FullText(_ context.Context, a articles.Article, fetch bool) (articles.Article, error) {
	if !fetch {
		return a, ErrNoFullText
	}
	full, err := p.parser.ParsePage(a.Link, p.page)
	if err != nil {
		return a, err
	}
	a.Body = full.Body
	return a, nil
}

func (pageFullTexter) Auto(articles.Article) bool { return false }

// BenchmarkFullTextKeyToScreen times F on an opened feed item until its
// full story is on screen: extraction, conversion to markdown and the
// first rendering, for real news pages of the corpus (no fetch).
func BenchmarkFullTextKeyToScreen(b *testing.B) {
	for _, page := range []struct{ name, words string }{
		{"bbc-1", "President Barack Obama has admitted"},
		{"nytimes-1", "After nearly 20 years"},
		{"wikipedia-2", "Coordinates"},
	} {
		data, err := os.ReadFile(filepath.Join("..", "..", "shared", "corpus", "html", "readability", "test", "test-pages", page.name, "source.html"))
		if err != nil {
			b.Skip("corpus not present:", err)
		}
		b.Run(page.name, func(b *testing.B) {
			ft := pageFullTexter{page: data, parser: articles.NewParser()}
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				m := newFullTextModel(b, ft)
				_, cmd := m.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
				settle(b, m, cmd)
				settle(b, m, press(m, "enter"))
				b.StartTimer()
				keyToScreen(b, m, page.words)
			}
		})
	}
}

// keyToScreen presses F and feeds the model what follows until words are
// on screen, then stops the timer and lets the whole story's rendering
// finish, so that it does not run into the next round.
func keyToScreen(b *testing.B, m *Model, words string) {
	msgs, run := cmdRunner()
	run(press(m, "F"))
	timeout := time.After(20 * time.Second)
	for m.full.busy["h1"] || !m.reader.want.full || !m.reader.complete {
		select {
		case msg := <-msgs:
			switch msg.(type) {
			case fullTextMsg, renderedMsg:
				_, next := m.Update(msg)
				run(next)
			}
		case <-timeout:
			b.Fatalf("timed out; the screen is\n%s", ansi.Strip(m.screen()))
		}
		if m.reader.want.full && strings.Contains(ansi.Strip(m.screen()), words) {
			b.StopTimer()
		}
	}
}
