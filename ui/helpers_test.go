package ui

import (
	"context"
	"errors"
	"fmt"
	"image/color"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"newsread/articles"
)

// fixedNow is the clock of every test.
var fixedNow = time.Date(2024, 3, 10, 12, 0, 0, 0, time.UTC)

func clock() time.Time { return fixedNow }

// fakeSource serves fixed batches and bodies.
type fakeSource struct {
	name    string
	batches []articles.Batch
	bodies  map[string]string
	openErr error
	opened  atomic.Int32
}

func (f *fakeSource) Name() string { return f.name }

func (f *fakeSource) Load(ctx context.Context, send func(articles.Batch)) {
	for _, b := range f.batches {
		if ctx.Err() != nil {
			return
		}
		send(b)
	}
}

func (f *fakeSource) Open(_ context.Context, a articles.Article) (articles.Article, error) {
	f.opened.Add(1)
	if f.openErr != nil {
		return a, f.openErr
	}
	a.Body = f.bodies[a.ID]
	if a.Body == "" {
		a.Body = "Body of " + a.Title + "."
	}
	a.BodyLoaded = true
	return a, nil
}

// sampleArticles are the articles of the golden views: mixed dates, a file
// date, an unknown date, wide characters.
func sampleArticles() []articles.Article {
	at := func(d time.Duration) time.Time { return fixedNow.Add(-d) }
	return []articles.Article{
		{ID: "a1", Title: "Rust 2024 edition is out", Source: "lobste.rs", Author: "Jane Doe", Link: "https://example.com/rust-2024", Published: at(5 * time.Minute)},
		{ID: "a2", Title: "日本語のタイトルはとても長いのでここで切られるはずです、そうでしょう", Source: "nhk", Published: at(3 * time.Hour)},
		{ID: "a3", Title: "Emoji 🎉🎉🎉 party in the terminal with a title that runs on and on", Tags: []string{"fun"}, Published: at(50 * time.Hour)},
		{ID: "a4", Title: "Saved page from a folder", Source: "notes", Published: at(20 * 24 * time.Hour), DateFromFile: true},
		{ID: "a5", Title: "Old news", Source: "archive", Published: time.Date(2021, 6, 1, 0, 0, 0, 0, time.UTC)},
		{ID: "a6", Title: "Undated first", Source: "stdin"},
		{ID: "a7", Title: "Undated second", Source: "stdin"},
	}
}

// sampleBody is markdown long enough to scroll.
func sampleBody(paragraphs int) string {
	var b strings.Builder
	b.WriteString("# Heading\n\n")
	for i := range paragraphs {
		fmt.Fprintf(&b, "Paragraph %d begins here with words that wrap across several lines of the reader pane, "+
			"so that resizing moves the line breaks around but keeps the words in order.\n\n", i)
	}
	return b.String()
}

// newTestModel returns a model of size w×h holding articles from src.
func newTestModel(t testing.TB, w, h int, src *fakeSource, as []articles.Article) *Model {
	t.Helper()
	m, err := New(Options{Sources: []Source{src}, Now: clock, Style: "dark"})
	if err != nil {
		t.Fatal(err)
	}
	m.Update(tea.WindowSizeMsg{Width: w, Height: h})
	if as != nil {
		m.Update(batchMsg{batches: []sourceBatch{{src: 0, batch: articles.Batch{Articles: as, Seen: len(as), Done: true}}}, closed: true})
	}
	return m
}

// press sends keys by name ("j", "enter", "ctrl+c", "space") and returns
// the last command.
func press(m *Model, names ...string) tea.Cmd {
	var cmd tea.Cmd
	for _, n := range names {
		_, cmd = m.Update(keyMsg(n))
	}
	return cmd
}

