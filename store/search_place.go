package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
)

// A search with words and a feed: or source: qualifier checks each
// match of the words against the set of index rowids of the feeds and
// sources the qualifier names, when they hold few articles: otherwise
// each match would be looked up in the articles table to be checked, a
// page read a match, and a common word has hundreds of thousands of
// matches at a million articles. (Starting from the articles of the feed
// and asking the index about each one by rowid is slower still: FTS5
// opens every segment of the index anew for each.)

// placeLimit is the most articles a feed: or source: qualifier may
// select for the search to check matches against them; past it each
// match is looked up, as without the qualifier. Making the set reads
// each article's row (about 40 µs an article at a million articles, the
// rows spread over gigabytes), and by relevance bm25 is computed for
// every match in the set. At a million articles, a feed of 1,000 took
// 17–43 ms against 110–450 ms for looking each match up; feeds of 11,000
// articles took 100–580 ms (1.7 s by relevance) against 160–270 ms.
var placeLimit = 3000 // a variable for the tests

// inPlaces is the condition that an article is of the feeds or sources
// given as two JSON arrays.
const inPlaces = "(a.feed IN (SELECT value FROM json_each(?)) OR a.source IN (SELECT value FROM json_each(?)))"

// inPlaceRowids is the condition that a match of the index is an
// article of the feeds or sources given as two JSON arrays. The unary +
// keeps the condition from the index, which would look each rowid up
// on its own.
const inPlaceRowids = "+fts.rowid IN (SELECT i.rowid FROM articles a JOIN fts_ids i ON i.id = a.id WHERE " + inPlaces + ")"

// place returns the value of q's first feed: or source: qualifier that
// is not negated, or "" when it has none.
func (q Query) place() string {
	for _, f := range q.filters {
		if f.place != "" && !f.neg {
			return f.place
		}
	}
	return ""
}

// placeArgs returns the feeds and sources whose name contains v (lower
// case), as the JSON arrays inPlaces binds, and whether the articles
// they hold are few enough for inPlaceRowids.
func placeArgs(ctx context.Context, db *sql.DB, v string) (feeds, sources string, ok bool, err error) {
	fs, err := distinctContaining(ctx, db, "feed", v)
	if err != nil {
		return "", "", false, err
	}
	ss, err := distinctContaining(ctx, db, "source", v)
	if err != nil {
		return "", "", false, err
	}
	fj, _ := json.Marshal(fs)
	sj, _ := json.Marshal(ss)
	var n int
	err = db.QueryRowContext(ctx, "SELECT count(*) FROM (SELECT 1 FROM articles a WHERE "+inPlaces+" LIMIT ?)",
		string(fj), string(sj), placeLimit+1).Scan(&n)
	if err != nil {
		return "", "", false, fmt.Errorf("search: %w", err)
	}
	return string(fj), string(sj), n <= placeLimit, nil
}

// distinctContaining returns the distinct values of column (feed or
// source, both indexed) that contain v ignoring case. It steps from one
// value to the next through the index, so its work grows with the
// number of feeds or sources, not of articles.
func distinctContaining(ctx context.Context, db *sql.DB, column, v string) ([]string, error) {
	rows, err := db.QueryContext(ctx, `WITH RECURSIVE v(x) AS (
		SELECT (SELECT min(`+column+`) FROM articles)
		UNION ALL
		SELECT (SELECT min(`+column+`) FROM articles WHERE `+column+` > v.x) FROM v WHERE v.x IS NOT NULL
	) SELECT x FROM v WHERE x IS NOT NULL AND instr(lower(x), ?) > 0`, v)
	if err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	defer rows.Close()
	out := []string{}
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return nil, fmt.Errorf("search: %w", err)
		}
		out = append(out, s)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	return out, nil
}
