package articles

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// The article readability finds still holds what a reader skips: menus,
// captions, share buttons, "read also" teasers, newsletter boxes, the
// byline and date above the story, lists of tags below it. cleanArticle
// removes them from the article's tree before it becomes markdown.

// cleanArticle removes the parts of an extracted article that are not
// the story. title is the article's title, shown in the header.
func cleanArticle(root *html.Node, title string) {
	setAtoms(root)
	total := textLen(root)
	if total == 0 {
		return
	}
	removeBoilerplate(root, total)
	removeTitleRepeats(root, title)
	removeLeadingMeta(root)
	removeTeasers(root)
	cutAtEndSection(root, total)
	removeLinkHeadings(root)
	removeTrailingLists(root)
}

// setAtoms gives the elements readability made (a div it turned into a
// paragraph, the page's wrapper) the atom of their name: the rules below
// tell elements by their atoms.
func setAtoms(n *html.Node) {
	if n.Type == html.ElementNode && n.DataAtom == 0 {
		n.DataAtom = atom.Lookup([]byte(n.Data))
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		setAtoms(c)
	}
}

// endSection names what comes after a story: comments, related articles,
// most read lists, tags, a newsletter box.
var endSection = regexp.MustCompile(`(?i)^[\s\p{P}\d]*(comments?|(leave|post|add|write) a (reply|comment|response)|trackbacks?|responses?|discussion|join the (conversation|discussion)|reader comments|kommentare?|kommentieren|leserkommentare|diskussion|comentarios?|deja (un|tu) comentario|commentaires?|laisser un commentaire|komentarze?|related( articles| posts| stories| content| links)?|you (may|might) also like|more from|more stories|more on this( story| topic)?|most (popular|read|viewed|shared|emailed)|don'?t miss|recommended( for you)?|read next|what to read next|trending|mehr zum thema|mehr aus|das könnte sie auch interessieren|weitere artikel|meistgelesen|meistkommentiert|lesen sie auch|à lire aussi|sur le même sujet|les plus lus|noticias relacionadas|artículos relacionados|también te puede interesar|lo más leído|czytaj także|polecane|tags?|schlagwörter|stichwörter|share this( article| story| post| page)?|newsletter|siehe auch|more (content |stories |news |articles |videos |coverage )?from( [\p{L}.]+){0,4}|we also recommend|explore related topics.*|written by .{1,40}|author: .{1,40}|about .{1,30} author|((artikel|videos|beiträge|bilder)( und (artikel|videos|beiträge|bilder))? zum thema)|contact|kontakt|contacto|weitere informationen|zusatzinformationen|more information|further information|about the author|über den autor|zur person|sobre el autor|à propos de l'auteur)[\s\p{P}\d]*$`)

// cutAtEndSection removes, once the story has begun, a heading or short
// line naming an end section (comments, related articles, ...) and
// everything after it.
func cutAtEndSection(root *html.Node, total int) {
	blocks := leafBlocks(root)
	seen := 0
	for i, b := range blocks {
		n := textLen(b)
		if seen*5 >= total && n < 60 && endSection.MatchString(nodeText(b)) {
			if !storyGoesOn(blocks[:i], blocks[i+1:]) {
				cutFrom(root, b)
				return
			}
			// a box in the middle of the story ("More information"
			// beside a long interview): only its head goes
			b.Parent.RemoveChild(b)
		}
		seen += n
	}
}

// storyGoesOn reports whether the story's paragraphs go on after an
// end section's head: long plain paragraphs (500 letters at least in
// all) in the same container as the story's last one before it, before
// any signature line ("Posted by: … | Apr 6, 2007") or other end
// section. Reader comments sit in a container of their own, or under
// their signatures.
func storyGoesOn(before, after []*html.Node) bool {
	var parent *html.Node
	for i := len(before) - 1; i >= 0 && parent == nil; i-- {
		if isStoryParagraph(before[i]) {
			parent = before[i].Parent
		}
	}
	sum := 0
	for _, b := range after {
		if parent == nil || sum >= 500 {
			break
		}
		if text := nodeText(b); isMetaLine(text) || isFilingLine(text) || endSection.MatchString(text) {
			break // a comment's signature, the next end section
		}
		if b.Parent == parent && isStoryParagraph(b) {
			sum += textLen(b)
		}
	}
	return sum >= 500
}

