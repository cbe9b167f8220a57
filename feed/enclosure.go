package feed

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/mmcdole/gofeed"

	"newsread/articles"
)

// enclosureList renders an item's enclosures (podcast episodes, videos) as
// a markdown list to put after the body: link, type, size and duration.
func enclosureList(it *gofeed.Item, base string) string {
	if len(it.Enclosures) == 0 {
		return ""
	}
	duration := ""
	if it.ITunesExt != nil {
		duration = humanDuration(it.ITunesExt.Duration)
	}
	var b strings.Builder
	b.WriteString("**Enclosures**\n")
	n := 0
	for _, e := range it.Enclosures {
		if e == nil || strings.TrimSpace(e.URL) == "" {
			continue
		}
		u := articles.Sanitize(resolveURL(base, e.URL))
		var facts []string
		if t := plainText(e.Type); t != "" {
			facts = append(facts, t)
		}
		if s := humanSize(e.Length); s != "" {
			facts = append(facts, s)
		}
		if duration != "" {
			facts = append(facts, duration)
		}
		fmt.Fprintf(&b, "\n- <%s>", u)
		if len(facts) > 0 {
			fmt.Fprintf(&b, " (%s)", strings.Join(facts, ", "))
		}
		n++
	}
	if n == 0 {
		return ""
	}
	return b.String()
}

// humanSize renders a byte count in decimal units: "24.3 MB".
func humanSize(length string) string {
	n, err := strconv.ParseInt(strings.TrimSpace(length), 10, 64)
	if err != nil || n <= 0 {
		return ""
	}
	const unit = 1000
	if n < unit {
		return fmt.Sprintf("%d B", n)
	}
	v, i := float64(n), 0
	units := []string{"kB", "MB", "GB", "TB", "PB", "EB"}
	for v /= unit; v >= unit && i < len(units)-1; i++ {
		v /= unit
	}
	return fmt.Sprintf("%.1f %s", v, units[i])
}

// humanDuration normalises itunes:duration ("3723", "62:03", "1:02:03")
// to h:mm:ss or m:ss.
func humanDuration(d string) string {
	d = strings.TrimSpace(d)
	if d == "" {
		return ""
	}
	total := 0
	parts := strings.Split(d, ":")
	if len(parts) > 3 {
		return ""
	}
	for _, p := range parts {
		v, err := strconv.ParseFloat(strings.TrimSpace(p), 64)
		if err != nil || v < 0 {
			return ""
		}
		total = total*60 + int(v)
	}
	h, m, s := total/3600, total/60%60, total%60
	if h > 0 {
		return fmt.Sprintf("%d:%02d:%02d", h, m, s)
	}
	return fmt.Sprintf("%d:%02d", m, s)
}
