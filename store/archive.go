package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"

	"newsread/articles"
)

// putBatch is how many articles one write transaction stores, so that a
// mark waits for at most one batch of a long import.
const putBatch = 1000

// tagSep joins an article's tags in one column.
const tagSep = "\x1f"

// Body types of the articles table.
const (
	bodyNone     = ""
	bodyMarkdown = "markdown"
	bodyHTML     = "html"
)

// PutArticles stores the headers of as, and their bodies (as markdown)
// when loaded, noting that a source listed them now. A stored body is
// kept when a header-only copy of the article comes again.
func (s *Store) PutArticles(ctx context.Context, as []articles.Article) error {
	seen := s.now().Unix()
	for start := 0; start < len(as); start += putBatch {
		batch := as[start:min(start+putBatch, len(as))]
		err := s.write(ctx, func(tx *sql.Tx) error {
			return putArticles(ctx, tx, batch, seen)
		})
		if err != nil {
			return fmt.Errorf("store articles: %w", err)
		}
	}
	return nil
}

// putArticles stores as in tx, as PutArticles does.
func putArticles(ctx context.Context, tx *sql.Tx, as []articles.Article, seen int64) error {
	st, err := tx.PrepareContext(ctx, upsertArticle)
	if err != nil {
		return err
	}
	defer st.Close()
	for _, a := range as {
		body, kind := "", bodyNone
		if a.BodyLoaded {
			body, kind = a.Body, bodyMarkdown
		}
		if _, err := st.ExecContext(ctx, articleRow(a, body, kind, seen)...); err != nil {
			return err
		}
		if a.BodyLoaded {
			// Indexed before without this text: index it again.
			if err := unindex(ctx, tx, a.ID); err != nil {
				return err
			}
		}
	}
	return nil
}

// insertArticle takes the parameters articleRow gives.
const insertArticle = `INSERT INTO articles
	(id, source, feed, path, link, title, author, published, from_file, tags, summary, body, body_type, seen_at)
	VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`

const upsertArticle = insertArticle + `
	ON CONFLICT (id) DO UPDATE SET
		source = excluded.source, feed = excluded.feed, path = excluded.path, link = excluded.link,
		title = excluded.title, author = excluded.author, published = excluded.published,
		from_file = excluded.from_file, tags = excluded.tags, summary = excluded.summary,
		body = CASE WHEN excluded.body_type != '' THEN excluded.body ELSE articles.body END,
		body_type = CASE WHEN excluded.body_type != '' THEN excluded.body_type ELSE articles.body_type END,
		seen_at = max(articles.seen_at, excluded.seen_at)`

// articleRow is the parameters of upsertArticle.
func articleRow(a articles.Article, body, kind string, seen int64) []any {
	return []any{a.ID, a.Source, a.Feed, a.Path, a.Link, a.Title, a.Author, unixOrZero(a.Published),
		a.DateFromFile, strings.Join(a.Tags, tagSep), a.Summary, body, kind, seen}
}

func unixOrZero(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return t.Unix()
}

const headerColumns = `id, source, feed, path, link, title, author, published, from_file, tags, summary`

// scanHeader reads one row of headerColumns.
func scanHeader(rows *sql.Rows) (articles.Article, error) {
	var a articles.Article
	var published int64
	var tags string
	if err := rows.Scan(&a.ID, &a.Source, &a.Feed, &a.Path, &a.Link, &a.Title, &a.Author,
		&published, &a.DateFromFile, &tags, &a.Summary); err != nil {
		return a, err
	}
	fillHeader(&a, published, tags)
	return a, nil
}

func fillHeader(a *articles.Article, published int64, tags string) {
	if published != 0 {
		a.Published = time.Unix(published, 0).UTC()
	}
	if tags != "" {
		a.Tags = strings.Split(tags, tagSep)
	}
}

// Article returns the stored article id with its body, when it has one
// (an HTML body, as imported from newsboat, is converted to markdown).
func (s *Store) Article(ctx context.Context, id string) (articles.Article, bool, error) {
	var a articles.Article
	var published int64
	var tags, body, kind string
	err := s.r.QueryRowContext(ctx, `SELECT `+headerColumns+`, body, body_type FROM articles WHERE id = ?`, id).
		Scan(&a.ID, &a.Source, &a.Feed, &a.Path, &a.Link, &a.Title, &a.Author,
			&published, &a.DateFromFile, &tags, &a.Summary, &body, &kind)
	switch {
	case err == sql.ErrNoRows:
		return articles.Article{}, false, nil
	case err != nil:
		return articles.Article{}, false, fmt.Errorf("read article: %w", err)
	}
	fillHeader(&a, published, tags)
	switch kind {
	case bodyMarkdown:
		a.Body, a.BodyLoaded = body, true
	case bodyHTML:
		md, err := s.html.Markdown(body, a.Link)
		if err != nil {
			md = articles.Sanitize(body)
		}
		a.Body, a.BodyLoaded = md, true
	}
	return a, true, nil
}

