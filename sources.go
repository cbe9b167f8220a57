package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"

	"newsread/ui"
)

// buildSources turns the SOURCE arguments into sources. A SOURCE that does
// not exist is an error, reported before any screen is drawn. With no
// SOURCE: what is piped in, else the subscriptions, else the current
// directory.
func buildSources(args []string, stdin *os.File, f *feeds) ([]ui.Source, error) {
	if len(args) == 0 {
		def, err := defaultSource(f)
		if err != nil {
			return nil, err
		}
		if isPiped(stdin) {
			// An empty pipe (cron hands one over) reads as if nothing was piped.
			src := newStdinSource(stdin, f.dataSource)
			src.empty = def
			return []ui.Source{src}, nil
		}
		return []ui.Source{def}, nil
	}
	var sources []ui.Source
	stdinUsed := false
	for _, arg := range args {
		switch {
		case arg == "-":
			if stdinUsed {
				return nil, errors.New("standard input (-) given twice")
			}
			stdinUsed = true
			sources = append(sources, newStdinSource(stdin, f.dataSource))
			continue
		case isURL(arg):
			sources = append(sources, f.urlSource(arg))
			continue
		}
		info, err := os.Stat(arg)
		if errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("%s: no such file or directory", arg)
		}
		if err != nil {
			return nil, err
		}
		if info.IsDir() {
			sources = append(sources, f.dirSource(arg))
			continue
		}
		src, err := f.fileSource(arg)
		if err != nil {
			return nil, err
		}
		sources = append(sources, src)
	}
	return sources, nil
}

// defaultSource is what newsread reads when given nothing: the
// subscriptions when there is a urls file, else the current directory.
func defaultSource(f *feeds) (ui.Source, error) {
	subs, problems, ok, err := f.subscriptions()
	if err != nil {
		return nil, err
	}
	if ok {
		return f.subscriptionSource("feeds", subs, problems), nil
	}
	return f.dirSource("."), nil
}

// isURL reports whether a SOURCE is a feed address.
func isURL(arg string) bool {
	lower := strings.ToLower(arg)
	return strings.HasPrefix(lower, "http://") || strings.HasPrefix(lower, "https://")
}

// isPiped reports whether something is piped or redirected into stdin: a
// pipe or a regular file. A terminal, /dev/null or a closed stdin is not.
func isPiped(f *os.File) bool {
	if f == nil {
		return false
	}
	info, err := f.Stat()
	if err != nil {
		return false
	}
	mode := info.Mode()
	return mode&fs.ModeNamedPipe != 0 || mode.IsRegular()
}
