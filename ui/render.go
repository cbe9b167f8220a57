package ui

import (
	"context"
	"errors"
	"fmt"
	"hash/maphash"
	"maps"
	"os"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	tea "charm.land/bubbletea/v2"
	"charm.land/glamour/v2"
	gstyles "charm.land/glamour/v2/styles"
	"github.com/charmbracelet/x/ansi"

	"newsread/articles"
)

const (
	renderCacheSize = 64 // renderings kept, per (article, width, style)
	bodyCacheSize   = 64 // loaded articles kept, so a resize does not reopen
	poolKeysMax     = 16 // (style, width) pairs with idle renderers
	poolIdleMax     = 4  // idle renderers kept per pair
	minRenderWidth  = 10 // narrower panes get this and are cut by the viewport
)

// renderKey names one rendering: the same article at another width or in
// another style is another rendering.
type renderKey struct {
	id    string
	width int
	style string
	full  bool // the full text fetched from the link, when one is kept
}

// bodyKey names one loaded body: an article that came again with other
// content is another version, opened again.
type bodyKey struct {
	id      string
	version int
}

// rendering is a cached rendering with what it was made from: sum is the
// fingerprint of the article (header and body), version the list's
// version of it.
type rendering struct {
	content string
	links   []Link
	sum     uint64
	version int
	notice  string // the article's Notice, said again when it is shown from here
}

type poolKey struct {
	style string
	width int
}

// renderer renders articles and remembers what it rendered. It is shared
// by the commands of one program; all of its methods are safe for
// concurrent use.
type renderer struct {
	styleJSON []byte // the style file's contents when the style is a path
	cache     *lru[renderKey, rendering]
	bodies    *lru[bodyKey, articles.Article]
	texts     *lru[renderKey, renderedText]  // for find, of the latest renderings
	fulls     *lru[string, articles.Article] // full texts by ID, their bodies loaded
	seed      maphash.Seed

	mu   sync.Mutex
	pool map[poolKey][]*markdown

	// numbered numbers the links (see linkNumbers); hyperlinks keeps
	// glamour's OSC 8 hyperlinks, which are taken out otherwise.
	numbered, hyperlinks bool
}

func newRenderer(styleJSON []byte) *renderer {
	return &renderer{
		styleJSON: styleJSON,
		cache:     newLRU[renderKey, rendering](renderCacheSize),
		bodies:    newLRU[bodyKey, articles.Article](bodyCacheSize),
		texts:     newLRU[renderKey, renderedText](textCacheSize),
		fulls:     newLRU[string, articles.Article](bodyCacheSize),
		seed:      maphash.MakeSeed(),
		pool:      make(map[poolKey][]*markdown),
	}
}

// isStandardStyle reports whether name is one of glamour's built-in styles.
// StyleNames are the names of the styles glamour has built in, sorted:
// the values --style takes besides a JSON file.
func StyleNames() []string {
	return slices.Sorted(maps.Keys(gstyles.DefaultStyles))
}

func isStandardStyle(name string) bool {
	_, ok := gstyles.DefaultStyles[name]
	return ok
}

// readStyle reads and checks a glamour JSON style file.
func readStyle(path string) ([]byte, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read style: %w", err)
	}
	if _, err := glamour.NewTermRenderer(glamour.WithStylesFromJSONBytes(b)); err != nil {
		return nil, fmt.Errorf("style %s: %w", path, err)
	}
	return b, nil
}

// take returns a markdown renderer for exclusive use. Glamour's renderer
// keeps per-render state (its block stack), so it is not safe for
// concurrent use: each render takes one from the pool and gives it back
// afterwards.
func (r *renderer) take(style string, width int) (*markdown, error) {
	k := poolKey{style, width}
	r.mu.Lock()
	if free := r.pool[k]; len(free) > 0 {
		tr := free[len(free)-1]
		r.pool[k] = free[:len(free)-1]
		r.mu.Unlock()
		return tr, nil
	}
	r.mu.Unlock()
	styleJSON := r.styleJSON
	if isStandardStyle(style) {
		styleJSON = nil
	}
	return newMarkdownLinks(style, styleJSON, width, r.numbered)
}

