package feed

import (
	"compress/gzip"
	"context"
	"errors"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

func TestFetchResponses(t *testing.T) {
	body := rssFeed("Fetched", 0, 3, 10)
	const etag = `"v1"`
	const lastMod = "Mon, 01 Jan 2024 00:00:00 GMT"
	mux := http.NewServeMux()
	mux.HandleFunc("/ok", func(w http.ResponseWriter, r *http.Request) {
		if r.UserAgent() != "newsread/test" {
			http.Error(w, "bad agent "+r.UserAgent(), http.StatusBadRequest)
			return
		}
		w.Header().Set("Content-Type", "application/rss+xml; charset=utf-8")
		w.Write(body)
	})
	mux.HandleFunc("/etag", func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("If-None-Match") == etag {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("ETag", etag)
		w.Write(body)
	})
	mux.HandleFunc("/lastmod", func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("If-Modified-Since") == lastMod {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("Last-Modified", lastMod)
		w.Write(body)
	})
	mux.HandleFunc("/gzip", func(w http.ResponseWriter, r *http.Request) {
		if !strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") {
			http.Error(w, "gzip not offered", http.StatusBadRequest)
			return
		}
		w.Header().Set("Content-Encoding", "gzip")
		zw := gzip.NewWriter(w)
		zw.Write(body)
		zw.Close()
	})
	mux.HandleFunc("/gzip-file", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/x-gzip")
		zw := gzip.NewWriter(w)
		zw.Write(body)
		zw.Close()
	})
	mux.HandleFunc("/hop/", func(w http.ResponseWriter, r *http.Request) {
		n, _ := strconv.Atoi(strings.TrimPrefix(r.URL.Path, "/hop/"))
		if n == 0 {
			w.Write(body)
			return
		}
		http.Redirect(w, r, "/hop/"+strconv.Itoa(n-1), http.StatusFound)
	})
	mux.HandleFunc("/loop", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/loop", http.StatusMovedPermanently)
	})
	mux.HandleFunc("/missing", http.NotFound)
	mux.HandleFunc("/broken", func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "oops", http.StatusInternalServerError)
	})
	mux.HandleFunc("/busy", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Retry-After", "120")
		w.WriteHeader(http.StatusTooManyRequests)
	})
	mux.HandleFunc("/busy-date", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Retry-After", time.Date(2030, 1, 1, 0, 5, 0, 0, time.UTC).Format(http.TimeFormat))
		w.WriteHeader(http.StatusServiceUnavailable)
	})
	mux.HandleFunc("/huge", func(w http.ResponseWriter, r *http.Request) {
		w.Write(make([]byte, 2048))
	})
	mux.HandleFunc("/huge-declared", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Length", "4096")
		w.Write(make([]byte, 4096))
	})
	mux.HandleFunc("/over-a-mib", func(w http.ResponseWriter, r *http.Request) {
		w.Write(make([]byte, 1<<20+1))
	})
	mux.HandleFunc("/over-a-mib-declared", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Length", strconv.Itoa(2<<20))
		w.Write(make([]byte, 2<<20))
	})
	mux.HandleFunc("/gzip-bomb", func(w http.ResponseWriter, r *http.Request) {
		zw := gzip.NewWriter(w)
		zw.Write(make([]byte, 2<<20))
		zw.Close()
	})
	mux.HandleFunc("/podcast-20mib", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Length", strconv.Itoa(20<<20))
		w.Write(body)
		w.Write(make([]byte, 20<<20-len(body)))
	})
	srv := serveOn(t, "127.0.0.1", mux)
	now := time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)
	f := testFetcher(FetcherOptions{MaxBodySize: 1024 * 1024, Now: func() time.Time { return now }})
	small := testFetcher(FetcherOptions{MaxBodySize: 1024})
	mib := testFetcher(FetcherOptions{MaxBodySize: 1 << 20})
	byDefault := testFetcher(FetcherOptions{})

	tests := []struct {
		name        string
		f           *Fetcher
		path        string
		v           Validators
		notModified bool
		wantErr     error
		wantMsg     string
	}{
		{name: "a feed is fetched with our user agent", path: "/ok"},
		{name: "a matching ETag gets 304", path: "/etag", v: Validators{ETag: `"v1"`}, notModified: true},
		{name: "a stale ETag gets the body", path: "/etag", v: Validators{ETag: `"v0"`}},
		{name: "a matching Last-Modified gets 304", path: "/lastmod", v: Validators{LastModified: "Mon, 01 Jan 2024 00:00:00 GMT"}, notModified: true},
		{name: "a gzipped response is undone", path: "/gzip"},
		{name: "a gzip file served as is is undone", path: "/gzip-file"},
		{name: "ten redirects are followed", path: "/hop/10"},
		{name: "eleven redirects are too many", path: "/hop/11", wantErr: ErrTooManyRedirects},
		{name: "a redirect loop ends in an error", path: "/loop", wantErr: ErrTooManyRedirects, wantMsg: "too many redirects"},
		{name: "a 404 reads as its status line", path: "/missing", wantMsg: "/missing: 404 Not Found"},
		{name: "a 500 reads as its status line", path: "/broken", wantMsg: "500 Internal Server Error"},
		{name: "a 429 with seconds says when to retry", path: "/busy", wantErr: ErrRateLimited, wantMsg: "429 Too Many Requests, retry after 2m"},
		{name: "a 503 with a date says when to retry", path: "/busy-date", wantErr: ErrRateLimited, wantMsg: "503 Service Unavailable, retry after 5m"},
		{name: "a body over the limit is refused", f: small, path: "/huge", wantErr: ErrTooLarge},
		{name: "a declared length over the limit is refused", f: small, path: "/huge-declared", wantErr: ErrTooLarge},
		{name: "a body over the limit is refused in MiB", f: mib, path: "/over-a-mib", wantErr: ErrTooLarge, wantMsg: "feed is larger than 1 MiB"},
		{name: "a declared length over the limit is refused in MiB", f: mib, path: "/over-a-mib-declared", wantErr: ErrTooLarge, wantMsg: "feed is larger than 1 MiB"},
		{name: "a gzip body over the limit unpacked is refused", f: mib, path: "/gzip-bomb", wantErr: ErrTooLarge, wantMsg: "feed is larger than 1 MiB unpacked"},
		{name: "a 20 MiB podcast feed is fetched by default", f: byDefault, path: "/podcast-20mib"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fetcher := f
			if tt.f != nil {
				fetcher = tt.f
			}
			resp, err := fetcher.Fetch(context.Background(), srv.URL+tt.path, tt.v)
			if tt.wantErr != nil || tt.wantMsg != "" {
				if err == nil {
					t.Fatal("no error")
				}
				if tt.wantErr != nil && !errors.Is(err, tt.wantErr) {
					t.Errorf("error %v is not %v", err, tt.wantErr)
				}
				if !strings.Contains(err.Error(), tt.wantMsg) || !strings.Contains(err.Error(), srv.URL) {
					t.Errorf("error %q should name the URL and say %q", err, tt.wantMsg)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if resp.NotModified != tt.notModified {
				t.Errorf("NotModified = %v", resp.NotModified)
			}
			if !tt.notModified && string(resp.Body[:min(len(resp.Body), len(body))]) != string(body) {
				t.Errorf("body differs: %.80q", resp.Body)
			}
		})
	}
}

