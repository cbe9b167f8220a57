package feed

import (
	"context"
	"fmt"
	"os"

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
	data := s.data
	if s.path != "" {
		var err error
		data, err = os.ReadFile(s.path)
		if err != nil {
			send(articles.Batch{Problems: []articles.Problem{{Where: s.name, Err: fmt.Errorf("read feed: %w", err)}}, Seen: 1, Total: 1, Done: true})
			return
		}
	}
	f, err := s.parser.Parse(data, ParseOptions{URL: s.name, DeferBodies: true})
	if err != nil {
		send(articles.Batch{Problems: []articles.Problem{{Where: s.name, Err: err}}, Seen: 1, Total: 1, Done: true})
		return
	}
	s.bodies.add(f)
	if s.path != "" {
		for i := range f.Articles {
			f.Articles[i].Path = s.path
		}
	}
	send(articles.Batch{Articles: f.Articles, Seen: 1, Total: 1, Done: true})
}

// Open converts the body of an article this source sent.
func (s *DataSource) Open(ctx context.Context, a articles.Article) (articles.Article, error) {
	return s.bodies.open(a), nil
}