// give returns a markdown renderer to the pool. Dragging a window edge
// visits many widths; past poolKeysMax the idle renderers are simply
// dropped.
func (r *renderer) give(style string, width int, tr *markdown) {
	k := poolKey{style, width}
	r.mu.Lock()
	defer r.mu.Unlock()
	if _, ok := r.pool[k]; !ok && len(r.pool) >= poolKeysMax {
		clear(r.pool)
	}
	if len(r.pool[k]) < poolIdleMax {
		r.pool[k] = append(r.pool[k], tr)
	}
}

// renderJob is everything a render command needs, captured by value.
type renderJob struct {
	article articles.Article
	src     Source
	key     renderKey
	gstyle  string // glamour style name or style file path
	styles  Styles // for the header
	gen     int
	version int // of the article in the list
	cells   int // on the reader's screen, for the first part of a long story
	ft      FullTexter
}

// renderedMsg is a finished rendering. Update drops it unless key and gen
// are still what the reader wants.
type renderedMsg struct {
	key      renderKey
	gen      int
	article  articles.Article // with its body, so the reader can keep it
	content  string
	links    []Link
	complete bool // false: only the first part, the rest is coming
	err      error
	// text is the text of content's lines for find and the outline, read
	// in the command so that the first key of a find in a long story
	// does not have to.
	text []lineText
	// fellBack says the full text was wanted but none is kept: content
	// is the summary's rendering.
	fellBack bool
}

// renderCmd loads the article's body if needed and renders it. With
// firstOnly a long story renders only its first part, for a quick first
// screen; the reader then asks for the whole.
func (r *renderer) renderCmd(ctx context.Context, job renderJob, firstOnly bool) tea.Cmd {
	return r.withText(func() tea.Msg {
		msg := renderedMsg{key: job.key, gen: job.gen}
		a, err := r.body(ctx, job.src, job.article, job.version)
		if err == nil && job.key.full {
			var ok bool
			if a, ok = r.fullBody(ctx, job.ft, a); !ok {
				msg.fellBack = true
				job.key.full = false // the summary's rendering, kept as such
			}
		}
		msg.article = a
		if err != nil {
			msg.err = err
			return msg
		}
		// A rendering of another version is still good when the article
		// came again unchanged: the fingerprint tells.
		sum := r.sum(a)
		if c, ok := r.cache.get(job.key); ok && c.sum == sum {
			if c.version != job.version {
				r.cache.put(job.key, rendering{content: c.content, links: c.links, sum: sum, version: job.version, notice: c.notice})
			}
			msg.content, msg.links, msg.complete = c.content, c.links, true
			return msg
		}
		md, more := a.Body, false
		if firstOnly {
			md, more = firstPart(a.Body, job.cells)
		}
		msg.content, msg.links, msg.err = r.renderLinks(ctx, a, md, !more, job.key.width, job.gstyle, job.styles)
		msg.complete = !more
		if msg.err == nil && msg.complete {
			r.cache.put(job.key, rendering{content: msg.content, links: msg.links, sum: sum, version: job.version, notice: a.Notice})
		}
		return msg
	})
}

// cached returns the rendering for key if it shows the given version of
// the article. Update asks this; only a command may open the article to
// compare contents.
func (r *renderer) cached(key renderKey, version int) (string, bool) {
	c, ok := r.cachedLinks(key, version)
	return c.content, ok
}

// cachedLinks is cached, with the links of the rendering.
func (r *renderer) cachedLinks(key renderKey, version int) (rendering, bool) {
	c, ok := r.cache.get(key)
	if !ok || c.version != version {
		return rendering{}, false
	}
	return c, true
}

