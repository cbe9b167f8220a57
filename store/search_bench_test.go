package store

import (
	"context"
	"database/sql"
	"fmt"
	"hash/crc32"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// The benchmarks search a store of generated feed items: ~300-word HTML
// bodies drawn from benchVocabulary words with a Zipf law, as in prose.
// Sizes come from the environment so that the large runs are asked for:
//
//	NEWSREAD_BENCH_INDEX=100000 go test ./store -run X -bench IndexPending -benchtime 1x
//	NEWSREAD_BENCH_SEARCH=1000000 go test ./store -run X -bench Search
//
// BenchmarkSearch keeps its store in the temporary directory
// (newsread-search-bench-N.db) and builds it only when it is missing.
const (
	benchVocabulary = 5000
	benchFeeds      = 1000
	benchBodyWords  = 300
)

// benchWords returns the vocabulary, most frequent word first.
func benchWords() []string {
	r := rand.New(rand.NewPCG(1, 2))
	syllables := strings.Fields("ka lo mi ne ru ta shi po ve den mar sol tri on el qua zen bo ri fu gan tes lin cor pha")
	seen := map[string]bool{}
	var words []string
	for len(words) < benchVocabulary {
		var b strings.Builder
		for range 1 + r.IntN(4) {
			b.WriteString(syllables[r.IntN(len(syllables))])
		}
		if w := b.String(); !seen[w] {
			seen[w] = true
			words = append(words, w)
		}
	}
	return words
}

// benchArticles writes n generated articles to db, a thousand a
// transaction, published over the two years before 2026-03-01.
func benchArticles(tb testing.TB, db *sql.DB, n int) {
	tb.Helper()
	words := benchWords()
	r := rand.New(rand.NewPCG(3, 4))
	zipf := rand.NewZipf(r, 1.07, 2, benchVocabulary-1)
	end := fixtureNow.Unix()
	var b strings.Builder
	phrase := func(count int) string {
		b.Reset()
		for i := range count {
			if i > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(words[zipf.Uint64()])
		}
		return b.String()
	}
	for start := 0; start < n; start += 1000 {
		tx, err := db.Begin()
		if err != nil {
			tb.Fatal(err)
		}
		stmt, err := tx.Prepare(`INSERT INTO articles(id, source, feed, link, title, author, published, tags, body, body_type)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'html')`)
		if err != nil {
			tb.Fatal(err)
		}
		for i := start; i < min(start+1000, n); i++ {
			f := r.IntN(benchFeeds)
			feed := fmt.Sprintf("https://feed%d.example/rss", f)
			var body strings.Builder
			for range benchBodyWords / 50 {
				body.WriteString("<p>" + phrase(50) + "</p>\n")
			}
			_, err := stmt.Exec(fmt.Sprintf("https://feed%d.example/item/%d", f, i), fmt.Sprint("Feed ", f), feed,
				fmt.Sprintf("https://feed%d.example/item/%d", f, i), phrase(6), "Author "+strconv.Itoa(r.IntN(5000)),
				end-r.Int64N(2*365*86400), words[r.IntN(50)], body.String())
			if err != nil {
				tb.Fatal(err)
			}
		}
		stmt.Close()
		if err := tx.Commit(); err != nil {
			tb.Fatal(err)
		}
	}
}

// benchDB opens (creating when new) the file database at path as the
// store will: WAL, synchronous NORMAL.
func benchDB(tb testing.TB, path string) (*sql.DB, bool) {
	tb.Helper()
	_, err := os.Stat(path)
	isNew := os.IsNotExist(err)
	db, err := sql.Open("sqlite", "file:"+path+"?_pragma=journal_mode(WAL)&_pragma=synchronous(NORMAL)&_pragma=busy_timeout(5000)")
	if err != nil {
		tb.Fatal(err)
	}
	if isNew {
		if _, err := db.Exec(strings.Join(migrations, "")); err != nil {
			tb.Fatal(err)
		}
	}
	return db, isNew
}

func benchSize(tb testing.TB, env string, fallback int) int {
	if s := os.Getenv(env); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil {
			tb.Fatalf("%s: %v", env, err)
		}
		return n
	}
	return fallback
}

