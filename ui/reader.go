package ui

import (
	"context"
	"math"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"newsread/articles"
)

// anchorWords is how many words identify the reading position across a
// re-render: enough to be unique in practice, few enough to fit a line.
const anchorWords = 6

// readerPane shows one rendered article in a viewport.
type readerPane struct {
	vp       viewport.Model
	entry    *entry           // the article shown or being loaded; nil when none
	article  articles.Article // the article, with its body once loaded
	version  int              // the entry's version the pane shows
	want     renderKey        // the rendering the pane waits for or shows
	gen      int              // bumped whenever want changes; older messages are stale
	lines    []string         // the content, split, for finding anchors
	complete bool             // the content is the whole article, not its first part
	err      error
	// anchor holds the words at the top of the screen before a re-render,
	// and pct the scroll percentage as a fallback; they are applied to each
	// rendering that arrives until the complete one.
	anchor []string
	pct    float64
	// lead is how many lines above the anchor's first word the screen
	// began (blank lines, a heading's margin), kept above it again.
	lead int
	// cancel ends the context of the last rendering asked for.
	cancel context.CancelFunc
	// finished says the end of the complete article has been on screen.
	finished bool
	// hl highlights the words of the search the article was opened from;
	// seek is set until its first match has been put on screen.
	hl   *highlighter
	seek bool
	// links are the numbered links of the rendering shown.
	links []Link
	// find is the search inside the article, nil when none; text is the
	// text of lines, read when find or the outline first needs it;
	// seekHeading is 1 + the outline's heading to put at the top once
	// the whole story is rendered, 0 for none.
	find        *finder
	text        []lineText
	nextText    []lineText // the text of the rendering show gets next
	seekHeading int
}

func newReaderPane() readerPane {
	vp := viewport.New()
	vp.FillHeight = true
	return readerPane{vp: vp}
}

// start shows a new article: nothing on screen until its rendering comes.
func (r *readerPane) start(e *entry, key renderKey) {
	r.abandon()
	r.gen++
	r.entry, r.article, r.want, r.version = e, e.article(), key, int(e.version)
	r.lines, r.complete, r.err, r.anchor = nil, false, nil, nil
	r.hl, r.seek = nil, false
	r.links = nil
	r.find, r.text, r.seekHeading = nil, nil, 0
	r.finished = e.position().Finished
	r.vp.SetContent("")
	r.vp.GotoTop()
}

// restart asks for the same article at another width or style, keeping the
// reading position: the words at the top of the screen are remembered and
// looked for in the new rendering. At the very top it stays at the top.
func (r *readerPane) restart(key renderKey) {
	r.abandon()
	r.gen++
	r.want = key
	if r.anchor == nil && r.lines != nil && r.vp.YOffset() > 0 {
		r.anchor, r.pct = r.topWords(), r.vp.ScrollPercent()
		r.lead = 0
		for i := r.vp.YOffset(); i < len(r.lines) && strings.TrimSpace(ansi.Strip(r.lines[i])) == ""; i++ {
			r.lead++
		}
	}
}

// renderContext returns the context for rendering what the pane wants
// now, derived from parent. It is cancelled as soon as the pane wants
// another article, width or style (or asks for the next rendering: the
// whole story after its first part, when the first is done), so a long
// rendering nobody waits for stops at its next part.
func (r *readerPane) renderContext(parent context.Context) context.Context {
	r.abandon()
	ctx, cancel := context.WithCancel(parent)
	r.cancel = cancel
	return ctx
}

// abandon cancels the last rendering asked for.
func (r *readerPane) abandon() {
	if r.cancel != nil {
		r.cancel()
		r.cancel = nil
	}
}

// show puts a rendering on screen. A first part or a complete rendering
// that follows it keeps the scroll offset; after a restart the anchor
// decides.
func (r *readerPane) show(content string, complete bool) {
	off := r.vp.YOffset()
	var first int
	r.lines, first = r.hl.lines(strings.Split(content, "\n"))
	r.complete = complete
	r.err = nil
	r.text, r.nextText = r.nextText, nil
	if len(r.text) != len(r.lines) {
		r.text = nil
	}
	r.vp.SetContentLines(r.lines)
	defer r.noteEnd()
	defer r.seekPending()
	defer r.refind()
	if r.seek && (first >= 0 || complete) {
		r.seek = false
		if first >= 0 {
			// The first match goes on screen, a little below the top so
			// the line before it gives its context.
			r.anchor = nil
			r.vp.SetYOffset(max(0, first-matchLead))
			return
		}
	}
	if r.anchor == nil {
		r.vp.SetYOffset(off)
		return
	}
	r.vp.SetYOffset(max(0, findAnchor(r.lines, r.anchor, r.pct, r.vp.Height())-r.lead))
	if complete {
		r.anchor = nil
	}
}

// noteEnd remembers that the end of the whole article is on screen.
func (r *readerPane) noteEnd() {
	if r.complete && r.err == nil && r.vp.AtBottom() {
		r.finished = true
	}
}

// matchLead is how many lines above the first match stay on screen.
const matchLead = 2

// highlight marks the words of a search in the article being opened, and
// puts the first of them on screen once it is rendered.
func (r *readerPane) highlight(h *highlighter) {
	r.hl, r.seek = h, h != nil
}

