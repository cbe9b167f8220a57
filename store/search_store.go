package store

import (
	"context"
	"fmt"

	"newsread/articles"
)

// Search returns up to limit (all when limit <= 0) stored articles that
// q matches, in order.
func (s *Store) Search(ctx context.Context, q Query, order Order, limit int) ([]Hit, error) {
	return Search(ctx, s.r, q, order, limit)
}

// IndexPending indexes every stored article the full-text index lacks,
// through the writer; see the function IndexPending.
func (s *Store) IndexPending(ctx context.Context, progress func(done, total int)) error {
	return IndexPending(ctx, s.w, progress)
}

// Articles returns the stored articles ids, with their bodies, in the
// order of ids; ids not stored are left out.
func (s *Store) Articles(ctx context.Context, ids []string) ([]articles.Article, error) {
	out := make([]articles.Article, 0, len(ids))
	for _, id := range ids {
		a, ok, err := s.Article(ctx, id)
		if err != nil {
			return nil, fmt.Errorf("read %s: %w", id, err)
		}
		if ok {
			out = append(out, a)
		}
	}
	return out, nil
}

// SaveSearch keeps query under name; see the function SaveSearch.
func (s *Store) SaveSearch(ctx context.Context, name, query string) error {
	return SaveSearch(ctx, s.w, name, query)
}

// DeleteSearch forgets the saved search name.
func (s *Store) DeleteSearch(ctx context.Context, name string) error {
	return DeleteSearch(ctx, s.w, name)
}

// Searches returns the saved searches.
func (s *Store) Searches(ctx context.Context) ([]Saved, error) {
	return Searches(ctx, s.r)
}
