package ui

import (
	"context"
	"errors"
	"maps"
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

// fakeAnswer is what the fake searcher says to one query.
type fakeAnswer struct {
	newest, best []string // the IDs newest first, and best first
	terms        []string
	err          error
}

// fakeSearcher answers fixed queries and keeps saved searches in a map.
type fakeSearcher struct {
	mu      sync.Mutex
	answers map[string]fakeAnswer
	asked   []string // "query" or "query (relevance)", in order
	saved   map[string]string
	// index, when set, is what Index does.
	index func(ctx context.Context, progress func(done, total int)) error
}

func (f *fakeSearcher) Search(_ context.Context, q string, relevance bool) ([]string, []string, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if relevance {
		f.asked = append(f.asked, q+" (relevance)")
	} else {
		f.asked = append(f.asked, q)
	}
	a, ok := f.answers[q]
	if !ok {
		return nil, nil, nil
	}
	if a.err != nil {
		return nil, nil, a.err
	}
	if relevance {
		return a.best, a.terms, nil
	}
	return a.newest, a.terms, nil
}

func (f *fakeSearcher) Index(ctx context.Context, progress func(done, total int)) error {
	if f.index == nil {
		return nil
	}
	return f.index(ctx, progress)
}

func (f *fakeSearcher) Saved(context.Context) (map[string]string, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return maps.Clone(f.saved), nil
}

func (f *fakeSearcher) Save(_ context.Context, name, query string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.saved == nil {
		f.saved = map[string]string{}
	}
	f.saved[name] = query
	return nil
}

func (f *fakeSearcher) questions() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return slices.Clone(f.asked)
}

// newSearchModel is newTestModel with a searcher, holding the sample
// articles.
func newSearchModel(t testing.TB, w, h int, s Searcher) *Model {
	t.Helper()
	return newSearchModelOf(t, w, h, s, &fakeSource{}, sampleArticles())
}

func newSearchModelOf(t testing.TB, w, h int, s Searcher, src *fakeSource, as []articles.Article) *Model {
	t.Helper()
	m, err := New(Options{Sources: []Source{src}, Now: clock, Style: "dark", Searcher: s})
	if err != nil {
		t.Fatal(err)
	}
	m.Update(tea.WindowSizeMsg{Width: w, Height: h})
	m.Update(batchMsg{batches: []sourceBatch{{src: 0, batch: articles.Batch{Articles: as, Seen: len(as), Done: true}}}, closed: true})
	return m
}

// searchNow delivers the debounce tick of the latest keystroke and the
// answer of the search it asks for, as the program would.
func searchNow(t testing.TB, m *Model) {
	t.Helper()
	_, cmd := m.Update(searchDueMsg{gen: m.search.gen})
	answer(t, m, cmd)
}

// answer runs a search command and gives its answer to the model.
func answer(t testing.TB, m *Model, cmd tea.Cmd) {
	t.Helper()
	if cmd == nil {
		t.Fatal("no search was asked for")
	}
	msg, ok := cmd().(searchedMsg)
	if !ok {
		t.Fatal("the command is not a search")
	}
	m.Update(msg)
}

var ctrlO = tea.KeyPressMsg{Code: 'o', Mod: tea.ModCtrl}

func sampleAnswers() map[string]fakeAnswer {
	return map[string]fakeAnswer{
		"rust":       {newest: []string{"a1", "a5", "gone"}, best: []string{"a5", "gone", "a1"}, terms: []string{"rust"}},
		"rust is:un": {err: errors.New(`unknown qualifier "is:un"`)},
	}
}

