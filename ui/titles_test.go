package ui

import (
	"fmt"
	"slices"
	"testing"

	"newsread/articles"
)

func TestTitleIndexAgreesWithAPlainScan(t *testing.T) {
	as := benchArticles(3000)
	for i := range as {
		as[i].Tags = []string{[]string{"go", "rust", "news"}[i%3]}
	}
	as = append(as, articles.Article{ID: "empty"}, articles.Article{ID: "edge", Title: "fox"})
	l := newListPane()
	l.add(0, as)
	queries := []string{"fox", "o", "the quick", "日本", "é", "x j", "🎉", "zzz", "fox\nthe", "dog", "s"}
	for _, n := range []narrowing{{}, {kind: narrowTag, name: "rust"}, {kind: narrowSource, name: "bench"}} {
		for _, q := range queries {
			t.Run(fmt.Sprintf("%q narrowed to %q finds what a plain scan finds", q, n.label()), func(t *testing.T) {
				l.narrow, l.query = n, q
				l.titles.valid = false
				got := l.scan(nil)
				want := l.filter(l.all, nil)
				if !slices.Equal(ids(got), ids(want)) {
					t.Errorf("index found %d, plain scan %d", len(got), len(want))
				}
			})
		}
	}
}

func TestTitleIndexFollowsTheList(t *testing.T) {
	m := newTestModel(t, 80, 20, &fakeSource{}, sampleArticles())
	press(m, "/")
	typeText(m, "new")
	press(m, "enter")
	m.Update(batchMsg{batches: []sourceBatch{{batch: articles.Batch{Articles: []articles.Article{
		{ID: "a5", Title: "Old story, renamed", Published: sampleArticles()[4].Published},
		{ID: "n1", Title: "Brand new", Published: fixedNow},
	}}}}})
	for _, tt := range []struct {
		query string
		want  []string
	}{{"re", []string{"a5"}}, {"new", []string{"n1"}}} {
		press(m, "esc", "/")
		typeText(m, tt.query) // a full scan over the changed list
		if got := ids(m.list.view()); !slices.Equal(got, tt.want) {
			t.Errorf("%q finds %v, want %v", tt.query, got, tt.want)
		}
	}
}

func TestTitleAt(t *testing.T) {
	x := titleIndex{ends: []int32{3, 4, 10, 11, 12, 40}}
	tests := []struct {
		name    string
		from, p int
		want    int
	}{
		{name: "an offset inside the first title is the first", from: 0, p: 1, want: 0},
		{name: "an offset at an end belongs to that title", from: 0, p: 10, want: 2},
		{name: "an offset far ahead is found by galloping", from: 0, p: 39, want: 5},
		{name: "the search starts at from", from: 3, p: 11, want: 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := x.titleAt(tt.from, tt.p); got != tt.want {
				t.Errorf("titleAt(%d, %d) = %d, want %d", tt.from, tt.p, got, tt.want)
			}
		})
	}
}

func TestTitleIndexKeptAcrossBatchesEqualsARebuild(t *testing.T) {
	as := benchArticles(5000)
	l := newListPane()
	l.add(0, as[:1000])
	l.titles.build(l.all)
	for i := 1000; i < len(as); i += 400 {
		batch := as[i:min(i+400, len(as))]
		if i == 2200 {
			// Known IDs with their titles unchanged keep the index too.
			batch = append(slices.Clone(batch), as[10], as[20])
		}
		l.add(0, batch)
		if !l.titles.valid {
			t.Fatalf("index dropped after the batch at %d", i)
		}
		var fresh titleIndex
		fresh.build(l.all)
		if string(fresh.buf) != string(l.titles.buf) || !slices.Equal(fresh.ends, l.titles.ends) {
			t.Fatalf("index after the batch at %d differs from a rebuild", i)
		}
	}
	retitled := as[30]
	retitled.Title = "something else"
	l.add(0, []articles.Article{retitled})
	if l.titles.valid {
		t.Error("index kept after a title changed")
	}
}

func TestNarrowingThroughTheIndexAgreesWithAPlainScan(t *testing.T) {
	as := benchArticles(3000)
	for i := range as {
		as[i].Tags = []string{[]string{"go", "rust"}[i%2]}
	}
	for _, n := range []narrowing{{}, {kind: narrowTag, name: "rust"}} {
		t.Run("typing narrowed to "+n.label()+" matches a plain scan at every key", func(t *testing.T) {
			l := newListPane()
			l.add(0, as[:2000])
			l.setNarrow(n)
			for i, q := range []string{"t", "th", "the", "the ", "the q", "the qu", "the q", "x", "xy"} {
				if i == 5 {
					l.add(0, as[2000:]) // a batch between two keys
				}
				l.setQuery(q)
				want := l.filter(l.all, nil)
				if got := l.view(); !slices.Equal(ids(got), ids(want)) {
					t.Fatalf("after %q: %d matches, a plain scan finds %d", q, len(got), len(want))
				}
			}
		})
	}
}
