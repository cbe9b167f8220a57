package articles

import (
	"strings"
	"testing"
)

func TestConvertedMarkdownHoldsNoHTML(t *testing.T) {
	c := NewHTMLConverter()
	tests := []struct {
		name, html string
		want       string // the whole markdown, when not empty
		has, lacks []string
	}{
		{name: "two lists side by side are not parted by a comment",
			html: "<ul><li>one</li></ul><ul><li>two</li></ul><p>after</p>",
			has:  []string{"- one", "- two", "after"}, lacks: []string{"<!--", "THE END"}},
		{name: "a comment in the page is not kept",
			html: "<p>x</p><!-- c --><p>y</p>", want: "x\n\ny"},
		{name: "a link escaped twice shows its text",
			html: `<p>See &lt;a href="https://a.example/"&gt;the report&lt;/a&gt; today.</p>`,
			want: "See the report today."},
		{name: "an embed escaped twice goes",
			html: `<p>Talk:</p><p>&lt;object height="355" width="425"&gt;&lt;param /&gt;&lt;embed src="x.swf" /&gt;&lt;/object&gt;</p><p>More.</p>`,
			want: "Talk:\n\nMore."},
		{name: "a comment escaped twice goes",
			html: `<p>Story &lt;!-- ad slot --&gt; goes on.</p>`, want: "Story  goes on."},
		{name: "a tag named in prose stays, as escapes",
			html: "<p>consecutive &lt;td&gt; elements and 3 &lt; 5 &gt; 2</p>",
			want: `consecutive \<td\> elements and 3 \< 5 \> 2`},
		{name: "code keeps its markup",
			html: "<p>Use <code>&lt;div class=\"x\"&gt;</code> here.</p><pre><code>&lt;!-- keep --&gt;\n\n\n&lt;a href=\"y\"&gt;z&lt;/a&gt;</code></pre>",
			has:  []string{"`<div class=\"x\">`", "<!-- keep -->\n\n\n<a href=\"y\">z</a>"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			md, err := c.Markdown(tt.html, "")
			if err != nil {
				t.Fatal(err)
			}
			if tt.want != "" && md != tt.want {
				t.Errorf("got\n%q\nwant\n%q", md, tt.want)
			}
			for _, s := range tt.has {
				if !strings.Contains(md, s) {
					t.Errorf("%q lacks %q", md, s)
				}
			}
			for _, s := range tt.lacks {
				if strings.Contains(md, s) {
					t.Errorf("%q holds %q", md, s)
				}
			}
		})
	}
}

func TestFencesTellCodeLines(t *testing.T) {
	md := "text\n```go\ncode\n~~~\nstill code\n````\nafter\n   ~~~\nindented fence\n   ~~~\n    ```\nnot a fence\n"
	want := []bool{false, true, true, true, true, true, false, true, true, true, false, false, false}
	var f Fences
	for i, line := range strings.Split(md, "\n") {
		if got := f.Code(line); got != want[i] {
			t.Errorf("line %d %q: code %v, want %v", i, line, got, want[i])
		}
	}
}
