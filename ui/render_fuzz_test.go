package ui

import (
	"context"
	"runtime"
	"strings"
	"testing"
	"time"
	"unicode"
)

const (
	// fuzzTimeBudget and fuzzAllocBudget bound the rendering of one fuzz
	// input. The nesting that used to blow up took seconds to minutes and
	// gigabytes for one kilobyte; with the caps, cost is linear in the
	// input, and the slowest mix found (one empty definition per three
	// bytes, a line of output each) takes about 0.1 s per kilobyte. The
	// budgets are several times the worst that fuzzMaxInput allows, so a
	// slow shared machine, the race detector on the seeds or the fuzzer's
	// instrumentation do not make them flaky, while a return of the
	// blow-up still fails.
	fuzzTimeBudget  = 5 * time.Second
	fuzzAllocBudget = 512 << 20
	// fuzzMaxInput keeps inputs to what the budgets are for.
	fuzzMaxInput = 8 << 10
)

func FuzzRender(f *testing.F) {
	for _, seed := range []string{
		"# Title\n\nA paragraph with *emphasis*, **strong**, `code` and [a link](https://example.com/).\n",
		quotes(1000),
		quotes(5000),
		strings.Repeat("> ", 1000) + "deep\n",
		nestedList(80),
		strings.ReplaceAll(nestedList(60), "- item", "1. item"),
		strings.Repeat("> - ", 500) + "x\n",
		strings.Repeat("*_~~", 300) + "x" + strings.Repeat("~~_*", 300),
		strings.Repeat("[", 1000) + "x" + strings.Repeat("](u)", 1000),
		strings.Repeat("~~", 1000) + "x" + strings.Repeat("~~", 1000),
		strings.Repeat("`", 5000) + "x",
		"|" + strings.Repeat("a|", 1000) + "\n|" + strings.Repeat("-|", 1000) + "\n" + strings.Repeat("|b\n", 1000),
		strings.Repeat("term\n: ", 300) + "x\n",
		"Text &#27;]0;PWN&#7; [l](https://e.com/&#27;]52;c;eA==&#7;) &#x9b;31m\n",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, md string) {
		if len(md) > fuzzMaxInput {
			t.Skip("larger than the budgets are for")
		}
		// Numbered as the reader shows it, or as glamour writes it (printing).
		m, err := newMarkdownLinks("dark", nil, 80, len(md)%2 == 0)
		if err != nil {
			t.Fatal(err)
		}
		type result struct {
			out string
			err error
		}
		done := make(chan result, 1)
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		go func() {
			out, err := m.render(context.Background(), md)
			done <- result{out, err}
		}()
		var r result
		select {
		case r = <-done:
		case <-time.After(fuzzTimeBudget):
			t.Fatalf("rendering %d bytes took over %v", len(md), fuzzTimeBudget)
		}
		runtime.ReadMemStats(&after)
		if alloc := after.TotalAlloc - before.TotalAlloc; alloc > fuzzAllocBudget {
			t.Fatalf("rendering %d bytes allocated %d MiB", len(md), alloc>>20)
		}
		if r.err != nil {
			t.Fatal(r.err)
		}
		checkHyperlinks(t, r.out)
		if i := strings.IndexFunc(plainText(r.out), func(c rune) bool { return c != '\n' && c != '\t' && unicode.IsControl(c) }); i >= 0 {
			t.Errorf("plain text holds a control character at %d", i)
		}
	})
}
