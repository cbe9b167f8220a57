package articles

import (
	"context"
	"path/filepath"
	"strings"
	"sync"
	"time"
)

// Index keeps the headers of the article files a scan has read, by
// file, so that the next scan reads again only the files that changed.
// The scan decides what a header is and when it is still good; an Index
// only keeps entries. Its methods may be called from several goroutines.
type Index interface {
	// Load returns the entries kept for the files under dir (an absolute,
	// clean path), by Path. It is called once when a scan starts, and the
	// scan owns the map. An error is taken as an empty index. The scan
	// reads its first files meanwhile and waits for the rest; Load
	// should return soon after ctx is cancelled.
	Load(ctx context.Context, dir string) (map[string]IndexEntry, error)
	// Keep remembers entries, replacing what was kept for their paths.
	// The scan calls it with a batch at a time, off the path of the list:
	// a store may write them in a transaction before it returns.
	Keep(entries []IndexEntry)
	// Forget drops the entries of paths: files that a complete scan of
	// their directory found no more.
	Forget(paths []string)
}

// IndexEntry is what an Index keeps of one file.
type IndexEntry struct {
	// Path is the file's absolute path.
	Path string
	// Size and ModTime are the file's when its header was read: the
	// header is good while they stay the same. Keep ModTime to the
	// nanosecond (the files table holds Unix nanoseconds).
	Size    int64
	ModTime time.Time
	// Header is the article's header, encoded by the scan; keep it as it
	// is given. It starts with a version byte (see EncodeHeader).
	Header []byte
}

// WithIndex makes directory and file-list scans use idx: a file whose
// size and modification time are those kept is listed from its kept
// header without being opened, and the headers of the files read are
// handed to idx to keep. Bodies are never kept: Open reads the file.
func WithIndex(idx Index) Option { return func(c *config) { c.index = idx } }

// racyWindow is how recent a file's modification time may be for its
// header to be kept: a file written again within the same clock tick,
// with the same size, would otherwise keep a stale header for good.
const racyWindow = 2 * time.Second

// fromIndex returns the kept header of j's file when the file still has
// the size and modification time it had when the header was read, and
// the same companion title; ok is false when the file must be read.
func fromIndex(j job) (a Article, ok bool) {
	if j.kept.Header == nil {
		return Article{}, false
	}
	st := j.stat
	if !st.ok {
		st = statFile(j.path)
	}
	if !st.ok || !st.regular || st.size != j.kept.Size || !st.modTime.Equal(j.kept.ModTime) {
		return Article{}, false
	}
	a, companion, err := decodeRecord(j.kept.Header)
	if err != nil {
		return Article{}, false
	}
	if j.titles != "" || companion != "" {
		if j.titles == "" || companionTitle(filepath.Join(j.titles, filepath.Base(j.path))) != companion {
			return Article{}, false
		}
	}
	// The same file may be named differently from another directory;
	// work makes its ID absolute.
	if a.ID == a.Path {
		a.ID = j.path
	}
	a.Path = j.path
	return a, true
}

// keepable returns the index entry of a header just read, or false when
// it must not be kept: its file is too fresh to be trusted (racyWindow)
// or the scan has no index.
func keepable(c config, start time.Time, j job, r loaded) (IndexEntry, bool) {
	if c.index == nil || j.key == "" || j.full || r.modTime.After(start.Add(-racyWindow)) {
		return IndexEntry{}, false
	}
	return IndexEntry{Path: j.key, Size: r.size, ModTime: r.modTime, Header: encodeRecord(make([]byte, 0, recordSize(r.companion, r.art)), r.companion, r.art)}, true
}

// keeper hands the entries of a scan to its index from a goroutine of
// its own, so that a slow write never holds up a batch: what the index
// has not taken yet waits in a queue of any length (a folder's first
// scan reads faster than a store writes: a bounded queue held the scan
// back to the pace of the writes).
type keeper struct {
	idx    Index
	mu     sync.Mutex
	queue  [][]IndexEntry
	closed bool
	wake   chan struct{}
	done   sync.WaitGroup
}

