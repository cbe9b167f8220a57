package main

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"newsread/config"
	"newsread/remote/remotetest"
	"newsread/store"
)

// BenchmarkAccountSync10k is syncAccount on a real Miniflux on loopback
// (remotetest) with 10 feeds of 1,000 items: the first sync into a fresh
// store, then a sync with nothing new into the store of the last first
// sync, through each protocol, each with a new client as a run of
// newsread --refresh would have. Goals: under 10 s and under 0.5 s.
//
//	go test -run '^$' -bench AccountSync10k -benchtime 3x .
func BenchmarkAccountSync10k(b *testing.B) {
	u := remotetest.NewUser(b)
	for i := range 10 {
		u.Subscribe(b, fmt.Sprintf("big%d", i), fmt.Sprintf("Topic %d", i%3), 1000)
	}
	dir := b.TempDir()
	tokenFile, passwordFile := filepath.Join(dir, "token"), filepath.Join(dir, "password")
	writeFile(b, tokenFile, u.Token+"\n")
	writeFile(b, passwordFile, u.Password+"\n")
	ctx := context.Background()
	for _, p := range accountProtocols {
		a := config.Account{Name: "home", Protocol: p.protocol, URL: u.URL, TokenFile: tokenFile}
		if p.protocol == "greader" {
			a = config.Account{Name: "home", Protocol: p.protocol, URL: u.URL, User: u.Name, PasswordFile: passwordFile}
		}
		// sync is one syncAccount, timed, with a new client.
		sync := func(b *testing.B, st *store.Store, want int) (time.Duration, int) {
			c, err := newClient(ctx, a, "")
			if err != nil {
				b.Fatal(err)
			}
			start := time.Now()
			r, err := syncAccount(ctx, st, a.Name, c, nil)
			took := time.Since(start)
			if err != nil {
				b.Fatal(err)
			}
			if r.items != want {
				b.Fatalf("%d items came, want %d", r.items, want)
			}
			return took, r.requests
		}
		var synced *store.Store
		b.Run(p.name+"/first sync", func(b *testing.B) {
			var took time.Duration
			requests, n := 0, 0
			for b.Loop() {
				b.StopTimer()
				if synced != nil {
					synced.Close()
				}
				st, err := store.Open(filepath.Join(b.TempDir(), "newsread.db"))
				if err != nil {
					b.Fatal(err)
				}
				synced = st
				b.StartTimer()
				d, r := sync(b, st, 10000)
				took += d
				requests += r
				n++
			}
			b.ReportMetric(took.Seconds()/float64(n), "s/sync")
			b.ReportMetric(float64(requests)/float64(n), "requests/sync")
		})
		if synced == nil {
			continue
		}
		b.Run(p.name+"/nothing new", func(b *testing.B) {
			var took time.Duration
			requests, n := 0, 0
			for b.Loop() {
				d, r := sync(b, synced, 0)
				took += d
				requests += r
				n++
			}
			b.ReportMetric(took.Seconds()/float64(n), "s/sync")
			b.ReportMetric(float64(requests)/float64(n), "requests/sync")
		})
		synced.Close()
	}
}
