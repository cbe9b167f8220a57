// Package input says what a named input is (a directory, an article file,
// a feed, a subscription list, JSON Lines, a list of paths or URLs) from
// its name and first bytes, and makes the source that reads it. The same
// decision serves command-line arguments, files met inside directories
// and standard input.
package input
