// Package remote speaks to the feed servers people already run, so that
// subscriptions, items and read and starred marks can be shared between
// machines: Miniflux through its REST API, and every server that speaks
// the Google Reader API (Miniflux, FreshRSS, Inoreader, The Old Reader,
// BazQux). Both protocols sit behind one small interface, Client; another
// protocol is one more file.
//
// Items come as articles.Article values whose ID is the item's link where
// the server gives one, the same ID the feed package gives the item when
// it reads the feed itself, so a story read locally and on the server is
// one story. The server's own id of the item is kept beside it (Item.ID)
// and is what States and Mark speak of.
package remote

import (
	"context"
	"errors"
	"net/http"
	"time"

	"newsread/articles"
)

// Client is what newsread needs from a feed server. Every method is safe
// to call from one goroutine at a time.
type Client interface {
	// Feeds lists the subscriptions; categories or folders are Tags.
	Feeds(ctx context.Context) ([]Feed, error)
	// Items hands over, in pages, the items the server got after since
	// (every item when since is empty), oldest first, and returns the
	// cursor to pass next time. When each fails, Items stops and returns
	// its error and the cursor of the pages handed over before.
	Items(ctx context.Context, since Cursor, each func([]Item) error) (Cursor, error)
	// States gives the server ids of every unread and every starred item,
	// to merge marks made on the server.
	States(ctx context.Context) (unread, starred []string, err error)
	// Mark sets read or unread, starred or not, on the items with these
	// server ids (Item.ID), in as few requests as the server allows.
	Mark(ctx context.Context, ids []string, m Mark) error
	// Subscribe adds a feed to the account, in category when it is not
	// empty (created when missing).
	Subscribe(ctx context.Context, feedURL, category string) error
	// Requests counts the HTTP requests made so far.
	Requests() int
}

// Feed is one subscription on a server.
type Feed struct {
	ID      string // the server's id of the feed
	URL     string // the feed's own URL
	Title   string
	SiteURL string
	Tags    []string // the category or folders it is in
}

// Item is one item as the server has it.
type Item struct {
	// ID is the server's id of the item (a decimal number for both
	// protocols: Google Reader's short form).
	ID      string
	Article articles.Article
	Read    bool
	Starred bool
	// Changed is when the server last changed the item's state, or zero
	// when the protocol does not say (Google Reader).
	Changed time.Time
	// HTML is the item's content as the server gives it, unsanitised.
	HTML string
}

// Cursor marks how far Items has read. It is opaque, stable across runs
// (store it as text), and empty before the first sync.
type Cursor string

// Mark is a change of state; a nil field is left as it is.
type Mark struct {
	Read    *bool
	Starred *bool
}

// ErrUnauthorized is the error (wrapped) when the server refuses the
// token, user name or password.
var ErrUnauthorized = errors.New("the server refused the credentials")

// Options tunes a client. The zero value is good.
type Options struct {
	// HTTP is the client to send requests with; nil means one with a
	// 60-second timeout.
	HTTP *http.Client
	// PageSize is how many items one request asks for; 0 means the
	// largest the protocol allows (1,000 entries on Miniflux, 10,000 ids
	// and 1,000 contents on Google Reader). Tests set it small.
	PageSize int
}

func (o Options) httpClient() *http.Client {
	if o.HTTP != nil {
		return o.HTTP
	}
	return &http.Client{Timeout: 60 * time.Second}
}

// pageSize is o.PageSize, or def when unset, never above max.
func (o Options) pageSize(def, max int) int {
	n := o.PageSize
	if n <= 0 {
		n = def
	}
	return min(n, max)
}
