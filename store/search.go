package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math"
	"time"
)

// Order is the order of search results.
type Order int

const (
	// Newest puts the most recently published articles first.
	Newest Order = iota
	// Relevance puts the best matches first (bm25, a match in the title
	// weighing most) among the newest few thousand matches (among all
	// of them when feed: or source: names few articles); without words
	// to match it is Newest.
	Relevance
)

// relevance is the rank function of FTS5 that orders by relevance: bm25
// with a match weighed by column (title, body, author, source, tags).
// Asked for through the rank column, the index sorts its matches itself
// and the joins that follow stop at the limit; ordered by bm25() in the
// statement, every match would be joined to its article first.
const relevance = "bm25(" + relevanceWeights + ")"

// relevanceWeights weigh a match by column: title, body, author, source,
// tags.
const relevanceWeights = "10.0, 1.0, 3.0, 2.0, 2.0"

// relevanceWindow is how many of the newest matches a search by
// relevance ranks. Ranking computes bm25 for every match it considers:
// a word in most of a million articles would take seconds.
const relevanceWindow = 5000

// relevanceFloor returns the index rowid of the oldest of the
// relevanceWindow newest matches of q, or the lowest rowid there is
// when there are fewer matches.
func relevanceFloor(ctx context.Context, db *sql.DB, q Query) (int64, error) {
	var floor int64
	err := db.QueryRowContext(ctx, "SELECT rowid FROM fts WHERE fts MATCH ? ORDER BY rowid DESC LIMIT 1 OFFSET ?",
		q.match(false), relevanceWindow-1).Scan(&floor)
	if errors.Is(err, sql.ErrNoRows) {
		return math.MinInt64, nil
	}
	if err != nil {
		return 0, fmt.Errorf("search: %w", err)
	}
	return floor, nil
}

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
	q = expandPrefix(ctx, db, q)
	from, where, args := q.SQL()
	by := "a.published DESC, a.id"
	if q.usesIndex() {
		// The index's rowids run in publication order (see slotBits).
		by = "fts.rowid DESC"
		placed := false
		if v := q.place(); v != "" {
			feeds, sources, ok, err := placeArgs(ctx, db, v)
			if err != nil {
				return nil, err
			}
			if ok {
				where, placed = where+" AND "+inPlaceRowids, true
				args = append(args, feeds, sources)
				if order == Relevance {
					// Ranked in the statement, bm25 is computed for the
					// articles of the feed alone.
					by = "bm25(fts, " + relevanceWeights + "), fts.rowid DESC"
				}
			}
		}
		if order == Relevance && !placed {
			floor, err := relevanceFloor(ctx, db, q)
			if err != nil {
				return nil, err
			}
			where += " AND fts.rank MATCH '" + relevance + "' AND fts.rowid >= ?"
			args = append(args, floor)
			by = "fts.rank"
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
