package config

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"regexp"
	"slices"
	"sort"
	"strings"

	"github.com/BurntSushi/toml"
)

// Load reads the configuration file at path over def. An absent file is
// no problem unless must is set (a file named with --config); a file that
// cannot be read or parsed is one problem and leaves def whole. styles
// are the glamour style names theme.style accepts.
func Load(path string, must bool, def Config, styles []string) (Config, []Problem) {
	data, err := os.ReadFile(path)
	switch {
	case errors.Is(err, fs.ErrNotExist) && !must:
		return def.clone(), nil
	case err != nil:
		return def.clone(), []Problem{{File: path, Why: "cannot be read: " + describe(err)}}
	}
	return Parse(path, data, def, styles)
}

// describe is err without the path the problem names already.
func describe(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

// Parse reads the configuration text data of file over def. Every
// problem is listed in the order of the lines; a bad value leaves its
// default, an unknown key is a warning naming the nearest known one, and
// a text that does not parse as TOML leaves def whole.
func Parse(file string, data []byte, def Config, styles []string) (Config, []Problem) {
	c := def.clone()
	var raw map[string]any
	if _, err := toml.Decode(string(data), &raw); err != nil {
		return c, []Problem{syntaxProblem(file, err)}
	}
	p := parser{file: file, lines: keyLines(string(data)), styles: styles}
	p.apply(&c, raw)
	sort.SliceStable(p.problems, func(i, j int) bool { return p.problems[i].Line < p.problems[j].Line })
	return c, p.problems
}

// syntaxProblem is a TOML syntax error as a Problem on its line.
func syntaxProblem(file string, err error) Problem {
	var pe toml.ParseError
	if errors.As(err, &pe) {
		return Problem{File: file, Line: pe.Position.Line, Key: pe.LastKey, Why: pe.Message}
	}
	return Problem{File: file, Why: err.Error()}
}

// parser applies decoded TOML to a Config and collects the problems.
type parser struct {
	file     string
	lines    map[string]int
	styles   []string
	problems []Problem
}

// tables are the top-level tables of the file.
var tables = []string{"keys", "theme", "layout", "behaviour", "searches", "accounts"}

func (p *parser) fail(key string, err error) {
	p.problems = append(p.problems, Problem{File: p.file, Line: p.lines[key], Key: key, Why: err.Error()})
}

func (p *parser) unknown(key, name string, known []string, what string) {
	p.problems = append(p.problems, Problem{File: p.file, Line: p.lines[key], Key: key, Warning: true,
		Why: fmt.Sprintf("unknown %s, ignored; did you mean %s?", what, nearest(name, known))})
}

func (p *parser) apply(c *Config, raw map[string]any) {
	secs := sections(p.styles)
	for _, name := range sortedKeys(raw) {
		v := raw[name]
		t, ok := v.(map[string]any)
		if !ok {
			if slices.Contains(tables, name) {
				p.fail(name, want("a table ["+name+"]", v))
			} else {
				p.unknown(name, name, tables, "table")
			}
			continue
		}
		switch name {
		case "keys":
			p.keys(c, t)
		case "searches":
			p.searches(c, t)
		case "accounts":
			p.accounts(c, t)
		case "theme":
			p.theme(c, t, secs[0])
		case "layout":
			p.section(c, t, secs[1])
		case "behaviour":
			p.section(c, t, secs[2])
		default:
			p.unknown(name, name, tables, "table")
		}
	}
}

// section applies the keys of a fixed table.
func (p *parser) section(c *Config, t map[string]any, s section) {
	names := make([]string, len(s.fields))
	for i, f := range s.fields {
		names[i] = f.name
	}
	for _, name := range sortedKeys(t) {
		key := s.name + "." + name
		i := slices.Index(names, name)
		if i < 0 {
			p.unknown(key, name, names, "key")
			continue
		}
		if err := s.fields[i].set(c, t[name]); err != nil {
			p.fail(key, err)
		}
	}
}

// theme applies [theme]: the style, and the colours under [theme.dark]
// and [theme.light].
func (p *parser) theme(c *Config, t map[string]any, s section) {
	rest := map[string]any{}
	for name, v := range t {
		switch name {
		case "dark":
			p.colours("theme.dark", c.Theme.Dark, v)
		case "light":
			p.colours("theme.light", c.Theme.Light, v)
		default:
			rest[name] = v
		}
	}
	for name := range rest {
		if name != "style" {
			p.unknown("theme."+name, name, []string{"style", "dark", "light"}, "key")
			delete(rest, name)
		}
	}
	p.section(c, rest, s)
}

var hexColour = regexp.MustCompile(`^#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$`)

// colours sets the tokens of a palette.
func (p *parser) colours(table string, palette []Colour, v any) {
	t, ok := v.(map[string]any)
	if !ok {
		p.fail(table, want("a table ["+table+"]", v))
		return
	}
	tokens := make([]string, len(palette))
	for i, col := range palette {
		tokens[i] = col.Token
	}
	for _, name := range sortedKeys(t) {
		key := table + "." + name
		i := slices.Index(tokens, name)
		if i < 0 {
			p.unknown(key, name, tokens, "colour")
			continue
		}
		s, ok := t[name].(string)
		switch {
		case !ok:
			p.fail(key, want(`a colour such as "#7AA2F7"`, t[name]))
		case !hexColour.MatchString(s):
			p.fail(key, fmt.Errorf("%q is not a colour: #RRGGBB or #RGB", s))
		default:
			palette[i].Hex = s
		}
	}
}

// keys applies [keys]: each action's keys, or [] to unbind it.
func (p *parser) keys(c *Config, t map[string]any) {
	actions := make([]string, len(c.Keys))
	for i, b := range c.Keys {
		actions[i] = b.Action
	}
	for _, name := range sortedKeys(t) {
		key := "keys." + name
		i := slices.Index(actions, name)
		if i < 0 {
			p.unknown(key, name, actions, "action")
			continue
		}
		list, err := stringList(t[name])
		if err != nil {
			p.fail(key, err)
			continue
		}
		keys, err := checkKeys(list)
		if err != nil {
			p.fail(key, err)
			continue
		}
		if len(keys) == 0 {
			keys = nil
		}
		c.Keys[i].Keys = keys
	}
}

// checkKeys writes each key as Bubble Tea does, once.
func checkKeys(list []string) ([]string, error) {
	out := make([]string, 0, len(list))
	for _, k := range list {
		norm, err := checkKey(k)
		if err != nil {
			return nil, err
		}
		if !slices.Contains(out, norm) {
			out = append(out, norm)
		}
	}
	return out, nil
}

// searches applies [searches]: name = "query".
func (p *parser) searches(c *Config, t map[string]any) {
	for _, name := range sortedKeys(t) {
		key := "searches." + name
		q, ok := t[name].(string)
		switch {
		case !ok:
			p.fail(key, want("a query", t[name]))
		case strings.TrimSpace(q) == "":
			p.fail(key, errors.New("an empty query"))
		case strings.TrimSpace(name) == "":
			p.fail(key, errors.New("a search needs a name"))
		default:
			c.Searches[name] = q
		}
	}
}

// accountKeys are the keys of an [accounts.NAME] table.
var accountKeys = []string{"protocol", "url", "user", "token_file", "password_file", "password_command"}

// accounts applies [accounts.NAME] tables; an account with a problem is
// left out whole.
func (p *parser) accounts(c *Config, t map[string]any) {
	for _, name := range sortedKeys(t) {
		key := "accounts." + name
		at, ok := t[name].(map[string]any)
		if !ok {
			p.fail(key, want("a table [accounts."+name+"]", t[name]))
			continue
		}
		a := Account{Name: name}
		fields := map[string]*string{"protocol": &a.Protocol, "url": &a.URL, "user": &a.User,
			"token_file": &a.TokenFile, "password_file": &a.PasswordFile, "password_command": &a.PasswordCommand}
		bad := false
		for _, k := range sortedKeys(at) {
			dst, known := fields[k]
			if !known {
				p.unknown(key+"."+k, k, accountKeys, "key")
				continue
			}
			v, ok := at[k].(string)
			if !ok {
				p.fail(key+"."+k, want("a string", at[k]))
				bad = true
				continue
			}
			*dst = strings.TrimSpace(v)
		}
		if bad {
			continue
		}
		if err := checkAccount(a); err != nil {
			p.fail(key, err)
			continue
		}
		c.Accounts = append(c.Accounts, a)
	}
}

// checkAccount says what an account lacks to be used.
func checkAccount(a Account) error {
	switch {
	case strings.TrimSpace(a.Name) == "":
		return errors.New("an account needs a name")
	case !slices.Contains(Protocols, a.Protocol):
		return fmt.Errorf("protocol %q: want one of %s", a.Protocol, strings.Join(Protocols, ", "))
	case a.URL == "":
		return errors.New("an account needs the server's url")
	case !strings.HasPrefix(a.URL, "http://") && !strings.HasPrefix(a.URL, "https://"):
		return fmt.Errorf("url %q: want an http or https address", a.URL)
	case a.TokenFile == "" && a.PasswordFile == "" && a.PasswordCommand == "":
		return errors.New("an account needs token_file, password_file or password_command (the secret is never written in this file)")
	case a.Protocol == "greader" && a.TokenFile != "":
		return errors.New("the Google Reader API signs in with user and a password: password_file or password_command, not token_file")
	case a.User == "" && (a.Protocol == "greader" || a.TokenFile == ""):
		return errors.New("an account that signs in with a password needs user")
	}
	return nil
}

func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