// sum is the fingerprint of everything a rendering shows of a.
func (r *renderer) sum(a articles.Article) uint64 {
	var h maphash.Hash
	h.SetSeed(r.seed)
	for _, s := range []string{a.Title, a.Source, a.Author, a.Link, a.Published.String(), a.Body} {
		h.WriteString(s)
		h.WriteByte(0)
	}
	for _, t := range a.Tags {
		h.WriteString(t)
		h.WriteByte(1)
	}
	if a.DateFromFile {
		h.WriteByte(1)
	}
	return h.Sum64()
}

// body returns the article with its body, from memory or from its source.
func (r *renderer) body(ctx context.Context, src Source, a articles.Article, version int) (articles.Article, error) {
	if a.BodyLoaded {
		return a, nil
	}
	bk := bodyKey{a.ID, version}
	if b, ok := r.bodies.get(bk); ok {
		return b, nil
	}
	if src == nil {
		return a, errors.New("no source to open the article from")
	}
	b, err := src.Open(ctx, a)
	if err != nil {
		return a, fmt.Errorf("open %s: %w", a.Title, err)
	}
	b.BodyLoaded = true
	r.bodies.put(bk, b)
	return b, nil
}

// render draws the header and the markdown md at width. It gives up with
// ctx's error when ctx is done before the end.
func (r *renderer) render(ctx context.Context, a articles.Article, md string, width int, gstyle string, st Styles) (string, error) {
	out, _, err := r.renderLinks(ctx, a, md, true, width, gstyle, st)
	return out, err
}

// renderLinks is render, with the links of the story when the renderer
// numbers them; whole says md is the whole story, so the list of links
// ends it.
func (r *renderer) renderLinks(ctx context.Context, a articles.Article, md string, whole bool, width int, gstyle string, st Styles) (string, []Link, error) {
	width = max(width, minRenderWidth)
	tr, err := r.take(gstyle, width)
	if err != nil {
		return "", nil, err
	}
	body, links, err := tr.renderLinks(ctx, withoutByline(md, a.Author))
	r.give(gstyle, width, tr)
	if err != nil {
		return "", nil, err
	}
	if r.numbered && !r.hyperlinks {
		body = withoutHyperlinks(body)
	}
	if whole && len(links) > 0 {
		body += linkSection(links, width, st, r.hyperlinks)
	}
	return articleHeader(a, width, st) + body, links, nil
}

// articleHeader is the title, source, author, date, tags and link above a
// story, indented like glamour's document margin. Its text comes from the
// article, so control characters are taken out here too.
func articleHeader(a articles.Article, width int, st Styles) string {
	const margin = "  "
	inner := max(1, width-2*len(margin))
	var b strings.Builder
	b.WriteString("\n")
	line := func(s string, style func(...string) string, wrap func(string, int) string) {
		for _, l := range strings.Split(wrap(s, inner), "\n") {
			b.WriteString(margin + style(l) + "\n")
		}
	}
	word := func(s string, w int) string { return ansi.Wrap(s, w, "") }
	hard := func(s string, w int) string { return ansi.Hardwrap(s, w, false) }
	a.Title, a.Source, a.Author, a.Link = clean(a.Title), clean(a.Source), clean(a.Author), clean(a.Link)
	title := a.Title
	if title == "" {
		title = "(untitled)"
	}
	line(title, st.HeaderTitle.Render, word)
	var meta []string
	for _, s := range []string{a.Source, a.Author, longDate(a.Published, a.DateFromFile)} {
		if s != "" {
			meta = append(meta, s)
		}
	}
	if len(meta) > 0 {
		line(strings.Join(meta, " · "), st.HeaderMeta.Render, word)
	}
	if tags := tagLine(a.Tags); tags != "" {
		line(tags, st.HeaderMeta.Render, word)
	}
	if a.Link != "" {
		line(a.Link, st.HeaderLink.Render, hard)
	}
	return b.String()
}

