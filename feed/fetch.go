package feed

import (
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"
)

// DefaultMaxBodySize is the largest feed a Fetcher accepts unless told
// otherwise.
const DefaultMaxBodySize = 64 << 20

// DefaultMaxPageSize is the largest web page a Fetcher accepts unless
// told otherwise.
const DefaultMaxPageSize = 8 << 20

// feedAccept and pageAccept are the Accept headers of feeds and pages.
const (
	feedAccept = "application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.8"
	pageAccept = "text/html, application/xhtml+xml;q=0.9, */*;q=0.5"
)

// ask is what differs between fetching a feed and a page.
type ask struct {
	noun   string // what is fetched, for messages
	accept string
	limit  int64 // largest body accepted
}

// FetcherOptions configures a Fetcher; zero fields take the defaults.
type FetcherOptions struct {
	// Version goes into the User-Agent, "newsread/VERSION": the module
	// version from the build info, such as "v1.2.0" (default "dev").
	// Characters a product token cannot hold are dropped, so that
	// "(devel)" is sent as "devel".
	Version string
	// Timeout bounds a whole request, body included (default 30s).
	Timeout time.Duration
	// DialTimeout bounds connecting (default 10s).
	DialTimeout time.Duration
	// MaxBodySize is the largest body accepted, before and after gzip
	// (default 64 MiB: podcast feeds with long histories pass 16 MiB).
	MaxBodySize int64
	// MaxPageSize is the largest web page FetchPage accepts (default
	// 8 MiB: a news page with its inline scripts and styles is rarely
	// past 2 MiB).
	MaxPageSize int64
	// MaxRedirects is how many redirects a request may follow (default 10).
	MaxRedirects int
	// MaxConcurrent caps requests in flight overall (default 16).
	MaxConcurrent int
	// MaxPerHost caps requests in flight to one host name (default 2).
	MaxPerHost int
	// Now is the clock, for Retry-After (default time.Now).
	Now func() time.Time
}

func (o FetcherOptions) withDefaults() FetcherOptions {
	def := func(v *int, d int) {
		if *v <= 0 {
			*v = d
		}
	}
	if o.Timeout <= 0 {
		o.Timeout = 30 * time.Second
	}
	if o.DialTimeout <= 0 {
		o.DialTimeout = 10 * time.Second
	}
	if o.MaxBodySize <= 0 {
		o.MaxBodySize = DefaultMaxBodySize
	}
	if o.MaxPageSize <= 0 {
		o.MaxPageSize = DefaultMaxPageSize
	}
	def(&o.MaxRedirects, 10)
	def(&o.MaxConcurrent, 16)
	def(&o.MaxPerHost, 2)
	o.Version = productVersion(o.Version)
	if o.Now == nil {
		o.Now = time.Now
	}
	return o
}

// Fetcher downloads feeds over one shared HTTP client, with global and
// per-host limits on requests in flight. It is safe for concurrent use.
type Fetcher struct {
	opts   FetcherOptions
	client *http.Client
	global chan struct{}

	mu    sync.Mutex
	hosts map[string]chan struct{}
}

// NewFetcher builds a Fetcher. Go's transport asks for and undoes gzip by
// itself, which is why no Accept-Encoding is ever set here.
func NewFetcher(opts FetcherOptions) *Fetcher {
	opts = opts.withDefaults()
	dialer := &net.Dialer{Timeout: opts.DialTimeout, KeepAlive: 30 * time.Second}
	transport := &http.Transport{
		Proxy:                 http.ProxyFromEnvironment,
		DialContext:           dialer.DialContext,
		ForceAttemptHTTP2:     true,
		MaxIdleConns:          100,
		MaxIdleConnsPerHost:   opts.MaxPerHost,
		MaxConnsPerHost:       opts.MaxPerHost,
		IdleConnTimeout:       90 * time.Second,
		TLSHandshakeTimeout:   opts.DialTimeout,
		ExpectContinueTimeout: time.Second,
	}
	f := &Fetcher{
		opts:   opts,
		global: make(chan struct{}, opts.MaxConcurrent),
		hosts:  map[string]chan struct{}{},
	}
	f.client = &http.Client{
		Transport: transport,
		Timeout:   opts.Timeout,
		CheckRedirect: func(req *http.Request, via []*http.Request) error {
			if len(via) > opts.MaxRedirects {
				return fmt.Errorf("%w (more than %d)", ErrTooManyRedirects, opts.MaxRedirects)
			}
			if req.URL.Scheme != "http" && req.URL.Scheme != "https" {
				return fmt.Errorf("%w: redirect to %q", ErrUnsupportedScheme, req.URL.Scheme)
			}
			return nil
		},
	}
	return f
}

// Validators are what a conditional GET sends back to the server.
type Validators struct {
	ETag         string
	LastModified string
}

// Response is a successful fetch: a body, or NotModified after a
// conditional GET.
type Response struct {
	// URL is the address the body came from, after redirects.
	URL          string
	NotModified  bool
	Body         []byte
	ContentType  string
	ETag         string
	LastModified string
}

// Fetch GETs rawURL, conditionally when v holds validators. Every error is
// a *FetchError naming the URL; its cause matches one of the sentinels
// (ErrDNS, ErrRefused, ErrTimeout, ErrTLS, ErrTooLarge,
// ErrTooManyRedirects, ErrRateLimited) or is a *StatusError or
// *RetryAfterError.
func (f *Fetcher) Fetch(ctx context.Context, rawURL string, v Validators) (*Response, error) {
	resp, err := f.fetch(ctx, rawURL, v, ask{"feed", feedAccept, f.opts.MaxBodySize})
	if err != nil {
		return nil, &FetchError{URL: rawURL, Err: err}
	}
	return resp, nil
}

