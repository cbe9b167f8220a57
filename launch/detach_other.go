//go:build !unix

package launch

import "os/exec"

// detach does nothing here: the program's standard streams are already
// /dev/null's equivalent.
func detach(*exec.Cmd) {}
