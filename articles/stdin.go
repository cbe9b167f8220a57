package articles

import (
	"bytes"
	"encoding/json"
	"os"
	"strings"
	"unicode/utf8"
)

// LooksLikeJSONLines reports whether data is JSON Lines: its first
// non-empty line is one JSON object and the next two (if any) start as
// one, so a broken line further on is reported as a bad line rather
// than turning the whole stream into one plain-text article.
func LooksLikeJSONLines(data []byte) bool {
	checked := 0
	for line := range bytes.Lines(data) {
		line = bytes.TrimSpace(line)
		if len(line) == 0 {
			continue
		}
		if line[0] != '{' || checked == 0 && !json.Valid(line) {
			return false
		}
		if checked++; checked == 3 {
			break
		}
	}
	return checked > 0
}

// LooksLikePathList reports whether data is a list of article file paths,
// one per line, as `find . -name '*.md'` prints: every non-empty line ends
// in an article extension and the first few exist.
func LooksLikePathList(data []byte) bool {
	if !utf8.Valid(data) || bytes.IndexByte(data, 0) >= 0 {
		return false
	}
	stated, lines := 0, 0
	for line := range strings.Lines(string(data)) {
		p := strings.TrimRight(line, "\r\n")
		if strings.TrimSpace(p) == "" {
			continue
		}
		lines++
		if len(p) > 4096 || !IsArticleFile(p) {
			return false
		}
		if stated < 3 {
			stated++
			if _, err := os.Stat(p); err != nil {
				return false
			}
		}
	}
	return lines > 0
}

// Paths returns the paths of a list that LooksLikePathList accepts.
func Paths(data []byte) []string {
	var out []string
	for line := range strings.Lines(string(data)) {
		if p := strings.TrimRight(line, "\r\n"); strings.TrimSpace(p) != "" {
			out = append(out, p)
		}
	}
	return out
}
