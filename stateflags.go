package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/adrg/xdg"

	"newsread/articles"
	"newsread/store"
)

// statePath is where the state lives: --db, else under XDG_DATA_HOME.
func statePath(opts options) string {
	if opts.db != "" {
		return opts.db
	}
	return filepath.Join(xdg.DataHome, "newsread", "newsread.db")
}

// saveDir is where the reader saves articles: --save-dir, else under
// XDG_DATA_HOME beside the state, where newsread DIR can read them again.
func saveDir(opts options) string {
	if opts.saveDir != "" {
		return opts.saveDir
	}
	return filepath.Join(xdg.DataHome, "newsread", "saved")
}

// stateAction runs the state flags that act and exit; ok is false when
// none was given.
func stateAction(ctx context.Context, opts options, stdin io.Reader, stdout, stderr io.Writer) (status int, ok bool) {
	if !opts.exportState && opts.importState == "" && opts.importNewsboat == "" && opts.pruneDays == 0 {
		return 0, false
	}
	s, err := store.Open(statePath(opts))
	if err != nil {
		fmt.Fprintln(stderr, "newsread:", err)
		return exitFailure, true
	}
	defer s.Close()
	if moved := s.Moved(); moved != "" {
		fmt.Fprintf(stderr, "newsread: %s was not a newsread database: moved to %s, started afresh\n", statePath(opts), moved)
	}
	switch {
	case opts.exportState:
		err = s.ExportState(ctx, stdout)
	case opts.importState != "":
		err = importState(ctx, s, opts.importState, stdin, stdout)
	case opts.importNewsboat != "":
		var im store.Imported
		im, err = s.ImportNewsboat(ctx, opts.importNewsboat)
		if err == nil {
			fmt.Fprintf(stdout, "imported %s: %d read, %d starred (%d without GUID or link skipped)\n", plural(im.Items, "item"), im.Read, im.Starred, im.Skipped)
		}
	case opts.pruneDays > 0:
		var n int
		n, err = s.Prune(ctx, time.Duration(opts.pruneDays)*24*time.Hour)
		if err == nil {
			fmt.Fprintf(stdout, "pruned %s read more than %d days ago\n", plural(n, "item"), opts.pruneDays)
		}
	}
	if err != nil {
		fmt.Fprintln(stderr, "newsread:", err)
		return exitFailure, true
	}
	return exitOK, true
}

// importState reads exported state from a file, or stdin for "-".
func importState(ctx context.Context, s *store.Store, path string, stdin io.Reader, stdout io.Writer) error {
	r := stdin
	if path != "-" {
		f, err := os.Open(path)
		if err != nil {
			return err
		}
		defer f.Close()
		r = f
	}
	n, err := s.ImportState(ctx, r)
	fmt.Fprintf(stdout, "imported the state of %s from %s\n", plural(n, "article"), articles.Sanitize(path))
	return err
}
