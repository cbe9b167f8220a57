package ui

import "newsread/articles"

// progress is how far one source is with its load or refresh.
type progress struct {
	seen  int // inputs looked at so far
	total int // inputs expected, or 0 when the source does not know
	done  bool
}

// note takes what a batch says about the source's progress.
func (p *progress) note(b articles.Batch) {
	p.seen = max(p.seen, b.Seen)
	if b.Total > 0 {
		p.total = b.Total
	}
	p.done = p.done || b.Done
}

// progressText says what the sources still running are doing: "refreshing
// 12/40" for those that know how many inputs they expect (feeds), "loading
// 1,234…" for the others, both when both kinds run. It is empty when every
// source has finished.
func progressText(ps []progress) []string {
	var seen, total, counted int
	counting, loading := false, false
	for _, p := range ps {
		switch {
		case p.done:
		case p.total > 0:
			counting = true
			seen, total = seen+min(p.seen, p.total), total+p.total
		default:
			loading = true
			counted += p.seen
		}
	}
	var parts []string
	if counting {
		parts = append(parts, "refreshing "+commas(seen)+"/"+commas(total))
	}
	if loading && counted > 0 {
		parts = append(parts, "loading "+commas(counted)+"…")
	} else if loading {
		parts = append(parts, "loading…")
	}
	return parts
}
