package main

import (
	"io"

	"newsread/articles"
)

// cleanWriter passes what is written through the sanitiser that titles
// go through: no escape sequence or control character other than tab and
// newline gets out. It is for messages (standard error), each one Write,
// so that neither a sequence nor a character is split between two; the
// printed articles are clean when made (list fields, plain renderings,
// JSON's own escapes) and go out as they are, whatever the buffering.
type cleanWriter struct{ w io.Writer }

func (c cleanWriter) Write(p []byte) (int, error) {
	s := articles.Sanitize(string(p))
	if _, err := io.WriteString(c.w, s); err != nil {
		return 0, err
	}
	return len(p), nil
}
