package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"

	"newsread/articles"
	"newsread/ui"
)

// buildSources turns the SOURCE arguments into sources. A SOURCE that does
// not exist is an error, reported before any screen is drawn.
func buildSources(args []string, stdin *os.File) ([]ui.Source, error) {
	if len(args) == 0 {
		if isPiped(stdin) {
			return []ui.Source{newStdinSource(stdin)}, nil
		}
		args = []string{"."}
	}
	var sources []ui.Source
	stdinUsed := false
	for _, arg := range args {
		if arg == "-" {
			if stdinUsed {
				return nil, errors.New("standard input (-) given twice")
			}
			stdinUsed = true
			sources = append(sources, newStdinSource(stdin))
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
			sources = append(sources, articles.NewDir(arg))
		} else {
			sources = append(sources, articles.NewFile(arg))
		}
	}
	return sources, nil
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
