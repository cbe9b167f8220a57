package ui

import (
	"context"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"newsread/articles"
)

const (
	feedA = "https://a.example/feed"
	feedB = "https://b.example/feed"
)

// fakeFeeds is a source of two feeds that can refresh: Refresh records
// the feed asked for and sends what fresh returns for it.
type fakeFeeds struct {
	fakeSource
	mu        sync.Mutex
	refreshed []string
	fresh     func(feed string) []articles.Batch
}

func (f *fakeFeeds) Refresh(ctx context.Context, feed string, send func(articles.Batch)) {
	f.mu.Lock()
	f.refreshed = append(f.refreshed, feed)
	f.mu.Unlock()
	for _, b := range f.fresh(feed) {
		if ctx.Err() != nil {
			return
		}
		send(b)
	}
}

func (f *fakeFeeds) calls() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return slices.Clone(f.refreshed)
}

// feedItems are the articles the feeds hold at first.
func feedItems() []articles.Article {
	at := func(h int) time.Time { return fixedNow.Add(-time.Duration(h) * time.Hour) }
	return []articles.Article{
		{ID: "a-1", Title: "A one", Source: "A", Feed: feedA, Published: at(1)},
		{ID: "b-1", Title: "B one", Source: "B", Feed: feedB, Published: at(2)},
		{ID: "a-2", Title: "A two", Source: "A", Feed: feedA, Published: at(3)},
		{ID: "b-2", Title: "B two", Source: "B", Feed: feedB, Published: at(4)},
	}
}

// newFeedModel returns a model over feeds (source 0) and a folder that
// cannot refresh (source 1), both loaded.
func newFeedModel(t *testing.T, feeds *fakeFeeds) (*Model, *fakeSource) {
	t.Helper()
	files := &fakeSource{name: "notes"}
	m, err := New(Options{Sources: []Source{feeds, files}, Now: clock, Style: "dark"})
	if err != nil {
		t.Fatal(err)
	}
	m.Update(tea.WindowSizeMsg{Width: 80, Height: 20})
	m.Update(batchMsg{batches: []sourceBatch{
		{src: 0, batch: articles.Batch{Articles: feedItems(), Seen: 2, Total: 2, Done: true}},
		{src: 1, batch: articles.Batch{Articles: []articles.Article{{ID: "note", Title: "A note", Source: "notes", Published: fixedNow.Add(-10 * time.Hour)}}, Done: true}},
	}, closed: true})
	return m, files
}

// freshNews brings a new item on top of each feed asked for and retitles
// a-2, feed by feed.
func freshNews(feed string) []articles.Batch {
	var out []articles.Batch
	all := []string{feedA, feedB}
	if feed != "" {
		all = []string{feed}
	}
	for i, f := range all {
		as := []articles.Article{{ID: f + "/new", Title: "New on " + f, Feed: f, Published: fixedNow}}
		if f == feedA {
			a := feedItems()[2]
			a.Title = "A two, corrected"
			as = append(as, a)
		}
		out = append(out, articles.Batch{Articles: as, Seen: i + 1, Total: len(all), Done: i == len(all)-1})
	}
	return out
}

