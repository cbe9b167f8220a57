package feed

import (
	"context"
	"crypto/sha256"
	"fmt"
	"os"
	"sync"

	"newsread/articles"
)

// DataSource shows the articles of one feed document: a file on disk or
// bytes read from standard input. An OPML list is not a feed: main turns
// it into subscriptions with ReadSubscriptions and builds a Source.
type DataSource struct {
	name   string
	path   string
	data   []byte
	parser *Parser
	bodies *bodyStore

	mu   sync.Mutex
	sent [sha256.Size]byte // the hash of the document last sent
}

// NewFileSource returns a source for the feed file at path, read when
// loaded. p converts bodies; nil means a fresh converter.
func NewFileSource(path string, p *Parser) *DataSource {
	p = orNewParser(p)
	return &DataSource{name: path, path: path, parser: p, bodies: newBodyStore(p)}
}

// NewDataSource returns a source for feed bytes already read, such as
// standard input; name is what Name reports and the articles' ID prefix.
func NewDataSource(name string, data []byte, p *Parser) *DataSource {
	p = orNewParser(p)
	return &DataSource{name: name, data: data, parser: p, bodies: newBodyStore(p)}
}

func orNewParser(p *Parser) *Parser {
	if p == nil {
		return NewParser(articles.NewHTMLConverter())
	}
	return p
}

// Name is the file path or the name given.
func (s *DataSource) Name() string { return s.name }

// Load parses the document and sends its articles, without bodies, in one
// batch, or one Problem. The articles' Feed is the file's path or the name
// given; the batch counts one input (Seen and Total 1).
func (s *DataSource) Load(ctx context.Context, send func(articles.Batch)) {
	send(s.read(false))
}

// Refresh reads a feed file again and sends its articles when it has
// changed since it was last sent; data from standard input cannot change
// and sends nothing. feedURL is "" or the source's name; any other sends
// one Problem wrapping ErrUnknownFeed. The one batch has Done set.
func (s *DataSource) Refresh(ctx context.Context, feedURL string, send func(articles.Batch)) {
	switch {
	case feedURL != "" && feedURL != s.name:
		send(articles.Batch{Problems: []articles.Problem{{Where: feedURL, Err: ErrUnknownFeed}}, Done: true})
	case s.path == "":
		send(articles.Batch{Seen: 1, Total: 1, Done: true})
	default:
		send(s.read(true))
	}
}

// read parses the document into a Done batch; skipUnchanged leaves out the
// articles when the document is the one last sent.
func (s *DataSource) read(skipUnchanged bool) articles.Batch {
	b := articles.Batch{Seen: 1, Total: 1, Done: true}
	data := s.data
	if s.path != "" {
		var err error
		data, err = os.ReadFile(s.path)
		if err != nil {
			b.Problems = []articles.Problem{{Where: s.name, Err: fmt.Errorf("read feed: %w", err)}}
			return b
		}
	}
	sum := sha256.Sum256(data)
	s.mu.Lock()
	defer s.mu.Unlock()
	if skipUnchanged && sum == s.sent {
		return b
	}
	f, err := s.parser.Parse(data, ParseOptions{URL: s.name, HeadersOnly: true})
	if err != nil {
		b.Problems = []articles.Problem{{Where: s.name, Err: err}}
		return b
	}
	s.bodies.add(s.name, f, s.document(sum))
	if s.path != "" {
		for i := range f.Articles {
			f.Articles[i].Path = s.path
		}
	}
	s.sent = sum
	b.Articles = f.Articles
	return b
}

// document is the source's document whose SHA-256 is sum, as the body
// store reads it again: the bytes given, or the file read anew.
func (s *DataSource) document(sum [sha256.Size]byte) *document {
	opts := ParseOptions{URL: s.name}
	if s.path == "" {
		return &document{read: func() ([]byte, ParseOptions, bool, error) { return s.data, opts, true, nil }}
	}
	return &document{read: func() ([]byte, ParseOptions, bool, error) {
		data, err := os.ReadFile(s.path)
		if err != nil {
			return nil, opts, false, fmt.Errorf("read feed: %w", err)
		}
		return data, opts, sha256.Sum256(data) == sum, nil
	}}
}

// Open converts the body of an article this source sent, reading the
// document again (a file as it is now, or the bytes given).
func (s *DataSource) Open(ctx context.Context, a articles.Article) (articles.Article, error) {
	return s.bodies.open(a)
}
