// Command newsread is a terminal news reader: articles from directories,
// files, feeds and standard input in one list, read as styled markdown.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/adrg/xdg"
	"github.com/charmbracelet/x/term"

	"newsread/config"
	"newsread/input"
	"newsread/ui"
)

// storeWatch is how often the screen looks for items another process
// added to the store and marks another newsread made.
const storeWatch = 2 * time.Second

// Exit statuses.
const (
	exitOK       = 0
	exitFailure  = 1
	exitBadUsage = 2
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

func run(args []string, stdin *os.File, stdout *os.File, stderr io.Writer) int {
	// Nothing from a file name, a feed or a server reaches the terminal
	// raw through a message.
	stderr = cleanWriter{stderr}
	opts, err := parseFlags(args, stdout, stderr)
	if errors.Is(err, flag.ErrHelp) {
		return exitOK
	}
	if err != nil {
		return exitBadUsage
	}
	switch {
	case opts.version:
		fmt.Fprintln(stdout, versionLine())
		return exitOK
	case opts.set["completion"]:
		if err := writeCompletion(stdout, opts.completion, newFlagSet(&options{})); err != nil {
			fmt.Fprintln(stderr, "newsread:", err)
			return exitBadUsage
		}
		return exitOK
	case opts.printConfig:
		if err := config.Write(stdout, defaultConfig(), ui.StyleNames()); err != nil {
			fmt.Fprintln(stderr, "newsread:", err)
			return exitFailure
		}
		return exitOK
	case opts.man:
		if err := writeMan(stdout, newFlagSet(&options{}), currentVersion()); err != nil {
			fmt.Fprintln(stderr, "newsread:", err)
			return exitFailure
		}
		return exitOK
	}
	ctx, stop := context.WithCancel(context.Background())
	defer stop()

	env := input.NewEnv(xdg.ConfigHome, xdg.CacheHome, currentVersion())
	switch {
	case opts.importOPML != "":
		if err := importOPML(env, opts.importOPML, stdout); err != nil {
			fmt.Fprintln(stderr, "newsread:", err)
			return exitFailure
		}
		return exitOK
	case opts.exportOPML:
		if err := exportOPML(env, stdout); err != nil {
			fmt.Fprintln(stderr, "newsread:", err)
			return exitFailure
		}
		return exitOK
	case opts.set["import-account"] || opts.set["export-account"]:
		cfg, cfgProblems := loadConfig(opts)
		writeConfigProblems(stderr, cfgProblems)
		if err := moveSubscriptions(ctx, env, cfg.Accounts, opts.importAcct, opts.exportAcct, stdout); err != nil {
			fmt.Fprintln(stderr, "newsread:", err)
			return exitFailure
		}
		return exitOK
	case opts.refresh:
		cfg, cfgProblems := loadConfig(opts)
		writeConfigProblems(stderr, cfgProblems)
		return refresh(ctx, env, statePath(opts), cfg.Accounts, stdout, stderr)
	case opts.set["add"]:
		return addFeed(ctx, env, opts.add, opts.sources, stdout, stderr)
	case opts.set["remove"]:
		return removeFeed(env, opts.remove, stdout, stderr)
	case opts.unread:
		cfg, cfgProblems := loadConfig(opts)
		writeConfigProblems(stderr, cfgProblems)
		return printUnread(ctx, env, opts, cfg.Accounts, stdin, stdout, stderr)
	}
	if opts.set["search"] {
		return search(ctx, opts, stdout, stderr)
	}
	if status, ok := stateAction(ctx, opts, stdin, stdout, stderr); ok {
		return status
	}

	// The file fills in what no flag says; its problems never stop the
	// reading.
	cfg, cfgProblems := loadConfig(opts)
	applyConfig(&opts, cfg)
	env.CachedOnLoad = !cfg.Behaviour.RefreshOnStart

	// What the first screen does not need waits until it is drawn.
	first := newFirstScreen(firstScreenLimit)
	defer first.open()
	env.HoldFetches = first.wait
	state := newStateStore(statePath(opts))
	defer state.close()
	env.Index = state // a folder read again reads only what changed
	// The feed servers' accounts are read with the subscriptions when no
	// SOURCE is named; with accounts and no urls file, they are all.
	withAccounts := len(opts.sources) == 0 && !isPiped(stdin) && len(cfg.Accounts) > 0
	var sources []input.Source
	if _, _, subscribed, _ := env.Subscriptions(); !withAccounts || subscribed {
		var err error
		if sources, err = buildSources(opts.sources, stdin, env); err != nil {
			fmt.Fprintln(stderr, "newsread:", err)
			return exitBadUsage
		}
	}
	sources, flush := keepInState(state, env, opts, sources)
	defer flush()
	if withAccounts {
		home, _ := os.UserHomeDir()
		for _, a := range cfg.Accounts {
			sources = append(sources, &accountSource{st: state, account: a, home: home})
		}
	}

	if opts.json || opts.lineFormat != nil || !term.IsTerminal(stdout.Fd()) {
		first.open() // nothing is drawn
		writeConfigProblems(stderr, cfgProblems)
		return printSources(ctx, sources, opts, state, stdout, stderr)
	}
	keys, closeKeys, err := keyboard(stdin)
	if err != nil {
		// No terminal for the keyboard (cron, CI): print instead.
		first.open()
		writeConfigProblems(stderr, cfgProblems)
		return printSources(ctx, sources, opts, state, stdout, stderr)
	}
	defer closeKeys()
	state.start() // in the background: the first screen never waits for it
	for _, s := range sources {
		switch s := s.(type) {
		case *archiveSource:
			s.lean = true // the screen opens an item to show more than its title
			s.first = first
		case *accountSource:
			s.lean = true
		}
	}

	uiSources := make([]ui.Source, len(sources))
	for i, s := range sources {
		uiSources[i] = s
	}
	uiOpts := withConfig(ui.Options{
		Sources:      uiSources,
		Style:        opts.style,
		NoColor:      os.Getenv("NO_COLOR") != "",
		Now:          time.Now,
		RefreshEvery: opts.refreshEvery,
		// One story file opens in the reader at once; one piped article
		// does when it has been read (the source says so then).
		OpenSingle: len(sources) == 1 && input.IsSingle(sources[0]),
		Store:      state,
		Searcher:   savedSearches{Searcher: state, extra: cfg.Searches},
		// Links open in $BROWSER; enclosures play in the player.
		Launcher:     newLauncher(opts, os.Getenv),
		NoHyperlinks: !hyperlinks(opts, os.Getenv),
		// Inside the article: where w saves, how wide the text is.
		SaveDir:      saveDir(opts),
		ReadingWidth: opts.readingWidth,
		FullText:     fullTextFor(env, state, cfg.Behaviour.FullText),
		FirstScreen:  first.open,
	}, cfg, cfgProblems)
	model, err := newScreen(uiOpts, opts)
	if err != nil {
		fmt.Fprintln(stderr, "newsread:", err)
		return exitBadUsage
	}
	// lipgloss has already looked at the terminal's colours while it was
	// initialised; asking again would run `tmux info` a second time.
	// 120 frames a second halve the wait for the frame that shows a key's
	// effect or the first titles (idle cost measured: 2.2 % of a core
	// against 1.5 % at the default 60).
	p := tea.NewProgram(model, tea.WithInput(keys), tea.WithOutput(stdout), tea.WithContext(ctx),
		tea.WithColorProfile(lipgloss.Writer.Profile), tea.WithFPS(120))
	// Items another process adds (a --refresh from cron) join the list;
	// marks another newsread makes show.
	var itemsCame func()
	var stores []int // the sources that list what the store keeps
	for i, s := range sources {
		switch s.(type) {
		case *archiveSource, *accountSource:
			stores = append(stores, i)
		}
	}
	if len(stores) > 0 {
		itemsCame = func() {
			for _, i := range stores {
				p.Send(ui.SourceChanged{Source: i})
			}
		}
	}
	// What is stored, by this process or another, is indexed for search;
	// the writers only leave a note, so a busy screen never holds them.
	storedNote := make(chan struct{}, 1)
	stored := func() {
		select {
		case storedNote <- struct{}{}:
		default:
		}
	}
	go func() {
		for {
			select {
			case <-ctx.Done():
				return
			case <-storedNote:
				p.Send(ui.ArticlesStored{})
			}
		}
	}()
	state.onStored(stored)
	// Marks made here on a server's items go out as soon as they are in
	// the store (the watcher sees them within its interval).
	var accounts []*accountSource
	for _, s := range sources {
		if a, ok := s.(*accountSource); ok {
			accounts = append(accounts, a)
		}
	}
	marksChanged := func() {
		p.Send(ui.StatesChanged{})
		for _, a := range accounts {
			go a.pushMarks(ctx)
		}
	}
	go watchStore(ctx, state, storeWatch, stored, itemsCame, marksChanged)
	if _, err := p.Run(); err != nil && !errors.Is(err, tea.ErrProgramKilled) {
		fmt.Fprintln(stderr, "newsread:", err)
		return exitFailure
	}
	return exitOK
}

// keyboard returns where keys come from: standard input when it is a
// terminal, else the controlling terminal, so `cat x | newsread` still
// reads keys.
func keyboard(stdin *os.File) (io.Reader, func(), error) {
	if term.IsTerminal(stdin.Fd()) {
		return stdin, func() {}, nil
	}
	in, out, err := tea.OpenTTY()
	if err != nil {
		return nil, nil, fmt.Errorf("open terminal: %w", err)
	}
	return in, func() { in.Close(); out.Close() }, nil
}
