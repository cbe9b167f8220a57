package ui

import (
	"slices"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"newsread/articles"
)

func TestProgressText(t *testing.T) {
	tests := []struct {
		name string
		ps   []progress
		want []string
	}{
		{name: "finished sources say nothing", ps: []progress{{seen: 3, done: true}, {seen: 40, total: 40, done: true}}, want: nil},
		{name: "feeds count finished feeds against their number", ps: []progress{{seen: 12, total: 40}}, want: []string{"refreshing 12/40"}},
		{name: "several feed sources add up", ps: []progress{{seen: 2, total: 10}, {seen: 1, total: 5}, {seen: 7, total: 7, done: true}}, want: []string{"refreshing 3/15"}},
		{name: "a source without a total counts what it has seen", ps: []progress{{seen: 1234}}, want: []string{"loading 1,234…"}},
		{name: "a source that has seen nothing yet is loading", ps: []progress{{}}, want: []string{"loading…"}},
		{name: "feeds and folders together show both", ps: []progress{{seen: 1, total: 4}, {seen: 50}}, want: []string{"refreshing 1/4", "loading 50…"}},
		{name: "a count beyond the total is capped", ps: []progress{{seen: 9, total: 4}}, want: []string{"refreshing 4/4"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := progressText(tt.ps); !slices.Equal(got, tt.want) {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestStatusLineCounts(t *testing.T) {
	one := []articles.Article{sampleArticles()[0]}
	tests := []struct {
		name     string
		batches  []articles.Batch
		want     string
		dontWant string
	}{
		{name: "one article is singular", batches: []articles.Batch{{Articles: one, Done: true}}, want: " 1 article ", dontWant: "articles"},
		{name: "one problem is singular", batches: []articles.Batch{{Problems: []articles.Problem{{Where: "x", Err: errGone}}, Done: true}}, want: "1 problem —", dontWant: "problems"},
		{name: "no articles is plural", batches: []articles.Batch{{Done: true}}, want: "0 articles"},
		{name: "feeds being fetched show how many are done", batches: []articles.Batch{{Articles: one, Seen: 12, Total: 40}}, want: "refreshing 12/40 · 1 article"},
		{name: "the last feed ends the count", batches: []articles.Batch{{Seen: 12, Total: 40}, {Seen: 40, Total: 40, Done: true}}, want: "0 articles", dontWant: "refreshing"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := newTestModel(t, 100, 20, &fakeSource{}, nil)
			for _, b := range tt.batches {
				m.Update(batchMsg{batches: []sourceBatch{{batch: b}}})
			}
			got := ansi.Strip(m.statusLine())
			if !strings.Contains(got+" ", tt.want) {
				t.Errorf("status %q lacks %q", got, tt.want)
			}
			if tt.dontWant != "" && strings.Contains(got, tt.dontWant) {
				t.Errorf("status %q has %q", got, tt.dontWant)
			}
		})
	}
}
