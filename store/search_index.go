package store

import (
	"cmp"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"

	"newsread/articles"
)

// The index's rowid of an article is its publication time (Unix seconds)
// shifted left by slotBits, plus a counter among the articles of the same
// second. The index then yields matches newest first by itself, so the
// first results of a common word need not sort every match.
const (
	slotBits  = 20
	slotSize  = 1 << slotBits
	maxSecond = 1 << 42 // publication times are clamped to ±maxSecond
)

// indexBatch is how many articles IndexPending writes a transaction:
// short enough that other writers wait little, long enough that commits
// cost little.
const indexBatch = 500

// doc is one article as the index keeps it: plain text.
type doc struct {
	id, title, body, author, source, tags string
	published                             int64 // Unix seconds, 0 when unknown
}

func articleDoc(a articles.Article) doc {
	d := doc{
		id: a.ID, title: a.Title, author: a.Author, source: a.Source,
		tags: strings.Join(a.Tags, " "),
		body: markdownText(a.Body),
	}
	if d.body == "" {
		d.body = a.Summary
	}
	if !a.Published.IsZero() {
		d.published = a.Published.Unix()
	}
	return d
}

// IndexArticles adds as to the full-text index, replacing what was
// indexed of any of them before. Bodies are markdown, indexed as they are
// less link targets. Searches find an indexed article once it is also in
// the articles table.
func IndexArticles(ctx context.Context, db *sql.DB, as []articles.Article) error {
	docs := make([]doc, len(as))
	for i, a := range as {
		docs[i] = articleDoc(a)
	}
	return indexDocs(ctx, db, docs)
}

// IndexPending indexes every article of the articles table that the
// index lacks, a batch a transaction, calling progress (if not nil) after
// each batch with the count done and the count there was to do. It
// returns when none is left or when ctx is done (with ctx's error);
// what was committed stays, so a later call goes on from there. Run it
// in its own goroutine: it takes seconds for 100,000 articles.
func IndexPending(ctx context.Context, db *sql.DB, progress func(done, total int)) error {
	var total int
	err := db.QueryRowContext(ctx, `SELECT count(*) FROM articles a
		WHERE NOT EXISTS (SELECT 1 FROM fts_ids i WHERE i.id = a.id)`).Scan(&total)
	if err != nil {
		return fmt.Errorf("count articles to index: %w", err)
	}
	done, after, first := 0, "", true
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		docs, err := pendingDocs(ctx, db, after, first)
		if err != nil {
			return err
		}
		if len(docs) == 0 {
			return nil
		}
		if err := indexDocs(ctx, db, docs); err != nil {
			return err
		}
		done += len(docs)
		after, first = docs[len(docs)-1].id, false
		if progress != nil {
			progress(done, max(total, done))
		}
	}
}

// pendingDocs reads the next batch of articles, by id, after the id
// after (from the first when first), that the index lacks. The text of a
// file's article is read from its file; a feed item's full text, when one
// was fetched, stands for its body.
func pendingDocs(ctx context.Context, db *sql.DB, after string, first bool) ([]doc, error) {
	from := ">"
	if first {
		from = ">="
	}
	rows, err := db.QueryContext(ctx, `SELECT a.id, title, author, source, tags, published, summary, a.body, body_type, path,
			coalesce(f.body, '')
		FROM articles a LEFT JOIN fulltext f ON f.id = a.id WHERE a.id `+from+` ?
		AND NOT EXISTS (SELECT 1 FROM fts_ids i WHERE i.id = a.id)
		ORDER BY a.id LIMIT ?`, after, indexBatch)
	if err != nil {
		return nil, fmt.Errorf("read articles to index: %w", err)
	}
	defer rows.Close()
	var docs []doc
	files := map[int]string{} // doc index → path
	for rows.Next() {
		var d doc
		var summary, body, bodyType, path, full string
		err := rows.Scan(&d.id, &d.title, &d.author, &d.source, &d.tags, &d.published, &summary, &body, &bodyType, &path, &full)
		if err != nil {
			return nil, fmt.Errorf("read articles to index: %w", err)
		}
		d.tags = strings.ReplaceAll(d.tags, "\x1f", " ")
		d.body = storedText(body, bodyType, summary)
		if full != "" {
			// The whole story fetched from the link holds the summary's
			// words and the rest.
			d.body = markdownText(full)
		}
		if bodyType == bodyFile && path != "" {
			files[len(docs)] = path
		}
		docs = append(docs, d)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read articles to index: %w", err)
	}
	rows.Close()
	for i, path := range files {
		if text := fileText(ctx, path); text != "" {
			docs[i].body = text
		}
	}
	return docs, nil
}