func TestRefresh(t *testing.T) {
	tests := []struct {
		name       string
		keys       []string
		wantCalls  []string
		wantNew    []string
		wantNotice string
	}{
		{name: "r refreshes every feed of the sources that can", keys: []string{"j", "k", "r"}, wantCalls: []string{""}, wantNew: []string{feedA + "/new", feedB + "/new"}},
		{name: "R refreshes only the feed of the selected article", keys: []string{"j", "R"}, wantCalls: []string{feedB}, wantNew: []string{feedB + "/new"}},
		{name: "R on an article from a folder says it is not a feed", keys: []string{"G", "R"}, wantNotice: "not a feed"},
		{name: "R in the reader refreshes the feed being read", keys: []string{"enter", "R"}, wantCalls: []string{feedA}, wantNew: []string{feedA + "/new"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			feeds := &fakeFeeds{fresh: freshNews}
			m, files := newFeedModel(t, feeds)
			before := len(m.list.all)
			var cmd tea.Cmd
			for _, k := range tt.keys {
				cmd = press(m, k)
			}
			if tt.wantNotice != "" {
				if m.running || len(feeds.calls()) > 0 {
					t.Error("started a refresh")
				}
				if got := ansi.Strip(m.statusLine()); !strings.Contains(got, tt.wantNotice) {
					t.Errorf("status %q lacks %q", got, tt.wantNotice)
				}
				press(m, "k")
				if strings.Contains(ansi.Strip(m.statusLine()), tt.wantNotice) {
					t.Error("the notice outlived the next key")
				}
				return
			}
			sel := selectedID(m)
			drain(t, m, cmd)
			if got := feeds.calls(); !slices.Equal(got, tt.wantCalls) {
				t.Errorf("refreshed %q, want %q", got, tt.wantCalls)
			}
			if files.opened.Load() != 0 || len(m.list.all) != before+len(tt.wantNew) {
				t.Errorf("%d articles, want %d", len(m.list.all), before+len(tt.wantNew))
			}
			for _, id := range tt.wantNew {
				if m.list.ids.get(id) == nil {
					t.Errorf("%s not listed", id)
				}
			}
			if got := selectedID(m); got != sel {
				t.Errorf("cursor moved from %s to %s", sel, got)
			}
			if got := m.list.ids.get("a-2").article().Title; slices.Contains(tt.wantNew, feedA+"/new") && got != "A two, corrected" {
				t.Errorf("a-2 is %q after the refresh", got)
			}
			if !m.loaded || strings.Contains(ansi.Strip(m.statusLine()), "refreshing") {
				t.Errorf("status %q after the refresh", ansi.Strip(m.statusLine()))
			}
		})
	}
}

func TestRefreshWhileRunningIsDeclined(t *testing.T) {
	feeds := &fakeFeeds{fresh: freshNews}
	m, _ := newFeedModel(t, feeds)
	first := press(m, "r")
	if first == nil || !m.running {
		t.Fatal("r did not start a refresh")
	}
	m.Update(batchMsg{gen: m.gen, batches: []sourceBatch{{batch: articles.Batch{Seen: 1, Total: 2}}}})
	if got := ansi.Strip(m.statusLine()); !strings.Contains(got, "refreshing 1/2") {
		t.Errorf("status %q lacks the progress", got)
	}
	gen := m.gen
	if press(m, "r"); m.gen != gen {
		t.Error("a second r started another refresh")
	}
	if got := ansi.Strip(m.statusLine()); !strings.Contains(got, "already refreshing") {
		t.Errorf("status %q", got)
	}
	drain(t, m, first)
	if got := feeds.calls(); len(got) != 1 {
		t.Errorf("refreshed %d times, want 1", len(got))
	}
	drain(t, m, press(m, "r"))
	if got := feeds.calls(); len(got) != 2 {
		t.Errorf("after the first ended, r refreshed %d times in all, want 2", len(got))
	}
}

func TestBatchesOfAnotherRunAreDropped(t *testing.T) {
	m, _ := newFeedModel(t, &fakeFeeds{fresh: freshNews})
	n := len(m.list.all)
	m.Update(batchMsg{gen: m.gen + 1, batches: []sourceBatch{{batch: articles.Batch{Articles: []articles.Article{{ID: "late"}}}}}})
	if len(m.list.all) != n {
		t.Error("a batch of another run was merged")
	}
}

func TestNothingToRefresh(t *testing.T) {
	m := newTestModel(t, 80, 20, &fakeSource{}, sampleArticles())
	gen := m.gen
	if press(m, "r"); m.running || m.gen != gen {
		t.Error("r started a run without a source that can refresh")
	}
	if got := ansi.Strip(m.statusLine()); !strings.Contains(got, "nothing to refresh") {
		t.Errorf("status %q", got)
	}
}

