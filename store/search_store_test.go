package store

import (
	"context"
	"strings"
	"testing"
	"time"

	"newsread/articles"
)

func TestATextStoredLaterIsSearchedToo(t *testing.T) {
	s := memoryStore(t)
	ctx := context.Background()
	item := articles.Article{ID: "urn:1", Title: "Harbour news", Feed: "http://x/feed", Published: time.Unix(1700000000, 0)}
	if err := s.PutArticles(ctx, []articles.Article{item}); err != nil {
		t.Fatal(err)
	}
	find := func(q string) int {
		t.Helper()
		if err := s.IndexPending(ctx, nil); err != nil {
			t.Fatal(err)
		}
		query, err := Parse(q, time.Now())
		if err != nil {
			t.Fatal(err)
		}
		hits, err := s.Search(ctx, query, Newest, 0)
		if err != nil {
			t.Fatal(err)
		}
		return len(hits)
	}
	if find("harbour") != 1 || find("breakwater") != 0 {
		t.Fatal("the header alone is not indexed as it should be")
	}
	item.Body, item.BodyLoaded = "The breakwater was repaired.", true
	if err := s.PutArticles(ctx, []articles.Article{item}); err != nil {
		t.Fatal(err)
	}
	if find("breakwater") != 1 || find("harbour") != 1 {
		t.Error("the text stored after the header was not indexed")
	}
}

func TestHTMLBodiesFromAFeedAreKeptAndSearched(t *testing.T) {
	s := memoryStore(t)
	ctx := context.Background()
	items := []articles.Article{
		{ID: "urn:1", Title: "Harbour news", Feed: "http://x/feed"},
		{ID: "urn:2", Title: "Opened story", Feed: "http://x/feed", Body: "Kept as **markdown**.", BodyLoaded: true},
	}
	if err := s.PutArticles(ctx, items); err != nil {
		t.Fatal(err)
	}
	if err := s.PutHTMLBodies(ctx, map[string]string{"urn:1": "<p>The <b>breakwater</b> is mended.</p>", "urn:2": "<p>other</p>"}); err != nil {
		t.Fatal(err)
	}
	a, _, _ := s.Article(ctx, "urn:1")
	if !a.BodyLoaded || !strings.Contains(a.Body, "breakwater") || strings.Contains(a.Body, "<p>") {
		t.Errorf("the HTML body did not come back as markdown: %q", a.Body)
	}
	b, _, _ := s.Article(ctx, "urn:2")
	if b.Body != "Kept as **markdown**." {
		t.Errorf("a markdown body was replaced: %q", b.Body)
	}
	if err := s.IndexPending(ctx, nil); err != nil {
		t.Fatal(err)
	}
	q, _ := Parse("breakwater", time.Now())
	if hits, err := s.Search(ctx, q, Newest, 0); err != nil || len(hits) != 1 {
		t.Errorf("the HTML body is not searched: %v %v", hits, err)
	}
}
