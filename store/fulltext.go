package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// FullText is the whole story of a feed item, fetched from its link.
type FullText struct {
	URL     string // the page it was extracted from, after redirects
	Body    string // markdown
	Fetched time.Time
}

// PutFullText keeps the full text of the article id, replacing an earlier
// one, and has the full-text index take it in place of the feed's
// summary (IndexPending indexes the article again).
func (s *Store) PutFullText(ctx context.Context, id string, ft FullText) error {
	fetched := ft.Fetched
	if fetched.IsZero() {
		fetched = s.now()
	}
	err := s.write(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `INSERT INTO fulltext (id, url, body, fetched_at) VALUES (?, ?, ?, ?)
			ON CONFLICT (id) DO UPDATE SET url = excluded.url, body = excluded.body, fetched_at = excluded.fetched_at`,
			id, ft.URL, ft.Body, fetched.Unix()); err != nil {
			return err
		}
		return unindex(ctx, tx, id)
	})
	if err != nil {
		return fmt.Errorf("store full text: %w", err)
	}
	return nil
}

// FullText returns the kept full text of the article id; ok is false when
// none is kept.
func (s *Store) FullText(ctx context.Context, id string) (ft FullText, ok bool, err error) {
	var fetched int64
	err = s.r.QueryRowContext(ctx, `SELECT url, body, fetched_at FROM fulltext WHERE id = ?`, id).Scan(&ft.URL, &ft.Body, &fetched)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return FullText{}, false, nil
	case err != nil:
		return FullText{}, false, fmt.Errorf("read full text: %w", err)
	}
	ft.Fetched = unixUTC(fetched)
	return ft, true, nil
}
