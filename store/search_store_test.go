package store

import (
	"context"
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
