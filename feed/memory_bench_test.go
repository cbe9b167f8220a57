package feed

import (
	"context"
	"fmt"
	"net/http"
	"runtime"
	"runtime/metrics"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"newsread/articles"
)

// councilFeed is the RSS feed the whole-program benchmark serves: items
// of about 330 words of HTML each.
func councilFeed(feed, items int) []byte {
	var b strings.Builder
	fmt.Fprintf(&b, `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Feed %03d</title><link>http://example.org/%d/</link>`, feed, feed)
	para := strings.Repeat("The council met on <b>Tuesday</b> to discuss the harbour, the rail timetable and the budget. ", 6)
	base := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range items {
		fmt.Fprintf(&b, "<item><title>Feed %03d item %03d</title><link>http://example.org/%d/%d</link><guid>http://example.org/%d/%d</guid><pubDate>%s</pubDate><description><![CDATA[",
			feed, i, feed, i, feed, i, base.Add(time.Duration(feed*items+i)*time.Minute).Format(time.RFC1123Z))
		for range 5 {
			b.WriteString("<p>" + para + "</p>")
		}
		b.WriteString("]]></description></item>")
	}
	b.WriteString("</channel></rss>")
	return []byte(b.String())
}

// heapSampler records the peak of the heap in use (objects and the
// spans holding them) and of the memory the runtime holds from the OS.
type heapSampler struct {
	stop           chan struct{}
	done           sync.WaitGroup
	peakHeap, peak uint64
}

func sampleHeap() *heapSampler {
	h := &heapSampler{stop: make(chan struct{})}
	samples := []metrics.Sample{
		{Name: "/memory/classes/heap/objects:bytes"},
		{Name: "/memory/classes/heap/unused:bytes"},
		{Name: "/memory/classes/total:bytes"},
		{Name: "/memory/classes/heap/released:bytes"},
	}
	h.done.Go(func() {
		tick := time.NewTicker(time.Millisecond)
		defer tick.Stop()
		for {
			metrics.Read(samples)
			heap := samples[0].Value.Uint64() + samples[1].Value.Uint64()
			held := samples[2].Value.Uint64() - samples[3].Value.Uint64()
			h.peakHeap, h.peak = max(h.peakHeap, heap), max(h.peak, held)
			select {
			case <-h.stop:
				return
			case <-tick.C:
			}
		}
	})
	return h
}

func (h *heapSampler) finish() (heapMiB, heldMiB float64) {
	close(h.stop)
	h.done.Wait()
	return float64(h.peakHeap) / (1 << 20), float64(h.peak) / (1 << 20)
}

// BenchmarkLoad200CachedFeedsStalled loads 200 cached feeds of 100 items
// of 330 words (the whole-program benchmark's) while the server never
// answers, and reports the peak heap until every cached article is sent,
// the heap retained by the articles and the source, and the time to
// open one article. Goal: peak well under 64 MB.
func BenchmarkLoad200CachedFeedsStalled(b *testing.B) {
	const feeds, items = 200, 100
	stalled := make(chan struct{})
	srv := serveOn(b, "127.0.0.1", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-stalled:
			<-r.Context().Done()
			return
		default:
		}
		n, _ := strconv.Atoi(strings.TrimPrefix(r.URL.Path, "/feed/"))
		w.Write(councilFeed(n, items))
	}))
	subs := make([]Subscription, feeds)
	for i := range subs {
		subs[i] = Subscription{URL: srv.URL + "/feed/" + strconv.Itoa(i)}
	}
	f := benchFetcher()
	c := NewCache(b.TempDir())
	Refresh(context.Background(), subs, f, c, nil)
	close(stalled)
	p := NewParser(articles.NewHTMLConverter())
	var kept []articles.Article
	var src *Source
	var first, cached, open time.Duration
	var peakHeap, peakHeld float64
	for b.Loop() {
		kept = nil
		runtime.GC()
		h := sampleHeap()
		ctx, cancel := context.WithCancel(context.Background())
		src = NewSource("", subs, f, c, p)
		start := time.Now()
		all := make(chan struct{})
		go src.Load(ctx, func(batch articles.Batch) {
			if len(kept) == 0 && len(batch.Articles) > 0 {
				first += time.Since(start)
			}
			kept = append(kept, batch.Articles...)
			if len(kept) == feeds*items && len(batch.Articles) > 0 {
				cached += time.Since(start)
				close(all)
			}
		})
		<-all
		hp, hd := h.finish()
		peakHeap, peakHeld = max(peakHeap, hp), max(peakHeld, hd)
		t := time.Now()
		a, err := src.Open(ctx, kept[len(kept)/2+7])
		open += time.Since(t)
		if err != nil || !strings.Contains(a.Body, "harbour") {
			b.Fatalf("open: %v %q", err, a.Body)
		}
		cancel()
	}
	b.ReportMetric(float64(first.Milliseconds())/float64(b.N), "ms-first-batch")
	b.ReportMetric(float64(cached.Milliseconds())/float64(b.N), "ms-all-cached")
	b.ReportMetric(float64(open.Microseconds())/float64(b.N)/1000, "ms-open")
	b.ReportMetric(peakHeap, "MiB-peak-heap")
	b.ReportMetric(peakHeld, "MiB-peak-held")
	b.StopTimer()
	b.ReportMetric(retainedMiB(func() { kept, src = nil, nil }, kept, src), "MiB-retained-20k")
}
