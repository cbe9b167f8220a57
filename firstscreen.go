package main

import (
	"context"
	"runtime/debug"
	"sync"
	"time"
)

// firstScreen holds back what the first screen does not need until it
// is drawn: the subscriptions' fetches (a thousand feeds would compete
// for the CPU with the archive's first page and the drawing), the
// archive's pages after its first, and the garbage collector's usual
// pace (the start allocates a few megabytes it would collect several
// times over). It opens when the screen shows articles, when the archive
// has nothing to show first, or after limit, whichever comes first; a
// run that prints instead of drawing opens it at once.
type firstScreen struct {
	once sync.Once
	ch   chan struct{}
	gc   int // the collector's percentage to restore; < 0: leave it
}

// startGC is the collector's percentage until the first screen: the
// heap at the start is a few megabytes, so this spares some cycles
// and holds little memory.
const startGC = 400

// firstScreenLimit is how long the first screen may hold work back: a
// store that is slow to open delays the feeds' fetches by no more.
const firstScreenLimit = 250 * time.Millisecond

func newFirstScreen(limit time.Duration) *firstScreen {
	f := &firstScreen{ch: make(chan struct{}), gc: -1}
	if old := debug.SetGCPercent(startGC); old < 0 || old > startGC {
		debug.SetGCPercent(old) // GOGC=off or higher: as the user said
	} else {
		f.gc = old
	}
	time.AfterFunc(limit, f.open)
	return f
}

// open lets what was held back go; it may be called any number of
// times, from any goroutine.
func (f *firstScreen) open() {
	f.once.Do(func() {
		close(f.ch)
		if f.gc >= 0 {
			debug.SetGCPercent(f.gc)
		}
	})
}

// wait returns when the first screen is drawn or ctx is done.
func (f *firstScreen) wait(ctx context.Context) {
	select {
	case <-f.ch:
	case <-ctx.Done():
	}
}
