package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"time"

	"newsread/articles"
	"newsread/ui"
)

// Bounds of the flags.
const (
	// maxWidth caps --width: wider output only pads lines with spaces.
	maxWidth = 400
	// defaultReadingWidth is the reader's measure: past about 100
	// columns lines get too long to follow back to their start.
	defaultReadingWidth = 100
	// minRefreshEvery is the shortest refresh interval (newsboat's too):
	// shorter ones hammer servers and never let a refresh finish.
	minRefreshEvery = time.Minute
)

// errUsage is a command line that cannot be run; the message has been
// printed.
var errUsage = errors.New("bad usage")

// options are the command line, parsed.
type options struct {
	style        string
	width        int
	color        string // auto, always or never: the colours of a printed article
	json         bool
	version      bool
	completion   string // the shell to write a completion script for
	man          bool
	help         bool
	importOPML   string
	exportOPML   bool
	importAcct   string
	exportAcct   string
	refresh      bool
	refreshEvery time.Duration
	sources      []string
	set          map[string]bool // flags given on the command line

	db             string // the state file
	exportState    bool
	importState    string
	importNewsboat string
	pruneDays      int
	search         string

	// Links: OSC 8 off, the player, a browser that draws in the terminal.
	noHyperlinks      bool
	player            string
	browserInTerminal bool
	saveDir           string // where w saves articles; "" is the default
	readingWidth      int    // the widest the reader's text is; 0 the pane's
	browser           string // the configuration's browser; "" is $BROWSER

	config      string // the configuration file; "" is the default one
	printConfig bool

	// Subscribing from the command line, and printing for scripts.
	add        string     // the feed or page to subscribe to; the SOURCEs are its tags
	remove     string     // the feed to unsubscribe from
	format     string     // the template of a printed list line
	lineFormat listFormat // format, parsed
	unread     bool       // print the number of unread articles
}

// flagGroups orders the flags in --help.
var flagGroups = []struct {
	title string
	names []string
}{
	{"Reading", []string{"style", "refresh-every", "reading-width", "save-dir", "no-hyperlinks", "player", "browser-in-terminal"}},
	{"Printing (when standard output is not a terminal)", []string{"width", "color", "json", "format", "unread"}},
	{"Subscriptions", []string{"add", "remove", "refresh", "import-opml", "export-opml", "import-account", "export-account"}},
	{"State (read, starred, positions, the archive)", []string{"search", "db", "export-state", "import-state", "import-newsboat", "prune-days"}},
	{"Configuration", []string{"config", "print-config"}},
	{"Other", []string{"help", "version", "completion", "man"}},
}

const synopsis = `newsread — read articles, feeds and piped stories in the terminal

Usage:
  newsread [flags] [SOURCE ...]
  newsread --add URL [TAG ...] | --remove URL
  newsread --refresh | --import-opml FILE | --export-opml
  newsread --import-account NAME | --export-account NAME

` + synopsisSources

// synopsisSources says what a SOURCE is (in --help and the man page).
const synopsisSources = `SOURCE is a directory (read recursively), an article file (.txt, .md,
.html), a feed file (RSS, Atom, JSON Feed), a subscription list (OPML or
one feed URL a line), a feed URL, a web page's URL (its one feed is read),
or - for standard input. Several mix in one list. With no SOURCE: what
is piped in, else the subscriptions in $XDG_CONFIG_HOME/newsread/urls,
else the current directory.
`

const examples = `
Keys (? in the program lists them all):
  j/k move  enter read  esc back  space/b page  n/p next/previous article
  / filter  s pick a source or tag  r refresh  ! problems  q quit
  o open the link  L list the links  y copy the link  E play the enclosure

Examples:
  newsread ~/news                     a folder of articles
  newsread https://go.dev/blog/feed.atom
  curl -s https://example.org/feed | newsread
  newsread story.md > story.txt       print one article as plain text
  newsread ~/news | sort -r | head    print the list, one article a line
  newsread --json ~/news > all.jsonl && newsread < all.jsonl
  newsread --add https://go.dev/blog/ go   subscribe to its feed, tagged go
  newsread --format '{date} {source}: {title}' | head
  newsread --unread                   the unread count, for a status bar
`

