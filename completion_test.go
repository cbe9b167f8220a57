package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// bashComplete runs newsread's bash completion on words (the last one
// being completed) and returns what it offers.
func bashComplete(t *testing.T, script, configHome string, words ...string) []string {
	t.Helper()
	quoted := make([]string, len(words))
	for i, w := range words {
		quoted[i] = "'" + strings.ReplaceAll(w, "'", `'\''`) + "'"
	}
	cmd := exec.Command("bash", "-c", `source "$1"; COMP_WORDS=(`+strings.Join(quoted, " ")+`); COMP_CWORD=$((${#COMP_WORDS[@]}-1)); _newsread 2>/dev/null; printf '%s\n' "${COMPREPLY[@]}"`, "bash", script)
	cmd.Env = append(os.Environ(), "XDG_CONFIG_HOME="+configHome)
	cmd.Dir = "examples"
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("completing %q: %v", words, err)
	}
	return strings.Fields(string(out))
}

func TestBashCompletesFlagsValuesFilesAndSubscriptions(t *testing.T) {
	if _, err := exec.LookPath("bash"); err != nil {
		t.Fatal("bash is needed to check its completion")
	}
	bin := buildBinary(t)
	script := filepath.Join(t.TempDir(), "newsread.bash")
	out, stderr, err := runWith(t, isolatedEnv(t), bin, "", "--completion", "bash")
	if err != nil {
		t.Fatalf("%v: %s", err, stderr)
	}
	writeFile(t, script, out)
	if msg, err := exec.Command("bash", "-n", script).CombinedOutput(); err != nil {
		t.Fatalf("bash -n: %v\n%s", err, msg)
	}
	config := t.TempDir()
	writeFile(t, filepath.Join(config, "newsread", "urls"), "https://go.dev/blog/feed.atom \"~Go blog\" go\n# a comment\nhttps://example.org/rss.xml\n")
	for _, tt := range []struct {
		words []string
		want  string
	}{
		{[]string{"newsread", "--sty"}, "--style"},
		{[]string{"newsread", "--style", "tok"}, "tokyo-night"},
		{[]string{"newsread", "--color", "al"}, "always"},
		{[]string{"newsread", "--completion", "f"}, "fish"},
		{[]string{"newsread", "--save-dir", "sci"}, "science"},
		{[]string{"newsread", "night-tr"}, "night-trains-return.md"},
		{[]string{"newsread", "https://go"}, "https://go.dev/blog/feed.atom"},
		{[]string{"newsread", "--remove", "https://ex"}, "https://example.org/rss.xml"},
	} {
		got := bashComplete(t, script, config, tt.words...)
		if len(got) != 1 || got[0] != tt.want {
			t.Errorf("completing %q offers %q, want %q", tt.words, got, tt.want)
		}
	}
}

func TestZshAndFishCompletionsParse(t *testing.T) {
	bin := buildBinary(t)
	for _, shell := range []string{"zsh", "fish"} {
		t.Run(shell, func(t *testing.T) {
			out, stderr, err := runWith(t, isolatedEnv(t), bin, "", "--completion", shell)
			if err != nil || !strings.Contains(out, "reading-width") || !strings.Contains(out, "tokyo-night") {
				t.Fatalf("%v: %s\n%.300s", err, stderr, out)
			}
			if _, err := exec.LookPath(shell); err != nil {
				t.Skipf("%s is not installed to check the script's syntax", shell)
			}
			script := filepath.Join(t.TempDir(), "newsread."+shell)
			writeFile(t, script, out)
			if msg, err := exec.Command(shell, "-n", script).CombinedOutput(); err != nil {
				t.Errorf("%s -n: %v\n%s", shell, err, msg)
			}
		})
	}
	if _, _, err := runWith(t, isolatedEnv(t), bin, "", "--completion", "tcsh"); exitCode(t, err) != exitBadUsage {
		t.Error("an unknown shell is not refused")
	}
}

func TestTheManPageHasEveryFlagAndKey(t *testing.T) {
	bin := buildBinary(t)
	out, stderr, err := runWith(t, isolatedEnv(t), bin, "", "--man")
	if err != nil {
		t.Fatalf("%v: %s", err, stderr)
	}
	fs := newFlagSet(&options{})
	for _, g := range flagGroups {
		for _, name := range g.names {
			if fs.Lookup(name) == nil || !strings.Contains(out, ".B \\-\\-"+strings.ReplaceAll(name, "-", "\\-")) {
				t.Errorf("the man page lacks --%s", name)
			}
		}
	}
	rows := keyRows(readme)
	if len(rows) < 20 {
		t.Fatalf("only %d key rows read from the README", len(rows))
	}
	for _, row := range rows {
		if !strings.Contains(out, roff(row[0])) {
			t.Errorf("the man page lacks the key %q", row[0])
		}
	}
	for _, want := range []string{".SH EXIT STATUS", ".SH FILES", "BROWSER"} {
		if !strings.Contains(out, want) {
			t.Errorf("the man page lacks %q", want)
		}
	}
	if _, err := exec.LookPath("groff"); err == nil {
		cmd := exec.Command("groff", "-man", "-Tutf8", "-ww", "-z")
		cmd.Stdin = strings.NewReader(out)
		if msg, err := cmd.CombinedOutput(); err != nil || len(msg) > 0 {
			t.Errorf("groff warns: %v\n%s", err, msg)
		}
	}
}
