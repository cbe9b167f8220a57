package articles

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"
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
	if err != nil {
		full.Notice = CleanLine(err.Error()) // read all the same
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
	w := &walker{dir: d, visited: map[fileID]bool{}, out: emit}
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
	if !w.release(ctx) {
		return
	}
	w.forget(ctx)
}

// walker is the state of one directory walk.
type walker struct {
	dir     *Dir
	root    string // the root, absolute, symlinks resolved
	visited map[fileID]bool
	out     func(job) bool
	// kept is what the index holds under the root; the walk takes out
	// the files it meets, so that what is left is gone from the tree.
	kept *keptFiles
	// held are the files met while the index loads, after the first
	// few read from disk: the walk goes on meanwhile, and finds each
	// file's size and time, rather than waiting with the CPU idle. They
	// go to the workers, in order, once the index is there.
	held     []heldFile
	heldDirs []heldDir
}

// heldFile is a file held while the index loads: an article file of
// heldDirs[dir] with its size and time (sec, nsec; set when statted), or
// any other job. It is kept small: tens of thousands may wait.
type heldFile struct {
	path      string
	other     *job
	size, sec int64
	nsec, dir int32
	statted   bool
	regular   bool
}

// hold returns the heldFile of the file at path in heldDirs[dir], with
// its size and time.
func hold(path string, dir int) heldFile {
	h := heldFile{path: path, dir: int32(dir)}
	if st := statFile(path); st.ok {
		h.size, h.sec, h.nsec = st.size, st.modTime.Unix(), int32(st.modTime.Nanosecond())
		h.statted, h.regular = true, st.regular
	}
	return h
}

// stat is what was found of the file's size and time.
func (h *heldFile) stat() fileStat {
	if !h.statted {
		return fileStat{}
	}
	return fileStat{size: h.size, modTime: time.Unix(h.sec, int64(h.nsec)), regular: h.regular, ok: true}
}

// heldDir is a folder of held files.
type heldDir struct {
	dirEntry
	titles string
}

// maxHeld bounds the files held while the index loads (48 bytes each
// and the path); the walk waits for the index beyond it.
const maxHeld = 1 << 16

// fileStat is what the index checks of a file: its size and time, taken
// when ok is set.
type fileStat struct {
	size    int64
	modTime time.Time
	regular bool
	ok      bool
}

// emit sends j, or holds it behind the files held.
func (w *walker) emit(j job) bool {
	if len(w.held) > 0 {
		w.held = append(w.held, heldFile{other: &j})
		return true
	}
	return w.out(j)
}

// emitFile sends the job of the article file name of dir, with what
// the index keeps for it; while the index loads, after the first files
// (read from disk), the file is held with its size and time instead.
func (w *walker) emitFile(ctx context.Context, dir dirEntry, titles, name, path string) bool {
	if len(w.held) > 0 || w.kept.wouldWait() {
		if len(w.held) < maxHeld && !w.kept.isReady() {
			if n := len(w.heldDirs); n == 0 || w.heldDirs[n-1].dirEntry != dir {
				w.heldDirs = append(w.heldDirs, heldDir{dirEntry: dir, titles: titles})
			}
			w.held = append(w.held, hold(path, len(w.heldDirs)-1))
			return true
		}
		if !w.release(ctx) {
			return false
		}
	}
	j := job{path: path, tag: dir.tag, titles: titles}
	j.key, j.kept = w.kept.take(ctx, dir.abs, name)
	return w.out(j)
}

// release sends the files held, waiting for the index if need be.
func (w *walker) release(ctx context.Context) bool {
	held, dirs := w.held, w.heldDirs
	w.held, w.heldDirs = nil, nil
	for i := range held {
		h := &held[i]
		if h.other != nil {
			if !w.out(*h.other) {
				return false
			}
			continue
		}
		dir := &dirs[h.dir]
		j := job{path: h.path, tag: dir.tag, titles: dir.titles, stat: h.stat()}
		j.key, j.kept = w.kept.take(ctx, dir.abs, filepath.Base(h.path))
		*h = heldFile{} // let the path go with the job
		if !w.out(j) {
			return false
		}
	}
	return true
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
			if dir.abs != "" && IsArticleFile(name) {
				if !w.emitFile(ctx, dir, titles, name, path) {
					return nil, false
				}
				continue
			}
			j := job{path: path, tag: dir.tag, titles: titles}
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
