package store

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	_ "modernc.org/sqlite" // the "sqlite" driver: pure Go, no cgo

	"newsread/articles"
)

// busyTimeout is how long a statement waits for another connection or
// process holding the write lock before it fails with SQLITE_BUSY.
const busyTimeout = 5 * time.Second

// Store is newsread's state in one SQLite file. It is safe for concurrent
// use, and several processes may open the same file at once (WAL mode):
// the TUI and a `newsread --refresh` from cron, or two TUIs.
//
// Durability: the file runs in WAL mode with synchronous=NORMAL. A
// transaction is in the WAL file, in the operating system's cache, when
// its commit returns, so it survives the process being killed (kill -9)
// at any moment after; only a crash of the whole machine or a power cut
// may lose the last transactions before a checkpoint, never corrupt the
// file.
type Store struct {
	// w is the one connection every write goes through: writes are
	// serialised here rather than fought over inside SQLite.
	w *sql.DB
	// r is the readers' pool, so that a long read never waits for a
	// write, nor a write for a read. It is w for an in-memory store.
	r     *sql.DB
	moved string
	html  *articles.HTMLConverter
	now   func() time.Time
}

// Open opens the store in the file at path, creating it or bringing its
// schema up to date. A database written by a newer newsread is refused
// with ErrNewerSchema. A file that is not newsread's database (not
// SQLite, truncated, corrupt, or another program's SQLite file) is moved
// aside, never deleted, and a fresh store is started: Moved says where
// it went, so that the caller can tell the user.
func Open(path string) (*Store, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	moved, err := setAsideBroken(path)
	if err != nil {
		return nil, err
	}
	s, err := openFile(path)
	if err != nil && isBroken(err) && moved == "" {
		moved, err = moveAside(path)
		if err == nil {
			s, err = openFile(path)
		}
	}
	if err != nil {
		return nil, err
	}
	s.moved = moved
	return s, nil
}

// openFile opens path without looking at what was there before.
func openFile(path string) (*Store, error) {
	w, err := sql.Open("sqlite", fileDSN(path, true))
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	w.SetMaxOpenConns(1)
	s := &Store{w: w, html: articles.NewHTMLConverter(), now: time.Now}
	if err := s.prepare(path); err != nil {
		w.Close()
		return nil, err
	}
	s.r, err = sql.Open("sqlite", fileDSN(path, false))
	if err != nil {
		w.Close()
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	return s, nil
}

// openRetries is how many times opening tries again when another
// process opening the same new file at the same moment holds the lock
// the switch to WAL needs: SQLite fails one of the two at once, without
// waiting, rather than let them deadlock.
const openRetries = 12

// prepare switches the file to WAL and migrates it.
func (s *Store) prepare(path string) error {
	ctx := context.Background()
	wait := 5 * time.Millisecond
	for attempt := 0; ; attempt++ {
		err := s.prepareOnce(ctx)
		if err == nil {
			return nil
		}
		if !isBusy(err) && !isIOErr(err) || attempt == openRetries {
			return fmt.Errorf("open %s: %w", path, err)
		}
		time.Sleep(wait)
		wait = min(2*wait, 500*time.Millisecond)
	}
}

func (s *Store) prepareOnce(ctx context.Context) error {
	// Look before changing anything, so that a file moved aside is
	// the file that was there.
	if _, err := checkOurs(ctx, s.w); err != nil {
		return err
	}
	var mode string
	if err := s.w.QueryRowContext(ctx, "PRAGMA journal_mode=WAL").Scan(&mode); err != nil {
		return fmt.Errorf("switch to WAL: %w", err)
	}
	return s.migrate(ctx)
}

// fileDSN is the data source name of a connection to path: the writer's
// transactions take the write lock when they begin (BEGIN IMMEDIATE), so
// that two writers wait for each other through the busy timeout instead
// of failing on a lock upgrade; readers are query-only.
func fileDSN(path string, writer bool) string {
	q := url.Values{}
	q.Add("_pragma", fmt.Sprintf("busy_timeout(%d)", busyTimeout.Milliseconds()))
	q.Add("_pragma", "foreign_keys(1)")
	q.Add("_pragma", "synchronous(NORMAL)")
	if writer {
		// Pages of 16 KiB hold several bodies of a few kilobytes each
		// (4 KiB pages hold one and waste the rest: twice the size on
		// disk). It only counts when the file is created.
		q.Add("_pragma", "page_size(16384)")
		q.Set("_txlock", "immediate")
	} else {
		q.Add("_pragma", "query_only(1)")
	}
	return "file:" + uriPath(path) + "?" + q.Encode()
}

// uriPath escapes what SQLite's URI file names give a meaning to.
func uriPath(path string) string {
	if abs, err := filepath.Abs(path); err == nil {
		path = abs
	}
	return strings.NewReplacer("%", "%25", "?", "%3f", "#", "%23").Replace(path)
}

// OpenMemory opens a new, empty store held in memory, for tests. Each
// call gets a database of its own, kept while the store is open.
func OpenMemory() (*Store, error) {
	var b [8]byte
	if _, err := rand.Read(b[:]); err != nil {
		return nil, fmt.Errorf("open in-memory store: %w", err)
	}
	q := url.Values{}
	q.Set("mode", "memory")
	q.Set("cache", "shared")
	q.Add("_pragma", "foreign_keys(1)")
	q.Set("_txlock", "immediate")
	db, err := sql.Open("sqlite", "file:newsread-"+hex.EncodeToString(b[:])+"?"+q.Encode())
	if err != nil {
		return nil, fmt.Errorf("open in-memory store: %w", err)
	}
	// One connection for reads and writes: connections to a shared
	// in-memory database lock each other's tables without waiting.
	db.SetMaxOpenConns(1)
	s := &Store{w: db, r: db, html: articles.NewHTMLConverter(), now: time.Now}
	if err := s.migrate(context.Background()); err != nil {
		db.Close()
		return nil, fmt.Errorf("open in-memory store: %w", err)
	}
	return s, nil
}

// Moved is where a file that was not a usable newsread database was
// moved to when the store was opened, or empty.
func (s *Store) Moved() string { return s.moved }

// Close closes the store.
func (s *Store) Close() error {
	var err error
	if s.r != s.w {
		err = s.r.Close()
	}
	return errors.Join(err, s.w.Close())
}