// restore puts the saved position p at the top of the screen, now if the
// article is on screen and in every rendering until the complete one.
// A position at the very top changes nothing.
func (r *readerPane) restore(p Position) {
	if p.Anchor == "" && p.Percent == 0 {
		return
	}
	r.anchor, r.pct, r.lead = strings.Fields(p.Anchor), p.Percent, 0
	if r.anchor == nil {
		r.anchor = []string{} // no words: the percentage decides
	}
	if r.lines != nil {
		r.vp.SetYOffset(findAnchor(r.lines, r.anchor, r.pct, r.vp.Height()))
		if r.complete {
			r.anchor = nil
		}
	}
}

// position is where reading of the shown article stands: the words at the
// top of the screen (or those still looked for, while a rendering at a new
// width comes) and how far down they are. ok is false when nothing is
// shown to stand anywhere in.
func (r *readerPane) position() (p Position, ok bool) {
	switch {
	case r.entry == nil || r.err != nil:
		return Position{}, false
	case r.anchor != nil:
		return Position{Anchor: strings.Join(r.anchor, " "), Percent: r.pct, Finished: r.finished}, true
	case r.lines == nil:
		return Position{}, false
	case r.vp.YOffset() == 0:
		return Position{Finished: r.finished}, true
	}
	return Position{Anchor: strings.Join(r.topWords(), " "), Percent: r.vp.ScrollPercent(), Finished: r.finished}, true
}

// fail shows an error instead of the article.
func (r *readerPane) fail(err error) {
	r.err = err
	r.anchor = nil
}

// topWords returns the first words on screen, from the top visible
// non-blank line on, ANSI stripped.
func (r *readerPane) topWords() []string {
	var words []string
	for i := r.vp.YOffset(); i < len(r.lines) && len(words) < anchorWords; i++ {
		words = append(words, strings.Fields(ansi.Strip(r.lines[i]))...)
	}
	if len(words) > anchorWords {
		words = words[:anchorWords]
	}
	if len(words) == 0 {
		return nil
	}
	return words
}

// findAnchor returns the line where the word sequence anchor starts in
// lines. Re-wrapping only moves line breaks between words, so the sequence
// survives it; when it occurs more than once the occurrence nearest pct
// wins, and when it is missing pct itself decides.
func findAnchor(lines []string, anchor []string, pct float64, height int) int {
	type word struct {
		text string
		line int
	}
	var words []word
	for i, l := range lines {
		for _, w := range strings.Fields(ansi.Strip(l)) {
			words = append(words, word{w, i})
		}
	}
	maxOff := max(0, len(lines)-height)
	best, bestDist := -1, math.Inf(1)
	target := pct * float64(maxOff)
	for i := 0; i+len(anchor) <= len(words); i++ {
		match := true
		for j, a := range anchor {
			if words[i+j].text != a {
				match = false
				break
			}
		}
		if !match {
			continue
		}
		if d := math.Abs(float64(words[i].line) - target); d < bestDist {
			best, bestDist = words[i].line, d
		}
	}
	if best >= 0 {
		return best
	}
	return int(math.Round(target))
}

// readerAction is what a key asks of the root once the reader has
// handled what is its own (scrolling).
type readerAction int

const (
	readerIgnored readerAction = iota // not a reader key, or only scrolled
	readerLeave                       // back to the list
	readerNext                        // open the next article
	readerPrev
)

// key handles a key while the reader has the keyboard.
func (r *readerPane) key(k tea.KeyPressMsg, keys KeyMap) readerAction {
	vp := &r.vp
	switch {
	case key.Matches(k, keys.Quit, keys.Back, keys.Focus):
		return readerLeave
	case key.Matches(k, keys.Up):
		vp.ScrollUp(1)
	case key.Matches(k, keys.Down):
		vp.ScrollDown(1)
	case key.Matches(k, keys.PageDown):
		vp.PageDown()
	case key.Matches(k, keys.PageUp):
		vp.PageUp()
	case key.Matches(k, keys.HalfPageDown):
		vp.HalfPageDown()
	case key.Matches(k, keys.HalfPageUp):
		vp.HalfPageUp()
	case key.Matches(k, keys.Top):
		vp.GotoTop()
	case key.Matches(k, keys.Bottom):
		vp.GotoBottom()
	default:
		return r.step(k, keys)
	}
	r.noteEnd()
	return readerIgnored
}

// step is the reader's answer to the keys that leave its article.
func (r *readerPane) step(k tea.KeyPressMsg, keys KeyMap) readerAction {
	switch {
	case key.Matches(k, keys.Next):
		return readerNext
	case key.Matches(k, keys.Prev):
		return readerPrev
	}
	return readerIgnored
}

// draw draws the reader pane: exactly h lines of w cells.
func (r *readerPane) draw(w, h int, st Styles) []string {
	var lines []string
	switch {
	case r.err != nil:
		lines = strings.Split(ansi.Wrap(st.Error.Render(r.err.Error()), max(1, w-2), ""), "\n")
		for i := range lines {
			lines[i] = " " + lines[i]
		}
	case r.entry == nil:
		lines = []string{st.Muted.Render(" No article selected.")}
	case r.lines == nil:
		lines = []string{st.Muted.Render(" Loading…")}
	case r.find != nil && len(r.find.matches) > 0:
		lines = r.findLines(st.Found, st.FoundCurrent)
	default:
		lines = strings.Split(r.vp.View(), "\n")
	}
	return frame(lines, w, h)
}
