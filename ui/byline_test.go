package ui

import (
	"strings"
	"testing"

	"newsread/articles"
)

func TestWithoutByline(t *testing.T) {
	const body = "The harbour reopened on Tuesday.\n\nMore text.\n"
	for _, tc := range []struct {
		name, author, md, want string
	}{
		{"a By line with the author goes", "Jane Doe", "By Jane Doe\n\n" + body, body},
		{"the bare name goes", "Jane Doe", "Jane Doe\n\n" + body, body},
		{"case does not matter", "Jane Doe", "By JANE DOE\n\n" + body, body},
		{"a byline naming more people goes", "Jane Doe", "By JANE DOE and John Roe\n\n" + body, body},
		{"a byline with a date goes", "Jane Doe", "By Jane Doe, March 3, 2024\n\n" + body, body},
		{"an emphasised, linked byline goes", "Jane Doe", "*By [Jane Doe](https://example.com/jane)*\n\n" + body, body},
		{"leading blank lines are skipped", "Jane Doe", "\n\nBy Jane Doe.\n\n" + body, body},
		{"a byline that is the whole body goes", "Jane Doe", "By Jane Doe", ""},
		{"another author's byline stays", "Jane Doe", "By John Roe\n\n" + body, "By John Roe\n\n" + body},
		{"a name that only starts the same stays", "Jane Doe", "By Jane Doerr\n\n" + body, "By Jane Doerr\n\n" + body},
		{"a sentence starting with the name stays", "Jane Doe", "Jane Doe went to the harbour on Tuesday.\n\n" + body, "Jane Doe went to the harbour on Tuesday.\n\n" + body},
		{"a byline further down stays", "Jane Doe", body + "\nBy Jane Doe\n", body + "\nBy Jane Doe\n"},
		{"without an author nothing goes", "", "By Jane Doe\n\n" + body, "By Jane Doe\n\n" + body},
		{"a long first paragraph stays", "Jane Doe", "By Jane Doe " + strings.Repeat("and many words ", 20) + "\n\n" + body, "By Jane Doe " + strings.Repeat("and many words ", 20) + "\n\n" + body},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := withoutByline(tc.md, tc.author); got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

func TestHeaderShowsAuthorAndTagsAndTheBylineOnce(t *testing.T) {
	a := articles.Article{
		Title: "Harbour reopens", Source: "Gazette", Author: "Jane Doe",
		Tags: []string{"Local", "Harbours"}, Body: "By Jane Doe\n\nThe harbour reopened.\n", BodyLoaded: true,
	}
	out, err := RenderArticle(a, "notty", 80)
	if err != nil {
		t.Fatal(err)
	}
	header, body, _ := strings.Cut(out, "The harbour reopened.")
	for _, want := range []string{"Gazette · Jane Doe", "#Local", "#Harbours"} {
		if !strings.Contains(header, want) {
			t.Errorf("header lacks %q:\n%s", want, header)
		}
	}
	if n := strings.Count(strings.ToLower(out), "jane doe"); n != 1 {
		t.Errorf("the author is shown %d times:\n%s", n, out)
	}
	_ = body
}