// fileText is the text to index of the article file at path, or "" when
// it cannot be read (gone since it was listed: its title and summary are
// indexed, and the next scan forgets it).
func fileText(ctx context.Context, path string) string {
	a, err := articles.NewFile(path).Open(ctx, articles.Article{Path: path})
	if err != nil {
		return ""
	}
	return markdownText(a.Body)
}

// storedText is the text to index of a body as the articles table keeps
// it, or of the summary when no body is kept.
func storedText(body, bodyType, summary string) string {
	switch {
	case body != "" && bodyType == "html":
		return htmlText(body)
	case body != "":
		return markdownText(body)
	case strings.Contains(summary, "<"):
		return htmlText(summary)
	}
	return summary
}

// indexDocs writes docs to the index in one transaction, oldest first:
// FTS5 writes out what it holds in memory whenever a rowid is lower than
// the one before, and rowids follow publication times.
func indexDocs(ctx context.Context, db *sql.DB, docs []doc) (err error) {
	docs = slices.Clone(docs)
	slices.SortStableFunc(docs, func(a, b doc) int { return cmp.Compare(a.published, b.published) })
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("index: %w", err)
	}
	defer func() {
		if err != nil {
			_ = tx.Rollback()
		}
	}()
	w, err := newIndexWriter(ctx, tx)
	if err != nil {
		return err
	}
	defer w.close()
	for _, d := range docs {
		if err := w.put(ctx, d); err != nil {
			return fmt.Errorf("index %q: %w", d.id, err)
		}
	}
	if err := keepTerms(ctx, tx, docs); err != nil {
		return fmt.Errorf("index: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("index: %w", err)
	}
	return nil
}

// indexWriter holds the statements of one indexing transaction.
type indexWriter struct {
	find, lastInSlot, last, delText, delID, putID, putText *sql.Stmt
}

func newIndexWriter(ctx context.Context, tx *sql.Tx) (*indexWriter, error) {
	w := &indexWriter{}
	for _, s := range []struct {
		stmt **sql.Stmt
		sql  string
	}{
		{&w.find, "SELECT rowid FROM fts_ids WHERE id = ?"},
		{&w.lastInSlot, "SELECT max(rowid) FROM fts_ids WHERE rowid >= ? AND rowid < ?"},
		{&w.last, "SELECT coalesce(max(rowid), 0) FROM fts_ids"},
		{&w.delText, "DELETE FROM fts WHERE rowid = ?"},
		{&w.delID, "DELETE FROM fts_ids WHERE rowid = ?"},
		{&w.putID, "INSERT INTO fts_ids(rowid, id) VALUES (?, ?)"},
		{&w.putText, "INSERT INTO fts(rowid, title, body, author, source, tags) VALUES (?, ?, ?, ?, ?, ?)"},
	} {
		stmt, err := tx.PrepareContext(ctx, s.sql)
		if err != nil {
			w.close()
			return nil, fmt.Errorf("index: %w", err)
		}
		*s.stmt = stmt
	}
	return w, nil
}

func (w *indexWriter) close() {
	for _, s := range []*sql.Stmt{w.find, w.lastInSlot, w.last, w.delText, w.delID, w.putID, w.putText} {
		if s != nil {
			_ = s.Close()
		}
	}
}