// dbBytes returns the bytes the database uses, after a checkpoint.
func dbBytes(tb testing.TB, db *sql.DB) int64 {
	tb.Helper()
	var pages, size int64
	if _, err := db.Exec("PRAGMA wal_checkpoint(TRUNCATE)"); err != nil {
		tb.Fatal(err)
	}
	if err := db.QueryRow("PRAGMA page_count").Scan(&pages); err != nil {
		tb.Fatal(err)
	}
	if err := db.QueryRow("PRAGMA page_size").Scan(&size); err != nil {
		tb.Fatal(err)
	}
	return pages * size
}

// BenchmarkIndexPending indexes a store of generated feed items in the
// background indexer's batches, and reports the index's size on disk.
func BenchmarkIndexPending(b *testing.B) {
	n := benchSize(b, "NEWSREAD_BENCH_INDEX", 10000)
	b.Run(fmt.Sprint("articles=", n), func(b *testing.B) {
		for range b.N {
			b.StopTimer()
			db, _ := benchDB(b, filepath.Join(b.TempDir(), "index.db"))
			benchArticles(b, db, n)
			before := dbBytes(b, db)
			b.StartTimer()
			start := time.Now()
			if err := IndexPending(context.Background(), db, nil); err != nil {
				b.Fatal(err)
			}
			b.ReportMetric(float64(n)/time.Since(start).Seconds(), "articles/s")
			b.StopTimer()
			after := dbBytes(b, db)
			b.ReportMetric(float64(after-before)/float64(n)*100000/1e6, "index-MB/100k")
			b.ReportMetric(float64(after)/float64(n)*100000/1e6, "store-MB/100k")
			db.Close()
		}
	})
}

// benchStore returns the store of n generated and indexed articles,
// building it when it is not in the temporary directory yet.
func benchStore(b *testing.B, n int) *sql.DB {
	b.Helper()
	path := filepath.Join(os.TempDir(), fmt.Sprintf("newsread-search-bench-%d-%08x.db", n, crc32.ChecksumIEEE([]byte(strings.Join(migrations, "")))))
	db, isNew := benchDB(b, path)
	if !isNew {
		return db
	}
	b.Logf("building %s", path)
	start := time.Now()
	benchArticles(b, db, n)
	b.Logf("%d articles written in %v", n, time.Since(start).Round(time.Millisecond))
	before := dbBytes(b, db)
	start = time.Now()
	if err := IndexPending(context.Background(), db, nil); err != nil {
		os.Remove(path)
		b.Fatal(err)
	}
	took := time.Since(start)
	after := dbBytes(b, db)
	b.Logf("indexed in %v (%.0f articles/s); store %.0f MB, index %.0f MB",
		took.Round(time.Millisecond), float64(n)/took.Seconds(), float64(after)/1e6, float64(after-before)/1e6)
	return db
}

// BenchmarkSearch runs the searches of the performance goals over a
// store of generated articles: the first 50 results of a query.
func BenchmarkSearch(b *testing.B) {
	n := benchSize(b, "NEWSREAD_BENCH_SEARCH", 100000)
	db := benchStore(b, n)
	defer db.Close()
	words := benchWords()
	typed := words[200]
	for len(typed) < 6 {
		typed += " " + words[201]
	}
	type search struct {
		name, query string
		order       Order
	}
	searches := []search{
		{"common word", words[0] + " ", Newest},
		{"medium word", words[100] + " ", Newest},
		{"rare word", words[3000] + " ", Newest},
		{"two words", words[5] + " " + words[60] + " ", Newest},
		{"phrase", `"` + words[0] + " " + words[1] + `"`, Newest},
		{"common word unread", words[0] + " is:unread", Newest},
		{"word in a feed", words[100] + " feed:feed7.", Newest},
		{"unread newer 30d", "is:unread newer:30d", Newest},
		{"common word by relevance", words[0] + " ", Relevance},
		{"medium word by relevance", words[100] + " ", Relevance},
		{"rare word by relevance", words[3000] + " ", Relevance},
	}
	for i := 1; i <= len(typed); i++ {
		searches = append(searches, search{"keystroke " + strconv.Itoa(i), typed[:i], Newest})
	}
	for _, s := range searches {
		b.Run(fmt.Sprintf("articles=%d/%s", n, s.name), func(b *testing.B) {
			hits := 0
			for range b.N {
				q, err := Parse(s.query, fixtureNow)
				if err != nil {
					b.Fatal(err)
				}
				h, err := Search(context.Background(), db, q, s.order, 50)
				if err != nil {
					b.Fatal(err)
				}
				hits = len(h)
			}
			b.ReportMetric(float64(hits), "hits")
		})
	}
}

