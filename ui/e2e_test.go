package ui

import (
	"bytes"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/exp/teatest/v2"

	"newsread/articles"
)

func TestFilterOpenScrollBackQuit(t *testing.T) {
	src := &fakeSource{
		batches: []articles.Batch{{Articles: sampleArticles(), Seen: 7, Done: true}},
		bodies:  map[string]string{"a5": sampleBody(40)},
	}
	m, err := New(Options{Sources: []Source{src}, Now: clock, Style: "notty"})
	if err != nil {
		t.Fatal(err)
	}
	tm := teatest.NewTestModel(t, m, teatest.WithInitialTermSize(70, 20))
	waitFor := func(what string) {
		t.Helper()
		teatest.WaitFor(t, tm.Output(), func(b []byte) bool { return bytes.Contains(b, []byte(what)) },
			teatest.WithDuration(5*time.Second), teatest.WithCheckInterval(5*time.Millisecond))
	}
	waitFor("7 articles")
	tm.Send(tea.KeyPressMsg{Code: '/', Text: "/"})
	for _, r := range "old n" {
		tm.Send(tea.KeyPressMsg{Code: r, Text: string(r)})
	}
	// Keys are handled in order, so only the asynchronous rendering needs
	// waiting for.
	tm.Send(tea.KeyPressMsg{Code: tea.KeyEnter})
	tm.Send(tea.KeyPressMsg{Code: tea.KeyEnter})
	waitFor("Paragraph 0 begins")
	tm.Send(tea.KeyPressMsg{Code: tea.KeySpace, Text: " "})
	tm.Send(tea.KeyPressMsg{Code: tea.KeySpace, Text: " "})
	tm.Send(tea.KeyPressMsg{Code: tea.KeyEscape})
	tm.Send(tea.KeyPressMsg{Code: 'q', Text: "q"})
	tm.WaitFinished(t, teatest.WithFinalTimeout(5*time.Second))
	final := tm.FinalModel(t).(*Model)
	if final.reader.entry == nil || final.reader.entry.id != "a5" {
		t.Fatal("the filtered article was not opened")
	}
	if got, want := final.reader.vp.YOffset(), 2*final.reader.vp.Height(); got != want {
		t.Errorf("scrolled to %d, want %d", got, want)
	}
	if final.focus != focusList || final.list.query != "old n" {
		t.Errorf("focus %v, query %q", final.focus, final.list.query)
	}
	if m.ctx.Err() == nil {
		t.Error("sources still running after quit")
	}
}
