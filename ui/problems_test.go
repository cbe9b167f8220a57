package ui

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"newsread/articles"
)

func TestAPlaceThatFailsAgainIsListedOnce(t *testing.T) {
	var l problemList
	l.add([]articles.Problem{{Where: "http://a/feed", Err: errors.New("404 Not Found")}, {Where: "b.txt", Err: errors.New("binary")}})
	l.add([]articles.Problem{{Where: "http://a/feed", Err: errors.New("connection refused")}})
	if l.len() != 2 {
		t.Fatalf("want 2 places with problems, got %d: %v", l.len(), l.items)
	}
	if got := l.items[0].Err.Error(); got != "connection refused" {
		t.Errorf("want the latest error kept, got %q", got)
	}
}

// panickingSource breaks down halfway through its Load.
type panickingSource struct{ fakeSource }

func (p *panickingSource) Load(ctx context.Context, send func(articles.Batch)) {
	send(articles.Batch{Articles: sampleArticles()[:2]})
	panic("parser bug")
}

func TestASourceThatPanicsIsAProblemNotACrash(t *testing.T) {
	bad := &panickingSource{fakeSource{name: "broken"}}
	good := &fakeSource{name: "good", batches: []articles.Batch{{Articles: sampleArticles()[2:4], Done: true}}}
	m, _ := New(Options{Sources: []Source{bad, good}, Now: clock, Style: "dark"})
	ch := make(chan sourceBatch, 4)
	startFetches(context.Background(), loads(m.sources), ch)()
	for !m.loaded {
		m.Update(waitForBatch(ch, m.gen)())
	}
	if len(m.list.all) != 4 {
		t.Errorf("want the 4 articles sent before and beside the panic, got %d", len(m.list.all))
	}
	if m.problems.len() != 1 || m.problems.items[0].Where != "broken" {
		t.Errorf("want one problem naming the broken source, got %v", m.problems.items)
	}
}

func TestTheProblemsViewPrintsNamesClean(t *testing.T) {
	m := newTestModel(t, 100, 12, &fakeSource{}, sampleArticles())
	m.problems.add([]articles.Problem{{Where: "news\x1b]0;PWN\x07/story.txt", Err: errors.New("binary \x1b[2J file")}})
	press(m, "!")
	screen := m.screen()
	if strings.Contains(screen, "PWN") || strings.Contains(screen, "\x07") || strings.Contains(screen, "\x1b[2J") {
		t.Errorf("a file name's escape reached the screen: %q", screen)
	}
	if !strings.Contains(ansi.Strip(screen), "news/story.txt") {
		t.Errorf("the problem is not listed:\n%s", ansi.Strip(screen))
	}
}

func TestAPlaceThatWorksAgainLeavesTheProblems(t *testing.T) {
	broken := articles.Problem{Where: feedB, Err: errors.New("connection refused")}
	tests := []struct {
		name  string
		feed  string // refreshed: "" all
		fresh []articles.Problem
		want  []string // places listed after the refresh
	}{
		{name: "a whole refresh without the feed's problem clears it", want: []string{"notes/b.txt"}},
		{name: "a feed that fails again stays, with its new error", fresh: []articles.Problem{{Where: feedB, Err: errors.New("timeout")}}, want: []string{feedB, "notes/b.txt"}},
		{name: "a refresh of another feed leaves it", feed: feedA, want: []string{feedB, "notes/b.txt"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			feeds := &fakeFeeds{fakeSource: fakeSource{name: "feeds"}, fresh: func(string) []articles.Batch {
				return []articles.Batch{{Problems: tt.fresh, Done: true}}
			}}
			m, _ := newFeedModel(t, feeds)
			m.Update(batchMsg{gen: m.gen, batches: []sourceBatch{{src: 0, batch: articles.Batch{Problems: []articles.Problem{broken}}},
				{src: 1, batch: articles.Batch{Problems: []articles.Problem{{Where: "notes/b.txt", Err: errors.New("binary")}}}}}})
			drain(t, m, m.refresh(0, tt.feed, false))
			var got []string
			for _, p := range m.problems.items {
				got = append(got, p.Where)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("problems %v, want %v", got, tt.want)
			}
			if len(tt.fresh) > 0 && m.problems.items[0].Err.Error() != "timeout" {
				t.Errorf("kept %v, want the new error", m.problems.items[0].Err)
			}
		})
	}
}
