package store

import "strings"

// Tables a query's SQL reads: with full-text terms the index drives and
// each match is joined to its article; without them the articles table
// alone is read. Either way the article row is aliased a.
const (
	fromIndex    = "fts JOIN fts_ids i ON i.rowid = fts.rowid JOIN articles a ON a.id = i.id"
	fromArticles = "articles a"
)

// SQL returns the FROM clause and WHERE condition that select the
// articles q matches, and the arguments bound to the condition's
// parameters. User input reaches the statement only through args: the
// text of from and where depends on the query's shape alone. The
// condition is "1" when q matches everything.
func (q Query) SQL() (from, where string, args []any) {
	var conds []string
	from = fromArticles
	if expr := q.match(false); expr != "" {
		from = fromIndex
		conds = append(conds, "fts MATCH ?")
		args = append(args, expr)
	} else if neg := q.match(true); neg != "" {
		// FTS5 cannot match only exclusions: exclude the articles that
		// match them instead.
		conds = append(conds, "a.id NOT IN (SELECT id FROM fts_ids WHERE rowid IN (SELECT rowid FROM fts WHERE fts MATCH ?))")
		args = append(args, neg)
	}
	for _, f := range q.filters {
		if f.neg {
			conds = append(conds, "NOT "+f.sql)
		} else {
			conds = append(conds, f.sql)
		}
		args = append(args, f.args...)
	}
	if len(conds) == 0 {
		return from, "1", nil
	}
	return from, strings.Join(conds, " AND "), args
}

// usesIndex reports whether q's SQL reads the full-text index as its
// first table, so that bm25 and the index's rowid order apply.
func (q Query) usesIndex() bool {
	return q.match(false) != ""
}

// match returns the FTS5 expression for q's terms: all positive terms,
// less any negative one. With onlyNeg, it returns the negative terms
// alone, any of which excludes an article, when there is no positive
// term. The result is "" when there is nothing to match.
func (q Query) match(onlyNeg bool) string {
	var pos, neg []string
	for _, t := range q.terms {
		if t.neg {
			neg = append(neg, t.fts())
		} else {
			pos = append(pos, t.fts())
		}
	}
	switch {
	case onlyNeg && len(pos) == 0:
		return strings.Join(neg, " OR ")
	case onlyNeg || len(pos) == 0:
		return ""
	case len(neg) == 0:
		return strings.Join(pos, " AND ")
	}
	return "(" + strings.Join(pos, " AND ") + ") NOT (" + strings.Join(neg, " OR ") + ")"
}

// fts writes the term as an FTS5 string, so that no character of it is
// read as FTS5 syntax, with its column filter and prefix mark.
func (t term) fts() string {
	s := `"` + strings.ReplaceAll(t.text, `"`, `""`) + `"`
	switch {
	case t.prefix && len(t.words) > 0:
		// The words are folded letters and digits: nothing to escape.
		s = `("` + strings.Join(t.words, `" OR "`) + `")`
	case t.prefix:
		s += "*"
	}
	if t.column != "" {
		s = t.column + " : " + s
	}
	return s
}
