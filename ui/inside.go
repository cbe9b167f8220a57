package ui

import (
	"bytes"
	"os/exec"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"newsread/articles"
)

// promptKind says what the reader's prompt asks for.
type promptKind int

const (
	promptNone promptKind = iota
	promptFind            // the text to find in the article
	promptPipe            // the command to pipe the article to
)

// inside holds what works inside the article in the reader: the prompt of
// find and pipe, the outline, where articles are saved and how wide the
// text may be.
type inside struct {
	prompt   promptKind
	input    textinput.Model
	lastFind string // enter on an empty find prompt finds it again
	lastPipe string // the pipe prompt offers it again
	origin   int    // the scroll offset when the find prompt opened
	outline  outline
	saveDir  string
	measure  int // the widest the text is rendered; 0 is the pane's width
}

func newInside(saveDir string, measure int) inside {
	in := inside{input: textinput.New(), saveDir: saveDir, measure: max(0, measure)}
	in.input.Prompt = ""
	return in
}

// articleSavedMsg says where Save put the article, or why it could not.
type articleSavedMsg struct {
	path string
	err  error
}

// pipedMsg is the end of a pipe command.
type pipedMsg struct {
	command string
	err     error
}

// insideKey handles the keys that work inside the article while the
// reader has the keyboard. It reports whether it took the key. While a
// find is on, n and N go to the next and previous match and esc ends it;
// without one they are the keys of the list.
func (m *Model) insideKey(k tea.KeyPressMsg) (tea.Cmd, bool) {
	r := &m.reader
	switch {
	case key.Matches(k, m.keys.Find):
		return m.openPrompt(promptFind, "find in the article"), true
	case r.find != nil && key.Matches(k, m.keys.FindNext):
		return m.findStep(1), true
	case r.find != nil && key.Matches(k, m.keys.FindPrev):
		return m.findStep(-1), true
	case r.find != nil && key.Matches(k, m.keys.Back):
		r.endFind()
		return nil, true
	case key.Matches(k, m.keys.Outline):
		return m.openOutline(), true
	case key.Matches(k, m.keys.SaveArticle):
		return m.saveArticle(), true
	case key.Matches(k, m.keys.Pipe):
		return m.openPrompt(promptPipe, "a command, as in sh -c"), true
	}
	return nil, false
}

// openPrompt asks for the text of a find or the command of a pipe.
func (m *Model) openPrompt(kind promptKind, placeholder string) tea.Cmd {
	if m.reader.entry == nil || m.reader.lines == nil {
		return nil
	}
	in := &m.inside
	in.prompt = kind
	in.input.Reset()
	in.input.Placeholder = placeholder
	in.input.SetWidth(max(1, m.width/2))
	if kind == promptPipe && in.lastPipe != "" {
		in.input.SetValue(in.lastPipe)
		in.input.CursorEnd()
	}
	if kind == promptFind {
		if f := m.reader.find; f != nil {
			// A new find starts where the old one was read from.
			in.input.Placeholder = f.query
		}
		in.origin = m.reader.vp.YOffset()
	}
	return in.input.Focus()
}

// promptKey handles a key while the prompt is typed in.
func (m *Model) promptKey(k tea.KeyPressMsg) tea.Cmd {
	in := &m.inside
	r := &m.reader
	switch {
	case key.Matches(k, m.keys.FilterAccept):
		kind, value := in.prompt, in.input.Value()
		in.prompt = promptNone
		in.input.Blur()
		if kind == promptPipe {
			return m.pipe(value)
		}
		if value == "" && in.lastFind != "" {
			r.startFind(in.lastFind, in.origin)
		}
		if r.find != nil {
			in.lastFind = r.find.query
		}
		return nil
	case key.Matches(k, m.keys.FilterClear):
		if in.prompt == promptFind && r.find != nil {
			// Given up: back to where reading was.
			r.endFind()
			r.vp.SetYOffset(in.origin)
		}
		in.prompt = promptNone
		in.input.Blur()
		return nil
	}
	var cmd tea.Cmd
	before := in.input.Value()
	in.input, cmd = in.input.Update(k)
	if in.prompt != promptFind || in.input.Value() == before {
		return cmd
	}
	if q := in.input.Value(); q != "" {
		r.startFind(q, in.origin)
	} else {
		r.endFind()
		r.vp.SetYOffset(in.origin)
	}
	return cmd
}

