package ui

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"

	"newsread/articles"
)

func TestSourcePicker(t *testing.T) {
	down := func(n int) []string { return slices.Repeat([]string{"j"}, n) }
	pickStdin := append(append([]string{"s"}, down(5)...), "enter")
	tests := []struct {
		name       string
		keys       []string
		typed      string // typed into the filter after the keys, then enter
		after      []string
		wantIDs    []string
		wantStatus string
	}{
		{name: "choosing a source narrows the list to it", keys: pickStdin, wantIDs: []string{"a6", "a7"}, wantStatus: " 2/7 · stdin"},
		{name: "choosing a tag narrows the list to it", keys: []string{"s", "G", "enter"}, wantIDs: []string{"a3"}, wantStatus: " 1/7 · #fun"},
		{name: "the title filter combines with the narrowing", keys: pickStdin, typed: "second", wantIDs: []string{"a7"}, wantStatus: "1/7 match “second” · stdin"},
		{name: "esc in the list clears the title filter first", keys: pickStdin, typed: "second", after: []string{"esc"}, wantIDs: []string{"a6", "a7"}, wantStatus: " 2/7 · stdin"},
		{name: "a second esc goes back to all", keys: pickStdin, typed: "second", after: []string{"esc", "esc"}, wantIDs: []string{"a1", "a2", "a3", "a4", "a5", "a6", "a7"}, wantStatus: " 7 articles"},
		{name: "choosing All goes back to all", keys: append(pickStdin, "s", "g", "enter"), wantIDs: []string{"a1", "a2", "a3", "a4", "a5", "a6", "a7"}, wantStatus: " 7 articles"},
		{name: "esc closes the picker and changes nothing", keys: []string{"s", "j", "j", "esc"}, wantIDs: []string{"a1", "a2", "a3", "a4", "a5", "a6", "a7"}, wantStatus: " 7 articles"},
		{name: "a filter typed first is kept when narrowing", keys: []string{"/", "u", "n", "enter", "s", "j", "j", "j", "j", "j", "enter"}, wantIDs: []string{"a6", "a7"}, wantStatus: "2/7 match “un” · stdin"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := newTestModel(t, 80, 20, &fakeSource{}, sampleArticles())
			press(m, tt.keys...)
			if tt.typed != "" {
				press(m, "/")
				typeText(m, tt.typed)
				press(m, "enter")
			}
			press(m, tt.after...)
			if m.overlay != overlayNone {
				t.Fatal("the picker is still open")
			}
			if got := ids(m.list.view()); !slices.Equal(got, tt.wantIDs) {
				t.Errorf("view = %v, want %v", got, tt.wantIDs)
			}
			if got := ansi.Strip(m.statusLine()); !strings.Contains(got, tt.wantStatus) {
				t.Errorf("status %q lacks %q", got, tt.wantStatus)
			}
		})
	}
}

func TestPickerEntries(t *testing.T) {
	m := newTestModel(t, 80, 20, &fakeSource{}, sampleArticles())
	press(m, "s", "j", "j", "j", "j", "j", "enter", "s")
	if m.picker.cursor != 5 {
		t.Errorf("picker opened on row %d, want 5 (the narrowing in force)", m.picker.cursor)
	}
	var got []string
	for _, e := range m.picker.entries {
		got = append(got, e.narrow.label()+"="+commas(e.count))
	}
	want := []string{"All=7", "archive=1", "lobste.rs=1", "nhk=1", "notes=1", "stdin=2", "#fun=1"}
	if !slices.Equal(got, want) {
		t.Errorf("entries %v, want %v", got, want)
	}
}

func TestPickerCountsFollowArrivals(t *testing.T) {
	m := newTestModel(t, 80, 20, &fakeSource{}, sampleArticles())
	press(m, "s", "j", "j", "j", "j", "j", "enter") // stdin
	moved := sampleArticles()[5]
	moved.Source = "lobste.rs"
	moved.Tags = []string{"fun", "fun", "rust"}
	m.Update(batchMsg{batches: []sourceBatch{{batch: articles.Batch{Articles: []articles.Article{
		moved,
		{ID: "s1", Title: "More from stdin", Source: "stdin", Published: fixedNow.Add(-time.Minute)},
		{ID: "n1", Title: "More from nhk", Source: "nhk", Published: fixedNow},
	}}}}})
	if got := ids(m.list.view()); !slices.Equal(got, []string{"s1", "a7"}) {
		t.Errorf("narrowed view = %v, want [s1 a7]", got)
	}
	tl := m.list.tally
	for name, want := range map[string]int{"stdin": 2, "lobste.rs": 2, "nhk": 2} {
		if tl.sources[name] != want {
			t.Errorf("%s counts %d, want %d", name, tl.sources[name], want)
		}
	}
	if tl.tags["fun"].n != 2 || tl.tags["rust"].n != 1 {
		t.Errorf("tags %v", tl.tags)
	}
}

func TestPickerScrollsWithTheCursor(t *testing.T) {
	var as []articles.Article
	for _, s := range strings.Fields("a b c d e f g h i j k l m n o p q r s t") {
		as = append(as, articles.Article{ID: s, Title: s, Source: "src " + s})
	}
	m := newTestModel(t, 40, 10, &fakeSource{}, as)
	press(m, "s", "G")
	screen := ansi.Strip(m.screen())
	if !strings.Contains(screen, "src t") || m.picker.cursor != 20 {
		t.Errorf("cursor %d, screen:\n%s", m.picker.cursor, screen)
	}
	press(m, "g")
	if screen := ansi.Strip(m.screen()); !strings.Contains(screen, "All") {
		t.Errorf("top not shown:\n%s", screen)
	}
}

func TestTagsAreOneWhateverTheirCase(t *testing.T) {
	as := []articles.Article{
		{ID: "1", Title: "First", Tags: []string{"Science"}, Published: fixedNow},
		{ID: "2", Title: "Second", Tags: []string{"science", "SCIENCE"}, Published: fixedNow.Add(-time.Hour)},
		{ID: "3", Title: "Third", Tags: []string{"art"}, Published: fixedNow.Add(-2 * time.Hour)},
	}
	m := newTestModel(t, 80, 20, &fakeSource{}, as)
	press(m, "s")
	var tags []string
	for _, e := range m.picker.entries {
		if e.narrow.kind == narrowTag {
			tags = append(tags, e.narrow.label()+" "+commas(e.count))
		}
	}
	if want := []string{"#art 1", "#Science 2"}; !slices.Equal(tags, want) {
		t.Errorf("picker tags = %v, want %v (one entry, first spelling, each article counted once)", tags, want)
	}
	press(m, "G", "enter")
	if got := ids(m.list.view()); !slices.Equal(got, []string{"1", "2"}) {
		t.Errorf("#Science keeps %v, want [1 2]", got)
	}
	press(m, "s")
	if e := m.picker.entries[m.picker.cursor]; e.narrow.label() != "#Science" {
		t.Errorf("the picker reopens on %s, want #Science", e.narrow.label())
	}
	press(m, "esc")
	m.Update(batchMsg{batches: []sourceBatch{{batch: articles.Batch{Articles: []articles.Article{{ID: "1", Title: "First", Tags: []string{"art"}, Published: fixedNow}}}}}})
	if c := m.list.tally.tags["science"]; c.n != 1 || c.name != "Science" {
		t.Errorf("after a retag the science tally is %+v, want 1 named Science", c)
	}
}
