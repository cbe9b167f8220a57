package articles

import (
	"bytes"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf8"
)

// A list of inputs is what `find . -name '*.md'` (one path a line) or
// `find . -print0` (NUL after each path) prints, or a list of feed URLs,
// or a mix of them.

// maxListEntry is the longest line taken as a path or a URL.
const maxListEntry = 4096

// LooksLikePathList reports whether data is a list of paths or URLs, one
// a line or NUL-separated (IsNULList). It is when at least two thirds of
// its non-empty entries (among the first sniffLines) look like one: an
// http(s) URL or another scheme://host one, a path that exists, or a
// path to a missing file named like an article or a feed (a.md,
// news/feed.xml). So one entry that is missing or odd does not turn the
// list into a plain-text article, and a single line that is an existing
// path is a list of one. Prose lines look like none of these.
func LooksLikePathList(data []byte) bool {
	entries, good := 0, 0
	for e := range listEntries(data) {
		entries++
		if isURL(e) || looksLikePath(e) {
			good++
		}
		if entries == sniffLines {
			break
		}
	}
	return entries > 0 && 3*good >= 2*entries
}

// IsNULList reports whether data is a NUL-separated list (as
// `find -print0` and `xargs -0` use) rather than a line-separated one:
// it holds a NUL byte. Whether it is a list at all is LooksLikePathList's
// call; a NUL in anything else makes it binary.
func IsNULList(data []byte) bool { return bytes.IndexByte(data, 0) >= 0 }

// SplitList splits a list that LooksLikePathList accepts into its paths
// and its URLs, each in the order of the list, without empty entries.
// Any entry of the form scheme://… is a URL, whatever the scheme (the
// caller says which it supports), except file:// URLs, which are given
// as their paths. Entries that look like neither stay paths, so that
// opening them reports them.
func SplitList(data []byte) (paths, urls []string) {
	for e := range listEntries(data) {
		switch {
		case hasScheme(e):
			if p, ok := filePath(e); ok {
				paths = append(paths, p)
			} else {
				urls = append(urls, strings.TrimSpace(e))
			}
		default:
			paths = append(paths, trimPath(e))
		}
	}
	return paths, urls
}

// listEntries yields the non-empty entries of a list: NUL-separated when
// data holds a NUL, else lines without their line ends.
func listEntries(data []byte) func(yield func(string) bool) {
	return func(yield func(string) bool) {
		sep, trim := byte('\n'), "\r\n"
		if IsNULList(data) {
			sep, trim = 0, ""
		}
		for len(data) > 0 {
			var e []byte
			if i := bytes.IndexByte(data, sep); i >= 0 {
				e, data = data[:i], data[i+1:]
			} else {
				e, data = data, nil
			}
			if trim != "" {
				e = bytes.TrimRight(e, trim)
			}
			if len(bytes.TrimSpace(e)) == 0 {
				continue
			}
			if !yield(string(e)) {
				return
			}
		}
	}
}

// looksLikePath reports whether e is an existing path, or is shaped like
// the path of an article or feed file: one line of printable text, not a
// markdown list item or heading, ending in such an extension.
func looksLikePath(e string) bool {
	if len(e) > maxListEntry {
		return false
	}
	if _, err := os.Lstat(trimPath(e)); err == nil {
		return true
	}
	if !utf8.ValidString(e) || strings.TrimSpace(e) != e || hasControl(e) {
		return false
	}
	if len(e) > 2 && strings.ContainsRune("-*+#>", rune(e[0])) && e[1] == ' ' {
		return false
	}
	return IsArticleFile(e) || isFeedName(e)
}

// trimPath is e, or e without surrounding white space when only that
// names a file: a hand-written list may carry stray spaces.
func trimPath(e string) string {
	t := strings.TrimSpace(e)
	if t == e {
		return e
	}
	if _, err := os.Lstat(e); err != nil {
		if _, err := os.Lstat(t); err == nil {
			return t
		}
	}
	return e
}

// isFeedName reports whether path is named like a feed or subscription
// file.
func isFeedName(path string) bool {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".xml", ".rss", ".atom", ".rdf", ".json", ".jsonl", ".opml":
		return true
	}
	return false
}

// hasControl reports whether s holds a C0 or C1 control character.
func hasControl(s string) bool {
	for _, r := range s {
		if r < 0x20 || r >= 0x7f && r <= 0x9f {
			return true
		}
	}
	return false
}

// hasScheme reports whether e starts like a URL: scheme://.
func hasScheme(e string) bool {
	e = strings.TrimSpace(e)
	i := strings.Index(e, "://")
	if i <= 0 {
		return false
	}
	for k := 0; k < i; k++ {
		c := e[k]
		if !isLetter(c) && (k == 0 || !(c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.')) {
			return false
		}
	}
	return true
}

// isURL reports whether e is one URL with a scheme and a host (or a
// file:// URL), nothing else on the line.
func isURL(e string) bool {
	e = strings.TrimSpace(e)
	if len(e) > maxListEntry || !hasScheme(e) || strings.ContainsAny(e, " \t") || hasControl(e) {
		return false
	}
	u, err := url.Parse(e)
	return err == nil && (u.Host != "" || u.Scheme == "file" && u.Path != "")
}

// filePath is the path of a file:// URL.
func filePath(e string) (string, bool) {
	u, err := url.Parse(strings.TrimSpace(e))
	if err != nil || !strings.EqualFold(u.Scheme, "file") || u.Path == "" || u.Host != "" && u.Host != "localhost" {
		return "", false
	}
	return u.Path, true
}
