package remote

import (
	"fmt"
	"strconv"
	"strings"

	"newsread/articles"
)

// longPrefix starts the long form of a Google Reader item id, whose
// rest is the id as 16 hexadecimal digits (the short form's 64 bits,
// unsigned). The short form is the same 64 bits as a signed decimal.
const longPrefix = "tag:google.com,2005:reader/item/"

// parseItemID reads an item id in either form.
func parseItemID(s string) (int64, error) {
	s = strings.TrimSpace(s)
	if hex, ok := strings.CutPrefix(s, longPrefix); ok {
		u, err := strconv.ParseUint(hex, 16, 64)
		if err != nil || hex == "" {
			return 0, fmt.Errorf("item id %q: the long form wants 16 hexadecimal digits", articles.CleanLine(s))
		}
		return int64(u), nil
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		return 0, fmt.Errorf("item id %q is neither a decimal number nor a long Google Reader id", articles.CleanLine(s))
	}
	return n, nil
}

// longItemID is the long form of a short id.
func longItemID(id int64) string { return fmt.Sprintf("%s%016x", longPrefix, uint64(id)) }
