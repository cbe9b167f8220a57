package feed

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// pyValue is a value of the small Python subset feedparser's expectations
// use: a string, None or a boolean.
type pyValue struct {
	kind byte // 's' string, 'n' None, 'b' bool
	s    string
	b    bool
}

// pyEnv answers the lookups an expectation makes.
type pyEnv interface {
	bozo() bool
	// field is entries[i][key], or entries[i][key][j][sub] when sub != "".
	field(i int, key string, j int, sub string) (pyValue, error)
}

// errUnsupported marks an expectation outside the subset this test checks.
var errUnsupported = fmt.Errorf("unsupported expectation")

type pyParser struct {
	toks []string
	pos  int
	env  pyEnv
	// compared records the string comparisons, for the failure report.
	compared []string
	equal    func(field string, got, want pyValue) bool
	lastKey  string
}

// evalPy evaluates expr: "not", "and", chained "==", "+" on strings,
// string literals (u”, ”, "", with escapes), None, bozo and entries
// subscripts.
func evalPy(expr string, env pyEnv, equal func(key string, got, want pyValue) bool) (bool, []string, error) {
	toks, err := pyTokens(expr)
	if err != nil {
		return false, nil, err
	}
	p := &pyParser{toks: toks, env: env, equal: equal}
	v, err := p.and()
	if err != nil {
		return false, p.compared, err
	}
	if p.pos != len(p.toks) {
		return false, p.compared, fmt.Errorf("%w: trailing %q", errUnsupported, p.toks[p.pos])
	}
	return v.kind == 'b' && v.b, p.compared, nil
}

func (p *pyParser) peek() string {
	if p.pos < len(p.toks) {
		return p.toks[p.pos]
	}
	return ""
}

func (p *pyParser) next() string { t := p.peek(); p.pos++; return t }

func (p *pyParser) and() (pyValue, error) {
	v, err := p.not()
	for err == nil && p.peek() == "and" {
		p.next()
		var w pyValue
		w, err = p.not()
		v = pyValue{kind: 'b', b: v.b && w.b}
	}
	return v, err
}

func (p *pyParser) not() (pyValue, error) {
	if p.peek() == "not" {
		p.next()
		v, err := p.not()
		return pyValue{kind: 'b', b: !v.b}, err
	}
	return p.cmp()
}

func (p *pyParser) cmp() (pyValue, error) {
	v, err := p.sum()
	if err != nil || p.peek() != "==" {
		return v, err
	}
	result := true
	key := p.lastKey
	for p.peek() == "==" {
		p.next()
		w, err := p.sum()
		if err != nil {
			return v, err
		}
		if p.lastKey != key && p.lastKey != "" {
			key = p.lastKey
		}
		ok := p.equal(key, v, w)
		p.compared = append(p.compared, fmt.Sprintf("%s: got %q, want %q", key, v.s, w.s))
		result = result && ok
		v = w
	}
	return pyValue{kind: 'b', b: result}, nil
}

func (p *pyParser) sum() (pyValue, error) {
	v, err := p.primary()
	for err == nil && p.peek() == "+" {
		p.next()
		var w pyValue
		w, err = p.primary()
		v = pyValue{kind: 's', s: v.s + w.s}
	}
	return v, err
}

func (p *pyParser) primary() (pyValue, error) {
	t := p.next()
	switch {
	case t == "None":
		return pyValue{kind: 'n'}, nil
	case t == "bozo":
		return pyValue{kind: 'b', b: p.env.bozo()}, nil
	case strings.HasPrefix(t, "'"):
		return pyValue{kind: 's', s: t[1:]}, nil
	case t == "entries":
		return p.entry()
	}
	return pyValue{}, fmt.Errorf("%w: token %q", errUnsupported, t)
}

