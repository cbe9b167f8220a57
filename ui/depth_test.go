package ui

import (
	"context"
	"errors"
	"strings"
	"testing"
	"unicode"

	"charm.land/glamour/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"

	"newsread/articles"
)

// nestingDepth is how deeply quotes and lists nest in the tree that
// reaches glamour once md is parsed, and how deeply inline styles do.
func nestingDepth(t *testing.T, md string) (blocks, inlines int) {
	t.Helper()
	m, err := newMarkdown("notty", nil, 80)
	if err != nil {
		t.Fatal(err)
	}
	doc := m.md.Parser().Parse(text.NewReader([]byte(prepare(md))))
	var walk func(n ast.Node, b, i int)
	walk = func(n ast.Node, b, i int) {
		if nests(n) {
			b++
		}
		if inlineNests(n) {
			i++
		}
		blocks, inlines = max(blocks, b), max(inlines, i)
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			walk(c, b, i)
		}
	}
	walk(doc, 0, 0)
	return blocks, inlines
}

func TestDeepNestingIsFlattenedBeforeRendering(t *testing.T) {
	quoteList := strings.Repeat("> - ", 200) + "x\n"
	mixed := strings.Repeat("*_~~", 300) + "x" + strings.Repeat("~~_*", 300)
	links := strings.Repeat("[", 500) + "x" + strings.Repeat("](https://example.com/)", 500)
	defs := strings.Repeat("term\n: ", 100) + "x\n"
	for _, tc := range []struct {
		name, md string
	}{
		{"a word behind 1,000 quote markers", quotes(1000)},
		{"a word behind 5,000 quote markers", quotes(5000)},
		{"quote markers with spaces between them", strings.Repeat("> ", 1000) + "deep\n"},
		{"a list 300 levels deep", nestedList(300)},
		{"an ordered list 100 levels deep", strings.ReplaceAll(nestedList(100), "- item", "1. item")},
		{"quotes and lists taking turns", quoteList},
		{"nested definition lists", defs},
		{"emphasis, strong and strikethrough 900 deep", mixed},
		{"links inside links 500 deep", links},
	} {
		t.Run(tc.name, func(t *testing.T) {
			// The limits are spelled out: the test does not follow the
			// constants if they grow out of bounds.
			blocks, inlines := nestingDepth(t, tc.md)
			if blocks > 6 || inlines > 6 {
				t.Errorf("nesting %d blocks and %d inlines deep, want at most 6 and 6", blocks, inlines)
			}
		})
	}
}

func TestDeepQuotesShowAtMostTheCappedDepth(t *testing.T) {
	for _, n := range []int{3, 1000, 5000} {
		a := articles.Article{Title: "Quotes", Body: quotes(n), BodyLoaded: true}
		out, err := RenderArticle(a, "notty", 80)
		if err != nil {
			t.Fatal(err)
		}
		bars := 0
		for _, l := range strings.Split(out, "\n") {
			if strings.Contains(l, "deep") {
				bars = strings.Count(l, "|")
			}
		}
		if want := min(n, 6); bars != want {
			t.Errorf("%d quote markers: the word is behind %d bars, want %d", n, bars, want)
		}
	}
}

func TestFlatteningKeepsTheText(t *testing.T) {
	md := nestedList(20) + "\n" + quotes(20) + "\n" + strings.Repeat("**", 20) + "bold" + strings.Repeat("**", 20) + "\n"
	out, err := RenderArticle(articles.Article{Title: "T", Body: md, BodyLoaded: true}, "notty", 80)
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Count(out, "item"); got != 20 {
		t.Errorf("%d of 20 list items shown", got)
	}
	for _, w := range []string{"deep", "bold"} {
		if !strings.Contains(out, w) {
			t.Errorf("%q is missing from\n%s", w, out)
		}
	}
}

func TestAHugeCodeLanguageIsNotLookedUp(t *testing.T) {
	md := strings.Repeat("~", 2000) + "x" + strings.Repeat("~", 2000) + "\ncode\n"
	m, err := newMarkdown("notty", nil, 80)
	if err != nil {
		t.Fatal(err)
	}
	src := []byte(prepare(md))
	doc := m.md.Parser().Parse(text.NewReader(src))
	cb, ok := doc.FirstChild().(*ast.FencedCodeBlock)
	if !ok {
		t.Fatalf("first block is %s, want a fenced code block", doc.FirstChild().Kind())
	}
	if l := cb.Language(src); len(l) != 0 {
		t.Errorf("language of %d bytes kept", len(l))
	}
}

