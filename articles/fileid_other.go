//go:build !unix

package articles

import (
	"os"
	"path/filepath"
)

// fileID identifies a directory so that symlink loops are walked once.
type fileID struct{ real string }

// idOf identifies the directory at path by its path with every link
// resolved: the system has no inode numbers to go by.
func idOf(path string, _ os.FileInfo) (fileID, bool) {
	real, err := filepath.EvalSymlinks(path)
	if err != nil {
		return fileID{}, false
	}
	if abs, err := filepath.Abs(real); err == nil {
		real = abs
	}
	return fileID{real: real}, true
}
