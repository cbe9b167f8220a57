package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"newsread/articles"
)

// ServerItem is one item of an account on a feed server.
type ServerItem struct {
	Account string // the account's name (informative; PutServerItems takes its own)
	ItemID  string // the server's ID of the item
	Article articles.Article
	Read    bool
	Starred bool
	// Changed is when the server last changed the item's state; zero
	// when the server does not say.
	Changed time.Time
}

// QueuedMark is a mark made here on a server's item and not yet sent.
type QueuedMark struct {
	// Seq is the mark's place in the queue, never reused: MarksSent
	// tells by it the mark sent from a newer one of the same item.
	Seq       int64
	ItemID    string
	ArticleID string // empty when the article has left the store
	Read      *bool  // nil: unchanged
	Starred   *bool  // nil: unchanged
	Marked    time.Time
}

// PutServerItems stores the items of account: their articles (as
// PutArticles does), which server item is which article, and the
// server's read and starred state, merged with the marks made here and
// not yet sent as ApplyServerStates merges. All are stored as account's,
// whatever their Account field says.
func (s *Store) PutServerItems(ctx context.Context, account string, items []ServerItem) error {
	now := s.now()
	for start := 0; start < len(items); start += putBatch {
		batch := items[start:min(start+putBatch, len(items))]
		err := s.write(ctx, func(tx *sql.Tx) error {
			as := make([]articles.Article, len(batch))
			ids := make([]string, len(batch))
			states := make(map[string]serverState, len(batch))
			for i, it := range batch {
				if it.ItemID == "" || it.Article.ID == "" {
					return fmt.Errorf("item %d has no ID (server %q, article %q)", start+i, it.ItemID, it.Article.ID)
				}
				as[i], ids[i] = it.Article, it.ItemID
				states[it.ItemID] = serverState{read: it.Read, starred: it.Starred, changed: unixMilliOrZero(it.Changed)}
			}
			if err := putArticles(ctx, tx, as, now.Unix()); err != nil {
				return err
			}
			st, err := tx.PrepareContext(ctx, `INSERT INTO server_items (account, item, article) VALUES (?, ?, ?)
				ON CONFLICT (account, item) DO UPDATE SET article = excluded.article`)
			if err != nil {
				return err
			}
			defer st.Close()
			for _, it := range batch {
				if _, err := st.ExecContext(ctx, account, it.ItemID, it.Article.ID); err != nil {
					return err
				}
			}
			set, args := idSet(ids)
			rows, err := tx.QueryContext(ctx, `SELECT `+localColumns+`
				FROM (`+set+`) AS ids CROSS JOIN server_items si ON si.account = ? AND si.item = ids.value `+localJoins,
				append(args, account)...)
			if err != nil {
				return err
			}
			_, err = mergeStates(ctx, tx, rows, func(item string) serverState { return states[item] }, now)
			return err
		})
		if err != nil {
			return fmt.Errorf("store items of %s: %w", account, err)
		}
	}
	return nil
}