func TestSearchAsYouType(t *testing.T) {
	t.Run("only the search of the last keystroke is asked for", func(t *testing.T) {
		fs := &fakeSearcher{answers: sampleAnswers()}
		m := newSearchModel(t, 80, 20, fs)
		press(m, "/")
		typeText(m, "ru")
		early := m.search.gen
		typeText(m, "st")
		if _, cmd := m.Update(searchDueMsg{gen: early}); cmd != nil {
			t.Error("the tick of an earlier keystroke asked for a search")
		}
		searchNow(t, m)
		if got := fs.questions(); !slices.Equal(got, []string{"rust"}) {
			t.Errorf("searches asked: %q, want only [rust]", got)
		}
	})
	t.Run("an answer that comes after another keystroke is dropped", func(t *testing.T) {
		fs := &fakeSearcher{answers: sampleAnswers()}
		m := newSearchModel(t, 80, 20, fs)
		press(m, "/")
		typeText(m, "rust")
		_, cmd := m.Update(searchDueMsg{gen: m.search.gen})
		typeText(m, "y")
		answer(t, m, cmd)
		if m.list.found != nil || m.search.terms != nil {
			t.Error("a stale answer was shown")
		}
		if got := ids(m.list.view()); len(got) != 0 {
			t.Errorf("view %v, want the title filter's (none has rusty)", got)
		}
	})
	t.Run("titles are filtered at once, the answer replaces them", func(t *testing.T) {
		fs := &fakeSearcher{answers: sampleAnswers()}
		m := newSearchModel(t, 80, 20, fs)
		press(m, "/")
		typeText(m, "rust")
		if got := ids(m.list.view()); !slices.Equal(got, []string{"a1"}) {
			t.Errorf("before the answer the view is %v, want the title match [a1]", got)
		}
		searchNow(t, m)
		if got := ids(m.list.view()); !slices.Equal(got, []string{"a1", "a5"}) {
			t.Errorf("the answer shows %v, want [a1 a5] (the listed ones, newest first)", got)
		}
		status := ansi.Strip(m.statusLine())
		if !strings.Contains(status, "2/7 match") || !strings.Contains(status, "newest first") {
			t.Errorf("status %q", status)
		}
	})
	t.Run("clearing the box asks for nothing", func(t *testing.T) {
		fs := &fakeSearcher{answers: sampleAnswers()}
		m := newSearchModel(t, 80, 20, fs)
		press(m, "/")
		typeText(m, "r")
		cmd := press(m, "backspace")
		if _, due := m.Update(searchDueMsg{gen: m.search.gen}); due != nil {
			t.Error("an empty query was searched")
		}
		_ = cmd
		if got := len(m.list.view()); got != 7 {
			t.Errorf("view has %d articles, want 7", got)
		}
	})
}

func TestSearchOrder(t *testing.T) {
	fs := &fakeSearcher{answers: sampleAnswers()}
	m := newSearchModel(t, 80, 20, fs)
	press(m, "/")
	typeText(m, "rust")
	searchNow(t, m)
	_, cmd := m.Update(ctrlO)
	answer(t, m, cmd)
	if got := ids(m.list.view()); !slices.Equal(got, []string{"a5", "a1"}) {
		t.Errorf("by relevance the view is %v, want [a5 a1]", got)
	}
	if status := ansi.Strip(m.statusLine()); !strings.Contains(status, "by relevance") {
		t.Errorf("status %q does not say the order", status)
	}
	press(m, "enter", "j")
	if selectedID(m) != "a1" {
		t.Errorf("j in the kept search went to %q, want a1", selectedID(m))
	}
	_, cmd = m.Update(ctrlO)
	answer(t, m, cmd)
	if got := ids(m.list.view()); !slices.Equal(got, []string{"a1", "a5"}) {
		t.Errorf("newest first again the view is %v, want [a1 a5]", got)
	}
	if status := ansi.Strip(m.statusLine()); !strings.Contains(status, "newest first") {
		t.Errorf("status %q does not say the order", status)
	}
	if got := fs.questions(); !slices.Equal(got, []string{"rust", "rust (relevance)", "rust"}) {
		t.Errorf("searches asked: %q", got)
	}
}

func TestBadQueryIsSaidInTheStatusLine(t *testing.T) {
	fs := &fakeSearcher{answers: sampleAnswers()}
	m := newSearchModel(t, 100, 20, fs)
	press(m, "/")
	typeText(m, "rust is:un")
	searchNow(t, m)
	status := ansi.Strip(m.statusLine())
	if !strings.Contains(status, `unknown qualifier "is:un"`) {
		t.Errorf("status %q lacks the error", status)
	}
	if m.list.found != nil || len(m.list.view()) != 0 {
		t.Errorf("view %v, want the title filter's", ids(m.list.view()))
	}
	press(m, "backspace", "backspace", "backspace", "backspace", "backspace", "backspace")
	searchNow(t, m)
	if status := ansi.Strip(m.statusLine()); strings.Contains(status, "unknown") {
		t.Errorf("the error stays after a good query: %q", status)
	}
}

