package articles

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"time"
)

// A scan reads this much of the start of a file for its header, and this
// much of the end of a long plain-text file for its category.
const (
	headLen = 64 << 10
	tailLen = 4 << 10
)

// loader reads article files from disk for the sources.
type loader struct {
	parser *Parser
	// open opens a file for reading; tests replace it to fail on demand.
	open func(path string) (*os.File, error)
}

// openNonBlocking opens path so that a FIFO swapped in after the mode
// check cannot block the read.
func openNonBlocking(path string) (*os.File, error) {
	return os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
}

// load reads and parses the file at path. With header set it reads only
// what the list needs and returns no body. titles is a directory of
// companion title files ("Real_titles" beside "Real"), or empty.
func (l *loader) load(path string, header bool, titles string) (Article, error) {
	r, err := l.read(path, header, titles)
	return r.art, err
}

// loaded is a file read and parsed, with what its header depends on.
type loaded struct {
	art       Article
	size      int64     // the file's size when it was read
	modTime   time.Time // and its modification time
	companion string    // the companion title it was parsed with
}

// read is load, telling what the article was made from.
func (l *loader) read(path string, header bool, titles string) (loaded, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return loaded{}, fmt.Errorf("stat: %w", unwrapPath(err))
	}
	if err := checkRegular(fi); err != nil {
		return loaded{}, err
	}
	f, err := l.open(path)
	if err != nil {
		return loaded{}, fmt.Errorf("open: %w", unwrapPath(err))
	}
	defer f.Close()
	if fi, err = f.Stat(); err != nil {
		return loaded{}, fmt.Errorf("stat: %w", unwrapPath(err))
	}
	if err := checkRegular(fi); err != nil {
		return loaded{}, err
	}
	o := parseOpts{header: header}
	if titles != "" {
		o.title = companionTitle(filepath.Join(titles, filepath.Base(path)))
	}
	var data []byte
	if header && fi.Size() > headLen && FormatOf(path) != FormatHTML {
		data, o.tail, err = readEnds(f, fi.Size())
	} else {
		data, err = io.ReadAll(io.LimitReader(f, MaxFileSize+1))
	}
	if err != nil {
		return loaded{}, fmt.Errorf("read: %w", unwrapPath(err))
	}
	a, err := l.parser.parse(path, data, fi.ModTime(), o)
	return loaded{art: a, size: fi.Size(), modTime: fi.ModTime(), companion: o.title}, err
}

// checkRegular refuses what is not a regular file or is too large.
func checkRegular(fi os.FileInfo) error {
	if err := NotRegular(fi.Mode()); err != nil {
		return err
	}
	if fi.Size() > MaxFileSize {
		return fmt.Errorf("%d MiB, more than %d MiB: %w", fi.Size()>>20, MaxFileSize>>20, ErrTooLarge)
	}
	return nil
}

// NotRegular says what a file of mode m is when it is not a regular file
// ("named pipe: not a regular file"), wrapping ErrNotRegular; it is nil
// for a regular file. Reading a FIFO blocks and a device never ends.
func NotRegular(m os.FileMode) error {
	if m.IsRegular() {
		return nil
	}
	return fmt.Errorf("%s: %w", fileKind(m), ErrNotRegular)
}

func fileKind(m os.FileMode) string {
	switch {
	case m.IsDir():
		return "directory"
	case m&os.ModeNamedPipe != 0:
		return "named pipe"
	case m&os.ModeSocket != 0:
		return "socket"
	case m&os.ModeDevice != 0:
		return "device"
	}
	return "special file"
}

// readEnds reads the first headLen and the last tailLen bytes of a file.
func readEnds(f *os.File, size int64) ([]byte, []byte, error) {
	head := make([]byte, headLen)
	n, err := io.ReadFull(f, head)
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) {
		return nil, nil, err
	}
	head = head[:n]
	tail := make([]byte, min(tailLen, size-int64(n)))
	m, err := f.ReadAt(tail, size-int64(len(tail)))
	if err != nil && !errors.Is(err, io.EOF) {
		return nil, nil, err
	}
	return head, tail[:m], nil
}

// companionTitle reads the first line of a companion title file, or "".
func companionTitle(path string) string {
	fi, err := os.Stat(path)
	if err != nil || !fi.Mode().IsRegular() || fi.Size() > tailLen {
		return ""
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return ""
	}
	text, err := Decode(data)
	if err != nil {
		return ""
	}
	lines := strings.Split(text, "\n")
	if i := nextNonEmpty(lines, 0); i < len(lines) {
		return strings.Clone(oneLine(lines[i]))
	}
	return ""
}

// titlesDirFor is the companion title directory of the directory dir
// ("Real_titles" for "Real"), or "" when there is none.
func titlesDirFor(dir string) string {
	if dir == "" || dir == "." || dir == string(filepath.Separator) {
		return ""
	}
	t := filepath.Clean(dir) + "_titles"
	if fi, err := os.Stat(t); err == nil && fi.IsDir() {
		return t
	}
	return ""
}

// unwrapPath drops the *PathError wrapper: the path is already in the
// Problem that reports the error.
func unwrapPath(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