func keyMsg(name string) tea.KeyPressMsg {
	switch name {
	case "enter":
		return tea.KeyPressMsg{Code: tea.KeyEnter}
	case "esc":
		return tea.KeyPressMsg{Code: tea.KeyEscape}
	case "tab":
		return tea.KeyPressMsg{Code: tea.KeyTab}
	case "space":
		return tea.KeyPressMsg{Code: tea.KeySpace, Text: " "}
	case "backspace":
		return tea.KeyPressMsg{Code: tea.KeyBackspace}
	case "down":
		return tea.KeyPressMsg{Code: tea.KeyDown}
	case "up":
		return tea.KeyPressMsg{Code: tea.KeyUp}
	case "ctrl+c":
		return tea.KeyPressMsg{Code: 'c', Mod: tea.ModCtrl}
	case "ctrl+d":
		return tea.KeyPressMsg{Code: 'd', Mod: tea.ModCtrl}
	case "G":
		return tea.KeyPressMsg{Code: 'g', ShiftedCode: 'G', Mod: tea.ModShift, Text: "G"}
	}
	r := []rune(name)[0]
	return tea.KeyPressMsg{Code: r, Text: name}
}

// typeText types s into the model one key at a time.
func typeText(m *Model, s string) {
	for _, r := range s {
		m.Update(tea.KeyPressMsg{Code: r, Text: string(r)})
	}
}

// settle delivers the rendering the commands produce: it runs cmd (and
// the commands of Batch) in goroutines, feeds every renderedMsg to the
// model (and the settle ticks of the wide layout), and returns once a complete rendering or an error is in (at once for no
// command: the rendering came from the cache). Blocking
// commands (ticks, the batch reader) are left behind.
func settle(t testing.TB, m *Model, cmd tea.Cmd) {
	t.Helper()
	if cmd == nil {
		return
	}
	msgs, run := cmdRunner()
	run(cmd)
	timeout := time.After(10 * time.Second)
	for {
		select {
		case msg := <-msgs:
			if s, ok := msg.(settledMsg); ok {
				_, next := m.Update(s)
				run(next)
				continue
			}
			r, ok := msg.(renderedMsg)
			if !ok {
				continue
			}
			_, next := m.Update(r)
			if r.gen == m.reader.gen && (r.complete || r.err != nil) {
				return
			}
			run(next)
		case <-timeout:
			t.Fatal("no rendering arrived")
		}
	}
}

// cmdRunner returns a channel of messages and a function that runs a
// command (and the commands of a Batch) in goroutines, sending their
// messages there.
func cmdRunner() (chan tea.Msg, func(tea.Cmd)) {
	msgs := make(chan tea.Msg, 64)
	var run func(tea.Cmd)
	run = func(c tea.Cmd) {
		if c == nil {
			return
		}
		go func() {
			msg := c()
			if b, ok := msg.(tea.BatchMsg); ok {
				for _, c := range b {
					run(c)
				}
				return
			}
			msgs <- msg
		}()
	}
	return msgs, run
}

// drain runs cmd and what follows from it, feeding batches, renderings and
// settle ticks to the model, until the current run has finished.
func drain(t testing.TB, m *Model, cmd tea.Cmd) {
	t.Helper()
	msgs, run := cmdRunner()
	run(cmd)
	timeout := time.After(10 * time.Second)
	for m.running {
		select {
		case msg := <-msgs:
			switch msg.(type) {
			case batchMsg, renderedMsg, settledMsg:
				_, next := m.Update(msg)
				run(next)
			}
		case <-timeout:
			t.Fatal("the run did not finish")
		}
	}
}

// isQuit reports whether cmd ends the program.
func isQuit(cmd tea.Cmd) bool {
	if cmd == nil {
		return false
	}
	_, ok := cmd().(tea.QuitMsg)
	return ok
}

// selectedID is the ID under the list cursor.
func selectedID(m *Model) string {
	if m.list.sel == nil {
		return ""
	}
	return m.list.sel.id
}

var errGone = errors.New("file vanished")

// bg is a background colour that is dark or light.
func bg(dark bool) color.Color {
	if dark {
		return color.Black
	}
	return color.White
}

// newEntry is a listed entry for a, from source 0.
func newEntry(a articles.Article) *entry {
	e := &entry{}
	e.set(0, a, &origins{})
	return e
}
