package config

import (
	"fmt"
	"strconv"
)

// Problem is one thing wrong in a configuration file: the file, the line
// (0 when unknown), the key (dotted, as keys.open) and why. A Warning is
// a key that is not known, which is otherwise ignored; any other problem
// leaves the default in place of the bad value.
type Problem struct {
	File    string
	Line    int
	Key     string
	Why     string
	Warning bool
}

// Where is the file and the line, as file:12.
func (p Problem) Where() string {
	if p.Line > 0 {
		return p.File + ":" + strconv.Itoa(p.Line)
	}
	return p.File
}

// Error reads as config.toml:12: keys.open: "ctrl+" is not a key.
func (p Problem) Error() string {
	if p.Key == "" {
		return p.Where() + ": " + p.Why
	}
	return fmt.Sprintf("%s: %s: %s", p.Where(), p.Key, p.Why)
}

// nearest is the name of known closest to name by edit distance.
func nearest(name string, known []string) string {
	best, bestD := "", -1
	for _, k := range known {
		if d := distance(name, k); bestD < 0 || d < bestD {
			best, bestD = k, d
		}
	}
	return best
}

// distance is the Levenshtein distance of a and b, in bytes (the known
// names are ASCII).
func distance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
