package store

import (
	"context"
	"database/sql"
	"slices"
	"strings"
)

// A prefix as FTS5 matches it ("word"*) reads every match of every word
// it begins before giving the first result, unless the index keeps
// prefixes of its length: the schema keeps those of minPrefix letters
// only, as keeping 4 and 5 as well doubled the index (626 MB instead of
// 320 per 100,000 articles) and cut indexing speed by 38 %. At a million
// articles four letters took 100–150 ms that way, two letters 2.5–3.5
// s. A prefix is matched instead as the words it begins ("w1" OR "w2"
// ...), which the index merges newest first and stops at the limit:
// 2 ms for four letters that begin 9 words; each word costs a seek in
// every segment of the index, so 16, 64 and 128 common words took 30,
// 50–90 and 75–135 ms.

// maxPrefixWords is the most words a prefix is replaced by. A prefix
// that begins more is matched by FTS5 as a prefix.
const maxPrefixWords = 256

// expandPrefix returns q with its prefix term, if any, replaced by the
// whole words of fts_terms that it begins, when they are at most
// maxPrefixWords and the prefix is longer than the prefixes the index
// keeps. Only prefixes of ASCII letters and digits are replaced: their
// folding by the tokenizer is lower case, which the lookup repeats.
// Any failure leaves q as it is: FTS5 then matches the prefix itself.
func expandPrefix(ctx context.Context, db *sql.DB, q Query) Query {
	for i, t := range q.terms {
		if !t.prefix || len(t.text) <= minPrefix || !asciiWord(t.text) {
			continue
		}
		from := strings.ToLower(t.text)
		words, ok := wordsFrom(ctx, db, from)
		if !ok {
			return q
		}
		q.terms = slices.Clone(q.terms)
		q.terms[i].words = words
	}
	return q
}

// wordsFrom returns the words of fts_terms that begin with prefix, and
// whether they are a few ASCII words.
func wordsFrom(ctx context.Context, db *sql.DB, prefix string) ([]string, bool) {
	rows, err := db.QueryContext(ctx, "SELECT term FROM fts_terms WHERE term >= ? ORDER BY term LIMIT ?", prefix, maxPrefixWords+1)
	if err != nil {
		return nil, false
	}
	defer rows.Close()
	var words []string
	for rows.Next() {
		var w string
		if err := rows.Scan(&w); err != nil {
			return nil, false
		}
		if !strings.HasPrefix(w, prefix) {
			break
		}
		if len(words) == maxPrefixWords || !asciiWord(w) {
			return nil, false
		}
		words = append(words, w)
	}
	return words, rows.Err() == nil && len(words) > 0
}

// asciiWord reports whether s is ASCII letters and digits only.
func asciiWord(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
			return false
		}
	}
	return s != ""
}
