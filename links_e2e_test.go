package main

import (
	"encoding/base64"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// linkStory is one article file with a link of its own and one inside.
const linkStory = `---
title: A story with links
link: https://example.com/the-story?a=1&b=2
---

Read [the report](https://example.com/report) before the vote.
`

// TestATerminalBrowserGetsTheScreenAndNewsreadComesBack opens the
// article's link in a fake w3m: it takes the terminal, shows the URL it
// got, waits for a key and exits; newsread's screen must come back.
func TestATerminalBrowserGetsTheScreenAndNewsreadComesBack(t *testing.T) {
	bin := buildBinary(t)
	dir := t.TempDir()
	story := filepath.Join(dir, "story.md")
	if err := os.WriteFile(story, []byte(linkStory), 0o644); err != nil {
		t.Fatal(err)
	}
	w3m := filepath.Join(dir, "w3m")
	script := "#!/bin/sh\nprintf 'FAKE W3M GOT <%s>\\n' \"$1\"\nread answer\nprintf '%s\\n' \"$answer\" > \"$0.key\"\n"
	if err := os.WriteFile(w3m, []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	term := startTerminal(t, bin, terminalOptions{args: []string{story}, width: 80, height: 24,
		env: []string{"BROWSER=" + w3m + " %u"}})
	term.waitText(t, "the report [1]")
	term.press("o")
	term.waitText(t, "FAKE W3M GOT <https://example.com/the-story?a=1&b=2>")
	term.press("done\r")
	screen := term.waitText(t, "the report [1]")
	if !strings.Contains(screen, "opened https://example.com/the-story?a=1&b=2") {
		t.Errorf("no word that the link was opened:\n%s", screen)
	}
	if b, err := os.ReadFile(w3m + ".key"); err != nil || string(b) != "done\n" {
		t.Errorf("the browser did not get the keys: %q %v", b, err)
	}

	// y copies the article's link: OSC 52, base64, as the terminal reads it.
	term.press("y")
	want := "\x1b]52;c;" + base64.StdEncoding.EncodeToString([]byte("https://example.com/the-story?a=1&b=2")) + "\x07"
	deadline := time.Now().Add(10 * time.Second)
	for !strings.Contains(term.rawOutput(), want) {
		if time.Now().After(deadline) {
			t.Fatalf("the clipboard sequence %q never came", want)
		}
		time.Sleep(5 * time.Millisecond)
	}
	term.waitText(t, "copied https://example.com/the-story")
	term.press("q")
	term.press("q")
	if err := term.waitExit(t); err != nil {
		t.Fatalf("newsread exited with %v", err)
	}
}

// TestAGraphicalBrowserRunsInTheBackgroundSilently opens the link in a
// fake graphical browser that writes on its output: nothing of it may
// reach the screen, and newsread keeps the terminal.
func TestAGraphicalBrowserRunsInTheBackgroundSilently(t *testing.T) {
	bin := buildBinary(t)
	dir := t.TempDir()
	story := filepath.Join(dir, "story.md")
	if err := os.WriteFile(story, []byte(linkStory), 0o644); err != nil {
		t.Fatal(err)
	}
	browser := filepath.Join(dir, "fakefox")
	script := "#!/bin/sh\necho BROWSER NOISE ON STDOUT\necho BROWSER NOISE ON STDERR >&2\nprintf '%s' \"$1\" > \"$0.url\"\n"
	if err := os.WriteFile(browser, []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	term := startTerminal(t, bin, terminalOptions{args: []string{story}, width: 80, height: 24,
		env: []string{"BROWSER=" + browser}})
	term.waitText(t, "the report [1]")
	term.press("L")
	term.waitText(t, "1 link")
	term.press("\r")
	term.waitText(t, "opened https://example.com/report")
	deadline := time.Now().Add(10 * time.Second)
	for {
		if b, err := os.ReadFile(browser + ".url"); err == nil && string(b) == "https://example.com/report" {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the browser did not get the link")
		}
		time.Sleep(5 * time.Millisecond)
	}
	term.press("q")
	term.press("q")
	if err := term.waitExit(t); err != nil {
		t.Fatalf("newsread exited with %v", err)
	}
	if out := term.rawOutput(); strings.Contains(out, "BROWSER NOISE") {
		t.Errorf("the browser's output reached the terminal")
	}
}
