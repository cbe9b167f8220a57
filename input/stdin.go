package input

import (
	"context"
	"errors"
	"fmt"
	"io"
	"sync"

	"newsread/articles"
)

// MaxStdin bounds what is read from standard input.
const MaxStdin = 64 << 20

// StdinName is how standard input is named in lists and problems.
const StdinName = "stdin"

// ErrStdinTooLarge is reported when more than MaxStdin bytes are piped in.
var ErrStdinTooLarge = fmt.Errorf("standard input is larger than %d MiB", MaxStdin>>20)

// stdinSource reads standard input whole, in the background so the first
// screen never waits for it, and hands it to the source its content calls
// for.
type stdinSource struct {
	env *Env
	r   io.Reader

	mu    sync.Mutex
	inner Source
	kind  Kind
}

// Stdin returns the source of what is piped in on r.
func (e *Env) Stdin(r io.Reader) Source {
	return &stdinSource{env: e, r: r}
}

// Name implements Source.
func (s *stdinSource) Name() string { return StdinName }

// Load implements Source.
func (s *stdinSource) Load(ctx context.Context, send func(articles.Batch)) {
	data, err := readBounded(s.r, MaxStdin)
	if err != nil {
		send(articles.Batch{Problems: []articles.Problem{{Where: "standard input", Err: err}}, Seen: 1, Done: true})
		return
	}
	inner, kind := s.env.From(StdinName, "", data)
	s.mu.Lock()
	s.inner, s.kind = inner, kind
	s.mu.Unlock()
	inner.Load(ctx, send)
}

// current returns the source the piped bytes turned out to be, or nil
// while they are read.
func (s *stdinSource) current() Source {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.inner
}

// Open implements Source.
func (s *stdinSource) Open(ctx context.Context, a articles.Article) (articles.Article, error) {
	inner := s.current()
	if inner == nil {
		return a, errors.New("standard input is still being read")
	}
	return inner.Open(ctx, a)
}

// Single implements Singler: one article was piped in.
func (s *stdinSource) Single() bool {
	inner := s.current()
	return inner != nil && IsSingle(inner)
}

// Refresh implements Refresher for what was piped in, when that can
// refresh (a subscription list).
func (s *stdinSource) Refresh(ctx context.Context, feed string, send func(articles.Batch)) {
	if r, ok := s.current().(Refresher); ok {
		r.Refresh(ctx, feed, send)
		return
	}
	send(articles.Batch{Done: true})
}

// readBounded reads r whole, failing once it passes limit bytes.
func readBounded(r io.Reader, limit int64) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return nil, fmt.Errorf("read standard input: %w", err)
	}
	if int64(len(data)) > limit {
		return nil, ErrStdinTooLarge
	}
	return data, nil
}
