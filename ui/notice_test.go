package ui

import (
	"errors"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"newsread/articles"
)

func TestNoticesClearAfterAWhile(t *testing.T) {
	m := newTestModel(t, 80, 20, &fakeSource{}, sampleArticles())
	if cmd := m.say("first"); cmd == nil {
		t.Fatal("a notice arms no timer")
	}
	old := m.noticeGen
	m.say("second")
	m.Update(noticeClearMsg{gen: old})
	if m.notice != "second" {
		t.Errorf("the timer of an older notice cleared the newer one: %q", m.notice)
	}
	m.Update(noticeClearMsg{gen: m.noticeGen})
	if m.notice != "" {
		t.Errorf("the notice %q outlived its timer", m.notice)
	}
	t.Run("news that no key asked for survives keys until its timer", func(t *testing.T) {
		m.announce("3 new")
		press(m, "j")
		if !strings.Contains(ansi.Strip(m.statusLine()), "3 new") {
			t.Error("a key cleared the news")
		}
		m.Update(noticeClearMsg{gen: m.noticeGen})
		if m.notice != "" {
			t.Error("the news outlived its timer")
		}
	})
}

func TestNextAndPreviousSayWhenThereIsNone(t *testing.T) {
	tests := []struct {
		name string
		keys []string
		want string
	}{
		{"n on the last row of the list", []string{"G", "n"}, "at the last article"},
		{"p on the first row of the list", []string{"p"}, "at the first article"},
		{"n in the reader on the last article", []string{"G", "enter", "n"}, "at the last article"},
		{"p in the reader on the first article", []string{"enter", "p"}, "at the first article"},
		{"j on the last row says nothing", []string{"G", "j"}, ""},
		{"n that moves says nothing", []string{"n"}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := newTestModel(t, 80, 20, &fakeSource{}, sampleArticles())
			press(m, tt.keys...)
			if m.notice != tt.want {
				t.Errorf("notice %q, want %q", m.notice, tt.want)
			}
			if tt.want != "" && !strings.Contains(ansi.Strip(m.statusLine()), tt.want) {
				t.Errorf("status %q lacks %q", ansi.Strip(m.statusLine()), tt.want)
			}
		})
	}
}

func TestARefreshSaysWhatItBrought(t *testing.T) {
	failB := func(feed string) []articles.Batch {
		return []articles.Batch{
			{Articles: []articles.Article{{ID: feedA + "/new", Title: "New", Feed: feedA, Published: fixedNow}, feedItems()[0]}, Seen: 1, Total: 2},
			{Problems: []articles.Problem{{Where: feedB, Err: errors.New("503")}}, Seen: 2, Total: 2, Done: true},
		}
	}
	tests := []struct {
		name  string
		fresh func(string) []articles.Batch
		keys  []string
		want  string
	}{
		{"r over two feeds with news", freshNews, []string{"r"}, "2 feeds refreshed, 2 new"},
		{"R over one feed", freshNews, []string{"R"}, "1 feed refreshed, 1 new"},
		{"a feed that fails is counted apart; a known ID is not new", failB, []string{"r"}, "1 feed refreshed, 1 new, 1 failed"},
		{"nothing new", func(string) []articles.Batch {
			return []articles.Batch{{Articles: feedItems()[:1], Seen: 2, Total: 2, Done: true}}
		}, []string{"r"}, "2 feeds refreshed, nothing new"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, _ := newFeedModel(t, &fakeFeeds{fresh: tt.fresh})
			drain(t, m, press(m, tt.keys...))
			if got := ansi.Strip(m.statusLine()); !strings.Contains(got, tt.want) {
				t.Errorf("status %q lacks %q", got, tt.want)
			}
		})
	}
}

func TestRefreshSummary(t *testing.T) {
	tests := []struct {
		name string
		t    runTally
		ps   []progress
		want string
	}{
		{"feeds counted from the sources' totals", runTally{srcs: []int{0, 1}, fresh: 12, failed: map[string]bool{"x": true}}, []progress{{total: 5}, {total: 3}}, "7 feeds refreshed, 12 new, 1 failed"},
		{"one feed, one article", runTally{srcs: []int{0}, fresh: 1}, []progress{{total: 1}}, "1 feed refreshed, 1 new"},
		{"sources that do not count their feeds", runTally{srcs: []int{0}, fresh: 1234}, []progress{{}}, "refreshed, 1,234 new"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := refreshSummary(tt.t, tt.ps); got != tt.want {
				t.Errorf("summary %q, want %q", got, tt.want)
			}
		})
	}
}
