// Package launch builds the commands that hand a URL to a program outside
// newsread: the browser and the media player. A URL always reaches the
// program as one argument of its own: no shell ever reads it. Only http,
// https and mailto URLs are handed over.
package launch

import (
	"errors"
	"fmt"
	"os/exec"
	"path/filepath"
	"strings"
)

// ErrScheme is a URL that is not http, https or mailto.
var ErrScheme = errors.New("only http, https and mailto links open")

// ErrNoProgram is a browser or player that could not be found.
var ErrNoProgram = errors.New("no program found")

// placeholder marks where the URL goes in a command line (newsboat's).
const placeholder = "%u"

// terminalBrowsers are the browsers that draw in the terminal: they get
// it while they run.
var terminalBrowsers = map[string]bool{
	"w3m": true, "lynx": true, "links": true, "links2": true, "elinks": true,
	"browsh": true, "carbonyl": true,
}

// Check returns an error wrapping ErrScheme unless u is an http or
// https URL with a host, or a mailto URL. It is not stricter than that:
// a URL with a stray % still opens, as browsers take it.
func Check(u string) error {
	if strings.ContainsFunc(u, func(r rune) bool { return r < ' ' || r == 0x7f }) {
		return fmt.Errorf("%w: control characters", ErrScheme)
	}
	scheme, rest, ok := strings.Cut(u, ":")
	if !ok || !isScheme(scheme) {
		return fmt.Errorf("%w: no scheme", ErrScheme)
	}
	switch strings.ToLower(scheme) {
	case "http", "https":
		host, _, _ := strings.Cut(strings.TrimPrefix(rest, "//"), "/")
		host, _, _ = strings.Cut(host, "?")
		host, _, _ = strings.Cut(host, "#")
		if !strings.HasPrefix(rest, "//") || host == "" {
			return fmt.Errorf("%w: no host", ErrScheme)
		}
		return nil
	case "mailto":
		return nil
	}
	return fmt.Errorf("%w, not %s links", ErrScheme, strings.ToLower(scheme))
}

// isScheme reports whether s is a URL scheme (RFC 3986).
func isScheme(s string) bool {
	for i, c := range s {
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z':
		case i > 0 && (c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.'):
		default:
			return false
		}
	}
	return s != ""
}

// Program is one command line to hand a URL to, looked up on PATH.
type Program struct {
	path     string   // the executable, resolved
	args     []string // the command line as written, argv[0] first
	terminal bool     // it draws in the terminal
}

// Command returns the command that hands u to p, after Check: %u in
// an argument is replaced by u, and with no %u anywhere u comes last.
// Nothing is started and nothing is looked up.
func (p *Program) Command(u string) (*exec.Cmd, error) {
	if err := Check(u); err != nil {
		return nil, err
	}
	argv := make([]string, 0, len(p.args)+1)
	placed := false
	for i, a := range p.args {
		if i > 0 && strings.Contains(a, placeholder) {
			a, placed = strings.ReplaceAll(a, placeholder, u), true
		}
		argv = append(argv, a)
	}
	if !placed {
		argv = append(argv, u)
	}
	// Not exec.Command: it would look the program up again.
	return &exec.Cmd{Path: p.path, Args: argv}, nil
}

// Terminal reports whether the program draws in the terminal.
func (p *Program) Terminal() bool { return p.terminal }

// Launcher holds the browser and the player, found once at start. Its
// methods implement ui.Launcher.
type Launcher struct {
	browser, player *Program
	browserErr      error
	playerErr       error
}

// Config is what chooses the programs.
type Config struct {
	// Browser is $BROWSER: a command line (split at spaces, never given
	// to a shell), or several separated by colons, the first found wins.
	Browser string
	// Player is the player's command line; "" means mpv.
	Player string
	// TerminalBrowser says the browser draws in the terminal, whatever
	// its name.
	TerminalBrowser bool
	// GOOS picks the opener when Browser is empty: open on darwin,
	// xdg-open elsewhere.
	GOOS string
	// LookPath finds a program; exec.LookPath.
	LookPath func(string) (string, error)
}

// New finds the browser and the player.
func New(c Config) Launcher {
	if c.LookPath == nil {
		c.LookPath = exec.LookPath
	}
	var l Launcher
	lines := strings.Split(c.Browser, ":")
	if strings.TrimSpace(c.Browser) == "" {
		lines = []string{"xdg-open"}
		if c.GOOS == "darwin" {
			lines = []string{"open"}
		}
	}
	l.browser, l.browserErr = find(lines, c.LookPath)
	if l.browser != nil && c.TerminalBrowser {
		l.browser.terminal = true
	}
	player := c.Player
	if strings.TrimSpace(player) == "" {
		player = "mpv"
	}
	l.player, l.playerErr = find([]string{player}, c.LookPath)
	if l.player != nil {
		// A player shows its controls (and plays audio) in the terminal.
		l.player.terminal = true
	}
	return l
}

// find returns the first command line of lines whose program exists.
func find(lines []string, lookPath func(string) (string, error)) (*Program, error) {
	var names []string
	for _, line := range lines {
		args := strings.Fields(line)
		if len(args) == 0 {
			continue
		}
		names = append(names, args[0])
		path, err := lookPath(args[0])
		if err != nil {
			continue
		}
		return &Program{path: path, args: args, terminal: terminalBrowsers[filepath.Base(args[0])]}, nil
	}
	if len(names) == 0 {
		return nil, ErrNoProgram
	}
	return nil, fmt.Errorf("%w: %s", ErrNoProgram, strings.Join(names, ", "))
}

// Browser returns the command that opens u in the browser.
func (l Launcher) Browser(u string) (*exec.Cmd, bool, error) {
	return command(l.browser, l.browserErr, "browser", u)
}

// Player returns the command that plays u.
func (l Launcher) Player(u string) (*exec.Cmd, bool, error) {
	return command(l.player, l.playerErr, "player", u)
}

func command(p *Program, err error, what, u string) (*exec.Cmd, bool, error) {
	if cerr := Check(u); cerr != nil {
		return nil, false, cerr
	}
	if p == nil {
		return nil, false, fmt.Errorf("no %s: %w", what, err)
	}
	cmd, err := p.Command(u)
	if err != nil {
		return nil, false, err
	}
	if !p.terminal {
		detach(cmd)
	}
	return cmd, p.terminal, nil
}
