package main

import (
	"fmt"
	"slices"
	"strings"

	"newsread/articles"
	"newsread/ui"
)

// formatFields are the fields a --format template may name, in the
// order --help lists them.
var formatFields = []string{"date", "time", "source", "title", "link", "path", "place", "id", "author", "tags", "feed", "state", "starred"}

// listFormat is a parsed --format template: literal text and fields.
type listFormat []formatPart

type formatPart struct {
	text  string
	field bool // text names a field
}

// parseFormat reads a template such as "{date} {source} {title}": each
// {name} is a field; {{ and }} are literal braces.
func parseFormat(s string) (listFormat, error) {
	var f listFormat
	var lit strings.Builder
	for i := 0; i < len(s); i++ {
		switch {
		case strings.HasPrefix(s[i:], "{{"), strings.HasPrefix(s[i:], "}}"):
			lit.WriteByte(s[i])
			i++
		case s[i] == '{':
			end := strings.IndexByte(s[i:], '}')
			if end < 0 {
				return nil, fmt.Errorf("--format: %q opens a field it does not close", articles.Sanitize(s[i:]))
			}
			name := s[i+1 : i+end]
			if !slices.Contains(formatFields, name) {
				return nil, fmt.Errorf("--format: unknown field {%s}: use %s", articles.Sanitize(name), fieldList())
			}
			if lit.Len() > 0 {
				f = append(f, formatPart{text: lit.String()})
				lit.Reset()
			}
			f = append(f, formatPart{text: name, field: true})
			i += end
		case s[i] == '}':
			return nil, fmt.Errorf("--format: a } that closes no field (write }} for a brace)")
		default:
			lit.WriteByte(s[i])
		}
	}
	if lit.Len() > 0 {
		f = append(f, formatPart{text: lit.String()})
	}
	return f, nil
}

// fieldList is the fields as "{date}, {time}, …".
func fieldList() string {
	names := make([]string, len(formatFields))
	for i, n := range formatFields {
		names[i] = "{" + n + "}"
	}
	return strings.Join(names, ", ")
}

// usesState says whether the template shows read or starred marks, which
// only the state store knows.
func (f listFormat) usesState() bool {
	return slices.ContainsFunc(f, func(p formatPart) bool {
		return p.field && (p.text == "state" || p.text == "starred")
	})
}

// line writes a with the template; st is its state (zero: unread).
func (f listFormat) line(a articles.Article, st ui.State) string {
	var b strings.Builder
	for _, p := range f {
		if !p.field {
			b.WriteString(p.text)
			continue
		}
		b.WriteString(field(formatValue(p.text, a, st)))
	}
	return b.String()
}

// formatValue is the value of one field of a.
func formatValue(name string, a articles.Article, st ui.State) string {
	switch name {
	case "date", "time":
		if a.Published.IsZero() {
			return "-"
		}
		if name == "date" {
			return a.Published.Format("2006-01-02")
		}
		return a.Published.Format("15:04")
	case "source":
		return a.Source
	case "title":
		return a.Title
	case "link":
		return a.Link
	case "path":
		return a.Path
	case "place":
		return place(a)
	case "id":
		return a.ID
	case "author":
		return a.Author
	case "tags":
		return strings.Join(a.Tags, ",")
	case "feed":
		return a.Feed
	case "state":
		if st.Read {
			return "read"
		}
		return "unread"
	case "starred":
		if st.Starred {
			return "*"
		}
	}
	return ""
}
