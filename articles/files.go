package articles

import (
	"context"
	"os"
	"path/filepath"
)

// Files is a source of an explicit list of article files, as
// `find . -name '*.md' | newsread` gives. Each file's format comes from
// its extension, or from its content when the extension says nothing.
type Files struct {
	name  string
	paths []string
	cfg   config
	full  bool
}

// NewFiles returns a source named name of the files at paths. Load
// streams header-only articles, like a Dir.
func NewFiles(name string, paths []string, opts ...Option) *Files {
	return &Files{name: CleanLine(name), paths: paths, cfg: newConfig(opts)}
}

// NewFile returns a source of the one file at path, named after its
// folder. Its Load reads the whole article, body included, so that it
// can be printed at once.
func NewFile(path string, opts ...Option) *Files {
	return &Files{name: CleanLine(folderName(filepath.Dir(path))), paths: []string{path}, cfg: newConfig(opts), full: true}
}

// Name is the name given to the source.
func (f *Files) Name() string { return f.name }

// Load reads the files and streams the articles to send in batches from
// the calling goroutine; the last has Done set. A file's folder name is
// its source and its tag, as in a Dir; a missing or unreadable file is a
// Problem for that file alone. A directory whose files the list names
// too (`find` lists both) is skipped; any other directory is a Problem.
func (f *Files) Load(ctx context.Context, send func(Batch)) {
	scan(ctx, f.cfg, f.name, func(ctx context.Context, jobs chan<- job) {
		type folder struct{ tag, titles string }
		folders := map[string]folder{}
		for _, p := range f.paths {
			dir := filepath.Dir(p)
			if _, ok := folders[dir]; !ok {
				folders[dir] = folder{tag: folderTag(dir), titles: titlesDirFor(dir)}
			}
		}
		keys, kept := f.indexed(ctx)
		for i, p := range f.paths {
			if _, listed := folders[filepath.Clean(p)]; listed && isDir(p) {
				continue
			}
			dir := folders[filepath.Dir(p)]
			j := job{path: p, tag: dir.tag, titles: dir.titles, full: f.full}
			if keys != nil {
				j.key, j.kept = kept.take(ctx, filepath.Dir(keys[i]), filepath.Base(keys[i]))
			}
			select {
			case jobs <- j:
			case <-ctx.Done():
				return
			}
		}
	}, send)
}

// indexed returns the absolute path of each file and what the index
// keeps for them, or nothing when the files are read whole or there is
// no index. Nothing is forgotten: the index holds other files too.
func (f *Files) indexed(ctx context.Context) ([]string, *keptFiles) {
	if f.cfg.index == nil || f.full || len(f.paths) == 0 {
		return nil, nil
	}
	wd, _ := os.Getwd()
	keys := make([]string, len(f.paths))
	for i, p := range f.paths {
		if keys[i] = absolute(wd, p); keys[i] == "" {
			return nil, nil
		}
	}
	return keys, loadKept(ctx, f.cfg.index, commonDir(keys), f.cfg.coldStart)
}

func isDir(path string) bool {
	fi, err := os.Stat(path)
	return err == nil && fi.IsDir()
}

// Open returns a with its body, read again from a.Path.
func (f *Files) Open(ctx context.Context, a Article) (Article, error) {
	return openArticle(ctx, f.cfg, a)
}

// List is an in-memory source, such as the articles read from standard
// input.
type List struct {
	name  string
	items []Article
}

// NewList returns a source of items under name.
func NewList(name string, items []Article) *List {
	return &List{name: name, items: items}
}

// Name is the name given to the source.
func (l *List) Name() string { return l.name }

// Load sends all items in one batch with Done set.
func (l *List) Load(ctx context.Context, send func(Batch)) {
	if ctx.Err() != nil {
		return
	}
	send(Batch{Articles: append([]Article(nil), l.items...), Seen: len(l.items), Done: true})
}

// Open returns the listed article with a's ID, or a itself.
func (l *List) Open(_ context.Context, a Article) (Article, error) {
	for _, it := range l.items {
		if it.ID == a.ID {
			it.BodyLoaded = true
			return it, nil
		}
	}
	a.BodyLoaded = true
	return a, nil
}
