package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"
	"unicode/utf8"
)

// State is what newsread remembers of one article (the same as ui.State,
// which this package may not import; main converts).
type State struct {
	Read     bool
	Starred  bool
	Position Position
}

// Position is where reading of an article stopped (as ui.Position).
type Position struct {
	Anchor   string  // the first words on screen, space-separated
	Percent  float64 // 0 to 1
	Finished bool    // the end was reached
}

// batchSize bounds the parameters of one IN list, well under SQLite's
// limit on bound parameters.
const batchSize = 500

// idBatch is how many IDs go to SQLite in one statement.
const idBatch = 5000

// idSet is a query of one column, value, listing ids, and its
// parameters: one JSON array (one parameter, whatever the number of IDs)
// unless an ID is not valid UTF-8, as a file's path may be, which JSON
// cannot carry; then a parameter an ID.
func idSet(ids []string) (string, []any) {
	valid := true
	for _, id := range ids {
		valid = valid && utf8.ValidString(id)
	}
	list, err := json.Marshal(ids)
	if !valid || err != nil {
		return "SELECT column1 AS value FROM (VALUES " + strings.TrimSuffix(strings.Repeat("(?), ", len(ids)), ", ") + ")", anys(ids)
	}
	return "SELECT value FROM json_each(?)", []any{string(list)}
}

// States returns the state of those of ids that have one.
func (s *Store) States(ctx context.Context, ids []string) (map[string]State, error) {
	out := make(map[string]State, len(ids))
	for start := 0; start < len(ids); start += idBatch {
		set, args := idSet(ids[start:min(start+idBatch, len(ids))])
		rows, err := s.r.QueryContext(ctx, `SELECT s.id, s.read, s.starred, s.position, s.percent, s.finished
			FROM (`+set+`) AS ids CROSS JOIN state s ON s.id = ids.value`, args...)
		if err != nil {
			return nil, fmt.Errorf("read states: %w", err)
		}
		if err := scanStates(rows, out); err != nil {
			return nil, fmt.Errorf("read states: %w", err)
		}
	}
	return out, nil
}

func scanStates(rows *sql.Rows, out map[string]State) error {
	defer rows.Close()
	for rows.Next() {
		var id string
		var st State
		p := &st.Position
		if err := rows.Scan(&id, &st.Read, &st.Starred, &p.Anchor, &p.Percent, &p.Finished); err != nil {
			return err
		}
		out[id] = st
	}
	return rows.Err()
}

// SetRead marks ids read or unread, all in one transaction. An article
// marked read keeps the time it was first read (read_at) when it is
// marked read again, as a bulk mark does. A change of an article that
// is a server's item is queued for the server in the same transaction
// (see QueuedMarks).
func (s *Store) SetRead(ctx context.Context, ids []string, read bool) error {
	if len(ids) == 0 {
		return nil
	}
	now := s.now()
	readAt := int64(0)
	if read {
		readAt = now.Unix()
	}
	err := s.write(ctx, func(tx *sql.Tx) error {
		for start := 0; start < len(ids); start += idBatch {
			set, args := idSet(ids[start:min(start+idBatch, len(ids))])
			if err := queueMarks(ctx, tx, "read", set, args, read, now); err != nil {
				return err
			}
			// "WHERE true" tells SQLite's parser that ON CONFLICT is
			// the upsert's, not a join's.
			if _, err := tx.ExecContext(ctx, `INSERT INTO state (id, read, read_at, updated_at)
				SELECT value, ?, ?, ? FROM (`+set+`) WHERE true
				ON CONFLICT (id) DO UPDATE SET
					read_at = CASE WHEN excluded.read AND state.read THEN state.read_at ELSE excluded.read_at END,
					read = excluded.read, updated_at = excluded.updated_at`,
				append([]any{read, readAt, now.UnixMilli()}, args...)...); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("mark %d articles read=%t: %w", len(ids), read, err)
	}
	return nil
}

// SetStarred stars or unstars id. A change of an article that is a
// server's item is queued for the server in the same transaction (see
// QueuedMarks).
func (s *Store) SetStarred(ctx context.Context, id string, starred bool) error {
	now := s.now()
	err := s.write(ctx, func(tx *sql.Tx) error {
		set, args := idSet([]string{id})
		if err := queueMarks(ctx, tx, "starred", set, args, starred, now); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO state (id, starred, updated_at) VALUES (?, ?, ?)
			ON CONFLICT (id) DO UPDATE SET starred = excluded.starred, updated_at = excluded.updated_at`,
			id, starred, now.UnixMilli())
		return err
	})
	if err != nil {
		return fmt.Errorf("star article: %w", err)
	}
	return nil
}

// SetPosition keeps where reading of id stopped.
func (s *Store) SetPosition(ctx context.Context, id string, p Position) error {
	err := s.write(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO state (id, position, percent, finished, updated_at) VALUES (?, ?, ?, ?, ?)
			ON CONFLICT (id) DO UPDATE SET position = excluded.position, percent = excluded.percent,
				finished = excluded.finished, updated_at = excluded.updated_at`,
			id, p.Anchor, p.Percent, p.Finished, s.now().UnixMilli())
		return err
	})
	if err != nil {
		return fmt.Errorf("keep reading position: %w", err)
	}
	return nil
}

func anys(ss []string) []any {
	out := make([]any, len(ss))
	for i, s := range ss {
		out[i] = s
	}
	return out
}