func newKeeper(idx Index) *keeper {
	k := &keeper{idx: idx, wake: make(chan struct{}, 1)}
	k.done.Go(func() {
		for {
			k.mu.Lock()
			queue, closed := k.queue, k.closed
			k.queue = nil
			k.mu.Unlock()
			for _, es := range queue {
				idx.Keep(es)
			}
			if closed && len(queue) == 0 {
				return
			}
			if len(queue) == 0 {
				<-k.wake
			}
		}
	})
	return k
}

// keep queues entries without waiting.
func (k *keeper) keep(es []IndexEntry) {
	if len(es) == 0 {
		return
	}
	k.mu.Lock()
	k.queue = append(k.queue, es)
	k.mu.Unlock()
	select {
	case k.wake <- struct{}{}:
	default:
	}
}

// close waits until everything queued is kept.
func (k *keeper) close() {
	k.mu.Lock()
	k.closed = true
	k.mu.Unlock()
	select {
	case k.wake <- struct{}{}:
	default:
	}
	k.done.Wait()
}

// keptFiles is what an index keeps under a folder, loaded while a scan
// starts. The first files a scan meets before it has arrived (at most
// coldStart of them) are read from disk, so that the first screen never
// waits for the index; after them the scan waits.
type keptFiles struct {
	ready   chan struct{}
	entries map[string]IndexEntry // once ready: taken out as files are met
	cold    []string              // files read before the index was ready
	limit   int
	buf     []byte
}

// loadKept starts loading what idx keeps under dir.
func loadKept(ctx context.Context, idx Index, dir string, coldStart int) *keptFiles {
	k := &keptFiles{ready: make(chan struct{}), limit: coldStart}
	go func() {
		defer close(k.ready)
		if m, err := idx.Load(ctx, dir); err == nil {
			k.entries = m
		}
	}()
	return k
}

// isReady reports whether the index has come.
func (k *keptFiles) isReady() bool {
	select {
	case <-k.ready:
		return true
	default:
		return false
	}
}

// wouldWait reports whether take would wait for the index: it has not
// come, and the files to read before it are read.
func (k *keptFiles) wouldWait() bool {
	return len(k.cold) >= k.limit && !k.isReady()
}

// take returns the key (absolute path) of the file name in the folder
// dir, an absolute path, and what is kept for it; the entry has no
// Header when nothing is, or when the file is to be read before the
// index is ready. It is called from one goroutine.
func (k *keptFiles) take(ctx context.Context, dir, name string) (string, IndexEntry) {
	k.buf = append(k.buf[:0], dir...)
	if !strings.HasSuffix(dir, string(filepath.Separator)) {
		k.buf = append(k.buf, filepath.Separator)
	}
	k.buf = append(k.buf, name...)
	select {
	case <-k.ready:
	default:
		if len(k.cold) < k.limit {
			key := string(k.buf)
			k.cold = append(k.cold, key)
			return key, IndexEntry{}
		}
		select {
		case <-k.ready:
		case <-ctx.Done():
			return "", IndexEntry{}
		}
	}
	// The lookup with string(k.buf) does not allocate; only a file that
	// is not kept needs its key made.
	if e, ok := k.entries[string(k.buf)]; ok && e.Path == string(k.buf) {
		delete(k.entries, e.Path)
		return e.Path, e
	}
	return string(k.buf), IndexEntry{}
}

// left returns the files kept that were not taken: after a complete
// walk, the files gone from the tree. ok is false when the index never
// came.
func (k *keptFiles) left(ctx context.Context) (paths []string, ok bool) {
	select {
	case <-k.ready:
	case <-ctx.Done():
		return nil, false
	}
	for _, p := range k.cold {
		delete(k.entries, p)
	}
	for p := range k.entries {
		paths = append(paths, p)
	}
	return paths, true
}

// absolute makes path absolute against the working directory wd and
// cleans it; it is empty when path is relative and wd unknown.
func absolute(wd, path string) string {
	if filepath.IsAbs(path) {
		return filepath.Clean(path)
	}
	if wd == "" {
		return ""
	}
	return filepath.Join(wd, path)
}

// commonDir is the deepest directory that holds every path of paths,
// which are absolute and clean.
func commonDir(paths []string) string {
	if len(paths) == 0 {
		return ""
	}
	dir := filepath.Dir(paths[0])
	for _, p := range paths[1:] {
		for dir != filepath.Dir(dir) && !strings.HasPrefix(p, dir+string(filepath.Separator)) {
			dir = filepath.Dir(dir)
		}
	}
	return dir
}
