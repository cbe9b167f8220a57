package articles

import "strings"

// Fence returns the code fence (``` or ~~~, three or more, indented at
// most three spaces) that line opens or closes, or "".
func Fence(line string) string {
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

// Fences follows the fenced code blocks of markdown, line by line.
type Fences struct {
	open string // the opening fence while inside a block
}

// Code takes the next line and reports whether it is code: a fence, or
// a line inside a fenced block.
func (f *Fences) Code(line string) bool {
	if fence := Fence(line); fence != "" {
		switch {
		case f.open == "":
			f.open = fence
		case fence[0] == f.open[0] && len(fence) >= len(f.open) && strings.TrimSpace(line) == fence:
			f.open = ""
		}
		return true
	}
	return f.open != ""
}
