package store

import (
	"cmp"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"newsread/articles"
)

// bodyFile is the body type of a file's article: the body is not kept,
// the full-text index reads it from the file at path.
const bodyFile = "file"

// FileIndex is the directory index: the header of every scanned file with
// the file's size and modification time, so that a second scan reads only
// what changed. It is an articles.Index.
type FileIndex struct{ s *Store }

// Files returns the store's directory index.
func (s *Store) Files() FileIndex { return FileIndex{s} }

// Load returns the headers kept for the files under dir, by path.
func (f FileIndex) Load(ctx context.Context, dir string) (map[string]articles.IndexEntry, error) {
	prefix := strings.TrimSuffix(dir, string(filepath.Separator)) + string(filepath.Separator)
	// Paths under dir sort between prefix and prefix with its separator
	// one higher, so the primary key answers the range.
	upper := prefix[:len(prefix)-1] + string(rune(filepath.Separator+1))
	// Counting first sizes the map at once: growing it row by row cost
	// more than the count.
	var n int
	if err := f.s.r.QueryRowContext(ctx, `SELECT count(*) FROM files WHERE path >= ? AND path < ?`, prefix, upper).Scan(&n); err != nil {
		return nil, fmt.Errorf("read the directory index: %w", err)
	}
	out := make(map[string]articles.IndexEntry, n)
	// A large folder is read in two halves at once, on two connections:
	// the rows cost more in the driver than in SQLite, and a start has
	// a core to spare while it waits for them.
	var mid string
	if n >= splitLoad && f.s.r != f.s.w {
		err := f.s.r.QueryRowContext(ctx, `SELECT path FROM files WHERE path >= ? AND path < ? ORDER BY path LIMIT 1 OFFSET ?`, prefix, upper, n/2).Scan(&mid)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return nil, fmt.Errorf("read the directory index: %w", err)
		}
	}
	if mid == "" {
		return out, f.loadRange(ctx, prefix, upper, func(e articles.IndexEntry) { out[e.Path] = e })
	}
	var second []articles.IndexEntry
	var secondErr error
	done := make(chan struct{})
	go func() {
		defer close(done)
		second = make([]articles.IndexEntry, 0, n-n/2)
		secondErr = f.loadRange(ctx, mid, upper, func(e articles.IndexEntry) { second = append(second, e) })
	}()
	err := f.loadRange(ctx, prefix, mid, func(e articles.IndexEntry) { out[e.Path] = e })
	<-done
	if err = cmp.Or(err, secondErr); err != nil {
		return nil, err
	}
	for _, e := range second {
		out[e.Path] = e
	}
	return out, nil
}

// splitLoad is the fewest files that Load reads in two halves (a
// variable for the tests).
var splitLoad = 20_000

// loadRange hands each file kept with a path from lower up to (not
// including) upper to add, in the order of the paths.
func (f FileIndex) loadRange(ctx context.Context, lower, upper string, add func(articles.IndexEntry)) error {
	rows, err := f.s.r.QueryContext(ctx, `SELECT path, size, mtime, header FROM files WHERE path >= ? AND path < ?`, lower, upper)
	if err != nil {
		return fmt.Errorf("read the directory index: %w", err)
	}
	defer rows.Close()
	// Scan's arguments escape: declared once, they are allocated once.
	var (
		path   string
		size   int64
		mtime  int64
		header []byte // a copy each row: the entries keep it
	)
	for rows.Next() {
		if err := rows.Scan(&path, &size, &mtime, &header); err != nil {
			return fmt.Errorf("read the directory index: %w", err)
		}
		add(articles.IndexEntry{Path: path, Size: size, ModTime: time.Unix(0, mtime), Header: header})
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("read the directory index: %w", err)
	}
	return nil
}

// Keep remembers entries, replacing what was kept for their paths, and
// puts each file's article in the articles table (its body stays in the
// file: body type bodyFile) for the full-text index to read. A failure
// is not reported: the index only saves work, and the next scan reads
// the files again.
func (f FileIndex) Keep(entries []articles.IndexEntry) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	seen := f.s.now().Unix()
	f.s.write(ctx, func(tx *sql.Tx) error {
		// A file kept already as it is (one read again while the index
		// loaded, at a start) changes nothing: its article and its words
		// in the full-text index stay.
		st, err := tx.PrepareContext(ctx, `INSERT INTO files (path, size, mtime, header) VALUES (?, ?, ?, ?)
			ON CONFLICT (path) DO UPDATE SET size = excluded.size, mtime = excluded.mtime, header = excluded.header
			WHERE files.size != excluded.size OR files.mtime != excluded.mtime OR files.header != excluded.header`)
		if err != nil {
			return err
		}
		defer st.Close()
		put, err := newFilePut(ctx, tx)
		if err != nil {
			return err
		}
		defer put.close()
		for _, e := range entries {
			res, err := st.ExecContext(ctx, e.Path, e.Size, e.ModTime.UnixNano(), e.Header)
			if err != nil {
				return err
			}
			if n, err := res.RowsAffected(); err == nil && n == 0 {
				continue
			}
			if err := put.put(ctx, tx, e.Path, e.Header, seen); err != nil {
				return err
			}
		}
		return nil
	})
}