func TestPartsCoverTheWholeStory(t *testing.T) {
	oneLine := strings.Repeat("word ", 60_000)
	for _, tc := range []struct {
		name, md string
	}{
		{"a long story of paragraphs", benchStory(20_000)},
		{"one huge line", oneLine},
		{"lines without blank lines", strings.Repeat("a line of text\n", 20_000)},
		{"a code fence that never closes", "```\n" + strings.Repeat("code\n\n", 20_000)},
		{"a short story", "Just a paragraph.\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ps := parts(tc.md)
			if got := strings.Join(ps, ""); got != tc.md {
				t.Fatal("the parts do not add up to the story")
			}
			for i, p := range ps {
				if len(p) > partBytes+maxLineBytes {
					t.Errorf("part %d is %d bytes", i, len(p))
				}
			}
		})
	}
}

func TestPartsRenderLikeTheWhole(t *testing.T) {
	md := benchStory(8_000) // several parts
	if len(parts(md)) < 2 {
		t.Fatal("the story fits one part")
	}
	m, err := newMarkdown("notty", nil, 80)
	if err != nil {
		t.Fatal(err)
	}
	got, err := m.render(context.Background(), md)
	if err != nil {
		t.Fatal(err)
	}
	var whole strings.Builder
	if err := m.md.Convert([]byte(md), &whole); err != nil {
		t.Fatal(err)
	}
	norm := func(s string) string { return strings.Join(strings.Fields(ansi.Strip(s)), " ") }
	if norm(got) != norm(whole.String()) {
		t.Error("rendering in parts shows other text than rendering the whole")
	}
	if strings.Count(got, "\n") != strings.Count(whole.String(), "\n") {
		t.Errorf("in parts %d lines, whole %d", strings.Count(got, "\n"), strings.Count(whole.String(), "\n"))
	}
}

func TestARenderingNobodyWantsStops(t *testing.T) {
	t.Run("a cancelled rendering returns the context's error", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		r := newRenderer(nil)
		a := articles.Article{ID: "x", Body: benchStory(5000), BodyLoaded: true}
		job := renderJob{article: a, key: renderKey{id: "x", width: 80, style: "dark"}, gstyle: "dark"}
		msg := r.renderCmd(ctx, job, false)().(renderedMsg)
		if !errors.Is(msg.err, context.Canceled) || msg.content != "" {
			t.Errorf("err %v, %d bytes of content", msg.err, len(msg.content))
		}
		if _, ok := r.cached(job.key, 0); ok {
			t.Error("a cancelled rendering was cached")
		}
	})
	t.Run("moving to another article abandons the rendering under way", func(t *testing.T) {
		src := &fakeSource{bodies: map[string]string{"a1": benchStory(5000), "a2": "Short."}}
		// Narrow, so that nothing renders before the article is opened.
		m := newTestModel(t, 80, 45, src, sampleArticles())
		first := press(m, "enter")
		if first == nil {
			t.Fatal("no rendering asked for the first article")
		}
		press(m, "esc", "j")
		second := press(m, "enter")
		if second == nil {
			t.Fatal("no rendering asked for the second article")
		}
		msg, ok := first().(renderedMsg)
		if !ok || !errors.Is(msg.err, context.Canceled) {
			t.Errorf("the first rendering went on: %#v", msg.err)
		}
		if msg := second().(renderedMsg); msg.err != nil {
			t.Errorf("the second rendering failed: %v", msg.err)
		}
	})
	t.Run("the whole story after its first part is not cancelled", func(t *testing.T) {
		src := &fakeSource{bodies: map[string]string{"a1": benchStory(5000)}}
		m := newTestModel(t, 80, 45, src, sampleArticles())
		part := press(m, "enter")().(renderedMsg)
		if part.complete || part.err != nil {
			t.Fatalf("first part: complete %v, err %v", part.complete, part.err)
		}
		_, cmd := m.Update(part)
		if whole := cmd().(renderedMsg); whole.err != nil || !whole.complete {
			t.Errorf("whole: complete %v, err %v", whole.complete, whole.err)
		}
	})
}

func TestControlReferencesNeverBecomeControlCharacters(t *testing.T) {
	md := "Text &#27;]0;PWN&#7; and &#x1B;[2J and &#x9b;31m and &#155 and &#0; " +
		"[link](https://example.com/&#27;]52;c;eA==&#7;) and a fine &#233; &amp; &#x263A;\n"
	m, err := newMarkdown("dark", nil, 80)
	if err != nil {
		t.Fatal(err)
	}
	out, err := m.render(context.Background(), md)
	if err != nil {
		t.Fatal(err)
	}
	for _, bad := range []string{"\x1b]0", "\x1b[2J", "\u009b", "\x1b]52"} {
		if strings.Contains(out, bad) {
			t.Errorf("output carries %q", bad)
		}
	}
	checkHyperlinks(t, out)
	if plain := ansi.Strip(out); !strings.Contains(plain, "é") || !strings.Contains(plain, "☺") || !strings.Contains(plain, "&") {
		t.Errorf("ordinary references lost: %q", plain)
	}
}

