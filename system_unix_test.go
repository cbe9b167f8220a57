//go:build unix

package main

import (
	"syscall"
	"testing"
)

// mkfifo makes a named pipe at path.
func mkfifo(path string) error { return syscall.Mkfifo(path, 0o644) }

// newSession starts a process in a session of its own, without a
// controlling terminal.
func newSession() *syscall.SysProcAttr { return &syscall.SysProcAttr{Setsid: true} }

// terminalSession starts a process in a session of its own whose
// controlling terminal is its standard input, or its standard output
// when stdin is a pipe.
func terminalSession(_ testing.TB, piped bool) *syscall.SysProcAttr {
	a := &syscall.SysProcAttr{Setsid: true, Setctty: true}
	if piped {
		a.Ctty = 1 // stdout is the terminal; stdin is a pipe
	}
	return a
}