// isStoryParagraph reports whether a block reads as a paragraph of the
// story: long, plain (few links), ending as a sentence does.
func isStoryParagraph(b *html.Node) bool {
	if b.DataAtom != atom.P || b.Parent == nil {
		return false
	}
	n := textLen(b)
	return n >= 100 && linkTextLen(b)*10 < n && endsSentence(nodeText(b))
}

// cutFrom removes n and everything after it in document order, up to root.
func cutFrom(root, n *html.Node) {
	for at := n; at != nil && at != root; at = at.Parent {
		for s := at.NextSibling; s != nil; {
			next := s.NextSibling
			at.Parent.RemoveChild(s)
			s = next
		}
	}
	n.Parent.RemoveChild(n)
}

// removeLinkHeadings drops headings that are only a link, with the short
// paragraph under one: teasers of other articles (a story's own headings
// do not lead elsewhere).
func removeLinkHeadings(root *html.Node) {
	blocks := leafBlocks(root)
	for i := 0; i < len(blocks); i++ {
		b := blocks[i]
		n := textLen(b)
		if !isHeading(b) || n == 0 || linkTextLen(b)*10 < n*9 {
			continue
		}
		b.Parent.RemoveChild(b)
		if i == 0 {
			continue // the post's own headline, linked to itself
		}
		if i+1 < len(blocks) {
			next := blocks[i+1]
			if !isHeading(next) && utf8.RuneCountInString(nodeText(next)) < 300 {
				next.Parent.RemoveChild(next)
				i++
			}
		}
	}
}

// textLen is the number of non-space runes under n.
func textLen(n *html.Node) int {
	count := 0
	walkText(n, func(s string) {
		for _, r := range s {
			if !unicode.IsSpace(r) {
				count++
			}
		}
	})
	return count
}

func walkText(n *html.Node, f func(string)) {
	if n.Type == html.TextNode {
		f(n.Data)
		return
	}
	if n.Type == html.ElementNode && (n.DataAtom == atom.Script || n.DataAtom == atom.Style || n.DataAtom == atom.Noscript || n.DataAtom == atom.Template) {
		return
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		walkText(c, f)
	}
}

// nodeText is n's text on one line.
func nodeText(n *html.Node) string {
	var b strings.Builder
	walkText(n, func(s string) { b.WriteString(s); b.WriteByte(' ') })
	return strings.Join(strings.Fields(b.String()), " ")
}

// linkTextLen is the number of non-space runes inside links under n.
func linkTextLen(n *html.Node) int {
	if n.Type == html.ElementNode && n.DataAtom == atom.A {
		return textLen(n)
	}
	count := 0
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		count += linkTextLen(c)
	}
	return count
}

// boilerTags are elements that never hold the story.
var boilerTags = map[atom.Atom]bool{
	atom.Nav: true, atom.Aside: true, atom.Footer: true, atom.Form: true,
	atom.Button: true, atom.Figcaption: true, atom.Select: true,
	atom.Input: true, atom.Dialog: true, atom.Textarea: true, atom.Label: true,
}

// boilerRoles are ARIA roles of page furniture.
var boilerRoles = map[string]bool{
	"navigation": true, "complementary": true, "contentinfo": true,
	"banner": true, "menu": true, "menubar": true, "search": true,
	"dialog": true, "alert": true, "button": true,
}

// boilerWords are class and id words (whole) of page furniture.
var boilerWords = map[string]bool{
	"ad": true, "ads": true, "advert": true, "advertisement": true, "anzeige": true,
	"tags": true, "tag": true, "taglist": true, "tagcloud": true, "keywords": true,
	"nav": true, "navbar": true, "navigation": true, "menu": true, "submenu": true,
	"footer":     true,
	"breadcrumb": true, "breadcrumbs": true, "print": true, "rating": true,
	"hidden": true, "sr-only": true, "visually-hidden": true, "screen-reader-text": true,
	"disclaimer": true, "copyright": true, "pagination": true, "pager": true,
}

