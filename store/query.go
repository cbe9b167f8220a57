package store

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
)

// ErrBadQuery is wrapped by every error Parse returns; the message says
// what is wrong in words fit for the status line.
var ErrBadQuery = errors.New("bad query")

// Query is a parsed search: words and phrases matched by the full-text
// index, and qualifiers matched against the articles table and state.
// The zero Query matches every article.
type Query struct {
	terms   []term   // full-text terms, in the order typed
	filters []filter // conditions on the article and its state
}

// Term is a word or phrase of a query, for highlighting matches.
type Term struct {
	Text string
	// Prefix is true for the last word as it is being typed: it matches
	// every word that begins with Text.
	Prefix bool
}

// term is one full-text condition.
type term struct {
	column string // "" (any column), "title" or "author"
	text   string
	prefix bool
	neg    bool
	// words are the whole words of the index that a prefix stands for,
	// when the search has listed them (see expandPrefix).
	words []string
}

// filter is one SQL condition on the row of articles aliased a.
type filter struct {
	sql  string
	args []any
	neg  bool
	// place is the value of a feed: or source: qualifier, lower case,
	// and "" for any other filter.
	place string
}

// minPrefix is the length in characters from which the last word
// matches as a prefix. Shorter prefixes match so many words that the
// index takes most of a second to merge them over 100,000 articles. The
// index keeps a prefix index of this length (see the schema), so that
// the first prefix typed is the fastest.
const minPrefix = 3

// token is one item of a query as typed: [-][key:]value.
type token struct {
	neg    bool
	key    string // lower case, or "" for a word or phrase
	value  string
	quoted bool
	end    int // offset just past the token
}

// Parse reads a query in newsread's search language: words (all must
// match; the last one matches as a prefix unless a space follows it or
// it has fewer than three letters), "exact phrases", -word and -"phrase"
// to exclude, and the qualifiers title:, author:, feed: or source: (part
// of the source's name or feed URL), tag:, is:unread, is:read,
// is:starred, after:DATE (from that day on), before:DATE (until the day
// before), newer:AGE and older:AGE, where DATE is 2026-01-31, 2026-01 or
// 2026 in now's time zone and AGE a count of h, d, w, m or y (hours,
// days, weeks, months, years) back from now. Articles of unknown date
// match no date qualifier. Any qualifier may be negated with - and any
// value quoted.
func Parse(q string, now time.Time) (Query, error) {
	var out Query
	q = strings.ReplaceAll(q, "\x00", " ")
	pos := 0
	for {
		tok, ok, err := nextToken(q, pos)
		if err != nil {
			return Query{}, err
		}
		if !ok {
			break
		}
		pos = tok.end
		n := len(out.terms)
		if err := out.add(tok, now); err != nil {
			return Query{}, err
		}
		// The last word, still being typed, matches as a prefix.
		if len(out.terms) > n && tok.end == len(q) && !tok.quoted && !tok.neg &&
			wordChars(tok.value) >= minPrefix {
			out.terms[n].prefix = true
		}
	}
	return out, nil
}

// nextToken reads the token starting at or after pos; ok is false at the
// end of q.
func nextToken(q string, pos int) (tok token, ok bool, err error) {
	for pos < len(q) && isSpace(q[pos]) {
		pos++
	}
	if pos >= len(q) {
		return token{}, false, nil
	}
	if q[pos] == '-' && pos+1 < len(q) && !isSpace(q[pos+1]) {
		tok.neg = true
		pos++
	}
	if k := keyEnd(q, pos); k > pos {
		tok.key = strings.ToLower(q[pos:k])
		pos = k + 1 // past the colon
	}
	if pos < len(q) && q[pos] == '"' {
		closing := strings.IndexByte(q[pos+1:], '"')
		if closing < 0 {
			return token{}, false, fmt.Errorf("%w: a quote is not closed", ErrBadQuery)
		}
		tok.value, tok.quoted = q[pos+1:pos+1+closing], true
		tok.end = pos + closing + 2
		return tok, true, nil
	}
	start := pos
	for pos < len(q) && !isSpace(q[pos]) && q[pos] != '"' {
		pos++
	}
	tok.value, tok.end = q[start:pos], pos
	return tok, true, nil
}

// keyEnd returns the offset of the colon ending a qualifier name (ASCII
// letters) that starts at pos, or pos when there is none.
func keyEnd(q string, pos int) int {
	i := pos
	for i < len(q) && (q[i] >= 'a' && q[i] <= 'z' || q[i] >= 'A' && q[i] <= 'Z') {
		i++
	}
	if i > pos && i < len(q) && q[i] == ':' {
		return i
	}
	return pos
}

func isSpace(b byte) bool {
	return b == ' ' || b == '\t' || b == '\n' || b == '\r' || b == '\f' || b == '\v'
}

// isQualifier reports whether key is a name a query may use before a
// colon.
func isQualifier(key string) bool {
	return slices.Contains(strings.Fields("title author feed source tag is after before newer older"), key)
}

