package feed

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"syscall"
	"time"
)

// Sentinel errors a fetch can end with; test with errors.Is.
var (
	ErrDNS               = errors.New("host not found")
	ErrRefused           = errors.New("connection refused")
	ErrTimeout           = errors.New("timed out")
	ErrTLS               = errors.New("tls error")
	ErrNetwork           = errors.New("network error")
	ErrTooLarge          = errors.New("response too large")
	ErrTooManyRedirects  = errors.New("too many redirects")
	ErrRateLimited       = errors.New("rate limited")
	ErrRetryLater        = errors.New("not yet: the server asked to wait")
	ErrUnsupportedScheme = errors.New("unsupported URL scheme")
)

// ErrUnknownFeed is a Refresh asked for a feed the source does not have.
var ErrUnknownFeed = errors.New("not a feed of this source")

// FetchError is any failure to fetch or read one feed. Its message always
// names the URL.
type FetchError struct {
	URL string
	Err error
}

// Error reads "https://example.com/feed: connection refused".
func (e *FetchError) Error() string { return e.URL + ": " + e.Err.Error() }

// Unwrap exposes the cause for errors.Is and errors.As.
func (e *FetchError) Unwrap() error { return e.Err }

// StatusError is an HTTP response that is neither a success nor a 304.
type StatusError struct {
	Code   int
	Status string // "404 Not Found"
}

// Error is the status line, such as "404 Not Found".
func (e *StatusError) Error() string { return e.Status }

// RetryAfterError is a 429 or 503 response that said when to come back,
// or a fetch skipped because that time has not come yet.
type RetryAfterError struct {
	Code  int       // 429 or 503; 0 when the fetch was skipped
	Until time.Time // no request before this time
	Now   time.Time // when the error was made, to say how long is left
}

// Error reads "429 Too Many Requests, retry after 2m".
func (e *RetryAfterError) Error() string {
	wait := e.Until.Sub(e.Now).Round(time.Second)
	if wait < 0 {
		wait = 0
	}
	when := "retry after " + shortDuration(wait)
	if e.Code == 0 {
		return "skipped: " + when
	}
	return fmt.Sprintf("%d %s, %s", e.Code, http.StatusText(e.Code), when)
}

// Is makes a RetryAfterError match ErrRateLimited, and ErrRetryLater for
// a skipped fetch.
func (e *RetryAfterError) Is(target error) bool {
	return target == ErrRateLimited || (e.Code == 0 && target == ErrRetryLater)
}

// shortDuration renders 2m0s as "2m" and 1h30m0s as "1h30m".
func shortDuration(d time.Duration) string {
	s := d.String()
	if len(s) > 4 && s[len(s)-4:] == "m0s" {
		s = s[:len(s)-2]
	}
	if len(s) > 4 && s[len(s)-4:] == "h0m" {
		s = s[:len(s)-2]
	}
	return s
}

// classify turns transport errors into a sentinel with a readable message.
func classify(err error, timeout time.Duration) error {
	var dnsErr *net.DNSError
	var certErr *tls.CertificateVerificationError
	var hostErr x509.HostnameError
	var authErr x509.UnknownAuthorityError
	var invalidErr x509.CertificateInvalidError
	var recordErr tls.RecordHeaderError
	var netErr net.Error
	switch {
	case errors.Is(err, ErrTooManyRedirects), errors.Is(err, ErrTooLarge), errors.Is(err, ErrUnsupportedScheme):
		return unwrapURLError(err)
	case errors.As(err, &dnsErr):
		return fmt.Errorf("%w: %s", ErrDNS, dnsErr.Name)
	case errors.Is(err, syscall.ECONNREFUSED):
		return ErrRefused
	case errors.As(err, &certErr), errors.As(err, &hostErr), errors.As(err, &authErr),
		errors.As(err, &invalidErr), errors.As(err, &recordErr):
		return fmt.Errorf("%w: %w", ErrTLS, unwrapURLError(err))
	case errors.Is(err, context.DeadlineExceeded), errors.As(err, &netErr) && netErr.Timeout():
		return fmt.Errorf("%w after %s", ErrTimeout, timeout)
	case errors.Is(err, context.Canceled):
		return err
	}
	return fmt.Errorf("%w: %w", ErrNetwork, unwrapURLError(err))
}

// unwrapURLError drops the "Get \"url\":" prefix net/http adds, since a
// FetchError names the URL itself.
func unwrapURLError(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err
	}
	return err
}

// sizeError is a feed over the size limit: its message says the limit in
// the units a person reads ("feed is larger than 64 MiB") and it is
// ErrTooLarge for errors.Is.
type sizeError struct {
	noun  string // "feed" or "page"
	limit int64
	what  string
}

func tooLarge(noun string, limit int64, what string) error {
	return &sizeError{noun: noun, limit: limit, what: what}
}

// Error reads "feed is larger than 64 MiB".
func (e *sizeError) Error() string { return e.noun + " is larger than " + byteSize(e.limit) + e.what }

// Is makes the error ErrTooLarge.
func (e *sizeError) Is(target error) bool { return target == ErrTooLarge }

// byteSize writes n bytes as "64 MiB", "1.5 MiB", "512 KiB" or "1 byte".
func byteSize(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KiB", n>>10)
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	case n == 1:
		return "1 byte"
	}
	return fmt.Sprintf("%d bytes", n)
}
