package articles

import (
	"strings"
	"time"
)

// fileTimeZero stands for a file without a known modification time.
var fileTimeZero time.Time

func dirOf(p string) string { return p[:strings.LastIndexByte(p, '/')] }
