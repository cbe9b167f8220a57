package feed

import (
	"errors"
	"fmt"
	"sync"

	"newsread/articles"
)

// ErrBodyGone is an article opened after its document changed and no
// longer lists it, so its body cannot be read.
var ErrBodyGone = errors.New("no longer in its feed")

// bodyStore knows where the unconverted body of each of a source's
// articles is, until it is opened: a list of thousands of items then costs
// only a parse, and each body is converted once, when it is read. Bodies
// are not kept in memory but read again from the document they came
// from (a cache file, a feed file, standard input's bytes): for 20,000
// items their HTML would be most of the program's memory.
type bodyStore struct {
	parser *Parser

	mu sync.Mutex
	m  map[string]bodyRef   // by article ID
	by map[string]*document // by feed: the document its articles came from last

	// reading serialises the parses of documents for Open and guards
	// last, the bodies of the document read last: opening one article
	// after another of the same feed parses it once.
	reading sync.Mutex
	last    struct {
		doc    *document
		bodies map[string]deferredBody
	}
}

// bodyRef is where one article's body is: in a document, or held in
// memory when no document can give it again.
type bodyRef struct {
	doc  *document
	held *deferredBody
}

// document is a parsed feed document that can be read again.
type document struct {
	// read returns the document's bytes and how to parse them; same is
	// false when they are no longer the bytes first parsed (a newer copy
	// has replaced them), whose articles are then found by ID.
	read func() (data []byte, opts ParseOptions, same bool, err error)
	// ids are the articles read from it.
	ids []string
}

func newBodyStore(p *Parser) *bodyStore {
	return &bodyStore{parser: p, m: map[string]bodyRef{}, by: map[string]*document{}}
}

// add records that the bodies of f's articles are in doc, the document
// of the feed named key; newer records replace older ones.
func (s *bodyStore) add(key string, f *Feed, doc *document) {
	if f == nil {
		return
	}
	doc.ids = make([]string, len(f.Articles))
	for i, a := range f.Articles {
		doc.ids[i] = a.ID
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, id := range doc.ids {
		s.m[id] = bodyRef{doc: doc}
	}
	s.by[key] = doc
	f.deferred = nil
}

// hold keeps the bodies f's parse deferred in memory, for a feed whose
// document cannot be read again.
func (s *bodyStore) hold(f *Feed) {
	if f == nil || len(f.deferred) == 0 {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	for id, d := range f.deferred {
		s.m[id] = bodyRef{held: &d}
	}
	f.deferred = nil
}

// retire is called before fresh replaces the document of the feed named
// key: the articles of the old document that fresh no longer lists keep
// their bodies in memory, as nothing will be able to read them again.
func (s *bodyStore) retire(key string, fresh *Feed) {
	s.mu.Lock()
	old := s.by[key]
	var gone []string
	if old != nil {
		listed := make(map[string]bool, len(fresh.Articles))
		for _, a := range fresh.Articles {
			listed[a.ID] = true
		}
		for _, id := range old.ids {
			if !listed[id] && s.m[id].doc == old {
				gone = append(gone, id)
			}
		}
	}
	s.mu.Unlock()
	if len(gone) == 0 {
		return
	}
	bodies, err := s.bodiesOf(old)
	if err != nil {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, id := range gone {
		if d, ok := bodies[id]; ok && s.m[id].doc == old {
			s.m[id] = bodyRef{held: &d}
		}
	}
}

// open returns a with its body converted. An article the store does not
// know (from another source, or already opened) comes back as it is,
// marked loaded.
func (s *bodyStore) open(a articles.Article) (articles.Article, error) {
	if a.BodyLoaded {
		return a, nil
	}
	s.mu.Lock()
	ref, ok := s.m[a.ID]
	s.mu.Unlock()
	switch {
	case !ok:
		a.BodyLoaded = true
		return a, nil
	case ref.held != nil:
		return s.parser.convert(a, *ref.held), nil
	}
	// When the document has changed under the store (another process
	// refreshed the cache), its newer body of the same ID is the best
	// there is.
	bodies, err := s.bodiesOf(ref.doc)
	if err != nil {
		return a, err
	}
	d, ok := bodies[a.ID]
	if !ok {
		return a, ErrBodyGone
	}
	return s.parser.convert(a, d), nil
}

// bodiesOf parses doc again for its bodies, by article ID. Those of a
// document that has changed since it was first parsed are not kept for
// the next call: they are not doc's.
func (s *bodyStore) bodiesOf(doc *document) (map[string]deferredBody, error) {
	s.reading.Lock()
	defer s.reading.Unlock()
	if s.last.doc == doc {
		return s.last.bodies, nil
	}
	data, opts, same, err := doc.read()
	if err != nil {
		return nil, fmt.Errorf("read the article again: %w", err)
	}
	opts.HeadersOnly, opts.DeferBodies = false, true
	f, err := s.parser.Parse(data, opts)
	if err != nil {
		return nil, fmt.Errorf("read the article again: %w", err)
	}
	if same {
		s.last.doc, s.last.bodies = doc, f.deferred
	}
	return f.deferred, nil
}
