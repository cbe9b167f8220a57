package store

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestQuerySQL(t *testing.T) {
	tests := []struct {
		name, query string
		from, where string
		args        []any
	}{
		{"an empty query has no condition", "  ", fromArticles, "1", nil},
		{"a word is an FTS5 string matched as a prefix", "gopher", fromIndex, "fts MATCH ?", []any{`"gopher"*`}},
		{"a word of two letters is whole", "go", fromIndex, "fts MATCH ?", []any{`"go"`}},
		{"only the last word is a prefix", "go team", fromIndex, "fts MATCH ?", []any{`"go" AND "team"*`}},
		{"a phrase is never a prefix", `go "the team"`, fromIndex, "fts MATCH ?", []any{`"go" AND "the team"`}},
		{"exclusions follow NOT", `a -b -"c d" e`, fromIndex, "fts MATCH ?", []any{`("a" AND "e") NOT ("b" OR "c d")`}},
		{"exclusions alone leave out what matches them", `-b -c`, fromArticles,
			"a.id NOT IN (SELECT id FROM fts_ids WHERE rowid IN (SELECT rowid FROM fts WHERE fts MATCH ?))", []any{`"b" OR "c"`}},
		{"title: and author: filter columns", `title:"two words" author:ann`, fromIndex, "fts MATCH ?", []any{`title : "two words" AND author : "ann"*`}},
		{"FTS5 syntax is quoted", `NEAR(a b) cat*`, fromIndex, "fts MATCH ?", []any{`"NEAR(a" AND "b)" AND "cat*"*`}},
		{"feed: is a bound substring of source or feed", "go feed:LWN", fromIndex, "fts MATCH ? AND (instr(lower(a.source), ?) > 0 OR instr(lower(a.feed), ?) > 0)",
			[]any{`"go"`, "lwn", "lwn"}},
		{"a prefix is counted in characters", "日本", fromIndex, "fts MATCH ?", []any{`"日本"`}},
		{"tag: is a bound whole tag", "tag:Go", fromArticles, "instr(char(31) || lower(a.tags) || char(31), ?) > 0", []any{"\x1fgo\x1f"}},
		{"is:unread is no read state", "is:unread", fromArticles, "NOT EXISTS (SELECT 1 FROM state s WHERE s.id = a.id AND s.read)", nil},
		{"-is:unread is is:read", "-is:unread", fromArticles, "EXISTS (SELECT 1 FROM state s WHERE s.id = a.id AND s.read)", nil},
		{"dates are bound Unix seconds", "after:2026-01-01 before:2026-02-01", fromArticles,
			"a.published >= ? AND (a.published != 0 AND a.published < ?)", []any{int64(1767225600), int64(1769904000)}},
		{"ages count back from now", "newer:1w -older:1m", fromArticles,
			"a.published >= ? AND NOT (a.published != 0 AND a.published < ?)", []any{fixtureNow.AddDate(0, 0, -7).Unix(), fixtureNow.AddDate(0, -1, 0).Unix()}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			q, err := Parse(tt.query, fixtureNow)
			if err != nil {
				t.Fatal(err)
			}
			from, where, args := q.SQL()
			if from != tt.from || where != tt.where {
				t.Errorf("Parse(%q).SQL()\n got %s WHERE %s\nwant %s WHERE %s", tt.query, from, where, tt.from, tt.where)
			}
			if diff := cmp.Diff(tt.args, args); diff != "" {
				t.Errorf("Parse(%q) args (-want +got):\n%s", tt.query, diff)
			}
		})
	}
}

func TestQueryTerms(t *testing.T) {
	q, err := Parse(`tomato "basil soup" -salt title:green is:read gar`, fixtureNow)
	if err != nil {
		t.Fatal(err)
	}
	want := []Term{{Text: "tomato"}, {Text: "basil soup"}, {Text: "green"}, {Text: "gar", Prefix: true}}
	if diff := cmp.Diff(want, q.Terms()); diff != "" {
		t.Errorf("terms to highlight (-want +got):\n%s", diff)
	}
}

func TestTermQuotesInnerQuotes(t *testing.T) {
	if got := (term{text: `say "hi"`, prefix: true}).fts(); got != `"say ""hi"""*` {
		t.Errorf("got %s", got)
	}
}

// FuzzParse checks that any query either parses into SQL that runs
// against the schema without an SQL error or is refused with
// ErrBadQuery, and never panics.
func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"", "go", `"a b" -c title:"x y" author:z feed:lwn tag:t is:unread is:read is:starred`,
		"after:2026-01-01 before:2026-02 newer:7d older:2y", `-"x" -y`, `"unclosed`, `a"b`, "x:y",
		`NEAR("a" "b", 3) OR c* ^d {title}: e`, "\x00\"", "-", "- -", `"" -""`, "title:\"\"", "日本語 ünï",
		"'; DROP TABLE articles; --", "is:", "newer:99999y", "newer:100000y older:0h",
	} {
		f.Add(s)
	}
	db := searchTestDB(f)
	fillFixture(f, db)
	now := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, s string) {
		q, err := Parse(s, now)
		if err != nil {
			if !errors.Is(err, ErrBadQuery) {
				t.Fatalf("Parse(%q): %v is not ErrBadQuery", s, err)
			}
			return
		}
		for _, order := range []Order{Newest, Relevance} {
			if _, err := Search(context.Background(), db, q, order, 5); err != nil {
				t.Fatalf("Search(%q): %v", s, err)
			}
		}
	})
}
