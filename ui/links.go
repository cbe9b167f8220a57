package ui

import (
	"fmt"
	"path"
	"strconv"
	"strings"
	"unicode"

	"github.com/charmbracelet/x/ansi"
	emoji "github.com/yuin/goldmark-emoji/ast"
	"github.com/yuin/goldmark-emoji/definition"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// Link is one numbered link of an article: the number shown after its
// text, the text and the target. A target met again keeps its first
// number, as in newsboat.
type Link struct {
	N         int
	Text      string
	URL       string
	Image     bool // an image: images stay links
	Enclosure bool // a podcast episode or video the feed attached
}

// linkTable numbers the links of one rendering across its parts: the
// numbers follow the order of the markdown, so they are the same at
// every width.
type linkTable struct {
	links []Link
	index map[string]int // target → position in links
	// enclosures is set from the "Enclosures" paragraph on: the feed
	// lists an item's enclosures there.
	enclosures bool
}

func (t *linkTable) reset() {
	t.links, t.index, t.enclosures = nil, map[string]int{}, false
}

// number returns the number of the target u, giving it the next one
// when it is new.
func (t *linkTable) number(u, label string, image bool) int {
	if i, ok := t.index[u]; ok {
		return t.links[i].N
	}
	n := len(t.links) + 1
	t.index[u] = len(t.links)
	t.links = append(t.links, Link{N: n, Text: label, URL: u, Image: image, Enclosure: t.enclosures || isMedia(u)})
	return n
}

// linkNumbers is the goldmark transformer that numbers links: a small
// [3] after each link's text, the target no longer written out after
// it (the number leads to it, in the picker and the list at the end),
// and a bare URL becomes a link whose text is the URL.
type linkNumbers struct{ t *linkTable }

// Transform implements parser.ASTTransformer.
func (l linkNumbers) Transform(doc *ast.Document, reader text.Reader, _ parser.Context) {
	src := reader.Source()
	var found []ast.Node
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n.Kind() {
		case ast.KindLink, ast.KindAutoLink, ast.KindImage:
			found = append(found, n)
			return ast.WalkSkipChildren, nil
		case ast.KindParagraph:
			if isEnclosureHeading(n, src) {
				found = append(found, n)
			}
		}
		return ast.WalkContinue, nil
	})
	for _, n := range found {
		l.mark(n, src)
	}
}

// mark numbers the link n and puts its number after it.
func (l linkNumbers) mark(n ast.Node, src []byte) {
	parent := n.Parent()
	if parent == nil {
		return
	}
	var dest, label string
	image := false
	switch v := n.(type) {
	case *ast.Paragraph:
		l.t.enclosures = true
		return
	case *ast.Link:
		cleanTarget(v)
		dest, label = string(v.Destination), nodeText(v, src)
	case *ast.Image:
		cleanTarget(v)
		dest, label, image = string(v.Destination), nodeText(v, src), true
	case *ast.AutoLink:
		u := clean(string(v.URL(src)))
		label = clean(string(v.Label(src)))
		if v.AutoLinkType == ast.AutoLinkEmail && !strings.HasPrefix(strings.ToLower(u), "mailto:") {
			u = "mailto:" + u
		}
		link := ast.NewLink()
		link.Destination = []byte(u)
		link.AppendChild(link, textNode(label))
		parent.ReplaceChild(parent, v, link)
		n, dest = link, u
	}
	if dest == "" || strings.HasPrefix(dest, "#") {
		// An anchor in the page leads nowhere outside it.
		return
	}
	num := l.t.number(dest, strings.Join(strings.Fields(label), " "), image)
	parent.InsertAfter(parent, n, textNode("["+strconv.Itoa(num)+"]"))
}

// isEnclosureHeading reports whether the paragraph n is the feed's
// "Enclosures" title, after which the enclosures are listed.
func isEnclosureHeading(n ast.Node, src []byte) bool {
	c := n.FirstChild()
	return c != nil && c.NextSibling() == nil && c.Kind() == ast.KindEmphasis && nodeText(c, src) == "Enclosures"
}

// mediaExt are the endings of the audio and video files a player plays.
var mediaExt = map[string]bool{
	".mp3": true, ".m4a": true, ".m4b": true, ".aac": true, ".ogg": true, ".oga": true, ".opus": true,
	".flac": true, ".wav": true, ".mp4": true, ".m4v": true, ".mkv": true, ".webm": true, ".mov": true,
}

// isMedia reports whether u names an audio or video file.
func isMedia(u string) bool {
	u, _, _ = strings.Cut(u, "?")
	u, _, _ = strings.Cut(u, "#")
	return mediaExt[strings.ToLower(path.Ext(u))]
}

// textNode is an inline holding s itself rather than a piece of the
// source. Glamour renders an emoji node's value as plain text in the
// surrounding style, and warns on stdout about kinds it does not know
// (ast.String among them), so an emoji node it is.
func textNode(s string) ast.Node {
	return emoji.NewEmoji(nil, &definition.Emoji{Name: "newsread-text", Unicode: []rune(s)})
}

// nodeText is the text under n: its words, without markup.
func nodeText(n ast.Node, src []byte) string {
	var b strings.Builder
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch v := c.(type) {
		case *ast.Text:
			b.Write(v.Segment.Value(src))
			if v.SoftLineBreak() || v.HardLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			b.Write(v.Value)
		case *ast.AutoLink:
			b.Write(v.Label(src))
		case *emoji.Emoji:
			b.WriteString(string(v.Value.Unicode))
		}
		return ast.WalkContinue, nil
	})
	return strings.TrimFunc(clean(b.String()), unicode.IsSpace)
}

// linkSection is the "Links" section that ends a story: every number
// and its target, a hyperlink itself when hyperlinks are on, a long one
// cut over several lines under its first. It is drawn here rather than
// by glamour, whose lists took 0.2 ms an item.
func linkSection(links []Link, width int, st Styles, hyperlinks bool) string {
	const margin = "  "
	var b strings.Builder
	b.WriteString(margin + st.HeaderTitle.Render("Links") + "\n\n")
	numW := len(strconv.Itoa(len(links))) + 3 // "[12] "
	inner := max(1, width-2*len(margin)-numW)
	for _, l := range links {
		u := clean(l.URL)
		for i, part := range strings.Split(ansi.Hardwrap(u, inner, false), "\n") {
			num := strings.Repeat(" ", numW)
			if i == 0 {
				num = fmt.Sprintf("%-*s", numW, "["+strconv.Itoa(l.N)+"]")
			}
			part = st.HeaderLink.Render(part)
			if hyperlinks {
				part = ansi.SetHyperlink(u) + part + ansi.ResetHyperlink()
			}
			b.WriteString(margin + st.Muted.Render(num) + part + "\n")
		}
	}
	return b.String()
}

// withoutHyperlinks takes the OSC 8 hyperlinks out of s, keeping their
// text: for terminals that would show them as garbage.
func withoutHyperlinks(s string) string {
	const start = "\x1b]8;"
	if !strings.Contains(s, start) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for {
		i := strings.Index(s, start)
		if i < 0 {
			b.WriteString(s)
			return b.String()
		}
		b.WriteString(s[:i])
		s = s[i+len(start):]
		// Ended by BEL or ST (ESC \); link targets hold no control
		// character (cleanTarget), so the first one ends it.
		j := strings.IndexAny(s, "\x07\x1b")
		switch {
		case j < 0:
			return b.String()
		case s[j] == '\x1b' && j+1 < len(s) && s[j+1] == '\\':
			s = s[j+2:]
		default:
			s = s[j+1:]
		}
	}
}
