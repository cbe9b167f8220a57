package main

import (
	"cmp"
	"os/exec"
	"runtime"
	"strings"

	"newsread/launch"
)

// newLauncher finds the browser ($BROWSER, else the system's opener) and
// the player once, at start.
func newLauncher(o options, getenv func(string) string) launch.Launcher {
	return launch.New(launch.Config{
		Browser:         cmp.Or(o.browser, getenv("BROWSER")),
		Player:          o.player,
		TerminalBrowser: o.browserInTerminal,
		GOOS:            runtime.GOOS,
		LookPath:        exec.LookPath,
	})
}

// hyperlinks reports whether the article text gets OSC 8 hyperlinks. No
// terminal answers a question about them, so this is a guess from TERM:
// terminals that ignore OSC sequences they do not know show nothing of
// them, but the Linux console and dumb terminals print them.
func hyperlinks(o options, getenv func(string) string) bool {
	if o.noHyperlinks {
		return false
	}
	switch t := getenv("TERM"); {
	case t == "", t == "dumb", t == "linux", strings.HasPrefix(t, "vt"):
		return false
	}
	return true
}
