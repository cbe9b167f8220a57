package articles

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"path/filepath"
	"strings"
	"time"
	"unicode/utf8"
)

// Parser parses article files. It holds the HTML converter that every
// page shares; build one with NewParser and use it from any number of
// goroutines.
type Parser struct {
	html *HTMLConverter
}

// NewParser returns a Parser ready for use.
func NewParser() *Parser {
	return &Parser{html: NewHTMLConverter()}
}

// Parse parses one article file with a fresh Parser. Use a shared Parser
// (NewParser) when parsing many files.
func Parse(path string, data []byte, modTime time.Time) (Article, error) {
	return NewParser().Parse(path, data, modTime)
}

// Parse reads an article from the bytes of a file. The format comes from
// the extension of path (.txt, .md, .markdown, .html, .htm); with another
// or no extension (standard input) it is sniffed from the content. ID and
// Path are set to path; Published falls back to modTime with DateFromFile
// set. The body is loaded.
//
// Errors wrap ErrBinary, ErrEmpty or ErrTooLarge. With ErrFrontMatter the
// returned article is still usable: its front matter could not be read,
// and it holds what could be read otherwise. With ErrNoArticle (a web
// page in which no article was found) it is usable too: its body is the
// page's visible text.
func (p *Parser) Parse(path string, data []byte, modTime time.Time) (Article, error) {
	return p.parse(path, data, modTime, parseOpts{})
}

// ParseHeader is Parse for a list entry: it gives the same title, date,
// author, tags and link as Parse but no body (BodyLoaded is false), and
// keeps no reference to data. data may be only the start of the file;
// for plain text the category at the end of the file then comes from
// tail, the file's last bytes (nil when data is the whole file).
func (p *Parser) ParseHeader(path string, data, tail []byte, modTime time.Time) (Article, error) {
	return p.parse(path, data, modTime, parseOpts{header: true, tail: tail})
}

// parseOpts adjusts a parse for the scanner.
type parseOpts struct {
	header bool   // leave the body out
	tail   []byte // the end of a file whose start alone is in data
	title  string // a title known from elsewhere (a companion titles file)
	base   string // the page's own address, for links the page does not resolve
}

func (p *Parser) parse(path string, data []byte, modTime time.Time, o parseOpts) (a Article, err error) {
	// The libraries below read untrusted bytes; a panic in one of them is
	// this file's problem, not the program's end.
	defer func() {
		if r := recover(); r != nil {
			a, err = Article{}, fmt.Errorf("%w: %v", ErrUnreadable, r)
		}
	}()
	if len(data) > MaxFileSize {
		return Article{}, fmt.Errorf("%d bytes: %w", len(data), ErrTooLarge)
	}
	format := FormatOf(path)
	text, err := decode(data, format == FormatHTML)
	if err != nil {
		return Article{}, fmt.Errorf("decode: %w", err)
	}
	if strings.TrimSpace(text) == "" {
		return Article{}, ErrEmpty
	}
	if format == FormatUnknown {
		format = Sniff(text)
	}
	a = Article{ID: path, Path: path, BodyLoaded: !o.header}
	var perr error
	switch format {
	case FormatHTML:
		perr = p.parseHTML(&a, text, o)
	case FormatMarkdown:
		perr = parseMarkdown(&a, text, path, o)
	default:
		tail := ""
		if len(o.tail) > 0 {
			tail, _ = Decode(trimLeadingPartialRune(o.tail))
		}
		parseText(&a, text, tail, o)
	}
	finish(&a, path, modTime, o.header)
	return a, perr
}

