package store

import (
	"context"
	"errors"
	"testing"
)

func TestSearchFindsWhatTheQuerySays(t *testing.T) {
	db := searchTestDB(t)
	fillFixture(t, db)
	tests := []struct {
		name, query, want string
	}{
		{"an empty query finds everything, newest first and undated last", "",
			"quantum space tooling go126 kernel2 emoji soup cafe syntax empty summary rust chess ski generic bread jazz garden old timeless"},
		{"the last word matches as a prefix", "tomato", "soup garden timeless"},
		{"a word followed by a space matches whole", "tomato ", "soup"},
		{"every word must match", "go generics", "go126 generic"},
		{"a phrase matches its words in a row", `"linux kernel"`, "rust"},
		{"an excluded word removes what has it", "tomatoes -soup", "garden timeless"},
		{"an exclusion may come first", "-soup tomato", "garden timeless"},
		{"an excluded phrase removes what has it", `water -"water daily"`, "space bread"},
		{"a query of exclusions only is the rest", "-water is:unread",
			"quantum tooling emoji cafe syntax empty summary rust chess generic jazz old timeless"},
		{"title: looks in titles only", "title:go", "tooling go126"},
		{"title: takes a quoted phrase", `title:"tomato soup"`, "soup"},
		{"author: looks at authors", "author:cox", "tooling go126"},
		{"feed: matches part of the feed URL", "feed:lwn.net", "kernel2 rust"},
		{"source: matches a quoted source name", `source:"go blog"`, "tooling go126"},
		{"source: ignores case", "source:KITCHEN", "soup summary bread"},
		{"tag: matches a whole tag ignoring case", "tag:recipes", "soup"},
		{"tag: does not match part of a tag", "tag:rec", ""},
		{"tag: matches any of several tags", "tag:release", "go126 kernel2"},
		{"is:read finds what was read", "is:read", "go126 kernel2 soup ski"},
		{"is:starred finds what was starred", "is:starred", "soup rust"},
		{"qualifiers combine", "is:unread is:starred", "rust"},
		{"a negated qualifier is its opposite", "-tag:food source:kitchen", "summary"},
		{"qualifier names ignore case", "IS:STARRED", "soup rust"},
		{"after: includes its day", "after:2026-02-20", "quantum space tooling go126"},
		{"before: excludes its day and undated articles", "before:2025-10-01", "jazz garden old"},
		{"after: takes a month", "after:2026-02 before:2026-02-06", "cafe syntax empty"},
		{"newer: counts days back from now", "newer:7d", "quantum space tooling"},
		{"newer: counts hours", "newer:12h", "quantum"},
		{"older: counts years", "older:1y", "old"},
		{"words combine with qualifiers", "go is:unread newer:2w", "tooling"},
		{"diacritics do not matter", "cafe", "cafe"},
		{"diacritics in the query do not matter", "café", "cafe"},
		{"scripts in HTML are not text", "secret", ""},
		{"link text is indexed", "spring", "garden"},
		{"link targets are not", "guide ", ""},
		{"a summary stands for a missing body", "basil", "soup summary"},
		{"FTS5 syntax in words is only words", "(world) AND NOT near*", "syntax"},
		{"braces and carets are only words", "{braces} ^caret", "syntax"},
		{"words of other scripts match", "日本語", "emoji"},
		{"punctuation alone asks for nothing", "!!! ...", "quantum space tooling go126 kernel2 emoji soup cafe syntax empty summary rust chess ski generic bread jazz garden old timeless"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			q, err := Parse(tt.query, fixtureNow)
			if err != nil {
				t.Fatalf("Parse(%q): %v", tt.query, err)
			}
			hits, err := Search(context.Background(), db, q, Newest, 0)
			if err != nil {
				t.Fatalf("Search(%q): %v", tt.query, err)
			}
			if got := hitIDs(hits); got != tt.want {
				t.Errorf("Search(%q)\n got %q\nwant %q", tt.query, got, tt.want)
			}
		})
	}
}

func TestSearchOrdersAndLimits(t *testing.T) {
	db := searchTestDB(t)
	fillFixture(t, db)
	ctx := context.Background()
	search := func(query string, order Order, limit int) string {
		t.Helper()
		q, err := Parse(query, fixtureNow)
		if err != nil {
			t.Fatal(err)
		}
		hits, err := Search(ctx, db, q, order, limit)
		if err != nil {
			t.Fatal(err)
		}
		return hitIDs(hits)
	}
	t.Run("relevance puts a match in the title first", func(t *testing.T) {
		if got := search("kernel", Newest, 1); got != "kernel2" {
			t.Errorf("newest: got %q, want kernel2", got)
		}
		if got := search("kernel", Relevance, 1); got != "rust" {
			t.Errorf("got %q, want rust (kernel in title, body and tags)", got)
		}
	})
	t.Run("relevance without words is newest first", func(t *testing.T) {
		if got := search("is:starred", Relevance, 0); got != "soup rust" {
			t.Errorf("got %q", got)
		}
	})
	t.Run("a limit keeps the first hits", func(t *testing.T) {
		if got := search("", Newest, 3); got != "quantum space tooling" {
			t.Errorf("got %q", got)
		}
		if got := search("the", Newest, 2); got != "space go126" {
			t.Errorf("got %q", got)
		}
	})
	t.Run("hits carry title and date", func(t *testing.T) {
		q, _ := Parse("pyramids", fixtureNow)
		hits, err := Search(ctx, db, q, Newest, 0)
		if err != nil || len(hits) != 1 {
			t.Fatalf("hits %v, err %v", hits, err)
		}
		if hits[0].Title != "Ancient history" || hits[0].Published.Year() != 2024 {
			t.Errorf("got %+v", hits[0])
		}
	})
}

func TestParseRefusesBadQueries(t *testing.T) {
	for _, q := range []string{
		`"unclosed`, `title:"unclosed`, `word "`, `col:umn`, `http://example.com`, `is:deleted`,
		`after:yesterday`, `after:2026-13-01`, `newer:7x`, `newer:d`, `newer:-7d`, `older:1000000d`,
		`title:`, `tag: x`, `foo: bar`,
	} {
		t.Run(q+" is refused", func(t *testing.T) {
			_, err := Parse(q, fixtureNow)
			if !errors.Is(err, ErrBadQuery) {
				t.Errorf("Parse(%q) = %v, want ErrBadQuery", q, err)
			}
		})
	}
	t.Run("the message names what is wrong", func(t *testing.T) {
		for q, want := range map[string]string{
			`foo: bar`:         "bad query: unknown qualifier foo: (put it in quotes to search for it)",
			`tag: x`:           "bad query: tag: needs a value",
			`a "b`:             "bad query: a quote is not closed",
			`newer:3x`:         "bad query: newer:3x: not an age like 7d (units h, d, w, m, y)",
			`after:2026-02-30`: "bad query: after:2026-02-30: not a date like 2026-01-31",
			`is:new`:           "bad query: is:new is not one of is:unread, is:read, is:starred",
		} {
			if _, err := Parse(q, fixtureNow); err == nil || err.Error() != want {
				t.Errorf("Parse(%q) = %v, want %q", q, err, want)
			}
		}
	})
}
