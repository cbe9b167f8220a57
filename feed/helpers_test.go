package feed

import (
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// serveOn starts an httptest server listening on ip (a loopback address
// such as 127.0.0.2), skipping the test when the address is unavailable.
func serveOn(t testing.TB, ip string, h http.Handler) *httptest.Server {
	t.Helper()
	ln, err := net.Listen("tcp", ip+":0")
	if err != nil {
		t.Skipf("cannot listen on %s: %v", ip, err)
	}
	srv := httptest.NewUnstartedServer(h)
	srv.Listener.Close()
	srv.Listener = ln
	srv.Start()
	t.Cleanup(srv.Close)
	return srv
}

// rssFeed builds an RSS 2.0 document with n items whose GUIDs start at
// first; each body has words words of HTML.
func rssFeed(title string, first, n, words int) []byte {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	b.WriteString(`<rss version="2.0"><channel><title>` + title + `</title><link>https://example.com/</link>` + "\n")
	// 15 words a sentence.
	para := strings.Repeat("The <b>quick</b> brown fox jumps over the <a href=\"/lazy\">lazy</a> dog and runs far away again. ", max(words/15, 1))
	for i := first; i < first+n; i++ {
		fmt.Fprintf(&b, "<item><title>Item %d</title><link>https://example.com/items/%d</link><guid>https://example.com/items/%d</guid>", i, i, i)
		fmt.Fprintf(&b, "<pubDate>%s</pubDate>", time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(i)*time.Minute).Format(time.RFC1123Z))
		fmt.Fprintf(&b, "<description><![CDATA[<p>%s</p><p><img src=\"/img/%d.png\" alt=\"picture\"></p>]]></description></item>\n", para, i)
	}
	b.WriteString("</channel></rss>\n")
	return []byte(b.String())
}

// testFetcher has short timeouts so failing tests fail fast.
func testFetcher(opts FetcherOptions) *Fetcher {
	opts.Version = "test"
	if opts.Timeout == 0 {
		opts.Timeout = 5 * time.Second
	}
	return NewFetcher(opts)
}
