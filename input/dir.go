package input

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"newsread/articles"
	"newsread/feed"
)

// dirSource is a directory whose feed files load as feeds: their items
// come without bodies, converted when opened, like any feed's.
type dirSource struct {
	*articles.Dir
	parser *feed.Parser
	files  sync.Map // feed file path → *feed.DataSource
}

// Dir returns the source of the directory root, read recursively.
func (e *Env) Dir(root string) Source {
	d := &dirSource{parser: e.Parser}
	opts := []articles.Option{articles.WithOther(d.feedFile)}
	if e.Index != nil {
		opts = append(opts, articles.WithIndex(e.Index))
	}
	d.Dir = articles.NewDir(root, opts...)
	return d
}

// mayBeFeed reports whether a file in a directory may be a feed by its
// name; its content decides.
func mayBeFeed(path string) bool {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".xml", ".rss", ".atom", ".rdf", ".json", ".feed":
		return true
	}
	return false
}

// feedFile reads a file met in the scan that may be a feed. Files that
// are not feeds are none of its business.
func (d *dirSource) feedFile(ctx context.Context, path string) ([]articles.Article, []articles.Problem, bool) {
	if !mayBeFeed(path) {
		return nil, nil, false
	}
	info, err := os.Stat(path)
	if err != nil || !info.Mode().IsRegular() || info.Size() > articles.MaxFileSize {
		return nil, nil, false
	}
	head, err := readHead(path)
	if err != nil {
		return nil, []articles.Problem{{Where: path, Err: err}}, true
	}
	if What(head) != KindFeed {
		return nil, nil, false
	}
	src := feed.NewFileSource(path, d.parser)
	var arts []articles.Article
	var probs []articles.Problem
	src.Load(ctx, func(b articles.Batch) {
		arts = append(arts, b.Articles...)
		probs = append(probs, b.Problems...)
	})
	d.files.Store(path, src)
	return arts, probs, true
}

// Open converts a feed item's body through its feed file's source, and
// reads any other article as the directory does.
func (d *dirSource) Open(ctx context.Context, a articles.Article) (articles.Article, error) {
	if src, ok := d.files.Load(a.Feed); ok && a.Feed != "" {
		return src.(*feed.DataSource).Open(ctx, a)
	}
	return d.Dir.Open(ctx, a)
}

// readHead reads the start of a file, enough to tell what it is.
func readHead(path string) ([]byte, error) {
	file, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer file.Close()
	return io.ReadAll(io.LimitReader(file, headSize))
}