// FetchPage GETs the web page at rawURL (an article's link), with the
// same limits, User-Agent and errors as Fetch but MaxPageSize for the
// body's size.
func (f *Fetcher) FetchPage(ctx context.Context, rawURL string) (*Response, error) {
	resp, err := f.fetch(ctx, rawURL, Validators{}, ask{"page", pageAccept, f.opts.MaxPageSize})
	if err != nil {
		return nil, &FetchError{URL: rawURL, Err: err}
	}
	return resp, nil
}

func (f *Fetcher) fetch(ctx context.Context, rawURL string, v Validators, a ask) (*Response, error) {
	u, err := url.Parse(rawURL)
	if err != nil {
		return nil, fmt.Errorf("bad url: %w", err)
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return nil, fmt.Errorf("%w %q", ErrUnsupportedScheme, u.Scheme)
	}
	release, err := f.acquire(ctx, u.Hostname())
	if err != nil {
		return nil, err
	}
	defer release()

	req, err := http.NewRequestWithContext(ctx, http.MethodGet, rawURL, nil)
	if err != nil {
		return nil, fmt.Errorf("bad request: %w", err)
	}
	req.Header.Set("User-Agent", "newsread/"+f.opts.Version)
	req.Header.Set("Accept", a.accept)
	if v.ETag != "" {
		req.Header.Set("If-None-Match", v.ETag)
	}
	if v.LastModified != "" {
		req.Header.Set("If-Modified-Since", v.LastModified)
	}
	res, err := f.client.Do(req)
	if err != nil {
		return nil, classify(err, f.opts.Timeout)
	}
	defer res.Body.Close()
	return f.read(res, a)
}

func (f *Fetcher) read(res *http.Response, a ask) (*Response, error) {
	out := &Response{
		URL:          res.Request.URL.String(),
		ContentType:  res.Header.Get("Content-Type"),
		ETag:         res.Header.Get("ETag"),
		LastModified: res.Header.Get("Last-Modified"),
	}
	switch {
	case res.StatusCode == http.StatusNotModified:
		out.NotModified = true
		return out, nil
	case res.StatusCode == http.StatusTooManyRequests || res.StatusCode == http.StatusServiceUnavailable:
		now := f.opts.Now()
		if until, ok := parseRetryAfter(res.Header.Get("Retry-After"), now); ok {
			return nil, &RetryAfterError{Code: res.StatusCode, Until: until, Now: now}
		}
		return nil, &StatusError{Code: res.StatusCode, Status: statusLine(res)}
	case res.StatusCode < 200 || res.StatusCode > 299:
		return nil, &StatusError{Code: res.StatusCode, Status: statusLine(res)}
	}
	if res.ContentLength > a.limit {
		return nil, tooLarge(a.noun, a.limit, "")
	}
	body, err := f.readBody(res.Body, a)
	if err != nil {
		return nil, err
	}
	out.Body = body
	return out, nil
}

// readBody reads at most a.limit bytes, and undoes gzip that a server
// applied without saying so (a feed.xml.gz served as is).
func (f *Fetcher) readBody(r io.Reader, a ask) ([]byte, error) {
	limit := a.limit
	body, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return nil, fmt.Errorf("read body: %w", classify(err, f.opts.Timeout))
	}
	if int64(len(body)) > limit {
		return nil, tooLarge(a.noun, limit, "")
	}
	if len(body) > 2 && body[0] == 0x1f && body[1] == 0x8b {
		zr, err := gzip.NewReader(bytes.NewReader(body))
		if err != nil {
			return nil, fmt.Errorf("read gzip body: %w", err)
		}
		plain, err := io.ReadAll(io.LimitReader(zr, limit+1))
		if err != nil {
			return nil, fmt.Errorf("read gzip body: %w", err)
		}
		if int64(len(plain)) > limit {
			return nil, tooLarge(a.noun, limit, " unpacked")
		}
		body = plain
	}
	return body, nil
}

func statusLine(res *http.Response) string {
	if res.Status != "" && strings.HasPrefix(res.Status, strconv.Itoa(res.StatusCode)) {
		return res.Status
	}
	return fmt.Sprintf("%d %s", res.StatusCode, http.StatusText(res.StatusCode))
}

// parseRetryAfter reads delay-seconds or an HTTP date.
func parseRetryAfter(v string, now time.Time) (time.Time, bool) {
	v = strings.TrimSpace(v)
	if v == "" {
		return time.Time{}, false
	}
	if secs, err := strconv.Atoi(v); err == nil {
		if secs < 0 {
			secs = 0
		}
		return now.Add(time.Duration(secs) * time.Second), true
	}
	if t, err := http.ParseTime(v); err == nil {
		return t, true
	}
	return time.Time{}, false
}

// acquire takes a slot for host, then a global one: waiting for a busy
// host never holds a global slot another host could use.
func (f *Fetcher) acquire(ctx context.Context, host string) (release func(), err error) {
	f.mu.Lock()
	hs, ok := f.hosts[host]
	if !ok {
		hs = make(chan struct{}, f.opts.MaxPerHost)
		f.hosts[host] = hs
	}
	f.mu.Unlock()
	select {
	case hs <- struct{}{}:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	select {
	case f.global <- struct{}{}:
	case <-ctx.Done():
		<-hs
		return nil, ctx.Err()
	}
	return func() { <-f.global; <-hs }, nil
}

// productVersion is v as the version of a User-Agent product token.
func productVersion(v string) string {
	v = strings.Map(func(r rune) rune {
		if r > ' ' && r < 0x7f && !strings.ContainsRune("()<>@,;:\\\"/[]?={}", r) {
			return r
		}
		return -1
	}, v)
	if v == "" {
		return "dev"
	}
	return v
}