func TestKeptSearch(t *testing.T) {
	tests := []struct {
		name    string
		keys    []string
		wantIDs []string
		found   bool
	}{
		{name: "enter keeps the answer as the list's filter", keys: []string{"enter"}, wantIDs: []string{"a1", "a5"}, found: true},
		{name: "esc in the box clears it", keys: []string{"esc"}, wantIDs: []string{"a1", "a2", "a3", "a4", "a5", "a6", "a7"}},
		{name: "esc in the list clears the kept search", keys: []string{"enter", "esc"}, wantIDs: []string{"a1", "a2", "a3", "a4", "a5", "a6", "a7"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := newSearchModel(t, 80, 20, &fakeSearcher{answers: sampleAnswers()})
			press(m, "/")
			typeText(m, "rust")
			searchNow(t, m)
			press(m, tt.keys...)
			if m.filtering {
				t.Error("still typing")
			}
			if got := ids(m.list.view()); !slices.Equal(got, tt.wantIDs) {
				t.Errorf("view %v, want %v", got, tt.wantIDs)
			}
			if (m.list.found != nil) != tt.found || (m.search.terms != nil) != tt.found {
				t.Errorf("search kept: %v, want %v", m.list.found != nil, tt.found)
			}
		})
	}
	t.Run("articles arriving later join the kept answer", func(t *testing.T) {
		m := newSearchModel(t, 80, 20, &fakeSearcher{answers: sampleAnswers()})
		press(m, "/")
		typeText(m, "rust")
		searchNow(t, m)
		press(m, "enter")
		m.Update(batchMsg{batches: []sourceBatch{{batch: articles.Batch{Articles: []articles.Article{
			{ID: "gone", Title: "Back again", Published: fixedNow.Add(-time.Hour)},
			{ID: "other", Title: "Rust elsewhere", Published: fixedNow},
		}}}}})
		// "other" joins through its title, as every title match does.
		if got := ids(m.list.view()); !slices.Equal(got, []string{"other", "a1", "gone", "a5"}) {
			t.Errorf("view %v, want [other a1 gone a5]", got)
		}
	})
}

func TestTitlesTheStoreDoesNotIndexAreStillFound(t *testing.T) {
	// Files in folders are not in the full-text index: the answer lacks
	// them, and their titles still match.
	m := newSearchModel(t, 80, 20, &fakeSearcher{answers: map[string]fakeAnswer{}})
	press(m, "/")
	typeText(m, "rust")
	before := ids(m.list.view())
	searchNow(t, m)
	if got := ids(m.list.view()); len(before) == 0 || !slices.Equal(got, before) {
		t.Errorf("with an empty answer the view is %v, want the title matches %v", got, before)
	}
}

func TestSearchHighlightsTheMatchInTheReader(t *testing.T) {
	body := sampleBody(40) + "At last the zebras come, far below the fold.\n\n" + sampleBody(5)
	as := []articles.Article{
		{ID: "z", Title: "Animals", Published: fixedNow},
		{ID: "other", Title: "Other", Published: fixedNow.Add(-time.Hour)},
	}
	fs := &fakeSearcher{answers: map[string]fakeAnswer{"zebra": {newest: []string{"z"}, terms: []string{"zebra"}}}}
	m := newSearchModelOf(t, 70, 20, fs, &fakeSource{bodies: map[string]string{"z": body}}, as)
	press(m, "/")
	typeText(m, "zebra")
	searchNow(t, m)
	press(m, "enter")
	settle(t, m, press(m, "enter"))
	if m.reader.entry == nil || m.reader.entry.id != "z" {
		t.Fatal("the result did not open")
	}
	raw := m.screen()
	plain := ansi.Strip(raw)
	if !strings.Contains(plain, "the zebras come") {
		t.Fatalf("the match is not on screen:\n%s", plain)
	}
	on := m.styles.Match.Render("\x00")
	on = on[:strings.Index(on, "\x00")]
	if !strings.Contains(raw, on+"zebra"+ansi.ResetStyle) {
		t.Errorf("the match is not highlighted: %q", raw)
	}
	if m.reader.vp.YOffset() == 0 {
		t.Error("the reader did not scroll to the match")
	}
	for _, l := range strings.Split(raw, "\n") {
		if w := ansi.StringWidth(l); w != 70 {
			t.Errorf("a line is %d cells wide: %q", w, l)
		}
	}
	t.Run("without a search nothing is highlighted", func(t *testing.T) {
		press(m, "esc", "esc") // back to the list, then the search goes
		settle(t, m, press(m, "enter"))
		if m.reader.hl != nil || strings.Contains(m.screen(), on) {
			t.Error("a highlight without a search")
		}
	})
}

