package articles

import (
	"bytes"
	"errors"
	"unicode/utf8"

	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
)

// Errors that callers may branch on. They are wrapped with the file or line
// they concern, so use errors.Is.
var (
	// ErrBinary means the input is not text: it holds NUL bytes or many
	// control characters.
	ErrBinary = errors.New("binary content")
	// ErrTooLarge means the input is bigger than MaxFileSize.
	ErrTooLarge = errors.New("too large")
	// ErrEmpty means the input holds no text at all.
	ErrEmpty = errors.New("empty")
	// ErrNotRegular means the path is a FIFO, socket, device or directory.
	ErrNotRegular = errors.New("not a regular file")
	// ErrFrontMatter means the front matter of a markdown file is
	// malformed. The article returned with it is still usable: it holds
	// what could be read.
	ErrFrontMatter = errors.New("malformed front matter")
	// ErrUnreadable means a parser gave up on the file in a way it should
	// not have (it panicked); the file is reported, the rest goes on.
	ErrUnreadable = errors.New("unreadable article")
	// ErrLinkLeaves means a symlink inside a scanned directory points to
	// a directory outside it; the scan does not follow it.
	ErrLinkLeaves = errors.New("symlink leaves the folder, not followed")
)

// MaxFileSize is the largest article file read; bigger files are reported
// with ErrTooLarge.
const MaxFileSize = 16 << 20

// sniffLen is how much of the start of the input is checked for binary
// content.
const sniffLen = 1024

// Decode turns the bytes of a text file into sanitised UTF-8 with LF line
// ends. UTF-8 (with or without BOM) and UTF-16 with a BOM are recognised;
// anything else that is not valid UTF-8 is read as windows-1252, a
// superset of Latin-1. Text garbled before it was saved (UTF-8 read as
// windows-1252 and saved again) is repaired where that is unambiguous; see
// RepairMojibake. Input that looks binary gives ErrBinary.
func Decode(data []byte) (string, error) {
	return decode(data, false)
}

// decode is Decode with a hint that data is an HTML page, whose meta
// charset then decides a legacy encoding.
func decode(data []byte, html bool) (string, error) {
	switch {
	case bytes.HasPrefix(data, []byte{0xef, 0xbb, 0xbf}):
		return cleanText(string(data[3:])), nil
	case bytes.HasPrefix(data, []byte{0xff, 0xfe}), bytes.HasPrefix(data, []byte{0xfe, 0xff}):
		return decodeUTF16(data)
	}
	if looksBinary(data) {
		return "", ErrBinary
	}
	if utf8.Valid(data) {
		return cleanText(string(data)), nil
	}
	if t := trimPartialRune(data); len(t) < len(data) && utf8.Valid(t) {
		return cleanText(string(t)), nil
	}
	if html {
		if enc, name, _ := charset.DetermineEncoding(data, "text/html"); enc != nil && name != "utf-8" {
			if out, err := enc.NewDecoder().Bytes(data); err == nil {
				return cleanText(string(out)), nil
			}
		}
	}
	out, err := charmap.Windows1252.NewDecoder().Bytes(data)
	if err != nil {
		return "", errors.Join(ErrBinary, err)
	}
	return cleanText(string(out)), nil
}

// cleanText is decoded text repaired and sanitised. The repair comes
// first: the C1 characters of garbled Cyrillic ("Ñ\u0081" for "с") are
// controls that sanitising would drop.
func cleanText(s string) string {
	return Sanitize(RepairMojibake(s))
}

func decodeUTF16(data []byte) (string, error) {
	if len(data)%2 == 1 {
		data = data[:len(data)-1] // a truncated read may split the last unit
	}
	out, err := unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM).NewDecoder().Bytes(data)
	if err != nil {
		return "", errors.Join(ErrBinary, err)
	}
	return cleanText(string(out)), nil
}

// looksBinary reports NUL bytes or a high share of control characters in
// the first KiB. ESC does not count: escape sequences are text that
// Sanitize removes.
func looksBinary(data []byte) bool {
	head := data[:min(len(data), sniffLen)]
	if bytes.IndexByte(head, 0) >= 0 {
		return true
	}
	controls := 0
	for _, c := range head {
		if c < 0x09 || c > 0x0d && c < 0x20 && c != 0x1b {
			controls++
		}
	}
	return controls >= 8 && controls*10 > len(head)
}

// trimPartialRune drops an incomplete UTF-8 sequence at the end of data,
// which a read of a file's first bytes can leave.
func trimPartialRune(data []byte) []byte {
	for i := 1; i <= utf8.UTFMax && i <= len(data); i++ {
		c := data[len(data)-i]
		if c < 0x80 {
			return data
		}
		if utf8.RuneStart(c) {
			if !utf8.FullRune(data[len(data)-i:]) {
				return data[:len(data)-i]
			}
			return data
		}
	}
	return data
}

// trimLeadingPartialRune drops UTF-8 continuation bytes at the start of
// data, which a read of a file's last bytes can leave.
func trimLeadingPartialRune(data []byte) []byte {
	for i := 0; i < utf8.UTFMax && i < len(data); i++ {
		if utf8.RuneStart(data[i]) {
			return data[i:]
		}
	}
	return data
}
