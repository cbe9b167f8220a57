package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"newsread/articles"
	"newsread/feed"
	"newsread/ui"
)

// maxFeedFile bounds a feed file met in a directory scan.
const maxFeedFile = articles.MaxFileSize

// feeds holds what every feed source of one run shares: one HTTP client
// with its concurrency caps, the on-disk cache, one converter.
type feeds struct {
	fetcher *feed.Fetcher
	cache   *feed.Cache
	parser  *feed.Parser
	urls    string // the subscriptions file
}

// newFeeds keeps the subscriptions under configHome and the cache under
// cacheHome (the XDG folders).
func newFeeds(configHome, cacheHome string) *feeds {
	return &feeds{
		fetcher: feed.NewFetcher(feed.FetcherOptions{Version: version}),
		cache:   feed.NewCache(filepath.Join(cacheHome, "newsread", "feeds")),
		parser:  feed.NewParser(articles.NewHTMLConverter()),
		urls:    filepath.Join(configHome, "newsread", "urls"),
	}
}

// urlSource is a feed given by URL on the command line.
func (f *feeds) urlSource(url string) ui.Source {
	return feed.NewSource("", []feed.Subscription{{URL: url}}, f.fetcher, f.cache, f.parser)
}

// subscriptions reads the user's urls file; ok is false when there is none.
func (f *feeds) subscriptions() (subs []feed.Subscription, problems []articles.Problem, ok bool, err error) {
	file, err := os.Open(f.urls)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil, false, nil
	}
	if err != nil {
		return nil, nil, false, fmt.Errorf("subscriptions: %w", err)
	}
	defer file.Close()
	subs, problems = feed.ParseURLs(file)
	for i := range problems {
		problems[i].Where = f.urls + ": " + problems[i].Where
	}
	return subs, problems, true, nil
}

// subscriptionSource shows every subscription, with the urls file's
// unusable lines as problems.
func (f *feeds) subscriptionSource(name string, subs []feed.Subscription, problems []articles.Problem) ui.Source {
	return addProblems(feed.NewSource(name, subs, f.fetcher, f.cache, f.parser), problems)
}

// fileSource picks the source for a file by its content: a feed, a
// subscription list, or else an article.
func (f *feeds) fileSource(path string) (ui.Source, error) {
	head, err := readHead(path, 64<<10)
	if err != nil {
		return nil, err
	}
	switch kind := feed.Detect(head); {
	case kind.IsFeed():
		return feed.NewFileSource(path, f.parser), nil
	case kind == feed.KindOPML:
		file, err := os.Open(path)
		if err != nil {
			return nil, err
		}
		defer file.Close()
		subs, problems, err := feed.ReadSubscriptions(file)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		return f.subscriptionSource(filepath.Base(path), subs, problems), nil
	}
	return articles.NewFile(path), nil
}

// dataSource picks the source for piped bytes that are a feed or a
// subscription list; ok is false for anything else.
func (f *feeds) dataSource(name string, data []byte) (ui.Source, bool) {
	switch kind := feed.Detect(data); {
	case kind.IsFeed():
		return feed.NewDataSource(name, data, f.parser), true
	case kind == feed.KindOPML:
		subs, problems, err := feed.ReadSubscriptions(bytes.NewReader(data))
		if err != nil {
			return problemSource{name: name, problem: articles.Problem{Where: "standard input", Err: err}}, true
		}
		return f.subscriptionSource(name, subs, problems), true
	}
	return nil, false
}

// isFeedFileName reports whether a file in a directory may be a feed by
// its name; its content decides.
func isFeedFileName(path string) bool {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".xml", ".rss", ".atom", ".rdf", ".json", ".feed":
		return true
	}
	return false
}

// dirSource is a directory whose feed files load as feeds: their items
// come without bodies, converted when opened, like any feed's.
type dirSource struct {
	*articles.Dir
	parser *feed.Parser
	files  sync.Map // feed file path → *feed.DataSource
}

func (f *feeds) dirSource(root string) *dirSource {
	d := &dirSource{parser: f.parser}
	d.Dir = articles.NewDir(root, articles.WithOther(d.feedFile))
	return d
}

