package store

import (
	"context"
	"encoding/json"
	"fmt"
)

// Unread counts the archived items of feeds (feed URLs, as Article.Feed)
// that are not marked read: the number a status bar shows, read without
// fetching anything.
func (s *Store) Unread(ctx context.Context, feeds []string) (int, error) {
	list, err := json.Marshal(feeds)
	if err != nil {
		return 0, err
	}
	var n int
	err = s.r.QueryRowContext(ctx, `SELECT count(*) FROM articles a LEFT JOIN state s ON s.id = a.id
		WHERE a.feed IN (SELECT value FROM json_each(?)) AND coalesce(s.read, 0) = 0`, string(list)).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("count unread: %w", err)
	}
	return n, nil
}