// boilerStems start class and id words of page furniture.
var boilerStems = []string{
	"share", "sharing", "social", "related", "newsletter", "subscri", "promo",
	"advert", "sponsor", "comment", "breadcrumb",
	"recommend", "popular", "widget", "outbrain", "taboola",
	"signup", "sign-up", "cookie", "paywall",
	"readmore", "read-more", "more-",
	"article-tags", "post-tags", "entry-tags", "toolbar", "follow", "print-",
}

// metaWords and metaStems are class and id words of short furniture: a
// byline, a date line, a caption, a credit. An element so named is only
// dropped while it is short, since some sites name their whole post so.
var metaWords = map[string]bool{
	"author": true, "authors": true, "credit": true, "credits": true,
	"meta": true, "postmeta": true, "dateline": true, "timestamp": true,
	"date": true, "published": true, "updated": true, "time": true,
}

var metaStems = []string{
	"byline", "caption", "author-", "author_", "authorbox", "bio",
	"entry-meta", "post-meta", "article-meta", "meta-", "wp-caption",
	"photo-credit", "image-credit", "credit-", "date-", "pubdate",
}

// maxMetaRunes is the longest text of a byline, date or caption element.
const maxMetaRunes = 250

var classSplit = regexp.MustCompile(`[\s]+`)

// isBoilerplate reports whether an element's name, role, class or id says
// it is page furniture, or it is hidden.
func isBoilerplate(n *html.Node) bool {
	if isFurniture(n) {
		return true
	}
	for _, w := range classSplit.Split(strings.ToLower(attr(n, "class")+" "+attr(n, "id")), -1) {
		if w == "" {
			continue
		}
		meta := metaWords[w]
		for _, s := range metaStems {
			meta = meta || strings.HasPrefix(w, s)
		}
		if meta && textLen(n) <= maxMetaRunes && !(n.DataAtom == atom.Span && readsAsStory(n)) {
			return true
		}
	}
	return false
}

func isFurniture(n *html.Node) bool {
	if boilerTags[n.DataAtom] {
		return true
	}
	if _, ok := attrOK(n, "hidden"); ok {
		return true
	}
	if strings.EqualFold(attr(n, "aria-hidden"), "true") {
		return true
	}
	style := strings.ToLower(strings.ReplaceAll(attr(n, "style"), " ", ""))
	if strings.Contains(style, "display:none") || strings.Contains(style, "visibility:hidden") {
		return true
	}
	if boilerRoles[strings.ToLower(attr(n, "role"))] {
		return true
	}
	for _, w := range classSplit.Split(strings.ToLower(attr(n, "class")+" "+attr(n, "id")), -1) {
		if w == "" {
			continue
		}
		if boilerWords[w] {
			return true
		}
		for _, s := range boilerStems {
			if strings.HasPrefix(w, s) {
				return true
			}
		}
		for _, part := range strings.FieldsFunc(w, func(r rune) bool { return r == '-' || r == '_' }) {
			if boilerParts[part] {
				return true
			}
		}
	}
	return false
}

// boilerParts are words inside a class or id (top-stories, most-popular)
// that name page furniture.
var boilerParts = map[string]bool{
	"popular": true, "related": true, "share": true, "sharing": true,
	"social": true, "newsletter": true, "promo": true, "advert": true,
	"sponsored": true, "comments": true, "breadcrumb": true, "stories": true,
	"recommended": true, "trending": true, "mostread": true, "livestats": true,
	"sidebar": true, "navbar": true, "subscribe": true, "signup": true,
}

func attrOK(n *html.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		if strings.EqualFold(a.Key, key) {
			return a.Val, true
		}
	}
	return "", false
}

// removeBoilerplate drops furniture elements under root, except one that
// holds most of the article (a class name cannot outweigh the text).
func removeBoilerplate(root *html.Node, total int) {
	dropElements(root, func(n *html.Node) bool { return isBoilerplate(n) && textLen(n)*2 < total })
}

