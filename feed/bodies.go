package feed

import (
	"sync"

	"newsread/articles"
)

// bodyStore keeps the unconverted bodies of a source's articles until they
// are opened: a list of thousands of items then costs only a parse, and
// each body is converted once, when it is read.
type bodyStore struct {
	parser *Parser
	mu     sync.Mutex
	m      map[string]deferredBody
}

func newBodyStore(p *Parser) *bodyStore {
	return &bodyStore{parser: p, m: map[string]deferredBody{}}
}

// add records a parsed feed's bodies; newer ones replace older ones.
func (s *bodyStore) add(f *Feed) {
	if f == nil || len(f.deferred) == 0 {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	for id, d := range f.deferred {
		s.m[id] = d
	}
	f.deferred = nil
}

// open returns a with its body converted. An article the store does not
// know (from another source, or already opened) comes back as it is,
// marked loaded.
func (s *bodyStore) open(a articles.Article) articles.Article {
	if a.BodyLoaded {
		return a
	}
	s.mu.Lock()
	d, ok := s.m[a.ID]
	s.mu.Unlock()
	if !ok {
		a.BodyLoaded = true
		return a
	}
	return s.parser.convert(a, d)
}
