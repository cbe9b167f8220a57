package ui

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"
	"unsafe"

	"github.com/charmbracelet/x/ansi"

	"newsread/articles"
)

func TestArticlesComingAgainReplaceTheOldOnes(t *testing.T) {
	day := func(d int) time.Time { return fixedNow.Add(-time.Duration(d) * 24 * time.Hour) }
	tests := []struct {
		name       string
		batches    [][]articles.Article
		query      string
		wantIDs    []string
		wantTitles []string
	}{
		{
			name:       "a new title replaces the old one in place",
			batches:    [][]articles.Article{{{ID: "a", Title: "Old", Published: day(1)}, {ID: "b", Title: "B", Published: day(2)}}, {{ID: "a", Title: "New", Published: day(1)}}},
			wantIDs:    []string{"a", "b"},
			wantTitles: []string{"New", "B"},
		},
		{
			name:       "a changed date moves the article to its new place",
			batches:    [][]articles.Article{{{ID: "a", Title: "A", Published: day(1)}, {ID: "b", Title: "B", Published: day(2)}, {ID: "c", Title: "C", Published: day(3)}}, {{ID: "a", Title: "A", Published: day(4)}}},
			wantIDs:    []string{"b", "c", "a"},
			wantTitles: []string{"B", "C", "A"},
		},
		{
			name:       "an article that loses its date goes among the undated",
			batches:    [][]articles.Article{{{ID: "u", Title: "U"}, {ID: "a", Title: "A", Published: day(1)}, {ID: "b", Title: "B", Published: day(2)}}, {{ID: "a", Title: "A"}}},
			wantIDs:    []string{"b", "u", "a"},
			wantTitles: []string{"B", "U", "A"},
		},
		{
			name:       "an unchanged date keeps the first arrival order among equals",
			batches:    [][]articles.Article{{{ID: "x", Title: "X", Published: day(1)}, {ID: "y", Title: "Y", Published: day(1)}}, {{ID: "x", Title: "X2", Published: day(1)}}},
			wantIDs:    []string{"x", "y"},
			wantTitles: []string{"X2", "Y"},
		},
		{
			name:       "an article twice in one batch is listed once as its last version",
			batches:    [][]articles.Article{{{ID: "a", Title: "First", Published: day(1)}, {ID: "b", Title: "B", Published: day(2)}, {ID: "a", Title: "Second", Published: day(3)}}},
			wantIDs:    []string{"b", "a"},
			wantTitles: []string{"B", "Second"},
		},
		{
			name:       "a title that stops matching leaves the filtered view",
			batches:    [][]articles.Article{{{ID: "a", Title: "Go news", Published: day(1)}, {ID: "b", Title: "More news", Published: day(2)}}, {{ID: "a", Title: "Go release", Published: day(1)}}},
			query:      "news",
			wantIDs:    []string{"b"},
			wantTitles: []string{"More news"},
		},
		{
			name:       "a title that starts matching joins the filtered view in order",
			batches:    [][]articles.Article{{{ID: "a", Title: "Go release", Published: day(1)}, {ID: "b", Title: "More news", Published: day(2)}}, {{ID: "a", Title: "Go news", Published: day(1)}}},
			query:      "news",
			wantIDs:    []string{"a", "b"},
			wantTitles: []string{"Go news", "More news"},
		},
		{
			name:       "a matching article that moves stays matched once",
			batches:    [][]articles.Article{{{ID: "a", Title: "Go news", Published: day(1)}, {ID: "b", Title: "More news", Published: day(2)}}, {{ID: "a", Title: "Go news", Published: day(3)}}},
			query:      "news",
			wantIDs:    []string{"b", "a"},
			wantTitles: []string{"More news", "Go news"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := newListPane()
			l.setHeight(10)
			l.setQuery(tt.query)
			for _, b := range tt.batches {
				l.add(0, b)
			}
			v := l.view()
			titles := make([]string, len(v))
			for i, e := range v {
				titles[i] = e.article().Title
			}
			if got := ids(v); !slices.Equal(got, tt.wantIDs) {
				t.Errorf("ids = %v, want %v", got, tt.wantIDs)
			}
			if !slices.Equal(titles, tt.wantTitles) {
				t.Errorf("titles = %v, want %v", titles, tt.wantTitles)
			}
			if !slices.IsSortedFunc(l.all, compareEntries) {
				t.Error("list no longer sorted")
			}
		})
	}
}

