package feed

import (
	"strings"
	"testing"
)

// BenchmarkDetect tells the kind of a 64 KiB head, as every file met in
// a directory and every piped input is asked.
func BenchmarkDetect(b *testing.B) {
	const head = 64 << 10
	cases := []struct {
		name string
		data []byte
	}{
		{"RSS", rssFeed("Big", 0, 200, 100)[:head]},
		{"JSON Feed", bigJSONFeed(b, 100)[:head]},
		{"JSON article", []byte(`{"title": "x", "body": "` + strings.Repeat("word ", head/5) + `"}`)},
		{"plain text", []byte(strings.Repeat("Plain words of a story. ", head/24))},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			b.SetBytes(int64(len(c.data)))
			b.ReportAllocs()
			for b.Loop() {
				Detect(c.data)
			}
		})
	}
}
