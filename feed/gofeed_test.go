package feed

import (
	"bytes"

	"github.com/mmcdole/gofeed"
)

// gofeedParses runs gofeed's own universal parser, the yardstick for the
// corpus test.
func gofeedParses(data []byte) (*gofeed.Feed, error) {
	return gofeed.NewParser().Parse(bytes.NewReader(data))
}
