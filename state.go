package main

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"
	"time"

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
	// stored, when set, is called after articles are written, so that
	// the full-text index takes them in.
	stored atomic.Pointer[func()]
}

// onStored has fn called after each write of articles.
func (st *stateStore) onStored(fn func()) { st.stored.Store(&fn) }

// wrote says articles were written.
func (st *stateStore) wrote() {
	if fn := st.stored.Load(); fn != nil {
		(*fn)()
	}
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
	return s.Files().Load(ctx, dir)
}

// Keep implements articles.Index.
func (st *stateStore) Keep(entries []articles.IndexEntry) {
	if s, err := st.get(context.Background()); err == nil {
		s.Files().Keep(entries)
		st.wrote()
	}
}

// Forget implements articles.Index.
func (st *stateStore) Forget(paths []string) {
	if s, err := st.get(context.Background()); err == nil {
		s.Files().Forget(paths)
	}
}

// searchLimit bounds the results of a search on screen: the newest (or
// best) matches, far more than a screen.
const searchLimit = 5000

// Search implements ui.Searcher.
func (st *stateStore) Search(ctx context.Context, query string, relevance bool) ([]string, []string, error) {
	q, err := store.Parse(query, time.Now())
	if err != nil {
		return nil, nil, err
	}
	s, err := st.get(ctx)
	if err != nil {
		return nil, nil, err
	}
	order := store.Newest
	if relevance {
		order = store.Relevance
	}
	hits, err := s.Search(ctx, q, order, searchLimit)
	if err != nil {
		return nil, nil, err
	}
	ids := make([]string, len(hits))
	for i, h := range hits {
		ids[i] = h.ID
	}
	var terms []string
	for _, t := range q.Terms() {
		terms = append(terms, t.Text)
	}
	return ids, terms, nil
}

// Index implements ui.Searcher.
func (st *stateStore) Index(ctx context.Context, progress func(done, total int)) error {
	s, err := st.get(ctx)
	if err != nil {
		return err
	}
	return s.IndexPending(ctx, progress)
}

// Saved implements ui.Searcher.
func (st *stateStore) Saved(ctx context.Context) (map[string]string, error) {
	s, err := st.get(ctx)
	if err != nil {
		return nil, err
	}
	saved, err := s.Searches(ctx)
	if err != nil {
		return nil, err
	}
	out := make(map[string]string, len(saved))
	for _, x := range saved {
		out[x.Name] = x.Query
	}
	return out, nil
}

// Save implements ui.Searcher: an empty query forgets the search.
func (st *stateStore) Save(ctx context.Context, name, query string) error {
	s, err := st.get(ctx)
	if err != nil {
		return err
	}
	if query == "" {
		return s.DeleteSearch(ctx, name)
	}
	return s.SaveSearch(ctx, name, query)
}

var _ ui.Searcher = (*stateStore)(nil)
