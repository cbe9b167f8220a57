// Package ui is the Bubble Tea program of newsread: the list and reader
// panes, their keys and styles, and the rendering of articles.
package ui

import (
	"context"
	"time"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	gstyles "charm.land/glamour/v2/styles"

	"newsread/articles"
)

// Options configures a Model.
type Options struct {
	Sources []Source
	// Style is "" to follow the terminal (dark until it answers), "dark",
	// "light", "notty", "ascii" (or another glamour style name), or the path
	// of a glamour JSON style.
	Style string
	// NoColor (NO_COLOR set) means plain styles without colours and the
	// "notty" glamour style, unless Style names one.
	NoColor bool
	Keys    *KeyMap          // nil means DefaultKeyMap()
	Now     func() time.Time // nil means time.Now; tests fix it
	// RefreshEvery refreshes the sources that can (see Refresher) this
	// often, as the refresh key does; 0 means never.
	RefreshEvery time.Duration
	// FirstScreen, when set, is called once, from View, when the screen
	// first shows articles (or every source has loaded without any): the
	// work the first screen does not need can start then.
	FirstScreen func()
	// OpenSingle says that the only input is one article (one file named,
	// or one article piped in). It opens in the reader as soon as it
	// arrives, in one pane over the whole width whatever the terminal's
	// size, as glow shows a file; esc shows the list of that one article.
	OpenSingle bool
	// Store keeps read, starred and reading positions; nil keeps nothing
	// and shows no marks.
	Store Store
	// Searcher makes the filter box speak the query language; nil
	// filters titles only.
	Searcher Searcher

	// Launcher opens links and plays enclosures; nil opens nothing.
	Launcher Launcher
	// NoHyperlinks leaves OSC 8 hyperlinks out of the rendered text.
	NoHyperlinks bool
	// SaveDir is the folder the save key writes articles to; "" saves
	// nothing. ReadingWidth is the widest the text of an article is
	// rendered, centred in a wider reader; 0 is the reader's width.
	SaveDir      string
	ReadingWidth int
	// FullText fetches and keeps the whole story of summary-only feed
	// items; nil leaves the full-text key out.
	FullText FullTexter

	// Dark and Light replace the palettes the styles are made of (a
	// theme); nil keeps the defaults. NoColor wins over both.
	Dark, Light *Palette
	// WideAbove is the width from which list and reader sit side by
	// side (0: 100); ListPercent is the list's share of that width in
	// percent (0: 40).
	WideAbove, ListPercent int
	// DateFormat is the Go time layout of the list's date column; ""
	// is the relative date ("3h", "Mar 4").
	DateFormat string
	// Columns are the list's columns beside the title, of "source" and
	// "date", in that order on screen; nil is both.
	Columns []string
	// Problems are listed under ! from the start: those of the
	// configuration file.
	Problems []articles.Problem
	// KeepUnread leaves an article unread when it opens; HideRead
	// starts with the read articles hidden (H shows them).
	KeepUnread, HideRead bool
}

type focus int

const (
	focusList focus = iota
	focusReader
)

type overlay int

const (
	overlayNone overlay = iota
	overlayHelp
	overlayProblems
	overlayPicker
	overlayLinks
	overlayOutline
)

// wideAbove is the width from which list and reader sit side by side,
// and listPercent the list's share of it, unless Options say otherwise.
const (
	wideAbove   = 100
	listPercent = 40
)

// settleDelay is how long the cursor must rest on an article in the wide
// layout before its body is loaded, so holding j does not open every file.
const settleDelay = 80 * time.Millisecond

