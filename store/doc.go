// Package store keeps newsread's state in one SQLite file: what was read
// and starred, where reading stopped, every feed item seen (the archive),
// the directory index and the full-text index.
package store
