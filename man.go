package main

import (
	_ "embed"
	"flag"
	"fmt"
	"io"
	"regexp"
	"strings"
)

// readme is the README, whose key table the man page repeats, so the
// two never disagree.
//
//go:embed README.md
var readme string

// writeMan writes the man page (roff, section 1): the synopsis, the
// sources, the flags from fs, the keys from the README, the files and
// the exit statuses.
func writeMan(w io.Writer, fs *flag.FlagSet, version string) error {
	var b strings.Builder
	fmt.Fprintf(&b, ".TH NEWSREAD 1 \"\" \"newsread %s\" \"User Commands\"\n", roff(version))
	b.WriteString(".SH NAME\nnewsread \\- read articles, feeds and piped stories in the terminal\n")
	b.WriteString(".SH SYNOPSIS\n.B newsread\n[\\fIflags\\fR] [\\fISOURCE\\fR ...]\n.br\n.B newsread\n\\-\\-add \\fIURL\\fR [\\fITAG\\fR ...] | \\-\\-remove \\fIURL\\fR\n.br\n.B newsread\n\\-\\-refresh | \\-\\-import\\-opml \\fIFILE\\fR | \\-\\-export\\-opml\n")
	b.WriteString(".SH DESCRIPTION\n")
	for _, para := range strings.Split(strings.TrimSpace(synopsisSources), "\n\n") {
		b.WriteString(".PP\n" + roff(strings.Join(strings.Fields(para), " ")) + "\n")
	}
	b.WriteString(".PP\nWhen standard output is not a terminal, newsread prints instead of drawing: one article rendered as plain text, anything else one line an article (date, source, title, path or link, separated by tabs).\n")
	b.WriteString(".SH OPTIONS\n")
	for _, g := range flagGroups {
		fmt.Fprintf(&b, ".SS %s\n", roff(g.title))
		for _, name := range g.names {
			f := fs.Lookup(name)
			arg, usage := flag.UnquoteUsage(f)
			if _, ok := f.Value.(interface{ IsBoolFlag() bool }); ok {
				arg = ""
			}
			fmt.Fprintf(&b, ".TP\n.B \\-\\-%s", roff(name))
			if arg != "" {
				fmt.Fprintf(&b, " \\fI%s\\fR", roff(arg))
			}
			fmt.Fprintf(&b, "\n%s\n", roff(usage))
		}
	}
	b.WriteString(".SH KEYS\n")
	for _, row := range keyRows(readme) {
		fmt.Fprintf(&b, ".TP\n.B %s\n%s\n", roff(row[0]), roff(row[1]))
	}
	b.WriteString(`.SH FILES
.TP
.I $XDG_CONFIG_HOME/newsread/urls
the subscriptions, one feed URL a line (newsboat's format)
.TP
.I $XDG_CONFIG_HOME/newsread/config.toml
the configuration: keys, theme, layout, behaviour, saved searches (newsread \-\-print\-config prints it with its defaults)
.TP
.I $XDG_DATA_HOME/newsread/newsread.db
the state: read, starred, reading positions, the archive of feed items, the search index
.TP
.I $XDG_CACHE_HOME/newsread/
the feeds as last fetched
.SH ENVIRONMENT
.TP
.B BROWSER
the program that opens links (%u for the URL)
.TP
.B NO_COLOR
no colours on the screen
.SH EXIT STATUS
.TP
.B 0
something was read, or the action succeeded (\-\-add of a feed already subscribed too)
.TP
.B 1
nothing could be read (every source failed, nothing was piped in), a feed failed to refresh, a search found nothing, \-\-add found no feed or several (listed, none added), or \-\-remove named a feed not subscribed
.TP
.B 2
a command line that cannot run: a missing source, flags out of range or that cannot go together, a query that cannot be read
.SH SEE ALSO
.BR newsboat (1),
.BR glow (1)
`)
	_, err := io.WriteString(w, b.String())
	return err
}

// keyRows returns the rows of the README's key table: keys, what they do,
// with markdown code marks and escaped bars taken out.
func keyRows(md string) [][2]string {
	_, table, ok := strings.Cut(md, "\n## Keys\n")
	if !ok {
		return nil
	}
	var rows [][2]string
	started := false
	for _, line := range strings.Split(table, "\n") {
		if !strings.HasPrefix(line, "|") {
			if started {
				break
			}
			continue
		}
		started = true
		cells := splitRow(line)
		if len(cells) != 2 || cells[0] == "keys" || strings.HasPrefix(cells[0], "---") {
			continue
		}
		rows = append(rows, [2]string{unmark(cells[0]), unmark(cells[1])})
	}
	return rows
}

// splitRow splits a markdown table row on the bars that are not escaped.
func splitRow(line string) []string {
	line = strings.Trim(strings.TrimSpace(line), "|")
	var cells []string
	var cell strings.Builder
	for i := 0; i < len(line); i++ {
		switch {
		case line[i] == '\\' && i+1 < len(line) && line[i+1] == '|':
			cell.WriteByte('|')
			i++
		case line[i] == '|':
			cells = append(cells, strings.TrimSpace(cell.String()))
			cell.Reset()
		default:
			cell.WriteByte(line[i])
		}
	}
	return append(cells, strings.TrimSpace(cell.String()))
}

// unmark takes markdown's code and emphasis marks and link targets out
// of s.
func unmark(s string) string {
	s = mdLink.ReplaceAllString(s, "$1")
	return strings.NewReplacer("`", "", "**", "").Replace(s)
}

// mdLink is a markdown link, its text in the first group.
var mdLink = regexp.MustCompile(`\[([^\]]*)\]\([^)]*\)`)

// roff escapes s for a roff text line: backslashes, hyphens that are
// minus signs in flags, a leading dot or quote, and what is not ASCII
// (as \[uXXXX], which every troff reads whatever the input encoding).
func roff(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '\\':
			b.WriteString(`\e`)
		case r == '-':
			b.WriteString(`\-`)
		case r > 0x7e:
			fmt.Fprintf(&b, `\[u%04X]`, r)
		default:
			b.WriteRune(r)
		}
	}
	s = b.String()
	if strings.HasPrefix(s, ".") || strings.HasPrefix(s, "'") {
		s = `\&` + s
	}
	return s
}
