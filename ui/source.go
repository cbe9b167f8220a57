package ui

import (
	"context"
	"fmt"
	"sync"

	tea "charm.land/bubbletea/v2"

	"newsread/articles"
)

// Source is what the UI needs from a place articles come from.
type Source interface {
	// Name names the source in the status line and in problems.
	Name() string
	// Load sends batches until exhausted or ctx done; the last has Done set.
	Load(ctx context.Context, send func(articles.Batch))
	// Open returns the article with its body loaded.
	Open(ctx context.Context, a articles.Article) (articles.Article, error)
}

// Refresher is a source that can fetch again on request (feeds).
type Refresher interface {
	// Refresh fetches again: every feed of the source when feed is "",
	// else only the feed with that URL (Article.Feed); it sends batches
	// like Load, the last with Done set.
	Refresh(ctx context.Context, feed string, send func(articles.Batch))
}

// SourceChanged tells the program that source (an index of
// Options.Sources) has something new, as when another process added to a
// store it reads: the source lists again what came (Relister) or is
// refreshed quietly, unless a load or a refresh is running.
type SourceChanged struct{ Source int }

// Relister is a source that can list again, without fetching, what came
// into it since it last listed (what another process stored): on
// SourceChanged it is asked this rather than to refresh.
type Relister interface {
	Relist(ctx context.Context, send func(articles.Batch))
}

// Copier is a source whose articles are copies of what other sources
// list, kept from before (an archive of feeds): a copy it sends never
// replaces an article another source has listed, which is fresher, so it
// need not wait for the others to load before it sends.
type Copier interface {
	Copies() bool
}

// HeaderLister is a source that lists headers only when ListsHeaders
// says so: no link, author or summary for an article whose title shows
// (the archive, a million items at a time). Open gives the whole article,
// and the screen asks for it when it needs the link.
type HeaderLister interface {
	ListsHeaders() bool
}

// Singler is a source that may turn out, once loaded, to be one article
// on its own (one article piped in): it then opens as Options.OpenSingle
// says, unless the user has moved already.
type Singler interface {
	Single() bool
}

// fetch is what one source does in a run: its Load or its Refresh.
type fetch struct {
	src  int
	name string
	do   func(ctx context.Context, send func(articles.Batch))
}

// loads is the first run: every source's Load.
func loads(sources []Source) []fetch {
	fs := make([]fetch, len(sources))
	for i, s := range sources {
		fs[i] = fetch{src: i, name: s.Name(), do: s.Load}
	}
	return fs
}

// refreshes is a refresh run: the Refresh of every source that has one, or
// of source only when only >= 0; feed is passed on.
func refreshes(sources []Source, only int, feed string) []fetch {
	var fs []fetch
	for i, s := range sources {
		r, ok := s.(Refresher)
		if !ok || only >= 0 && i != only {
			continue
		}
		fs = append(fs, fetch{src: i, name: s.Name(), do: func(ctx context.Context, send func(articles.Batch)) {
			r.Refresh(ctx, feed, send)
		}})
	}
	return fs
}

// sourceBatch is a batch tagged with the index of the source that sent it.
type sourceBatch struct {
	src   int
	batch articles.Batch
}

// batchMsg carries every batch that was waiting when the reader woke up;
// closed reports that all sources of the run have finished and its channel
// is closed. gen names the run.
type batchMsg struct {
	gen     int
	batches []sourceBatch
	closed  bool
}

// maxCoalesce bounds how many waiting batches one message takes, so a
// flood of tiny batches still lets the screen redraw now and then.
const maxCoalesce = 64

// startFetches runs every fetch in its own goroutine, feeding ch, and
// closes ch when all have returned. A source that returns without a Done
// batch gets one sent on its behalf, so the progress count ends.
func startFetches(ctx context.Context, fs []fetch, ch chan<- sourceBatch) tea.Cmd {
	return func() tea.Msg {
		var wg sync.WaitGroup
		for _, f := range fs {
			wg.Add(1)
			go func() {
				defer wg.Done()
				done := false
				send := func(b articles.Batch) {
					done = done || b.Done
					select {
					case ch <- sourceBatch{src: f.src, batch: b}:
					case <-ctx.Done():
					}
				}
				defer func() {
					// A source that breaks down is reported as a
					// problem; the program and the terminal carry on.
					if r := recover(); r != nil {
						send(articles.Batch{Problems: []articles.Problem{{Where: f.name, Err: fmt.Errorf("source failed: %v", r)}}})
					}
					if !done {
						send(articles.Batch{Done: true})
					}
				}()
				f.do(ctx, send)
			}()
		}
		go func() {
			wg.Wait()
			close(ch)
		}()
		return nil
	}
}

// waitForBatch blocks until a batch of run gen arrives, then takes every
// other batch already waiting, so a fast source costs one redraw per
// wake-up rather than one per batch. Update re-arms it after each batchMsg
// until closed.
func waitForBatch(ch <-chan sourceBatch, gen int) tea.Cmd {
	return func() tea.Msg {
		first, ok := <-ch
		if !ok {
			return batchMsg{gen: gen, closed: true}
		}
		msg := batchMsg{gen: gen, batches: []sourceBatch{first}}
		for len(msg.batches) < maxCoalesce {
			select {
			case b, ok := <-ch:
				if !ok {
					msg.closed = true
					return msg
				}
				msg.batches = append(msg.batches, b)
			default:
				return msg
			}
		}
		return msg
	}
}