// filePut puts the articles of files in the articles table, in one
// transaction: upsert is upsertFileArticle, indexed finds whether an
// article is in the full-text index.
type filePut struct{ upsert, indexed *sql.Stmt }

func newFilePut(ctx context.Context, tx *sql.Tx) (*filePut, error) {
	upsert, err := tx.PrepareContext(ctx, upsertFileArticle)
	if err != nil {
		return nil, err
	}
	indexed, err := tx.PrepareContext(ctx, `SELECT EXISTS (SELECT 1 FROM fts_ids WHERE id = ?)`)
	if err != nil {
		upsert.Close()
		return nil, err
	}
	return &filePut{upsert: upsert, indexed: indexed}, nil
}

func (p *filePut) close() {
	p.upsert.Close()
	p.indexed.Close()
}

// put puts the article of the file at path (absolute), whose header is
// kept in the directory index, and has its words indexed again if they
// were. An undecodable header is left to the scan, which reads its file
// again.
func (p *filePut) put(ctx context.Context, tx *sql.Tx, path string, header []byte, seen int64) error {
	a, err := articles.DecodeHeader(header)
	if err != nil || a.ID == "" {
		return nil
	}
	if a.ID == a.Path {
		a.ID = path // as the scan lists it
	}
	a.Path = path // absolute: the indexer reads it from any directory
	if _, err := p.upsert.ExecContext(ctx, articleRow(a, "", bodyFile, seen)...); err != nil {
		return err
	}
	// A new file (most, on a folder's first scan) has nothing to unindex.
	var indexed bool
	if err := p.indexed.QueryRowContext(ctx, a.ID).Scan(&indexed); err != nil || !indexed {
		return err
	}
	return unindex(ctx, tx, a.ID)
}

// fileIDs migrates a store whose files were known by the name they were
// read under (relative to the directory newsread ran in) to their
// absolute paths: the marks kept under the old name move to the path the
// directory index holds, and every indexed file gets its article row.
func fileIDs(ctx context.Context, tx *sql.Tx) error {
	rows, err := tx.QueryContext(ctx, `SELECT path, header FROM files`)
	if err != nil {
		return err
	}
	type kept struct {
		path   string
		header []byte
	}
	var files []kept
	for rows.Next() {
		var k kept
		if err := rows.Scan(&k.path, &k.header); err != nil {
			rows.Close()
			return err
		}
		files = append(files, k)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	put, err := newFilePut(ctx, tx)
	if err != nil {
		return err
	}
	defer put.close()
	move, err := tx.PrepareContext(ctx, `UPDATE OR IGNORE state SET id = ? WHERE id = ?`)
	if err != nil {
		return err
	}
	defer move.Close()
	for _, k := range files {
		if a, err := articles.DecodeHeader(k.header); err == nil && a.ID == a.Path && a.ID != k.path {
			if _, err := move.ExecContext(ctx, k.path, a.ID); err != nil {
				return err
			}
		}
		if err := put.put(ctx, tx, k.path, k.header, 0); err != nil {
			return err
		}
	}
	return nil
}

// upsertFileArticle stores the header of a file's article; an article of
// the same ID kept otherwise (a feed item, or a copy piped in) stays.
const upsertFileArticle = insertArticle + `
	ON CONFLICT (id) DO UPDATE SET
		source = excluded.source, path = excluded.path, link = excluded.link,
		title = excluded.title, author = excluded.author, published = excluded.published,
		from_file = excluded.from_file, tags = excluded.tags, summary = excluded.summary,
		seen_at = max(articles.seen_at, excluded.seen_at)
	WHERE articles.body_type = '` + bodyFile + `'`

// Forget drops the entries of paths, and their files' articles from the
// articles table and the full-text index. Their marks stay.
func (f FileIndex) Forget(paths []string) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	f.s.write(ctx, func(tx *sql.Tx) error {
		header, err := tx.PrepareContext(ctx, `SELECT header FROM files WHERE path = ?`)
		if err != nil {
			return err
		}
		defer header.Close()
		st, err := tx.PrepareContext(ctx, `DELETE FROM files WHERE path = ?`)
		if err != nil {
			return err
		}
		defer st.Close()
		del, err := tx.PrepareContext(ctx, `DELETE FROM articles WHERE id = ? AND body_type = '`+bodyFile+`'`)
		if err != nil {
			return err
		}
		defer del.Close()
		for _, p := range paths {
			var h []byte
			if err := header.QueryRowContext(ctx, p).Scan(&h); err == nil {
				if a, err := articles.DecodeHeader(h); err == nil && a.ID != "" {
					res, err := del.ExecContext(ctx, a.ID)
					if err != nil {
						return err
					}
					if n, _ := res.RowsAffected(); n > 0 {
						if err := unindex(ctx, tx, a.ID); err != nil {
							return err
						}
					}
				}
			}
			if _, err := st.ExecContext(ctx, p); err != nil {
				return err
			}
		}
		return nil
	})
}
