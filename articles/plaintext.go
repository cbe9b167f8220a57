package articles

import (
	"strings"
	"unicode/utf8"
)

// parseText reads a plain-text story: the first non-empty line is the
// title, a repeat of it right below is dropped, blank lines separate
// paragraphs, and an author box at the end (see cutAuthorBox) leaves the
// body with its category kept as a tag. tail, when not empty, is the end
// of a file of which text is only the start.
func parseText(a *Article, text, tail string, o parseOpts) {
	lines := strings.Split(text, "\n")
	title := o.title
	if i := nextNonEmpty(lines, 0); title == "" && i < len(lines) {
		title = oneLine(lines[i])
	}
	var category string
	if tail != "" {
		_, category = cutAuthorBox(strings.Split(tail, "\n"), title)
	} else {
		lines, category = cutAuthorBox(lines, title)
	}
	if category != "" {
		a.Tags = append(a.Tags, category)
	}
	i := nextNonEmpty(lines, 0)
	if i == len(lines) {
		a.Title = o.title
		return
	}
	switch first := oneLine(lines[i]); {
	case o.title != "":
		a.Title = o.title
		if sameTitle(first, o.title) {
			i++
		}
	case utf8.RuneCountInString(first) > maxTitleRunes:
		// No title line: the story starts with its first paragraph.
		a.Title = shortTitle(first)
	default:
		a.Title = first
		i++
	}
	if j := nextNonEmpty(lines, i); j < len(lines) && sameTitle(lines[j], a.Title) {
		i = j + 1
	}
	if !o.header {
		a.Body = textToMarkdown(lines[i:])
	}
}

func nextNonEmpty(lines []string, i int) int {
	for i < len(lines) && strings.TrimSpace(lines[i]) == "" {
		i++
	}
	return i
}

// The shape of an author box, kept small so that a story whose last
// section happens to be called "About the author" keeps its paragraphs.
const (
	maxBioLines      = 4   // non-empty lines between the heading and the category
	maxBioLineRunes  = 300 // one line of the bio
	maxBioRunes      = 600 // the whole bio
	maxCategoryRunes = 40
	maxCategoryWords = 4
)

// cutAuthorBox removes an author box that ends a story: an "About
// Author" heading among the last lines, at most a few short lines of
// biography after it, and last an optional category line, which may be
// glued to a repeat of title ("WorldMali's junta…" for the title
// "Mali's junta…"). It returns the lines before the heading and the
// category, or lines unchanged when the end is not shaped like a box.
func cutAuthorBox(lines []string, title string) ([]string, string) {
	var last []int // the last non-empty lines, the last first
	for i := len(lines) - 1; i >= 0 && len(last) < maxBioLines+2; i-- {
		if strings.TrimSpace(lines[i]) != "" {
			last = append(last, i)
		}
	}
	for k, h := range last {
		if !isAuthorHeading(lines[h]) {
			continue
		}
		after := last[:k]
		category := ""
		if len(after) > 0 {
			if c, ok := categoryLine(lines[after[0]], title); ok {
				category, after = c, after[1:]
			}
		}
		if !shortBio(lines, after) {
			return lines, ""
		}
		return lines[:h], category
	}
	return lines, ""
}

func isAuthorHeading(line string) bool {
	switch strings.ToLower(strings.TrimRight(oneLine(line), ":")) {
	case "about author", "about the author", "about the authors", "about the writer":
		return true
	}
	return false
}

// categoryLine reads the last line of an author box as a category: a
// word or a few, or such words glued before a repeat of the title. ok is
// false for anything else (a sentence of the bio).
func categoryLine(line, title string) (category string, ok bool) {
	c := oneLine(line)
	if isCategory(c) {
		return c, true
	}
	if t := oneLine(title); t != "" && len(c) >= len(t) && strings.EqualFold(c[len(c)-len(t):], t) {
		c = strings.TrimRight(c[:len(c)-len(t)], " -–—|:·")
		if c == "" || utf8.ValidString(c) && isCategory(c) {
			return c, true
		}
	}
	return "", false
}

func isCategory(c string) bool {
	if c == "" || utf8.RuneCountInString(c) > maxCategoryRunes || len(strings.Fields(c)) > maxCategoryWords {
		return false
	}
	return !strings.ContainsRune(c, ' ') || !strings.ContainsAny(c[len(c)-1:], ".!?")
}

