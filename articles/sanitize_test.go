package articles

import (
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
