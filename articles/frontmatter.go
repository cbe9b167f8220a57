package articles

import (
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/BurntSushi/toml"
	"go.yaml.in/yaml/v3"
)

// frontMatter is the metadata block at the top of a markdown file.
type frontMatter struct {
	raw  string
	toml bool
}

// splitFrontMatter separates YAML (---) or TOML (+++) front matter from
// the markdown after it. ok is false when text has none, including when
// the block is never closed.
func splitFrontMatter(text string) (frontMatter, string, bool) {
	text = strings.TrimPrefix(text, "\ufeff")
	first, rest, _ := strings.Cut(text, "\n")
	var fm frontMatter
	closers := []string{"---", "..."}
	switch strings.TrimRight(first, " \t") {
	case "---":
	case "+++":
		fm.toml, closers = true, []string{"+++"}
	default:
		return frontMatter{}, text, false
	}
	for off := 0; off <= len(rest); {
		line, after, found := strings.Cut(rest[off:], "\n")
		for _, c := range closers {
			if strings.TrimRight(line, " \t") == c {
				fm.raw = rest[:off]
				return fm, after, true
			}
		}
		if !found {
			break
		}
		off += len(line) + 1
	}
	return frontMatter{}, text, false
}

// decode reads the front matter into a map with lower-case keys.
func (fm frontMatter) decode() (map[string]any, error) {
	meta := map[string]any{}
	var err error
	if fm.toml {
		err = toml.Unmarshal([]byte(fm.raw), &meta)
	} else {
		err = yaml.Unmarshal([]byte(fm.raw), &meta)
	}
	if err != nil {
		return looseMeta(fm.raw), fmt.Errorf("%w: %w", ErrFrontMatter, err)
	}
	lower := make(map[string]any, len(meta))
	for k, v := range meta {
		lower[strings.ToLower(k)] = v
	}
	return lower, nil
}

// looseMeta reads "key: value" (or "key = value") lines of malformed front
// matter, so that a broken file still shows its title and date.
func looseMeta(raw string) map[string]any {
	meta := map[string]any{}
	for line := range strings.Lines(raw) {
		if line == "" || line[0] == ' ' || line[0] == '\t' {
			continue
		}
		k, v, ok := strings.Cut(line, ":")
		if !ok {
			k, v, ok = strings.Cut(line, "=")
		}
		if !ok {
			continue
		}
		k = strings.ToLower(strings.TrimSpace(k))
		v = strings.Trim(strings.TrimSpace(v), `"'[]`)
		if _, seen := meta[k]; !seen && v != "" {
			meta[k] = v
		}
	}
	return meta
}

// applyMeta copies what newsread knows from front matter into a and
// reports whether it held a title.
func applyMeta(a *Article, meta map[string]any) bool {
	a.Title = oneLine(scalar(meta["title"]))
	for _, k := range []string{"date", "published", "pubdate", "publishdate", "publish_date", "created"} {
		if t, ok := metaTime(meta[k]); ok {
			a.Published = t
			break
		}
	}
	for _, k := range []string{"author", "authors", "by"} {
		if names := list(meta[k]); len(names) > 0 {
			a.Author = strings.Join(names, ", ")
			break
		}
	}
	for _, k := range []string{"tags", "categories", "category", "keywords"} {
		for _, t := range list(meta[k]) {
			for part := range strings.SplitSeq(t, ",") {
				a.Tags = appendTag(a.Tags, oneLine(part))
			}
		}
	}
	for _, k := range []string{"link", "url", "canonical", "permalink"} {
		if s := scalar(meta[k]); isWebURL(s) {
			a.Link = s
			break
		}
	}
	for _, k := range []string{"summary", "description", "excerpt"} {
		if s := oneLine(scalar(meta[k])); s != "" {
			a.Summary = s
			break
		}
	}
	return a.Title != ""
}

// scalar renders a front matter value that should be one string.
func scalar(v any) string {
	switch v := v.(type) {
	case nil:
		return ""
	case string:
		return v
	case time.Time:
		return v.Format(time.RFC3339)
	case []any, map[string]any:
		return strings.Join(list(v), ", ")
	}
	return fmt.Sprint(v)
}

// list reads a string or a list of strings (or of maps with a name).
func list(v any) []string {
	switch v := v.(type) {
	case nil:
		return nil
	case []any:
		var out []string
		for _, e := range v {
			out = append(out, list(e)...)
		}
		return out
	case []string:
		return v
	case map[string]any:
		if name := scalar(v["name"]); name != "" {
			return []string{oneLine(name)}
		}
		return nil
	}
	if s := oneLine(scalar(v)); s != "" {
		return []string{s}
	}
	return nil
}

func metaTime(v any) (time.Time, bool) {
	switch v := v.(type) {
	case time.Time:
		return v, !v.IsZero()
	case string:
		return parseDate(v)
	case nil:
		return time.Time{}, false
	}
	return parseDate(fmt.Sprint(v))
}

// isWebURL reports an absolute http(s) URL; front matter "url" is often a
// site-relative path, which is no use as a link.
func isWebURL(s string) bool {
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != ""
}
