package store

import (
	"context"
	"database/sql"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"time"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// sqliteMagic begins every SQLite database file.
const sqliteMagic = "SQLite format 3\x00"

// setAsideBroken moves the file at path aside when it is plainly not a
// usable SQLite database: not SQLite at all, or shorter than its header
// says (truncated) and failing SQLite's own check. An empty or missing
// file is a new database. It returns where the file went, or "".
func setAsideBroken(path string) (string, error) {
	fi, err := os.Stat(path)
	switch {
	case errors.Is(err, os.ErrNotExist):
		return "", nil
	case err != nil:
		return "", fmt.Errorf("open %s: %w", path, err)
	case !fi.Mode().IsRegular():
		return "", fmt.Errorf("open %s: not a regular file", path)
	case fi.Size() == 0:
		return "", nil
	}
	suspect, err := looksBroken(path, fi.Size())
	if err != nil || !suspect {
		return "", err
	}
	if ok, err := quickCheck(path); err != nil || ok {
		return "", err
	}
	return moveAside(path)
}

// looksBroken reads the file's header: a file that is not SQLite is
// broken, and one shorter than the page count its header states (with
// no WAL file that could hold the rest) is suspect.
func looksBroken(path string, size int64) (bool, error) {
	f, err := os.Open(path)
	if err != nil {
		return false, fmt.Errorf("open %s: %w", path, err)
	}
	defer f.Close()
	var h [100]byte
	if _, err := io.ReadFull(f, h[:]); err != nil {
		return true, nil // shorter than a header
	}
	if string(h[:16]) != sqliteMagic {
		return true, nil
	}
	pageSize := int64(binary.BigEndian.Uint16(h[16:18]))
	if pageSize == 1 {
		pageSize = 65536
	}
	if pageSize < 512 || pageSize&(pageSize-1) != 0 {
		return true, nil
	}
	if wal, err := os.Stat(path + "-wal"); err == nil && wal.Size() > 0 {
		return false, nil
	}
	pages := int64(binary.BigEndian.Uint32(h[28:32]))
	counted := binary.BigEndian.Uint32(h[24:28]) == binary.BigEndian.Uint32(h[92:96])
	return size%pageSize != 0 || counted && pages*pageSize > size, nil
}

// quickCheck asks SQLite whether the file is sound.
func quickCheck(path string) (bool, error) {
	db, err := sql.Open("sqlite", fileDSN(path, false))
	if err != nil {
		return false, fmt.Errorf("open %s: %w", path, err)
	}
	defer db.Close()
	var res string
	err = db.QueryRowContext(context.Background(), "PRAGMA quick_check(1)").Scan(&res)
	switch {
	case err != nil && isBroken(err):
		return false, nil
	case err != nil:
		return false, fmt.Errorf("check %s: %w", path, err)
	}
	return res == "ok", nil
}

// isBroken reports whether err says the file is not a usable newsread
// database (rather than, say, locked or unreadable).
func isBroken(err error) bool {
	if errors.Is(err, errNotOurs) {
		return true
	}
	var se *sqlite.Error
	if !errors.As(err, &se) {
		return false
	}
	switch se.Code() & 0xff {
	case sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB:
		return true
	}
	return false
}

// moveAside renames the file at path (and its WAL and shared-memory
// files) to PATH.broken-TIMESTAMP, never overwriting an earlier one.
func moveAside(path string) (string, error) {
	base := path + ".broken-" + time.Now().UTC().Format("20060102T150405Z")
	dst := base
	for n := 2; ; n++ {
		if _, err := os.Lstat(dst); errors.Is(err, os.ErrNotExist) {
			break
		}
		dst = fmt.Sprintf("%s-%d", base, n)
	}
	if err := os.Rename(path, dst); errors.Is(err, os.ErrNotExist) {
		return "", nil // another newsread starting at the same moment moved it
	} else if err != nil {
		return "", fmt.Errorf("move broken database aside: %w", err)
	}
	for _, suffix := range []string{"-wal", "-shm", "-journal"} {
		if _, err := os.Lstat(path + suffix); err == nil {
			if err := os.Rename(path+suffix, dst+suffix); err != nil {
				return dst, fmt.Errorf("move broken database aside: %w", err)
			}
		}
	}
	return dst, nil
}
