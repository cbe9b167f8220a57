package input

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"newsread/articles"
	"newsread/feed"
)

// headSize is how much of a file is read to tell what it is.
const headSize = 64 << 10

// ErrNothingPiped is what an empty standard input reads as.
var ErrNothingPiped = errors.New("nothing was piped in")

// From says what the input called name is from its first bytes and
// returns the source that reads it. path is the file head was read from,
// read whole by the source where it needs more; it is empty when head is
// all there is (standard input).
func (e *Env) From(name, path string, head []byte) (Source, Kind) {
	kind := What(head)
	switch kind {
	case KindEmpty:
		if path != "" {
			return articles.NewFile(path), KindArticle // an empty file is the article's problem
		}
		return problemSource{name: name, problem: articles.Problem{Where: name, Err: ErrNothingPiped}}, kind
	case KindFeed:
		if path != "" {
			return feed.NewFileSource(path, e.Parser), kind
		}
		return feed.NewDataSource(name, head, e.Parser), kind
	case KindOPML, KindURLs:
		data, err := whole(path, head)
		if err != nil {
			return problemSource{name: name, problem: articles.Problem{Where: name, Err: err}}, kind
		}
		subs, problems, err := feed.ReadSubscriptions(bytes.NewReader(data))
		if err != nil {
			return problemSource{name: name, problem: articles.Problem{Where: name, Err: err}}, kind
		}
		for i := range problems {
			problems[i].Where = name + ": " + problems[i].Where
		}
		return e.SubscriptionSource(subscriptionsName(name, path), subs, problems), kind
	case KindJSONLines:
		data, err := whole(path, head)
		if err != nil {
			return problemSource{name: name, problem: articles.Problem{Where: name, Err: err}}, kind
		}
		items, problems := articles.ParseJSONLines(bytes.NewReader(data), name)
		return withProblems(articles.NewList(name, items), problems), kind
	case KindList:
		data, err := whole(path, head)
		if err != nil {
			return problemSource{name: name, problem: articles.Problem{Where: name, Err: err}}, kind
		}
		return e.list(name, data), kind
	}
	if path != "" {
		return single{articles.NewFile(path)}, kind
	}
	// Piped text has no file date: a zero modification time leaves the
	// date unknown unless the article states one.
	a, err := articles.Parse("", head, time.Time{})
	if err != nil {
		return problemSource{name: name, problem: articles.Problem{Where: name, Err: err}}, kind
	}
	a.ID, a.Source = name, name
	return single{articles.NewList(name, []articles.Article{a})}, kind
}

// list is the source of a list of paths and addresses: the files, the
// folders (unless the list names their files too, as find prints them),
// and the feeds at its http and https addresses. Other addresses are
// problems of their own.
func (e *Env) list(name string, data []byte) Source {
	paths, urls := articles.SplitList(data)
	var files []string
	var dirs []string
	for _, p := range paths {
		if info, err := os.Stat(p); err == nil && info.IsDir() {
			dirs = append(dirs, p)
			continue
		}
		files = append(files, p)
	}
	var parts []Source
	if len(files) > 0 {
		parts = append(parts, articles.NewFiles(name, files))
	}
	for _, d := range dirs {
		if !slices.Contains(namedWithin([]string{d}, files), d) {
			parts = append(parts, e.Dir(d))
		}
	}
	var subs []feed.Subscription
	var problems []articles.Problem
	for _, u := range urls {
		if isFeedURL(u) {
			subs = append(subs, feed.Subscription{URL: u})
			continue
		}
		problems = append(problems, articles.Problem{Where: u, Err: ErrUnsupportedScheme})
	}
	if len(subs) > 0 {
		parts = append(parts, e.SubscriptionSource(name, subs, nil))
	}
	if len(parts) == 0 {
		parts = append(parts, articles.NewList(name, nil))
	}
	return withProblems(newMix(name, parts), problems)
}

// namedWithin returns the dirs that hold one of files: find lists a
// folder before its files, and the files say what to read.
func namedWithin(dirs, files []string) []string {
	var out []string
	for _, d := range dirs {
		prefix := strings.TrimSuffix(d, string(filepath.Separator)) + string(filepath.Separator)
		if slices.ContainsFunc(files, func(f string) bool { return strings.HasPrefix(f, prefix) }) {
			out = append(out, d)
		}
	}
	return out
}

// subscriptionsName names a subscription list's source: the file's name,
// or what it was called.
func subscriptionsName(name, path string) string {
	if path != "" {
		return filepath.Base(path)
	}
	return name
}

// whole returns the whole input: the file at path, or head when there is
// no file.
func whole(path string, head []byte) ([]byte, error) {
	if path == "" || len(head) < headSize {
		return head, nil
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read: %w", err)
	}
	return data, nil
}

// single is a source of one article read on its own.
type single struct{ Source }

// Single implements Singler.
func (single) Single() bool { return true }
