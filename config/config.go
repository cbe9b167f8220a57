// Package config reads newsread's configuration file: a TOML file whose
// every key has a default, so an absent file, an absent key or a bad
// value changes nothing but what it names. Problems are reported with the
// file, the line and the key, and never stop the program.
package config

import (
	"path/filepath"
	"time"
)

// Config is everything the file sets. What it does not set stays as the
// defaults the caller passes in.
type Config struct {
	// Keys are the key bindings, one per action, in the program's order.
	Keys []Binding
	// Theme is the colours and the reader's style.
	Theme Theme
	// Layout is the panes and the list's columns.
	Layout Layout
	// Behaviour is what the program does on its own.
	Behaviour Behaviour
	// Searches are saved searches by name, shown in the source picker.
	Searches map[string]string
	// Accounts are the feed servers read beside the local sources, in
	// the order of their names.
	Accounts []Account
}

// Account is a feed server newsread reads from and syncs with
// ([accounts.NAME]). Its secret is never in the file: it is read from
// a file or printed by a command when the account is used.
type Account struct {
	Name     string
	Protocol string // "miniflux" (its REST API) or "greader" (the Google Reader API)
	URL      string // the server's address, as in a browser
	User     string // the user name (Google Reader; Miniflux without a token)
	// TokenFile holds a Miniflux API key; PasswordFile or
	// PasswordCommand the password.
	TokenFile, PasswordFile, PasswordCommand string
}

// Protocols are the values of Account.Protocol.
var Protocols = []string{"miniflux", "greader"}

// Binding is the keys of one action; none unbinds it. Desc says what the
// action does, for the printed configuration.
type Binding struct {
	Action string
	Keys   []string
	Desc   string
}

// Theme is the colours of the interface and the reader's glamour style.
type Theme struct {
	// Style is a glamour style name or a JSON style file; "" follows the
	// terminal's background.
	Style string
	// Dark and Light are the colours for each background.
	Dark, Light []Colour
}

// Colour is one semantic colour token as #RRGGBB; Desc says what it
// colours, for the printed configuration.
type Colour struct {
	Token, Hex, Desc string
}

// Layout is the panes and the list.
type Layout struct {
	WideAbove    int      // the width from which the panes sit side by side
	ListWidth    int      // the list's share of a wide terminal, in percent
	ReadingWidth int      // the widest the reader's text is; 0 the pane's
	DateFormat   string   // "relative" or a Go time layout
	Columns      []string // of "source" and "date"
}

// Behaviour is what the program does by itself.
type Behaviour struct {
	MarkReadOnOpen    bool
	HideRead          bool
	RefreshOnStart    bool          // fetch the subscriptions at the start, not only show their cached copies
	RefreshEvery      time.Duration // 0 never
	Browser           string        // "" is $BROWSER, else the system's opener
	BrowserInTerminal bool
	Player            string // "" is mpv
	SaveDir           string // "" is $XDG_DATA_HOME/newsread/saved
	FullText          []string
}

// Path is where the configuration file is under configHome
// ($XDG_CONFIG_HOME).
func Path(configHome string) string {
	return filepath.Join(configHome, "newsread", "config.toml")
}

// RelativeDate is the DateFormat of the list's short relative dates.
const RelativeDate = "relative"

// Limits of the values.
const (
	minWideAbove, maxWideAbove = 20, 1000
	minListWidth, maxListWidth = 10, 90
	maxReadingWidth            = 400
	minRefreshEvery            = time.Minute
)

// clone copies c deeply enough that changing the copy's slices and map
// leaves c alone.
func (c Config) clone() Config {
	c.Keys = append([]Binding(nil), c.Keys...)
	c.Theme.Dark = append([]Colour(nil), c.Theme.Dark...)
	c.Theme.Light = append([]Colour(nil), c.Theme.Light...)
	c.Layout.Columns = append([]string{}, c.Layout.Columns...)
	c.Behaviour.FullText = append([]string{}, c.Behaviour.FullText...)
	searches := make(map[string]string, len(c.Searches))
	for k, v := range c.Searches {
		searches[k] = v
	}
	c.Searches = searches
	c.Accounts = append([]Account(nil), c.Accounts...)
	return c
}