// Model is the root Bubble Tea model of newsread.
type Model struct {
	sources []Source
	keys    KeyMap
	now     func() time.Time
	style   string // the explicit style, or "" to follow the terminal
	noColor bool
	dark    bool
	styles  Styles
	rend    *renderer
	palette struct{ dark, light Palette }
	// The layout and the list's columns (Options).
	wideAbove, listPercent int
	columns                columns
	keepUnread             bool
	firstScreen            func() // Options.FirstScreen, until called

	ctx          context.Context
	cancel       context.CancelFunc
	ch           chan sourceBatch // the batches of the current run
	gen          int              // names the current run; batches of others are dropped
	running      bool             // the current run has not finished
	refreshEvery time.Duration

	width, height int
	focus         focus
	overlay       overlay
	filtering     bool
	input         textinput.Model
	help          help.Model

	list     listPane
	reader   readerPane
	selGen   int // bumped on every cursor move, for the settle tick
	overOff  int // scroll offset of the problems view
	picker   picker
	progress []progress // one per source
	loaded   bool       // every source has finished
	problems problemList
	wholeRun []int // the sources the current refresh reads whole
	relist   []int // Relisters changed while a run ran
	// notice is a word in the status line; noticeGen names it for its
	// timer, and noticeKeyed says it answers a key, so the next key
	// clears it.
	notice      string
	noticeGen   int
	noticeKeyed bool
	// told, when not nil, counts what the refresh the user asked for
	// brings, to say when it ends.
	told *runTally
	// single is Options.OpenSingle; singleOpened is set once the article
	// has been opened, so esc can leave it.
	single, singleOpened bool

	// store is Options.Store; pending holds the writes queued behind the
	// one in flight, which closes inflight when done; undos are the marks
	// u takes back, the last last.
	store    Store
	pending  []stateWrite
	inflight chan struct{}
	writes   int // marks made here, counted: answers older than one are stale
	undos    []undoStep
	quitWait time.Duration // quitTimeout; tests shorten it

	// searcher is Options.Searcher; search is what the filter box knows
	// of it.
	searcher Searcher
	search   searchState

	// launcher is Options.Launcher; links is the link picker.
	launcher Launcher
	links    linkPicker
	// inside is find, outline, save and pipe in the reader.
	inside inside
	full   fullState // full texts fetched from articles' links
}

// settledMsg fires settleDelay after a cursor move; only the latest counts.
type settledMsg struct{ gen int }

// New returns a Model ready to run. It fails when the style file cannot be
// read or is not a glamour style.
func New(opts Options) (*Model, error) {
	var styleJSON []byte
	if opts.Style != "" && !isStandardStyle(opts.Style) {
		b, err := readStyle(opts.Style)
		if err != nil {
			return nil, err
		}
		styleJSON = b
	}
	keys := DefaultKeyMap()
	if opts.Keys != nil {
		keys = *opts.Keys
	}
	now := opts.Now
	if now == nil {
		now = time.Now
	}
	ctx, cancel := context.WithCancel(context.Background())
	m := &Model{
		sources:      opts.Sources,
		keys:         keys,
		now:          now,
		style:        opts.Style,
		noColor:      opts.NoColor,
		dark:         opts.Style != gstyles.LightStyle,
		rend:         newRenderer(styleJSON),
		ctx:          ctx,
		cancel:       cancel,
		refreshEvery: opts.RefreshEvery,
		input:        textinput.New(),
		help:         help.New(),
		list:         newListPane(),
		reader:       newReaderPane(),
		progress:     make([]progress, len(opts.Sources)),
		loaded:       len(opts.Sources) == 0,
		single:       opts.OpenSingle,
		store:        opts.Store,
		quitWait:     quitTimeout,
		searcher:     opts.Searcher,
		launcher:     opts.Launcher,
		inside:       newInside(opts.SaveDir, opts.ReadingWidth),
		full:         newFullState(opts.FullText),
	}
	m.list.copies = which(opts.Sources, Copier.Copies)
	m.list.headers = which(opts.Sources, HeaderLister.ListsHeaders)
	m.firstScreen = opts.FirstScreen
	m.configure(opts)
	m.rend.numbered, m.rend.hyperlinks = true, !opts.NoHyperlinks
	m.keys.FullText.SetEnabled(opts.FullText != nil)
	m.input.Prompt = ""
	m.input.Placeholder = "filter titles"
	m.search.name = textinput.New()
	m.search.name.Prompt = ""
	m.search.name.Placeholder = "name"
	if m.searcher != nil {
		m.input.Placeholder = "search (? lists the qualifiers)"
		m.keys.Filter.SetHelp(m.keys.Filter.Help().Key, "search")
	} else {
		m.keys.SearchOrder.SetEnabled(false)
		m.keys.SaveSearch.SetEnabled(false)
	}
	m.setStyles()
	return m, nil
}

// setStyles derives every style from dark and noColor.
func (m *Model) setStyles() {
	p := m.palette.light
	if m.dark {
		p = m.palette.dark
	}
	m.styles = themedStyles(p, m.dark, m.noColor)
	m.help.Styles = m.styles.help
	m.input.SetStyles(m.styles.input)
	m.search.name.SetStyles(m.styles.input)
}

// glamourStyle is the glamour style to render with now.
func (m *Model) glamourStyle() string {
	switch {
	case m.style != "":
		return m.style
	case m.noColor:
		return gstyles.NoTTYStyle
	case m.dark:
		return gstyles.DarkStyle
	default:
		return gstyles.LightStyle
	}
}

// styleKey names the look of a rendering: the glamour style and the header
// colours, which follow the background.
func (m *Model) styleKey() string {
	if m.dark {
		return m.glamourStyle() + "|dark"
	}
	return m.glamourStyle() + "|light"
}

