package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// busyRetries is how many times a write that found the database busy
// past the busy timeout is tried again.
const busyRetries = 5

// write runs fn in one short write transaction on the writer's
// connection, and tries again when another process kept the database
// busy longer than the busy timeout.
func (s *Store) write(ctx context.Context, fn func(tx *sql.Tx) error) error {
	wait := 50 * time.Millisecond
	for attempt := 0; ; attempt++ {
		err := s.tryWrite(ctx, fn)
		if err == nil || !isBusy(err) || attempt == busyRetries {
			return err
		}
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			t.Stop()
			return errors.Join(err, ctx.Err())
		case <-t.C:
		}
		wait *= 2
	}
}

func (s *Store) tryWrite(ctx context.Context, fn func(tx *sql.Tx) error) error {
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("begin write: %w", err)
	}
	if err := fn(tx); err != nil {
		return errors.Join(err, tx.Rollback())
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("commit: %w", err)
	}
	return nil
}

// isBusy reports whether err is SQLite saying another connection holds
// the lock.
func isBusy(err error) bool {
	var se *sqlite.Error
	if !errors.As(err, &se) {
		return false
	}
	switch se.Code() & 0xff {
	case sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED:
		return true
	}
	return false
}

// isIOErr reports whether err is an SQLite I/O error, as two processes
// creating the same file at once may briefly meet.
func isIOErr(err error) bool {
	var se *sqlite.Error
	return errors.As(err, &se) && se.Code()&0xff == sqlite3.SQLITE_IOERR
}