// BenchmarkSearchBesideNewsboat searches 10,000 generated feed items
// (NEWSREAD_BENCH_NEWSBOAT to change it) twice: with newsboat's own
// search, its statement over a cache.db of its schema holding the same
// items (every row scanned with LIKE, every match returned), and with
// Search over the store, for the first 50 results and for every match.
// newsboat's LIKE also matches inside words, so its counts are larger.
func BenchmarkSearchBesideNewsboat(b *testing.B) {
	n := benchSize(b, "NEWSREAD_BENCH_NEWSBOAT", 10000)
	dir := b.TempDir()
	db, _ := benchDB(b, filepath.Join(dir, "newsread.db"))
	defer db.Close()
	benchArticles(b, db, n)
	if err := IndexPending(context.Background(), db, nil); err != nil {
		b.Fatal(err)
	}
	nb, err := sql.Open("sqlite", filepath.Join(dir, "cache.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer nb.Close()
	if _, err := nb.Exec(newsboatSchema); err != nil {
		b.Fatal(err)
	}
	if _, err := nb.Exec("ATTACH DATABASE ? AS ours", filepath.Join(dir, "newsread.db")); err != nil {
		b.Fatal(err)
	}
	_, err = nb.Exec(`INSERT INTO rss_feed (rssurl, url, title) SELECT DISTINCT feed, feed, source FROM ours.articles;
		INSERT INTO rss_item (guid, title, author, url, feedurl, pubDate, content, unread)
		SELECT id, title, author, link, feed, published, body, 1 FROM ours.articles ORDER BY published;
		DETACH DATABASE ours`)
	if err != nil {
		b.Fatal(err)
	}
	// newsboat's search_for_items (src/cache.cpp), the query bound.
	const newsboatSearch = `SELECT guid, title, author, url, pubDate, length(content), unread, feedurl,
		enclosure_url, enclosure_type, enqueued, flags, base
		FROM rss_item WHERE (title LIKE '%' || ? || '%' OR content LIKE '%' || ? || '%') AND deleted = 0
		ORDER BY pubDate DESC, id DESC`
	words := benchWords()
	for _, w := range []struct{ name, word string }{
		{"common word", words[0]}, {"medium word", words[100]}, {"rare word", words[3000]},
	} {
		b.Run(fmt.Sprintf("articles=%d/%s/newsboat LIKE, every match", n, w.name), func(b *testing.B) {
			hits := 0
			for range b.N {
				rows, err := nb.Query(newsboatSearch, w.word, w.word)
				if err != nil {
					b.Fatal(err)
				}
				hits = 0
				for rows.Next() {
					hits++
				}
				if err := rows.Err(); err != nil {
					b.Fatal(err)
				}
				rows.Close()
			}
			b.ReportMetric(float64(hits), "hits")
		})
		for _, limit := range []int{50, 0} {
			name := "first 50"
			if limit == 0 {
				name = "every match"
			}
			b.Run(fmt.Sprintf("articles=%d/%s/newsread, %s", n, w.name, name), func(b *testing.B) {
				hits := 0
				for range b.N {
					q, err := Parse(w.word+" ", fixtureNow)
					if err != nil {
						b.Fatal(err)
					}
					h, err := Search(context.Background(), db, q, Newest, limit)
					if err != nil {
						b.Fatal(err)
					}
					hits = len(h)
				}
				b.ReportMetric(float64(hits), "hits")
			})
		}
	}
}
