package main

import (
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// Whole-program benchmarks: newsread started in a pseudo-terminal on
// generated directories, timed to what a person sees.
//
//	go test -run XXX -bench FirstScreen -benchtime 3x .

var benchSizes = []int{1_000, 10_000, 100_000}

func BenchmarkFirstScreen(b *testing.B) {
	bin := buildBinary(b)
	for _, n := range benchSizes {
		dir := generatedDir(b, n)
		for _, silent := range []bool{false, true} {
			name := fmt.Sprintf("articles=%d", n)
			if silent {
				name += "/silent-terminal"
			}
			b.Run(name, func(b *testing.B) {
				var first, full time.Duration
				var peakKB int
				for i := 0; i < b.N; i++ {
					start := time.Now()
					term := startTerminal(b, bin, terminalOptions{args: []string{dir}, width: 120, height: 40, silent: silent})
					term.waitFor(b, "a first title", 10*time.Second, func(s string) bool { return strings.Contains(s, "Story ") })
					first += time.Since(start)
					term.waitFor(b, "the whole list", 120*time.Second, func(s string) bool { return listComplete(s, n) })
					full += time.Since(start)
					peakKB = max(peakKB, peakRSS(term.cmd.Process.Pid))
					term.press("q")
					term.waitExit(b)
				}
				b.ReportMetric(float64(first.Milliseconds())/float64(b.N), "ms/first-screen")
				b.ReportMetric(float64(full.Milliseconds())/float64(b.N), "ms/whole-list")
				b.ReportMetric(float64(peakKB)/1024, "MB-peak-RSS")
			})
		}
	}
}

// listComplete reports whether the status line counts all n articles and
// nothing is loading any more.
func listComplete(screen string, n int) bool {
	return strings.Contains(screen, commas(n)+" articles") && !strings.Contains(screen, "loading")
}

// commas formats n as the status line does: 100,000.
func commas(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// peakRSS is a process's peak resident memory in KiB, from /proc.
func peakRSS(pid int) int {
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(data), "\n") {
		if f := strings.Fields(line); len(f) >= 2 && f[0] == "VmHWM:" {
			kb, _ := strconv.Atoi(f[1])
			return kb
		}
	}
	return 0
}

// generatedDir returns a directory of n generated articles (plain text and
// markdown, about 300 words each, in 100 folders), made once and kept in
// the temporary directory between runs.
func generatedDir(tb testing.TB, n int) string {
	tb.Helper()
	dir := filepath.Join(os.TempDir(), fmt.Sprintf("newsread-bench-%d", n))
	if _, err := os.Stat(filepath.Join(dir, "complete")); err == nil {
		return dir
	}
	os.RemoveAll(dir)
	rng := rand.New(rand.NewSource(int64(n)))
	words := strings.Fields("harbour council storm repairs market rail budget school river bridge vote " +
		"report minister village festival weather league museum hospital energy farm")
	for i := 0; i < n; i++ {
		sub := filepath.Join(dir, fmt.Sprintf("section%02d", i%100))
		if i < 100 {
			if err := os.MkdirAll(sub, 0o755); err != nil {
				tb.Fatal(err)
			}
		}
		title := fmt.Sprintf("Story %06d: %s %s", i, words[rng.Intn(len(words))], words[rng.Intn(len(words))])
		var body strings.Builder
		for p := 0; p < 6; p++ {
			for w := 0; w < 50; w++ {
				body.WriteString(words[rng.Intn(len(words))])
				body.WriteByte(' ')
			}
			body.WriteString("\n\n")
		}
		var name, text string
		if i%2 == 0 {
			name = fmt.Sprintf("story-%06d.txt", i)
			text = title + "\n\n" + body.String()
		} else {
			date := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(i) * time.Minute)
			name = fmt.Sprintf("story-%06d.md", i)
			text = "---\ntitle: \"" + title + "\"\ndate: " + date.Format(time.RFC3339) + "\n---\n\n" + body.String()
		}
		if err := os.WriteFile(filepath.Join(sub, name), []byte(text), 0o644); err != nil {
			tb.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(dir, "complete"), nil, 0o644); err != nil {
		tb.Fatal(err)
	}
	return dir
}
