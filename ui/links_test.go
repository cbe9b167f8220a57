package ui

import (
	"errors"
	"fmt"
	"hash/fnv"
	"os/exec"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"

	"newsread/articles"
)

// linkBody has links of every kind: inline, bare, repeated, e-mail,
// an anchor (not numbered), an image, one in a table, and an enclosure.
const linkBody = `# A story with [links](https://example.com/head)

Read [the first link](https://example.com/one) and the bare <https://example.com/bare>,
then [the first again](https://example.com/one), write to <me@example.org>, see [a note](#note).

![a chart](https://example.com/chart.png)

| site | note |
|------|------|
| [in a table](https://example.com/table) | yes |

**Enclosures**

- <https://cdn.example.com/episode.mp3> (audio/mpeg, 24.3 MB)
`

// fakeLauncher records what it was asked to open.
type fakeLauncher struct {
	opened, played []string
	err            error
	terminal       bool
}

func (f *fakeLauncher) Browser(u string) (*exec.Cmd, bool, error) {
	f.opened = append(f.opened, u)
	return exec.Command("true"), f.terminal, f.err
}

func (f *fakeLauncher) Player(u string) (*exec.Cmd, bool, error) {
	f.played = append(f.played, u)
	return exec.Command("true"), f.terminal, f.err
}

// linkModel is a model of size w×h reading the story of linkBody.
func linkModel(t testing.TB, w, h int, body string, opts Options) (*Model, *fakeLauncher) {
	t.Helper()
	src := &fakeSource{bodies: map[string]string{"l1": body}}
	fl := &fakeLauncher{}
	opts.Sources, opts.Now, opts.Style, opts.Launcher = []Source{src}, clock, "dark", fl
	m, err := New(opts)
	if err != nil {
		t.Fatal(err)
	}
	m.Update(tea.WindowSizeMsg{Width: w, Height: h})
	as := []articles.Article{
		{ID: "l1", Title: "Links everywhere", Source: "blog", Link: "https://example.com/story"},
		{ID: "l2", Title: "No links at all", Source: "blog"},
	}
	_, cmd := m.Update(batchMsg{batches: []sourceBatch{{src: 0, batch: articles.Batch{Articles: as, Seen: len(as), Done: true}}}, closed: true})
	if m.wide() {
		settle(t, m, cmd) // the reader beside the list shows the first article
	}
	return m, fl
}

// shownText is the whole rendering the reader holds, ANSI stripped and
// trailing spaces trimmed.
func shownText(m *Model) string {
	lines := make([]string, len(m.reader.lines))
	for i, l := range m.reader.lines {
		lines[i] = strings.TrimRight(ansi.Strip(l), " ")
	}
	return strings.Join(lines, "\n")
}

var markerRE = regexp.MustCompile(`\[(\d+)\]`)

// markers are the link numbers in the text above the Links list, in order.
func markers(s string) []string {
	body, _, _ := strings.Cut(s, "\n  Links\n")
	var out []string
	for _, m := range markerRE.FindAllStringSubmatch(body, -1) {
		out = append(out, m[1])
	}
	return out
}

// linkList is the Links section at the end.
func linkList(s string) string {
	_, list, _ := strings.Cut(s, "\n  Links\n")
	return strings.TrimSpace(list)
}

