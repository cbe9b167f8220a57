package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"newsread/articles"
)

// Imported counts what ImportNewsboat carried over.
type Imported struct {
	Items   int // items archived (newsboat's deleted items are not)
	Read    int // items marked read, deleted ones included
	Starred int // items starred: those with any newsboat flag
	Skipped int // items with neither GUID nor link, which no ID can name
}

// ErrNotNewsboat is a file ImportNewsboat cannot read as newsboat's cache.
var ErrNotNewsboat = errors.New("not a newsboat cache")

// newsboatItem is one row of newsboat's rss_item table.
type newsboatItem struct {
	guid, title, author, url, feedURL, content, flags, feedTitle string
	pubDate                                                      int64
	unread, deleted                                              bool
}

// ImportNewsboat reads newsboat's cache.db at path (opened read-only) and
// keeps its items in the archive with their read state and flags:
//
//   - an item is read when newsboat's unread is 0;
//   - an item with any flag (newsboat's flags are letters the user gives
//     meanings to) is starred;
//   - an item newsboat deleted is marked read but not archived;
//   - state already kept here is never undone: read and starred only add.
//
// Each item gets the ID newsread's feed package gives it, as long as the
// feed's URL is the one newsboat fetched: its GUID when that has a URI
// scheme, the feed URL, "#" and the GUID when it has not, its link when
// it has no GUID (newsboat stores the link as the GUID of such items).
// Bodies are kept as newsboat has them, HTML. Articles already stored
// keep their own header and body.
func (s *Store) ImportNewsboat(ctx context.Context, path string) (Imported, error) {
	var im Imported
	db, err := sql.Open("sqlite", "file:"+uriPath(path)+"?mode=ro&_pragma=busy_timeout(5000)&_pragma=query_only(1)")
	if err != nil {
		return im, fmt.Errorf("import newsboat %s: %w", path, err)
	}
	defer db.Close()
	query, err := newsboatQuery(ctx, db)
	if err != nil {
		return im, fmt.Errorf("import newsboat %s: %w", path, err)
	}
	rows, err := db.QueryContext(ctx, query)
	if err != nil {
		return im, fmt.Errorf("import newsboat %s: %w", path, err)
	}
	defer rows.Close()
	batch := make([]newsboatItem, 0, putBatch)
	for rows.Next() {
		var it newsboatItem
		if err := rows.Scan(&it.guid, &it.title, &it.author, &it.url, &it.feedURL, &it.pubDate,
			&it.content, &it.unread, &it.flags, &it.deleted, &it.feedTitle); err != nil {
			return im, fmt.Errorf("import newsboat %s: %w", path, err)
		}
		if batch = append(batch, it); len(batch) == putBatch {
			if err := s.putNewsboat(ctx, batch, &im); err != nil {
				return im, fmt.Errorf("import newsboat %s: %w", path, err)
			}
			batch = batch[:0]
		}
	}
	if err := rows.Err(); err != nil {
		return im, fmt.Errorf("import newsboat %s: %w", path, err)
	}
	if err := s.putNewsboat(ctx, batch, &im); err != nil {
		return im, fmt.Errorf("import newsboat %s: %w", path, err)
	}
	return im, nil
}

// newsboatQuery selects the items, with defaults for the columns older
// versions of newsboat (and newsbeuter) did not have.
func newsboatQuery(ctx context.Context, db *sql.DB) (string, error) {
	rows, err := db.QueryContext(ctx, `SELECT name FROM pragma_table_info('rss_item')`)
	if err != nil {
		if isBroken(err) {
			return "", fmt.Errorf("%w: %v", ErrNotNewsboat, err)
		}
		return "", err
	}
	defer rows.Close()
	have := map[string]bool{}
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			return "", err
		}
		have[strings.ToLower(name)] = true
	}
	if err := rows.Err(); err != nil {
		return "", err
	}
	for _, c := range []string{"guid", "url", "feedurl", "unread"} {
		if !have[c] {
			return "", fmt.Errorf("%w: no rss_item table with column %s", ErrNotNewsboat, c)
		}
	}
	// Column names here are our own constants, never the file's.
	col := func(name, fallback string) string {
		if have[name] {
			return "COALESCE(i." + name + ", " + fallback + ")"
		}
		return fallback
	}
	feedTitle := "''"
	var feeds int
	if err := db.QueryRowContext(ctx, `SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'rss_feed'`).Scan(&feeds); err == nil && feeds > 0 {
		feedTitle = "COALESCE((SELECT f.title FROM rss_feed f WHERE f.rssurl = i.feedurl), '')"
	}
	return `SELECT ` + strings.Join([]string{col("guid", "''"), col("title", "''"), col("author", "''"),
		col("url", "''"), col("feedurl", "''"), col("pubdate", "0"), col("content", "''"),
		col("unread", "1"), col("flags", "''"), col("deleted", "0"), feedTitle}, ", ") +
		` FROM rss_item i ORDER BY i.rowid`, nil
}

