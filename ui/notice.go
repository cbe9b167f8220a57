package ui

import (
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"
)

// noticeLife is how long a word in the status line stays.
const noticeLife = 4 * time.Second

// noticeClearMsg clears the notice of generation gen, if it is still the
// one shown: a newer notice has its own timer.
type noticeClearMsg struct{ gen int }

// say shows a reply to a key in the status line until the next key, for
// noticeLife at most.
func (m *Model) say(s string) tea.Cmd {
	cmd := m.announce(s)
	m.noticeKeyed = true
	return cmd
}

// announce shows news that no key asked for (a refresh that ended) for
// noticeLife, whatever keys come meanwhile.
func (m *Model) announce(s string) tea.Cmd {
	m.notice, m.noticeKeyed = s, false
	m.noticeGen++
	gen := m.noticeGen
	return tea.Tick(noticeLife, func(time.Time) tea.Msg { return noticeClearMsg{gen: gen} })
}

// noticeExpired clears the notice its timer was armed for.
func (m *Model) noticeExpired(msg noticeClearMsg) tea.Cmd {
	if msg.gen == m.noticeGen {
		m.notice = ""
	}
	return nil
}

// runTally counts what a refresh the user asked for brought, for the word
// said when it ends.
type runTally struct {
	srcs   []int           // the sources refreshed
	fresh  int             // articles whose ID was not listed before
	failed map[string]bool // the places that reported a problem
}

// refreshSummary is the word said when a refresh ends: "7 feeds
// refreshed, 12 new, 1 failed". Feeds are counted when the sources say
// how many they fetch (Batch.Total); feeds that failed are not counted as
// refreshed.
func refreshSummary(t runTally, ps []progress) string {
	feeds, known := 0, false
	for _, i := range t.srcs {
		if i < len(ps) && ps[i].total > 0 {
			feeds, known = feeds+ps[i].total, true
		}
	}
	parts := []string{"refreshed"}
	if known {
		parts[0] = plural(max(0, feeds-len(t.failed)), "feed") + " refreshed"
	}
	if t.fresh == 0 {
		parts = append(parts, "nothing new")
	} else {
		parts = append(parts, commas(t.fresh)+" new")
	}
	if n := len(t.failed); n > 0 {
		parts = append(parts, commas(n)+" failed")
	}
	return strings.Join(parts, ", ")
}