// Prune deletes the feed items, and their state, full text and server
// item IDs (not their queued marks, still to be sent), that are read, not
// starred, published (or, without a date, first seen) longer than
// olderThan ago and not listed by their feed for as long: an item still
// in its feed would only come back, unread. It returns how many went.
func (s *Store) Prune(ctx context.Context, olderThan time.Duration) (int, error) {
	cutoff := s.now().Add(-olderThan).Unix()
	var n int
	err := s.write(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `CREATE TEMP TABLE IF NOT EXISTS pruned (id TEXT PRIMARY KEY) WITHOUT ROWID;
			DELETE FROM temp.pruned`); err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO temp.pruned (id)
			SELECT a.id FROM articles a JOIN state s ON s.id = a.id
			WHERE a.feed != '' AND s.read AND NOT s.starred
				AND (CASE WHEN a.published != 0 THEN a.published ELSE a.seen_at END) < ?
				AND a.seen_at < ?`, cutoff, cutoff)
		if err != nil {
			return err
		}
		c, err := res.RowsAffected()
		if err != nil {
			return err
		}
		n = int(c)
		_, err = tx.ExecContext(ctx, `DELETE FROM articles WHERE id IN (SELECT id FROM temp.pruned);
			DELETE FROM state WHERE id IN (SELECT id FROM temp.pruned);
			DELETE FROM fulltext WHERE id IN (SELECT id FROM temp.pruned);
			DELETE FROM fts WHERE rowid IN (SELECT rowid FROM fts_ids WHERE id IN (SELECT id FROM temp.pruned));
			DELETE FROM fts_ids WHERE id IN (SELECT id FROM temp.pruned);
			DELETE FROM server_items WHERE article IN (SELECT id FROM temp.pruned);
			DELETE FROM temp.pruned`)
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("prune archive: %w", err)
	}
	return n, nil
}

func unixUTC(sec int64) time.Time { return time.Unix(sec, 0).UTC() }

// unindex drops id from the full-text index, so that IndexPending
// indexes it again with what the articles table has now.
func unindex(ctx context.Context, tx *sql.Tx, id string) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM fts WHERE rowid IN (SELECT rowid FROM fts_ids WHERE id = ?)`, id); err != nil {
		return err
	}
	_, err := tx.ExecContext(ctx, `DELETE FROM fts_ids WHERE id = ?`, id)
	return err
}

// LastArticle is a number that grows whenever an article is added to the
// store, by this process or another: a cheap way to notice new items.
func (s *Store) LastArticle(ctx context.Context) (int64, error) {
	var n sql.NullInt64
	if err := s.r.QueryRowContext(ctx, `SELECT max(rowid) FROM articles`).Scan(&n); err != nil {
		return 0, fmt.Errorf("read archive: %w", err)
	}
	return n.Int64, nil
}

