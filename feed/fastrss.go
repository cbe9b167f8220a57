package feed

import (
	"bytes"
	"sync"

	"github.com/mmcdole/gofeed"
	"github.com/mmcdole/gofeed/rss"
)

// parseRSSFast reads an RSS 2.0 document as gofeed would, but reads
// plain items itself, on workers, leaving gofeed the channel and any
// item out of the ordinary. ok is false when the document is not one it
// can cut up; the caller then parses it whole.
func (p *Parser) parseRSSFast(doc []byte) (*gofeed.Feed, bool) {
	d, ok := splitRSS(doc)
	if !ok {
		return nil, false
	}
	rf, err := (&rss.Parser{}).Parse(bytes.NewReader(d.rest))
	if err != nil || len(rf.Items) > 0 {
		return nil, false
	}
	rf.Items = make([]*rss.Item, len(d.items))
	failed := false
	var mu sync.Mutex
	p.each(len(d.items), func(i int) {
		it, ok := d.item(d.items[i])
		if !ok {
			mu.Lock()
			failed = true
			mu.Unlock()
		}
		rf.Items[i] = it
	})
	if failed {
		return nil, false
	}
	gf, err := (&gofeed.DefaultRSSTranslator{DisableContentImageScan: true}).Translate(rf)
	if err != nil {
		return nil, false
	}
	return gf, true
}

// each calls do(0) … do(n-1) on the parser's workers, in chunks.
func (p *Parser) each(n int, do func(i int)) {
	workers := min(p.workers, n/64+1)
	if workers <= 1 {
		for i := range n {
			do(i)
		}
		return
	}
	const chunk = 64
	next := make(chan int)
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for start := range next {
				for i := start; i < min(start+chunk, n); i++ {
					do(i)
				}
			}
		})
	}
	for start := 0; start < n; start += chunk {
		next <- start
	}
	close(next)
	wg.Wait()
}

// item reads one item: itself when it is plain, else with gofeed in a
// document of its own under the same root element.
func (d rssDoc) item(raw []byte) (*rss.Item, bool) {
	if it, ok := d.plainItem(raw); ok {
		return it, true
	}
	var b bytes.Buffer
	b.Grow(len(d.root) + len(raw) + 32)
	b.Write(d.root)
	b.Write(d.channel)
	b.Write(raw)
	b.WriteString("</channel></rss>")
	rf, err := (&rss.Parser{}).Parse(&b)
	if err != nil || len(rf.Items) != 1 {
		return nil, false
	}
	return rf.Items[0], true
}