// shortBio reports whether the lines at idx are few and short enough to
// be an author's bio rather than paragraphs of the story.
func shortBio(lines []string, idx []int) bool {
	if len(idx) > maxBioLines {
		return false
	}
	total := 0
	for _, i := range idx {
		n := utf8.RuneCountInString(oneLine(lines[i]))
		if n > maxBioLineRunes {
			return false
		}
		total += n
	}
	return total <= maxBioRunes
}

// textToMarkdown turns plain-text lines into markdown that renders as the
// text reads: blank lines and indented first lines start paragraphs, and
// whatever markdown would take as markup is escaped.
func textToMarkdown(lines []string) string {
	var b strings.Builder
	inPara := false
	for _, line := range lines {
		trimmed := strings.TrimSpace(line)
		if trimmed == "" {
			inPara = false
			continue
		}
		indented := strings.HasPrefix(line, "  ") || strings.HasPrefix(line, "\t")
		switch {
		case b.Len() == 0:
		case inPara && !indented:
			b.WriteByte('\n')
		default:
			b.WriteString("\n\n")
		}
		b.WriteString(escapeLine(trimmed))
		inPara = true
	}
	return b.String()
}

// escapeLine backslash-escapes what would make a line of plain text into
// markdown: block starts (headings, quotes, lists, rules, fences, tables,
// HTML) and inline markup (emphasis, code, links, entities).
func escapeLine(line string) string {
	var b strings.Builder
	b.Grow(len(line) + 8)
	if n := blockMarkerLen(line); n > 0 {
		b.WriteString(line[:n-1])
		b.WriteByte('\\')
		b.WriteByte(line[n-1])
		line = line[n:]
	}
	for i := 0; i < len(line); i++ {
		c := line[i]
		if needsEscape(line, i) {
			b.WriteByte('\\')
		}
		b.WriteByte(c)
	}
	return b.String()
}

// blockMarkerLen is the length up to and including the character to
// escape so that line does not start a markdown block, or 0.
func blockMarkerLen(line string) int {
	if line == "" {
		return 0
	}
	spaceAfter := func(i int) bool { return i >= len(line) || line[i] == ' ' || line[i] == '\t' }
	switch c := line[0]; c {
	case '#', '>':
		return 1
	case '=':
		if strings.Trim(line, "= \t") == "" {
			return 1
		}
	case '-', '+', '*', '_':
		if spaceAfter(1) || strings.Trim(line, string(c)+" \t") == "" {
			return 1
		}
	case '`', '~':
		if strings.HasPrefix(line, strings.Repeat(string(c), 3)) {
			return 1
		}
	default:
		n := 0
		for n < len(line) && n < 9 && line[n] >= '0' && line[n] <= '9' {
			n++
		}
		if n > 0 && n < len(line) && (line[n] == '.' || line[n] == ')') && spaceAfter(n+1) {
			return n + 1
		}
	}
	return 0
}

// needsEscape reports whether line[i] would be read as inline markup.
func needsEscape(line string, i int) bool {
	c := line[i]
	prev, next := byte(' '), byte(' ')
	if i > 0 {
		prev = line[i-1]
	}
	if i+1 < len(line) {
		next = line[i+1]
	}
	switch c {
	case '\\':
		return isASCIIPunct(next)
	case '`', '~':
		return true
	case '*':
		return !(prev == ' ' && next == ' ')
	case '_':
		return !isWordByte(prev) || !isWordByte(next)
	case '[', ']':
		return strings.ContainsRune(line, '[') && strings.ContainsRune(line, ']')
	case '<':
		return isLetter(next) || next == '/' || next == '!' || next == '?'
	case '&':
		return next == '#' || isLetter(next) && strings.IndexByte(line[i:], ';') > 0
	case '|':
		return true // a pipe could make a table header of the line above
	}
	return false
}

func isASCIIPunct(c byte) bool {
	return c > ' ' && c < 0x7f && !isWordByte(c)
}

func isWordByte(c byte) bool {
	return isLetter(c) || c >= '0' && c <= '9' || c >= 0x80
}

func isLetter(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }
