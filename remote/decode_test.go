package remote

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// clients makes one client of each protocol for the server at base.
func clients(t *testing.T, base string, o Options) map[string]Client {
	t.Helper()
	mf, err := NewMiniflux(base, "token", "", "", o)
	if err != nil {
		t.Fatal(err)
	}
	gr, err := NewGReader(base, "user", "password", o)
	if err != nil {
		t.Fatal(err)
	}
	return map[string]Client{"miniflux": mf, "greader": gr}
}

// calls runs every method of a client once.
func calls(c Client) map[string]error {
	ctx := context.Background()
	yes := true
	out := map[string]error{}
	_, out["Feeds"] = c.Feeds(ctx)
	_, out["Items"] = c.Items(ctx, "", func([]Item) error { return nil })
	_, _, out["States"] = c.States(ctx)
	out["Mark"] = c.Mark(ctx, []string{"1"}, Mark{Read: &yes})
	out["Subscribe"] = c.Subscribe(ctx, "http://127.0.0.1/feed.xml", "News")
	return out
}

// TestMalformedAnswersAreErrors: whatever a server answers, every call
// returns an error or a result, and none panics.
func TestMalformedAnswersAreErrors(t *testing.T) {
	bodies := []struct {
		name, body string
		unreadable bool // Feeds, Items and States must fail
	}{
		{"an empty body", "", true},
		{"a body that is not JSON", "<html>Bad gateway</html>", true},
		{"JSON cut short", `{"entries":[{"id":1,"title":"x"`, true},
		{"JSON of the wrong shape", `[1,2,3]`, true},
		{"fields of the wrong types", `{"total":"many","entries":{"id":"x"},"itemRefs":[{"id":{}}],"items":[{"id":7,"published":[]}],"subscriptions":"none","entry_ids":["a"]}`, true},
		{"ids that are not numbers", `{"itemRefs":[{"id":"zz"}],"items":[{"id":"tag:google.com,2005:reader/item/zz"}],"entry_ids":[1.5]}`, false},
		{"null everywhere", `{"entries":null,"itemRefs":null,"items":[null],"subscriptions":[null],"feed":null}`, false},
	}
	for _, b := range bodies {
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.URL.Path == "/accounts/ClientLogin" {
				w.Write([]byte("SID=x\nAuth=secret\n"))
				return
			}
			if strings.HasSuffix(r.URL.Path, "/token") {
				w.Write([]byte("T123"))
				return
			}
			w.Write([]byte(b.body))
		}))
		for name, c := range clients(t, srv.URL, Options{}) {
			t.Run(name+" survives "+b.name, func(t *testing.T) {
				for call, err := range calls(c) {
					read := call == "Feeds" || call == "Items" || call == "States"
					if b.unreadable && read && err == nil {
						t.Errorf("%s gave no error", call)
					}
					if err != nil && !strings.Contains(err.Error(), srv.URL) {
						t.Errorf("%s: %q does not name the server", call, err)
					}
				}
			})
		}
		srv.Close()
	}
}

func TestRefusedCredentialsSaySo(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusUnauthorized)
		w.Write([]byte(`{"error_message":"access unauthorized"}`))
	}))
	defer srv.Close()
	for name, c := range clients(t, srv.URL, Options{}) {
		t.Run("a "+name+" client is told the credentials were refused", func(t *testing.T) {
			for call, err := range calls(c) {
				if !errors.Is(err, ErrUnauthorized) {
					t.Errorf("%s: %v, want ErrUnauthorized", call, err)
				} else if !strings.Contains(err.Error(), "HTTP 401") || !strings.Contains(err.Error(), "check the") {
					t.Errorf("%s: %q does not say what to check", call, err)
				}
			}
		})
	}
}

func TestAnUnreachableServerIsNamed(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	base := "http://" + l.Addr().String()
	l.Close()
	for name, c := range clients(t, base, Options{}) {
		t.Run("a "+name+" client names the server it cannot reach", func(t *testing.T) {
			for call, err := range calls(c) {
				if err == nil || !strings.Contains(err.Error(), "cannot reach the server at "+base) {
					t.Errorf("%s: %v, want it to name %s", call, err, base)
				}
			}
		})
	}
}

