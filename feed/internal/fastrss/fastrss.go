// Package fastrss reads RSS 2.0 documents as gofeed's RSS parser does,
// several times faster: the document is cut into its items, items made
// only of plain text elements are read here, on several goroutines, and
// gofeed reads the channel and any item out of the ordinary in a
// document of its own. Anything this package is not sure of makes Parse
// decline, and the caller parses the whole document with gofeed.
//
// The tests beside it hold the two readings equal over the corpus and
// under fuzzing: a fix to how RSS items are read starts here.
package fastrss

import (
	"bytes"
	"sync"

	"github.com/mmcdole/gofeed"
	"github.com/mmcdole/gofeed/rss"
)

// Parse reads an RSS 2.0 (or 0.9x) document, which must be UTF-8 with
// any XML declaration saying so, into what gofeed's RSS parser and
// translator (with DisableContentImageScan) would give, reading items on
// up to workers goroutines. ok is false when the document is not one it
// can cut up (a DOCTYPE, xml:base, a default namespace, markup it cannot
// follow, a parse error): the caller then parses it whole.
func Parse(doc []byte, workers int) (*gofeed.Feed, bool) {
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
	each(workers, len(d.items), func(i int) {
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

// each calls do(0) … do(n-1) on up to workers goroutines, in chunks.
func each(workers, n int, do func(i int)) {
	workers = min(workers, n/64+1)
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