// dropElements removes the elements under root that drop names, without
// looking inside them.
func dropElements(root *html.Node, drop func(*html.Node) bool) {
	var gone []*html.Node
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			if drop(c) {
				gone = append(gone, c)
				continue
			}
			walk(c)
		}
	}
	walk(root)
	for _, n := range gone {
		n.Parent.RemoveChild(n)
	}
}

// blockTags are the elements that make a paragraph of their own.
var blockTags = map[atom.Atom]bool{
	atom.P: true, atom.Div: true, atom.H1: true, atom.H2: true, atom.H3: true,
	atom.H4: true, atom.H5: true, atom.H6: true, atom.Li: true, atom.Ul: true,
	atom.Ol: true, atom.Blockquote: true, atom.Section: true, atom.Article: true,
	atom.Header: true, atom.Figure: true, atom.Table: true, atom.Pre: true,
	atom.Dl: true, atom.Dd: true, atom.Dt: true, atom.Time: true, atom.Address: true,
}

// leafBlocks lists, in document order, the block elements under root that
// hold no other block: the paragraphs as a reader sees them.
func leafBlocks(root *html.Node) []*html.Node {
	var out []*html.Node
	var walk func(n *html.Node) bool // reports whether n holds a block
	walk = func(n *html.Node) bool {
		has := false
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			inner := walk(c)
			if blockTags[c.DataAtom] {
				if !inner {
					out = append(out, c)
				}
				has = true
			} else if inner {
				has = true
			}
		}
		return has
	}
	walk(root)
	return out
}

func isHeading(n *html.Node) bool {
	switch n.DataAtom {
	case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
		return true
	}
	return false
}

// removeTitleRepeats drops the headline where it is repeated as a heading
// or a paragraph of its own among the first blocks.
func removeTitleRepeats(root *html.Node, title string) {
	if title == "" {
		return
	}
	for i, b := range leafBlocks(root) {
		if i >= 8 {
			break
		}
		if repeatsTitle(nodeText(b), title) {
			b.Parent.RemoveChild(b)
		}
	}
}

var (
	dateWords = regexp.MustCompile(`(?i)\b(\d{1,2}[./]\s?\d{1,2}[./]\s?\d{2,4}|\d{4}-\d{2}-\d{2}|\d{1,2}:\d{2}|(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|januar|februar|märz|mai|juni|juli|okt|dez|enero|febrero|marzo|abril|mayo|junio|julio|agosto|sept|octubre|noviembre|diciembre|janvier|février|mars|avril|juin|juillet|août|octobre|décembre|stycznia|lutego|marca|kwietnia|maja|czerwca|lipca|sierpnia|września|października|listopada|grudnia|oktober|styczeń|luty|marzec)[a-zé]*\.?\s+\d{1,4})`)
	metaStart = regexp.MustCompile(`(?i)^(by|von|por|par|de|door|av|od|autor|author|posted|published|updated|last updated|veröffentlicht|aktualisiert|erstellt|stand|publié|mis à jour|publicado|actualizado|opublikowano|written by|verfasst|geschrieben|text|foto|photo|bild)(\P{L}|$)`)
	// trailStart opens a line under a story that files it: its tags,
	// category, date, author.
	trailStart = regexp.MustCompile(`(?i)^(tagged( as| with| in)?|tags?|schlagwörter|stichwörter|themen|kategorien?|category|categories|filed under|posted in|this entry was posted|abgelegt unter|etiquetas|catégories?|mots-clés|tagi|kategorie|©|\(c\) ?\d{4}|copyright|you can follow any responses to this entry)(\P{L}|$)`)
)

// isMetaLine reports whether a short block is a byline or a date line.
func isMetaLine(s string) bool {
	words := len(strings.Fields(s))
	if words == 0 || words > 14 {
		return false
	}
	if metaStart.MatchString(s) {
		return words <= 8 || dateWords.MatchString(s)
	}
	return dateWords.MatchString(s) && !(words >= 6 && isSentence(s) && !metaInside.MatchString(s))
}

