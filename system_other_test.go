//go:build !unix

package main

import (
	"errors"
	"syscall"
	"testing"
)

// mkfifo is unsupported: this system has no named pipes in its file
// system.
func mkfifo(string) error { return errors.ErrUnsupported }

// newSession is a plain process: there are no sessions to leave.
func newSession() *syscall.SysProcAttr { return &syscall.SysProcAttr{} }

// terminalSession skips: the tests drive the program through a Unix
// pseudo-terminal.
func terminalSession(tb testing.TB, _ bool) *syscall.SysProcAttr {
	tb.Skip("no Unix pseudo-terminal on this system")
	return nil
}