// ApplyServerStates takes the server's read and starred state for every
// stored item of account: the items whose server IDs are in unread are
// unread, the others read; those in starred are starred, the others not.
// changed optionally gives, by server ID, when the server last changed
// an item. unread and starred must be complete lists.
//
// A mark made here and not yet sent wins over the server for what it
// marks (read, starred or both), unless the server changed the item
// after the mark was made: then the server wins and the mark is dropped.
// The sync should send the queued marks before it asks the server for
// the lists, so that the lists show them.
//
// Changes are made as marks are, so that LastMark moves and another
// newsread open on the store shows them; they are not queued. It
// returns how many articles changed.
func (s *Store) ApplyServerStates(ctx context.Context, account string, unread, starred []string, changed map[string]time.Time) (int, error) {
	unreadSet := make(map[string]bool, len(unread))
	for _, id := range unread {
		unreadSet[id] = true
	}
	starredSet := make(map[string]bool, len(starred))
	for _, id := range starred {
		starredSet[id] = true
	}
	lookup := func(item string) serverState {
		return serverState{read: !unreadSet[item], starred: starredSet[item], changed: unixMilliOrZero(changed[item])}
	}
	var n int
	err := s.write(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT `+localColumns+` FROM server_items si `+localJoins+` WHERE si.account = ?`, account)
		if err != nil {
			return err
		}
		n, err = mergeStates(ctx, tx, rows, lookup, s.now())
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("apply the state of %s: %w", account, err)
	}
	return n, nil
}

// serverState is what a server says of one item: changed is Unix
// milliseconds, 0 when unknown.
type serverState struct {
	read, starred bool
	changed       int64
}

// localColumns and localJoins read, for rows of server_items si, the
// local state and queued mark that mergeStates scans.
const (
	localColumns = `si.item, si.article, coalesce(s.read, 0), coalesce(s.starred, 0),
		q.seq, q.read, q.starred, q.marked_at`
	localJoins = `JOIN articles a ON a.id = si.article
		LEFT JOIN state s ON s.id = si.article
		LEFT JOIN sync_marks q ON q.account = si.account AND q.item = si.item`
)

// localItem is one row of localColumns, and what mergeStates makes of it.
type localItem struct {
	item, article string
	read, starred bool // the state here
	mark          sql.NullInt64
	markRead      sql.NullBool
	markStarred   sql.NullBool
	markedAt      sql.NullInt64
	server        serverState
	// What the merge decided.
	toRead, toStarred bool
	dropMark          bool
}

// mergeStates reads rows of localColumns, takes the state server gives
// each item by the merge rule of ApplyServerStates, and writes what
// changed with the time now. It returns how many articles changed.
func mergeStates(ctx context.Context, tx *sql.Tx, rows *sql.Rows, server func(item string) serverState, now time.Time) (int, error) {
	var items []localItem
	for rows.Next() {
		var l localItem
		if err := rows.Scan(&l.item, &l.article, &l.read, &l.starred, &l.mark, &l.markRead, &l.markStarred, &l.markedAt); err != nil {
			rows.Close()
			return 0, err
		}
		items = append(items, l)
	}
	if err := rows.Close(); err != nil {
		return 0, err
	}
	if err := rows.Err(); err != nil {
		return 0, err
	}
	changed := make(map[string]bool)
	for i := range items {
		l := &items[i]
		l.server = server(l.item)
		l.toRead, l.toStarred = l.server.read, l.server.starred
		switch {
		case !l.mark.Valid:
		case l.server.changed > l.markedAt.Int64:
			l.dropMark = true
		default:
			if l.markRead.Valid {
				l.toRead = l.markRead.Bool
			}
			if l.markStarred.Valid {
				l.toStarred = l.markStarred.Bool
			}
		}
		if l.toRead != l.read || l.toStarred != l.starred {
			changed[l.article] = true
		}
	}
	return len(changed), writeMerged(ctx, tx, items, now)
}

// writeMerged writes the states and drops the marks mergeStates decided.
// An article the server marks read was read when the server says it
// changed, when it says.
func writeMerged(ctx context.Context, tx *sql.Tx, items []localItem, now time.Time) error {
	st, err := tx.PrepareContext(ctx, `INSERT INTO state (id, read, read_at, starred, updated_at) VALUES (?, ?, ?, ?, ?)
		ON CONFLICT (id) DO UPDATE SET
			read_at = CASE WHEN excluded.read AND state.read THEN state.read_at ELSE excluded.read_at END,
			read = excluded.read, starred = excluded.starred, updated_at = excluded.updated_at`)
	if err != nil {
		return err
	}
	defer st.Close()
	drop, err := tx.PrepareContext(ctx, `DELETE FROM sync_marks WHERE seq = ?`)
	if err != nil {
		return err
	}
	defer drop.Close()
	for _, l := range items {
		if l.dropMark {
			if _, err := drop.ExecContext(ctx, l.mark.Int64); err != nil {
				return err
			}
		}
		if l.toRead == l.read && l.toStarred == l.starred {
			continue
		}
		readAt := int64(0)
		switch {
		case l.toRead && l.server.read && l.server.changed > 0:
			readAt = l.server.changed / 1000
		case l.toRead:
			readAt = now.Unix()
		}
		if _, err := st.ExecContext(ctx, l.article, l.toRead, readAt, l.toStarred, now.UnixMilli()); err != nil {
			return err
		}
	}
	return nil
}

// queueMarks queues, in tx, a mark setting column ("read" or
// "starred") to value for the server items among the articles of the
// idSet query set whose column it changes. A mark already queued for an
// item is replaced by one that keeps what it marked of the other column.
func queueMarks(ctx context.Context, tx *sql.Tx, column, set string, args []any, value bool, now time.Time) error {
	other := "read"
	if column == "read" {
		other = "starred"
	}
	q := strings.NewReplacer("COLUMN", column, "OTHER", other).Replace(`
		INSERT OR REPLACE INTO sync_marks (account, item, COLUMN, OTHER, marked_at)
		SELECT si.account, si.item, ?, q.OTHER, ?
		FROM (` + set + `) AS ids
		CROSS JOIN server_items si ON si.article = ids.value
		LEFT JOIN state s ON s.id = ids.value
		LEFT JOIN sync_marks q ON q.account = si.account AND q.item = si.item
		WHERE coalesce(s.COLUMN, 0) != ?`)
	all := append([]any{value, now.UnixMilli()}, args...)
	_, err := tx.ExecContext(ctx, q, append(all, value)...)
	return err
}

// QueuedMarks returns the first limit marks queued for account (all
// when limit <= 0), in the order they were made.
func (s *Store) QueuedMarks(ctx context.Context, account string, limit int) ([]QueuedMark, error) {
	if limit <= 0 {
		limit = -1
	}
	rows, err := s.r.QueryContext(ctx, `SELECT q.seq, q.item, coalesce(si.article, ''), q.read, q.starred, q.marked_at
		FROM sync_marks q LEFT JOIN server_items si ON si.account = q.account AND si.item = q.item
		WHERE q.account = ? ORDER BY q.seq LIMIT ?`, account, limit)
	if err != nil {
		return nil, fmt.Errorf("read queued marks of %s: %w", account, err)
	}
	defer rows.Close()
	var out []QueuedMark
	for rows.Next() {
		var m QueuedMark
		var read, starred sql.NullBool
		var at int64
		if err := rows.Scan(&m.Seq, &m.ItemID, &m.ArticleID, &read, &starred, &at); err != nil {
			return nil, fmt.Errorf("read queued marks of %s: %w", account, err)
		}
		if read.Valid {
			m.Read = &read.Bool
		}
		if starred.Valid {
			m.Starred = &starred.Bool
		}
		m.Marked = time.UnixMilli(at)
		out = append(out, m)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read queued marks of %s: %w", account, err)
	}
	return out, nil
}

// MarksSent takes marks, which the server has accepted, off account's
// queue. A mark queued meanwhile for the same item stays.
func (s *Store) MarksSent(ctx context.Context, account string, marks []QueuedMark) error {
	if len(marks) == 0 {
		return nil
	}
	err := s.write(ctx, func(tx *sql.Tx) error {
		st, err := tx.PrepareContext(ctx, `DELETE FROM sync_marks WHERE account = ? AND seq = ?`)
		if err != nil {
			return err
		}
		defer st.Close()
		for _, m := range marks {
			if _, err := st.ExecContext(ctx, account, m.Seq); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("take sent marks of %s off the queue: %w", account, err)
	}
	return nil
}

// Cursor returns where the last successful sync of account got to, as
// the sync gave it to SetCursor, and when; empty and zero before the
// first.
func (s *Store) Cursor(ctx context.Context, account string) (string, time.Time, error) {
	var cursor string
	var at int64
	err := s.r.QueryRowContext(ctx, `SELECT cursor, synced_at FROM accounts WHERE account = ?`, account).Scan(&cursor, &at)
	switch {
	case err == sql.ErrNoRows:
		return "", time.Time{}, nil
	case err != nil:
		return "", time.Time{}, fmt.Errorf("read the sync cursor of %s: %w", account, err)
	}
	if at == 0 {
		return cursor, time.Time{}, nil
	}
	return cursor, time.UnixMilli(at), nil
}

// SetCursor records a successful sync of account, now, and where the
// next one starts.
func (s *Store) SetCursor(ctx context.Context, account, cursor string) error {
	now := s.now().UnixMilli()
	err := s.write(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO accounts (account, cursor, synced_at) VALUES (?, ?, ?)
			ON CONFLICT (account) DO UPDATE SET cursor = excluded.cursor, synced_at = excluded.synced_at`,
			account, cursor, now)
		return err
	})
	if err != nil {
		return fmt.Errorf("keep the sync cursor of %s: %w", account, err)
	}
	return nil
}

