package ui

import (
	"testing"

	tea "charm.land/bubbletea/v2"

	"newsread/articles"
)

func TestFirstScreenIsCalledOnceTheScreenShowsArticles(t *testing.T) {
	for _, tc := range []struct {
		name  string
		batch articles.Batch
		want  int // calls after the batch and two draws
	}{
		{name: "articles came", batch: articles.Batch{Articles: sampleArticles()[:2]}, want: 1},
		{name: "every source loaded without any", batch: articles.Batch{Done: true}, want: 1},
		{name: "only progress came", batch: articles.Batch{Seen: 1, Total: 3}, want: 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			calls := 0
			src := &fakeSource{name: "test"}
			m, err := New(Options{Sources: []Source{src}, Now: clock, Style: "dark", FirstScreen: func() { calls++ }})
			if err != nil {
				t.Fatal(err)
			}
			m.Update(tea.WindowSizeMsg{Width: 100, Height: 30})
			m.View()
			if calls != 0 {
				t.Fatalf("called %d times before anything came", calls)
			}
			m.Update(batchMsg{batches: []sourceBatch{{src: 0, batch: tc.batch}}, closed: tc.batch.Done})
			m.View()
			m.View()
			if calls != tc.want {
				t.Errorf("called %d times, want %d", calls, tc.want)
			}
		})
	}
}
