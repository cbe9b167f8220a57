package ui

import (
	"context"
	"errors"

	tea "charm.land/bubbletea/v2"

	"newsread/articles"
)

// FullTexter gets the whole story of an article whose source gives only a
// summary (most news feeds): the web page at its link, extracted. FullText
// may block on the network or the disk, and the UI calls it only from
// commands; Auto must answer at once.
type FullTexter interface {
	// FullText returns a with its Body replaced by the full text of its
	// link, as markdown: the copy kept from an earlier fetch, else, with
	// fetch, fetched, extracted and kept. Without fetch and with no copy
	// kept it returns an error that is ErrNoFullText. Other errors say
	// what went wrong in words fit for the status line.
	FullText(ctx context.Context, a articles.Article, fetch bool) (articles.Article, error)
	// Auto reports whether a's feed asks for the full text of its items
	// as soon as one is opened.
	Auto(a articles.Article) bool
}

// ErrNoFullText is FullText's answer, without fetch, for an article whose
// full text was never fetched.
var ErrNoFullText = errors.New("no full text kept")

// fullState is what the screen knows of full texts, by article ID. An
// article with a link is shown in full when its full text is kept, unless
// the user chose its summary.
type fullState struct {
	ft FullTexter // nil: no full texts
	// choice is the version chosen for an article: true for the full
	// text (the key, or a fetch that came), false for the summary.
	choice map[string]bool
	none   map[string]bool // no full text is kept: render the summary at once
	busy   map[string]bool // fetches in flight
}

func newFullState(ft FullTexter) fullState {
	return fullState{ft: ft, choice: map[string]bool{}, none: map[string]bool{}, busy: map[string]bool{}}
}

// wantsID reports whether the article id, which has a link (or may have:
// a lean entry's), is to be shown in full if its full text is kept: what
// its renderings are keyed by.
func (f *fullState) wantsID(id string, link bool) bool {
	if f.ft == nil || !link {
		return false
	}
	if c, ok := f.choice[id]; ok {
		return c
	}
	return !f.none[id]
}

// wantsEntry is wantsID for a listed article.
func (m *Model) wantsEntry(e *entry) bool {
	return m.full.wantsID(e.id, m.mayHaveLink(e))
}

// fullTextMsg is the answer to a fetch of the full text of the article
// id; asked says the user asked for it with the key.
type fullTextMsg struct {
	id      string
	article articles.Article
	err     error
	asked   bool
}

// fetchFull asks for the full text of a, from the network when none is
// kept. The command captures values only.
func (m *Model) fetchFull(a articles.Article, asked bool) tea.Cmd {
	m.full.busy[a.ID] = true
	ft, ctx := m.full.ft, m.ctx
	return func() tea.Msg {
		full, err := ft.FullText(ctx, a, true)
		return fullTextMsg{id: a.ID, article: full, err: err, asked: asked}
	}
}

// toggleFull is the full-text key: on the article shown in full it goes
// back to the feed's summary; on another it asks for the full text,
// opening the article from the list first.
func (m *Model) toggleFull() tea.Cmd {
	e := m.list.sel
	if m.focus == focusReader {
		e = m.reader.entry
	}
	switch {
	case e == nil:
		return nil
	case !m.mayHaveLink(e):
		return m.say("no link to fetch the full text from")
	case m.full.busy[e.id]:
		return m.say("fetching the full text…")
	}
	var open tea.Cmd
	a := e.article()
	switch {
	case m.reader.entry != e || m.focus != focusReader && !m.wide():
		open = m.openReader()
	case m.reader.want.full && m.reader.lines != nil:
		// (Before its first rendering the full text may yet turn out
		// not to be kept: then the key asks for it.)
		m.full.choice[e.id] = false
		return tea.Batch(m.say("feed summary"), m.rerender())
	case m.reader.article.BodyLoaded:
		a = m.reader.article // with the summary, to tell a page that holds no more
	}
	if a.Link == "" {
		// A lean entry the reader has not loaded: its source has the link.
		return tea.Batch(open, m.say("fetching the full text…"), m.whole(e, thenFullText))
	}
	return tea.Batch(open, m.say("fetching the full text…"), m.fetchFull(a, true))
}

// autoFull fetches the full text of e when its feed asks for it and the
// user has not chosen a version.
func (m *Model) autoFull(e *entry) tea.Cmd {
	return m.autoFullOf(e, e.article())
}

// autoFullOf is autoFull with a, e as far as it is known: a lean entry's
// link comes with its first rendering (see rendered).
func (m *Model) autoFullOf(e *entry, a articles.Article) tea.Cmd {
	f := &m.full
	if f.ft == nil || a.Link == "" || f.busy[e.id] {
		return nil
	}
	if _, chosen := f.choice[e.id]; chosen || !f.ft.Auto(a) {
		return nil
	}
	return m.fetchFull(a, false)
}

// fullTextIn takes a fetched full text: kept for the article, and put on
// screen if the article is shown. A failure is said if the article is
// still shown or the user asked; its summary stays.
func (m *Model) fullTextIn(msg fullTextMsg) tea.Cmd {
	f := &m.full
	delete(f.busy, msg.id)
	shown := m.reader.entry != nil && m.reader.entry.id == msg.id
	if msg.err != nil {
		if !msg.asked {
			f.choice[msg.id] = false // no second try each time it is opened
		}
		if shown || msg.asked {
			return m.say("full text: " + articles.CleanLine(msg.err.Error()))
		}
		return nil
	}
	f.choice[msg.id] = true
	delete(f.none, msg.id)
	msg.article.BodyLoaded = true
	m.rend.fulls.put(msg.id, msg.article)
	if !shown {
		return nil
	}
	var said tea.Cmd
	if msg.asked {
		said = m.say("full text")
	}
	return tea.Batch(said, m.rerender())
}

// fellBack takes a rendering that wanted the full text and found none
// kept: the reader shows the summary, keyed as such, and the article is
// known to have none. If the full text came meanwhile (the fetch a
// +fulltext feed starts on opening can beat the first rendering), it is
// rendered instead: the command is returned and msg is to be dropped.
func (m *Model) fellBack(msg *renderedMsg) tea.Cmd {
	r := &m.reader
	if m.full.choice[msg.key.id] {
		return m.rend.renderCmd(r.renderContext(m.ctx), m.job(r.article, r.entry.src, r.want, r.version), true)
	}
	m.full.none[msg.key.id] = true
	r.want.full, msg.key.full = false, false
	return nil
}

// fullBody returns a with its kept full text as body, from memory or from
// ft; ok is false when none is kept (or it cannot be read), and a stays.
func (r *renderer) fullBody(ctx context.Context, ft FullTexter, a articles.Article) (articles.Article, bool) {
	if ft == nil {
		return a, false
	}
	if full, ok := r.fulls.get(a.ID); ok {
		return full, true
	}
	full, err := ft.FullText(ctx, a, false)
	if err != nil {
		return a, false
	}
	full.BodyLoaded = true
	r.fulls.put(a.ID, full)
	return full, true
}

// versionLabel names the version of the article on screen, for the status
// line: "full text", or "feed summary" for a feed item that could have
// one; "" for others.
func (m *Model) versionLabel() string {
	r := &m.reader
	switch {
	case m.full.ft == nil || r.entry == nil || m.linkOf(r.entry) == "":
		return ""
	case r.want.full:
		return "full text"
	case r.entry.feed() != "":
		return "feed summary"
	}
	return ""
}