func newFlagSet(o *options) *flag.FlagSet {
	fs := flag.NewFlagSet("newsread", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.StringVar(&o.style, "style", "", "the reader's `STYLE`: "+strings.Join(ui.StyleNames(), ", ")+" or a glamour JSON file (default: light or dark, as the terminal says)")
	fs.IntVar(&o.width, "width", 80, fmt.Sprintf("`COLUMNS` to print at, at most %d", maxWidth))
	fs.StringVar(&o.color, "color", "auto", "`WHEN` a printed article keeps its colours: auto (when printed to a terminal), always (for less -R) or never")
	fs.BoolVar(&o.json, "json", false, "print the articles as JSON Lines (title, body, link, author, published, source, tags) and exit")
	fs.BoolVar(&o.version, "version", false, "print the version and exit")
	fs.StringVar(&o.completion, "completion", "", "print the completion script for `SHELL` (bash, zsh or fish) and exit")
	fs.BoolVar(&o.man, "man", false, "print the manual page (roff) and exit")
	fs.BoolVar(&o.help, "help", false, "print this help and exit")
	fs.BoolVar(&o.help, "h", false, "print this help and exit")
	fs.StringVar(&o.importOPML, "import-opml", "", "add the feeds of an OPML `FILE` to the subscriptions and exit")
	fs.BoolVar(&o.exportOPML, "export-opml", false, "write the subscriptions as OPML 2.0 and exit")
	fs.StringVar(&o.importAcct, "import-account", "", "add the feeds of the account `NAME` (on its server) to the subscriptions and exit")
	fs.StringVar(&o.exportAcct, "export-account", "", "subscribe the account `NAME` (on its server) to every subscription it lacks and exit")
	fs.BoolVar(&o.refresh, "refresh", false, "fetch every subscription and sync every account, print a line each and exit (status 1 if one failed)")
	fs.DurationVar(&o.refreshEvery, "refresh-every", 0, "refresh the feeds every `DURATION` while reading (30m, 1h; at least 1m)")
	fs.StringVar(&o.search, "search", "", "print the stored articles that `QUERY` matches (see the README for the query language) and exit; with --json as JSON Lines")
	fs.StringVar(&o.db, "db", "", "the state `FILE` (default $XDG_DATA_HOME/newsread/newsread.db)")
	fs.BoolVar(&o.exportState, "export-state", false, "write read, starred and reading positions as JSON Lines and exit")
	fs.StringVar(&o.importState, "import-state", "", "read state written by --export-state from `FILE` (- for standard input) and exit")
	fs.StringVar(&o.importNewsboat, "import-newsboat", "", "carry read and flagged items of a newsboat cache.db `FILE` over, and its archived items, and exit")
	fs.IntVar(&o.pruneDays, "prune-days", 0, "forget read feed items older than `N` days (never starred or unread ones) and exit")
	fs.BoolVar(&o.noHyperlinks, "no-hyperlinks", false, "leave clickable (OSC 8) hyperlinks out of the article text (default: on, but off when TERM is dumb, linux or unset)")
	fs.StringVar(&o.player, "player", "", "the `COMMAND` that plays enclosures (key E); %u marks the URL, else it comes last (default mpv)")
	fs.BoolVar(&o.browserInTerminal, "browser-in-terminal", false, "$BROWSER draws in the terminal: give it the screen until it exits (w3m, lynx, links and elinks are known)")
	fs.IntVar(&o.readingWidth, "reading-width", defaultReadingWidth, fmt.Sprintf("the widest the reader's text is, in `COLUMNS`, centred in a wider reader; 0 for the reader's width (at most %d)", maxWidth))
	fs.StringVar(&o.config, "config", "", "read the configuration from `FILE` (default $XDG_CONFIG_HOME/newsread/config.toml; see the README)")
	fs.BoolVar(&o.printConfig, "print-config", false, "print the default configuration, commented, and exit")
	fs.StringVar(&o.add, "add", "", "subscribe to the feed at `URL`, or to the one feed of the web page at URL (several: they are listed, none added), titled after the feed; the SOURCEs that follow are its tags; then exit")
	fs.StringVar(&o.remove, "remove", "", "unsubscribe from the feed at `URL` and exit (status 1 if not subscribed)")
	fs.StringVar(&o.format, "format", "", "print the list one article a line as `TEMPLATE` says, such as '{date} {source} {title}'; fields: "+fieldList())
	fs.BoolVar(&o.unread, "unread", false, "print the number of unread articles (of the SOURCEs; without any, of the subscriptions' archive, fetching nothing) and exit")
	fs.StringVar(&o.saveDir, "save-dir", "", "the `DIR` the w key saves articles to as markdown (default $XDG_DATA_HOME/newsread/saved)")
	return fs
}

// writeHelp prints the synopsis, the flags by group and examples.
func writeHelp(w io.Writer, fs *flag.FlagSet) {
	var b strings.Builder
	b.WriteString(synopsis)
	for _, g := range flagGroups {
		fmt.Fprintf(&b, "\n%s:\n", g.title)
		for _, name := range g.names {
			f := fs.Lookup(name)
			arg, usage := flag.UnquoteUsage(f)
			if _, ok := f.Value.(interface{ IsBoolFlag() bool }); ok {
				arg = ""
			}
			left := "  --" + name
			if arg != "" {
				left += " " + arg
			}
			writeWrapped(&b, left, usage)
		}
	}
	b.WriteString(examples)
	io.WriteString(w, b.String())
}

// writeWrapped writes a flag and its usage, the usage wrapped in a
// column that keeps the help inside 80 columns.
func writeWrapped(b *strings.Builder, left, usage string) {
	const indent, width = 29, 79
	fmt.Fprintf(b, "%-*s", indent, left)
	col := indent
	if len(left) >= indent {
		b.WriteString("\n" + strings.Repeat(" ", indent))
	}
	for i, word := range strings.Fields(usage) {
		if i > 0 && col+1+len(word) > width {
			b.WriteString("\n" + strings.Repeat(" ", indent))
			col = indent
		} else if i > 0 {
			b.WriteByte(' ')
			col++
		}
		b.WriteString(word)
		col += len(word)
	}
	b.WriteByte('\n')
}

// parseInterspersed parses args with fs, taking flags after sources too
// (newsread story.md --color always), as GNU tools do; the sources go to
// sources in order. After "--" everything is a source.
func parseInterspersed(fs *flag.FlagSet, args []string, sources *[]string) error {
	for {
		if err := fs.Parse(args); err != nil {
			return err
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return nil
		}
		// The flag package stops at "--" (dropped) or at a source.
		if ended := len(args) > len(rest) && args[len(args)-len(rest)-1] == "--"; ended {
			*sources = append(*sources, rest...)
			return nil
		}
		*sources = append(*sources, rest[0])
		args = rest[1:]
	}
}

// parseFlags reads the command line. --help is printed on stdout (so it
// pages); mistakes go to stderr with a pointer to --help.
func parseFlags(args []string, stdout, stderr io.Writer) (options, error) {
	o := options{set: map[string]bool{}}
	fs := newFlagSet(&o)
	if err := parseInterspersed(fs, args, &o.sources); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			writeHelp(stdout, fs)
			return o, flag.ErrHelp
		}
		fmt.Fprintf(stderr, "newsread: %s\nRun newsread --help for usage.\n", flagError(err))
		return o, errUsage
	}
	fs.Visit(func(f *flag.Flag) { o.set[f.Name] = true })
	if o.help {
		writeHelp(stdout, fs)
		return o, flag.ErrHelp
	}
	if err := o.check(); err != nil {
		fmt.Fprintf(stderr, "newsread: %v\n", err)
		return o, errUsage
	}
	return o, nil
}

