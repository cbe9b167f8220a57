package store

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"newsread/articles"
)

func TestHTMLText(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"tags become spaces between blocks", "<p>one</p><p>two</p>", "one two"},
		{"entities are decoded", "<p>fish &amp; chips &eacute;t&eacute;</p>", "fish & chips été"},
		{"scripts and styles are left out", "a<script>var x = 1;</script><style>p{}</style>b", "a b"},
		{"broken HTML keeps its text", "<p>open <b>bold", "open bold"},
		{"plain text stays as it is", "just words", "just words"},
		{"attributes are not text", `<a href="https://example.com" title="t">link</a>`, "link"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := htmlText(tt.in); got != tt.want {
				t.Errorf("htmlText(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestMarkdownTextDropsLinkTargets(t *testing.T) {
	in := "See [the guide](https://example.com/guide \"Title\") and ![a cat](cat.png)."
	if got, want := markdownText(in), "See [the guide] and ![a cat]."; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestIndexArticles(t *testing.T) {
	ctx := context.Background()
	db := searchTestDB(t)
	insertFixture(t, db, []fixtureArticle{{id: "a", title: "stored title", published: "2026-02-01T00:00:00Z"}})
	find := func(query string) string {
		t.Helper()
		q, err := Parse(query+" ", fixtureNow)
		if err != nil {
			t.Fatal(err)
		}
		hits, err := Search(ctx, db, q, Newest, 0)
		if err != nil {
			t.Fatal(err)
		}
		return hitIDs(hits)
	}
	count := func() (n int) {
		t.Helper()
		if err := db.QueryRow("SELECT (SELECT count(*) FROM fts) + (SELECT count(*) FROM fts_ids)").Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	a := articles.Article{ID: "a", Title: "First words", Body: "apples and [pears](https://orchard.example)",
		Tags: []string{"fruit"}, Published: time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC)}
	if err := IndexArticles(ctx, db, []articles.Article{a}); err != nil {
		t.Fatal(err)
	}
	t.Run("an indexed article is found by its title, body and tags", func(t *testing.T) {
		for _, w := range []string{"first", "apples", "pears", "fruit"} {
			if got := find(w); got != "a" {
				t.Errorf("%s: got %q", w, got)
			}
		}
		if got := find("orchard"); got != "" {
			t.Errorf("a link target was indexed: %q", got)
		}
	})
	t.Run("indexing again replaces the article's text", func(t *testing.T) {
		a.Body = "bananas"
		if err := IndexArticles(ctx, db, []articles.Article{a, a}); err != nil {
			t.Fatal(err)
		}
		if got := find("apples"); got != "" {
			t.Errorf("old text still found: %q", got)
		}
		if got := find("bananas"); got != "a" {
			t.Errorf("new text not found: %q", got)
		}
		if n := count(); n != 2 {
			t.Errorf("%d index rows, want one in fts and one in fts_ids", n)
		}
	})
	t.Run("a new date moves the article in the index's order", func(t *testing.T) {
		a.Published = time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
		if err := IndexArticles(ctx, db, []articles.Article{a}); err != nil {
			t.Fatal(err)
		}
		var rowid int64
		if err := db.QueryRow("SELECT rowid FROM fts_ids WHERE id = 'a'").Scan(&rowid); err != nil {
			t.Fatal(err)
		}
		if rowid>>slotBits != a.Published.Unix() {
			t.Errorf("rowid %d is not in the slot of %v", rowid, a.Published)
		}
		if got, n := find("bananas"), count(); got != "a" || n != 2 {
			t.Errorf("found %q with %d rows", got, n)
		}
	})
	t.Run("articles of the same second get rowids in turn", func(t *testing.T) {
		var batch []articles.Article
		for i := range 3 {
			batch = append(batch, articles.Article{ID: fmt.Sprint("same", i), Title: "same", Published: a.Published})
		}
		if err := IndexArticles(ctx, db, batch); err != nil {
			t.Fatal(err)
		}
		if n := count(); n != 8 {
			t.Errorf("%d rows, want 8", n)
		}
	})
}

func TestIndexPending(t *testing.T) {
	ctx := context.Background()
	db := searchTestDB(t)
	var many []fixtureArticle
	for i := range 2*indexBatch + 7 {
		many = append(many, fixtureArticle{id: fmt.Sprintf("n%04d", i), title: "number", bodyType: "html",
			body: fmt.Sprintf("<p>word%d</p>", i), published: "2026-01-01T00:00:00Z"})
	}
	insertFixture(t, db, many)
	t.Run("a cancelled indexing stops before it starts a batch", func(t *testing.T) {
		cancelled, cancel := context.WithCancel(ctx)
		calls := 0
		err := IndexPending(cancelled, db, func(done, total int) {
			calls++
			cancel()
		})
		if !errors.Is(err, context.Canceled) || calls != 1 {
			t.Errorf("err %v after %d batches, want context.Canceled after 1", err, calls)
		}
	})
	t.Run("indexing goes on where it stopped and reports progress a batch at a time", func(t *testing.T) {
		var got []string
		err := IndexPending(ctx, db, func(done, total int) { got = append(got, fmt.Sprint(done, "/", total)) })
		if err != nil {
			t.Fatal(err)
		}
		want := fmt.Sprint(indexBatch, "/", indexBatch+7, " ", indexBatch+7, "/", indexBatch+7)
		if fmt.Sprint(got) != "["+want+"]" {
			t.Errorf("progress %v, want [%s]", got, want)
		}
	})
	t.Run("every article is then found, and nothing is left to do", func(t *testing.T) {
		q, _ := Parse("word1000 ", fixtureNow)
		if hits, err := Search(ctx, db, q, Newest, 0); err != nil || hitIDs(hits) != "n1000" {
			t.Errorf("hits %v, err %v", hits, err)
		}
		calls := 0
		if err := IndexPending(ctx, db, func(int, int) { calls++ }); err != nil || calls != 0 {
			t.Errorf("a second run made %d batches (err %v)", calls, err)
		}
	})
}

func TestSavedSearches(t *testing.T) {
	ctx := context.Background()
	db := searchTestDB(t)
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(SaveSearch(ctx, db, "unread go", "go is:unread"))
	must(SaveSearch(ctx, db, "kitchen", "source:kitchen"))
	must(SaveSearch(ctx, db, "kitchen", "source:kitchen tag:food"))
	t.Run("a bad query is not saved", func(t *testing.T) {
		if err := SaveSearch(ctx, db, "bad", `"open`); !errors.Is(err, ErrBadQuery) {
			t.Errorf("got %v", err)
		}
	})
	t.Run("a search needs a name", func(t *testing.T) {
		if err := SaveSearch(ctx, db, " ", "go"); err == nil {
			t.Error("saved without a name")
		}
	})
	t.Run("searches come back by name, the last saved under a name kept", func(t *testing.T) {
		got, err := Searches(ctx, db)
		must(err)
		if fmt.Sprint(got) != "[{kitchen source:kitchen tag:food} {unread go go is:unread}]" {
			t.Errorf("got %v", got)
		}
	})
	t.Run("a deleted search is gone", func(t *testing.T) {
		must(DeleteSearch(ctx, db, "kitchen"))
		must(DeleteSearch(ctx, db, "never saved"))
		got, err := Searches(ctx, db)
		must(err)
		if fmt.Sprint(got) != "[{unread go go is:unread}]" {
			t.Errorf("got %v", got)
		}
	})
}