// put indexes d, replacing its earlier row if any. The row keeps its
// rowid while the publication time stays in the rowid's second.
func (w *indexWriter) put(ctx context.Context, d doc) error {
	second := min(max(d.published, -maxSecond), maxSecond)
	rowid, found, err := w.rowid(ctx, d.id)
	if err != nil {
		return err
	}
	if found {
		if _, err := w.delText.ExecContext(ctx, rowid); err != nil {
			return err
		}
	}
	if found && rowid>>slotBits != second {
		if _, err := w.delID.ExecContext(ctx, rowid); err != nil {
			return err
		}
		found = false
	}
	if !found {
		if rowid, err = w.newRowid(ctx, second); err != nil {
			return err
		}
		if _, err := w.putID.ExecContext(ctx, rowid, d.id); err != nil {
			return err
		}
	}
	_, err = w.putText.ExecContext(ctx, rowid, d.title, d.body, d.author, d.source, d.tags)
	return err
}

// rowid returns the index's rowid of id, if it is indexed.
func (w *indexWriter) rowid(ctx context.Context, id string) (int64, bool, error) {
	var rowid int64
	err := w.find.QueryRowContext(ctx, id).Scan(&rowid)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, false, nil
	}
	return rowid, err == nil, err
}

// newRowid returns a free rowid in the slot of second, or past every
// rowid when a million articles of that second fill it (then the order
// is a little off, nothing worse).
func (w *indexWriter) newRowid(ctx context.Context, second int64) (int64, error) {
	base := second << slotBits
	var last sql.NullInt64
	if err := w.lastInSlot.QueryRowContext(ctx, base, base+slotSize).Scan(&last); err != nil {
		return 0, err
	}
	if !last.Valid {
		return base, nil
	}
	if last.Int64+1 < base+slotSize {
		return last.Int64 + 1, nil
	}
	var top int64
	err := w.last.QueryRowContext(ctx).Scan(&top)
	return top + 1, err
}

// keepTerms adds the words of docs to fts_terms, folded as the index
// folds them: FTS5 tokenizes the distinct space-separated pieces of docs
// again in a temporary table with the same tokenizer (no positions
// kept), whose vocabulary is copied, and the table is emptied. A token
// never spans a space, so the pieces hold every token of docs, and each
// only once: this costs a small part of indexing. Words of articles
// since removed stay listed: a search for them finds nothing, as it
// should.
func keepTerms(ctx context.Context, tx *sql.Tx, docs []doc) error {
	for _, s := range []string{
		// The tokenizer is the one of fts in the schema.
		"CREATE VIRTUAL TABLE IF NOT EXISTS temp.fts_batch USING fts5(text, content = '', detail = none, tokenize = 'unicode61 remove_diacritics 2')",
		"CREATE VIRTUAL TABLE IF NOT EXISTS temp.fts_batch_terms USING fts5vocab(temp, fts_batch, row)",
	} {
		if _, err := tx.ExecContext(ctx, s); err != nil {
			return err
		}
	}
	seen := map[string]bool{}
	var text strings.Builder
	for _, d := range docs {
		for _, s := range []string{d.title, d.body, d.author, d.source, d.tags} {
			for _, piece := range strings.Fields(s) {
				if !seen[piece] {
					seen[piece] = true
					text.WriteString(piece)
					text.WriteByte(' ')
				}
			}
		}
	}
	if _, err := tx.ExecContext(ctx, "INSERT INTO temp.fts_batch(rowid, text) VALUES (1, ?)", text.String()); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, "INSERT OR IGNORE INTO fts_terms(term) SELECT term FROM temp.fts_batch_terms"); err != nil {
		return err
	}
	_, err := tx.ExecContext(ctx, "INSERT INTO temp.fts_batch(fts_batch) VALUES ('delete-all')")
	return err
}
