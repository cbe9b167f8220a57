package articles

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"time"
)

// jsonArticle is the JSON Lines form of an article, one object per line,
// as `newsread list --json` writes it.
type jsonArticle struct {
	ID        string   `json:"id,omitempty"`
	Title     string   `json:"title"`
	Source    string   `json:"source,omitempty"`
	Link      string   `json:"link,omitempty"`
	Author    string   `json:"author,omitempty"`
	Published string   `json:"published,omitempty"`
	Tags      []string `json:"tags,omitempty"`
	Summary   string   `json:"summary,omitempty"`
	Body      string   `json:"body,omitempty"`
}

// maxJSONLine bounds one line of JSON Lines input.
const maxJSONLine = MaxFileSize

// ParseJSONLines reads one article object per line (title, body as
// markdown, link, author, published in RFC 3339, source, tags, summary,
// id). The ID defaults to the link, else to a hash of title and date; the
// source defaults to source. A bad line, be it broken JSON or no JSON at
// all, is a Problem for that line alone, placed as source:line
// ("stdin:7: not a JSON object"); the good lines still load. Every text
// field is sanitised.
func ParseJSONLines(r io.Reader, source string) ([]Article, []Problem) {
	var arts []Article
	var probs []Problem
	where := func(n int) string {
		if source == "" {
			return fmt.Sprintf("line %d", n)
		}
		return fmt.Sprintf("%s:%d", source, n)
	}
	br := bufio.NewReader(r)
	for n := 1; ; n++ {
		line, err := readLine(br)
		if len(bytes.TrimSpace(line)) > 0 {
			a, perr := parseJSONLine(line, source)
			if perr != nil {
				probs = append(probs, Problem{Where: where(n), Err: perr})
			} else {
				arts = append(arts, a)
			}
		}
		if err != nil {
			if !errors.Is(err, io.EOF) {
				probs = append(probs, Problem{Where: where(n), Err: fmt.Errorf("read: %w", err)})
			}
			return arts, probs
		}
	}
}

// ErrNotJSONObject is the problem of a line in JSON Lines that is not a
// JSON object at all (plain text, an array).
var ErrNotJSONObject = errors.New("not a JSON object")

// readLine reads one line without its newline. A line over maxJSONLine is
// skipped and reported.
func readLine(br *bufio.Reader) ([]byte, error) {
	var line []byte
	for {
		chunk, err := br.ReadSlice('\n')
		if len(line)+len(chunk) <= maxJSONLine {
			line = append(line, chunk...)
		}
		if errors.Is(err, bufio.ErrBufferFull) {
			continue
		}
		if len(line) > 0 && line[len(line)-1] == '\n' {
			line = line[:len(line)-1]
		}
		return line, err
	}
}

func parseJSONLine(line []byte, source string) (Article, error) {
	if bytes.TrimSpace(line)[0] != '{' {
		return Article{}, ErrNotJSONObject
	}
	var j jsonArticle
	dec := json.NewDecoder(bytes.NewReader(line))
	if err := dec.Decode(&j); err != nil {
		return Article{}, fmt.Errorf("bad JSON: %w", err)
	}
	if dec.More() {
		return Article{}, errors.New("bad JSON: more than one value on the line")
	}
	a := Article{
		ID: j.ID, Title: j.Title, Source: j.Source, Link: j.Link, Author: j.Author,
		Tags: j.Tags, Summary: j.Summary, Body: j.Body, BodyLoaded: true,
	}
	if j.Published != "" {
		t, err := time.Parse(time.RFC3339Nano, j.Published)
		if err != nil {
			return Article{}, fmt.Errorf("published: %w", err)
		}
		a.Published = t
	}
	if a.Source == "" {
		a.Source = source
	}
	if a.ID == "" {
		a.ID = a.Link
	}
	a.ID, a.Source = oneLine(Sanitize(a.ID)), oneLine(Sanitize(a.Source))
	finish(&a, "", time.Time{}, false)
	if a.Title == "Untitled" && j.Title == "" && a.Body == "" {
		return Article{}, errors.New("no title and no body")
	}
	return a, nil
}

// WriteJSONLines writes articles one JSON object per line, in the form
// ParseJSONLines reads back to the same articles.
func WriteJSONLines(w io.Writer, arts []Article) error {
	bw := bufio.NewWriter(w)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	for _, a := range arts {
		j := jsonArticle{
			ID: a.ID, Title: a.Title, Source: a.Source, Link: a.Link, Author: a.Author,
			Tags: a.Tags, Summary: a.Summary, Body: a.Body,
		}
		if !a.Published.IsZero() {
			j.Published = a.Published.Format(time.RFC3339Nano)
		}
		if err := enc.Encode(j); err != nil {
			return fmt.Errorf("write json lines: %w", err)
		}
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write json lines: %w", err)
	}
	return nil
}
