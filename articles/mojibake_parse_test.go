package articles

import (
	"strings"
	"testing"
	"time"
)

func TestGarbledArticlesAreRepaired(t *testing.T) {
	story := strings.Repeat("<p>Der Sänger hat am Dienstag ein neues Album veröffentlicht, das über Grenzen hinweg gefeiert wird. </p>", 6)
	tests := []struct {
		name  string
		path  string
		data  []byte
		title string
		body  string
	}{
		{"a plain-text file garbled before it was saved reads clean", "story.txt",
			[]byte(garble("Sänger veröffentlicht Album\n\nDer Sänger hat über Nacht ein Album veröffentlicht.\n")),
			"Sänger veröffentlicht Album", "Der Sänger hat über Nacht ein Album veröffentlicht."},
		{"a markdown file with garbled front matter reads clean", "post.md",
			[]byte("---\ntitle: " + garble("Révolution à l'Élysée") + "\n---\n\n" + garble("Le président a dit « non ».") + "\n"),
			"Révolution à l'Élysée", "Le président a dit « non »."},
		{"a Latin-1 file stays Latin-1", "latin1.txt",
			[]byte("S\xc3O PAULO\n\nN\xc3O H\xc1 \xd4NIBUS HOJE.\n"),
			"SÃO PAULO", "NÃO HÁ ÔNIBUS HOJE."},
		{"a saved page that says Latin-1 but is UTF-8 reads as UTF-8", "page.html",
			[]byte(`<html><head><meta charset="iso-8859-1"><title>Sänger veröffentlicht Album</title></head><body><article><h1>Sänger veröffentlicht Album</h1>` + story + `</article></body></html>`),
			"Sänger veröffentlicht Album", "Der Sänger hat am Dienstag"},
		{"a saved page garbled before it was saved reads clean", "page.html",
			[]byte(garble(`<html><head><meta charset="utf-8"><title>Sänger veröffentlicht Album</title></head><body><article><h1>Sänger veröffentlicht Album</h1>` + story + `</article></body></html>`)),
			"Sänger veröffentlicht Album", "Der Sänger hat am Dienstag"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := Parse(tt.path, tt.data, time.Time{})
			if err != nil {
				t.Fatal(err)
			}
			if a.Title != tt.title {
				t.Errorf("title %q, want %q", a.Title, tt.title)
			}
			if !strings.Contains(a.Body, tt.body) {
				t.Errorf("body lacks %q:\n%s", tt.body, a.Body)
			}
		})
	}
}

func TestGarbledSavedPageIsRepaired(t *testing.T) {
	story := strings.Repeat("<p>Les élèves ont présenté leurs œuvres à l'école, et le public était ravi. </p>", 6)
	page := garble("<html><head><title>L'été à l'école</title></head><body><article><h1>L'été à l'école</h1>" + story + "</article></body></html>")
	a, err := NewParser().ParsePage("https://news.example/ete", []byte(page))
	if err != nil {
		t.Fatal(err)
	}
	if a.Title != "L'été à l'école" {
		t.Errorf("title %q", a.Title)
	}
	if !strings.Contains(a.Body, "Les élèves ont présenté leurs œuvres") {
		t.Errorf("body not repaired:\n%s", a.Body)
	}
}