// finish fills what every format shares: a title when none was found,
// the file date, an ID, sanitised and de-duplicated fields. In a header
// the strings are copied so that the file's bytes can be freed.
func finish(a *Article, path string, modTime time.Time, header bool) {
	if a.Title == "" {
		a.Title = titleFromPath(path)
	}
	if a.Published.IsZero() && !modTime.IsZero() {
		a.Published, a.DateFromFile = modTime, true
	}
	clean := func(s string) string {
		s = oneLine(Sanitize(s))
		if header {
			s = strings.Clone(s)
		}
		return s
	}
	a.Title, a.Author, a.Link, a.Summary = clean(a.Title), clean(a.Author), clean(a.Link), clean(a.Summary)
	tags := a.Tags[:0:0]
	for _, t := range a.Tags {
		tags = appendTag(tags, clean(t))
	}
	a.Tags = tags
	if len(a.Tags) == 0 {
		a.Tags = nil
	}
	a.Body = strings.TrimSpace(Sanitize(a.Body))
	if a.ID == "" {
		a.ID = contentID(a.Title, a.Published)
	}
}

// appendTag adds tag unless it is empty or already there (ignoring case).
func appendTag(tags []string, tag string) []string {
	if tag == "" {
		return tags
	}
	for _, t := range tags {
		if strings.EqualFold(t, tag) {
			return tags
		}
	}
	return append(tags, tag)
}

// contentID is the ID of an article that has neither path nor link.
func contentID(title string, published time.Time) string {
	sum := sha256.Sum256([]byte(title + "\x00" + published.UTC().Format(time.RFC3339Nano)))
	return "sha256:" + hex.EncodeToString(sum[:12])
}

// titleFromPath is the last resort title: the file name without
// extension.
func titleFromPath(path string) string {
	name := strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
	if name == "" || name == "." || name == string(filepath.Separator) {
		return "Untitled"
	}
	return strings.NewReplacer("_", " ", "-", " ").Replace(name)
}

// oneLine collapses all runs of white space to one space.
func oneLine(s string) string {
	if !strings.ContainsAny(s, "\n\t\r\u00a0") && !strings.Contains(s, "  ") && strings.TrimSpace(s) == s {
		return s
	}
	return strings.Join(strings.Fields(s), " ")
}

// sameTitle reports whether two titles are equal after folding case and
// white space.
func sameTitle(a, b string) bool {
	return strings.EqualFold(oneLine(a), oneLine(b))
}

// titleSeparators part a page's title into its headline and the site's
// name ("Headline | Site", "Site: Headline", "Headline « Site").
var titleSeparators = []string{" | ", " - ", " – ", " — ", " « ", " » ", " :: ", ": "}

// repeatsTitle reports whether a line of a page repeats its title: the
// title itself, or its headline without the site's name (a part of the
// title at one of its separators, of three words or more, so that a
// short site name or a kicker is not taken for it).
func repeatsTitle(line, title string) bool {
	if sameTitle(line, title) {
		return true
	}
	line = oneLine(line)
	if len(strings.Fields(line)) < 3 {
		return false
	}
	t := oneLine(title)
	for _, sep := range titleSeparators {
		i := strings.Index(t, sep)
		for i >= 0 {
			if strings.EqualFold(line, t[:i]) || strings.EqualFold(line, t[i+len(sep):]) {
				return true
			}
			next := strings.Index(t[i+len(sep):], sep)
			if next < 0 {
				break
			}
			i += len(sep) + next
		}
	}
	return false
}

// maxTitleRunes is the longest first line taken whole as a title.
const maxTitleRunes = 150

// shortTitle makes a title of a first line that is really a paragraph:
// its first sentence, or its first words.
func shortTitle(s string) string {
	s = oneLine(s)
	if utf8.RuneCountInString(s) <= maxTitleRunes {
		return s
	}
	for _, end := range []string{". ", "? ", "! "} {
		if i := strings.Index(s, end); i > 0 && utf8.RuneCountInString(s[:i]) < maxTitleRunes {
			return s[:i+1]
		}
	}
	cut := []rune(s)[:100]
	t := string(cut)
	if i := strings.LastIndexByte(t, ' '); i > 40 {
		t = t[:i]
	}
	return strings.TrimRight(t, " ,;:") + "…"
}