// Init starts loading every source, arms the refresh timer and asks the terminal for its
// background colour. The first screen does not wait for either.
func (m *Model) Init() tea.Cmd {
	cmds := []tea.Cmd{m.startRun(loads(m.sources))}
	if m.refreshEvery > 0 {
		cmds = append(cmds, m.refreshTick())
	}
	if m.style == "" && !m.noColor {
		cmds = append(cmds, tea.RequestBackgroundColor)
	}
	if m.searcher != nil {
		// The indexer starts once the first screen is drawn: it begins by
		// counting what the index lacks, a scan of the whole archive.
		cmds = append(cmds, tea.Tick(indexStartDelay, func(time.Time) tea.Msg { return ArticlesStored{} }), m.askSaved())
	}
	return tea.Batch(cmds...)
}

// Update routes each message to the one method that handles it.
func (m *Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		return m, m.resize(msg.Width, msg.Height)
	case tea.KeyPressMsg:
		return m, m.keyPress(msg)
	case tea.MouseWheelMsg:
		return m, m.wheel(msg.Mouse())
	case tea.BackgroundColorMsg:
		return m, m.background(msg.IsDark())
	case batchMsg:
		return m, m.arrive(msg)
	case refreshTickMsg:
		return m, m.refreshDue()
	case SourceChanged:
		return m, m.changed(msg.Source)
	case renderedMsg:
		return m, m.rendered(msg)
	case settledMsg:
		return m, m.settled(msg)
	case noticeClearMsg:
		return m, m.noticeExpired(msg)
	case statesMsg:
		return m, m.statesIn(msg)
	case StatesChanged:
		return m, m.restate()
	case restatedMsg:
		return m, m.restated(msg)
	case wroteMsg:
		return m, m.wrote(msg)
	case searchDueMsg:
		return m, m.searchDue(msg)
	case searchedMsg:
		return m, m.searched(msg)
	case savedSearchesMsg:
		return m, m.savedIn(msg)
	case searchSavedMsg:
		return m, m.searchSaved(msg)
	case indexMsg:
		return m, m.indexed(msg)
	case ArticlesStored:
		return m, m.stored()
	case launchedMsg:
		return m, m.launched(msg)
	case articleSavedMsg:
		return m, m.articleSaved(msg)
	case pipedMsg:
		return m, m.piped(msg)
	case wholeMsg:
		return m, m.wholeIn(msg)
	case fullTextMsg:
		return m, m.fullTextIn(msg)
	}
	return m, m.inputMsg(msg)
}

// quit stops the sources and ends the program.
func (m *Model) quit() tea.Cmd {
	m.cancel()
	if m.store != nil {
		return m.flushAndQuit()
	}
	return tea.Quit
}

// background follows the terminal's colour unless a style was chosen.
func (m *Model) background(dark bool) tea.Cmd {
	if m.style != "" || dark == m.dark {
		return nil
	}
	m.dark = dark
	m.setStyles()
	return m.rerender()
}

// resize lays the panes out again and re-renders the article at its new
// width, keeping the paragraph being read on screen.
func (m *Model) resize(w, h int) tea.Cmd {
	m.width, m.height = max(0, w), max(0, h)
	m.layout()
	if m.reader.entry == nil && m.list.sel != nil && m.wide() {
		// Articles came before the size did: the reader beside the list
		// shows the selected one now.
		return m.selectionMoved()
	}
	return m.rerender()
}

// rerender asks for the shown article at the current width and style, if
// that is not what the reader has.
func (m *Model) rerender() tea.Cmd {
	r := &m.reader
	if r.entry == nil {
		return nil
	}
	key := renderKey{id: r.entry.id, width: m.measure(), style: m.styleKey(), full: m.wantsEntry(r.entry)}
	if key == r.want {
		return nil
	}
	r.restart(key)
	if c, ok := m.rend.cachedLinks(key, r.version); ok {
		r.links = c.links
		r.nextText = m.rend.textFor(key, c.content)
		r.show(c.content, true)
		return nil
	}
	return m.rend.renderCmd(r.renderContext(m.ctx), m.job(r.article, r.entry.src, key, r.version), true)
}

