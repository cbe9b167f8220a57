package articles

import (
	"syscall"
	"time"
)

// statFile is the fileStat of the file at path (links followed), not ok
// when it cannot be had. It asks the system directly: os.Stat's
// FileInfo was an allocation a file, on every start.
func statFile(path string) fileStat {
	var st syscall.Stat_t
	for {
		err := syscall.Stat(path, &st)
		if err == nil {
			break
		}
		if err != syscall.EINTR {
			return fileStat{}
		}
	}
	return fileStat{size: st.Size, modTime: time.Unix(st.Mtim.Unix()), regular: st.Mode&syscall.S_IFMT == syscall.S_IFREG, ok: true}
}
