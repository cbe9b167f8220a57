package articles

import "time"

// fileTimeZero stands for a file without a known modification time.
var fileTimeZero time.Time
