package ui

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"newsread/articles"
)

// searchDelay is how long typing must rest before the query goes to the
// searcher: every keystroke filters titles at once, and only the last of
// a burst costs a search.
const searchDelay = 100 * time.Millisecond

// searchState is what the filter box knows of the search behind it.
type searchState struct {
	gen       int  // names the query asked last; older answers are dropped
	relevance bool // order the answer best first instead of newest first
	// terms are the words and phrases of the answer the list shows, to
	// highlight in the reader; nil when the list shows no answer.
	terms []string
	err   string // why the last query could not be read
	// cancel ends the search in flight.
	cancel context.CancelFunc
	saved  map[string]string // the saved searches by name
	// naming is set while the name of a search to save is typed in name.
	naming bool
	name   textinput.Model
	// indexing is set while the full-text index is brought up to date;
	// done and total are its progress, ch its messages.
	indexing    bool
	done, total int
	ch          chan indexMsg
	// again says articles were stored while indexing: index once more.
	again bool
}

// ArticlesStored tells the program that articles were stored that the
// full-text index may lack (a refresh, a folder's new files, another
// process): they are indexed in the background, after the indexing under
// way if any.
type ArticlesStored struct{}

// indexStartDelay is how long after the start the indexer waits.
const indexStartDelay = 500 * time.Millisecond

// reindexDelay gathers what is stored while one indexing runs into the
// next: each run starts by counting what the index lacks.
const reindexDelay = 2 * time.Second

// searchDueMsg fires searchDelay after a keystroke; only the latest counts.
type searchDueMsg struct{ gen int }

// searchedMsg is the answer to the search of generation gen.
type searchedMsg struct {
	gen        int
	query      string
	relevance  bool
	ids, terms []string
	err        error
}

// savedSearchesMsg carries the saved searches.
type savedSearchesMsg struct {
	searches map[string]string
	err      error
}

// searchSavedMsg says a search was saved under name.
type searchSavedMsg struct {
	name string
	err  error
}

// indexMsg is the progress of the indexing, or its end when finished.
type indexMsg struct {
	done, total int
	finished    bool
	err         error
}

// searching reports whether the filter box speaks the query language.
func (m *Model) searching() bool { return m.searcher != nil }

// typed follows the filter box after a keystroke: the titles are filtered
// at once, and the search is asked for once typing rests.
func (m *Model) typed() tea.Cmd {
	m.list.setQuery(m.input.Value())
	if !m.searching() {
		return nil
	}
	m.dropSearch()
	if strings.TrimSpace(m.input.Value()) == "" {
		m.search.err = ""
		return nil
	}
	gen := m.search.gen
	return tea.Tick(searchDelay, func(time.Time) tea.Msg { return searchDueMsg{gen: gen} })
}

// dropSearch forgets the answer shown and any search asked for: their
// messages will be dropped.
func (m *Model) dropSearch() {
	s := &m.search
	s.gen++
	s.terms = nil
	if s.cancel != nil {
		s.cancel()
		s.cancel = nil
	}
}

// clearSearch drops the search with the filter: nothing is searched and
// no error is shown.
func (m *Model) clearSearch() {
	if m.searching() {
		m.dropSearch()
		m.search.err = ""
	}
}

// searchDue runs the search once typing has rested.
func (m *Model) searchDue(msg searchDueMsg) tea.Cmd {
	if msg.gen != m.search.gen {
		return nil
	}
	return m.runSearch()
}

// runSearch asks the searcher for the query in the filter box, in a
// command; the answer carries the generation it was asked in.
func (m *Model) runSearch() tea.Cmd {
	s := &m.search
	if s.cancel != nil {
		s.cancel()
	}
	q := m.input.Value()
	if strings.TrimSpace(q) == "" {
		return nil
	}
	ctx, cancel := context.WithCancel(m.ctx)
	s.cancel = cancel
	searcher, gen, rel := m.searcher, s.gen, s.relevance
	return func() tea.Msg {
		ids, terms, err := searcher.Search(ctx, q, rel)
		return searchedMsg{gen: gen, query: q, relevance: rel, ids: ids, terms: terms, err: err}
	}
}

// searched shows the answer of the latest search: the list keeps the
// articles it names, and a query that could not be read is said in the
// status line while the title filter stays.
func (m *Model) searched(msg searchedMsg) tea.Cmd {
	if msg.gen != m.search.gen {
		return nil
	}
	m.search.cancel = nil
	if msg.err != nil {
		if !errors.Is(msg.err, context.Canceled) {
			m.search.err = articles.CleanLine(msg.err.Error())
		}
		return nil
	}
	m.search.err = ""
	m.search.terms = msg.terms
	m.list.setFound(msg.query, msg.ids, msg.relevance)
	return m.selectionMoved()
}

// kept reports whether the list shows a search, kept or being typed.
func (m *Model) kept() bool {
	return m.searching() && m.list.query != ""
}

// toggleOrder orders the search by relevance or newest first, and asks
// for it again in that order.
func (m *Model) toggleOrder() tea.Cmd {
	m.search.relevance = !m.search.relevance
	if !m.kept() {
		return nil
	}
	m.dropSearch()
	return m.runSearch()
}

// orderText says how the search is ordered.
func (m *Model) orderText() string {
	if m.search.relevance {
		return "by relevance"
	}
	return "newest first"
}

// runSaved runs a saved search as the kept filter, over the whole list.
func (m *Model) runSaved(query string) tea.Cmd {
	m.list.setNarrow(narrowing{})
	m.input.SetValue(query)
	m.list.setQuery(query)
	m.dropSearch()
	return tea.Batch(m.selectionMoved(), m.runSearch())
}