// entry reads [i]['key'] and an optional [j]['sub'].
func (p *pyParser) entry() (pyValue, error) {
	i, err := p.index()
	if err != nil {
		return pyValue{}, err
	}
	key, err := p.key()
	if err != nil {
		return pyValue{}, err
	}
	j, sub := 0, ""
	if p.peek() == "[" && p.pos+1 < len(p.toks) && !strings.HasPrefix(p.toks[p.pos+1], "'") {
		if j, err = p.index(); err != nil {
			return pyValue{}, err
		}
		if sub, err = p.key(); err != nil {
			return pyValue{}, err
		}
	}
	p.lastKey = key
	if sub != "" {
		p.lastKey = key + "." + sub
	}
	return p.env.field(i, key, j, sub)
}

func (p *pyParser) index() (int, error) {
	if p.next() != "[" {
		return 0, fmt.Errorf("%w: expected [", errUnsupported)
	}
	n, err := strconv.Atoi(p.next())
	if err != nil || p.next() != "]" {
		return 0, fmt.Errorf("%w: bad index", errUnsupported)
	}
	return n, nil
}

func (p *pyParser) key() (string, error) {
	if p.next() != "[" {
		return "", fmt.Errorf("%w: expected [", errUnsupported)
	}
	k := p.next()
	if !strings.HasPrefix(k, "'") || p.next() != "]" {
		return "", fmt.Errorf("%w: bad key", errUnsupported)
	}
	return k[1:], nil
}

// pyTokens splits expr into tokens; string literals come back as "'"
// followed by their decoded value.
func pyTokens(expr string) ([]string, error) {
	var toks []string
	for i := 0; i < len(expr); {
		c := expr[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n':
			i++
		case c == '[' || c == ']' || c == '+' || c == '(' || c == ')':
			toks = append(toks, string(c))
			i++
		case strings.HasPrefix(expr[i:], "=="):
			toks = append(toks, "==")
			i += 2
		case (c == 'u' || c == 'b') && i+1 < len(expr) && (expr[i+1] == '\'' || expr[i+1] == '"'):
			i++
		case c == '\'' || c == '"':
			s, n, err := pyString(expr[i:])
			if err != nil {
				return nil, err
			}
			toks = append(toks, "'"+s)
			i += n
		case c >= '0' && c <= '9':
			j := i
			for j < len(expr) && expr[j] >= '0' && expr[j] <= '9' {
				j++
			}
			toks = append(toks, expr[i:j])
			i = j
		case c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z':
			j := i
			for j < len(expr) && (expr[j] == '_' || expr[j] >= 'a' && expr[j] <= 'z' || expr[j] >= 'A' && expr[j] <= 'Z' || expr[j] >= '0' && expr[j] <= '9') {
				j++
			}
			toks = append(toks, expr[i:j])
			i = j
		default:
			return nil, fmt.Errorf("%w: character %q", errUnsupported, c)
		}
	}
	return toks, nil
}

// pyString decodes a quoted literal at the start of s, returning its value
// and length.
func pyString(s string) (string, int, error) {
	q := s[0]
	var b strings.Builder
	for i := 1; i < len(s); {
		c := s[i]
		switch {
		case c == q:
			return b.String(), i + 1, nil
		case c == '\\' && i+1 < len(s):
			n, err := pyEscape(&b, s[i+1:])
			if err != nil {
				return "", 0, err
			}
			i += 1 + n
		default:
			b.WriteByte(c)
			i++
		}
	}
	return "", 0, fmt.Errorf("%w: unterminated string", errUnsupported)
}

func pyEscape(b *strings.Builder, s string) (int, error) {
	simple := map[byte]string{'n': "\n", 't': "\t", 'r': "\r", '\\': "\\", '\'': "'", '"': "\"", '0': "\x00"}
	if v, ok := simple[s[0]]; ok {
		b.WriteString(v)
		return 1, nil
	}
	width := map[byte]int{'x': 2, 'u': 4, 'U': 8}[s[0]]
	if width == 0 || len(s) < 1+width {
		b.WriteByte('\\')
		return 0, nil
	}
	n, err := strconv.ParseUint(s[1:1+width], 16, 32)
	if err != nil || !utf8.ValidRune(rune(n)) {
		return 0, fmt.Errorf("%w: bad escape", errUnsupported)
	}
	b.WriteRune(rune(n))
	return 1 + width, nil
}
