package config

import (
	"errors"
	"fmt"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"
)

// field is one key of a fixed table: how to print its value and how to
// set it from what the TOML library decoded.
type field struct {
	name, doc string
	print     func(c *Config) string
	set       func(c *Config, v any) error
}

// section is a fixed table of the file.
type section struct {
	name, doc string
	fields    []field
}

// sections are the fixed tables, in the order of the printed file.
// styles are the glamour style names theme.style accepts.
func sections(styles []string) []section {
	return []section{
		{name: "theme", doc: "The reader's style and the colours; NO_COLOR turns the colours off whatever this says.", fields: []field{
			stringField("style", "glamour style: "+strings.Join(styles, ", ")+", or a .json style file; \"\" follows the terminal's background (--style)",
				func(c *Config) *string { return &c.Theme.Style }, func(s string) error { return checkStyle(s, styles) }),
		}},
		{name: "layout", fields: []field{
			intField("wide_above", "the terminal width from which list and reader sit side by side", func(c *Config) *int { return &c.Layout.WideAbove }, minWideAbove, maxWideAbove),
			intField("list_width", "the list's share of a wide terminal, in percent", func(c *Config) *int { return &c.Layout.ListWidth }, minListWidth, maxListWidth),
			intField("reading_width", "the widest the article's text is, centred in a wider reader; 0 for the reader's width (--reading-width)", func(c *Config) *int { return &c.Layout.ReadingWidth }, 0, maxReadingWidth),
			stringField("date_format", `the list's dates: "relative" (3h, Mar 4) or a Go time layout such as "2006-01-02" or "Jan 2 15:04"`, func(c *Config) *string { return &c.Layout.DateFormat }, checkDateFormat),
			listField("columns", `what the list shows beside the title, of "source" and "date"`, func(c *Config) *[]string { return &c.Layout.Columns }, checkColumn),
		}},
		{name: "behaviour", fields: []field{
			boolField("mark_read_on_open", "an article is marked read when it opens", func(c *Config) *bool { return &c.Behaviour.MarkReadOnOpen }),
			boolField("hide_read", "start with the read articles hidden (H shows them)", func(c *Config) *bool { return &c.Behaviour.HideRead }),
			boolField("refresh_on_start", "fetch the subscriptions at the start; false shows their cached copies until r", func(c *Config) *bool { return &c.Behaviour.RefreshOnStart }),
			durationField("refresh_every", `refresh the feeds this often while reading ("30m", "1h"; "0" never) (--refresh-every)`, func(c *Config) *time.Duration { return &c.Behaviour.RefreshEvery }),
			stringField("browser", `the command that opens links (o); %u marks the URL; "" is $BROWSER, else the system's opener`, func(c *Config) *string { return &c.Behaviour.Browser }, nil),
			boolField("browser_in_terminal", "the browser draws in the terminal: it gets the screen until it exits (--browser-in-terminal)", func(c *Config) *bool { return &c.Behaviour.BrowserInTerminal }),
			stringField("player", `the command that plays enclosures (E); %u marks the URL; "" is mpv (--player)`, func(c *Config) *string { return &c.Behaviour.Player }, nil),
			stringField("save_dir", `the folder w saves articles to; "" is $XDG_DATA_HOME/newsread/saved (--save-dir)`, func(c *Config) *string { return &c.Behaviour.SaveDir }, nil),
			listField("full_text", `feeds whose items open with the page's full text, by URL; * matches any run of characters ("https://lwn.net/*")`, func(c *Config) *[]string { return &c.Behaviour.FullText }, checkPattern),
		}},
	}
}

func stringField(name, doc string, at func(*Config) *string, check func(string) error) field {
	return field{name: name, doc: doc,
		print: func(c *Config) string { return quote(*at(c)) },
		set: func(c *Config, v any) error {
			s, ok := v.(string)
			if !ok {
				return want("a string", v)
			}
			if check != nil {
				if err := check(s); err != nil {
					return err
				}
			}
			*at(c) = s
			return nil
		}}
}

func intField(name, doc string, at func(*Config) *int, lo, hi int) field {
	return field{name: name, doc: doc,
		print: func(c *Config) string { return strconv.Itoa(*at(c)) },
		set: func(c *Config, v any) error {
			n, ok := v.(int64)
			if !ok {
				return want("a whole number", v)
			}
			if n < int64(lo) || n > int64(hi) {
				return fmt.Errorf("%d is out of range: %d to %d", n, lo, hi)
			}
			*at(c) = int(n)
			return nil
		}}
}

func boolField(name, doc string, at func(*Config) *bool) field {
	return field{name: name, doc: doc,
		print: func(c *Config) string { return strconv.FormatBool(*at(c)) },
		set: func(c *Config, v any) error {
			b, ok := v.(bool)
			if !ok {
				return want("true or false", v)
			}
			*at(c) = b
			return nil
		}}
}