func TestRefreshEvery(t *testing.T) {
	feeds := &fakeFeeds{fresh: freshNews}
	feeds.batches = []articles.Batch{{Articles: feedItems(), Seen: 2, Total: 2, Done: true}}
	m, err := New(Options{Sources: []Source{feeds}, Now: clock, Style: "dark", RefreshEvery: 20 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	msgs, run := cmdRunner()
	run(m.Init())
	timeout := time.After(10 * time.Second)
	for len(feeds.calls()) < 2 {
		select {
		case msg := <-msgs:
			_, next := m.Update(msg)
			run(next)
			if _, ok := msg.(refreshTickMsg); ok && m.notice != "" {
				t.Errorf("the timer left a notice: %q", m.notice)
			}
		case <-timeout:
			t.Fatalf("refreshed %d times in 10s", len(feeds.calls()))
		}
	}
	if len(m.list.all) < 4 {
		t.Errorf("%d articles", len(m.list.all))
	}
	m.cancel()
}

func TestASourceThatChangedIsRefreshedQuietly(t *testing.T) {
	src := &fakeFeeds{fresh: func(string) []articles.Batch {
		return []articles.Batch{{Articles: []articles.Article{{ID: "added", Title: "Added by another process", Feed: feedA}}, Done: true}}
	}}
	m, err := New(Options{Sources: []Source{src}, Now: clock, Style: "dark"})
	if err != nil {
		t.Fatal(err)
	}
	m.Update(tea.WindowSizeMsg{Width: 100, Height: 12})
	m.Update(batchMsg{batches: []sourceBatch{{batch: articles.Batch{Articles: sampleArticles(), Done: true}}}, closed: true})
	_, cmd := m.Update(SourceChanged{Source: 0})
	if cmd == nil || !m.running {
		t.Fatal("a changed source was not refreshed")
	}
	drain(t, m, cmd)
	if m.list.ids.get("added") == nil {
		t.Error("what the source added is not listed")
	}
	if m.notice != "" {
		t.Errorf("a quiet refresh said %q", m.notice)
	}
}

// relister lists what came since, and records that it was asked.
type relister struct {
	fakeFeeds
	relisted atomic.Int32
	since    []articles.Article
}

func (r *relister) Relist(ctx context.Context, send func(articles.Batch)) {
	r.relisted.Add(1)
	send(articles.Batch{Articles: r.since, Done: true})
}

func TestAStoreThatChangedIsListedAgainNotFetched(t *testing.T) {
	archive := &relister{since: []articles.Article{{ID: "kept", Title: "Kept by another process", Feed: feedA}}}
	account := &relister{since: []articles.Article{{ID: "synced", Title: "Synced by another process", Feed: feedB}}}
	for _, r := range []*relister{archive, account} {
		r.fresh = func(string) []articles.Batch { t.Error("refreshed: the server was asked"); return nil }
	}
	m, err := New(Options{Sources: []Source{archive, account}, Now: clock, Style: "dark"})
	if err != nil {
		t.Fatal(err)
	}
	m.Update(tea.WindowSizeMsg{Width: 100, Height: 12})
	m.Update(batchMsg{batches: []sourceBatch{{batch: articles.Batch{Articles: sampleArticles(), Done: true}}, {src: 1, batch: articles.Batch{Done: true}}}, closed: true})
	// Both change at once: the second comes while the first lists.
	_, first := m.Update(SourceChanged{Source: 0})
	_, second := m.Update(SourceChanged{Source: 1})
	if first == nil || second != nil {
		t.Fatalf("want one run started and the second change kept for after it: %v, %v", first != nil, second != nil)
	}
	drain(t, m, first)
	if m.running {
		drain(t, m, nil)
	}
	for id, r := range map[string]*relister{"kept": archive, "synced": account} {
		if r.relisted.Load() != 1 || m.list.ids.get(id) == nil {
			t.Errorf("%s: listed again %d times, in the list: %v", id, r.relisted.Load(), m.list.ids.get(id) != nil)
		}
	}
}