func TestSavedSearches(t *testing.T) {
	fs := &fakeSearcher{answers: sampleAnswers(), saved: map[string]string{"oxide": "rust"}}
	m := newSearchModel(t, 80, 20, fs)
	m.Update(m.askSaved()())
	press(m, "s", "G")
	e := m.picker.entries[m.picker.cursor]
	if e.label() != "/oxide" {
		t.Fatalf("the last row of the picker is %q, want /oxide", e.label())
	}
	if screen := ansi.Strip(m.screen()); !strings.Contains(screen, "/oxide") || !strings.Contains(screen, "searches") {
		t.Errorf("the picker does not show the search:\n%s", screen)
	}
	_, cmd := m.Update(keyMsg("enter"))
	var searched bool
	for _, msg := range runAll(cmd) {
		if s, ok := msg.(searchedMsg); ok {
			m.Update(s)
			searched = true
		}
	}
	if !searched {
		t.Fatal("choosing the saved search asked for no search")
	}
	if got := ids(m.list.view()); !slices.Equal(got, []string{"a1", "a5"}) || m.filtering {
		t.Errorf("view %v (typing %v), want the kept search [a1 a5]", got, m.filtering)
	}
	if m.input.Value() != "rust" {
		t.Errorf("the box holds %q", m.input.Value())
	}

	t.Run("= saves the kept search under a name", func(t *testing.T) {
		press(m, "=")
		if !m.search.naming {
			t.Fatal("= did not ask for a name")
		}
		if status := ansi.Strip(m.statusLine()); !strings.Contains(status, "save search as") {
			t.Errorf("status %q", status)
		}
		typeText(m, "mine")
		msg, ok := press(m, "enter")().(searchSavedMsg)
		if !ok || msg.err != nil {
			t.Fatalf("enter did not save: %+v", msg)
		}
		m.Update(msg)
		m.Update(m.askSaved()())
		if fs.saved["mine"] != "rust" {
			t.Errorf("saved %v", fs.saved)
		}
		if m.search.saved["mine"] != "rust" {
			t.Errorf("the picker's searches are %v", m.search.saved)
		}
	})
}

func TestIndexingProgress(t *testing.T) {
	release := make(chan struct{})
	fs := &fakeSearcher{index: func(ctx context.Context, progress func(done, total int)) error {
		progress(1234, 5000)
		<-release
		return nil
	}}
	m := newSearchModel(t, 100, 20, fs)
	cmd := m.startIndex()
	var wait tea.Cmd
	for _, c := range cmd().(tea.BatchMsg) {
		if msg := c(); msg != nil {
			_, wait = m.Update(msg)
		}
	}
	if status := ansi.Strip(m.statusLine()); !strings.Contains(status, "indexing 1,234/5,000") {
		t.Errorf("status %q lacks the progress", status)
	}
	close(release)
	m.Update(wait())
	if status := ansi.Strip(m.statusLine()); strings.Contains(status, "indexing") || m.search.indexing {
		t.Errorf("status %q still says indexing", status)
	}
}