// EachArchived calls fn with the stored items of feeds (headers only),
// newest first, up to n at a time, so that a large archive reaches the
// screen in pieces from the newest; it stops at the first error of fn.
// Only the items added after the LastArticle number after, up to upTo,
// are read (to the end when upTo is 0): a reader that remembers upTo
// reads next only what came since. A header that is not whole has no
// author, and its summary and link only when its title is blank (a list
// shows the summary's start, or the link, then): what a list does not
// show; Article gives it whole.
//
// A million headers are held by a list at once, so each piece is kept
// small: the names, feeds, authors and tags that repeat from row to row
// are one string each, and each piece's IDs, titles, links and summaries
// share one allocation.
func (s *Store) EachArchived(ctx context.Context, feeds []string, after, upTo int64, n int, whole bool, fn func([]articles.Article) error) error {
	list, err := json.Marshal(feeds)
	if err != nil {
		return err
	}
	// The published index gives the order; the feed list filters it.
	rows, err := s.r.QueryContext(ctx, `SELECT `+headerColumns+` FROM articles INDEXED BY articles_published
		WHERE feed IN (SELECT value FROM json_each(?)) AND rowid > ? AND (? = 0 OR rowid <= ?)
		ORDER BY published DESC`, string(list), after, upTo, upTo)
	if err != nil {
		return fmt.Errorf("read archive: %w", err)
	}
	defer rows.Close()
	var in interner
	// The first pieces are small, the size of a screen, and grow to n:
	// the top of the list comes at once, the rest in few pieces.
	size := min(n, firstPiece)
	batch := make([]articles.Article, 0, size)
	flush := func() error {
		in.compact(batch)
		err := fn(batch)
		size = min(n, 2*size)
		batch = make([]articles.Article, 0, size)
		return err
	}
	for rows.Next() {
		a, err := scanHeader(rows)
		if err != nil {
			return fmt.Errorf("read archive: %w", err)
		}
		if !whole {
			a.Author = ""
			if strings.TrimSpace(a.Title) != "" {
				a.Summary, a.Link = "", ""
			}
		}
		in.shared(&a)
		if batch = append(batch, a); len(batch) == size {
			if err := flush(); err != nil {
				return err
			}
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("read archive: %w", err)
	}
	if len(batch) > 0 {
		return flush()
	}
	return nil
}

// firstPiece is the size of the first piece of EachArchived.
const firstPiece = 64

// interner makes the strings that repeat from row to row one string, and
// the strings of a piece one allocation.
type interner struct {
	strs map[string]string
	tags map[string][]string
}

// shared replaces a's repeating strings by the first of their kind.
func (in *interner) shared(a *articles.Article) {
	if in.strs == nil {
		in.strs, in.tags = map[string]string{}, map[string][]string{}
	}
	for _, p := range [...]*string{&a.Source, &a.Feed, &a.Author, &a.Path} {
		if v, ok := in.strs[*p]; ok {
			*p = v
		} else {
			in.strs[*p] = *p
		}
	}
	if a.Tags != nil {
		key := strings.Join(a.Tags, tagSep)
		if v, ok := in.tags[key]; ok {
			a.Tags = v
		} else {
			// Clipped: an append by a reader copies instead of writing
			// into the tags of other articles.
			a.Tags = slices.Clip(a.Tags)
			in.tags[key] = a.Tags
		}
	}
}

// compact copies the strings proper to each article of as into one
// allocation: the allocator rounds each string up, and one large string
// wastes nothing. A link that is the ID (an RSS guid is most often the
// item's link) is kept once.
func (in *interner) compact(as []articles.Article) {
	size := 0
	for i := range as {
		a := &as[i]
		size += len(a.ID) + len(a.Title) + len(a.Summary)
		if a.Link != a.ID {
			size += len(a.Link)
		}
	}
	var b strings.Builder
	b.Grow(size)
	for i := range as {
		a := &as[i]
		b.WriteString(a.ID)
		b.WriteString(a.Title)
		if a.Link != a.ID {
			b.WriteString(a.Link)
		}
		b.WriteString(a.Summary)
	}
	all, at := b.String(), 0
	take := func(p *string) {
		n := len(*p)
		*p, at = all[at:at+n], at+n
	}
	for i := range as {
		a := &as[i]
		take(&a.ID)
		take(&a.Title)
		if a.Link == a.ID {
			a.Link = a.ID
		} else {
			take(&a.Link)
		}
		take(&a.Summary)
	}
}

// PutHTMLBodies keeps the bodies of stored feed items as their feed gives
// them (HTML), by ID, for the archive and the full-text index; a body
// already kept as markdown (the article was opened) stays.
func (s *Store) PutHTMLBodies(ctx context.Context, bodies map[string]string) error {
	ids := make([]string, 0, len(bodies))
	for id := range bodies {
		ids = append(ids, id)
	}
	for start := 0; start < len(ids); start += putBatch {
		batch := ids[start:min(start+putBatch, len(ids))]
		err := s.write(ctx, func(tx *sql.Tx) error {
			st, err := tx.PrepareContext(ctx, `UPDATE articles SET body = ?, body_type = '`+bodyHTML+`'
				WHERE id = ? AND body_type != '`+bodyMarkdown+`' AND body != ?`)
			if err != nil {
				return err
			}
			defer st.Close()
			for _, id := range batch {
				res, err := st.ExecContext(ctx, bodies[id], id, bodies[id])
				if err != nil {
					return err
				}
				if n, _ := res.RowsAffected(); n > 0 {
					if err := unindex(ctx, tx, id); err != nil {
						return err
					}
				}
			}
			return nil
		})
		if err != nil {
			return fmt.Errorf("store bodies: %w", err)
		}
	}
	return nil
}

// LastMark is the time, in Unix milliseconds, of the last change of a
// mark in the store, by this process or another.
func (s *Store) LastMark(ctx context.Context) (int64, error) {
	var n sql.NullInt64
	if err := s.r.QueryRowContext(ctx, `SELECT max(updated_at) FROM state`).Scan(&n); err != nil {
		return 0, fmt.Errorf("read marks: %w", err)
	}
	return n.Int64, nil
}

// ItemsAfter says whether feed items were added to the store after the
// article numbered after (a LastArticle): it reads only the rows added
// since, so a folder's files stored meanwhile are not taken for items.
func (s *Store) ItemsAfter(ctx context.Context, after int64) (bool, error) {
	var found bool
	err := s.r.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM articles WHERE rowid > ? AND feed != '')`, after).Scan(&found)
	if err != nil {
		return false, fmt.Errorf("read archive: %w", err)
	}
	return found, nil
}
