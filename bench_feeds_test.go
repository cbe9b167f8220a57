package main

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// BenchmarkFirstScreenCachedFeeds starts newsread on 200 subscriptions of
// 100 items each, all cached, while the server stalls every request: the
// first screen must come from the cache without waiting for the network.
//
//	go test -run XXX -bench FirstScreenCachedFeeds -benchtime 3x .
func BenchmarkFirstScreenCachedFeeds(b *testing.B) {
	const feeds, items = 200, 100
	bin := buildBinary(b)
	var stall atomic.Bool
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if stall.Load() {
			<-r.Context().Done()
			return
		}
		var n int
		fmt.Sscanf(r.URL.Path, "/feed/%d.xml", &n)
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprint(w, generatedFeed(n, items))
	}))
	defer srv.Close()

	env := isolatedEnv(b)
	config := filepath.Join(envValue(env, "XDG_CONFIG_HOME"), "newsread")
	if err := os.MkdirAll(config, 0o755); err != nil {
		b.Fatal(err)
	}
	var urls strings.Builder
	for i := range feeds {
		fmt.Fprintf(&urls, "%s/feed/%d.xml\n", srv.URL, i)
	}
	if err := os.WriteFile(filepath.Join(config, "urls"), []byte(urls.String()), 0o644); err != nil {
		b.Fatal(err)
	}
	start := time.Now()
	if _, stderr, err := runWith(b, env, bin, "", "--refresh"); err != nil {
		b.Fatalf("refresh: %v\n%s", err, stderr)
	}
	refresh := time.Since(start)
	stall.Store(true)

	var first, all time.Duration
	var peakKB int
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		start := time.Now()
		term := startTerminal(b, bin, terminalOptions{env: env, width: 120, height: 40})
		term.waitFor(b, "a first item", 10*time.Second, func(s string) bool { return strings.Contains(s, "Feed ") })
		first += time.Since(start)
		term.waitFor(b, "every cached item", 60*time.Second, func(s string) bool {
			return strings.Contains(s, commas(feeds*items)+" articles")
		})
		all += time.Since(start)
		peakKB = max(peakKB, peakRSS(term.cmd.Process.Pid))
		term.press("\x03")
		term.waitExit(b)
	}
	b.ReportMetric(float64(refresh.Milliseconds()), "ms/refresh-200-feeds")
	b.ReportMetric(float64(first.Milliseconds())/float64(b.N), "ms/first-screen")
	b.ReportMetric(float64(all.Milliseconds())/float64(b.N), "ms/all-cached")
	b.ReportMetric(float64(peakKB)/1024, "MB-peak-RSS")
}

// generatedFeed is an RSS feed of n items with about 330 words of HTML
// each.
func generatedFeed(feed, items int) string {
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
	return b.String()
}