// askSaved asks the searcher for the saved searches.
func (m *Model) askSaved() tea.Cmd {
	s, ctx := m.searcher, m.ctx
	return func() tea.Msg {
		searches, err := s.Saved(ctx)
		return savedSearchesMsg{searches: searches, err: err}
	}
}

// savedIn keeps the saved searches for the picker.
func (m *Model) savedIn(msg savedSearchesMsg) tea.Cmd {
	if msg.err != nil {
		m.problems.add([]articles.Problem{{Where: "saved searches", Err: fmt.Errorf("reading saved searches: %w", msg.err)}})
		return nil
	}
	m.search.saved = msg.searches
	return nil
}

// startNaming asks for the name to keep the search under.
func (m *Model) startNaming() tea.Cmd {
	if !m.kept() {
		return nil
	}
	s := &m.search
	s.naming = true
	s.name.Reset()
	return s.name.Focus()
}

// nameKey handles a key while the name of a search is typed: enter saves
// it, esc gives up.
func (m *Model) nameKey(k tea.KeyPressMsg) tea.Cmd {
	s := &m.search
	switch {
	case key.Matches(k, m.keys.FilterAccept):
		s.naming = false
		s.name.Blur()
		name := strings.TrimSpace(s.name.Value())
		if name == "" {
			return nil
		}
		searcher, ctx, q := m.searcher, m.ctx, m.input.Value()
		return func() tea.Msg {
			return searchSavedMsg{name: name, err: searcher.Save(ctx, name, q)}
		}
	case key.Matches(k, m.keys.FilterClear):
		s.naming = false
		s.name.Blur()
		return nil
	}
	var cmd tea.Cmd
	s.name, cmd = s.name.Update(k)
	return cmd
}

// searchSaved says the search was saved and asks for the list again.
func (m *Model) searchSaved(msg searchSavedMsg) tea.Cmd {
	if msg.err != nil {
		return m.say("not saved: " + articles.CleanLine(msg.err.Error()))
	}
	return tea.Batch(m.say("saved search “"+msg.name+"”"), m.askSaved())
}

// startIndex brings the full-text index up to date in the background;
// its progress comes back through a channel read by a re-arming command,
// and quitting cancels it.
func (m *Model) startIndex() tea.Cmd {
	s := &m.search
	ch := make(chan indexMsg, 1)
	s.ch, s.indexing = ch, true
	searcher, ctx := m.searcher, m.ctx
	start := func() tea.Msg {
		go func() {
			progress := func(done, total int) {
				// Only the latest progress matters: one waiting is
				// replaced, and the indexer never waits for the screen.
				select {
				case <-ch:
				default:
				}
				select {
				case ch <- indexMsg{done: done, total: total}:
				default:
				}
			}
			err := searcher.Index(ctx, progress)
			select {
			case <-ch:
			default:
			}
			select {
			case ch <- indexMsg{finished: true, err: err}:
			case <-ctx.Done():
			}
		}()
		return nil
	}
	return tea.Batch(start, waitForIndex(ch))
}

// waitForIndex blocks until the indexer says something.
func waitForIndex(ch <-chan indexMsg) tea.Cmd {
	return func() tea.Msg { return <-ch }
}

// stored starts indexing what was stored, or notes to index when the
// indexing or the load under way ends.
func (m *Model) stored() tea.Cmd {
	if m.searcher == nil {
		return nil
	}
	if m.search.indexing || m.running {
		// After the indexing under way, or once the sources have loaded:
		// reading a folder's files again for their words beside its
		// first scan took the CPU from the scan.
		m.search.again = true
		return nil
	}
	return m.startIndex()
}

// indexAfterRun starts the indexing left for the end of a load or a
// refresh.
func (m *Model) indexAfterRun() tea.Cmd {
	if !m.search.again || m.search.indexing || m.searcher == nil {
		return nil
	}
	m.search.again = false
	return m.startIndex()
}

// indexed takes the indexer's progress, and re-arms the reader until it
// has finished. A search shown when it ends is asked again, as it may
// find more now.
func (m *Model) indexed(msg indexMsg) tea.Cmd {
	s := &m.search
	if !msg.finished {
		s.done, s.total = msg.done, msg.total
		return waitForIndex(s.ch)
	}
	s.indexing = false
	if msg.err != nil && !errors.Is(msg.err, context.Canceled) {
		m.problems.add([]articles.Problem{{Where: "search index", Err: fmt.Errorf("indexing: %w", msg.err)}})
	}
	var cmds []tea.Cmd
	if s.again && msg.err == nil {
		s.again = false
		cmds = append(cmds, tea.Tick(reindexDelay, func(time.Time) tea.Msg { return ArticlesStored{} }))
	}
	if m.list.found != nil {
		m.dropSearch()
		cmds = append(cmds, m.runSearch())
	}
	return tea.Batch(cmds...)
}

// searchStatus is what the status line says of the search: the order of
// a search shown, and the indexing in progress.
func (m *Model) searchStatus() []string {
	if !m.searching() {
		return nil
	}
	var parts []string
	if m.list.query != "" {
		parts = append(parts, m.orderText())
	}
	if m.search.indexing {
		if m.search.total > 0 {
			parts = append(parts, "indexing "+commas(m.search.done)+"/"+commas(m.search.total))
		} else {
			parts = append(parts, "indexing…")
		}
	}
	return parts
}
