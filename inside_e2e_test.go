package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"newsread/articles"
)

const storyToPipe = `---
title: A story to pipe
author: Ann Writer
date: 2026-02-03T04:05:06Z
tags: [pipes, tests]
link: https://example.org/pipe
---

# A story to pipe

The body goes to the command's standard input.
`

func TestPipeTheArticleToACommandAndComeBack(t *testing.T) {
	bin := buildBinary(t)
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "story.md"), []byte(storyToPipe), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "piped.md")
	term := startTerminal(t, bin, terminalOptions{args: []string{dir}, width: 80, height: 24})
	term.waitText(t, "A story to pipe")
	term.press("\r")
	term.waitText(t, "standard input")
	term.press("|")
	term.press("cat > '" + out + "'; echo ran-in-a-shell")
	term.press("\r")
	term.waitText(t, "piped to cat")
	term.waitText(t, "standard input") // the reader is back on screen
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	a, err := articles.Parse(out, data, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if a.Title != "A story to pipe" || a.Author != "Ann Writer" || a.Link != "https://example.org/pipe" ||
		!strings.Contains(a.Body, "The body goes to the command's standard input.") {
		t.Errorf("the command read %q", data)
	}
	term.press("q")
	term.press("q")
	if err := term.waitExit(t); err != nil {
		t.Fatalf("newsread exited with %v", err)
	}
}

func TestSaveTheArticleAndReadItBack(t *testing.T) {
	bin := buildBinary(t)
	dir, saved := t.TempDir(), filepath.Join(t.TempDir(), "saved")
	if err := os.WriteFile(filepath.Join(dir, "story.md"), []byte(storyToPipe), 0o644); err != nil {
		t.Fatal(err)
	}
	term := startTerminal(t, bin, terminalOptions{args: []string{"--save-dir", saved, dir}, width: 120, height: 24})
	term.waitText(t, "A story to pipe")
	term.press("\r")
	term.waitText(t, "standard input")
	term.press("w")
	term.waitText(t, "saved to")
	term.press("q")
	term.press("q")
	if err := term.waitExit(t); err != nil {
		t.Fatalf("newsread exited with %v", err)
	}
	data, err := os.ReadFile(filepath.Join(saved, "a-story-to-pipe.md"))
	if err != nil {
		t.Fatal(err)
	}
	a, err := articles.Parse("x.md", data, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if a.Title != "A story to pipe" || a.Published.Format(time.RFC3339) != "2026-02-03T04:05:06Z" || !strings.HasPrefix(strings.Join(a.Tags, ","), "pipes,tests") {
		t.Errorf("read back %q %v %v", a.Title, a.Published, a.Tags)
	}
}