func durationField(name, doc string, at func(*Config) *time.Duration) field {
	return field{name: name, doc: doc,
		print: func(c *Config) string { return quote(formatDuration(*at(c))) },
		set: func(c *Config, v any) error {
			s, ok := v.(string)
			if !ok {
				return want(`a duration such as "30m"`, v)
			}
			d, err := time.ParseDuration(s)
			switch {
			case err != nil:
				return fmt.Errorf("%q is not a duration (30m, 1h, 0)", s)
			case d < 0 || d > 0 && d < minRefreshEvery:
				return fmt.Errorf("%q is too short: at least 1m, or 0 for never", s)
			}
			*at(c) = d
			return nil
		}}
}

func listField(name, doc string, at func(*Config) *[]string, check func(string) error) field {
	return field{name: name, doc: doc,
		print: func(c *Config) string { return quoteList(*at(c)) },
		set: func(c *Config, v any) error {
			items, err := stringList(v)
			if err != nil {
				return err
			}
			out := []string{}
			for _, s := range items {
				if err := check(s); err != nil {
					return err
				}
				if !slices.Contains(out, s) {
					out = append(out, s)
				}
			}
			*at(c) = out
			return nil
		}}
}

// stringList reads a list of strings (one string is a list of one).
func stringList(v any) ([]string, error) {
	if s, ok := v.(string); ok {
		return []string{s}, nil
	}
	list, ok := v.([]any)
	if !ok {
		return nil, want("a list of strings", v)
	}
	out := make([]string, len(list))
	for i, item := range list {
		s, ok := item.(string)
		if !ok {
			return nil, want("a list of strings", item)
		}
		out[i] = s
	}
	return out, nil
}

// want says what a value should have been and what it is.
func want(what string, v any) error {
	return fmt.Errorf("want %s, not %s", what, kind(v))
}

// kind names the TOML type of a decoded value.
func kind(v any) string {
	switch v := v.(type) {
	case string:
		return strconv.Quote(v)
	case int64:
		return "the number " + strconv.FormatInt(v, 10)
	case float64:
		return "the number " + strconv.FormatFloat(v, 'g', -1, 64)
	case bool:
		return strconv.FormatBool(v)
	case []any:
		return "a list"
	case map[string]any:
		return "a table"
	case time.Time:
		return "a date"
	}
	return fmt.Sprintf("%T", v)
}

func checkStyle(s string, styles []string) error {
	if s == "" || slices.Contains(styles, s) {
		return nil
	}
	if strings.HasSuffix(s, ".json") {
		if _, err := os.Stat(ExpandHome(s)); err != nil {
			return fmt.Errorf("style file %q: %w", s, errors.Unwrap(err))
		}
		return nil
	}
	return fmt.Errorf("%q is not a style: use %s or a .json file", s, strings.Join(styles, ", "))
}

func checkDateFormat(s string) error {
	if s == RelativeDate {
		return nil
	}
	// A layout with no element of the reference time writes itself.
	ref := time.Date(2011, time.March, 13, 17, 8, 9, 0, time.UTC)
	if s == "" || ref.Format(s) == s {
		return fmt.Errorf("%q is not a date format: \"relative\" or a Go layout such as \"2006-01-02\"", s)
	}
	return nil
}

func checkColumn(s string) error {
	if s != "source" && s != "date" {
		return fmt.Errorf("%q is not a column: source or date", s)
	}
	return nil
}

func checkPattern(s string) error {
	if strings.TrimSpace(s) == "" {
		return errors.New("an empty feed pattern would match nothing")
	}
	return nil
}

// formatDuration writes d as the file would: "0", "30m", "1h30m".
func formatDuration(d time.Duration) string {
	if d == 0 {
		return "0"
	}
	s := d.String()
	if strings.HasSuffix(s, "m0s") {
		s = s[:len(s)-2]
	}
	if strings.HasSuffix(s, "h0m") {
		s = s[:len(s)-2]
	}
	return s
}

// quoteList writes a list of strings in TOML.
func quoteList(items []string) string {
	q := make([]string, len(items))
	for i, s := range items {
		q[i] = quote(s)
	}
	return "[" + strings.Join(q, ", ") + "]"
}

// ExpandHome replaces a leading ~/ with the home directory.
func ExpandHome(path string) string {
	if rest, ok := strings.CutPrefix(path, "~/"); ok {
		if home, err := os.UserHomeDir(); err == nil {
			return home + "/" + rest
		}
	}
	return path
}

// MatchFeed reports whether the feed URL u matches pattern, where *
// matches any run of characters and the rest must be equal.
func MatchFeed(pattern, u string) bool {
	parts := strings.Split(pattern, "*")
	if len(parts) == 1 {
		return pattern == u
	}
	if !strings.HasPrefix(u, parts[0]) {
		return false
	}
	u = u[len(parts[0]):]
	last := parts[len(parts)-1]
	for _, p := range parts[1 : len(parts)-1] {
		i := strings.Index(u, p)
		if i < 0 {
			return false
		}
		u = u[i+len(p):]
	}
	return strings.HasSuffix(u, last)
}

// quote writes s as a TOML basic string.
func quote(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, "\\u%04X", r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}
