package articles

import (
	"regexp"
	"strings"
)

// parseMarkdown reads a markdown file with optional YAML or TOML front
// matter. Without a title in the front matter, the first heading is the
// title and leaves the body; a heading that repeats the title leaves it
// too. Malformed front matter gives an error wrapping ErrFrontMatter, with
// a filled in as far as possible.
func parseMarkdown(a *Article, text, path string, o parseOpts) error {
	body := text
	var err error
	hasTitle := false
	if fm, rest, ok := splitFrontMatter(text); ok {
		body = rest
		var meta map[string]any
		meta, err = fm.decode()
		hasTitle = applyMeta(a, meta)
	}
	if a.Published.IsZero() {
		if t, ok := dateFromName(path); ok {
			a.Published = t
		}
	}
	lines := strings.Split(body, "\n")
	if h, ok := leadingHeading(lines); ok && (!hasTitle || sameTitle(plainInline(h.text), a.Title)) {
		if !hasTitle {
			a.Title = plainInline(h.text)
		}
		lines = append(lines[:h.start:h.start], lines[h.end:]...)
	} else if !hasTitle {
		if h, ok := firstTopHeading(lines); ok {
			a.Title = plainInline(h.text)
			lines = append(lines[:h.start:h.start], lines[h.end:]...)
		} else if i := nextNonEmpty(lines, 0); i < len(lines) {
			// No heading: the first line is the title, as in plain text.
			first := plainInline(lines[i])
			a.Title = shortTitle(first)
			if a.Title == first {
				lines = lines[i+1:]
			}
		}
	}
	if !o.header {
		a.Body = strings.Join(lines, "\n")
	}
	return err
}

// heading is a markdown heading found in lines[start:end].
type heading struct {
	text       string
	level      int
	start, end int
}

// leadingHeading returns the heading that opens the document, if it does.
func leadingHeading(lines []string) (heading, bool) {
	i := nextNonEmpty(lines, 0)
	if i == len(lines) {
		return heading{}, false
	}
	return headingAt(lines, i)
}

// headingAt reads an ATX heading at line i, or a one-line setext heading
// whose underline is line i+1.
func headingAt(lines []string, i int) (heading, bool) {
	if text, ok := atxHeading(lines[i]); ok {
		level := len(strings.TrimLeft(lines[i], " ")) - len(strings.TrimLeft(strings.TrimLeft(lines[i], " "), "#"))
		return heading{text: text, level: level, start: i, end: i + 1}, text != ""
	}
	if i+1 < len(lines) && isSetextUnderline(lines[i+1]) && strings.TrimSpace(lines[i]) != "" && blockMarkerLen(strings.TrimSpace(lines[i])) == 0 {
		level := 2
		if strings.HasPrefix(strings.TrimSpace(lines[i+1]), "=") {
			level = 1
		}
		return heading{text: strings.TrimSpace(lines[i]), level: level, start: i, end: i + 2}, true
	}
	return heading{}, false
}

// firstTopHeading returns the first level-1 heading outside code fences,
// which starts a paragraph.
func firstTopHeading(lines []string) (heading, bool) {
	fence := ""
	for i := 0; i < len(lines); i++ {
		t := strings.TrimSpace(lines[i])
		if fence != "" {
			if strings.HasPrefix(t, fence) {
				fence = ""
			}
			continue
		}
		if strings.HasPrefix(t, "```") || strings.HasPrefix(t, "~~~") {
			fence = t[:3]
			continue
		}
		if i > 0 && strings.TrimSpace(lines[i-1]) != "" && !strings.HasPrefix(t, "#") {
			continue
		}
		if h, ok := headingAt(lines, i); ok && h.level == 1 {
			return h, true
		}
	}
	return heading{}, false
}

// inlineLink matches [text](target) and ![alt](src).
var inlineLink = regexp.MustCompile(`!?\[([^\]]*)\]\([^)]*\)`)

// plainInline strips inline markdown from a heading, for a title shown
// as plain text.
func plainInline(s string) string {
	s = inlineLink.ReplaceAllString(s, "$1")
	s = strings.NewReplacer("**", "", "__", "", "`", "", `\`, "").Replace(s)
	if len(s) > 2 && (s[0] == '*' || s[0] == '_') && s[len(s)-1] == s[0] {
		s = s[1 : len(s)-1]
	}
	return oneLine(s)
}
