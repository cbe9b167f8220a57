package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
)

// Saved is a search kept under a name.
type Saved struct {
	Name  string
	Query string
}

// SaveSearch keeps query under name, replacing what name held. A query
// that does not parse is refused with ErrBadQuery.
func SaveSearch(ctx context.Context, db *sql.DB, name, query string) error {
	name = strings.TrimSpace(name)
	if name == "" {
		return errors.New("save search: a saved search needs a name")
	}
	if _, err := Parse(query, time.Time{}); err != nil {
		return fmt.Errorf("save search %q: %w", name, err)
	}
	_, err := db.ExecContext(ctx, "INSERT OR REPLACE INTO searches(name, query) VALUES (?, ?)", name, query)
	if err != nil {
		return fmt.Errorf("save search %q: %w", name, err)
	}
	return nil
}

// Searches returns the saved searches by name.
func Searches(ctx context.Context, db *sql.DB) ([]Saved, error) {
	rows, err := db.QueryContext(ctx, "SELECT name, query FROM searches ORDER BY name")
	if err != nil {
		return nil, fmt.Errorf("saved searches: %w", err)
	}
	defer rows.Close()
	var out []Saved
	for rows.Next() {
		var s Saved
		if err := rows.Scan(&s.Name, &s.Query); err != nil {
			return nil, fmt.Errorf("saved searches: %w", err)
		}
		out = append(out, s)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("saved searches: %w", err)
	}
	return out, nil
}

// DeleteSearch forgets the search saved as name; forgetting one that is
// not there is no error.
func DeleteSearch(ctx context.Context, db *sql.DB, name string) error {
	if _, err := db.ExecContext(ctx, "DELETE FROM searches WHERE name = ?", name); err != nil {
		return fmt.Errorf("delete search %q: %w", name, err)
	}
	return nil
}
