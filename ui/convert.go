package ui

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"

	"charm.land/glamour/v2/ansi"
	gstyles "charm.land/glamour/v2/styles"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	grenderer "github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// markdown turns markdown into styled terminal text. It is glamour's ANSI
// renderer behind the parser glamour.TermRenderer sets up, plus depthCap:
// TermRenderer offers no way to change the tree between parsing and
// rendering. Like TermRenderer it keeps per-render state, so one
// goroutine uses it at a time.
type markdown struct {
	md goldmark.Markdown
	// links numbers the links of the story being rendered; nil when
	// links are written out as glamour does (printing).
	links *linkTable
}

// newMarkdown returns a markdown renderer in style (a standard style's
// name, or styleJSON's when that is set) wrapping at width.
func newMarkdown(style string, styleJSON []byte, width int) (*markdown, error) {
	return newMarkdownLinks(style, styleJSON, width, false)
}

// newMarkdownLinks is newMarkdown, with the links numbered when
// numbered is set (see linkNumbers).
func newMarkdownLinks(style string, styleJSON []byte, width int, numbered bool) (*markdown, error) {
	var sc ansi.StyleConfig
	if std, ok := gstyles.DefaultStyles[style]; ok && len(styleJSON) == 0 {
		sc = *std
	} else if err := json.Unmarshal(styleJSON, &sc); err != nil {
		return nil, fmt.Errorf("markdown style: %w", err)
	}
	transformers := []util.PrioritizedValue{util.Prioritized(depthCap{}, 0)}
	var links *linkTable
	if numbered {
		links = &linkTable{}
		transformers = append(transformers, util.Prioritized(linkNumbers{links}, 1))
		// The number stands for the target: glamour's own copy of it
		// after the text, and its footnotes under tables, go.
		sc.Link.Format, sc.Image.Format = "{{/* numbered */}}", "{{/* numbered */}}"
	}
	ar := ansi.NewRenderer(ansi.Options{WordWrap: width, Styles: sc, InlineTableLinks: numbered})
	md := goldmark.New(
		goldmark.WithExtensions(extension.GFM, extension.DefinitionList),
		goldmark.WithParserOptions(
			parser.WithAutoHeadingID(),
			parser.WithASTTransformers(transformers...),
		),
	)
	// Set after the extensions, as glamour does: they add HTML renderers
	// for their nodes (strikethrough, tables, task lists) to the renderer
	// there is when they are applied, and those must not win over glamour.
	md.SetRenderer(grenderer.NewRenderer(
		grenderer.WithNodeRenderers(util.Prioritized(ar, 1000)),
	))
	return &markdown{md: md, links: links}, nil
}

// render renders md part by part (see parts), checking ctx between parts,
// after prepare has made it safe. Past maxBodyBytes the story is cut with
// a line that says so.
func (m *markdown) render(ctx context.Context, md string) (string, error) {
	out, _, err := m.renderLinks(ctx, md)
	return out, err
}

// renderLinks is render, returning the numbered links too when m
// numbers them.
func (m *markdown) renderLinks(ctx context.Context, md string) (string, []Link, error) {
	if m.links != nil {
		m.links.reset()
		defer m.links.reset()
	}
	md = prepare(md)
	var rest int
	if len(md) > maxBodyBytes {
		head, _ := cutPart(md, maxBodyBytes)
		rest = len(md) - len(head)
		md = head
	}
	// Every part goes straight into out: copying each part's output once
	// more cost a tenth of the time of a long story.
	var out bytes.Buffer
	for i, p := range parts(md) {
		if err := ctx.Err(); err != nil {
			return "", nil, err
		}
		start := out.Len()
		if err := m.md.Convert([]byte(p), &out); err != nil {
			return "", nil, fmt.Errorf("render markdown: %w", err)
		}
		if b := out.Bytes(); i > 0 && start < len(b) && b[start] == '\n' {
			// Every part is a document with a blank line above it; the
			// one between parts is already there.
			copy(b[start:], b[start+1:])
			out.Truncate(len(b) - 1)
		}
	}
	if rest > 0 {
		fmt.Fprintf(&out, "\n  (%d KiB more of this story not shown)\n", rest>>10)
	}
	var links []Link
	if m.links != nil {
		links = m.links.links
	}
	return out.String(), links, nil
}
