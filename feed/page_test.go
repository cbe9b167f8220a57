package feed

import (
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

func TestFetchPage(t *testing.T) {
	mux := http.NewServeMux()
	mux.HandleFunc("/story", func(w http.ResponseWriter, r *http.Request) {
		if !strings.HasPrefix(r.Header.Get("Accept"), "text/html") || r.UserAgent() != "newsread/test" {
			http.Error(w, "not asked as a browser asks for a page", http.StatusBadRequest)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte("<p>story</p>"))
	})
	mux.HandleFunc("/big", func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte(strings.Repeat("x", 2000)))
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()
	f := NewFetcher(FetcherOptions{Version: "test", MaxPageSize: 1000, MaxBodySize: 1 << 20})
	tests := []struct {
		name string
		path string
		want string
		err  error
	}{
		{name: "a page is asked for as HTML with newsread's User-Agent", path: "/story", want: "<p>story</p>"},
		{name: "a page past MaxPageSize is refused though a feed that size would pass", path: "/big", err: ErrTooLarge},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := f.FetchPage(t.Context(), srv.URL+tt.path)
			if !errors.Is(err, tt.err) {
				t.Fatalf("err = %v, want %v", err, tt.err)
			}
			if err != nil && !strings.Contains(err.Error(), "page is larger than") {
				t.Errorf("the message %q does not speak of a page", err)
			}
			if err == nil && string(res.Body) != tt.want {
				t.Errorf("body %q, want %q", res.Body, tt.want)
			}
		})
	}
}