func TestReplacingKeepsTheCursorOnTheSameArticleAndRow(t *testing.T) {
	var as []articles.Article
	for i := range 30 {
		as = append(as, articles.Article{ID: fmt.Sprint("n", i), Title: fmt.Sprint("Story ", i), Published: fixedNow.Add(-time.Duration(i) * time.Hour)})
	}
	tests := []struct {
		name    string
		replace articles.Article
		wantIdx int
	}{
		{name: "an article moving from below to above pushes the cursor down", replace: articles.Article{ID: "n25", Title: "Story 25", Published: fixedNow.Add(time.Hour)}, wantIdx: 16},
		{name: "an article moving from above to below pulls the cursor up", replace: articles.Article{ID: "n2", Title: "Story 2", Published: fixedNow.Add(-100 * time.Hour)}, wantIdx: 14},
		{name: "the selected article moving keeps its row", replace: articles.Article{ID: "n15", Title: "Story 15 updated", Published: fixedNow.Add(-20*time.Hour - time.Minute)}, wantIdx: 20},
		{name: "the selected article changing its title stays put", replace: articles.Article{ID: "n15", Title: "Story 15 updated", Published: fixedNow.Add(-15 * time.Hour)}, wantIdx: 15},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := newTestModel(t, 60, 12, &fakeSource{}, as)
			for range 15 {
				press(m, "j")
			}
			m.list.offset = 10 // the cursor on screen row 5
			m.list.clamp()
			want := selectedID(m)
			row := m.list.cursor - m.list.offset
			m.Update(batchMsg{batches: []sourceBatch{{batch: articles.Batch{Articles: []articles.Article{tt.replace}}}}})
			if got := selectedID(m); got != want {
				t.Errorf("selected %q, want %q", got, want)
			}
			if m.list.cursor != tt.wantIdx {
				t.Errorf("cursor index %d, want %d", m.list.cursor, tt.wantIdx)
			}
			if got := m.list.cursor - m.list.offset; got != row {
				t.Errorf("cursor moved from screen row %d to %d", row, got)
			}
			if len(m.list.all) != 30 {
				t.Errorf("%d articles, want 30", len(m.list.all))
			}
		})
	}
}

func TestReplacedArticlesAndWhatWasLoaded(t *testing.T) {
	loaded := articles.Article{ID: "f1", Title: "From a file", Body: "The body.", BodyLoaded: true, Published: fixedNow}
	feedItem := articles.Article{ID: "f1", Title: "From a feed", Feed: "https://example.com/feed", Published: fixedNow}
	retitled := func(a articles.Article, title string) articles.Article { a.Title = title; return a }
	tests := []struct {
		name       string
		first      articles.Article
		again      articles.Article
		wantOpened int32 // counting the other article, read in between
		wantCmd    bool  // the second open needs a command
		wantShown  string
	}{
		{name: "an unchanged loaded article keeps its rendering", first: loaded, again: loaded, wantOpened: 1, wantCmd: false, wantShown: "From a file"},
		{name: "a changed loaded article is rendered again", first: loaded, again: retitled(loaded, "Retitled"), wantOpened: 1, wantCmd: true, wantShown: "Retitled"},
		{name: "a feed item coming again is opened again", first: feedItem, again: feedItem, wantOpened: 3, wantCmd: true, wantShown: "From a feed"},
		{name: "a retitled feed item shows its new title", first: feedItem, again: retitled(feedItem, "New title"), wantOpened: 3, wantCmd: true, wantShown: "New title"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := &fakeSource{}
			m := newTestModel(t, 60, 20, src, []articles.Article{tt.first, {ID: "other", Title: "Other"}})
			settle(t, m, press(m, "enter"))
			press(m, "esc", "j")
			settle(t, m, press(m, "enter")) // read another article in between
			press(m, "esc", "k")
			m.Update(batchMsg{batches: []sourceBatch{{batch: articles.Batch{Articles: []articles.Article{tt.again}}}}})
			cmd := press(m, "enter")
			if (cmd != nil) != tt.wantCmd {
				t.Errorf("second open started a command: %v, want %v", cmd != nil, tt.wantCmd)
			}
			settle(t, m, cmd)
			if n := src.opened.Load(); n != tt.wantOpened {
				t.Errorf("opened %d times, want %d", n, tt.wantOpened)
			}
			if got := ansi.Strip(m.screen()); !strings.Contains(got, tt.wantShown) {
				t.Errorf("reader lacks %q:\n%s", tt.wantShown, got)
			}
		})
	}
}

