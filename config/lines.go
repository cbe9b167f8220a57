package config

import (
	"strings"
)

// keyLines maps each dotted key of a TOML text (keys.open, layout) to
// the line it is on, for problems to name. The TOML library keeps
// positions to itself, so this reads the lines again: table headers and
// key = value lines, stepping over multi-line arrays and strings. It is
// only ever a pointer for the user; a key it misses has line 0.
func keyLines(text string) map[string]int {
	lines := map[string]int{}
	table := ""
	depth := 0     // open brackets of a multi-line array
	inString := "" // the delimiter of an open multi-line string
	for i, line := range strings.Split(text, "\n") {
		n := i + 1
		if inString != "" {
			if strings.Contains(line, inString) {
				inString = ""
			}
			continue
		}
		if depth > 0 {
			depth = max(0, depth+brackets(line))
			continue
		}
		t := strings.TrimSpace(line)
		switch {
		case t == "" || t[0] == '#':
			continue
		case strings.HasPrefix(t, "[["):
			table = keyPath(strings.TrimSuffix(strings.TrimPrefix(cutComment(t), "[["), "]]"))
			setLine(lines, table, n)
			continue
		case t[0] == '[':
			table = keyPath(strings.TrimSuffix(strings.TrimPrefix(cutComment(t), "["), "]"))
			setLine(lines, table, n)
			continue
		}
		name, value, ok := strings.Cut(t, "=")
		if !ok {
			continue
		}
		full := keyPath(name)
		if table != "" {
			full = table + "." + full
		}
		setLine(lines, full, n)
		value = strings.TrimSpace(value)
		for _, delim := range []string{`"""`, `'''`} {
			if strings.HasPrefix(value, delim) && !strings.Contains(value[3:], delim) {
				inString = delim
			}
		}
		if strings.HasPrefix(value, "[") {
			depth = max(0, brackets(value))
		}
	}
	return lines
}

func setLine(lines map[string]int, key string, n int) {
	if _, ok := lines[key]; !ok {
		lines[key] = n
	}
}

// keyPath writes a TOML key (dotted, maybe quoted) as dotted names.
func keyPath(k string) string {
	parts := strings.Split(k, ".")
	for i, p := range parts {
		parts[i] = strings.Trim(strings.TrimSpace(p), `"'`)
	}
	return strings.Join(parts, ".")
}

// cutComment drops a comment after a table header.
func cutComment(t string) string {
	if i := strings.LastIndex(t, "]"); i >= 0 {
		return t[:i+1]
	}
	return t
}

// brackets is the balance of [ and ] outside strings and comments.
func brackets(s string) int {
	n := 0
	var quote rune
	for _, r := range s {
		switch {
		case quote != 0:
			if r == quote {
				quote = 0
			}
		case r == '"' || r == '\'':
			quote = r
		case r == '#':
			return n
		case r == '[':
			n++
		case r == ']':
			n--
		}
	}
	return n
}
