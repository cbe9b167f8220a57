package feed

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"net/url"
	"strings"

	"newsread/articles"
)

// Subscription is one feed the user follows.
type Subscription struct {
	URL string
	// Title replaces the feed's own title when set ("~Title" in a urls
	// file, the outline text in OPML).
	Title string
	Tags  []string
	// FullText asks for the whole story of each item, fetched from its
	// link when it is opened ("+fulltext" in a urls file, the fullText
	// attribute in OPML), for feeds that give only a summary.
	FullText bool
}

// FullTextMark is the word of a urls-file line that sets FullText. It
// is not a tag: the "+" keeps it apart from the user's tags, and
// newsboat, reading the same file, takes it for one more tag.
const FullTextMark = "+fulltext"

// ErrUnsupportedLine is reported for a urls-file line newsread cannot use:
// newsboat's exec:, filter: and query: feeds and non-HTTP schemes.
var ErrUnsupportedLine = errors.New("unsupported subscription")

// ErrDuplicate is reported for a urls-file line whose URL an earlier
// line already subscribes to: "duplicate of line 3".
var ErrDuplicate = errors.New("duplicate")

// ParseURLs reads a newsboat urls file: one feed URL a line, optionally
// followed by tags (space-separated, double quotes allowed), a
// "~Custom title" and newsread's own FullTextMark; '#' starts a comment. Lines newsread cannot use are
// reported as Problems whose Where is "line N"; they do not stop the read.
// A URL given again is one subscription, fetched once: the first line's
// title (else the first title given), the tags of all its lines; each
// repeat is reported as ErrDuplicate.
func ParseURLs(r io.Reader) ([]Subscription, []articles.Problem) {
	var subs []Subscription
	var problems []articles.Problem
	lineOf := map[string]int{} // URL → the line that first gave it
	index := map[string]int{}  // URL → its place in subs
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	n := 0
	for sc.Scan() {
		n++
		line := strings.TrimSpace(articles.Sanitize(sc.Text()))
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		sub, err := parseURLLine(line)
		if err != nil {
			problems = append(problems, articles.Problem{Where: fmt.Sprintf("line %d", n), Err: err})
			continue
		}
		if i, dup := index[sub.URL]; dup {
			problems = append(problems, articles.Problem{Where: fmt.Sprintf("line %d", n), Err: fmt.Errorf("%w of line %d", ErrDuplicate, lineOf[sub.URL])})
			subs[i].Tags = unionTags(subs[i].Tags, sub.Tags)
			if subs[i].Title == "" {
				subs[i].Title = sub.Title
			}
			subs[i].FullText = subs[i].FullText || sub.FullText
			continue
		}
		index[sub.URL], lineOf[sub.URL] = len(subs), n
		subs = append(subs, sub)
	}
	if err := sc.Err(); err != nil {
		problems = append(problems, articles.Problem{Where: fmt.Sprintf("line %d", n+1), Err: fmt.Errorf("read urls: %w", err)})
	}
	return subs, problems
}

func parseURLLine(line string) (Subscription, error) {
	fields := splitQuoted(line)
	if len(fields) == 0 {
		return Subscription{}, fmt.Errorf("%w: empty line", ErrUnsupportedLine)
	}
	u := fields[0].text
	if err := checkFeedURL(u); err != nil {
		return Subscription{}, err
	}
	sub := Subscription{URL: u}
	for _, f := range fields[1:] {
		switch {
		case !f.quoted && strings.HasPrefix(f.text, "#"):
			return sub, nil // a trailing comment
		case strings.HasPrefix(f.text, "~"):
			sub.Title = strings.TrimSpace(f.text[1:])
		case !f.quoted && strings.EqualFold(f.text, FullTextMark):
			sub.FullText = true
		case f.text != "":
			sub.Tags = append(sub.Tags, f.text)
		}
	}
	return sub, nil
}

// checkFeedURL accepts absolute http and https URLs with a host.
func checkFeedURL(raw string) error {
	lower := strings.ToLower(raw)
	for _, p := range []string{"exec:", "filter:", "query:"} {
		if strings.HasPrefix(lower, p) {
			return fmt.Errorf("%w: %s feeds are newsboat-only", ErrUnsupportedLine, strings.TrimSuffix(p, ":"))
		}
	}
	u, err := url.Parse(raw)
	if err != nil {
		return fmt.Errorf("%w: %w", ErrUnsupportedLine, err)
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return fmt.Errorf("%w: scheme %q is not http or https", ErrUnsupportedLine, u.Scheme)
	}
	if u.Host == "" {
		return fmt.Errorf("%w: %q has no host", ErrUnsupportedLine, raw)
	}
	return nil
}