// tagLine is the tags as #hashtags, each once whatever its case.
func tagLine(tags []string) string {
	var out []string
	for i, t := range tags {
		t = strings.Join(strings.Fields(clean(t)), "-")
		if t != "" && !slices.ContainsFunc(tags[:i], func(u string) bool { return strings.EqualFold(u, tags[i]) }) {
			out = append(out, "#"+t)
		}
	}
	return strings.Join(out, " ")
}

// clean takes control characters out of s.
func clean(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return -1
		}
		return r
	}, s)
}

// RenderArticle renders an article as the reader pane shows it (header:
// title, source, author, date, tags, link; then the body) at width, as
// plain text for printing when stdout is not a terminal: style (as in
// Options.Style; "" means "notty") decides the layout, and every escape
// sequence glamour writes (colours, OSC 8 hyperlinks) is left out, so the
// result holds no control character but newlines and tabs.
func RenderArticle(a articles.Article, style string, width int) (string, error) {
	if style == "" {
		style = gstyles.NoTTYStyle
	}
	out, err := renderPrinted(a, style, width, bareStyles())
	return plainText(out), err
}

// RenderArticleColor is RenderArticle with the colours and attributes of
// style kept ("" means dark), for a pager that shows them (less -R): only
// SGR sequences stay; hyperlinks, which a pager would print as text, and
// every other sequence and control character go.
func RenderArticleColor(a articles.Article, style string, width int) (string, error) {
	if style == "" {
		style = gstyles.DarkStyle
	}
	out, err := renderPrinted(a, style, width, newStyles(style != gstyles.LightStyle, false))
	return onlySGR(out), err
}

// renderPrinted renders a for printing in style (a glamour style's name
// or a JSON file) with the header styles st.
func renderPrinted(a articles.Article, style string, width int, st Styles) (string, error) {
	var styleJSON []byte
	if !isStandardStyle(style) {
		b, err := readStyle(style)
		if err != nil {
			return "", err
		}
		styleJSON = b
	}
	return newRenderer(styleJSON).render(context.Background(), a, a.Body, width, style, st)
}

// onlySGR keeps of s its text, newlines, tabs and SGR sequences (colours
// and attributes).
func onlySGR(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == 0x1b && i+1 < len(s) && s[i+1] == '[':
			j := i + 2
			for j < len(s) && (s[j] >= '0' && s[j] <= '9' || s[j] == ';' || s[j] == ':') {
				j++
			}
			if j < len(s) && s[j] == 'm' {
				b.WriteString(s[i : j+1])
				i = j + 1
				continue
			}
			for j < len(s) && (s[j] < 0x40 || s[j] > 0x7e) {
				j++
			}
			i = j + 1 // another CSI: left out
		case c == 0x1b && i+1 < len(s) && (s[i+1] == ']' || s[i+1] == 'P' || s[i+1] == '_' || s[i+1] == '^'):
			// A string sequence (OSC 8 hyperlinks): to BEL or ST.
			j := i + 2
			for j < len(s) && s[j] != 0x07 && !(s[j] == 0x1b && j+1 < len(s) && s[j+1] == '\\') {
				j++
			}
			if j < len(s) && s[j] == 0x1b {
				j++
			}
			i = j + 1
		case c == 0x1b:
			i += 2
		case c < 0x20 && c != '\n' && c != '\t' || c == 0x7f:
			i++
		default:
			r, size := utf8.DecodeRuneInString(s[i:])
			if r >= 0x80 && unicode.IsControl(r) { // C1 controls
				i += size
				continue
			}
			b.WriteString(s[i : i+size])
			i += size
		}
	}
	return b.String()
}

// plainText strips escape sequences and every other control character
// but newlines and tabs from s, and the padding glamour adds to the full
// width, which is only noise in pipes and files.
func plainText(s string) string {
	s = strings.Map(func(r rune) rune {
		if r != '\n' && r != '\t' && unicode.IsControl(r) {
			return -1
		}
		return r
	}, ansi.Strip(s))
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " ")
	}
	return strings.Join(lines, "\n")
}
