package articles

import (
	"bytes"
	"encoding/json"
)

// sniffLines is how many non-empty lines (or list entries) the stream
// sniffers look at: enough to judge a stream by most of its lines, few
// enough to cost nothing on a long one.
const sniffLines = 1000

// LooksLikeJSONLines reports whether data is JSON Lines: its first
// non-empty line is one JSON object and at least half of the non-empty
// lines (among the first sniffLines) start as one. A broken line, or a
// line of plain text, further on is then reported by ParseJSONLines as a
// problem for that line rather than turning the whole stream into one
// plain-text article.
func LooksLikeJSONLines(data []byte) bool {
	lines, objects := 0, 0
	for line := range bytes.Lines(data) {
		line = bytes.TrimSpace(line)
		if len(line) == 0 {
			continue
		}
		if lines == 0 && (line[0] != '{' || !json.Valid(line)) {
			return false
		}
		lines++
		if line[0] == '{' {
			objects++
		}
		if lines == sniffLines {
			break
		}
	}
	return lines > 0 && 2*objects >= lines
}
