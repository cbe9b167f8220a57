package articles

import (
	"context"
	"os"
	"runtime"
	"time"
)

// OtherFunc handles a file that is not an article file (a feed, say) met
// during a directory scan. It returns what it made of the file, and ok
// false when the file is none of its business; then it is ignored.
type OtherFunc func(ctx context.Context, path string) (arts []Article, probs []Problem, ok bool)

// Option adjusts a directory or file-list source.
type Option func(*config)

type config struct {
	parser    *Parser
	workers   int
	batchSize int
	interval  time.Duration
	firstWait time.Duration // the longest wait before the first batch
	other     OtherFunc
	open      func(path string) (*os.File, error)
	index     Index // headers kept from earlier scans, or nil
	coldStart int   // files read from disk while the index loads
}

func newConfig(opts []Option) config {
	c := config{
		workers:   runtime.GOMAXPROCS(0) * 4,
		batchSize: 500,
		interval:  30 * time.Millisecond,
		firstWait: 5 * time.Millisecond,
		open:      openNonBlocking,
		coldStart: firstBatchSize,
	}
	for _, o := range opts {
		o(&c)
	}
	if c.parser == nil {
		c.parser = NewParser()
	}
	c.workers = max(c.workers, 1)
	c.batchSize = max(c.batchSize, 1)
	if c.interval <= 0 {
		c.interval = 30 * time.Millisecond
	}
	return c
}

// WithParser shares p instead of building a Parser per source.
func WithParser(p *Parser) Option { return func(c *config) { c.parser = p } }

// WithWorkers sets how many files are read at once (default 4 per CPU).
func WithWorkers(n int) Option { return func(c *config) { c.workers = n } }

// WithBatch sets the most articles in one Batch and the longest wait
// before a partial batch is sent (defaults 500 and 30 ms).
func WithBatch(size int, interval time.Duration) Option {
	return func(c *config) { c.batchSize, c.interval = size, interval }
}

// WithOther hands files that are not articles by their extension to fn,
// which may turn them into articles (feed files, for instance).
func WithOther(fn OtherFunc) Option { return func(c *config) { c.other = fn } }