// putNewsboat keeps one batch of items in one transaction.
func (s *Store) putNewsboat(ctx context.Context, items []newsboatItem, im *Imported) error {
	if len(items) == 0 {
		return nil
	}
	now := s.now()
	var counts Imported
	err := s.write(ctx, func(tx *sql.Tx) error {
		counts = Imported{}
		art, err := tx.PrepareContext(ctx, insertArticle+` ON CONFLICT (id) DO NOTHING`)
		if err != nil {
			return err
		}
		defer art.Close()
		state, err := tx.PrepareContext(ctx, `INSERT INTO state (id, read, starred, updated_at) VALUES (?, ?, ?, ?)
			ON CONFLICT (id) DO UPDATE SET read = state.read OR excluded.read,
				starred = state.starred OR excluded.starred, updated_at = excluded.updated_at`)
		if err != nil {
			return err
		}
		defer state.Close()
		for _, it := range items {
			a := it.article()
			if a.ID == "" {
				counts.Skipped++
				continue
			}
			if !it.deleted {
				if _, err := art.ExecContext(ctx, articleRow(a, it.content, bodyHTML, now.Unix())...); err != nil {
					return err
				}
				counts.Items++
			}
			read, starred := !it.unread || it.deleted, strings.TrimSpace(it.flags) != ""
			if !read && !starred {
				continue
			}
			if _, err := state.ExecContext(ctx, a.ID, read, starred, now.UnixMilli()); err != nil {
				return err
			}
			if read {
				counts.Read++
			}
			if starred {
				counts.Starred++
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	im.Items += counts.Items
	im.Read += counts.Read
	im.Starred += counts.Starred
	im.Skipped += counts.Skipped
	return nil
}

// article is the item's header as newsread's feed package would give it.
func (it newsboatItem) article() articles.Article {
	a := articles.Article{
		Title:  articles.Sanitize(strings.TrimSpace(it.title)),
		Author: articles.Sanitize(strings.TrimSpace(it.author)),
		Link:   articles.Sanitize(strings.TrimSpace(it.url)),
		Feed:   strings.TrimSpace(it.feedURL),
		Source: articles.Sanitize(strings.TrimSpace(it.feedTitle)),
	}
	if a.Source == "" {
		a.Source = a.Feed
	}
	if it.pubDate > 0 {
		a.Published = unixUTC(it.pubDate)
	}
	a.ID = newsboatID(articles.Sanitize(strings.TrimSpace(it.guid)), a.Link, a.Feed)
	if a.Title == "" {
		a.Title = a.Link
	}
	return a
}

// newsboatID is the ID newsread's feed package gives an item with this
// GUID (as newsboat stores it) and link in the feed at feedURL.
func newsboatID(guid, link, feedURL string) string {
	switch {
	case guid == "" || guid == link:
		return link
	case hasScheme(guid):
		return guid
	default:
		return feedURL + "#" + guid
	}
}

// hasScheme reports whether id begins with a URI scheme, as the feed
// package's test of a GUID that is unique beyond its feed.
func hasScheme(id string) bool {
	i := strings.IndexByte(id, ':')
	if i <= 0 {
		return false
	}
	for _, c := range id[:i] {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.') {
			return false
		}
	}
	return true
}