// metaInside names a date line's verb wherever it stands ("Article mis à
// jour le 7 janvier").
var metaInside = regexp.MustCompile(`(?i)\b(posted|published|updated|veröffentlicht|aktualisiert|publié|mis à jour|publicado|actualizado|opublikowano)\b`)

// isSentence reports whether s ends as a sentence of the story does,
// with a full stop, a question or an exclamation mark.
func isSentence(s string) bool {
	s = strings.TrimRight(s, " *_\"'»“”’)")
	r, _ := utf8.DecodeLastRuneInString(s)
	return strings.ContainsRune(".!?", r)
}

// removeLeadingMeta drops byline and date lines above the story: the
// header shows the author and date.
func removeLeadingMeta(root *html.Node) {
	for i, u := range textUnits(root) {
		if i >= 12 {
			break
		}
		s := u.text()
		if s == "" {
			continue
		}
		if isMetaLine(s) && !(len(u) == 1 && isHeading(u[0]) && len(strings.Fields(s)) > 5 && !metaStart.MatchString(s)) || captionStart.MatchString(s) && len(strings.Fields(s)) <= 8 || isMetaBar(u, s) {
			u.remove()
			continue
		}
		if utf8.RuneCountInString(s) > 120 {
			break // the story has begun
		}
	}
}

// isMetaBar reports whether a line above the story is a bar of its
// date, author and tags ("Published: November 5th, 2012 | Tags: …").
func isMetaBar(u textUnit, s string) bool {
	return !(len(u) == 1 && isHeading(u[0])) && strings.Contains(s, " | ") && len(strings.Fields(s)) <= 40 &&
		metaStart.MatchString(s) && dateWords.MatchString(s) && !isSentence(s)
}

// textUnit is a paragraph as a reader sees it: a leaf block, or a run of
// text and inline elements beside blocks in a container (a date line
// above the first paragraph, inside the story's wrapper).
type textUnit []*html.Node

func (u textUnit) text() string {
	var b strings.Builder
	for _, n := range u {
		b.WriteString(nodeText(n))
		b.WriteByte(' ')
	}
	return strings.Join(strings.Fields(b.String()), " ")
}

func (u textUnit) remove() {
	for _, n := range u {
		if n.Parent != nil {
			n.Parent.RemoveChild(n)
		}
	}
}

// textUnits lists the paragraphs under root in document order.
func textUnits(root *html.Node) []textUnit {
	var out []textUnit
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		var run textUnit
		flush := func() {
			if len(run) > 0 {
				out = append(out, run)
				run = nil
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			switch {
			case c.Type == html.ElementNode && c.DataAtom == atom.Br:
				flush()
			case c.Type == html.ElementNode && (blockTags[c.DataAtom] || holdsBlock(c)):
				flush()
				if holdsBlock(c) {
					walk(c)
				} else {
					out = append(out, textUnit{c})
				}
			case c.Type == html.TextNode || c.Type == html.ElementNode:
				run = append(run, c)
			}
		}
		flush()
	}
	walk(root)
	return out
}

// holdsBlock reports whether a block element is below n.
func holdsBlock(n *html.Node) bool {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && (blockTags[c.DataAtom] || holdsBlock(c)) {
			return true
		}
	}
	return false
}

