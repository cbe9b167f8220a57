package feed

import (
	"context"
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"newsread/articles"
)

// BenchmarkParseConvert10kItems parses and converts a generated RSS feed
// of 10,000 items with about 330 words of HTML each (target < 0.6 s).
func BenchmarkParseConvert10kItems(b *testing.B) {
	data := rssFeed("Big", 0, 10000, 330)
	p := NewParser(articles.NewHTMLConverter())
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		f, err := p.Parse(data, ParseOptions{URL: "https://example.com/feed"})
		if err != nil || len(f.Articles) != 10000 {
			b.Fatal(err)
		}
	}
}

// BenchmarkParse10kItemsDeferred is the same feed as Open reads it
// again: bodies are kept for conversion, not converted.
func BenchmarkParse10kItemsDeferred(b *testing.B) {
	data := rssFeed("Big", 0, 10000, 330)
	p := NewParser(articles.NewHTMLConverter())
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		f, err := p.Parse(data, ParseOptions{URL: "https://example.com/feed", DeferBodies: true})
		if err != nil || len(f.Articles) != 10000 {
			b.Fatal(err)
		}
	}
}

// BenchmarkParse10kItemsHeadersOnly is the same feed read for its IDs
// and headers alone, as a source loads it and a refresh that counts new
// items does.
func BenchmarkParse10kItemsHeadersOnly(b *testing.B) {
	data := rssFeed("Big", 0, 10000, 330)
	p := NewParser(articles.NewHTMLConverter())
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		f, err := p.Parse(data, ParseOptions{URL: "https://example.com/feed", HeadersOnly: true})
		if err != nil || len(f.Articles) != 10000 {
			b.Fatal(err)
		}
	}
}

// BenchmarkParseGiantbombPodcastDeferred parses the 730-item podcast
// capture as a source does, leaving bodies for Open.
func BenchmarkParseGiantbombPodcastDeferred(b *testing.B) {
	path := filepath.Join(corpusDir(b), "realfeeds", "rss-parser", "test", "input", "giantbomb-podcast.rss")
	data, err := os.ReadFile(path)
	if err != nil {
		b.Skip(err)
	}
	p := NewParser(articles.NewHTMLConverter())
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := p.Parse(data, ParseOptions{URL: "https://www.giantbomb.com/podcast-xml/", DeferBodies: true}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkParseGiantbombPodcast parses the 730-item podcast capture.
func BenchmarkParseGiantbombPodcast(b *testing.B) {
	path := filepath.Join(corpusDir(b), "realfeeds", "rss-parser", "test", "input", "giantbomb-podcast.rss")
	data, err := os.ReadFile(path)
	if err != nil {
		b.Skip(err)
	}
	p := NewParser(articles.NewHTMLConverter())
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := p.Parse(data, ParseOptions{URL: "https://www.giantbomb.com/podcast-xml/"}); err != nil {
			b.Fatal(err)
		}
	}
}

// benchFeeds serves 200 different feeds of 100 items from a loopback
// server that answers conditional requests with 304.
func benchFeeds(b *testing.B) []Subscription {
	bodies := make([][]byte, 200)
	for i := range bodies {
		bodies[i] = rssFeed("Bench "+strconv.Itoa(i), i*100, 100, 100)
	}
	srv := serveOn(b, "127.0.0.1", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("If-None-Match") == `"same"` {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		i, err := strconv.Atoi(strings.TrimPrefix(r.URL.Path, "/feed/"))
		if err != nil || i < 0 || i >= len(bodies) {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("ETag", `"same"`)
		w.Write(bodies[i])
	}))
	subs := make([]Subscription, len(bodies))
	for i := range subs {
		subs[i] = Subscription{URL: srv.URL + "/feed/" + strconv.Itoa(i)}
	}
	return subs
}

// benchFetcher lets the single loopback host take the whole global
// limit, as 200 feeds on 200 real hosts would.
func benchFetcher() *Fetcher {
	return NewFetcher(FetcherOptions{Version: "bench", MaxPerHost: 16})
}

// BenchmarkRefresh200Feeds refreshes 200 feeds × 100 items into an empty
// cache (target < 3 s).
func BenchmarkRefresh200Feeds(b *testing.B) {
	subs := benchFeeds(b)
	f := benchFetcher()
	for b.Loop() {
		c := NewCache(b.TempDir())
		for _, r := range Refresh(context.Background(), subs, f, c, nil) {
			if r.Err != nil {
				b.Fatal(r.Err)
			}
		}
	}
}

// BenchmarkRefresh200FeedsNotModified is the second refresh: all 304s
// (target < 0.5 s).
func BenchmarkRefresh200FeedsNotModified(b *testing.B) {
	subs := benchFeeds(b)
	f := benchFetcher()
	c := NewCache(b.TempDir())
	Refresh(context.Background(), subs, f, c, nil)
	for b.Loop() {
		for _, r := range Refresh(context.Background(), subs, f, c, nil) {
			if r.Err != nil || !r.NotModified {
				b.Fatal(r.Err)
			}
		}
	}
}

// BenchmarkLoad200CachedFeeds loads 200 cached feeds (20,000 items) through
// a Source whose fetches all come back 304. It reports how long the first
// cached batch and the last cached article take (target: first screen
// under 100 ms), and the heap retained by the 20,000 articles and the
// source's record of where their bodies are.
func BenchmarkLoad200CachedFeeds(b *testing.B) {
	subs := benchFeeds(b)
	f := benchFetcher()
	c := NewCache(b.TempDir())
	Refresh(context.Background(), subs, f, c, nil)
	p := NewParser(articles.NewHTMLConverter())
	var kept []articles.Article
	var src *Source
	var first, cached time.Duration
	for b.Loop() {
		kept = kept[:0]
		src = NewSource("", subs, f, c, p)
		start := time.Now()
		src.Load(context.Background(), func(batch articles.Batch) {
			if len(kept) == 0 && len(batch.Articles) > 0 {
				first += time.Since(start)
			}
			kept = append(kept, batch.Articles...)
			if len(kept) == 20000 && len(batch.Articles) > 0 {
				cached += time.Since(start)
			}
		})
		if len(kept) != 20000 {
			b.Fatalf("%d articles", len(kept))
		}
	}
	b.ReportMetric(float64(first.Milliseconds())/float64(b.N), "ms-first-batch")
	b.ReportMetric(float64(cached.Milliseconds())/float64(b.N), "ms-all-cached")
	b.StopTimer()
	b.ReportMetric(retainedMiB(func() { kept, src = nil, nil }, kept, src), "MiB-retained-20k")
}

// retainedMiB is the live heap that drop releases: measured after a GC
// with the values alive, and again after drop and a GC.
func retainedMiB(drop func(), alive ...any) float64 {
	var with, without runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&with)
	runtime.KeepAlive(alive)
	drop()
	alive = nil
	runtime.GC()
	runtime.ReadMemStats(&without)
	return float64(int64(with.HeapAlloc)-int64(without.HeapAlloc)) / (1 << 20)
}
