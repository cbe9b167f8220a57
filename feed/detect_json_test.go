package feed

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// bigJSONFeed is an indented JSON Feed of n items, as a static site
// generator writes it.
func bigJSONFeed(t testing.TB, n int) []byte {
	t.Helper()
	type item struct {
		ID          string `json:"id"`
		URL         string `json:"url"`
		Title       string `json:"title"`
		ContentHTML string `json:"content_html"`
	}
	doc := struct {
		Version string `json:"version"`
		Title   string `json:"title"`
		Items   []item `json:"items"`
	}{Version: "https://jsonfeed.org/version/1.1", Title: "Big"}
	for i := range n {
		doc.Items = append(doc.Items, item{
			ID:          fmt.Sprint(i),
			URL:         fmt.Sprintf("https://example.com/%d", i),
			Title:       fmt.Sprintf("Story %d", i),
			ContentHTML: "<p>" + strings.Repeat("words and more words ", 60) + "</p>",
		})
	}
	data, err := json.MarshalIndent(doc, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func TestDetectReadsJSONHeads(t *testing.T) {
	big := bigJSONFeed(t, 100)
	if len(big) < 100<<10 {
		t.Fatalf("the generated feed is only %d bytes", len(big))
	}
	tests := []struct {
		name string
		in   string
		want Kind
	}{
		{"a JSON Feed cut at 64 KiB is a JSON Feed", string(big[:64<<10]), KindJSONFeed},
		{"a whole JSON Feed of more than 100 KB is a JSON Feed", string(big), KindJSONFeed},
		{"a JSON Feed cut inside its first item is a JSON Feed", `{"version": "https://jsonfeed.org/version/1", "title": "x", "items": [{"id": "1", "tit`, KindJSONFeed},
		{"a JSON Feed without version is told by its items array, even cut", `{"title": "x", "items": [{"id": "1"`, KindJSONFeed},
		{"the version decides even after other keys", `{"title": {"nested": ["items"]}, "home_page_url": "https://x", "version": "https://jsonfeed.org/version/1.1"`, KindJSONFeed},
		{"RSS in JSON cut inside its channel is RSS in JSON", `{"rss": {"version": "2.0", "channel": {"title": "Scripting`, KindRSSJSON},
		{"nested items do not count", `{"data": {"items": []}}`, KindUnknown},
		{"items that are not an array do not count", `{"items": 3}`, KindUnknown},
		{"another version is not JSON Feed", `{"version": "1.0", "name": "x"}`, KindUnknown},
		{"a JSON article is unknown", `{"title": "Hello", "body": "World"}`, KindUnknown},
		{"a head cut before any telling key is unknown", `{"title": "Hel`, KindUnknown},
		{"broken JSON is unknown", `{"version" "https://jsonfeed.org/version/1"}`, KindUnknown},
		{"a JSON array is unknown", `[{"version": "https://jsonfeed.org/version/1"}]`, KindUnknown},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Detect([]byte(tt.in)); got != tt.want {
				t.Errorf("Detect = %v, want %v", got, tt.want)
			}
		})
	}
}

// TestDetectTellsCorpusJSONFeedsFromTheirHeads cuts every JSON feed of
// the corpus at several lengths: each head is told as the whole file is.
func TestDetectTellsCorpusJSONFeedsFromTheirHeads(t *testing.T) {
	root := corpusDir(t)
	checked := 0
	for _, dir := range []string{"feeds", "realfeeds"} {
		filepath.WalkDir(filepath.Join(root, dir), func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(path, ".json") || isCorpusMeta(d.Name()) {
				return err
			}
			data, err := os.ReadFile(path)
			if err != nil {
				return nil
			}
			// gofeed's expected results are JSON with an "items" key too;
			// only real feeds count here.
			whole := Detect(data)
			real := whole == KindJSONFeed && strings.Contains(string(data), "jsonfeed.org/version") || whole == KindRSSJSON
			if !real {
				return nil
			}
			checked++
			for _, cut := range []int{2 << 10, 4 << 10, 16 << 10, 64 << 10, len(data) - 1} {
				if cut >= len(data) || cut <= 0 {
					continue
				}
				if got := Detect(data[:cut]); got != whole {
					t.Errorf("%s cut at %d bytes: Detect = %v, want %v", path, cut, got, whole)
				}
			}
			return nil
		})
	}
	if checked < 5 {
		t.Errorf("only %d JSON feeds found in the corpus", checked)
	}
	t.Logf("%d JSON feeds checked", checked)
}
