package ui

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"newsread/articles"
)

// sameDayCorpus is a folder copied in one go: every file has the same
// date, from two sources, with a few articles of other dates among them.
func sameDayCorpus() []articles.Article {
	day := fixedNow.Add(-24 * time.Hour)
	var as []articles.Article
	for i := range 12 {
		src := []string{"notes", "archive"}[i%2]
		as = append(as, articles.Article{
			ID:        fmt.Sprintf("%s/%02d.md", src, i),
			Title:     fmt.Sprintf("Article %d", i),
			Source:    src,
			Path:      fmt.Sprintf("/home/u/%s/%02d.md", src, i),
			Published: day,
		})
	}
	as = append(as,
		articles.Article{ID: "newer", Source: "notes", Path: "/z", Published: fixedNow},
		articles.Article{ID: "older", Source: "archive", Path: "/a", Published: day.Add(-time.Hour)},
		articles.Article{ID: "same-path", Source: "notes", Path: "/home/u/notes/00.md", Published: day},
	)
	return as
}

func TestEqualDatesSortTheSameWhateverTheArrivalOrder(t *testing.T) {
	want := []string{"newer",
		"archive/01.md", "archive/03.md", "archive/05.md", "archive/07.md", "archive/09.md", "archive/11.md",
		"notes/00.md", "same-path", "notes/02.md", "notes/04.md", "notes/06.md", "notes/08.md", "notes/10.md",
		"older"}
	rng := rand.New(rand.NewPCG(7, 11))
	tests := []struct {
		name    string
		arrange func([]articles.Article) [][]articles.Article
	}{
		{"in one batch as listed", func(as []articles.Article) [][]articles.Article { return [][]articles.Article{as} }},
		{"in one batch reversed", func(as []articles.Article) [][]articles.Article {
			slices.Reverse(as)
			return [][]articles.Article{as}
		}},
		{"one article a batch, reversed", func(as []articles.Article) [][]articles.Article {
			var out [][]articles.Article
			for i := len(as) - 1; i >= 0; i-- {
				out = append(out, as[i:i+1])
			}
			return out
		}},
		{"in shuffled batches of three", func(as []articles.Article) [][]articles.Article {
			rng.Shuffle(len(as), func(i, j int) { as[i], as[j] = as[j], as[i] })
			var out [][]articles.Article
			for len(as) > 0 {
				n := min(3, len(as))
				out, as = append(out, as[:n]), as[n:]
			}
			return out
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := newListPane()
			for _, b := range tt.arrange(sameDayCorpus()) {
				l.add(0, b)
			}
			if got := ids(l.all); !slices.Equal(got, want) {
				t.Errorf("order = %v\nwant    %v", got, want)
			}
		})
	}
}

func TestUndatedArticlesGoBySourceThenArrival(t *testing.T) {
	l := newListPane()
	l.add(1, []articles.Article{{ID: "b1"}, {ID: "b2"}})
	l.add(0, []articles.Article{{ID: "a1"}})
	l.add(1, []articles.Article{{ID: "b3"}})
	l.add(0, []articles.Article{{ID: "a2"}, {ID: "d", Published: fixedNow}})
	want := []string{"d", "a1", "a2", "b1", "b2", "b3"}
	if got := ids(l.all); !slices.Equal(got, want) {
		t.Errorf("order = %v, want %v", got, want)
	}
}

func TestAReplacedArticleThatChangesSourceMoves(t *testing.T) {
	day := fixedNow.Add(-time.Hour)
	l := newListPane()
	l.add(0, []articles.Article{{ID: "x", Source: "b", Published: day}, {ID: "y", Source: "c", Published: day}})
	l.add(0, []articles.Article{{ID: "y", Source: "a", Published: day}})
	if got, want := ids(l.all), []string{"y", "x"}; !slices.Equal(got, want) {
		t.Errorf("order = %v, want %v", got, want)
	}
	if i, ok := slices.BinarySearchFunc(l.all, l.ids["x"], compareEntries); !ok || i != 1 {
		t.Errorf("x is not found where it is: %d, %v", i, ok)
	}
}
