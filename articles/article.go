// Package articles is the domain of newsread: what an article is, where a
// batch of them comes from, and how article files (plain text, markdown with
// front matter, saved HTML pages) are parsed, scanned and sanitised.
package articles

import "time"

// Article is one story. Every text field has been sanitised: it holds no
// control characters, no escape sequences and only valid UTF-8 — except
// Path, and ID when it is a path, which keep the file's real name so
// that it can be opened again: print them through CleanLine.
type Article struct {
	// ID is stable across runs: the file path for files (raw, as Path),
	// the GUID or link for feed items.
	ID     string
	Title  string
	Source string // the name of the source it came from: a folder, a feed, "stdin"
	Link   string
	Author string
	// Published is the zero time when unknown.
	Published time.Time
	// DateFromFile is true when Published is the file's modification time
	// rather than a date the article itself states.
	DateFromFile bool
	Tags         []string
	// Summary is a short description the article gives of itself (front
	// matter summary, page excerpt, feed description), or empty.
	Summary string
	// Path is the file the article was read from, or empty. It is the
	// name as the file system has it, not sanitised: CleanLine it before
	// printing.
	Path string
	// Feed is the URL (or file) of the feed the article came from, or
	// empty for articles that are not feed items.
	Feed string
	// Body is the article as markdown. It is empty in a header-only article
	// (as a directory scan produces); BodyLoaded tells the two apart.
	Body       string
	BodyLoaded bool
	// Notice says what went wrong reading an article that is shown all
	// the same, when it is opened: a web page in which no article was
	// found shows its visible text; malformed front matter, the rest of
	// the file. Empty for most.
	Notice string
}

// Problem is one input that could not be used, reported for that input alone.
type Problem struct {
	Where string // a path or a URL
	Err   error
}

// Error makes a Problem readable in a list of problems. Where and the
// error come from untrusted names and messages (a file called with an
// escape sequence, a server's error text), so both pass CleanLine: the
// result is safe to print on a terminal.
func (p Problem) Error() string {
	msg := "unknown problem"
	if p.Err != nil {
		msg = p.Err.Error()
	}
	return CleanLine(p.Where) + ": " + CleanLine(msg)
}

// Batch is a slice of what a source has produced so far. Sources send
// several batches; the last one has Done set.
type Batch struct {
	Articles []Article
	Problems []Problem
	// Seen counts the inputs the source has looked at so far (files
	// scanned, items read), for a progress count.
	Seen int
	// Total is how many inputs the source expects to look at, when it
	// knows (the feeds of a subscription list), or 0.
	Total int
	Done  bool
	// Bodies are the bodies of some of Articles as their source has them
	// (the HTML of freshly fetched feed items), by ID, for a store that
	// keeps them; the list ignores them.
	Bodies map[string]string
}
