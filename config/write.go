package config

import (
	"fmt"
	"io"
	"sort"
	"strings"
)

// header opens the printed configuration.
const header = `# newsread configuration: $XDG_CONFIG_HOME/newsread/config.toml
# (~/.config/newsread/config.toml), or the file given with --config.
#
# Every key below is shown with its default: keep only what you change.
# Flags on the command line override this file; NO_COLOR turns colours
# off whatever the theme says. A problem in the file is listed under !
# in the program, with its line, and the default is used instead.
`

// keysDoc explains [keys].
const keysDoc = `# Each action takes a list of keys; [] unbinds it. Keys are written as
# the terminal library names them: "a", "A", "?", "ctrl+d", "alt+x",
# "shift+tab", "enter", "esc", "space", "tab", "backspace", "up", "down",
# "left", "right", "pgup", "pgdown", "home", "end", "f1"…"f63".
# The help (?) and the short help show the keys bound here.
`

// searchesDoc explains [searches].
const searchesDoc = `# Saved searches, listed in the source picker (s) beside those saved
# with = : name = "query" in the query language of / (see the README).
# "unread go" = "is:unread golang"
`

// accountsDoc explains [accounts.NAME].
const accountsDoc = `
# Feed servers read beside the local sources, and kept in sync with them
# (read and starred marks go both ways). One table an account:
#   [accounts.home]
#   protocol = "miniflux"              # or "greader" (FreshRSS, Inoreader, The Old Reader, ...)
#   url = "https://rss.example.org"
#   token_file = "~/.config/newsread/miniflux-token"   # a Miniflux API key
#   # or: user = "me" and password_file = "..." or password_command = "pass show rss"
`

// Write prints c as a commented configuration file that Parse reads back
// to c. styles are the names theme.style accepts, for its comment.
func Write(w io.Writer, c Config, styles []string) error {
	var b strings.Builder
	b.WriteString(header)
	b.WriteString("\n[keys]\n" + keysDoc)
	for _, k := range c.Keys {
		line := k.Action + " = " + quoteList(k.Keys)
		fmt.Fprintf(&b, "%-40s # %s\n", line, k.Desc)
	}
	secs := sections(styles)
	writeSection(&b, &c, secs[0])
	writePalette(&b, "theme.dark", "colours on a dark background", c.Theme.Dark)
	writePalette(&b, "theme.light", "colours on a light background", c.Theme.Light)
	writeSection(&b, &c, secs[1])
	writeSection(&b, &c, secs[2])
	b.WriteString("\n[searches]\n" + searchesDoc)
	for _, name := range sortedStrings(c.Searches) {
		fmt.Fprintf(&b, "%s = %s\n", quote(name), quote(c.Searches[name]))
	}
	b.WriteString(accountsDoc)
	for _, a := range c.Accounts {
		fmt.Fprintf(&b, "\n[accounts.%s]\n", quote(a.Name))
		for _, kv := range [][2]string{{"protocol", a.Protocol}, {"url", a.URL}, {"user", a.User},
			{"token_file", a.TokenFile}, {"password_file", a.PasswordFile}, {"password_command", a.PasswordCommand}} {
			if kv[1] != "" {
				fmt.Fprintf(&b, "%s = %s\n", kv[0], quote(kv[1]))
			}
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func writeSection(b *strings.Builder, c *Config, s section) {
	fmt.Fprintf(b, "\n[%s]\n", s.name)
	writeComment(b, s.doc)
	for _, f := range s.fields {
		writeComment(b, f.doc)
		fmt.Fprintf(b, "%s = %s\n", f.name, f.print(c))
	}
}

// writeComment writes text as comment lines of at most 76 columns.
func writeComment(b *strings.Builder, text string) {
	line := "#"
	for _, word := range strings.Fields(text) {
		if len(line) > 1 && len(line)+1+len(word) > 76 {
			b.WriteString(line + "\n")
			line = "#"
		}
		line += " " + word
	}
	if len(line) > 1 {
		b.WriteString(line + "\n")
	}
}

func writePalette(b *strings.Builder, table, doc string, palette []Colour) {
	fmt.Fprintf(b, "\n[%s]\n# The %s, as #RRGGBB.\n", table, doc)
	for _, col := range palette {
		line := col.Token + " = " + quote(col.Hex)
		fmt.Fprintf(b, "%-40s # %s\n", line, col.Desc)
	}
}

func sortedStrings(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
