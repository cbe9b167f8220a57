package store

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"newsread/articles"
)

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
	rows, err := f.s.r.QueryContext(ctx, `SELECT path, size, mtime, header FROM files WHERE path >= ? AND path < ?`, prefix, upper)
	if err != nil {
		return nil, fmt.Errorf("read the directory index: %w", err)
	}
	defer rows.Close()
	out := map[string]articles.IndexEntry{}
	for rows.Next() {
		var e articles.IndexEntry
		var mtime int64
		if err := rows.Scan(&e.Path, &e.Size, &mtime, &e.Header); err != nil {
			return nil, fmt.Errorf("read the directory index: %w", err)
		}
		e.ModTime = time.Unix(0, mtime)
		out[e.Path] = e
	}
	return out, rows.Err()
}

// Keep remembers entries, replacing what was kept for their paths. A
// failure is not reported: the index only saves work, and the next scan
// reads the files again.
func (f FileIndex) Keep(entries []articles.IndexEntry) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	f.s.write(ctx, func(tx *sql.Tx) error {
		st, err := tx.PrepareContext(ctx, `INSERT INTO files (path, size, mtime, header) VALUES (?, ?, ?, ?)
			ON CONFLICT (path) DO UPDATE SET size = excluded.size, mtime = excluded.mtime, header = excluded.header`)
		if err != nil {
			return err
		}
		defer st.Close()
		for _, e := range entries {
			if _, err := st.ExecContext(ctx, e.Path, e.Size, e.ModTime.UnixNano(), e.Header); err != nil {
				return err
			}
		}
		return nil
	})
}

// Forget drops the entries of paths.
func (f FileIndex) Forget(paths []string) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	f.s.write(ctx, func(tx *sql.Tx) error {
		st, err := tx.PrepareContext(ctx, `DELETE FROM files WHERE path = ?`)
		if err != nil {
			return err
		}
		defer st.Close()
		for _, p := range paths {
			if _, err := st.ExecContext(ctx, p); err != nil {
				return err
			}
		}
		return nil
	})
}
