package ui

import (
	tea "charm.land/bubbletea/v2"

	"newsread/articles"
)

// A lean entry keeps what the list shows; its source's Open gives the
// rest (the archive lists a million items without their links). What
// needs the link of an article the reader has not loaded asks for the
// whole article first, in a command.

// wholeThen is what to do with the whole article once it comes.
type wholeThen int

const (
	thenOpenLink wholeThen = iota
	thenCopyLink
	thenFullText
)

// wholeMsg brings the whole of the article id.
type wholeMsg struct {
	id   string
	a    articles.Article
	then wholeThen
}

// linkOf is e's link as far as the screen knows it: the list's, or the
// reader's when it has loaded e.
func (m *Model) linkOf(e *entry) string {
	if e.link == "" && m.reader.entry == e {
		return m.reader.article.Link
	}
	return e.link
}

// mayHaveLink reports whether e has a link or may have one its source
// has not listed.
func (m *Model) mayHaveLink(e *entry) bool {
	return m.linkOf(e) != "" || m.partial(e)
}

// partial reports whether e is a header its source has more of.
func (m *Model) partial(e *entry) bool {
	return e.lean && e.src < len(m.list.headers) && m.list.headers[e.src]
}

// whole asks e's source for the whole of e, then does then with it. A
// source that cannot give its text (an archived item whose text was not
// kept) still gives its header, link and all.
func (m *Model) whole(e *entry, then wholeThen) tea.Cmd {
	if e.src < 0 || e.src >= len(m.sources) {
		return nil
	}
	s, a, ctx := m.sources[e.src], e.article(), m.ctx
	return func() tea.Msg {
		full, _ := s.Open(ctx, a)
		full.ID = a.ID
		return wholeMsg{id: a.ID, a: full, then: then}
	}
}

// wholeIn does what the whole article was asked for.
func (m *Model) wholeIn(msg wholeMsg) tea.Cmd {
	link := msg.a.Link
	switch {
	case msg.then == thenFullText:
		if link == "" {
			return m.say("no link to fetch the full text from")
		}
		if m.full.busy[msg.id] {
			return nil
		}
		return m.fetchFull(msg.a, true)
	case link == "":
		return m.say("this article has no link")
	case msg.then == thenCopyLink:
		return m.copyLink(link)
	}
	return m.launch(link, false)
}