func TestTheArticleBeingReadIsNotDisturbed(t *testing.T) {
	src := &fakeSource{bodies: map[string]string{"a1": sampleBody(30)}}
	m := newTestModel(t, 60, 20, src, sampleArticles())
	settle(t, m, press(m, "enter"))
	press(m, "space")
	before, gen, off := m.screen(), m.reader.gen, m.reader.vp.YOffset()
	changed := sampleArticles()[0]
	changed.Title = "Rust 2024 edition is out, updated"
	src.bodies["a1"] = sampleBody(31)
	m.Update(batchMsg{batches: []sourceBatch{{batch: articles.Batch{Articles: []articles.Article{changed}}}}, closed: true})
	if m.screen() != before || m.reader.gen != gen {
		t.Fatal("the reader changed while its article was replaced")
	}
	press(m, "esc")
	settle(t, m, press(m, "enter"))
	if got := ansi.Strip(m.screen()); !strings.Contains(got, "Paragraph") || m.reader.vp.YOffset() == 0 {
		t.Errorf("reopening lost the reading position (offset %d, was %d):\n%s", m.reader.vp.YOffset(), off, got)
	}
	if m.reader.article.Title != changed.Title || src.opened.Load() != 2 {
		t.Errorf("reopening shows %q after %d opens, want the new version", m.reader.article.Title, src.opened.Load())
	}
}

func TestTheArchivesCopyNeverReplacesWhatAFeedListed(t *testing.T) {
	const feed, archive = 0, 1
	day := fixedNow.Add(-24 * time.Hour)
	old := articles.Article{ID: "a", Title: "As archived", Published: day}
	fresh := articles.Article{ID: "a", Title: "As the feed has it now", Published: day}
	tests := []struct {
		name    string
		order   []int // sources, in the order their copies arrive
		wantSrc int
		want    string
	}{
		{"the feed's copy replaces the archive's", []int{archive, feed}, feed, fresh.Title},
		{"the archive's copy after the feed's is left out", []int{feed, archive}, feed, fresh.Title},
		{"the archive's copy alone is listed", []int{archive}, archive, old.Title},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := newListPane()
			l.copies = which([]Source{&fakeSource{}, copySource{&fakeSource{}}}, Copier.Copies)
			for _, src := range tt.order {
				a := fresh
				if src == archive {
					a = old
				}
				l.add(src, []articles.Article{a})
			}
			if len(l.all) != 1 || l.all[0].src != tt.wantSrc || l.all[0].title != tt.want {
				t.Errorf("listed %d, the first from source %d titled %q; want one from %d titled %q",
					len(l.all), l.all[0].src, l.all[0].title, tt.wantSrc, tt.want)
			}
		})
	}
}

// copySource is a source of copies, as the archive is.
type copySource struct{ *fakeSource }

func (copySource) Copies() bool { return true }

func TestAnEntryStaysInTheSmallerSizeClass(t *testing.T) {
	// A million entries are listed at once (the archive): 96 bytes each,
	// not 112.
	if n := unsafe.Sizeof(entry{}); n > 96 {
		t.Errorf("an entry takes %d bytes, over the 96-byte size class", n)
	}
}

