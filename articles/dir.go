package articles

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
)

// Dir is a source of the article files under a directory, searched
// recursively. Hidden files and folders are skipped. Symlinks are
// followed, each directory walked once (a loop ends), but a symlink to a
// directory outside the tree (resolved, it is not under the resolved
// root) is not followed and is reported as a Problem with ErrLinkLeaves:
// a link to "/" must not turn the scan into a walk of the whole disk.
// Symlinks to files outside the tree are read like any file. And a file's folder name is its source and its tag,
// the root's files included, as when the file is named alone (NewFile).
type Dir struct {
	root string
	name string
	cfg  config
}

// NewDir returns a source of the articles under root. Nothing is read
// until Load.
func NewDir(root string, opts ...Option) *Dir {
	return &Dir{root: root, name: CleanLine(folderName(root)), cfg: newConfig(opts)}
}

// Name is the directory's name.
func (d *Dir) Name() string { return d.name }

// Load scans the directory and streams header-only articles (no bodies)
// to send, in batches from the calling goroutine; the last batch has
// Done set. Files that cannot be used come as Problems. When ctx is
// cancelled Load returns promptly and sends nothing more.
func (d *Dir) Load(ctx context.Context, send func(Batch)) {
	scan(ctx, d.cfg, d.name, d.walk, send)
}

// Open returns a with its body, read again from a.Path. An article whose
// body is loaded already is returned as it is.
func (d *Dir) Open(ctx context.Context, a Article) (Article, error) {
	return openArticle(ctx, d.cfg, a)
}

// openArticle reads the whole of a.Path and keeps what the list knew of
// a: its ID, source and tags.
func openArticle(ctx context.Context, c config, a Article) (Article, error) {
	if a.BodyLoaded {
		return a, nil
	}
	if a.Path == "" {
		return a, errors.New("open article: no file to read")
	}
	if err := ctx.Err(); err != nil {
		return a, err
	}
	l := &loader{parser: c.parser, open: c.open}
	full, err := l.load(a.Path, false, titlesDirFor(filepath.Dir(a.Path)))
	if err != nil && full.ID == "" {
		return a, fmt.Errorf("open %s: %w", a.Path, err)
	}
	full.ID, full.Source = a.ID, a.Source
	for _, t := range a.Tags {
		full.Tags = appendTag(full.Tags, t)
	}
	return full, nil
}

// dirEntry is a directory waiting to be read, with the tag of its files
// and, when the scan has an index, its absolute path.
type dirEntry struct {
	path, tag, abs string
}

// walk finds the files under the root, depth first, sending a job per
// file as soon as it is met.
func (d *Dir) walk(ctx context.Context, jobs chan<- job) {
	emit := func(j job) bool {
		select {
		case jobs <- j:
			return true
		case <-ctx.Done():
			return false
		}
	}
	fi, err := os.Stat(d.root)
	if err != nil {
		emit(job{path: d.root, err: fmt.Errorf("scan: %w", unwrapPath(err))})
		return
	}
	wd := ""
	if d.cfg.index != nil {
		wd, _ = os.Getwd()
	}
	if !fi.IsDir() {
		j := job{path: d.root, tag: folderTag(filepath.Dir(d.root)), titles: titlesDirFor(filepath.Dir(d.root))}
		if abs := absolute(wd, d.root); abs != "" && d.cfg.index != nil {
			j.key, j.kept = loadKept(ctx, d.cfg.index, filepath.Dir(abs), 0).take(ctx, filepath.Dir(abs), filepath.Base(abs))
		}
		emit(j)
		return
	}
	w := &walker{dir: d, visited: map[fileID]bool{}, emit: emit}
	if id, ok := idOf(d.root, fi); ok {
		w.visited[id] = true
	}
	if w.root, err = filepath.EvalSymlinks(d.root); err != nil {
		w.root = d.root
	}
	w.root, _ = filepath.Abs(w.root)
	top := dirEntry{path: d.root, tag: folderTag(d.root)}
	if d.cfg.index != nil {
		if top.abs = absolute(wd, d.root); top.abs != "" {
			w.kept = loadKept(ctx, d.cfg.index, top.abs, d.cfg.coldStart)
		}
	}
	stack := []dirEntry{top}
	for len(stack) > 0 && ctx.Err() == nil {
		dir := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		subdirs, ok := w.readDir(ctx, dir)
		if !ok {
			return
		}
		// Reverse so that the first subdirectory is walked first.
		for i := len(subdirs) - 1; i >= 0; i-- {
			stack = append(stack, subdirs[i])
		}
	}
	w.forget(ctx)
}

