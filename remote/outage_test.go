package remote

import (
	"context"
	"errors"
	"net"
	"net/http"
	"net/http/httputil"
	"net/url"
	"strings"
	"testing"
)

// gate is a loopback proxy to the server that can be closed and opened
// again on the same address, as a server stops and comes back.
type gate struct {
	addr  string
	proxy http.Handler
	srv   *http.Server
}

func openGate(t *testing.T, target string) *gate {
	t.Helper()
	u, err := url.Parse(target)
	if err != nil {
		t.Fatal(err)
	}
	g := &gate{proxy: httputil.NewSingleHostReverseProxy(u)}
	g.open(t, "127.0.0.1:0")
	t.Cleanup(g.close)
	return g
}

func (g *gate) open(t *testing.T, addr string) {
	t.Helper()
	l, err := net.Listen("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	g.addr = l.Addr().String()
	g.srv = &http.Server{Handler: g.proxy}
	go g.srv.Serve(l)
}

func (g *gate) close() { g.srv.Close() }

func TestAClientWorksAgainWhenTheServerComesBack(t *testing.T) {
	yes := true
	for _, p := range protocols {
		t.Run(p.name+" names the stopped server, then marks when it is back", func(t *testing.T) {
			a := newAccount(t)
			a.subscribe(t, "outage", "Tech", 3)
			g := openGate(t, a.srv.URL)
			base := "http://" + g.addr
			// The same account, through the gate.
			through := *a
			through.srv = &server{URL: base}
			c := p.client(&through, t, Options{})
			items, _, _ := syncAll(t, c, "")
			if len(items) != 3 {
				t.Fatalf("%d items, want 3", len(items))
			}
			g.close()
			err := c.Mark(context.Background(), []string{items[0].ID}, Mark{Read: &yes})
			if err == nil || errors.Is(err, ErrUnauthorized) || !strings.Contains(err.Error(), "cannot reach the server at "+base) {
				t.Fatalf("mark while stopped: %v; want it to name %s", err, base)
			}
			g.open(t, g.addr)
			if err := c.Mark(context.Background(), []string{items[0].ID}, Mark{Read: &yes}); err != nil {
				t.Fatalf("mark when back: %v", err)
			}
			if e := a.entry(t, items[0].ID); e.Status != "read" {
				t.Errorf("the item is %s on the server, want read", e.Status)
			}
		})
	}
}
