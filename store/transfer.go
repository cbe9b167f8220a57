package store

import (
	"bufio"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"
)

// stateLine is one line of exported state, JSON Lines.
type stateLine struct {
	ID       string        `json:"id"`
	Link     string        `json:"link,omitempty"`
	Read     bool          `json:"read"`
	Starred  bool          `json:"starred"`
	ReadAt   string        `json:"read_at,omitempty"` // RFC 3339
	Position *positionLine `json:"position,omitempty"`
}

type positionLine struct {
	Anchor   string  `json:"anchor,omitempty"`
	Percent  float64 `json:"percent"`
	Finished bool    `json:"finished,omitempty"`
}

// ExportState writes the state of every article that has one as JSON
// Lines: id, link, read, starred, read_at (RFC 3339, omitted when not
// known) and position (omitted when none), ordered by id. JSON carries
// only UTF-8: the ID of a file whose path is not valid UTF-8 is written
// with U+FFFD in place of the bad bytes, and will not match on import.
func (s *Store) ExportState(ctx context.Context, w io.Writer) error {
	rows, err := s.r.QueryContext(ctx, `SELECT s.id, COALESCE(NULLIF(a.link, ''), s.link), s.read, s.starred,
			s.read_at, s.position, s.percent, s.finished
		FROM state s LEFT JOIN articles a ON a.id = s.id ORDER BY s.id`)
	if err != nil {
		return fmt.Errorf("export state: %w", err)
	}
	defer rows.Close()
	bw := bufio.NewWriter(w)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	for rows.Next() {
		var l stateLine
		var readAt int64
		var p positionLine
		if err := rows.Scan(&l.ID, &l.Link, &l.Read, &l.Starred, &readAt, &p.Anchor, &p.Percent, &p.Finished); err != nil {
			return fmt.Errorf("export state: %w", err)
		}
		if readAt != 0 {
			l.ReadAt = time.Unix(readAt, 0).UTC().Format(time.RFC3339)
		}
		if p != (positionLine{}) {
			l.Position = &p
		}
		if err := enc.Encode(l); err != nil {
			return fmt.Errorf("export state: %w", err)
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("export state: %w", err)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("export state: %w", err)
	}
	return nil
}

// maxStateLine bounds one line of imported state.
const maxStateLine = 1 << 20

// ImportState reads state written by ExportState and keeps it, each line
// replacing what the store had for its id (so importing twice makes no
// duplicates). Lines that cannot be read are skipped and reported, with
// their numbers, in the error; n counts the lines kept.
func (s *Store) ImportState(ctx context.Context, r io.Reader) (n int, err error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64*1024), maxStateLine)
	var bad []error
	var batch []stateLine
	flush := func() error {
		if err := s.putStates(ctx, batch); err != nil {
			return err
		}
		n += len(batch)
		batch = batch[:0]
		return nil
	}
	for line := 1; sc.Scan(); line++ {
		text := strings.TrimSpace(sc.Text())
		if text == "" {
			continue
		}
		l, err := parseStateLine(text)
		if err != nil {
			bad = append(bad, fmt.Errorf("line %d: %w", line, err))
			continue
		}
		if batch = append(batch, l); len(batch) == putBatch {
			if err := flush(); err != nil {
				return n, fmt.Errorf("import state: %w", err)
			}
		}
	}
	if err := sc.Err(); err != nil {
		bad = append(bad, fmt.Errorf("read: %w", err))
	}
	if err := flush(); err != nil {
		return n, fmt.Errorf("import state: %w", err)
	}
	if len(bad) > 0 {
		return n, fmt.Errorf("import state: %d lines skipped: %w", len(bad), errors.Join(bad...))
	}
	return n, nil
}

func parseStateLine(text string) (stateLine, error) {
	var l stateLine
	dec := json.NewDecoder(strings.NewReader(text))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&l); err != nil {
		return l, err
	}
	if dec.More() {
		return l, errors.New("more than one value on the line")
	}
	if l.ID == "" {
		return l, errors.New("no id")
	}
	if l.ReadAt != "" {
		if _, err := time.Parse(time.RFC3339, l.ReadAt); err != nil {
			return l, fmt.Errorf("read_at: %w", err)
		}
	}
	if p := l.Position; p != nil && (p.Percent < 0 || p.Percent > 1) {
		return l, fmt.Errorf("position percent %g is not between 0 and 1", p.Percent)
	}
	return l, nil
}

// putStates keeps lines in one transaction.
func (s *Store) putStates(ctx context.Context, lines []stateLine) error {
	if len(lines) == 0 {
		return nil
	}
	now := s.now().UnixMilli()
	return s.write(ctx, func(tx *sql.Tx) error {
		st, err := tx.PrepareContext(ctx, `INSERT INTO state
			(id, link, read, read_at, starred, position, percent, finished, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (id) DO UPDATE SET link = excluded.link, read = excluded.read,
				read_at = excluded.read_at, starred = excluded.starred, position = excluded.position,
				percent = excluded.percent, finished = excluded.finished, updated_at = excluded.updated_at`)
		if err != nil {
			return err
		}
		defer st.Close()
		for _, l := range lines {
			var readAt int64
			if t, err := time.Parse(time.RFC3339, l.ReadAt); err == nil {
				readAt = t.Unix()
			}
			var p positionLine
			if l.Position != nil {
				p = *l.Position
			}
			if _, err := st.ExecContext(ctx, l.ID, l.Link, l.Read, readAt, l.Starred,
				p.Anchor, p.Percent, p.Finished, now); err != nil {
				return err
			}
		}
		return nil
	})
}
