package remote

import (
	"context"
	"errors"
	"strings"
	"testing"

	"newsread/remote/remotetest"
)

func TestAClientWorksAgainWhenTheServerComesBack(t *testing.T) {
	yes := true
	for _, p := range protocols {
		t.Run(p.name+" names the stopped server, then marks when it is back", func(t *testing.T) {
			a := newAccount(t)
			a.Subscribe(t, "outage", "Tech", 3)
			g := remotetest.NewProxy(t, a.URL)
			base := g.URL()
			// The same account, through the proxy.
			through := *a
			through.URL = base
			c := p.client(&through, t, Options{})
			items, _, _ := syncAll(t, c, "")
			if len(items) != 3 {
				t.Fatalf("%d items, want 3", len(items))
			}
			g.Stop()
			err := c.Mark(context.Background(), []string{items[0].ID}, Mark{Read: &yes})
			if err == nil || errors.Is(err, ErrUnauthorized) || !strings.Contains(err.Error(), "cannot reach the server at "+base) {
				t.Fatalf("mark while stopped: %v; want it to name %s", err, base)
			}
			g.Start(t)
			if err := c.Mark(context.Background(), []string{items[0].ID}, Mark{Read: &yes}); err != nil {
				t.Fatalf("mark when back: %v", err)
			}
			if e := a.Entry(t, items[0].ID); e.Status != "read" {
				t.Errorf("the item is %s on the server, want read", e.Status)
			}
		})
	}
}
