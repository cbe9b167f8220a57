package config

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// modifiers are the modifier names of a key, in the order Bubble Tea
// writes them (ctrl+alt+x, never alt+ctrl+x).
var modifiers = []string{"ctrl", "alt", "shift", "meta", "hyper", "super"}

// namedKeys are the keys Bubble Tea names (besides f1…f63 and single
// characters).
var namedKeys = map[string]bool{
	"enter": true, "tab": true, "backspace": true, "esc": true, "space": true,
	"up": true, "down": true, "left": true, "right": true, "begin": true,
	"find": true, "insert": true, "delete": true, "select": true,
	"pgup": true, "pgdown": true, "home": true, "end": true,
	"capslock": true, "scrolllock": true, "numlock": true, "printscreen": true,
	"pause": true, "menu": true,
}

// checkKey returns key as Bubble Tea writes it (the modifiers in its
// order), or why it is not a key.
func checkKey(key string) (string, error) {
	bad := func(why string) (string, error) {
		if why == "" {
			return "", fmt.Errorf("%q is not a key", key)
		}
		return "", fmt.Errorf("%q is not a key: %s", key, why)
	}
	if key == "" {
		return bad("")
	}
	base, mods := key, ""
	if i := strings.LastIndex(key[:len(key)-1], "+"); i >= 0 {
		base, mods = key[i+1:], key[:i]
	}
	if base == "" || strings.HasSuffix(key, "+") && len(key) > 1 && !strings.HasSuffix(key, "++") {
		return bad("")
	}
	var have []string
	if mods != "" {
		for m := range strings.SplitSeq(mods, "+") {
			switch {
			case !slices.Contains(modifiers, m):
				return bad(fmt.Sprintf("%q is not a modifier (%s)", m, strings.Join(modifiers, ", ")))
			case slices.Contains(have, m):
				return bad(m + " twice")
			}
			have = append(have, m)
		}
	}
	if !isBaseKey(base) {
		if base == " " {
			return bad(`write "space"`)
		}
		return bad("")
	}
	var b strings.Builder
	for _, m := range modifiers {
		if slices.Contains(have, m) {
			b.WriteString(m + "+")
		}
	}
	b.WriteString(base)
	return b.String(), nil
}

// isBaseKey reports whether s is a key without modifiers: a named key,
// a function key or one printable character.
func isBaseKey(s string) bool {
	if namedKeys[s] {
		return true
	}
	if n, ok := strings.CutPrefix(s, "f"); ok {
		if i, err := strconv.Atoi(n); err == nil && i >= 1 && i <= 63 && n[0] != '0' {
			return true
		}
	}
	r, size := utf8.DecodeRuneInString(s)
	return size == len(s) && r != utf8.RuneError && unicode.IsPrint(r) && !unicode.IsSpace(r)
}