func TestFetchNetworkFailuresAreReadable(t *testing.T) {
	stall := serveOn(t, "127.0.0.1", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Length", "100000")
		w.Write([]byte("<rss><channel>"))
		w.(http.Flusher).Flush()
		select {
		case <-r.Context().Done():
		case <-time.After(5 * time.Second):
		}
	}))
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	refused := "http://" + ln.Addr().String() + "/feed"
	ln.Close()
	f := testFetcher(FetcherOptions{Timeout: 300 * time.Millisecond})
	tests := []struct {
		name    string
		url     string
		wantErr error
		wantMsg string
	}{
		{"a server that stalls mid-body times out", stall.URL + "/feed", ErrTimeout, "timed out after 300ms"},
		{"a closed port is a refused connection", refused, ErrRefused, "connection refused"},
		{"a non-http scheme is refused", "ftp://127.0.0.1/feed", ErrUnsupportedScheme, "unsupported URL scheme"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := f.Fetch(context.Background(), tt.url, Validators{})
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("error %v is not %v", err, tt.wantErr)
			}
			if !strings.Contains(err.Error(), tt.wantMsg) || !strings.Contains(err.Error(), tt.url) {
				t.Errorf("error %q should name the URL and say %q", err, tt.wantMsg)
			}
		})
	}
}

