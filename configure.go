package main

import (
	"context"
	"fmt"
	"image/color"
	"io"
	"path/filepath"
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/adrg/xdg"

	"newsread/articles"
	"newsread/config"
	"newsread/ui"
)

// paletteToken is one colour of ui.Palette under its configuration name.
type paletteToken struct {
	name, desc string
	at         func(p *ui.Palette) *color.Color
}

// paletteTokens are the colours of a theme, in the printed order.
var paletteTokens = []paletteToken{
	{"text", "titles and text", func(p *ui.Palette) *color.Color { return &p.Text }},
	{"muted", "source and date columns, the status line", func(p *ui.Palette) *color.Color { return &p.Muted }},
	{"accent", "marks, headings, the filter prompt", func(p *ui.Palette) *color.Color { return &p.Accent }},
	{"selected_fg", "the row under the cursor: text", func(p *ui.Palette) *color.Color { return &p.SelectedFg }},
	{"selected_bg", "the row under the cursor: background", func(p *ui.Palette) *color.Color { return &p.SelectedBg }},
	{"blurred_bg", "that row while the reader has the keys", func(p *ui.Palette) *color.Color { return &p.BlurredBg }},
	{"rule", "the line between the panes", func(p *ui.Palette) *color.Color { return &p.Rule }},
	{"warning", "the problems count, search matches", func(p *ui.Palette) *color.Color { return &p.Warning }},
	{"error", "errors, the current find", func(p *ui.Palette) *color.Color { return &p.Error }},
	{"link", "the link above an article", func(p *ui.Palette) *color.Color { return &p.Link }},
}

// defaultConfig is the configuration of a program without a file: the
// keys of ui.DefaultKeyMap, its palettes, and the flags' defaults.
func defaultConfig() config.Config {
	km := ui.DefaultKeyMap()
	var keys []config.Binding
	for _, a := range km.Actions() {
		keys = append(keys, config.Binding{Action: a.Name, Keys: a.Binding.Keys(), Desc: a.Binding.Help().Desc})
	}
	return config.Config{
		Keys:  keys,
		Theme: config.Theme{Dark: paletteColours(ui.DarkPalette()), Light: paletteColours(ui.LightPalette())},
		Layout: config.Layout{WideAbove: 100, ListWidth: 40, ReadingWidth: defaultReadingWidth,
			DateFormat: config.RelativeDate, Columns: []string{"source", "date"}},
		Behaviour: config.Behaviour{MarkReadOnOpen: true, RefreshOnStart: true, FullText: []string{}},
		Searches:  map[string]string{},
	}
}

func paletteColours(p ui.Palette) []config.Colour {
	out := make([]config.Colour, len(paletteTokens))
	for i, t := range paletteTokens {
		out[i] = config.Colour{Token: t.name, Hex: hexOf(*t.at(&p)), Desc: t.desc}
	}
	return out
}

// hexOf writes c as #RRGGBB.
func hexOf(c color.Color) string {
	r, g, b, _ := c.RGBA()
	return fmt.Sprintf("#%02X%02X%02X", r>>8, g>>8, b>>8)
}

// palette is p with the colours of a theme.
func palette(p ui.Palette, colours []config.Colour) *ui.Palette {
	for i, t := range paletteTokens {
		if i < len(colours) {
			*t.at(&p) = lipgloss.Color(colours[i].Hex)
		}
	}
	return &p
}

// configPath is the configuration file: --config, else the one under
// $XDG_CONFIG_HOME.
func configPath(opts options) (path string, named bool) {
	if opts.config != "" {
		return config.ExpandHome(opts.config), true
	}
	return config.Path(xdg.ConfigHome), false
}

// loadConfig reads the configuration file over the defaults.
func loadConfig(opts options) (config.Config, []config.Problem) {
	path, named := configPath(opts)
	return config.Load(path, named, defaultConfig(), ui.StyleNames())
}