// ServerItemIDs returns the stored items of account: article ID by the
// server's item ID.
func (s *Store) ServerItemIDs(ctx context.Context, account string) (map[string]string, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT item, article FROM server_items WHERE account = ?`, account)
	if err != nil {
		return nil, fmt.Errorf("read the items of %s: %w", account, err)
	}
	defer rows.Close()
	out := make(map[string]string)
	for rows.Next() {
		var item, article string
		if err := rows.Scan(&item, &article); err != nil {
			return nil, fmt.Errorf("read the items of %s: %w", account, err)
		}
		out[item] = article
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read the items of %s: %w", account, err)
	}
	return out, nil
}

// AccountFeeds lists the feeds (Article.Feed) of the account's stored
// items, sorted, for EachArchived.
func (s *Store) AccountFeeds(ctx context.Context, account string) ([]string, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT DISTINCT a.feed FROM server_items s JOIN articles a ON a.id = s.article
		WHERE s.account = ? AND a.feed != '' ORDER BY a.feed`, account)
	if err != nil {
		return nil, fmt.Errorf("read the feeds of %s: %w", account, err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var f string
		if err := rows.Scan(&f); err != nil {
			return nil, fmt.Errorf("read the feeds of %s: %w", account, err)
		}
		out = append(out, f)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read the feeds of %s: %w", account, err)
	}
	return out, nil
}

func unixMilliOrZero(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return t.UnixMilli()
}