// walker is the state of one directory walk.
type walker struct {
	dir     *Dir
	root    string // the root, absolute, symlinks resolved
	visited map[fileID]bool
	emit    func(job) bool
	// kept is what the index holds under the root; the walk takes out
	// the files it meets, so that what is left is gone from the tree.
	kept *keptFiles
}

// forget tells the index to drop the files that a complete walk did not
// meet.
func (w *walker) forget(ctx context.Context) {
	if w.kept == nil || ctx.Err() != nil {
		return
	}
	if gone, ok := w.kept.left(ctx); ok && len(gone) > 0 {
		w.dir.cfg.index.Forget(gone)
	}
}

// readDir sends a job per file of dir and returns its subdirectories; ok
// is false when the walk must stop.
func (w *walker) readDir(ctx context.Context, dir dirEntry) (subdirs []dirEntry, ok bool) {
	d, emit := w.dir, w.emit
	f, err := os.Open(dir.path)
	if err != nil {
		return nil, emit(job{path: dir.path, err: fmt.Errorf("read folder: %w", unwrapPath(err))})
	}
	defer f.Close()
	titles := titlesDirFor(dir.path)
	for ctx.Err() == nil {
		ents, err := f.ReadDir(256)
		for _, e := range ents {
			name := e.Name()
			if strings.HasPrefix(name, ".") {
				continue
			}
			path := filepath.Join(dir.path, name)
			mode := e.Type()
			if mode&os.ModeSymlink != 0 {
				fi, err := os.Stat(path)
				if err != nil {
					if IsArticleFile(name) && !emit(job{path: path, err: fmt.Errorf("broken link: %w", unwrapPath(err))}) {
						return nil, false
					}
					continue
				}
				mode = fi.Mode().Type()
			}
			if mode.IsDir() {
				if e.Type()&os.ModeSymlink != 0 {
					if err := w.inside(path); err != nil {
						if !emit(job{path: path, err: err}) {
							return nil, false
						}
						continue
					}
				}
				if sub, ok := d.subdir(path, dir.abs, name, w.visited); ok {
					subdirs = append(subdirs, sub)
				}
				continue
			}
			j := job{path: path, tag: dir.tag, titles: titles}
			if dir.abs != "" && IsArticleFile(name) {
				j.key, j.kept = w.kept.take(ctx, dir.abs, name)
			}
			if !IsArticleFile(name) {
				if d.cfg.other == nil || mode&(os.ModeNamedPipe|os.ModeSocket|os.ModeDevice) != 0 {
					continue
				}
				j.other = true
			}
			if !emit(j) {
				return nil, false
			}
		}
		if errors.Is(err, io.EOF) || err == nil && len(ents) == 0 {
			break
		}
		if err != nil {
			return subdirs, emit(job{path: dir.path, err: fmt.Errorf("read folder: %w", unwrapPath(err))})
		}
	}
	return subdirs, ctx.Err() == nil
}

// inside returns nil when the symlink at path resolves to a place under
// the root of the walk, and ErrLinkLeaves when it does not.
func (w *walker) inside(path string) error {
	real, err := filepath.EvalSymlinks(path)
	if err != nil {
		return fmt.Errorf("resolve link: %w", unwrapPath(err))
	}
	rel, err := filepath.Rel(w.root, real)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) || filepath.IsAbs(rel) {
		return ErrLinkLeaves
	}
	return nil
}

// subdir decides whether to walk into path, a folder named name in the
// folder whose absolute path is parent (empty without an index): not when it was walked
// already (a symlink loop) nor when it holds the companion titles of a
// sibling folder ("Real_titles" beside "Real").
func (d *Dir) subdir(path, parent, name string, visited map[fileID]bool) (dirEntry, bool) {
	if base, ok := strings.CutSuffix(name, "_titles"); ok && base != "" {
		if fi, err := os.Stat(filepath.Join(filepath.Dir(path), base)); err == nil && fi.IsDir() {
			return dirEntry{}, false
		}
	}
	fi, err := os.Stat(path)
	if err != nil {
		return dirEntry{}, false
	}
	if id, ok := idOf(path, fi); ok {
		if visited[id] {
			return dirEntry{}, false
		}
		visited[id] = true
	}
	sub := dirEntry{path: path, tag: name}
	if parent != "" {
		sub.abs = filepath.Join(parent, name)
	}
	return sub, true
}

// folderTag is the tag that the folder dir gives its files: its name,
// or nothing for the filesystem root.
func folderTag(dir string) string {
	if name := folderName(dir); name != string(filepath.Separator) {
		return name
	}
	return ""
}

// folderName is the name of a directory as a source name.
func folderName(path string) string {
	if abs, err := filepath.Abs(path); err == nil {
		path = abs
	}
	name := filepath.Base(path)
	if name == string(filepath.Separator) || name == "." {
		return path
	}
	return name
}