// flagError writes the flag package's complaint with flags as --name.
func flagError(err error) string {
	msg := err.Error()
	if i := strings.Index(msg, ": -"); i >= 0 && !strings.HasPrefix(msg[i+3:], "-") {
		msg = msg[:i+2] + "-" + msg[i+2:]
	}
	return msg
}

// check refuses values out of range and flags that cannot combine.
func (o *options) check() error {
	switch {
	case o.width < 1:
		return errors.New("--width must be at least 1")
	case o.width > maxWidth:
		return fmt.Errorf("--width must be at most %d", maxWidth)
	case o.readingWidth < 0 || o.readingWidth > maxWidth:
		return fmt.Errorf("--reading-width must be between 0 and %d", maxWidth)
	case o.color != "auto" && o.color != "always" && o.color != "never":
		return fmt.Errorf("--color must be auto, always or never, not %q", articles.Sanitize(o.color))
	case o.refreshEvery < 0:
		return fmt.Errorf("--refresh-every must be positive, not %v", o.refreshEvery)
	case o.set["prune-days"] && o.pruneDays < 1:
		return errors.New("--prune-days must be at least 1")
	case o.refreshEvery > 0 && o.refreshEvery < minRefreshEvery:
		return fmt.Errorf("--refresh-every must be at least %v, not %v", "1m", o.refreshEvery)
	}
	if err := checkStyle(o.style); err != nil {
		return err
	}
	if err := o.checkCombinations(); err != nil {
		return err
	}
	return o.checkSubscribing()
}

