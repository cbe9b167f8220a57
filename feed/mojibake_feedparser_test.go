package feed

import (
	"bytes"
	"encoding/json"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// feedparserTitles is a Python program that prints, as one JSON object,
// the entry titles feedparser finds in each file named on its standard
// input.
const feedparserTitles = `
import json, sys, feedparser
out = {}
for path in sys.stdin.read().split("\n"):
    if path:
        try:
            out[path] = [e.get("title", "") for e in feedparser.parse(path).entries]
        except Exception:
            out[path] = []
json.dump(out, sys.stdout)
`

// TestCorpusGarbledTitlesAgainstFeedparser compares the titles that show
// mojibake here with those Python's feedparser shows, on every corpus
// feed. It skips when python3 with feedparser is not installed (Debian:
// python3-feedparser), and in -short mode: feedparser takes some 20
// seconds over the corpus. Measured: newsread 5 garbled titles (all in
// documents whose legacy charset nothing names), feedparser 6; before the
// repair newsread showed 28.
func TestCorpusGarbledTitlesAgainstFeedparser(t *testing.T) {
	if testing.Short() {
		t.Skip("feedparser over the whole corpus is slow")
	}
	root := corpusDir(t)
	python := pythonWithFeedparser()
	if python == "" {
		t.Skip("no python3 with feedparser installed (Debian: python3-feedparser)")
	}
	per, garbled := garbledTitles(t)
	ours := map[string]int{}
	for _, g := range garbled {
		if path, what, _ := strings.Cut(g, "\t"); !strings.HasPrefix(what, "body of ") {
			ours[path]++
		}
	}
	var paths []string
	for _, sub := range []string{"feeds", "realfeeds"} {
		for _, pattern := range []string{"*/*", "*/*/*", "*/*/*/*", "*/*/*/*/*", "*/*/*/*/*/*", "*/*/*/*/*/*/*", "*/*/*/*/*/*/*/*"} {
			m, _ := filepath.Glob(filepath.Join(root, sub, pattern))
			paths = append(paths, m...)
		}
	}
	cmd := exec.Command(python, "-c", feedparserTitles)
	cmd.Stdin = strings.NewReader(strings.Join(paths, "\n"))
	var out bytes.Buffer
	cmd.Stdout = &out
	if err := cmd.Run(); err != nil {
		t.Fatal("feedparser:", err)
	}
	var titles map[string][]string
	if err := json.Unmarshal(out.Bytes(), &titles); err != nil {
		t.Fatal(err)
	}
	theirs, theirItems := map[string]int{}, 0
	for path, ts := range titles {
		rel, _ := filepath.Rel(root, path)
		rel = filepath.ToSlash(rel)
		theirItems += len(ts)
		for _, title := range ts {
			if mojibakeMarker.MatchString(title) {
				theirs[rel]++
			}
		}
	}
	total := func(m map[string]int, prefix string) (n int) {
		for k, v := range m {
			if strings.HasPrefix(k, prefix) {
				n += v
			}
		}
		return n
	}
	items := 0
	for _, c := range per {
		items += c[1]
	}
	for _, prefix := range []string{"realfeeds/", "feeds/", ""} {
		t.Logf("%-10s garbled titles: newsread %d, feedparser %d", prefix+"*", total(ours, prefix), total(theirs, prefix))
	}
	t.Logf("items: newsread %d, feedparser %d", items, theirItems)
	worse := 0
	for path, n := range ours {
		if n > theirs[path] {
			worse++
			t.Logf("more garbled here than in feedparser: %s (%d against %d)", path, n, theirs[path])
		}
	}
	if total(ours, "") > total(theirs, "") {
		t.Errorf("newsread shows %d garbled titles, feedparser %d", total(ours, ""), total(theirs, ""))
	}
}

// pythonWithFeedparser is a Python 3 that imports feedparser: the one on
// the path, else the system's, where Debian's package installs it.
func pythonWithFeedparser() string {
	for _, python := range []string{"python3", "/usr/bin/python3"} {
		if exec.Command(python, "-c", "import feedparser").Run() == nil {
			return python
		}
	}
	return ""
}
