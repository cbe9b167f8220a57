package remote

import (
	"fmt"
	"testing"
)

// BenchmarkSync10k is the first sync of 10,000 items (10 feeds of 1,000
// on a real Miniflux on loopback) and a sync with nothing new, through
// each protocol, with a new client each time as a run of newsread
// --refresh would have. Goals: under 10 s and under 0.5 s; fewer
// requests are kinder to people's servers.
//
//	go test ./remote/ -run '^$' -bench Sync10k -benchtime 3x
func BenchmarkSync10k(b *testing.B) {
	a := newAccount(b)
	for i := range 10 {
		a.Subscribe(b, fmt.Sprintf("big%d", i), fmt.Sprintf("Topic %d", i%3), 1000)
	}
	for _, p := range protocols {
		var cursor Cursor
		b.Run(p.name+"/first sync", func(b *testing.B) {
			requests := 0
			for b.Loop() {
				c := p.client(a, b, Options{})
				items, cur, _ := syncAll(b, c, "")
				if len(items) != 10000 {
					b.Fatalf("%d items, want 10000", len(items))
				}
				requests += c.Requests()
				cursor = cur
			}
			b.ReportMetric(float64(requests)/float64(b.N), "requests/op")
		})
		b.Run(p.name+"/nothing new", func(b *testing.B) {
			requests := 0
			for b.Loop() {
				c := p.client(a, b, Options{})
				items, _, _ := syncAll(b, c, cursor)
				if len(items) != 0 {
					b.Fatalf("%d items, want none", len(items))
				}
				requests += c.Requests()
			}
			b.ReportMetric(float64(requests)/float64(b.N), "requests/op")
		})
	}
}
