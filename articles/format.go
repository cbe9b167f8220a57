package articles

import (
	"path/filepath"
	"strings"
)

// Format is the kind of an article file.
type Format int

// The formats Parse understands. FormatUnknown makes Parse sniff the
// content.
const (
	FormatUnknown Format = iota
	FormatText
	FormatMarkdown
	FormatHTML
)

// String names the format for messages.
func (f Format) String() string {
	switch f {
	case FormatText:
		return "text"
	case FormatMarkdown:
		return "markdown"
	case FormatHTML:
		return "html"
	}
	return "unknown"
}

// FormatOf tells the format of an article file by its extension
// (.txt, .md, .markdown, .html, .htm; any case), or FormatUnknown.
func FormatOf(path string) Format {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".txt":
		return FormatText
	case ".md", ".markdown":
		return FormatMarkdown
	case ".html", ".htm":
		return FormatHTML
	}
	return FormatUnknown
}

// IsArticleFile reports whether path has the extension of an article file.
func IsArticleFile(path string) bool { return FormatOf(path) != FormatUnknown }

// Sniff guesses the format of decoded text with no telling extension:
// HTML when it starts (after comments and a doctype) with an HTML tag,
// markdown when it has front matter or markdown headings, text otherwise.
func Sniff(text string) Format {
	if looksHTML(text) {
		return FormatHTML
	}
	if _, _, ok := splitFrontMatter(text); ok {
		return FormatMarkdown
	}
	if hasMarkdownHeading(text) {
		return FormatMarkdown
	}
	return FormatText
}

func looksHTML(text string) bool {
	s := strings.TrimLeft(text, " \t\n\ufeff")
	for range 16 { // skip a bounded number of comments and declarations
		lower := strings.ToLower(s[:min(len(s), 16)])
		switch {
		case strings.HasPrefix(lower, "<!--"):
			end := strings.Index(s, "-->")
			if end < 0 {
				return false
			}
			s = strings.TrimLeft(s[end+3:], " \t\n")
		case strings.HasPrefix(lower, "<!doctype html"):
			return true
		case strings.HasPrefix(lower, "<?xml"):
			end := strings.Index(s, "?>")
			if end < 0 {
				return false
			}
			s = strings.TrimLeft(s[end+2:], " \t\n")
		default:
			for _, tag := range []string{"<html", "<head", "<body", "<meta", "<title", "<article"} {
				if strings.HasPrefix(lower, tag) && len(lower) > len(tag) && strings.ContainsRune(" >\n\t/", rune(lower[len(tag)])) {
					return true
				}
			}
			return false
		}
	}
	return false
}

// hasMarkdownHeading looks for an ATX heading ("# Title") or a setext
// underline in the first lines.
func hasMarkdownHeading(text string) bool {
	lines := strings.SplitN(text, "\n", 64)
	for i, line := range lines {
		if i == len(lines)-1 && len(lines) == 64 {
			break // the unsplit rest
		}
		if _, ok := atxHeading(line); ok {
			return true
		}
		if i > 0 && strings.TrimSpace(lines[i-1]) != "" && isSetextUnderline(line) {
			return true
		}
	}
	return false
}

// atxHeading returns the text of an ATX heading line and its level.
func atxHeading(line string) (string, bool) {
	t := strings.TrimLeft(line, " ")
	if len(line)-len(t) > 3 || !strings.HasPrefix(t, "#") {
		return "", false
	}
	level := len(t) - len(strings.TrimLeft(t, "#"))
	if level > 6 {
		return "", false
	}
	rest := t[level:]
	if rest != "" && rest[0] != ' ' && rest[0] != '\t' {
		return "", false
	}
	rest = strings.TrimSpace(rest)
	// A closing sequence of #s is not part of the text.
	if trimmed := strings.TrimRight(rest, "#"); trimmed != rest && (trimmed == "" || strings.HasSuffix(trimmed, " ")) {
		rest = strings.TrimSpace(trimmed)
	}
	return rest, true
}

func isSetextUnderline(line string) bool {
	t := strings.TrimSpace(line)
	if len(line)-len(strings.TrimLeft(line, " ")) > 3 || t == "" {
		return false
	}
	return strings.Trim(t, "=") == "" || (strings.Trim(t, "-") == "" && len(t) >= 2)
}