func TestTablesAreBounded(t *testing.T) {
	for _, tc := range []struct {
		name, md    string
		maxCells    int
		shownAsText bool
	}{
		{"a delimiter row of 1,000 columns is text", "|" + strings.Repeat("a|", 1000) + "\n|" + strings.Repeat("-|", 1000) + "\n" + strings.Repeat("|b\n", 1000), 0, true},
		{"rows past the cells are left out", "|a|b|\n|-|-|\n" + strings.Repeat("|1|2|\n", 5000), maxTableCells + 2, false},
		{"a small table is kept whole", "|a|b|\n|-|-|\n|1|2|\n", 6, false},
		{"a table in a code block is code", "```\n|a|b|\n|-|-|\n" + strings.Repeat("|1|2|\n", 5000) + "```\n", 0, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m, err := newMarkdown("notty", nil, 80)
			if err != nil {
				t.Fatal(err)
			}
			doc := m.md.Parser().Parse(text.NewReader([]byte(prepare(tc.md))))
			cells, tables := 0, 0
			_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
				if entering && n.Kind().String() == "TableCell" {
					cells++
				}
				if entering && n.Kind().String() == "Table" {
					tables++
				}
				return ast.WalkContinue, nil
			})
			if tc.shownAsText != (tables == 0) || cells > tc.maxCells {
				t.Errorf("%d tables, %d cells", tables, cells)
			}
		})
	}
	t.Run("code that looks like a table keeps every line", func(t *testing.T) {
		md := "```\n|a|b|\n|-|-|\n" + strings.Repeat("|1|2|\n", 5000) + "```\n"
		if got := strings.Count(prepare(md), "|1|2|"); got != 5000 {
			t.Errorf("%d of 5000 lines kept", got)
		}
	})
}

// checkHyperlinks fails when an OSC 8 hyperlink in s has a control
// character in its parameters or target: links come from untrusted text.
func checkHyperlinks(t *testing.T, s string) {
	t.Helper()
	for {
		i := strings.Index(s, "\x1b]8;")
		if i < 0 {
			return
		}
		s = s[i+len("\x1b]8;"):]
		end := strings.IndexAny(s, "\a\x1b")
		if end < 0 {
			t.Error("an OSC 8 sequence never ends")
			return
		}
		if s[end] == '\x1b' && !strings.HasPrefix(s[end:], "\x1b\\") {
			t.Errorf("an OSC 8 target holds ESC: %q", s[:min(len(s), end+8)])
		}
		if target := s[:end]; strings.IndexFunc(target, unicode.IsControl) >= 0 {
			t.Errorf("an OSC 8 target holds a control character: %q", target)
		}
		s = s[end+1:]
	}
}

func TestShallowMarkdownRendersAsGlamourDoes(t *testing.T) {
	md := "# Heading\n\nText with *emphasis*, **strong**, ~~struck~~, `code` and [a link](https://example.com/).\n\n" +
		"> A quote\n> > nested once\n\n- a list\n  - nested\n- [ ] a task\n- [x] done\n\n1. first\n2. second\n\n" +
		"| a | b |\n|---|:-:|\n| 1 | 2 |\n\nTerm\n: its definition\n\n```go\nfunc main() {}\n```\n\n---\n\n![an image](https://example.com/i.png) www.example.com\n"
	for _, style := range []string{"dark", "light", "notty", "ascii"} {
		t.Run("in the "+style+" style", func(t *testing.T) {
			tr, err := glamour.NewTermRenderer(glamour.WithStandardStyle(style), glamour.WithWordWrap(80))
			if err != nil {
				t.Fatal(err)
			}
			want, err := tr.Render(md)
			if err != nil {
				t.Fatal(err)
			}
			m, err := newMarkdown(style, nil, 80)
			if err != nil {
				t.Fatal(err)
			}
			got, err := m.render(context.Background(), md)
			if err != nil {
				t.Fatal(err)
			}
			if got != want {
				t.Errorf("differs from glamour:\n%s\nwant\n%s", ansi.Strip(got), ansi.Strip(want))
			}
		})
	}
}