// open shows e in the reader, from the cache when possible. Opening the
// article the reader already shows does nothing, unless it came again
// changed since: then the new version replaces it at the same place.
func (m *Model) open(e *entry) tea.Cmd {
	r := &m.reader
	key := renderKey{id: e.id, width: m.measure(), style: m.styleKey(), full: m.wantsEntry(e)}
	hl := newHighlighter(m.search.terms, m.styles.Match)
	switch {
	case r.entry == e && r.want == key && r.version == int(e.version) && r.hl.same(hl):
		return nil
	case r.entry == e && r.want == key && r.version == int(e.version):
		// Opened again from another search, or from none: the same
		// rendering with other words highlighted.
		r.highlight(hl)
		return m.show(e, key)
	case r.entry == e && r.want == key:
		r.restart(key)
		r.hl = hl
		r.article, r.version = e.article(), int(e.version)
	default:
		left := m.leaveArticle()
		r.start(e, key)
		r.highlight(hl)
		if m.store != nil && !r.seek {
			r.restore(e.position())
		}
		if left != nil || m.full.ft != nil {
			return tea.Batch(left, m.show(e, key), m.autoFull(e))
		}
	}
	return m.show(e, key)
}

// show puts e's rendering for key in the reader from the cache, or asks
// for it.
func (m *Model) show(e *entry, key renderKey) tea.Cmd {
	r := &m.reader
	if c, ok := m.rend.cachedLinks(key, int(e.version)); ok {
		r.links = c.links
		r.nextText = m.rend.textFor(key, c.content)
		r.show(c.content, true)
		if c.notice != "" {
			return m.say(c.notice)
		}
		return nil
	}
	return m.rend.renderCmd(r.renderContext(m.ctx), m.job(e.article(), e.src, key, int(e.version)), true)
}

// job captures what a render command needs; never the model.
func (m *Model) job(a articles.Article, src int, key renderKey, version int) renderJob {
	var s Source
	if src >= 0 && src < len(m.sources) {
		s = m.sources[src]
	}
	return renderJob{article: a, src: s, key: key, gstyle: m.glamourStyle(), styles: m.styles, gen: m.reader.gen, version: version,
		cells: key.width * m.bodyHeight(), ft: m.full.ft}
}

// rendered takes a finished rendering if the reader still wants it; after
// a first part it asks for the whole article.
func (m *Model) rendered(msg renderedMsg) tea.Cmd {
	r := &m.reader
	if msg.gen != r.gen || msg.key != r.want {
		return nil
	}
	if msg.err != nil {
		r.fail(msg.err)
		return nil
	}
	if msg.fellBack {
		if again := m.fellBack(&msg); again != nil {
			return again
		}
	}
	var auto tea.Cmd
	if m.partial(r.entry) && r.article.Link == "" && msg.article.Link != "" {
		auto = m.autoFullOf(r.entry, msg.article) // the link came with the text
	}
	if msg.article.Notice != "" && r.lines == nil {
		auto = tea.Batch(auto, m.say(msg.article.Notice)) // the first rendering shown; gone with the next key
	}
	r.article = msg.article
	r.links = msg.links
	r.nextText = msg.text
	r.show(msg.content, msg.complete)
	if msg.complete {
		return auto
	}
	return tea.Batch(auto, m.rend.renderCmd(r.renderContext(m.ctx), m.job(msg.article, r.entry.src, msg.key, r.version), false))
}

// selectionMoved follows the cursor with the reader in the wide layout: at
// once when the rendering is cached or the reader shows nothing yet (the
// first article is not kept waiting), otherwise once the cursor rests.
func (m *Model) selectionMoved() tea.Cmd {
	m.selGen++
	e := m.list.sel
	if !m.wide() || e == nil {
		return nil
	}
	if m.reader.entry == nil {
		return m.open(e)
	}
	key := renderKey{id: e.id, width: m.measure(), style: m.styleKey(), full: m.wantsEntry(e)}
	if _, ok := m.rend.cached(key, int(e.version)); ok {
		return m.open(e)
	}
	gen := m.selGen
	return tea.Tick(settleDelay, func(time.Time) tea.Msg { return settledMsg{gen: gen} })
}

// settled opens the article under the cursor once it has rested there.
func (m *Model) settled(msg settledMsg) tea.Cmd {
	if msg.gen != m.selGen || !m.wide() || m.list.sel == nil {
		return nil
	}
	return m.open(m.list.sel)
}

// inputMsg passes other messages (the cursor blink) to the filter input.
func (m *Model) inputMsg(msg tea.Msg) tea.Cmd {
	var cmd tea.Cmd
	if m.inside.prompt != promptNone {
		m.inside.input, cmd = m.inside.input.Update(msg)
		return cmd
	}
	if m.search.naming {
		m.search.name, cmd = m.search.name.Update(msg)
		return cmd
	}
	if !m.filtering {
		return nil
	}
	m.input, cmd = m.input.Update(msg)
	return cmd
}
