//go:build unix

package articles

import (
	"os"
	"syscall"
)

// fileID identifies a directory so that symlink loops are walked once.
type fileID struct{ dev, ino uint64 }

// idOf identifies the directory at path (fi is its os.Stat) by device
// and inode.
func idOf(_ string, fi os.FileInfo) (fileID, bool) {
	st, ok := fi.Sys().(*syscall.Stat_t)
	if !ok {
		return fileID{}, false
	}
	return fileID{dev: uint64(st.Dev), ino: st.Ino}, true
}
