package ui

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"newsread/articles"
)

func TestRowTitle(t *testing.T) {
	long := strings.Repeat("word ", 100)
	tests := []struct {
		name string
		a    articles.Article
		want string
	}{
		{"a title is shown as it is", articles.Article{Title: "Hello", Summary: "Sum"}, "Hello"},
		{"a blank title falls back to the summary's start", articles.Article{Title: " \t", Summary: "  The council\nmet on Tuesday.  ", Link: "https://x.example/1"}, "The council met on Tuesday."},
		{"without a summary the loaded body's first words are taken, without markdown marks", articles.Article{Body: "\n# Storm warning\n\n> Winds *will* rise.\n", BodyLoaded: true, Link: "https://x.example/2"}, "Storm warning Winds *will* rise."},
		{"a body that is not loaded is not looked at", articles.Article{Body: "stale", Link: "https://x.example/3"}, "https://x.example/3"},
		{"without text the link is shown", articles.Article{Link: "https://x.example/4"}, "https://x.example/4"},
		{"with nothing at all the row says untitled", articles.Article{}, "(untitled)"},
		{"a long text is cut at a word", articles.Article{Summary: long}, strings.TrimSpace(long[:rowTitleMax]) + "…"},
		{"one endless word is cut without splitting a character", articles.Article{Summary: strings.Repeat("é", 200)}, strings.Repeat("é", rowTitleMax/2) + "…"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := rowTitle(tt.a); got != tt.want {
				t.Errorf("rowTitle = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestUntitledArticlesNeverShowABlankRow(t *testing.T) {
	as := []articles.Article{
		{ID: "1", Summary: "Summary words here", Published: fixedNow},
		{ID: "2", Link: "https://podcast.example/ep/2", Published: fixedNow.Add(-1)},
		{ID: "3", Title: "   ", Published: fixedNow.Add(-2)},
	}
	m := newTestModel(t, 80, 6, &fakeSource{}, as)
	lines := strings.Split(ansi.Strip(m.screen()), "\n")
	for i, want := range []string{"Summary words here", "https://podcast.example/ep/2", "(untitled)"} {
		if !strings.HasPrefix(lines[i], " "+want) {
			t.Errorf("row %d is %q, want it to start with %q", i, lines[i], want)
		}
	}
	if m.list.ids.get("1").article().Title != "" {
		t.Error("the article's title was changed")
	}
	typeText(m, "/podcast")
	if got := selectedID(m); got != "2" || len(m.list.view()) != 1 {
		t.Errorf("the filter does not match the title shown: %v", ids(m.list.view()))
	}
}