func TestLinkNumbersAreTheSameAtEveryWidth(t *testing.T) {
	wantMarkers := []string{"1", "2", "3", "2", "4", "5", "6", "7"}
	wantList := strings.Join([]string{
		"[1] https://example.com/head",
		"[2] https://example.com/one",
		"[3] https://example.com/bare",
		"[4] mailto:me@example.org",
		"[5] https://example.com/chart.png",
		"[6] https://example.com/table",
		"[7] https://cdn.example.com/episode.mp3",
	}, "\n  ")
	for _, w := range []int{50, 90} {
		t.Run(fmt.Sprintf("at %d columns the numbers follow the text and the list agrees", w), func(t *testing.T) {
			m, _ := linkModel(t, w, 30, linkBody, Options{})
			settle(t, m, press(m, "enter"))
			text := shownText(m)
			if got := markers(text); !slices.Equal(got, wantMarkers) {
				t.Errorf("numbers in the text %v, want %v\n%s", got, wantMarkers, text)
			}
			if got := linkList(text); got != wantList {
				t.Errorf("Links list:\n%s\nwant:\n%s", got, wantList)
			}
			if strings.Contains(text, "#note") || strings.Contains(text, "note [") {
				t.Errorf("an anchor in the page was numbered:\n%s", text)
			}
			golden.RequireEqual(t, text)
		})
	}
	t.Run("after a resize the numbers and the picker agree with the list", func(t *testing.T) {
		m, _ := linkModel(t, 90, 30, linkBody, Options{})
		settle(t, m, press(m, "enter"))
		_, cmd := m.Update(tea.WindowSizeMsg{Width: 50, Height: 30})
		settle(t, m, cmd)
		text := shownText(m)
		if got := markers(text); !slices.Equal(got, wantMarkers) {
			t.Errorf("numbers after the resize %v, want %v", got, wantMarkers)
		}
		press(m, "L")
		if len(m.links.links) != 7 {
			t.Fatalf("picker has %d links, want 7", len(m.links.links))
		}
		for i, l := range m.links.links {
			want := fmt.Sprintf("[%d] %s", l.N, l.URL)
			if l.N != i+1 || !strings.Contains(text, want) {
				t.Errorf("picker row %d is %q, not in the list at the end", i, want)
			}
		}
	})
}