func TestIndexingStartsAtInitAndStopsOnQuit(t *testing.T) {
	started := make(chan struct{})
	stopped := make(chan error, 1)
	fs := &fakeSearcher{index: func(ctx context.Context, progress func(done, total int)) error {
		close(started)
		<-ctx.Done()
		stopped <- ctx.Err()
		return ctx.Err()
	}}
	m, err := New(Options{Now: clock, Style: "dark", Searcher: fs})
	if err != nil {
		t.Fatal(err)
	}
	msgs, run := cmdRunner()
	run(m.Init())
	// A moment after the start (the first screen first) and once the
	// sources have loaded, the indexing starts.
	timeout := time.After(10 * time.Second)
	for waiting := true; waiting; {
		select {
		case msg := <-msgs:
			switch msg.(type) {
			case ArticlesStored, batchMsg:
				_, cmd := m.Update(msg)
				run(cmd)
			}
		case <-started:
			waiting = false
		case <-timeout:
			t.Fatal("Init did not start the indexing")
		}
	}
	if !isQuit(press(m, "q")) {
		t.Fatal("q did not quit")
	}
	select {
	case err := <-stopped:
		if !errors.Is(err, context.Canceled) {
			t.Errorf("the indexing ended with %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("quitting did not cancel the indexing")
	}
}

func TestWithoutSearcherTheBoxFiltersTitles(t *testing.T) {
	m := newTestModel(t, 80, 20, &fakeSource{}, sampleArticles())
	press(m, "/")
	typeText(m, "undated")
	if _, cmd := m.Update(ctrlO); cmd != nil || m.search.relevance {
		t.Error("ctrl+o did something without a searcher")
	}
	if got := ids(m.list.view()); !slices.Equal(got, []string{"a6", "a7"}) {
		t.Errorf("view %v", got)
	}
	press(m, "enter", "=")
	if m.search.naming {
		t.Error("= asked for a name without a searcher")
	}
	if status := ansi.Strip(m.statusLine()); strings.Contains(status, "newest first") {
		t.Errorf("status %q speaks of search", status)
	}
}

// runAll runs cmd and the commands of its batches, returning their
// messages; it must only be given commands that do not block.
func runAll(cmd tea.Cmd) []tea.Msg {
	if cmd == nil {
		return nil
	}
	msg := cmd()
	if b, ok := msg.(tea.BatchMsg); ok {
		var out []tea.Msg
		for _, c := range b {
			out = append(out, runAll(c)...)
		}
		return out
	}
	return []tea.Msg{msg}
}

func TestArticlesStoredWhileIndexingAreIndexedByOneMoreRun(t *testing.T) {
	var runs atomic.Int32
	release := make(chan struct{}, 4)
	fs := &fakeSearcher{index: func(ctx context.Context, progress func(done, total int)) error {
		runs.Add(1)
		<-release
		return nil
	}}
	m := newSearchModel(t, 100, 20, fs)
	// start runs the batch of startIndex: the first command starts the
	// indexer, the second waits for its end and is returned.
	start := func(cmd tea.Cmd) tea.Cmd {
		t.Helper()
		batch := cmd().(tea.BatchMsg)
		if len(batch) != 2 || batch[0]() != nil {
			t.Fatalf("startIndex gave %d commands", len(batch))
		}
		return batch[1]
	}
	wait := start(m.stored())
	if !m.search.indexing {
		t.Fatal("articles stored with no indexing under way did not start one")
	}
	// Stored twice more while it runs: no second indexer at once.
	for range 2 {
		if _, cmd := m.Update(ArticlesStored{}); cmd != nil {
			t.Fatal("a second indexing started beside the first")
		}
	}
	release <- struct{}{}
	_, next := m.Update(wait())
	if next == nil {
		t.Fatal("the end of the indexing did not arrange another run")
	}
	// The run that follows (after reindexDelay) starts a new indexing.
	msg := next()
	if batch, ok := msg.(tea.BatchMsg); ok {
		msg = nil
		for _, c := range batch {
			if c != nil {
				if got := c(); got != nil {
					msg = got
				}
			}
		}
	}
	if _, ok := msg.(ArticlesStored); !ok {
		t.Fatalf("the end of the indexing sent %T, want ArticlesStored", msg)
	}
	_, cmd := m.Update(msg)
	wait = start(cmd)
	release <- struct{}{}
	m.Update(wait())
	if got := runs.Load(); got != 2 {
		t.Errorf("the indexer ran %d times, want 2", got)
	}
	if m.search.indexing || m.search.again {
		t.Error("an indexing is still noted after the second run")
	}
}

func TestIndexingWaitsForTheSourcesToLoad(t *testing.T) {
	fs := &fakeSearcher{index: func(ctx context.Context, progress func(done, total int)) error { return nil }}
	m := newSearchModel(t, 100, 20, fs)
	m.running = true // a load under way
	if _, cmd := m.Update(ArticlesStored{}); cmd != nil || m.search.indexing || !m.search.again {
		t.Fatalf("articles stored while loading started an indexing (indexing %v, again %v)", m.search.indexing, m.search.again)
	}
	m.Update(batchMsg{gen: m.gen, closed: true})
	if !m.search.indexing || m.search.again {
		t.Errorf("the end of the load did not start the indexing (indexing %v, again %v)", m.search.indexing, m.search.again)
	}
}
