package input

import (
	"context"
	"sync"

	"newsread/articles"
)

// mix is one source made of several (a piped list of files, folders and
// feed addresses): their batches go out as one source's, with one Done
// at the end, and each article is opened by the part it came from.
type mix struct {
	name  string
	parts []Source

	mu    sync.Mutex
	owner map[string]int // article ID → index of its part
}

// newMix returns the parts as one source, or the only part as it is.
func newMix(name string, parts []Source) Source {
	if len(parts) == 1 {
		return parts[0]
	}
	m := &mix{name: name, parts: parts, owner: map[string]int{}}
	for _, p := range parts {
		if _, ok := p.(Refresher); ok {
			return refreshingMix{m}
		}
	}
	return m
}

// refreshingMix is a mix with a part that can refresh.
type refreshingMix struct{ *mix }

// Name implements Source.
func (m *mix) Name() string { return m.name }

// Load implements Source: the parts load side by side.
func (m *mix) Load(ctx context.Context, send func(articles.Batch)) {
	m.run(func(p Source) func(context.Context, func(articles.Batch)) { return p.Load }, ctx, send)
}

// Refresh implements Refresher for the parts that can refresh.
func (m refreshingMix) Refresh(ctx context.Context, feed string, send func(articles.Batch)) {
	m.run(func(p Source) func(context.Context, func(articles.Batch)) {
		if r, ok := p.(Refresher); ok {
			return func(ctx context.Context, send func(articles.Batch)) { r.Refresh(ctx, feed, send) }
		}
		return nil
	}, ctx, send)
}

// run runs what of each part, merging their progress counts.
func (m *mix) run(what func(Source) func(context.Context, func(articles.Batch)), ctx context.Context, send func(articles.Batch)) {
	var (
		wg    sync.WaitGroup
		mu    sync.Mutex
		seen  = make([]int, len(m.parts))
		total = make([]int, len(m.parts))
	)
	for i, p := range m.parts {
		do := what(p)
		if do == nil {
			continue
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			do(ctx, func(b articles.Batch) {
				m.mu.Lock()
				for _, a := range b.Articles {
					m.owner[a.ID] = i
				}
				m.mu.Unlock()
				mu.Lock()
				defer mu.Unlock()
				seen[i], total[i] = max(seen[i], b.Seen), max(total[i], b.Total)
				out := articles.Batch{Articles: b.Articles, Problems: b.Problems, Seen: sum(seen)}
				if !zeroIn(total) {
					out.Total = sum(total)
				}
				send(out)
			})
		}()
	}
	wg.Wait()
	send(articles.Batch{Seen: sum(seen), Done: true})
}

// Open implements Source: the part the article came from opens it.
func (m *mix) Open(ctx context.Context, a articles.Article) (articles.Article, error) {
	m.mu.Lock()
	i, ok := m.owner[a.ID]
	m.mu.Unlock()
	if !ok {
		i = 0
	}
	return m.parts[i].Open(ctx, a)
}

func sum(xs []int) int {
	n := 0
	for _, x := range xs {
		n += x
	}
	return n
}

func zeroIn(xs []int) bool {
	for _, x := range xs {
		if x == 0 {
			return true
		}
	}
	return false
}