func TestLinkPicker(t *testing.T) {
	t.Run("L lists the links with their text and enter opens the chosen one", func(t *testing.T) {
		m, fl := linkModel(t, 100, 30, linkBody, Options{})
		settle(t, m, press(m, "enter"))
		press(m, "L")
		if m.overlay != overlayLinks {
			t.Fatal("L did not open the link picker")
		}
		got := make([]string, 0, len(m.links.links))
		for _, l := range m.links.links {
			got = append(got, fmt.Sprintf("%d %s %s", l.N, linkLabel(l), l.URL))
		}
		want := []string{
			"1 links https://example.com/head",
			"2 the first link https://example.com/one",
			"3 https://example.com/bare https://example.com/bare",
			"4 me@example.org mailto:me@example.org",
			"5 image a chart https://example.com/chart.png",
			"6 in a table https://example.com/table",
			"7 https://cdn.example.com/episode.mp3 https://cdn.example.com/episode.mp3",
		}
		if !slices.Equal(got, want) {
			t.Errorf("rows\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
		golden.RequireEqual(t, ansi.Strip(m.View().Content))
		press(m, "j")
		cmd := press(m, "enter")
		if m.overlay != overlayNone {
			t.Error("the picker stayed open after enter")
		}
		if !slices.Equal(fl.opened, []string{"https://example.com/one"}) {
			t.Errorf("opened %v, want the second link", fl.opened)
		}
		m.Update(cmd())
		if m.notice != "opened https://example.com/one" {
			t.Errorf("notice %q", m.notice)
		}
	})
	t.Run("typing a number moves to that link", func(t *testing.T) {
		var b strings.Builder
		for i := 1; i <= 12; i++ {
			fmt.Fprintf(&b, "[link %d](https://example.com/%d)\n\n", i, i)
		}
		m, fl := linkModel(t, 100, 30, b.String(), Options{})
		settle(t, m, press(m, "enter"))
		press(m, "L", "5")
		if n := m.links.links[m.links.cursor].N; n != 5 {
			t.Errorf("5 went to link %d", n)
		}
		press(m, "1", "2")
		if n := m.links.links[m.links.cursor].N; n != 12 {
			t.Errorf("1 2 went to link %d", n)
		}
		press(m, "9")
		if n := m.links.links[m.links.cursor].N; n != 9 {
			t.Errorf("9 after 12 went to link %d, want 9 (129 is no link)", n)
		}
		press(m, "enter")
		if !slices.Equal(fl.opened, []string{"https://example.com/9"}) {
			t.Errorf("opened %v", fl.opened)
		}
	})
	t.Run("y in the picker copies the chosen link with OSC 52 and says so", func(t *testing.T) {
		m, _ := linkModel(t, 100, 30, linkBody, Options{})
		settle(t, m, press(m, "enter"))
		cmd := press(m, "L", "j", "y")
		if got := clipboardOf(cmd); got != "https://example.com/one" {
			t.Errorf("clipboard %q", got)
		}
		if m.notice != "copied https://example.com/one" || m.overlay != overlayNone {
			t.Errorf("notice %q, overlay %v", m.notice, m.overlay)
		}
	})
	t.Run("esc closes the picker without opening anything", func(t *testing.T) {
		m, fl := linkModel(t, 100, 30, linkBody, Options{})
		settle(t, m, press(m, "enter"))
		press(m, "L", "esc")
		if m.overlay != overlayNone || len(fl.opened) != 0 || m.focus != focusReader {
			t.Errorf("overlay %v, opened %v, focus %v", m.overlay, fl.opened, m.focus)
		}
	})
	t.Run("an article without links says so", func(t *testing.T) {
		m, _ := linkModel(t, 100, 30, linkBody, Options{})
		settle(t, m, press(m, "j", "enter"))
		press(m, "L")
		if m.overlay != overlayNone || m.notice != "this article has no links" {
			t.Errorf("overlay %v, notice %q", m.overlay, m.notice)
		}
	})
	t.Run("L in the list before the article is open asks to open it", func(t *testing.T) {
		m, _ := linkModel(t, 60, 30, linkBody, Options{})
		press(m, "L")
		if m.overlay != overlayNone || m.notice != "open the article first" {
			t.Errorf("overlay %v, notice %q", m.overlay, m.notice)
		}
	})
}

func TestArticleLinkAndEnclosureKeys(t *testing.T) {
	t.Run("o in the list opens the selected article's link", func(t *testing.T) {
		m, fl := linkModel(t, 60, 30, linkBody, Options{})
		press(m, "o")
		if !slices.Equal(fl.opened, []string{"https://example.com/story"}) {
			t.Errorf("opened %v", fl.opened)
		}
	})
	t.Run("y in the reader copies the article's link", func(t *testing.T) {
		m, _ := linkModel(t, 60, 30, linkBody, Options{})
		settle(t, m, press(m, "enter"))
		if got := clipboardOf(press(m, "y")); got != "https://example.com/story" {
			t.Errorf("clipboard %q", got)
		}
	})
	t.Run("o on an article without a link says so", func(t *testing.T) {
		m, fl := linkModel(t, 60, 30, linkBody, Options{})
		press(m, "j", "o")
		if len(fl.opened) != 0 || m.notice != "this article has no link" {
			t.Errorf("opened %v, notice %q", fl.opened, m.notice)
		}
	})
	t.Run("E plays the only enclosure at once", func(t *testing.T) {
		m, fl := linkModel(t, 60, 30, linkBody, Options{})
		settle(t, m, press(m, "enter"))
		press(m, "E")
		if !slices.Equal(fl.played, []string{"https://cdn.example.com/episode.mp3"}) || m.overlay != overlayNone {
			t.Errorf("played %v, overlay %v", fl.played, m.overlay)
		}
	})
	t.Run("E lists several enclosures and enter plays the chosen one", func(t *testing.T) {
		body := "Two episodes.\n\n**Enclosures**\n\n- <https://cdn.example.com/a.mp3>\n- <https://cdn.example.com/b.ogg> (audio/ogg)\n"
		m, fl := linkModel(t, 60, 30, body, Options{})
		settle(t, m, press(m, "enter"))
		press(m, "E", "j", "enter")
		if !slices.Equal(fl.played, []string{"https://cdn.example.com/b.ogg"}) || len(fl.opened) != 0 {
			t.Errorf("played %v, opened %v", fl.played, fl.opened)
		}
	})
	t.Run("a refused link is a message, nothing runs", func(t *testing.T) {
		m, fl := linkModel(t, 60, 30, linkBody, Options{})
		fl.err = errors.New("only http, https and mailto links open, not javascript links")
		if cmd := press(m, "o"); cmd == nil {
			t.Fatal("no notice timer")
		}
		if m.notice != "only http, https and mailto links open, not javascript links" {
			t.Errorf("notice %q", m.notice)
		}
	})
	t.Run("a terminal browser gets the terminal through ExecProcess", func(t *testing.T) {
		m, fl := linkModel(t, 60, 30, linkBody, Options{})
		fl.terminal = true
		cmd := press(m, "o")
		if msg := cmd(); reflect.TypeOf(msg).String() != "tea.execMsg" {
			t.Errorf("the command gives %T, not an exec message", msg)
		}
	})
}

// clipboardOf runs cmd (a Batch too) and returns what it puts on the
// clipboard: bubbletea writes it as OSC 52.
func clipboardOf(cmd tea.Cmd) string {
	if cmd == nil {
		return ""
	}
	msg := cmd()
	if b, ok := msg.(tea.BatchMsg); ok {
		for _, c := range b {
			if s := clipboardOf(c); s != "" {
				return s
			}
		}
		return ""
	}
	if v := reflect.ValueOf(msg); v.IsValid() && v.Type().String() == "tea.setClipboardMsg" {
		return v.String()
	}
	return ""
}

func TestHyperlinksInTheReader(t *testing.T) {
	osc8 := func(u string) string {
		h := fnv.New32a()
		h.Write([]byte(u))
		return fmt.Sprintf("\x1b]8;id=%d;%s\x07", h.Sum32(), u)
	}
	t.Run("on by default, with the target as it is", func(t *testing.T) {
		m, _ := linkModel(t, 90, 30, linkBody, Options{})
		settle(t, m, press(m, "enter"))
		content := strings.Join(m.reader.lines, "\n")
		if !strings.Contains(content, osc8("https://example.com/one")) || !strings.Contains(content, "\x1b]8;;\x07") {
			t.Errorf("no OSC 8 hyperlink for the first link in %q", content)
		}
	})
	t.Run("off, no OSC 8 sequence is left but the text is", func(t *testing.T) {
		m, _ := linkModel(t, 90, 30, linkBody, Options{NoHyperlinks: true})
		settle(t, m, press(m, "enter"))
		content := strings.Join(m.reader.lines, "\n")
		if strings.Contains(content, "\x1b]8") {
			t.Errorf("an OSC 8 sequence is left: %q", content)
		}
		if !strings.Contains(ansi.Strip(content), "the first link [2]") {
			t.Errorf("the link text went too:\n%s", ansi.Strip(content))
		}
	})
	t.Run("a target holding escape sequences reaches the terminal cut of them", func(t *testing.T) {
		// prepare turns a reference to a control character into one to
		// U+FFFD, and goldmark keeps references in targets as written.
		body := "[evil](https://example.com/a&#27;]52;c;ZXZpbA==&#7;b) and [bell](https://example.com/&#x1b;[2J)\n"
		m, _ := linkModel(t, 90, 30, body, Options{})
		settle(t, m, press(m, "enter"))
		content := strings.Join(m.reader.lines, "\n")
		for _, want := range []string{
			osc8("https://example.com/a&#xFFFD;]52;c;ZXZpbA==&#xFFFD;b"),
			osc8("https://example.com/&#xFFFD;[2J"),
		} {
			if !strings.Contains(content, want) {
				t.Errorf("want the exact bytes %q in %q", want, content)
			}
		}
		checkHyperlinks(t, content)
	})
}

func TestWithoutHyperlinks(t *testing.T) {
	for _, c := range []struct{ name, in, want string }{
		{"a BEL-ended link keeps its text", "a \x1b]8;id=1;https://x.example\x07text\x1b]8;;\x07 b", "a text b"},
		{"an ST-ended link keeps its text", "\x1b]8;;https://x.example\x1b\\t\x1b]8;;\x1b\\", "t"},
		{"colours stay", "\x1b[1mbold\x1b[m", "\x1b[1mbold\x1b[m"},
		{"an unfinished sequence goes", "x\x1b]8;;https://x", "x"},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := withoutHyperlinks(c.in); got != c.want {
				t.Errorf("got %q, want %q", got, c.want)
			}
		})
	}
}
