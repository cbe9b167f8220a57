package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"os"

	"newsread/articles"
	"newsread/feed"
	"newsread/input"
)

// addFeed subscribes to the feed at rawURL, or to the one feed of the web
// page at rawURL, with tags: one line appended to the urls file, titled
// after the feed. A feed already subscribed is left as it is (status 0).
// A page that offers several feeds lists them on stdout, one a line (URL,
// tab, title), and adds none (status 1); so does a page that offers none.
func addFeed(ctx context.Context, env *input.Env, rawURL string, tags []string, stdout, stderr io.Writer) int {
	if err := checkWebURL(rawURL); err != nil {
		fmt.Fprintln(stderr, "newsread: --add:", err)
		return exitBadUsage
	}
	text, err := readURLsFile(env.URLs)
	if err != nil {
		fmt.Fprintln(stderr, "newsread:", err)
		return exitFailure
	}
	if len(feed.URLLines(text, rawURL)) > 0 {
		fmt.Fprintf(stdout, "already subscribed: %s\n", articles.CleanLine(rawURL))
		return exitOK
	}
	found, err := feed.Discover(ctx, env.Fetcher, rawURL)
	if err != nil {
		fmt.Fprintln(stderr, "newsread:", articles.CleanLine(err.Error()))
		return exitFailure
	}
	if len(found) > 1 {
		fmt.Fprintf(stderr, "newsread: %s offers %d feeds; add one of them:\n", articles.CleanLine(rawURL), len(found))
		for _, f := range found {
			fmt.Fprintf(stdout, "%s\t%s\n", field(f.URL), field(f.Title))
		}
		return exitFailure
	}
	sub := feed.Subscription{URL: found[0].URL, Title: articles.CleanLine(found[0].Title), Tags: tags}
	text, added := feed.AddURL(text, sub)
	if !added {
		fmt.Fprintf(stdout, "already subscribed: %s\n", articles.CleanLine(sub.URL))
		return exitOK
	}
	if err := writeAtomically(env.URLs, func(w io.Writer) error { _, err := w.Write(text); return err }); err != nil {
		fmt.Fprintln(stderr, "newsread: write subscriptions:", err)
		return exitFailure
	}
	title := ""
	if sub.Title != "" {
		title = " (" + sub.Title + ")"
	}
	fmt.Fprintf(stdout, "added %s%s to %s\n", articles.CleanLine(sub.URL), title, env.URLs)
	return exitOK
}

// removeFeed drops every line of the urls file that subscribes to
// rawURL; status 1 when none does.
func removeFeed(env *input.Env, rawURL string, stdout, stderr io.Writer) int {
	text, err := readURLsFile(env.URLs)
	if err != nil {
		fmt.Fprintln(stderr, "newsread:", err)
		return exitFailure
	}
	text, removed := feed.RemoveURL(text, rawURL)
	if removed == 0 {
		fmt.Fprintf(stderr, "newsread: not subscribed: %s\n", articles.CleanLine(rawURL))
		return exitFailure
	}
	if err := writeAtomically(env.URLs, func(w io.Writer) error { _, err := w.Write(text); return err }); err != nil {
		fmt.Fprintln(stderr, "newsread: write subscriptions:", err)
		return exitFailure
	}
	fmt.Fprintf(stdout, "removed %s from %s\n", articles.CleanLine(rawURL), env.URLs)
	return exitOK
}

// readURLsFile reads the urls file; none is an empty one.
func readURLsFile(path string) ([]byte, error) {
	text, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("subscriptions: %w", err)
	}
	return text, nil
}

// checkWebURL accepts absolute http and https addresses.
func checkWebURL(raw string) error {
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return fmt.Errorf("%q is not an http or https address", articles.Sanitize(raw))
	}
	return nil
}
