package feed

import (
	"bytes"
	"errors"
	"fmt"
	"runtime"
	"sync"

	"github.com/mmcdole/gofeed"
	"github.com/mmcdole/gofeed/atom"
	gojson "github.com/mmcdole/gofeed/json"
	"github.com/mmcdole/gofeed/rss"

	"newsread/articles"
	"newsread/feed/internal/fastrss"
)

// ErrMalformed is returned for a feed whose XML or JSON cannot be read.
var ErrMalformed = errors.New("malformed feed")

// Feed is a parsed feed: what it calls itself and its articles, in the
// order the feed lists them.
type Feed struct {
	Title string
	// Link is the web site the feed belongs to.
	Link string
	// URL is where the feed was read from, as given to the parser.
	URL      string
	Kind     Kind
	Articles []articles.Article
	// deferred holds, by article ID, the bodies left unconverted by
	// ParseOptions.DeferBodies.
	deferred map[string]deferredBody
}

// deferredBody is what converting one body later needs.
type deferredBody struct {
	html, base, enclosures string
}

// ParseOptions says where a document came from.
type ParseOptions struct {
	// URL is the feed's address (or a file path, or a name for standard
	// input): every article's Feed, the last resort for resolving
	// relative links, and the prefix of IDs that need one.
	URL string
	// ContentType is the HTTP Content-Type, whose charset is used when the
	// document does not declare its own encoding.
	ContentType string
	// Source, when set, replaces the feed's own title as the articles'
	// Source (a subscription's custom title).
	Source string
	// Tags are added to every article's tags (a subscription's tags).
	Tags []string
	// HeadersOnly skips converting bodies: the articles carry IDs and
	// header fields only, and BodyLoaded is false. Counting new items
	// during a refresh needs no more.
	HeadersOnly bool
	// DeferBodies leaves bodies unconverted (BodyLoaded false) and keeps
	// their HTML, so that a source converts only the articles opened:
	// conversion costs far more than parsing.
	DeferBodies bool
}

// Parser turns feed documents into articles. It is safe for concurrent
// use; build one and share it.
type Parser struct {
	conv    *articles.HTMLConverter
	workers int
	// wholeOnly turns off the fast RSS path, so that tests can compare
	// it with gofeed's reading of the whole document.
	wholeOnly bool
}

// NewParser returns a parser that converts item bodies with conv, on as
// many goroutines as there are CPUs.
func NewParser(conv *articles.HTMLConverter) *Parser {
	return &Parser{conv: conv, workers: runtime.GOMAXPROCS(0)}
}

// Parse reads a feed document with a fresh converter. Callers parsing many
// feeds should build one Parser and use its Parse method.
func Parse(data []byte, feedURL string) (*Feed, error) {
	return NewParser(articles.NewHTMLConverter()).Parse(data, ParseOptions{URL: feedURL})
}

// ParseWithContentType is Parse for a document served with an HTTP
// Content-Type, whose charset applies when the document declares none.
func ParseWithContentType(data []byte, feedURL, contentType string) (*Feed, error) {
	return NewParser(articles.NewHTMLConverter()).Parse(data, ParseOptions{URL: feedURL, ContentType: contentType})
}

// Parse reads one feed document (RSS, Atom, JSON Feed or RSS-in-JSON, in
// any encoding the document or opts.ContentType declares) into a Feed.
// HTML pages and OPML lists are refused with ErrNotFeed; unreadable
// documents with ErrMalformed or ErrEncoding.
func (p *Parser) Parse(data []byte, opts ParseOptions) (*Feed, error) {
	kind := Detect(data)
	gf, err := p.parseKind(kind, data, opts.ContentType)
	if err != nil {
		return nil, err
	}
	f := &Feed{
		Title: plainText(gf.Title),
		Link:  resolveURL(opts.URL, gf.Link),
		URL:   opts.URL,
		Kind:  kind,
	}
	if kind == KindAtom03 {
		for _, it := range gf.Items {
			it.Title, it.Content, it.Description = maybeBase64(it.Title), maybeBase64(it.Content), maybeBase64(it.Description)
		}
	}
	items := newItemContext(f, gf, opts)
	f.Articles, f.deferred = p.articlesOf(items, gf.Items, opts)
	return f, nil
}