// feedFile reads a file met in the scan that may be a feed. Files that
// are not feeds are none of its business.
func (d *dirSource) feedFile(ctx context.Context, path string) ([]articles.Article, []articles.Problem, bool) {
	if !isFeedFileName(path) {
		return nil, nil, false
	}
	info, err := os.Stat(path)
	if err != nil || !info.Mode().IsRegular() || info.Size() > maxFeedFile {
		return nil, nil, false
	}
	head, err := readHead(path, 64<<10)
	if err != nil {
		return nil, []articles.Problem{{Where: path, Err: err}}, true
	}
	if !feed.Detect(head).IsFeed() {
		return nil, nil, false
	}
	src := feed.NewFileSource(path, d.parser)
	var arts []articles.Article
	var probs []articles.Problem
	src.Load(ctx, func(b articles.Batch) {
		arts = append(arts, b.Articles...)
		probs = append(probs, b.Problems...)
	})
	d.files.Store(path, src)
	return arts, probs, true
}

// Open converts a feed item's body through its feed file's source, and
// reads any other article as the directory does.
func (d *dirSource) Open(ctx context.Context, a articles.Article) (articles.Article, error) {
	if src, ok := d.files.Load(a.Feed); ok && a.Feed != "" {
		return src.(*feed.DataSource).Open(ctx, a)
	}
	return d.Dir.Open(ctx, a)
}

// readHead reads up to n bytes from the start of a file.
func readHead(path string, n int64) ([]byte, error) {
	file, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer file.Close()
	return io.ReadAll(io.LimitReader(file, n))
}

// importOPML adds the feeds of an OPML file to the urls file.
func (f *feeds) importOPML(path string, stdout io.Writer) error {
	file, err := os.Open(path)
	if err != nil {
		return err
	}
	added, err := feed.ParseOPML(file)
	file.Close()
	if err != nil && len(added) == 0 {
		return fmt.Errorf("%s: %w", path, err)
	}
	existing, _, _, rerr := f.subscriptions()
	if rerr != nil {
		return rerr
	}
	merged, n := feed.MergeSubscriptions(existing, added)
	if err := writeAtomically(f.urls, func(w io.Writer) error { return feed.WriteURLs(w, merged) }); err != nil {
		return fmt.Errorf("write subscriptions: %w", err)
	}
	fmt.Fprintf(stdout, "added %d of %d feeds to %s (%d already there)\n", n, len(added), f.urls, len(added)-n)
	return nil
}

// exportOPML writes the subscriptions as OPML 2.0.
func (f *feeds) exportOPML(stdout io.Writer) error {
	subs, _, _, err := f.subscriptions()
	if err != nil {
		return err
	}
	return feed.WriteOPML(stdout, subs)
}

// refresh fetches every subscription without a screen and prints what
// each did; it fails when any feed failed.
func (f *feeds) refresh(ctx context.Context, stdout, stderr io.Writer) int {
	subs, problems, ok, err := f.subscriptions()
	if err != nil {
		fmt.Fprintln(stderr, "newsread:", err)
		return exitFailure
	}
	if !ok {
		fmt.Fprintf(stderr, "newsread: no subscriptions: %s does not exist\n", f.urls)
		return exitFailure
	}
	for _, p := range problems {
		fmt.Fprintln(stderr, "newsread:", p.Error())
	}
	start := time.Now()
	results := feed.Refresh(ctx, subs, f.fetcher, f.cache, nil)
	failed := 0
	for _, r := range results {
		switch {
		case r.Err != nil:
			failed++
			fmt.Fprintf(stdout, "error\t%s\t%v\n", r.Sub.URL, unwrapURL(r.Err))
		case r.NotModified:
			fmt.Fprintf(stdout, "not modified\t%s\n", r.Sub.URL)
		default:
			fmt.Fprintf(stdout, "%d new\t%s\n", r.New, r.Sub.URL)
		}
	}
	fmt.Fprintf(stderr, "newsread: refreshed %d feeds in %.1fs, %d failed\n", len(results), time.Since(start).Seconds(), failed)
	if failed > 0 {
		return exitFailure
	}
	return exitOK
}

// unwrapURL drops the URL a fetch error repeats, as it is printed beside.
func unwrapURL(err error) error {
	var fe *feed.FetchError
	if errors.As(err, &fe) {
		return fe.Err
	}
	return err
}

// writeAtomically replaces path with what write produces, or leaves it as
// it was.
func writeAtomically(path string, write func(io.Writer) error) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".urls-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if err := write(tmp); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}
