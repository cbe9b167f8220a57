//go:build !linux

package articles

import "os"

// statFile is the fileStat of the file at path (links followed), not ok
// when it cannot be had.
func statFile(path string) fileStat {
	fi, err := os.Stat(path)
	if err != nil {
		return fileStat{}
	}
	return fileStat{size: fi.Size(), modTime: fi.ModTime(), regular: fi.Mode().IsRegular(), ok: true}
}