// removeTrailingLists drops what follows the story: lists made only of
// links (related articles, tags), short label lines ("Contact:", "Back",
// "Category: News"), toolbars ("Comments feed | Comments closed |
// Trackback") and headings left with nothing under them.
func removeTrailingLists(root *html.Node) {
	blocks := leafBlocks(root)
	var drop []*html.Node // from the last block up
	i := len(blocks) - 1
	for ; i >= 0 && i >= len(blocks)-15; i-- {
		b := blocks[i]
		n := textLen(b)
		if n == 0 {
			continue
		}
		text := nodeText(b)
		if b.DataAtom != atom.P && linkTextLen(b)*10 >= n*9 && n < 200 && !strings.HasPrefix(text, "http") || isHeading(b) || b.DataAtom != atom.Li && isLabelLine(text) ||
			isFilingLine(text) {
			drop = append(drop, b)
			continue
		}
		break
	}
	// A list longer than the window is the story's own (an index, a
	// press review), not a box of related links.
	if i >= 0 && len(drop) > 0 && i == len(blocks)-16 {
		if last := drop[len(drop)-1]; last.DataAtom == atom.Li && blocks[i].Parent == last.Parent {
			for len(drop) > 0 && drop[len(drop)-1].Parent == last.Parent {
				drop = drop[:len(drop)-1]
			}
		}
	}
	// A list the story itself announces ("Previous interviews in this
	// series:", "Check out:") is the story's; only filing lines after it go.
	leadIn := false
	for i := len(drop) - 1; i >= 0; i-- {
		b := drop[i]
		text := nodeText(b)
		if !leadIn && isLeadIn(b, text) {
			leadIn = true
		}
		if leadIn && !isFilingLine(text) {
			continue
		}
		b.Parent.RemoveChild(b)
	}
}

// isFilingLine reports whether a line files the story (tags, category,
// date and author) or is a toolbar ("Comments feed | Comments closed").
func isFilingLine(text string) bool {
	return len(strings.Fields(text)) <= 40 && (trailStart.MatchString(text) || metaStart.MatchString(text) && dateWords.MatchString(text)) || isMetaLine(text) ||
		strings.Count(text, " | ") >= 1 && len(strings.Fields(text)) <= 15 && !endsSentence(text)
}

// isLeadIn reports whether a block is a sentence of the story that
// announces what follows: not a heading, a few words at least, ending
// with a colon, naming no end section.
func isLeadIn(b *html.Node, text string) bool {
	if isHeading(b) || linkTextLen(b) > 0 || boldLen(b)*2 > textLen(b) || len(strings.Fields(text)) < 2 || !strings.HasSuffix(strings.TrimRight(text, " *_"), ":") {
		return false
	}
	return !endSection.MatchString(text) && !teaserStart.MatchString(text) && !isFilingLine(text) && !metaStart.MatchString(text)
}

