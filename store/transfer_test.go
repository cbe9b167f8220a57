package store

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"newsread/articles"
)

func TestExportStateWritesOneLineAnArticle(t *testing.T) {
	s := memoryStore(t)
	s.now = (&clock{time.Date(2026, 2, 3, 4, 5, 6, 0, time.UTC)}).now
	must(t, s.PutArticles(ctxT(t), []articles.Article{{ID: "tag:a", Link: "https://a.example/1", Title: "A"}}))
	must(t, s.SetRead(ctxT(t), []string{"tag:a"}, true))
	must(t, s.SetStarred(ctxT(t), "tag:b", true))
	must(t, s.SetPosition(ctxT(t), "tag:b", Position{Anchor: "so it <began>", Percent: 0.25}))
	var out bytes.Buffer
	must(t, s.ExportState(ctxT(t), &out))
	want := `{"id":"tag:a","link":"https://a.example/1","read":true,"starred":false,"read_at":"2026-02-03T04:05:06Z"}
{"id":"tag:b","read":false,"starred":true,"position":{"anchor":"so it <began>","percent":0.25}}
`
	if diff := cmp.Diff(want, out.String()); diff != "" {
		t.Fatalf("export (-want +got):\n%s", diff)
	}
}

func TestImportStateRoundTrip(t *testing.T) {
	src := memoryStore(t)
	must(t, src.PutArticles(ctxT(t), feedItems("https://f.example/feed", 4, 0)))
	must(t, src.SetRead(ctxT(t), []string{"https://f.example/feed/item/0", "https://f.example/feed/item/1"}, true))
	must(t, src.SetStarred(ctxT(t), "https://f.example/feed/item/1", true))
	must(t, src.SetPosition(ctxT(t), "https://f.example/feed/item/2", Position{Anchor: "middle words", Percent: 0.5, Finished: true}))
	must(t, src.SetStarred(ctxT(t), "/notes/x.md", true))
	var first bytes.Buffer
	must(t, src.ExportState(ctxT(t), &first))

	dst := memoryStore(t)
	for range 2 { // twice: no duplicates
		n, err := dst.ImportState(ctxT(t), bytes.NewReader(first.Bytes()))
		if err != nil || n != 4 {
			t.Fatalf("ImportState = %d, %v; want 4, nil", n, err)
		}
	}
	var second bytes.Buffer
	must(t, dst.ExportState(ctxT(t), &second))
	if diff := cmp.Diff(first.String(), second.String()); diff != "" {
		t.Fatalf("export after import (-first +second):\n%s", diff)
	}
}

func TestImportStateReportsBadLines(t *testing.T) {
	in := strings.Join([]string{
		`{"id":"a","read":true,"starred":false}`,
		``,
		`{"id":"b","read":true`,
		`{"read":true}`,
		`{"id":"c","read":true,"read_at":"yesterday"}`,
		`{"id":"d","read":false,"starred":true,"colour":"red"}`,
		`{"id":"e","read":false,"starred":true,"position":{"percent":7}}`,
		`{"id":"f","read":false,"starred":true}`,
	}, "\n")
	s := memoryStore(t)
	n, err := s.ImportState(ctxT(t), strings.NewReader(in))
	if n != 2 {
		t.Errorf("kept %d lines, want 2", n)
	}
	if err == nil {
		t.Fatal("no error for bad lines")
	}
	for _, want := range []string{"5 lines skipped", "line 3:", "line 4: no id", "line 5: read_at", "line 6:", "line 7: position"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error does not say %q:\n%v", want, err)
		}
	}
	got, err := s.States(ctxT(t), []string{"a", "b", "c", "d", "e", "f"})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(map[string]State{"a": {Read: true}, "f": {Starred: true}}, got); diff != "" {
		t.Fatalf("states (-want +got):\n%s", diff)
	}
}