// checkCombinations refuses what would otherwise be silently ignored:
// two actions at once, or flags and sources an action does not use.
func (o options) checkCombinations() error {
	var actions []string
	for _, name := range []string{"refresh", "import-opml", "export-opml", "import-account", "export-account", "json", "version", "completion", "man", "export-state", "import-state", "import-newsboat", "prune-days", "search", "add", "remove", "unread", "print-config"} {
		if o.set[name] {
			actions = append(actions, "--"+name)
		}
	}
	if len(actions) == 2 && o.set["search"] && o.set["json"] {
		actions = []string{"--search"} // --search prints JSON Lines with --json
	}
	if len(actions) > 1 {
		return fmt.Errorf("%s cannot be used together", strings.Join(actions, " and "))
	}
	action := ""
	if len(actions) == 1 {
		action = actions[0]
	}
	// The flags of the screen do nothing for the actions.
	screen := []string{"style", "width", "color", "refresh-every", "reading-width", "save-dir", "no-hyperlinks", "player", "browser-in-terminal"}
	unused := map[string][]string{
		"--refresh":         screen,
		"--import-opml":     screen,
		"--export-opml":     screen,
		"--import-account":  screen,
		"--export-account":  screen,
		"--version":         screen,
		"--completion":      screen,
		"--man":             screen,
		"--json":            screen,
		"--export-state":    screen,
		"--import-state":    screen,
		"--import-newsboat": screen,
		"--prune-days":      screen,
		"--search":          screen,
		"--print-config":    append(screen, "config"),
		"--add":             screen,
		"--remove":          screen,
		"--unread":          screen,
	}[action]
	for _, name := range unused {
		if o.set[name] {
			return fmt.Errorf("--%s has no effect with %s", name, action)
		}
	}
	// --add takes its tags where the sources go; --unread counts sources.
	if len(o.sources) > 0 && action != "" && action != "--json" && action != "--add" && action != "--unread" {
		return fmt.Errorf("%s takes no SOURCE (got %s)", action, articles.Sanitize(o.sources[0]))
	}
	return nil
}

// checkStyle accepts the named glamour styles and existing JSON files.
func checkStyle(style string) error {
	if style == "" || slices.Contains(ui.StyleNames(), style) {
		return nil
	}
	if strings.HasSuffix(style, ".json") {
		if _, err := os.Stat(style); err != nil {
			return fmt.Errorf("style file: %w", err)
		}
		return nil
	}
	return fmt.Errorf("unknown style %q: use %s or a .json file", articles.Sanitize(style), strings.Join(ui.StyleNames(), ", "))
}

// checkSubscribing parses --format and refuses it where nothing prints
// a list.
func (o *options) checkSubscribing() error {
	if !o.set["format"] {
		return nil
	}
	for _, name := range []string{"json", "add", "remove", "unread", "refresh", "import-opml", "export-opml", "import-account", "export-account", "export-state", "import-state", "import-newsboat", "prune-days", "version", "completion", "man"} {
		if o.set[name] {
			return fmt.Errorf("--format has no effect with --%s", name)
		}
	}
	f, err := parseFormat(o.format)
	if err != nil {
		return err
	}
	if len(f) == 0 {
		return errors.New("--format: an empty template prints nothing")
	}
	o.lineFormat = f
	return nil
}
