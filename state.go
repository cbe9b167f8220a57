package main

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"

	"newsread/articles"
	"newsread/store"
	"newsread/ui"
)

// stateStore is the state store as the screen sees it. It opens the
// database in the background, so a slow or locked file never delays the
// first screen: the screen asks for state in commands, which wait here
// until the store is open (or failed to open, and then have no state).
type stateStore struct {
	path    string
	once    sync.Once
	started atomic.Bool
	ready   chan struct{}
	s       *store.Store
	err     error
}

// newStateStore returns the store at path, opened on first use or when
// start is called.
func newStateStore(path string) *stateStore {
	return &stateStore{path: path, ready: make(chan struct{})}
}

// start opens the store in the background.
func (st *stateStore) start() {
	st.once.Do(func() {
		st.started.Store(true)
		go func() {
			defer close(st.ready)
			st.s, st.err = store.Open(st.path)
		}()
	})
}

// get waits for the store to be open.
func (st *stateStore) get(ctx context.Context) (*store.Store, error) {
	st.start()
	select {
	case <-st.ready:
		if st.err != nil {
			return nil, fmt.Errorf("state: %w", st.err)
		}
		return st.s, nil
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// problems says what went wrong with the state file, if it was opened:
// it could not be, or it was not newsread's and was moved aside.
func (st *stateStore) problems(ctx context.Context) []articles.Problem {
	if !st.started.Load() {
		return nil
	}
	s, err := st.get(ctx)
	switch {
	case err != nil:
		return []articles.Problem{{Where: st.path, Err: err}}
	case s.Moved() != "":
		return []articles.Problem{{Where: st.path, Err: fmt.Errorf("not a newsread database: moved to %s, started afresh", s.Moved())}}
	}
	return nil
}

// close closes the store if it was opened.
func (st *stateStore) close() {
	if !st.started.Load() {
		return
	}
	<-st.ready
	if st.s != nil {
		st.s.Close()
	}
}

// States implements ui.Store.
func (st *stateStore) States(ctx context.Context, ids []string) (map[string]ui.State, error) {
	s, err := st.get(ctx)
	if err != nil {
		return nil, err
	}
	states, err := s.States(ctx, ids)
	if err != nil {
		return nil, err
	}
	out := make(map[string]ui.State, len(states))
	for id, v := range states {
		out[id] = ui.State{Read: v.Read, Starred: v.Starred, Position: ui.Position(v.Position)}
	}
	return out, nil
}

// SetRead implements ui.Store.
func (st *stateStore) SetRead(ctx context.Context, ids []string, read bool) error {
	s, err := st.get(ctx)
	if err != nil {
		return err
	}
	return s.SetRead(ctx, ids, read)
}

// SetStarred implements ui.Store.
func (st *stateStore) SetStarred(ctx context.Context, id string, starred bool) error {
	s, err := st.get(ctx)
	if err != nil {
		return err
	}
	return s.SetStarred(ctx, id, starred)
}

// SetPosition implements ui.Store.
func (st *stateStore) SetPosition(ctx context.Context, id string, p ui.Position) error {
	s, err := st.get(ctx)
	if err != nil {
		return err
	}
	return s.SetPosition(ctx, id, store.Position(p))
}

// Load implements articles.Index: the headers the store keeps under dir.
func (st *stateStore) Load(ctx context.Context, dir string) (map[string]articles.IndexEntry, error) {
	s, err := st.get(ctx)
	if err != nil {
		return nil, err
	}
	return s.Load(ctx, dir)
}

// Keep implements articles.Index.
func (st *stateStore) Keep(entries []articles.IndexEntry) {
	if s, err := st.get(context.Background()); err == nil {
		s.Keep(entries)
	}
}

// Forget implements articles.Index.
func (st *stateStore) Forget(paths []string) {
	if s, err := st.get(context.Background()); err == nil {
		s.Forget(paths)
	}
}