// configProblems are the problems of the file as the screen lists them
// under !.
func configProblems(ps []config.Problem) []articles.Problem {
	out := make([]articles.Problem, len(ps))
	for i, p := range ps {
		why := p.Why
		if p.Key != "" {
			why = p.Key + ": " + why
		}
		out[i] = articles.Problem{Where: p.Where(), Err: problemText(why)}
	}
	return out
}

// problemText is a problem already worded.
type problemText string

func (p problemText) Error() string { return string(p) }

// writeConfigProblems prints the problems of the file, for the modes that
// print instead of drawing.
func writeConfigProblems(w io.Writer, ps []config.Problem) {
	for _, p := range ps {
		fmt.Fprintln(w, "newsread:", p.Error())
	}
}

// applyConfig fills the options no flag set from the file: flags override
// the file, the file overrides the defaults.
func applyConfig(o *options, c config.Config) {
	if !o.set["style"] {
		o.style = config.ExpandHome(c.Theme.Style)
	}
	if !o.set["reading-width"] {
		o.readingWidth = c.Layout.ReadingWidth
	}
	if !o.set["refresh-every"] {
		o.refreshEvery = c.Behaviour.RefreshEvery
	}
	if !o.set["player"] {
		o.player = c.Behaviour.Player
	}
	if !o.set["browser-in-terminal"] {
		o.browserInTerminal = c.Behaviour.BrowserInTerminal
	}
	if !o.set["save-dir"] && c.Behaviour.SaveDir != "" {
		o.saveDir = filepath.Clean(config.ExpandHome(c.Behaviour.SaveDir))
	}
	o.browser = c.Behaviour.Browser
}

// keyMap is the default key map with the file's bindings.
func keyMap(c config.Config) *ui.KeyMap {
	km := ui.DefaultKeyMap()
	bound := map[string][]string{}
	for _, b := range c.Keys {
		bound[b.Action] = b.Keys
	}
	for _, a := range km.Actions() {
		if keys, ok := bound[a.Name]; ok && !equalKeys(keys, a.Binding.Keys()) {
			ui.Rebind(a.Binding, keys)
		}
	}
	return &km
}

func equalKeys(a, b []string) bool {
	return strings.Join(a, "\x00") == strings.Join(b, "\x00")
}

// withConfig is o with what the file sets beyond the flags: keys,
// colours, layout, behaviour and its problems.
func withConfig(o ui.Options, c config.Config, problems []config.Problem) ui.Options {
	o.DateFormat = c.Layout.DateFormat
	if o.DateFormat == config.RelativeDate {
		o.DateFormat = ""
	}
	o.Keys = keyMap(c)
	o.Dark, o.Light = palette(ui.DarkPalette(), c.Theme.Dark), palette(ui.LightPalette(), c.Theme.Light)
	o.WideAbove, o.ListPercent = c.Layout.WideAbove, c.Layout.ListWidth
	o.Columns = c.Layout.Columns
	o.KeepUnread, o.HideRead = !c.Behaviour.MarkReadOnOpen, c.Behaviour.HideRead
	o.Problems = configProblems(problems)
	return o
}

// newScreen is ui.New, which a style file the configuration names (no
// flag) cannot stop: it becomes a problem under ! and the style follows
// the terminal.
func newScreen(o ui.Options, opts options) (*ui.Model, error) {
	m, err := ui.New(o)
	if err == nil || opts.set["style"] || o.Style == "" {
		return m, err
	}
	path, _ := configPath(opts)
	o.Problems = append(o.Problems, articles.Problem{Where: path, Err: fmt.Errorf("theme.style: %w", err)})
	o.Style = ""
	return ui.New(o)
}

// savedSearches adds the file's searches to those of the store: the
// store's win a name both have, as they were saved last.
type savedSearches struct {
	ui.Searcher
	extra map[string]string
}

func (s savedSearches) Saved(ctx context.Context) (map[string]string, error) {
	saved, err := s.Searcher.Saved(ctx)
	out := make(map[string]string, len(saved)+len(s.extra))
	for k, v := range s.extra {
		out[k] = v
	}
	for k, v := range saved {
		out[k] = v
	}
	return out, err
}