func TestAServerAddressMustBeAWebAddress(t *testing.T) {
	for _, base := range []string{"", "127.0.0.1:8080", "ftp://example.com", "http://"} {
		t.Run("the address "+base+" is refused", func(t *testing.T) {
			if _, err := NewMiniflux(base, "t", "", "", Options{}); err == nil {
				t.Error("NewMiniflux accepted it")
			}
			if _, err := NewGReader(base, "u", "p", Options{}); err == nil {
				t.Error("NewGReader accepted it")
			}
		})
	}
}

// FuzzGReaderItem: no item content makes the decoder panic.
func FuzzGReaderItem(f *testing.F) {
	f.Add(`{"items":[{"id":"tag:google.com,2005:reader/item/0000000000000001","categories":["user/1/label/All","user/1/state/com.google/read"],"published":1795867200,"alternate":[{"href":"http://x/1"}],"origin":{"streamId":"feed/1"}}]}`)
	f.Add(`{"items":[{"id":"12","published":"17"}]}`)
	f.Fuzz(func(t *testing.T, body string) {
		var page struct {
			Items []grItem `json:"items"`
		}
		if jsonUnmarshal([]byte(body), &page) != nil {
			return
		}
		for _, it := range page.Items {
			grItemOf(it, map[string]Feed{"feed/1": {URL: "http://x/feed"}})
		}
	})
}

// FuzzMinifluxEntries: no entries page makes the decoder panic.
func FuzzMinifluxEntries(f *testing.F) {
	f.Add(`{"total":1,"entries":[{"id":1,"status":"read","url":"http://x/1","published_at":"2026-11-28T12:00:00Z","feed":{"feed_url":"http://x/f","category":{"title":"All"}}}]}`)
	f.Fuzz(func(t *testing.T, body string) {
		var page mfEntries
		if jsonUnmarshal([]byte(body), &page) != nil {
			return
		}
		for _, e := range page.Entries {
			mfItem(e)
		}
	})
}

var jsonUnmarshal = func(b []byte, v any) error { return json.Unmarshal(b, v) }

// TestAGoogleReaderTokenIsFetchedAgainWhenTheServerCallsItBad: a POST
// refused with X-Reader-Google-Bad-Token gets a new T= token and is sent
// once more; a forgotten login is made again.
func TestAGoogleReaderTokenIsFetchedAgainWhenTheServerCallsItBad(t *testing.T) {
	var logins, tokens int
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch {
		case r.URL.Path == "/accounts/ClientLogin":
			logins++
			fmt.Fprintf(w, "SID=x\nLSID=x\nAuth=auth%d\n", logins)
		case r.Header.Get("Authorization") != fmt.Sprintf("GoogleLogin auth=auth%d", logins) || logins < 2:
			// The first login is forgotten at once.
			w.WriteHeader(http.StatusUnauthorized)
		case strings.HasSuffix(r.URL.Path, "/token"):
			tokens++
			fmt.Fprintf(w, "T%d", tokens)
		case r.FormValue("T") != "T2":
			w.Header().Set("X-Reader-Google-Bad-Token", "true")
			w.WriteHeader(http.StatusUnauthorized)
		case r.URL.Path == "/reader/api/0/edit-tag":
			if got := r.Form["i"]; len(got) != 1 || got[0] != "tag:google.com,2005:reader/item/000000000000002a" {
				t.Errorf("edit-tag of %v", got)
			}
			w.Write([]byte("OK"))
		}
	}))
	defer srv.Close()
	c, err := NewGReader(srv.URL, "u", "p", Options{})
	if err != nil {
		t.Fatal(err)
	}
	yes := true
	if err := c.Mark(context.Background(), []string{"42"}, Mark{Read: &yes}); err != nil {
		t.Fatal(err)
	}
	if logins != 2 || tokens != 2 {
		t.Errorf("%d logins and %d tokens, want 2 of each", logins, tokens)
	}
	// login, token (refused), login, token, edit-tag (bad token), token, edit-tag
	if c.Requests() != 7 {
		t.Errorf("%d requests, want 7", c.Requests())
	}
}