// parseKind runs the gofeed parser for kind, turning its panics (it
// parses untrusted input) into errors.
func (p *Parser) parseKind(kind Kind, data []byte, contentType string) (gf *gofeed.Feed, err error) {
	defer func() {
		if r := recover(); r != nil {
			gf, err = nil, fmt.Errorf("%w: parser panic: %v", ErrMalformed, r)
		}
	}()
	switch kind {
	case KindHTML:
		return nil, fmt.Errorf("%w: an HTML page was served", ErrNotFeed)
	case KindOPML:
		return nil, fmt.Errorf("%w: an OPML subscription list", ErrNotFeed)
	case KindUnknown:
		return nil, fmt.Errorf("%w: unrecognised content", ErrNotFeed)
	case KindJSONFeed:
		jf, err := (&gojson.Parser{}).Parse(bytes.NewReader(data))
		if err != nil {
			return nil, fmt.Errorf("%w: %w", ErrMalformed, err)
		}
		return (&gofeed.DefaultJSONTranslator{}).Translate(jf)
	case KindRSSJSON:
		return parseRSSJSON(data)
	}
	text, err := toUTF8(data, contentType)
	if err != nil {
		return nil, err
	}
	if kind == KindAtom03 || kind == KindAtom10 {
		af, err := (&atom.Parser{}).Parse(bytes.NewReader(text))
		if err != nil {
			return nil, fmt.Errorf("%w: %w", ErrMalformed, err)
		}
		return (&gofeed.DefaultAtomTranslator{}).Translate(af)
	}
	if (kind == KindRSS20 || kind == KindRSS09) && !p.wholeOnly {
		if gf, ok := fastrss.Parse(text, p.workers); ok {
			return gf, nil
		}
	}
	rf, err := (&rss.Parser{}).Parse(bytes.NewReader(text))
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrMalformed, err)
	}
	// Item images are never shown; finding them parses every body as HTML.
	return (&gofeed.DefaultRSSTranslator{DisableContentImageScan: true}).Translate(rf)
}

// articlesOf converts items in feed order, dropping repeated IDs (the
// first wins) once items that only share a link have IDs of their own. Bodies are converted on a pool of workers: HTML to markdown
// is by far the most expensive step. With DeferBodies they are kept for
// later instead.
func (p *Parser) articlesOf(ic *itemContext, items []*gofeed.Item, opts ParseOptions) ([]articles.Article, map[string]deferredBody) {
	out := make([]articles.Article, len(items))
	for i, it := range items {
		out[i] = ic.header(it)
	}
	separateSharedLinks(items, out)
	var deferred map[string]deferredBody
	switch {
	case opts.HeadersOnly:
	case opts.DeferBodies:
		deferred = make(map[string]deferredBody, len(items))
		for i, it := range items {
			if _, dup := deferred[out[i].ID]; !dup {
				deferred[out[i].ID] = ic.deferred(it, out[i])
			}
		}
	default:
		p.convertBodies(ic, items, out)
	}
	seen := make(map[string]struct{}, len(out))
	kept := out[:0]
	for _, a := range out {
		if _, dup := seen[a.ID]; dup {
			continue
		}
		seen[a.ID] = struct{}{}
		kept = append(kept, a)
	}
	return kept, deferred
}

func (p *Parser) convertBodies(ic *itemContext, items []*gofeed.Item, out []articles.Article) {
	workers := min(p.workers, len(items)/8+1)
	if workers <= 1 {
		for i, it := range items {
			ic.body(p.conv, it, &out[i])
		}
		return
	}
	next := make(chan int)
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for i := range next {
				ic.body(p.conv, items[i], &out[i])
			}
		})
	}
	for i := range items {
		next <- i
	}
	close(next)
	wg.Wait()
}

// convert turns a deferred body into the article's markdown body.
func (p *Parser) convert(a articles.Article, d deferredBody) articles.Article {
	a.Body = d.markdown(p.conv)
	a.BodyLoaded = true
	return a
}
