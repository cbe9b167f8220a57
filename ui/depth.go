package ui

import (
	"strings"
	"unicode"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

const (
	// maxBlockDepth is how deeply quotes and lists nest on screen. Glamour
	// re-wraps and re-pads a block's whole output at every level, so its
	// work grows much faster than the text: 48 nested quotes of one word
	// took a second, 200 did not end within 20 s. Real stories rarely nest
	// past three.
	maxBlockDepth = 6
	// maxInlineDepth is how deeply emphasis, strikethrough and links nest
	// inside each other; deeper ones keep their text and lose the style.
	maxInlineDepth = 6
)

// depthCap is a goldmark AST transformer that flattens what nests deeper
// than glamour can render in time: quotes and lists past maxBlockDepth
// give their contents to the level above, inline styles past
// maxInlineDepth give their text to the style above. It also cleans link
// targets, which reach the terminal inside OSC 8 hyperlinks.
type depthCap struct{}

// Transform implements parser.ASTTransformer.
func (depthCap) Transform(doc *ast.Document, reader text.Reader, _ parser.Context) {
	capBlocks(doc, 0, reader.Source())
}

// nests reports whether n is a block that adds a level of indentation.
func nests(n ast.Node) bool {
	switch n.Kind() {
	case ast.KindBlockquote, ast.KindList, east.KindDefinitionList:
		return true
	}
	return false
}

// inlineNests reports whether n is an inline that wraps other inlines.
func inlineNests(n ast.Node) bool {
	switch n.Kind() {
	case ast.KindEmphasis, ast.KindLink, ast.KindImage, east.KindStrikethrough:
		return true
	}
	return false
}

// capBlocks walks the blocks under parent, which sits at depth levels of
// nesting. Flattened children are walked again at the parent's depth, so
// a deep stack collapses level by level into the last one kept.
func capBlocks(parent ast.Node, depth int, source []byte) {
	for c := parent.FirstChild(); c != nil; {
		next := c.NextSibling()
		switch {
		case nests(c) && depth >= maxBlockDepth:
			c = unwrapBlock(parent, c)
			continue
		case nests(c):
			capBlocks(c, depth+1, source)
		case c.Kind() == east.KindTable:
			capInlinesUnder(c)
		case c.Kind() == ast.KindFencedCodeBlock:
			capLanguage(c.(*ast.FencedCodeBlock), source)
		case c.Type() == ast.TypeInline:
			capInlines(c, 0)
		default:
			capBlocks(c, depth, source)
		}
		c = next
	}
}

// maxLanguageBytes is the longest code block language looked up: the
// syntax highlighter matches the name against every lexer's file name
// patterns, which takes a second for a name of a few kilobytes.
const maxLanguageBytes = 32

// capLanguage drops the info string of a code block whose language is
// too long or not a name, so it is shown without highlighting.
func capLanguage(n *ast.FencedCodeBlock, source []byte) {
	if n.Info == nil {
		return
	}
	// Not n.Language: it would remember the name before Info goes.
	lang, _, _ := strings.Cut(string(n.Info.Segment.Value(source)), " ")
	ok := len(lang) <= maxLanguageBytes
	for _, c := range lang {
		ok = ok && (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.ContainsRune("+#._-", c))
	}
	if !ok {
		n.Info = nil
	}
}

// capInlinesUnder caps the inlines of every block under n.
func capInlinesUnder(n ast.Node) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if c.Type() == ast.TypeInline {
			capInlines(c, 0)
		} else {
			capInlinesUnder(c)
		}
	}
}

// unwrapBlock replaces the nesting block n with its contents (for a list,
// the contents of its items) and returns the first of them, or what
// followed n when it had none.
func unwrapBlock(parent, n ast.Node) ast.Node {
	prev := n.PreviousSibling()
	var contents []ast.Node
	if n.Kind() == ast.KindList {
		for it := n.FirstChild(); it != nil; it = it.NextSibling() {
			contents = append(contents, children(it)...)
		}
	} else {
		contents = children(n)
	}
	for _, c := range contents {
		if c.Kind() == ast.KindTextBlock {
			// A tight list's item text; outside the list it is a paragraph.
			p := ast.NewParagraph()
			p.SetLines(c.Lines())
			for _, g := range children(c) {
				p.AppendChild(p, g)
			}
			c = p
		}
		parent.InsertBefore(parent, n, c)
	}
	parent.RemoveChild(parent, n)
	if prev == nil {
		return parent.FirstChild()
	}
	return prev.NextSibling()
}

// children returns n's children, detached from nothing yet.
func children(n ast.Node) []ast.Node {
	var out []ast.Node
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		out = append(out, c)
	}
	return out
}

// capInlines flattens inline styles under n nested deeper than
// maxInlineDepth and cleans link targets. depth counts the styles around n.
func capInlines(n ast.Node, depth int) {
	cleanTarget(n)
	if inlineNests(n) {
		depth++
	}
	for c := n.FirstChild(); c != nil; {
		next := c.NextSibling()
		if inlineNests(c) && depth >= maxInlineDepth {
			moved := children(c)
			for _, g := range moved {
				n.InsertBefore(n, c, g)
			}
			n.RemoveChild(n, c)
			if len(moved) > 0 {
				next = moved[0]
			}
			c = next
			continue
		}
		capInlines(c, depth)
		c = next
	}
}

// cleanTarget removes control characters from a link's or an image's
// target and title: glamour writes the target into an OSC 8 sequence,
// and a character reference such as &#27; in the markdown becomes a raw
// ESC there.
func cleanTarget(n ast.Node) {
	switch l := n.(type) {
	case *ast.Link:
		l.Destination, l.Title = cleanBytes(l.Destination), cleanBytes(l.Title)
	case *ast.Image:
		l.Destination, l.Title = cleanBytes(l.Destination), cleanBytes(l.Title)
	}
}

func cleanBytes(b []byte) []byte {
	s := string(b)
	if strings.IndexFunc(s, unicode.IsControl) < 0 {
		return b
	}
	return []byte(strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return -1
		}
		return r
	}, s))
}
