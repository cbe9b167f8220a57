package store

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
)

// The searches below take the quicker ways of search_prefix.go and
// search_place.go; each must find what FTS5 and the plain conditions
// find.

func TestSearchExpandsATypedPrefixToItsWords(t *testing.T) {
	db := searchTestDB(t)
	fillFixture(t, db)
	// An article of more words beginning "zeta" than a prefix is
	// replaced by, and one of two.
	var many []string
	for i := range maxPrefixWords + 5 {
		many = append(many, fmt.Sprintf("zeta%03d", i))
	}
	insertFixture(t, db, []fixtureArticle{
		{id: "many", title: "Many words", source: "Notes", published: "2026-01-10T00:00:00Z", body: strings.Join(many, " "), bodyType: "markdown"},
		{id: "two", title: "Two words", source: "Notes", published: "2026-01-11T00:00:00Z", body: "zetaxx zetayy", bodyType: "markdown"},
	})
	if err := IndexPending(context.Background(), db, nil); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, query, want string
	}{
		{"four letters find every word they begin", "toma", "soup garden timeless"},
		{"five letters too", "tomat", "soup garden timeless"},
		{"capitals are folded", "TOMAT", "soup garden timeless"},
		{"a whole word is its own prefix", "tomatoes", "garden timeless"},
		{"a prefix of no word finds nothing", "tomz", ""},
		{"a prefix in a column stays in that column", "title:toma", "soup"},
		{"a prefix with other words", "basil toma", "soup"},
		{"a prefix of a word with diacritics, typed without them", "unic", "emoji"},
		{"a prefix typed with diacritics is left to FTS5", "ünïc", "emoji"},
		{"a prefix of more words than are listed is left to FTS5", "zeta", "two many"},
		{"a longer prefix of those words is listed", "zeta01", "many"},
		{"three letters use the index's prefixes", "tom", "soup garden timeless"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			q, err := Parse(tt.query, fixtureNow)
			if err != nil {
				t.Fatal(err)
			}
			for _, order := range []Order{Newest, Relevance} {
				hits, err := Search(context.Background(), db, q, order, 0)
				if err != nil {
					t.Fatal(err)
				}
				got := hitIDs(hits)
				if order == Relevance {
					got, tt.want = sorted(got), sorted(tt.want)
				}
				if got != tt.want {
					t.Errorf("Search(%q, %v)\n got %q\nwant %q", tt.query, order, got, tt.want)
				}
			}
		})
	}
}

func sorted(ids string) string {
	f := strings.Fields(ids)
	slices.Sort(f)
	return strings.Join(f, " ")
}

func TestExpandPrefixListsOnlyFewASCIIWords(t *testing.T) {
	db := searchTestDB(t)
	fillFixture(t, db)
	tests := []struct{ query, want string }{
		{"toma", `("tomato" OR "tomatoes")`},
		{"Toma", `("tomato" OR "tomatoes")`},
		{"title:toma", `title : ("tomato" OR "tomatoes")`},
		{"tom", `"tom"*`},   // the index keeps prefixes of three letters
		{"toma ", `"toma"`}, // not a prefix
		{"tomz", `"tomz"*`}, // no word
		{"ünïc", `"ünïc"*`}, // not ASCII
		{"go toma", `"go" AND ("tomato" OR "tomatoes")`},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			q, err := Parse(tt.query, fixtureNow)
			if err != nil {
				t.Fatal(err)
			}
			if got := expandPrefix(context.Background(), db, q).match(false); got != tt.want {
				t.Errorf("got %s, want %s", got, tt.want)
			}
		})
	}
}

func TestTermsListEveryWordOfTheIndex(t *testing.T) {
	db := searchTestDB(t)
	insertFixture(t, db, []fixtureArticle{{id: "odd", title: "Ça\u00a0va\u0085bien l'été", source: "Notes", published: "2026-01-03T00:00:00Z",
		body: "foo.bar baz-qux x_y 3.14 Æsir straße İstanbul ﬁne ｆｕｌｌ\tｗｉｄｔｈ", bodyType: "markdown"}})
	fillFixture(t, db)
	if _, err := db.Exec("CREATE VIRTUAL TABLE temp.fts_words USING fts5vocab(main, fts, row)"); err != nil {
		t.Fatal(err)
	}
	var missing, total int
	err := db.QueryRow(`SELECT (SELECT count(*) FROM temp.fts_words WHERE term NOT IN (SELECT term FROM fts_terms)),
		(SELECT count(*) FROM fts_terms)`).Scan(&missing, &total)
	if err != nil {
		t.Fatal(err)
	}
	if missing != 0 || total == 0 {
		t.Errorf("%d words of the index are not in fts_terms (of %d)", missing, total)
	}
}

func TestSearchChecksMatchesAgainstTheFeedsNamed(t *testing.T) {
	db := searchTestDB(t)
	fillFixture(t, db)
	tests := []struct {
		name, query, want string
	}{
		{"a word in a feed", "kernel feed:lwn", "kernel2 rust"},
		{"a word in a source", "basil source:kitchen", "soup summary"},
		{"a word in a feed matched by its source's name", "go source:blog", "tooling go126"},
		{"a feed that holds no match", "kernel feed:kitchen", ""},
		{"a feed that is not there", "kernel feed:nowhere", ""},
		{"an excluded feed", "the -feed:science", "go126 kernel2 rust chess ski"},
		{"two feed qualifiers", "the feed:lwn feed:headlines", "kernel2 rust"},
		{"a feed and other qualifiers", "the source:lwn is:starred", "rust"},
		{"a prefix in a feed", "feed:lwn.net kern", "kernel2 rust"},
	}
	for _, limit := range []int{3000, 1} {
		for _, tt := range tests {
			t.Run(fmt.Sprintf("%s, at most %d articles in the feed", tt.name, limit), func(t *testing.T) {
				defer func(n int) { placeLimit = n }(placeLimit)
				placeLimit = limit
				q, err := Parse(tt.query, fixtureNow)
				if err != nil {
					t.Fatal(err)
				}
				for _, order := range []Order{Newest, Relevance} {
					hits, err := Search(context.Background(), db, q, order, 0)
					if err != nil {
						t.Fatal(err)
					}
					got, want := hitIDs(hits), tt.want
					if order == Relevance {
						got, want = sorted(got), sorted(want)
					}
					if got != want {
						t.Errorf("Search(%q, %v)\n got %q\nwant %q", tt.query, order, got, want)
					}
				}
			})
		}
	}
	t.Run("relevance within a feed puts a match in the title first", func(t *testing.T) {
		q, _ := Parse("kernel feed:lwn", fixtureNow)
		hits, err := Search(context.Background(), db, q, Relevance, 1)
		if err != nil || hitIDs(hits) != "rust" {
			t.Errorf("got %q, %v; want rust", hitIDs(hits), err)
		}
	})
}