// add turns one token into a term or a filter.
func (q *Query) add(tok token, now time.Time) error {
	if tok.key != "" && tok.value == "" && !tok.quoted && isQualifier(tok.key) {
		return fmt.Errorf("%w: %s: needs a value", ErrBadQuery, tok.key)
	}
	switch tok.key {
	case "":
		q.addTerm(term{text: tok.value, neg: tok.neg})
	case "title", "author":
		q.addTerm(term{column: tok.key, text: tok.value, neg: tok.neg})
	case "feed", "source":
		v := strings.ToLower(tok.value)
		q.filters = append(q.filters, filter{
			sql:  "(instr(lower(a.source), ?) > 0 OR instr(lower(a.feed), ?) > 0)",
			args: []any{v, v}, neg: tok.neg, place: v,
		})
	case "tag":
		q.filters = append(q.filters, filter{
			sql:  "instr(char(31) || lower(a.tags) || char(31), ?) > 0",
			args: []any{"\x1f" + strings.ToLower(tok.value) + "\x1f"}, neg: tok.neg,
		})
	case "is":
		f, err := stateFilter(tok.value)
		if err != nil {
			return err
		}
		f.neg = f.neg != tok.neg
		q.filters = append(q.filters, f)
	case "after", "before", "newer", "older":
		f, err := timeFilter(tok.key, tok.value, now)
		if err != nil {
			return err
		}
		f.neg = tok.neg
		q.filters = append(q.filters, f)
	default: // not a qualifier
		return fmt.Errorf("%w: unknown qualifier %s: (put it in quotes to search for it)", ErrBadQuery, tok.key)
	}
	return nil
}

// wordChars counts the letters and digits of s.
func wordChars(s string) int {
	n := 0
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsNumber(r) {
			n++
		}
	}
	return n
}

// addTerm keeps a term if the index could match it: a term with no
// letter or digit has no token in the index, and an empty phrase would
// match nothing.
func (q *Query) addTerm(t term) {
	if wordChars(t.text) == 0 {
		return
	}
	q.terms = append(q.terms, t)
}

func stateFilter(v string) (filter, error) {
	const read = "EXISTS (SELECT 1 FROM state s WHERE s.id = a.id AND s.read)"
	switch strings.ToLower(v) {
	case "read":
		return filter{sql: read}, nil
	case "unread":
		return filter{sql: read, neg: true}, nil
	case "starred":
		return filter{sql: "EXISTS (SELECT 1 FROM state s WHERE s.id = a.id AND s.starred)"}, nil
	}
	return filter{}, fmt.Errorf("%w: is:%s is not one of is:unread, is:read, is:starred", ErrBadQuery, v)
}

// timeFilter bounds the publication time; articles of unknown date
// (published 0) match neither bound.
func timeFilter(key, v string, now time.Time) (filter, error) {
	var at time.Time
	var err error
	if key == "after" || key == "before" {
		at, err = parseDate(v, now.Location())
	} else {
		at, err = parseAge(v, now)
	}
	if err != nil {
		return filter{}, fmt.Errorf("%w: %s:%s: %v", ErrBadQuery, key, v, err)
	}
	if key == "after" || key == "newer" {
		return filter{sql: "a.published >= ?", args: []any{at.Unix()}}, nil
	}
	return filter{sql: "(a.published != 0 AND a.published < ?)", args: []any{at.Unix()}}, nil
}

func parseDate(v string, loc *time.Location) (time.Time, error) {
	for _, layout := range []string{"2006-01-02", "2006-01", "2006"} {
		if t, err := time.ParseInLocation(layout, v, loc); err == nil {
			return t, nil
		}
	}
	return time.Time{}, errors.New("not a date like 2026-01-31")
}

// maxAge bounds a count so that every age stays a sensible time.
const maxAge = 100000

func parseAge(v string, now time.Time) (time.Time, error) {
	bad := errors.New("not an age like 7d (units h, d, w, m, y)")
	if len(v) < 2 {
		return time.Time{}, bad
	}
	n, err := strconv.Atoi(v[:len(v)-1])
	if err != nil || n < 0 || n > maxAge || v[0] == '+' || v[0] == '-' {
		return time.Time{}, bad
	}
	switch v[len(v)-1] {
	case 'h':
		return now.Add(-time.Duration(n) * time.Hour), nil
	case 'd':
		return now.AddDate(0, 0, -n), nil
	case 'w':
		return now.AddDate(0, 0, -7*n), nil
	case 'm':
		return now.AddDate(0, -n, 0), nil
	case 'y':
		return now.AddDate(-n, 0, 0), nil
	}
	return time.Time{}, bad
}

// Terms returns the words and phrases an article matched, in the order
// typed, for the reader to highlight: excluded terms are left out.
func (q Query) Terms() []Term {
	var out []Term
	for _, t := range q.terms {
		if !t.neg {
			out = append(out, Term{Text: t.text, Prefix: t.prefix})
		}
	}
	return out
}
