package input

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"regexp"
	"strings"

	"newsread/articles"
)

// Errors of command-line sources, for callers that branch on them.
var (
	ErrNotExist          = errors.New("no such file or directory")
	ErrUnsupportedScheme = errors.New("unsupported scheme: only http and https feeds can be fetched")
)

// scheme matches the start of an address with a scheme ("ftp://").
var scheme = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9+.-]*://`)

// Arg returns the source a SOURCE argument names: a feed address, a
// directory, or a file told by its content. A file that does not exist,
// an address newsread cannot fetch, and anything that is neither a
// directory nor a regular file (a FIFO would block, a device never ends)
// are errors, reported before anything is drawn.
func (e *Env) Arg(arg string) (Source, error) {
	if isFeedURL(arg) {
		return e.URL(arg), nil
	}
	info, err := os.Stat(arg)
	switch {
	case errors.Is(err, fs.ErrNotExist) && scheme.MatchString(arg):
		s := arg[:strings.Index(arg, ":")]
		return nil, fmt.Errorf("%s: %w (not %s)", articles.Sanitize(arg), ErrUnsupportedScheme, articles.Sanitize(s))
	case errors.Is(err, fs.ErrNotExist):
		return nil, fmt.Errorf("%s: %w", articles.Sanitize(arg), ErrNotExist)
	case err != nil:
		return nil, fmt.Errorf("%s: %w", articles.Sanitize(arg), unwrapPath(err))
	case info.IsDir():
		return e.Dir(arg), nil
	}
	if err := articles.NotRegular(info.Mode()); err != nil {
		return nil, fmt.Errorf("%s: %w", articles.Sanitize(arg), err)
	}
	head, err := readHead(arg)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", articles.Sanitize(arg), unwrapPath(err))
	}
	src, _ := e.From(arg, arg, head)
	return src, nil
}

// unwrapPath drops the path an *fs.PathError repeats, as it is printed
// beside.
func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
