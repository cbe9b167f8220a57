package main

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"newsread/feed"
)

// BenchmarkFullTextKeyToScreenWholeProgram times F on a summary-only feed
// item until its full story is on the screen of newsread in a pseudo-
// terminal, the page (a real news page of the corpus, 309 KB) served on
// loopback. fetch-ms is the fetch of the page alone, timed apart.
//
//	go test -run XXX -bench FullTextKeyToScreenWholeProgram -benchtime 10x .
func BenchmarkFullTextKeyToScreenWholeProgram(b *testing.B) {
	page, story := corpusPage(b)
	bin := buildBinary(b)
	n := b.N
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/feed.xml" {
			w.Header().Set("Content-Type", "application/rss+xml")
			fmt.Fprintf(w, `<?xml version="1.0"?><rss version="2.0"><channel><title>Bench</title><link>http://%s/</link>`, r.Host)
			for i := range n {
				fmt.Fprintf(w, `<item><title>Story %03d</title><link>http://%s/story/%d</link><pubDate>%s</pubDate><description>Summary of story %03d.</description></item>`,
					i, r.Host, i, time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC).Add(-time.Duration(i)*time.Hour).Format(time.RFC1123Z), i)
			}
			fmt.Fprint(w, `</channel></rss>`)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write(page)
	}))
	defer srv.Close()

	fetcher := feed.NewFetcher(feed.FetcherOptions{Version: "bench"})
	var fetch time.Duration
	for i := 0; i < b.N; i++ {
		start := time.Now()
		if _, err := fetcher.FetchPage(b.Context(), fmt.Sprintf("%s/story/x%d", srv.URL, i)); err != nil {
			b.Fatal(err)
		}
		fetch += time.Since(start)
	}

	term := startTerminal(b, bin, terminalOptions{args: []string{srv.URL + "/feed.xml"}, width: 120, height: 40})
	term.waitText(b, "Story 000")
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		summary := fmt.Sprintf("Summary of story %03d.", i)
		key := "n"
		if i == 0 {
			key = "\r"
		}
		term.pressUntil(b, key, summary, func(s string) bool { return strings.Contains(s, summary) })
		term.waitText(b, "feed summary")
		b.StartTimer()
		term.press("F")
		term.waitFor(b, "the full story", 10*time.Second, func(s string) bool {
			return strings.Contains(s, story[:20]) && !strings.Contains(s, summary)
		})
	}
	b.StopTimer()
	b.ReportMetric(float64(fetch.Microseconds())/1000/float64(b.N), "fetch-ms")
	term.press("qq")
	term.waitExit(b)
}

// BenchmarkFullTextFetchExtractKeep is what the screen waits for after F
// before it renders: the page fetched on loopback, its story extracted
// and converted, and kept in a store file.
//
//	go test -run XXX -bench FullTextFetchExtractKeep -benchtime 20x .
func BenchmarkFullTextFetchExtractKeep(b *testing.B) {
	page, _ := corpusPage(b)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write(page)
	}))
	defer srv.Close()
	st := newStateStore(b.TempDir() + "/newsread.db")
	defer st.close()
	if _, err := st.get(b.Context()); err != nil {
		b.Fatal(err)
	}
	ft := newFullTexter(feed.NewFetcher(feed.FetcherOptions{Version: "bench"}), st, nil)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		a := item(fmt.Sprint("urn:", i), fmt.Sprintf("%s/story/%d", srv.URL, i))
		if _, err := ft.FullText(b.Context(), a, true); err != nil {
			b.Fatal(err)
		}
	}
}
