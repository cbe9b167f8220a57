package ui

import "strings"

const (
	// firstPartBytes is how much markdown the first screen of a long story
	// renders before the rest: plenty for a screen, quick to render.
	firstPartBytes = 12 << 10
	// splitAbove is the length under which a story is rendered whole at once.
	splitAbove = 16 << 10
)

// firstPart cuts md at the first paragraph boundary after firstPartBytes
// that is outside a code fence. more reports whether anything was cut off.
func firstPart(md string) (head string, more bool) {
	if len(md) <= splitAbove {
		return md, false
	}
	var fence string // the opening fence while inside one
	pos := 0
	for pos < len(md) {
		end := strings.IndexByte(md[pos:], '\n')
		if end < 0 {
			break
		}
		line := md[pos : pos+end]
		next := pos + end + 1
		if f := fenceOf(line); f != "" {
			switch {
			case fence == "":
				fence = f
			case f[0] == fence[0] && len(f) >= len(fence) && strings.TrimSpace(line) == f:
				fence = ""
			}
		}
		if fence == "" && pos >= firstPartBytes && strings.TrimSpace(line) == "" {
			return md[:pos], true
		}
		pos = next
	}
	return md, false
}

// fenceOf returns the fence (``` or ~~~, three or more) that opens line, or "".
func fenceOf(line string) string {
	t := strings.TrimLeft(line, " ")
	if len(line)-len(t) > 3 || len(t) < 3 || (t[0] != '`' && t[0] != '~') {
		return ""
	}
	n := 0
	for n < len(t) && t[n] == t[0] {
		n++
	}
	if n < 3 {
		return ""
	}
	return t[:n]
}
