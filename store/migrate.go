package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// ErrNewerSchema is returned by Open for a database written by a newer
// newsread, whose schema this one does not know: it is left untouched.
var ErrNewerSchema = errors.New("database written by a newer newsread")

// errNotOurs is a valid SQLite file that is not newsread's database.
var errNotOurs = errors.New("not a newsread database")

// migrate brings the schema up to the newest version this binary knows,
// one step a transaction, each recorded in PRAGMA user_version. Another
// process migrating at the same moment is waited for: the step's
// transaction takes the write lock first and then reads the version.
func (s *Store) migrate(ctx context.Context) error {
	v, err := checkOurs(ctx, s.w)
	if err != nil {
		return err
	}
	if v > len(migrations) {
		return fmt.Errorf("%w: its schema is version %d and this newsread knows versions up to %d; upgrade newsread",
			ErrNewerSchema, v, len(migrations))
	}
	for step := v; step < len(migrations); step++ {
		if err := s.migrateStep(ctx, step); err != nil {
			return err
		}
	}
	return nil
}

// migrateStep applies migrations[step] unless another process has.
func (s *Store) migrateStep(ctx context.Context, step int) error {
	return s.write(ctx, func(tx *sql.Tx) error {
		v, err := userVersion(ctx, tx)
		if err != nil || v > step {
			return err
		}
		if _, err := tx.ExecContext(ctx, migrations[step]); err != nil {
			return fmt.Errorf("migrate schema to version %d: %w", step+1, err)
		}
		if fn := migrationSteps[step]; fn != nil {
			if err := fn(ctx, tx); err != nil {
				return fmt.Errorf("migrate schema to version %d: %w", step+1, err)
			}
		}
		// PRAGMA takes no parameters; step+1 is our own integer.
		if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", step+1)); err != nil {
			return fmt.Errorf("migrate schema to version %d: %w", step+1, err)
		}
		return nil
	})
}

type querier interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

func userVersion(ctx context.Context, q querier) (int, error) {
	var v int
	if err := q.QueryRowContext(ctx, "PRAGMA user_version").Scan(&v); err != nil {
		return 0, fmt.Errorf("read schema version: %w", err)
	}
	return v, nil
}

// checkOurs tells newsread's database (or a new, empty one) from another
// program's SQLite file, and returns its schema version: ours has its
// tables once it has a version, and no tables before. Version and tables
// are read in one statement, one snapshot, so that another process
// creating the schema at that moment is not taken for a foreign one.
func checkOurs(ctx context.Context, q querier) (int, error) {
	var version, all, ours int
	err := q.QueryRowContext(ctx, `SELECT (SELECT user_version FROM pragma_user_version),
			count(*), count(CASE WHEN name IN ('articles', 'state') THEN 1 END)
		FROM sqlite_master WHERE type = 'table'`).Scan(&version, &all, &ours)
	if err != nil {
		return 0, fmt.Errorf("read schema: %w", err)
	}
	switch {
	case version == 0 && all > 0:
		return 0, fmt.Errorf("%w: it has %d tables of another program and no schema version", errNotOurs, all)
	case version > 0 && ours < 2:
		return 0, fmt.Errorf("%w: schema version %d without newsread's tables", errNotOurs, version)
	}
	return version, nil
}
