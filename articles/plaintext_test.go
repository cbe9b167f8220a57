package articles

import (
	"strings"
	"testing"
)

func TestAuthorBox(t *testing.T) {
	const story = "Harbour reopens\n\nHarbour reopens\n\nThe harbour reopened on Tuesday.\n\nBoats came back at eight.\n\n"
	const body = "The harbour reopened on Tuesday.\n\nBoats came back at eight."
	long := strings.Repeat("A long sentence of the story that goes on. ", 10)
	tests := []struct {
		name     string
		in       string
		wantBody string
		wantTags string
	}{
		{"a heading and a category leave the body, the category a tag",
			story + "About Author\n\nLocal\n", body, "Local"},
		{"a heading, a one-line bio and a category leave the body",
			story + "About Author\n\nJane Doe writes about the coast for the Eastwick Gazette.\n\nWorld\n", body, "World"},
		{"the same box without blank lines leaves the body",
			story + "About Author\nJane Doe writes about the coast for the Eastwick Gazette.\nWorld\n", body, "World"},
		{"a bio of a few lines leaves the body",
			story + "About the author:\nJane Doe writes about the coast\nfor the Eastwick Gazette.\nShe lives in Eastwick.\n\nUK Politics\n", body, "UK Politics"},
		{"a bio without a category leaves the body and gives no tag",
			story + "About Author\n\nJane Doe writes about the coast for the Eastwick Gazette.\n", body, ""},
		{"a heading alone at the end leaves the body",
			story + "ABOUT THE AUTHOR\n", body, ""},
		{"a category glued to a repeat of the title gives the category",
			"Mali's military junta: what next?\n\nMali's military junta: what next?\n\nThe junta met on Monday.\n\nAbout Author\n\nWorldMali's military junta: what next?\n",
			"The junta met on Monday.", "World"},
		{"a category of several words is not cut by a short title",
			"Arts\n\nThe festival opened.\n\nAbout Author\n\nEntertainment & Arts\n", "The festival opened.", "Entertainment & Arts"},
		{"a heading followed by many lines is a section of the story",
			story + "About the author\n\nOne.\n\nTwo.\n\nThree.\n\nFour.\n\nFive.\n\nLocal\n",
			body + "\n\nAbout the author\n\nOne.\n\nTwo.\n\nThree.\n\nFour.\n\nFive.\n\nLocal", ""},
		{"a heading followed by a long paragraph is a section of the story",
			story + "About the author\n\n" + long + "\n",
			body + "\n\nAbout the author\n\n" + strings.TrimSpace(long), ""},
		{"a heading in the middle of the story is kept",
			"T\n\nAbout the author\n\nFirst.\n\nSecond.\n\nThird.\n\nFourth.\n\nFifth.\n\nSixth.\n",
			"About the author\n\nFirst.\n\nSecond.\n\nThird.\n\nFourth.\n\nFifth.\n\nSixth.", ""},
	}
	p := NewParser()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := p.Parse("s.txt", []byte(tt.in), fixtureTime)
			if err != nil {
				t.Fatal(err)
			}
			if a.Body != tt.wantBody {
				t.Errorf("body\n%q\nwant\n%q", a.Body, tt.wantBody)
			}
			if got := strings.Join(a.Tags, ","); got != tt.wantTags {
				t.Errorf("tags %q, want %q", got, tt.wantTags)
			}
			head, _ := p.ParseHeader("s.txt", []byte(tt.in), nil, fixtureTime)
			if got := strings.Join(head.Tags, ","); got != tt.wantTags {
				t.Errorf("header tags %q, want %q", got, tt.wantTags)
			}
		})
	}
}

func TestAuthorBoxInTheTailOfALongFile(t *testing.T) {
	title := "Harbour reopens"
	text := title + "\n\n" + strings.Repeat("Paragraph of the story.\n\n", headLen/20)
	end := "About Author\n\nJane Doe writes about the coast for the Eastwick Gazette.\n\nWorld\n"
	data := []byte(text + end)
	head, err := NewParser().ParseHeader("long.txt", data[:headLen], data[len(data)-tailLen:], fixtureTime)
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(head.Tags, ","); got != "World" {
		t.Errorf("tags %q, want World", got)
	}
}
