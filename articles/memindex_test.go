package articles

import (
	"context"
	"path/filepath"
	"strings"
	"sync"
)

// MemoryIndex is an Index held in memory, for the tests.
type MemoryIndex struct {
	mu      sync.Mutex
	entries map[string]IndexEntry
}

// NewMemoryIndex returns an empty MemoryIndex.
func NewMemoryIndex() *MemoryIndex {
	return &MemoryIndex{entries: map[string]IndexEntry{}}
}

// Load returns a copy of the entries under dir.
func (m *MemoryIndex) Load(_ context.Context, dir string) (map[string]IndexEntry, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	prefix := strings.TrimSuffix(dir, string(filepath.Separator)) + string(filepath.Separator)
	out := make(map[string]IndexEntry, len(m.entries))
	for p, e := range m.entries {
		if strings.HasPrefix(p, prefix) {
			out[p] = e
		}
	}
	return out, nil
}

// Keep remembers entries.
func (m *MemoryIndex) Keep(entries []IndexEntry) {
	m.mu.Lock()
	defer m.mu.Unlock()
	for _, e := range entries {
		m.entries[e.Path] = e
	}
}

// Forget drops the entries of paths.
func (m *MemoryIndex) Forget(paths []string) {
	m.mu.Lock()
	defer m.mu.Unlock()
	for _, p := range paths {
		delete(m.entries, p)
	}
}

// Len is how many files the index keeps.
func (m *MemoryIndex) Len() int {
	m.mu.Lock()
	defer m.mu.Unlock()
	return len(m.entries)
}
