package articles

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestSanitize(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"plain text is kept", "Harbour reopens", "Harbour reopens"},
		{"tabs and newlines are kept", "a\tb\nc", "a\tb\nc"},
		{"CRLF becomes LF", "a\r\nb\rc", "a\nb\nc"},
		{"a cursor move is removed", "a\x1b[2;5Hb", "ab"},
		{"colours are removed", "\x1b[1;31mred\x1b[0m", "red"},
		{"a window title with BEL is removed with its payload", "x\x1b]0;pwned\x07y", "xy"},
		{"a window title with ST is removed with its payload", "x\x1b]2;pwned\x1b\\y", "xy"},
		{"a clipboard write is removed", "x\x1b]52;c;aGVsbG8=\x07y", "xy"},
		{"an unterminated OSC swallows the rest", "x\x1b]0;never ends", "x"},
		{"a DCS string is removed", "x\x1bPq#0;2;0;0;0\x1b\\y", "xy"},
		{"a C1 CSI is removed", "a\u009b2Jb", "ab"},
		{"a C1 OSC is removed", "a\u009d0;t\u009cb", "ab"},
		{"a two-byte escape is removed", "a\x1bcb\x1b(Bc", "abc"},
		{"bell and backspace are removed", "a\x07\x08b", "ab"},
		{"NUL and DEL are removed", "a\x00b\x7fc", "abc"},
		{"invalid UTF-8 is replaced", "a\xffb", "a\uFFFDb"},
		{"CJK and emoji are kept", "東京 🚀 café", "東京 🚀 café"},
		{"a lone ESC at the end is removed", "abc\x1b", "abc"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Sanitize(tt.in); got != tt.want {
				t.Errorf("Sanitize(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func FuzzSanitize(f *testing.F) {
	for _, s := range []string{"plain", "\x1b[31mred", "\x1b]0;t\x07", "a\r\nb", "\xff\xfe", "\u009b1m", "\x1bP\x1b\\"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := Sanitize(s)
		if !utf8.ValidString(got) {
			t.Fatalf("invalid UTF-8 in %q", got)
		}
		for _, r := range got {
			if r < 0x20 && r != '\n' && r != '\t' || r >= 0x7f && r <= 0x9f {
				t.Fatalf("control character %U left in %q", r, got)
			}
		}
		if strings.Contains(got, "\r") {
			t.Fatalf("CR left in %q", got)
		}
		if Sanitize(got) != got {
			t.Fatalf("not idempotent on %q", s)
		}
	})
}

func TestStripEscapes(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"text without escapes comes back as it is", "caf\xe9 <b>ok</b>", "caf\xe9 <b>ok</b>"},
		{"a window title goes with its payload", "<title>Evil \x1b]0;pwned\x07title</title>", "<title>Evil title</title>"},
		{"colours go, legacy bytes stay", "\x1b[31mr\xe9d\x1b[0m", "r\xe9d"},
		{"an unterminated OSC runs to the end", "a\x1b]52;c;aGk=", "a"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := string(StripEscapes([]byte(tt.in))); got != tt.want {
				t.Errorf("StripEscapes(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestCleanLine(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"a plain name is kept", "news/harbour reopens.txt", "news/harbour reopens.txt"},
		{"a window title is removed", "a\x1b]0;PWN\x07b.txt", "ab.txt"},
		{"a clipboard write is removed", "a\x1b]52;c;aGVsbG8=\x07b", "ab"},
		{"tabs and line breaks become spaces", "a\tb\nc\r\nd", "a b c d"},
		{"runs of spaces are kept", "a  b", "a  b"},
		{"C1 controls are removed", "a\u009b2Jb\u0085c", "abc"},
		{"invalid UTF-8 is replaced", "caf\xe9.txt", "caf\uFFFD.txt"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := CleanLine(tt.in); got != tt.want {
				t.Errorf("CleanLine(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestProblemIsSafeToPrint(t *testing.T) {
	tests := []struct {
		name string
		p    Problem
		want string
	}{
		{"an escape in the place is removed", Problem{Where: "x\x1b]0;PWN\x07.txt", Err: ErrBinary}, "x.txt: binary content"},
		{"an escape in the error is removed", Problem{Where: "http://a/feed", Err: errors.New("bad\x1b[2J\nanswer")}, "http://a/feed: bad answer"},
		{"a problem without an error still prints", Problem{Where: "x"}, "x: unknown problem"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.p.Error(); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

// TestHostileFileNames scans files and folders whose names carry escape
// sequences: problems, titles, sources and tags must come out clean, and
// Path must stay the real name so that the file can be opened again.
func TestHostileFileNames(t *testing.T) {
	const osc = "\x1b]0;PWN\x07"
	parent := t.TempDir()
	root := filepath.Join(parent, "news"+osc)
	writeFiles(t, root, map[string]string{
		"story" + osc + ".txt":          "Story\n\nBody.\n",
		"folder" + osc + "/inner.md":    "no heading here\n",
		"binary" + osc + ".txt":         "\x00\x01binary",
		"untitled" + osc + "\x1b[2J.md": "---\ntags: [a]\n---\n",
	})
	missing := filepath.Join(root, "missing"+osc+".txt")
	check := func(t *testing.T, r scanResult, wantProblems bool) {
		t.Helper()
		if len(r.arts) == 0 || wantProblems != (len(r.problems) > 0) {
			t.Fatalf("articles %d problems %d", len(r.arts), len(r.problems))
		}
		for name, a := range r.arts {
			for field, v := range map[string]string{"title": a.Title, "source": a.Source, "tags": strings.Join(a.Tags, ",")} {
				if hasControl(v) {
					t.Errorf("%q: %s %q has control characters", name, field, v)
				}
			}
			if _, err := os.Stat(a.Path); err != nil {
				t.Errorf("%q: path cannot be opened: %v", name, err)
			}
		}
		for name, err := range r.problems {
			if s := (Problem{Where: filepath.Join(root, name), Err: err}).Error(); hasControl(s) {
				t.Errorf("problem %q", s)
			}
		}
	}
	t.Run("a directory scan gives clean names", func(t *testing.T) {
		d := NewDir(root)
		if hasControl(d.Name()) {
			t.Errorf("source name %q", d.Name())
		}
		check(t, load(t, context.Background(), d, root), true)
	})
	t.Run("a list of files gives clean names", func(t *testing.T) {
		var paths []string
		for _, n := range []string{"story" + osc + ".txt", "folder" + osc + "/inner.md", "binary" + osc + ".txt"} {
			paths = append(paths, filepath.Join(root, n))
		}
		check(t, load(t, context.Background(), NewFiles("list"+osc, append(paths, missing)), root), true)
	})
	t.Run("one file gives clean names", func(t *testing.T) {
		f := NewFile(filepath.Join(root, "story"+osc+".txt"))
		if hasControl(f.Name()) {
			t.Errorf("source name %q", f.Name())
		}
		check(t, load(t, context.Background(), f, root), false)
	})
}
