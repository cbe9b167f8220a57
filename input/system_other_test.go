//go:build !unix

package input

import (
	"errors"
)

// mkfifo is unsupported: this system has no named pipes in its file
// system.
func mkfifo(string) error { return errors.ErrUnsupported }
