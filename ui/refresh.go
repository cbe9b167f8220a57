package ui

import (
	"slices"
	"time"

	tea "charm.land/bubbletea/v2"
)

// refreshTickMsg is the timer of Options.RefreshEvery going off.
type refreshTickMsg struct{}

// startRun starts a load or refresh run of fs under a new generation and
// reads its batches.
func (m *Model) startRun(fs []fetch) tea.Cmd {
	m.gen++
	m.running = true
	m.ch = make(chan sourceBatch, 16)
	return tea.Batch(startFetches(m.ctx, fs, m.ch), waitForBatch(m.ch, m.gen))
}

// arrive merges the batches of the current run into the list and re-arms
// the batch reader. Articles that come again replace the old ones, so the
// fresh items of a refresh update what the cache showed first.
func (m *Model) arrive(msg batchMsg) tea.Cmd {
	if msg.gen != m.gen {
		return nil
	}
	before := m.list.sel
	for _, sb := range msg.batches {
		fresh := m.list.add(sb.src, sb.batch.Articles)
		m.problems.addFrom(origin{src: sb.src, gen: m.gen}, sb.batch.Problems)
		if m.told != nil {
			m.told.fresh += fresh
			for _, p := range sb.batch.Problems {
				m.told.failed[p.Where] = true
			}
		}
		if sb.src < len(m.progress) {
			m.progress[sb.src].note(sb.batch)
		}
	}
	cmds := []tea.Cmd{m.askStates(msg)}
	if msg.closed {
		m.running = false
		m.problems.clearStale(m.wholeRun, m.gen)
		m.wholeRun = nil
		for i := range m.progress {
			m.progress[i].done = true
		}
		if m.told != nil {
			cmds = append(cmds, m.announce(refreshSummary(*m.told, m.progress)))
			m.told = nil
		}
		cmds = append(cmds, m.indexAfterRun())
		if len(m.relist) > 0 {
			cmds = append(cmds, m.relistRun())
		}
	}
	m.loaded = !slices.ContainsFunc(m.progress, func(p progress) bool { return !p.done })
	if !msg.closed {
		cmds = append(cmds, waitForBatch(m.ch, m.gen))
	}
	if !m.single && !m.list.pinned && m.loaded && len(m.sources) == 1 {
		if s, ok := m.sources[0].(Singler); ok && s.Single() {
			m.single = true
			m.layout() // one pane now: the reader takes the whole width
		}
	}
	if m.single && !m.singleOpened && m.list.sel != nil {
		m.singleOpened = true
		cmds = append(cmds, m.openReader())
	}
	// The reader follows the top row until the user moves.
	if m.wide() && m.list.sel != nil && (m.reader.entry == nil || m.list.sel != before) {
		cmds = append(cmds, m.selectionMoved())
	}
	return tea.Batch(cmds...)
}

// changed lists again what source src holds since it last listed, when
// it can (Relister), else refreshes it quietly (declined while a run
// runs: the run brings the news). A Relister changed while a run runs
// lists once the run is over.
func (m *Model) changed(src int) tea.Cmd {
	if src < 0 || src >= len(m.sources) {
		return nil
	}
	if _, ok := m.sources[src].(Relister); !ok {
		return m.refresh(src, "", true)
	}
	if !slices.Contains(m.relist, src) {
		m.relist = append(m.relist, src)
	}
	if m.running {
		return nil
	}
	return m.relistRun()
}

// relistRun starts a run listing again every source in m.relist.
func (m *Model) relistRun() tea.Cmd {
	fs := make([]fetch, len(m.relist))
	for i, src := range m.relist {
		fs[i] = fetch{src: src, name: m.sources[src].Name(), do: m.sources[src].(Relister).Relist}
		m.progress[src] = progress{}
	}
	m.relist = nil
	m.told, m.wholeRun = nil, nil
	m.loaded = false
	return m.startRun(fs)
}

// refresh fetches again from every source that can (only < 0) or from
// source only: all its feeds when feed is "", else that one. There is one
// run at a time: a refresh asked for while a load or refresh runs is
// declined rather than restarted, since cancelling would throw away the
// feeds already being fetched and the running one brings the news anyway.
// quiet (the timer) declines without a word.
// When a refresh asked for by a key ends, a word says what it brought.
func (m *Model) refresh(only int, feed string, quiet bool) tea.Cmd {
	say := func(s string) tea.Cmd {
		if quiet {
			return nil
		}
		return m.say(s)
	}
	if m.running {
		return say("already refreshing")
	}
	fs := refreshes(m.sources, only, feed)
	if len(fs) == 0 {
		return say("nothing to refresh")
	}
	m.told = nil
	if !quiet {
		m.told = &runTally{failed: map[string]bool{}}
	}
	for _, f := range fs {
		m.progress[f.src] = progress{}
		if m.told != nil {
			m.told.srcs = append(m.told.srcs, f.src)
		}
	}
	m.wholeRun = nil
	if feed == "" {
		for _, f := range fs {
			m.wholeRun = append(m.wholeRun, f.src)
		}
	}
	m.loaded = false
	return m.startRun(fs)
}

// refreshFeed refreshes the feed the article under the cursor came from.
func (m *Model) refreshFeed() tea.Cmd {
	e := m.list.sel
	switch {
	case e == nil:
		return nil
	case e.feed() == "":
		return m.say("not a feed")
	}
	return m.refresh(e.src, e.feed(), false)
}

// refreshDue refreshes on the timer and arms it again.
func (m *Model) refreshDue() tea.Cmd {
	return tea.Batch(m.refresh(-1, "", true), m.refreshTick())
}

// refreshTick goes off once, RefreshEvery from now.
func (m *Model) refreshTick() tea.Cmd {
	return tea.Tick(m.refreshEvery, func(time.Time) tea.Msg { return refreshTickMsg{} })
}
