package ui

import (
	"errors"
	"testing"

	"newsread/articles"
)

func TestAPlaceThatFailsAgainIsListedOnce(t *testing.T) {
	var l problemList
	l.add([]articles.Problem{{Where: "http://a/feed", Err: errors.New("404 Not Found")}, {Where: "b.txt", Err: errors.New("binary")}})
	l.add([]articles.Problem{{Where: "http://a/feed", Err: errors.New("connection refused")}})
	if l.len() != 2 {
		t.Fatalf("want 2 places with problems, got %d: %v", l.len(), l.items)
	}
	if got := l.items[0].Err.Error(); got != "connection refused" {
		t.Errorf("want the latest error kept, got %q", got)
	}
}