// isLabelLine reports whether a block is a few words that end no sentence.
func isLabelLine(s string) bool {
	if len(strings.Fields(s)) > 5 || strings.ContainsAny(s, "0123456789") {
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(s)
	return !strings.ContainsRune(".!?\"»“”)", r)
}

// teaserStart opens a line that points to another article or asks for a
// subscription: "Read also:", "Lea también:", "À lire aussi", ...
var teaserStart = regexp.MustCompile(`(?i)^[\s\p{P}]*(read (more|also|next)|see also|also read|related( articles| stories| posts)?|more on this|recommended|you may also like|advertisement|sponsored|lea (también|más|además)|lea|lee (también|más)|le puede interesar|te puede interesar|puede interesarle|puedes ver|ver (también|más)|mira (también|más)|publicidad|à lire aussi|lire aussi|voir aussi|à voir aussi|sur le même sujet|czytaj (też|także|więcej|również)|zobacz (też|także|również)|reklama|schon gelesen|das könnte sie auch interessieren|auch interessant|lesen sie auch|lesen sie mehr|mehr zum thema|mehr zu|zum weiterlesen|weiterlesen|weitere artikel|beiträge zum thema|meistgelesen|meistdiskutiert|anzeige|werbung|leggi anche|vedi anche|previous (article|post|story)|next (article|post|story)|older posts?|newer posts?|leia também|leia mais|siehe auch|sign up|never miss|subscribe|jetzt abonnieren|abonnieren sie|newsletter|zapraszamy|suscríbete|abonnez-vous|inscrivez-vous)(\P{L}|$)`)

// endsSentence reports whether s ends as a sentence does, not as a
// headline.
func endsSentence(s string) bool {
	s = strings.TrimRight(s, " *_\"'»“”’)")
	r, _ := utf8.DecodeLastRuneInString(s)
	return strings.ContainsRune(".!?…:;", r)
}

// captionStart opens a caption or a picture credit.
var captionStart = regexp.MustCompile(`(?i)^[(\[]?(abbildung|abb\.|figure|fig\.|bild|foto|fotos|photo|photos|image|picture|quelle|crédit photo|zdjęcie|fot\.)\s*\d*\s*[:.]`)

// removeTeasers drops short blocks that open with a "read also" or an
// advertisement label, and paragraphs that are only a link to elsewhere
// (another article's headline set in the story).
func removeTeasers(root *html.Node) {
	blocks := leafBlocks(root)
	blurbs := 0 // one "Read more" may end the story's own first page
	for _, b := range blocks {
		if textLen(b) < 400 && endsWithMoreLink(b) {
			blurbs++
		}
	}
	for i, b := range blocks {
		s := nodeText(b)
		n := textLen(b)
		if blurbs >= 2 && n < 400 && endsWithMoreLink(b) {
			// other articles' blurbs, with their headlines above them
			b.Parent.RemoveChild(b)
			if i > 0 && isHeading(blocks[i-1]) && blocks[i-1].Parent != nil {
				blocks[i-1].Parent.RemoveChild(blocks[i-1])
			}
			continue
		}
		linkOnly := (b.DataAtom == atom.P || b.DataAtom == atom.Blockquote) && n > 20 && n < 200 &&
			linkTextLen(b)*10 >= n*9 && !strings.HasPrefix(s, "http") && !endsSentence(s)
		if linkOnly || isPagerLine(b, s) || len(strings.Fields(s)) <= 30 && (teaserStart.MatchString(s) || captionStart.MatchString(s)) {
			b.Parent.RemoveChild(b)
		}
	}
}

// moreLink is the text of a link to the rest of another article.
var moreLink = regexp.MustCompile(`(?i)^[\s\p{P}]*(read (the )?(more|full (story|article|post))|continue reading|more|weiterlesen|mehr|lire la suite|la suite|leer más|seguir leyendo|czytaj (dalej|więcej)|leggi (tutto|di più))[\s\p{P}]*$`)

// endsWithMoreLink reports whether a block ends with a "Read more" link:
// the blurb of another article, not a sentence of the story.
func endsWithMoreLink(b *html.Node) bool {
	last := b.LastChild
	for last != nil && (last.Type == html.TextNode && strings.TrimSpace(last.Data) == "" || last.Type == html.CommentNode) {
		last = last.PrevSibling
	}
	for last != nil && last.Type == html.ElementNode && last.DataAtom != atom.A && last.LastChild != nil {
		last = last.LastChild // the link inside a span, a strong
	}
	if last == nil {
		return false
	}
	if last.Type == html.TextNode && last.Parent != nil && last.Parent.DataAtom == atom.A {
		last = last.Parent
	}
	return last.Type == html.ElementNode && last.DataAtom == atom.A && attr(last, "href") != "" && moreLink.MatchString(nodeText(last))
}

// isPagerLine reports whether a block links to the previous and next
// posts ("« Older post | Main | Newer post »"): links only, opening with
// a left or closing with a right guillemet.
func isPagerLine(b *html.Node, s string) bool {
	n := textLen(b)
	if n == 0 || linkTextLen(b)*10 < n*9 || len(strings.Fields(s)) > 40 {
		return false
	}
	return strings.HasPrefix(s, "«") || strings.HasPrefix(s, "‹") || strings.HasSuffix(s, "»") || strings.HasSuffix(s, "›")
}

// boldLen is the number of non-space runes in bold under n.
func boldLen(n *html.Node) int {
	if n.Type == html.ElementNode && (n.DataAtom == atom.B || n.DataAtom == atom.Strong) {
		return textLen(n)
	}
	count := 0
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		count += boldLen(c)
	}
	return count
}

// readsAsStory reports whether an element holds sentences of the story,
// not a byline or a caption: many words ending with a full stop.
func readsAsStory(n *html.Node) bool {
	s := nodeText(n)
	return len(strings.Fields(s)) > 20 && isSentence(s) && !metaStart.MatchString(s)
}
