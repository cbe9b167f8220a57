package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// Order is the order of search results.
type Order int

const (
	// Newest puts the most recently published articles first.
	Newest Order = iota
	// Relevance puts the best matches first (bm25, a match in the title
	// weighing most); without words to match it is Newest.
	Relevance
)

// relevance weighs a match by column: title, body, author, source, tags.
const relevance = "bm25(fts, 10.0, 1.0, 3.0, 2.0, 2.0)"

// Hit is one article a search found.
type Hit struct {
	ID        string
	Title     string
	Published time.Time // zero when unknown
}

// Search returns up to limit articles (all when limit <= 0) that q
// matches, in order. An article is found only if it is in the articles
// table, and by its words only once it is indexed.
func Search(ctx context.Context, db *sql.DB, q Query, order Order, limit int) ([]Hit, error) {
	from, where, args := q.SQL()
	by := "a.published DESC, a.id"
	if q.usesIndex() {
		// The index's rowids run in publication order (see slotBits).
		by = "fts.rowid DESC"
		if order == Relevance {
			by = relevance
		}
	}
	if limit <= 0 {
		limit = -1
	}
	rows, err := db.QueryContext(ctx, "SELECT a.id, a.title, a.published FROM "+from+
		" WHERE "+where+" ORDER BY "+by+" LIMIT ?", append(args, limit)...)
	if err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	defer rows.Close()
	var hits []Hit
	for rows.Next() {
		var h Hit
		var published int64
		if err := rows.Scan(&h.ID, &h.Title, &published); err != nil {
			return nil, fmt.Errorf("search: %w", err)
		}
		if published != 0 {
			h.Published = time.Unix(published, 0)
		}
		hits = append(hits, h)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	return hits, nil
}
