package main

import (
	"io"

	"newsread/articles"
)

// cleanWriter passes what is written through the sanitiser that titles
// go through: no escape sequence or control character other than tab and
// newline gets out. Every message is one Write, so a sequence is never
// split between two.
type cleanWriter struct{ w io.Writer }

func (c cleanWriter) Write(p []byte) (int, error) {
	s := articles.Sanitize(string(p))
	if _, err := io.WriteString(c.w, s); err != nil {
		return 0, err
	}
	return len(p), nil
}
