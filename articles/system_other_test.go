//go:build !unix

package articles

import (
	"errors"
	"time"
)

// mkfifo is unsupported: this system has no named pipes in its file
// system.
func mkfifo(string) error { return errors.ErrUnsupported }

// cpuTime is unknown here; benchmarks report 0.
func cpuTime() time.Duration { return 0 }
