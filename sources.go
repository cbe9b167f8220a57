package main

import (
	"errors"
	"io/fs"
	"os"

	"newsread/input"
)

// errNothingPiped refuses "-" when standard input is a terminal or
// /dev/null: reading it would wait for keys that the screen needs.
var errNothingPiped = errors.New("standard input (-): nothing is piped in")

// buildSources turns the SOURCE arguments into sources. A SOURCE that does
// not exist, cannot be read without blocking, or names an address newsread
// cannot fetch is an error, reported before any screen is drawn. With no
// SOURCE: what is piped in (an empty pipe is an empty input), else the
// subscriptions, else the current directory.
func buildSources(args []string, stdin *os.File, env *input.Env) ([]input.Source, error) {
	if len(args) == 0 {
		if isPiped(stdin) {
			return []input.Source{env.Stdin(stdin)}, nil
		}
		def, err := env.Default()
		if err != nil {
			return nil, err
		}
		return []input.Source{def}, nil
	}
	var sources []input.Source
	stdinUsed := false
	for _, arg := range args {
		if arg == "-" {
			switch {
			case stdinUsed:
				return nil, errors.New("standard input (-) given twice")
			case !isPiped(stdin):
				return nil, errNothingPiped
			}
			stdinUsed = true
			sources = append(sources, env.Stdin(stdin))
			continue
		}
		src, err := env.Arg(arg)
		if err != nil {
			return nil, err
		}
		sources = append(sources, src)
	}
	return sources, nil
}

// isPiped reports whether something is piped or redirected into stdin: a
// pipe, a socket or a regular file. A terminal, /dev/null or a closed
// stdin is not.
func isPiped(f *os.File) bool {
	if f == nil {
		return false
	}
	info, err := f.Stat()
	if err != nil {
		return false
	}
	mode := info.Mode()
	return mode&(fs.ModeNamedPipe|fs.ModeSocket) != 0 || mode.IsRegular()
}