func TestTheFilterMatchesTitlesAsLowerCased(t *testing.T) {
	tests := []struct {
		title, query string
		want         bool
	}{
		{"Go 1.26 Released", "released", true},
		{"Go 1.26 Released", "go 1", true},
		{"Go 1.26 Released", "", true},
		{"Short", "shorter", false},
		{"Ärger in München", "münchen", true},
		{"Ärger in München", "ärger", true},
		{"plain ascii", "ü", false},
		{"İstanbul", strings.ToLower("İstanbul"), true},
	}
	for _, tt := range tests {
		t.Run(tt.title+" holds "+tt.query, func(t *testing.T) {
			l := newListPane()
			l.add(0, []articles.Article{{ID: "a", Title: tt.title}})
			l.setQuery(tt.query)
			if got := len(l.view()) == 1; got != tt.want && tt.query == strings.ToLower(tt.query) {
				t.Errorf("%q kept by the filter %q: %v, want %v", tt.title, tt.query, got, tt.want)
			}
			if got := string(appendLower([]byte("x"), tt.title)); got != "x"+strings.ToLower(tt.title) {
				t.Errorf("appendLower gave %q", got)
			}
		})
	}
}

func TestAnEntryGivesBackTheArticleItWasMadeFrom(t *testing.T) {
	at := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	header := articles.Article{ID: "https://a.example/1", Title: "A headline", Link: "https://a.example/1.html",
		Source: "A feed", Feed: "https://a.example/feed", Tags: []string{"news"}, Published: at}
	with := func(f func(*articles.Article)) articles.Article {
		a := header
		a.Tags = slices.Clone(a.Tags)
		f(&a)
		return a
	}
	tests := []struct {
		name string
		a    articles.Article
		lean bool
	}{
		{"a header as the archive lists it is lean", header, true},
		{"an undated header is lean", with(func(a *articles.Article) { a.Published = time.Time{} }), true},
		{"a header without tags or feed is lean", with(func(a *articles.Article) { a.Tags, a.Feed = nil, "" }), true},
		{"an author is kept whole", with(func(a *articles.Article) { a.Author = "A. Writer" }), false},
		{"a summary is kept whole", with(func(a *articles.Article) { a.Summary = "What it says" }), false},
		{"a body is kept whole", with(func(a *articles.Article) { a.Body, a.BodyLoaded = "Text", true }), false},
		{"a file is kept whole", with(func(a *articles.Article) { a.Path = "/news/a.md" }), false},
		{"a file's date is kept whole", with(func(a *articles.Article) { a.DateFromFile = true }), false},
		{"a date in another zone is kept whole", with(func(a *articles.Article) { a.Published = at.In(time.FixedZone("CET", 3600)) }), false},
		{"a date with nanoseconds is kept whole", with(func(a *articles.Article) { a.Published = at.Add(5) }), false},
		{"a blank title is kept whole", with(func(a *articles.Article) { a.Title = "  " }), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEntry(tt.a)
			if e.lean != tt.lean {
				t.Errorf("lean %v, want %v", e.lean, tt.lean)
			}
			if got := e.article(); !reflect.DeepEqual(got, tt.a) {
				t.Errorf("gives back\n%+v\nwant\n%+v", got, tt.a)
			}
			if !e.published().Equal(tt.a.Published) || e.source() != tt.a.Source || e.feed() != tt.a.Feed || !slices.Equal(e.tags(), tt.a.Tags) {
				t.Errorf("published %v, source %q, feed %q, tags %q", e.published(), e.source(), e.feed(), e.tags())
			}
		})
	}
}

func TestLeanEntriesOfOneFeedShareTheirOrigin(t *testing.T) {
	l := newListPane()
	tags := []string{"news"}
	var as []articles.Article
	for i := range 1000 {
		as = append(as, articles.Article{ID: fmt.Sprint(i), Title: fmt.Sprint("Item ", i), Source: "A feed",
			Feed: "https://a.example/feed", Tags: tags, Published: time.Unix(int64(i)*60, 0).UTC()})
	}
	l.add(0, as)
	if len(l.origins) != 1 {
		t.Errorf("%d origins for one feed's items, want 1", len(l.origins))
	}
	for _, e := range l.all {
		if !e.lean || e.more != l.all[0].more {
			t.Fatalf("%s: lean %v, its own origin %v", e.id, e.lean, e.more != l.all[0].more)
		}
	}
	// Appending to one article's tags does not change the others'.
	a := l.all[0].article()
	a.Tags = append(a.Tags, "more")
	if got := l.all[1].tags(); !slices.Equal(got, tags) {
		t.Errorf("tags of another article became %q", got)
	}
}
