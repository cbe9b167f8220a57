package ui

import (
	"strings"
	"testing"
	"unicode/utf8"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"newsread/articles"
)

func TestHighlight(t *testing.T) {
	hl := lipgloss.NewStyle().Reverse(true)
	on := ansi.SGR(ansi.AttrReverse)
	red, bold := "\x1b[31m", "\x1b[1m"
	tests := []struct {
		name  string
		terms []string
		line  string
		want  string // the line written again; "" means unchanged
	}{
		{name: "a word in plain text is wrapped in the highlight", terms: []string{"rust"},
			line: "I like Rust a lot", want: "I like " + on + "Rust" + ansi.ResetStyle + " a lot"},
		{name: "a term matches the start of a longer word", terms: []string{"rust"},
			line: "rusty", want: on + "rust" + ansi.ResetStyle + "y"},
		{name: "a term does not match inside a word", terms: []string{"rust"}, line: "trust me"},
		{name: "the style in force comes back after the match", terms: []string{"b"},
			line: red + "a b c" + ansi.ResetStyle,
			want: red + "a " + on + "b" + ansi.ResetStyle + red + " c" + ansi.ResetStyle},
		{name: "a match across styled spans keeps the highlight over both", terms: []string{"hello"},
			line: red + "hel" + bold + "lo" + ansi.ResetStyle + " you",
			want: red + on + "hel" + bold + on + "lo" + ansi.ResetStyle + red + bold + ansi.ResetStyle + " you"},
		{name: "a phrase matches across several spaces", terms: []string{"new  york"},
			line: "in New   York now", want: "in " + on + "New   York" + ansi.ResetStyle + " now"},
		{name: "wide characters are matched as graphemes", terms: []string{"日本"},
			line: "「日本語」", want: "「" + on + "日本" + ansi.ResetStyle + "語」"},
		{name: "no terms change nothing", terms: []string{" "}, line: "anything"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newHighlighter(tt.terms, hl)
			out, first := h.lines([]string{"nothing here", tt.line})
			want := tt.want
			if want == "" {
				want = tt.line
			}
			if out[1] != want {
				t.Errorf("got  %q\nwant %q", out[1], want)
			}
			if ansi.Strip(out[1]) != ansi.Strip(tt.line) {
				t.Errorf("the text changed: %q", ansi.Strip(out[1]))
			}
			if wantFirst := map[bool]int{true: 1, false: -1}[tt.want != ""]; first != wantFirst {
				t.Errorf("first match on line %d, want %d", first, wantFirst)
			}
		})
	}
}

func TestHighlightKeepsEscapeSequencesWhole(t *testing.T) {
	h := newHighlighter([]string{"link"}, lipgloss.NewStyle().Bold(true))
	line := "see \x1b]8;;https://x.example/link\x07the link\x1b]8;;\x07 here"
	out, _ := h.line(line)
	if !strings.Contains(out, "\x1b]8;;https://x.example/link\x07") {
		t.Errorf("the hyperlink sequence was changed: %q", out)
	}
	if ansi.Strip(out) != "see the link here" {
		t.Errorf("stripped %q", ansi.Strip(out))
	}
}

// FuzzHighlight highlights any term in any text styled as a rendering
// is: sanitised text with style sequences between its characters.
func FuzzHighlight(f *testing.F) {
	f.Add("hello world", "hello", 3)
	f.Add("「日本語」 e\u0301te", "日本", 2)
	f.Add("a  b\tc", "a b", 1)
	f.Fuzz(func(t *testing.T, text, term string, split int) {
		text = articles.CleanLine(text)
		k := 0
		if len(text) > 0 {
			k = (split%len(text) + len(text)) % len(text)
		}
		for k > 0 && !utf8.RuneStart(text[k]) {
			k--
		}
		line := "\x1b[31m" + text[:k] + "\x1b[1;4m" + text[k:] + ansi.ResetStyle
		h := newHighlighter([]string{term}, lipgloss.NewStyle().Bold(true))
		if h == nil {
			return // nothing to look for
		}
		out, hit := h.line(line)
		if ansi.Strip(out) != ansi.Strip(line) {
			t.Errorf("the text changed: %q → %q", ansi.Strip(line), ansi.Strip(out))
		}
		if !hit && out != line {
			t.Errorf("a line without a match changed: %q → %q", line, out)
		}
	})
}