// TestFetchConcurrencyIsCapped refreshes 200 feeds spread over several
// loopback hosts and checks the requests in flight, per host and overall.
func TestFetchConcurrencyIsCapped(t *testing.T) {
	var mu sync.Mutex
	perHost := map[string]int{}
	maxPerHost := map[string]int{}
	var global, maxGlobal atomic.Int64
	body := rssFeed("Busy", 0, 2, 10)
	handler := func(host string) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			g := global.Add(1)
			for {
				m := maxGlobal.Load()
				if g <= m || maxGlobal.CompareAndSwap(m, g) {
					break
				}
			}
			mu.Lock()
			perHost[host]++
			maxPerHost[host] = max(maxPerHost[host], perHost[host])
			mu.Unlock()
			time.Sleep(10 * time.Millisecond)
			mu.Lock()
			perHost[host]--
			mu.Unlock()
			global.Add(-1)
			w.Write(body)
		})
	}
	var subs []Subscription
	for i := 1; i <= 10; i++ {
		ip := "127.0.0." + strconv.Itoa(i)
		srv := serveOn(t, ip, handler(ip))
		for j := range 20 {
			subs = append(subs, Subscription{URL: srv.URL + "/feed/" + strconv.Itoa(j)})
		}
	}
	f := testFetcher(FetcherOptions{})
	results := Refresh(context.Background(), subs, f, NewCache(t.TempDir()), nil)
	for _, r := range results {
		if r.Err != nil {
			t.Fatal(r.Err)
		}
	}
	for host, m := range maxPerHost {
		if m > 2 {
			t.Errorf("%s saw %d requests at once, the cap is 2", host, m)
		}
	}
	if g := maxGlobal.Load(); g > 16 || g < 3 {
		t.Errorf("at most %d requests in flight overall; want between 3 and 16", g)
	}
	t.Logf("max in flight: %d overall, per host %v", maxGlobal.Load(), maxPerHost)
}

func TestUserAgentCarriesTheVersion(t *testing.T) {
	tests := []struct {
		name, version, want string
	}{
		{"a module version is sent as it is", "v1.4.0", "newsread/v1.4.0"},
		{"a pseudo-version is sent as it is", "v0.0.0-20260101120000-abcdef123456+dirty", "newsread/v0.0.0-20260101120000-abcdef123456+dirty"},
		{"a development build drops the parentheses", "(devel)", "newsread/devel"},
		{"no version is dev", "", "newsread/dev"},
		{"a line break cannot reach the header", "v1\r\nX-Evil: 1", "newsread/v1X-Evil1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := make(chan string, 1)
			srv := serveOn(t, "127.0.0.1", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				got <- r.UserAgent()
				w.Write(rssFeed("x", 0, 1, 1))
			}))
			f := NewFetcher(FetcherOptions{Version: tt.version, Timeout: 5 * time.Second})
			if _, err := f.Fetch(context.Background(), srv.URL, Validators{}); err != nil {
				t.Fatal(err)
			}
			if ua := <-got; ua != tt.want {
				t.Errorf("User-Agent %q, want %q", ua, tt.want)
			}
		})
	}
}