// field is one word of a urls-file line.
type field struct {
	text   string
	quoted bool
}

// splitQuoted splits on blanks, keeping double-quoted runs (with
// backslash escapes) together.
func splitQuoted(s string) []field {
	var fields []field
	var b strings.Builder
	inQuote, inField, escaped, quoted := false, false, false, false
	for _, r := range s {
		switch {
		case escaped:
			b.WriteRune(r)
			escaped = false
		case inQuote && r == '\\':
			escaped = true
		case r == '"':
			inQuote = !inQuote
			inField, quoted = true, true
		case !inQuote && (r == ' ' || r == '\t'):
			if inField {
				fields = append(fields, field{b.String(), quoted})
				b.Reset()
				inField, quoted = false, false
			}
		default:
			b.WriteRune(r)
			inField = true
		}
	}
	if inField {
		fields = append(fields, field{b.String(), quoted})
	}
	return fields
}

// WriteURLs writes subs in the newsboat urls format ParseURLs reads.
func WriteURLs(w io.Writer, subs []Subscription) error {
	bw := bufio.NewWriter(w)
	for _, s := range subs {
		bw.WriteString(s.URL)
		for _, t := range s.Tags {
			bw.WriteString(" " + quoteField(t))
		}
		if s.Title != "" {
			bw.WriteString(" " + quoteField("~"+s.Title))
		}
		if s.FullText {
			bw.WriteString(" " + FullTextMark)
		}
		bw.WriteByte('\n')
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write urls: %w", err)
	}
	return nil
}

func quoteField(s string) string {
	if s != "" && !strings.ContainsAny(s, " \t\"\\#") {
		return s
	}
	r := strings.NewReplacer(`\`, `\\`, `"`, `\"`)
	return `"` + r.Replace(s) + `"`
}

// MergeSubscriptions adds to existing the subscriptions of added whose URL
// it does not hold yet, comparing normalised URLs (see NormalizeURL).
// A repeated feed keeps its existing title, gains the new tags, and is
// not counted in addedCount.
func MergeSubscriptions(existing, added []Subscription) (merged []Subscription, addedCount int) {
	merged = make([]Subscription, 0, len(existing)+len(added))
	index := make(map[string]int, cap(merged))
	for _, s := range append(append([]Subscription(nil), existing...), added...) {
		key := NormalizeURL(s.URL)
		if i, ok := index[key]; ok {
			m := &merged[i]
			m.Tags = unionTags(m.Tags, s.Tags)
			if m.Title == "" {
				m.Title = s.Title
			}
			m.FullText = m.FullText || s.FullText
			continue
		}
		index[key] = len(merged)
		s.Tags = append([]string(nil), s.Tags...)
		merged = append(merged, s)
	}
	return merged, len(merged) - countUnique(existing)
}

func countUnique(subs []Subscription) int {
	seen := make(map[string]bool, len(subs))
	for _, s := range subs {
		seen[NormalizeURL(s.URL)] = true
	}
	return len(seen)
}

func unionTags(a, b []string) []string {
	for _, t := range b {
		found := false
		for _, have := range a {
			if have == t {
				found = true
				break
			}
		}
		if !found {
			a = append(a, t)
		}
	}
	return a
}

// NormalizeURL is the form under which two subscription URLs count as the
// same feed: scheme dropped (http and https serve the same feed), host
// lower-cased, default port, "www." prefix kept, fragment dropped, an
// empty path made "/".
func NormalizeURL(raw string) string {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil || u.Host == "" {
		return strings.TrimSpace(raw)
	}
	host := strings.ToLower(u.Hostname())
	if p := u.Port(); p != "" && p != "80" && p != "443" {
		host += ":" + p
	}
	path := u.EscapedPath()
	if path == "" {
		path = "/"
	}
	s := host + path
	if u.RawQuery != "" {
		s += "?" + u.RawQuery
	}
	return s
}
