package ui

import (
	"context"
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

// sourceBatch is a batch tagged with the index of the source that sent it.
type sourceBatch struct {
	src   int
	batch articles.Batch
}

// batchMsg carries every batch that was waiting when the reader woke up;
// closed reports that all sources have finished and the channel is closed.
type batchMsg struct {
	batches []sourceBatch
	closed  bool
}

// maxCoalesce bounds how many waiting batches one message takes, so a
// flood of tiny batches still lets the screen redraw now and then.
const maxCoalesce = 64

// startSources runs every source's Load in its own goroutine, feeding ch,
// and closes ch when all have returned. A source that returns without a
// Done batch gets one sent on its behalf, so the progress count ends.
func startSources(ctx context.Context, sources []Source, ch chan<- sourceBatch) tea.Cmd {
	return func() tea.Msg {
		var wg sync.WaitGroup
		for i, s := range sources {
			wg.Add(1)
			go func() {
				defer wg.Done()
				done := false
				send := func(b articles.Batch) {
					done = done || b.Done
					select {
					case ch <- sourceBatch{src: i, batch: b}:
					case <-ctx.Done():
					}
				}
				s.Load(ctx, send)
				if !done {
					send(articles.Batch{Done: true})
				}
			}()
		}
		go func() {
			wg.Wait()
			close(ch)
		}()
		return nil
	}
}

// waitForBatch blocks until a batch arrives, then takes every other batch
// already waiting, so a fast source costs one redraw per wake-up rather than
// one per batch. Update re-arms it after each batchMsg until closed.
func waitForBatch(ch <-chan sourceBatch) tea.Cmd {
	return func() tea.Msg {
		first, ok := <-ch
		if !ok {
			return batchMsg{closed: true}
		}
		msg := batchMsg{batches: []sourceBatch{first}}
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
