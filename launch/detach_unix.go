//go:build unix

package launch

import (
	"os/exec"
	"syscall"
)

// detach puts a background program in a session of its own, away from
// the terminal newsread draws on: it cannot read the keys or write on
// the screen, and it outlives newsread.
func detach(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true}
}
