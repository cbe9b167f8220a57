package ui

import "context"

// State is what newsread remembers of one article.
type State struct {
	Read    bool
	Starred bool
	// Position is where reading stopped: the words at the top of the
	// screen (found again in a rendering at any width), and how far down
	// the article they were, for when they are not found.
	Position Position
}

// Position is a place in an article.
type Position struct {
	Anchor   string  // the first words on screen, space-separated
	Percent  float64 // 0 to 1
	Finished bool    // the end was reached
}

// Store is what the screen needs from the state store. Its methods may
// block on the disk; the UI calls them only from commands, never from
// Update or View, and a mark shows on screen before it is written.
type Store interface {
	// States returns the state of those of ids that have one.
	States(ctx context.Context, ids []string) (map[string]State, error)
	// SetRead marks ids read or unread.
	SetRead(ctx context.Context, ids []string, read bool) error
	// SetStarred stars or unstars id.
	SetStarred(ctx context.Context, id string, starred bool) error
	// SetPosition keeps where reading of id stopped.
	SetPosition(ctx context.Context, id string, p Position) error
}

// Searcher finds articles by the query language of the filter box (words,
// "phrases", -exclusions, title:, author:, feed:, tag:, is:, after:,
// before:, newer:, older:). Its methods may block; the UI calls them only
// from commands.
type Searcher interface {
	// Search returns the IDs of the articles query matches, newest first
	// or, with relevance, best first, and the words and phrases to
	// highlight. A query that cannot be read is an error whose message
	// is fit for the status line.
	Search(ctx context.Context, query string, relevance bool) (ids []string, terms []string, err error)
	// Index indexes what the full-text index lacks, calling progress
	// now and then; the UI runs it in the background at the start.
	Index(ctx context.Context, progress func(done, total int)) error
	// Saved returns the saved searches by name; Save keeps one (an empty
	// query deletes it).
	Saved(ctx context.Context) (map[string]string, error)
	Save(ctx context.Context, name, query string) error
}
