package articles

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/JohannesKaufmann/html-to-markdown/v2/converter"
	"github.com/JohannesKaufmann/html-to-markdown/v2/plugin/base"
	"github.com/JohannesKaufmann/html-to-markdown/v2/plugin/commonmark"
	"github.com/JohannesKaufmann/html-to-markdown/v2/plugin/strikethrough"
	"github.com/JohannesKaufmann/html-to-markdown/v2/plugin/table"
)

// HTMLConverter turns HTML fragments and pages into markdown. It is safe
// for concurrent use; build one and share it.
type HTMLConverter struct {
	conv *converter.Converter
}

// NewHTMLConverter returns a converter with tables and strikethrough.
func NewHTMLConverter() *HTMLConverter {
	return &HTMLConverter{conv: converter.NewConverter(converter.WithPlugins(
		base.NewBasePlugin(),
		commonmark.NewCommonmarkPlugin(),
		strikethrough.NewStrikethroughPlugin(),
		table.NewTablePlugin(),
	))}
}

// Markdown converts html to sanitised markdown. Relative links and images
// are resolved against baseURL when it is not empty.
func (c *HTMLConverter) Markdown(html, baseURL string) (string, error) {
	var opts []converter.ConvertOptionFunc
	if baseURL != "" {
		opts = append(opts, converter.WithDomain(baseURL))
	}
	md, err := c.conv.ConvertString(html, opts...)
	if err != nil {
		return "", fmt.Errorf("convert html to markdown: %w", err)
	}
	return cleanMarkdown(Sanitize(md)), nil
}

// cleanMarkdown takes out of converted markdown what is HTML rather than
// text, outside code: the comment html-to-markdown puts between two
// lists (<!--THE END-->), and markup that came escaped, as text (a feed
// that escaped its HTML twice shows "<a href=…>" otherwise): comments,
// and tags with attributes with the closing tags that match them. A tag
// named in prose ("the <td> element") stays, as do < and >, written as
// backslash escapes rather than entities.
func cleanMarkdown(md string) string {
	if !strings.Contains(md, "<!--") && !strings.Contains(md, "&lt;") && !strings.Contains(md, "&gt;") {
		return md
	}
	lines := strings.Split(md, "\n")
	out := lines[:0]
	var fences Fences
	dropped := map[string]bool{} // names of escaped tags dropped
	blankAfterDrop := false      // a line was dropped after a blank line
	for _, line := range lines {
		trimmed := strings.TrimSpace(line)
		if blankAfterDrop && trimmed == "" {
			blankAfterDrop = false
			continue // one blank line is enough where a line went
		}
		blankAfterDrop = false
		if fences.Code(line) {
			out = append(out, line)
			continue
		}
		if !rawComment.MatchString(trimmed) {
			line = outsideCode(line, func(s string) string { return cleanEscapedMarkup(s, dropped) })
			if strings.TrimSpace(line) != "" || trimmed == "" {
				out = append(out, line)
				continue
			}
		}
		// The line was only markup.
		blankAfterDrop = len(out) == 0 || strings.TrimSpace(out[len(out)-1]) == ""
	}
	return strings.Trim(strings.Join(out, "\n"), "\n")
}

var (
	// rawComment is a line that is one HTML comment.
	rawComment = regexp.MustCompile(`^<!--.*-->$`)
	// escapedComment and escapedTag are markup written as entities.
	escapedComment = regexp.MustCompile(`&lt;!--.*?--&gt;`)
	escapedTag     = regexp.MustCompile(`&lt;(/?)([a-zA-Z][a-zA-Z0-9]*)((?:\s[^&]*?)?)(/?)&gt;`)
)

// cleanEscapedMarkup drops escaped comments and escaped tags with
// attributes from s, and the closing tags of the names so dropped; the
// entities for < and > left become backslash escapes.
func cleanEscapedMarkup(s string, dropped map[string]bool) string {
	s = escapedComment.ReplaceAllString(s, "")
	s = escapedTag.ReplaceAllStringFunc(s, func(t string) string {
		m := escapedTag.FindStringSubmatch(t)
		closing, name, attrs, selfClosing := m[1] != "", strings.ToLower(m[2]), m[3], m[4] != ""
		switch {
		case !closing && strings.Contains(attrs, "="):
			dropped[name] = true
			return ""
		case !closing && selfClosing && (name == "param" || name == "embed" || name == "br" || name == "img"):
			return ""
		case closing && dropped[name]:
			return ""
		}
		return t
	})
	s = strings.ReplaceAll(s, "&lt;", `\<`)
	return strings.ReplaceAll(s, "&gt;", `\>`)
}

// outsideCode applies f to the parts of line outside inline code spans.
func outsideCode(line string, f func(string) string) string {
	if !strings.Contains(line, "`") {
		return f(line)
	}
	var b strings.Builder
	for line != "" {
		i := strings.IndexByte(line, '`')
		if i < 0 {
			b.WriteString(f(line))
			break
		}
		b.WriteString(f(line[:i]))
		run := len(line[i:]) - len(strings.TrimLeft(line[i:], "`"))
		ticks := line[i : i+run]
		end := strings.Index(line[i+run:], ticks)
		if end < 0 {
			b.WriteString(f(line[i:]))
			break
		}
		b.WriteString(line[i : i+run+end+run])
		line = line[i+run+end+run:]
	}
	return b.String()
}
