package ui

import (
	"os/exec"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// Launcher builds the commands that hand a URL to a program outside
// newsread. main wires package launch in: it refuses what is not http,
// https or mailto, never goes through a shell, and looked the programs
// up once at start, so building a command here does no I/O.
type Launcher interface {
	// Browser returns the command that opens url, and whether the
	// browser runs in the terminal (it then gets the screen until it
	// exits).
	Browser(url string) (cmd *exec.Cmd, terminal bool, err error)
	// Player returns the command that plays url, likewise.
	Player(url string) (cmd *exec.Cmd, terminal bool, err error)
}

// launchedMsg says how handing url to a program went: a program in the
// terminal has exited, one in the background has started.
type launchedMsg struct {
	url    string
	player bool
	err    error
}

// launch hands u to the browser, or with player to the player: in the
// terminal through tea.ExecProcess (newsread comes back when it exits),
// else started in the background, its output going nowhere, and reaped
// by a goroutine of its own.
func (m *Model) launch(u string, player bool) tea.Cmd {
	if m.launcher == nil {
		return m.say("no program to open links with")
	}
	build := m.launcher.Browser
	if player {
		build = m.launcher.Player
	}
	cmd, terminal, err := build(u)
	if err != nil {
		return m.say(err.Error())
	}
	if terminal {
		return tea.ExecProcess(cmd, func(err error) tea.Msg { return launchedMsg{url: u, player: player, err: err} })
	}
	return func() tea.Msg {
		// Stdin, Stdout and Stderr stay nil: /dev/null.
		if err := cmd.Start(); err != nil {
			return launchedMsg{url: u, player: player, err: err}
		}
		go func() { _ = cmd.Wait() }()
		return launchedMsg{url: u, player: player}
	}
}

// launched says how handing a link over went.
func (m *Model) launched(msg launchedMsg) tea.Cmd {
	verb := "opened "
	if msg.player {
		verb = "played "
	}
	if msg.err != nil {
		return m.say("could not open " + clean(msg.url) + ": " + clean(msg.err.Error()))
	}
	return m.say(verb + clean(msg.url))
}

// copyLink puts u on the clipboard of the terminal (OSC 52, which works
// over ssh and in tmux with set-clipboard on) and says so.
func (m *Model) copyLink(u string) tea.Cmd {
	u = clean(u)
	return tea.Batch(tea.SetClipboard(u), m.say("copied "+u))
}

// linkKey handles the keys that open or copy links, in the list (the
// selected article) and in the reader. It reports whether it took k.
func (m *Model) linkKey(k tea.KeyPressMsg) (tea.Cmd, bool) {
	switch {
	case key.Matches(k, m.keys.Links):
		return m.openLinks(false), true
	case key.Matches(k, m.keys.Play):
		return m.openLinks(true), true
	case key.Matches(k, m.keys.OpenLink, m.keys.CopyLink):
		var e *entry
		if sel, ok := m.list.selected(); ok && m.focus == focusList {
			e = sel
		} else {
			e = m.reader.entry
		}
		link := ""
		if e != nil {
			link = m.linkOf(e)
		}
		switch {
		case link == "" && e != nil && m.partial(e):
			then := thenOpenLink
			if key.Matches(k, m.keys.CopyLink) {
				then = thenCopyLink
			}
			return m.whole(e, then), true
		case link == "":
			return m.say("this article has no link"), true
		case key.Matches(k, m.keys.CopyLink):
			return m.copyLink(link), true
		}
		return m.launch(link, false), true
	}
	return nil, false
}
