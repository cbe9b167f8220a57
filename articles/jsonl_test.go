package articles

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestParseJSONLines(t *testing.T) {
	f, err := os.Open(filepath.Join("testdata", "jsonl", "two-good-one-bad.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	arts, probs := ParseJSONLines(f, "stdin")
	t.Run("good lines load", func(t *testing.T) {
		if len(arts) != 2 {
			t.Fatalf("%d articles", len(arts))
		}
		want := Article{
			ID: "a1", Title: "Harbour reopens", Source: "coast", Link: "https://example.com/h", Author: "Jane Doe",
			Published: time.Date(2024, 3, 5, 9, 30, 0, 0, time.UTC), Tags: []string{"local", "weather"},
			Body: "The harbour **reopened**.", BodyLoaded: true,
		}
		if diff := cmp.Diff(want, arts[0]); diff != "" {
			t.Error(diff)
		}
	})
	t.Run("a bad line is a problem with its number", func(t *testing.T) {
		if len(probs) != 1 || probs[0].Where != "stdin:2" {
			t.Errorf("problems %v", probs)
		}
	})
	t.Run("the id defaults to the link and the source to the given one", func(t *testing.T) {
		if arts[1].ID != "https://example.com/n" || arts[1].Source != "stdin" {
			t.Errorf("id %q source %q", arts[1].ID, arts[1].Source)
		}
	})
	t.Run("without link the id is a hash", func(t *testing.T) {
		a, _ := ParseJSONLines(strings.NewReader(`{"title":"x"}`), "s")
		if len(a) != 1 || !strings.HasPrefix(a[0].ID, "sha256:") {
			t.Errorf("got %v", a)
		}
	})
	t.Run("escape sequences are removed", func(t *testing.T) {
		a, _ := ParseJSONLines(strings.NewReader(`{"title":"a\u001b]0;x\u0007b","body":"c\u001b[2Jd"}`), "s")
		if len(a) != 1 || a[0].Title != "ab" || a[0].Body != "cd" {
			t.Errorf("got %v", a)
		}
	})
	t.Run("writing and reading gives the same articles", func(t *testing.T) {
		var buf bytes.Buffer
		if err := WriteJSONLines(&buf, arts); err != nil {
			t.Fatal(err)
		}
		again, probs := ParseJSONLines(&buf, "other")
		if len(probs) != 0 {
			t.Fatal(probs)
		}
		if diff := cmp.Diff(arts, again); diff != "" {
			t.Error(diff)
		}
	})
}

func TestDecode(t *testing.T) {
	tests := []struct {
		name string
		in   []byte
		want string
	}{
		{"UTF-8 is kept", []byte("café"), "café"},
		{"a UTF-8 BOM is dropped", []byte("\xef\xbb\xbfcafé"), "café"},
		{"UTF-16 LE with BOM is read", []byte("\xff\xfec\x00a\x00f\x00\xe9\x00"), "café"},
		{"UTF-16 BE with BOM is read", []byte("\xfe\xff\x00c\x00a\x00f\x00\xe9"), "café"},
		{"Latin-1 is read as windows-1252", []byte("caf\xe9 \x93q\x94"), "café “q”"},
		{"CRLF becomes LF", []byte("a\r\nb"), "a\nb"},
		{"a UTF-8 rune cut at the end stays UTF-8", []byte("café\xe2\x80"), "café"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Decode(tt.in)
			if err != nil || got != tt.want {
				t.Errorf("Decode(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
			}
		})
	}
}
