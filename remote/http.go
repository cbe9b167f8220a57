package remote

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync/atomic"

	"newsread/articles"
)

// maxBody caps what one response may hold: a page of 1,000 entries with
// their content is a few megabytes.
const maxBody = 256 << 20

// transport sends requests to one server and counts them.
type transport struct {
	base     string // no trailing slash
	client   *http.Client
	requests atomic.Int64
	// hint says what to check when the credentials are refused.
	hint string
}

func newTransport(base string, o Options, hint string) (*transport, error) {
	u, err := url.Parse(strings.TrimSpace(base))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("server address %q is not an http or https URL", articles.CleanLine(base))
	}
	return &transport{base: strings.TrimRight(u.String(), "/"), client: o.httpClient(), hint: hint}, nil
}

// response is a reply read in full.
type response struct {
	status int
	header http.Header
	body   []byte
}

// send makes one request to base+path. A failure to reach the server
// names it; any HTTP status is returned as it is, for the caller to judge.
func (t *transport) send(ctx context.Context, method, path string, query url.Values, body io.Reader, header http.Header) (*response, error) {
	u := t.base + path
	if len(query) > 0 {
		u += "?" + query.Encode()
	}
	req, err := http.NewRequestWithContext(ctx, method, u, body)
	if err != nil {
		return nil, fmt.Errorf("request to %s: %w", t.base, err)
	}
	for k, v := range header {
		req.Header[k] = v
	}
	t.requests.Add(1)
	resp, err := t.client.Do(req)
	if err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		return nil, fmt.Errorf("cannot reach the server at %s: %w", t.base, err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(resp.Body, maxBody+1))
	if err != nil {
		return nil, fmt.Errorf("reading the answer of %s: %w", t.base, err)
	}
	if len(data) > maxBody {
		return nil, fmt.Errorf("the answer of %s to %s is larger than %d MB", t.base, path, maxBody>>20)
	}
	return &response{status: resp.StatusCode, header: resp.Header, body: data}, nil
}

// check turns a status other than 2xx into an error: 401 and 403 are
// ErrUnauthorized with a hint, others say what the server said.
func (t *transport) check(method, path string, r *response) error {
	if r.status >= 200 && r.status < 300 {
		return nil
	}
	if r.status == http.StatusUnauthorized || r.status == http.StatusForbidden {
		return fmt.Errorf("%w (HTTP %d from %s): %s", ErrUnauthorized, r.status, t.base, t.hint)
	}
	return &StatusError{Method: method, URL: t.base + path, Status: r.status, Message: serverMessage(r.body)}
}

// count is the number of requests sent so far.
func (t *transport) count() int { return int(t.requests.Load()) }

// StatusError is an answer other than success, 401 or 403.
type StatusError struct {
	Method, URL string
	Status      int
	Message     string // what the server said, cleaned for a terminal
}

func (e *StatusError) Error() string {
	s := fmt.Sprintf("%s %s: HTTP %d", e.Method, e.URL, e.Status)
	if e.Message != "" {
		s += ": " + e.Message
	}
	return s
}

// serverMessage is the error message of a JSON error body
// ({"error_message": ...}), or the start of a text body.
func serverMessage(body []byte) string {
	var e struct {
		Message string `json:"error_message"`
	}
	msg := string(body)
	if json.Unmarshal(body, &e) == nil && e.Message != "" {
		msg = e.Message
	}
	msg = strings.TrimSpace(articles.CleanLine(msg))
	if r := []rune(msg); len(r) > 200 {
		msg = string(r[:200]) + "…"
	}
	return msg
}

// errDecode says an answer could not be read as what it should be.
func errDecode(base, what string, err error) error {
	return fmt.Errorf("the answer of %s to %s is not what the protocol says: %w", base, what, err)
}

// flexString is a JSON value that servers send as a string or a number.
type flexString string

func (f *flexString) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err == nil {
		*f = flexString(s)
		return nil
	}
	var n json.Number
	if err := json.Unmarshal(b, &n); err != nil {
		if string(b) == "null" {
			*f = ""
			return nil
		}
		return errors.New("want a string or a number")
	}
	*f = flexString(n.String())
	return nil
}

// oneLine is s made safe for one line of a terminal.
func oneLine(s string) string { return strings.TrimSpace(articles.CleanLine(s)) }

// batches calls f with ids in slices of at most n.
func batches(ids []string, n int, f func([]string) error) error {
	for len(ids) > 0 {
		k := min(n, len(ids))
		if err := f(ids[:k]); err != nil {
			return err
		}
		ids = ids[k:]
	}
	return nil
}
