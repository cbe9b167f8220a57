package articles

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// visibleText is the text a reader sees on a page when no article could
// be extracted from it: the body's text outside scripts, styles, menus,
// forms and hidden elements, one markdown paragraph per block.
func visibleText(doc *html.Node) string {
	var paras []string
	var cur strings.Builder
	flush := func() {
		if s := strings.Join(strings.Fields(cur.String()), " "); s != "" {
			paras = append(paras, escapeLine(s))
		}
		cur.Reset()
	}
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		switch n.Type {
		case html.TextNode:
			cur.WriteString(n.Data)
			return
		case html.ElementNode:
			switch n.DataAtom {
			case atom.Head, atom.Script, atom.Style, atom.Noscript, atom.Template,
				atom.Svg, atom.Iframe, atom.Object, atom.Canvas:
				return
			}
			if isFurniture(n) {
				return
			}
			if n.DataAtom == atom.Br {
				flush()
				return
			}
		}
		block := n.Type == html.ElementNode && (blockTags[n.DataAtom] || n.DataAtom == atom.Tr || n.DataAtom == atom.Body)
		if block {
			flush()
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
		if block {
			flush()
		}
	}
	walk(doc)
	flush()
	return strings.Join(paras, "\n\n")
}
