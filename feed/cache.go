package feed

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// Cache errors a caller may branch on.
var (
	ErrNotCached    = errors.New("not in the cache")
	ErrCorruptCache = errors.New("corrupt cache entry")
)

// Cache keeps the last good response of every feed in a directory: per
// feed URL, NAME.body (the bytes as served, after gzip) and NAME.json (a
// CacheMeta), where NAME is the hex SHA-256 of the URL. Files are written
// to a temporary file in the same directory and renamed into place, so a
// reader never sees half a file. They are not fsynced: the cache can
// always be fetched again, and the body's hash in the sidecar catches a
// body torn by a power loss. It is safe for concurrent use by goroutines
// working on different feeds.
type Cache struct {
	dir string
}

// NewCache returns a cache in dir, created when first written.
func NewCache(dir string) *Cache { return &Cache{dir: dir} }

// Dir is the directory the cache lives in.
func (c *Cache) Dir() string { return c.dir }

// CacheMeta is what the cache knows about one feed besides its body.
type CacheMeta struct {
	URL          string `json:"url"`
	ETag         string `json:"etag,omitempty"`
	LastModified string `json:"last_modified,omitempty"`
	ContentType  string `json:"content_type,omitempty"`
	// FetchedAt is when the body was fetched, or confirmed by a 304 (to
	// within an hour: confirmations are not written more often).
	FetchedAt time.Time `json:"fetched_at"`
	// RetryAfter is the earliest time the feed may be fetched again, as a
	// 429 or 503 response asked.
	RetryAfter time.Time `json:"retry_after,omitzero"`
	// BodySize and BodySHA256 describe the body file; empty when there is
	// no body (a feed that has only ever failed).
	BodySize   int64  `json:"body_size,omitempty"`
	BodySHA256 string `json:"body_sha256,omitempty"`
}

// sha256Hex is the hex SHA-256 the cache checks bodies with.
func sha256Hex(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

func (c *Cache) name(feedURL string) string {
	sum := sha256.Sum256([]byte(feedURL))
	return filepath.Join(c.dir, hex.EncodeToString(sum[:]))
}

// Entries lists the folder once, so that a caller about to ask after
// many feeds skips those never cached (a thousand new subscriptions are
// a thousand files that do not exist); has reports whether feedURL has
// an entry. ok is false when the folder cannot be listed: ask each feed.
func (c *Cache) Entries() (has func(feedURL string) bool, ok bool) {
	list, err := os.ReadDir(c.dir)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, false
	}
	names := make(map[string]bool, len(list))
	for _, e := range list {
		if name, isMeta := strings.CutSuffix(e.Name(), ".json"); isMeta {
			names[name] = true
		}
	}
	return func(feedURL string) bool { return names[filepath.Base(c.name(feedURL))] }, true
}

// Load returns the feed's metadata and body. body is nil when only
// metadata is stored. A missing entry is ErrNotCached; an entry that does
// not check out (bad JSON, wrong URL, body of the wrong size or hash) is
// ErrCorruptCache, and should be ignored by the caller.
func (c *Cache) Load(feedURL string) (meta CacheMeta, body []byte, err error) {
	meta, err = c.LoadMeta(feedURL)
	if err != nil || meta.BodySHA256 == "" {
		return meta, nil, err
	}
	body, err = os.ReadFile(c.name(feedURL) + ".body")
	if err != nil {
		return meta, nil, fmt.Errorf("%w: %s: %w", ErrCorruptCache, feedURL, err)
	}
	if int64(len(body)) != meta.BodySize || sha256Hex(body) != meta.BodySHA256 {
		return meta, nil, fmt.Errorf("%w: %s: body does not match its checksum", ErrCorruptCache, feedURL)
	}
	return meta, body, nil
}

// loadChecked is Load without keeping the body: hasBody says whether a
// body is stored and checks out. A fetch that may wait long on the
// network asks only this, so that hundreds of waiting fetches do not hold
// hundreds of bodies.
func (c *Cache) loadChecked(feedURL string) (meta CacheMeta, hasBody bool, err error) {
	meta, err = c.LoadMeta(feedURL)
	if err != nil || meta.BodySHA256 == "" {
		return meta, false, err
	}
	f, err := os.Open(c.name(feedURL) + ".body")
	if err != nil {
		return meta, false, fmt.Errorf("%w: %s: %w", ErrCorruptCache, feedURL, err)
	}
	defer f.Close()
	h := sha256.New()
	n, err := io.Copy(h, f)
	if err != nil {
		return meta, false, fmt.Errorf("%w: %s: %w", ErrCorruptCache, feedURL, err)
	}
	if n != meta.BodySize || hex.EncodeToString(h.Sum(nil)) != meta.BodySHA256 {
		return meta, false, fmt.Errorf("%w: %s: body does not match its checksum", ErrCorruptCache, feedURL)
	}
	return meta, true, nil
}

// LoadMeta returns the feed's metadata alone.
func (c *Cache) LoadMeta(feedURL string) (CacheMeta, error) {
	var meta CacheMeta
	data, err := os.ReadFile(c.name(feedURL) + ".json")
	if errors.Is(err, fs.ErrNotExist) {
		return meta, ErrNotCached
	}
	if err != nil {
		return meta, fmt.Errorf("read cache for %s: %w", feedURL, err)
	}
	if err := json.Unmarshal(data, &meta); err != nil {
		return CacheMeta{}, fmt.Errorf("%w: %s: %w", ErrCorruptCache, feedURL, err)
	}
	if meta.URL != feedURL {
		return CacheMeta{}, fmt.Errorf("%w: %s: entry is for %q", ErrCorruptCache, feedURL, meta.URL)
	}
	return meta, nil
}

// Store replaces the feed's body and metadata. meta's URL, size and hash
// are filled in here.
func (c *Cache) Store(feedURL string, meta CacheMeta, body []byte) error {
	meta.BodySize, meta.BodySHA256 = int64(len(body)), sha256Hex(body)
	if err := c.write(c.name(feedURL)+".body", body); err != nil {
		return err
	}
	return c.StoreMeta(feedURL, meta)
}

// StoreMeta replaces the feed's metadata and keeps its body, as after a
// 304 or a 429.
func (c *Cache) StoreMeta(feedURL string, meta CacheMeta) error {
	meta.URL = feedURL
	data, err := json.MarshalIndent(meta, "", "  ")
	if err != nil {
		return fmt.Errorf("encode cache entry: %w", err)
	}
	return c.write(c.name(feedURL)+".json", data)
}

// write puts data at path atomically: a temporary file in the same
// directory, renamed over the old one.
func (c *Cache) write(path string, data []byte) error {
	if err := os.MkdirAll(c.dir, 0o755); err != nil {
		return fmt.Errorf("create cache dir: %w", err)
	}
	tmp, err := os.CreateTemp(c.dir, ".tmp-*")
	if err != nil {
		return fmt.Errorf("write cache: %w", err)
	}
	_, werr := tmp.Write(data)
	cerr := tmp.Close()
	if err := errors.Join(werr, cerr); err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("write cache: %w", err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("write cache: %w", err)
	}
	return nil
}
