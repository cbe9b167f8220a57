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