// findStep goes to the next (1) or previous (-1) match, saying so when it
// goes round the end of the story.
func (m *Model) findStep(delta int) tea.Cmd {
	r := &m.reader
	if len(r.find.matches) == 0 {
		return m.say(r.find.status(r.complete))
	}
	if r.findStep(delta) {
		if delta > 0 {
			return m.say("from the top")
		}
		return m.say("from the bottom")
	}
	return nil
}

// saveArticle writes the article in the reader as markdown into the save
// folder, in a command.
func (m *Model) saveArticle() tea.Cmd {
	r := &m.reader
	switch {
	case r.entry == nil:
		return nil
	case !r.article.BodyLoaded:
		return m.say("the article is still loading")
	case m.inside.saveDir == "":
		return m.say("no folder to save in")
	}
	dir, a := m.inside.saveDir, r.article
	return func() tea.Msg {
		path, err := articles.Save(dir, a)
		return articleSavedMsg{path: path, err: err}
	}
}

// articleSaved says where the article went.
func (m *Model) articleSaved(msg articleSavedMsg) tea.Cmd {
	if msg.err != nil {
		return m.announce(msg.err.Error())
	}
	return m.announce("saved to " + msg.path)
}

// pipe runs command with the article's markdown (front matter and body,
// as saved) on its standard input and the terminal for the rest, so
// "less" pages it. The command is what the user typed, so it goes
// through sh -c as newsboat's does: pipes and redirections work. Nothing
// from a feed is ever part of it.
func (m *Model) pipe(command string) tea.Cmd {
	r := &m.reader
	if command == "" || r.entry == nil {
		return nil
	}
	if !r.article.BodyLoaded {
		return m.say("the article is still loading")
	}
	m.inside.lastPipe = command
	md, err := articles.Markdown(r.article)
	if err != nil {
		return m.say(err.Error())
	}
	c := exec.Command("sh", "-c", command)
	c.Stdin = bytes.NewReader(md)
	return tea.ExecProcess(c, func(err error) tea.Msg { return pipedMsg{command: command, err: err} })
}

// piped says how the pipe command ended.
func (m *Model) piped(msg pipedMsg) tea.Cmd {
	if msg.err != nil {
		return m.announce("| " + msg.command + ": " + msg.err.Error())
	}
	return m.announce("piped to " + msg.command)
}

// promptLine is the status line while the prompt is typed in.
func (m *Model) promptLine() string {
	st := m.styles
	in := &m.inside
	if in.prompt == promptPipe {
		return st.FilterPrompt.Render(" |") + in.input.View()
	}
	line := st.FilterPrompt.Render(" /") + in.input.View()
	if f := m.reader.find; f != nil {
		if len(f.matches) == 0 {
			return line + "  " + st.Warning.Render(f.status(m.reader.complete))
		}
		line += st.Status.Render("  " + f.status(m.reader.complete))
	}
	return line
}

// findStatus is the find's part of the status line, while it is on.
func (m *Model) findStatus() []string {
	if f := m.reader.find; f != nil && (m.focus == focusReader || m.wide()) {
		return []string{"find " + f.status(m.reader.complete)}
	}
	return nil
}

// measure is the width the article is rendered at: the reader's width,
// or the reading width when that is narrower.
func (m *Model) measure() int {
	w := m.readerWidth()
	if in := m.inside.measure; in > 0 && in < w {
		return in
	}
	return w
}

// readingMargin is the blank left of the text so that a reading width
// narrower than the pane is centred in it.
func (m *Model) readingMargin() int {
	return max(0, (m.readerWidth()-m.measure())/2)
}
