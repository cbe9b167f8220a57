package main

import (
	"flag"
	"fmt"
	"io"
	"sort"
	"strings"

	"newsread/ui"
)

// shells are those --completion writes a script for.
var shells = []string{"bash", "zsh", "fish"}

// flagArg is what a flag's value is, for completion: "" for a switch.
type flagArg struct {
	name, usage string
	// kind is "file", "dir", "words" (values), "subscription" (a
	// subscribed feed's URL) or "any".
	kind   string
	values []string
}

// completionFlags lists the flags of fs as --help shows them (no -h),
// with what their values complete to.
func completionFlags(fs *flag.FlagSet) []flagArg {
	var out []flagArg
	for _, g := range flagGroups {
		for _, name := range g.names {
			f := fs.Lookup(name)
			arg, usage := flag.UnquoteUsage(f)
			fa := flagArg{name: name, usage: firstClause(usage)}
			if _, ok := f.Value.(interface{ IsBoolFlag() bool }); !ok {
				fa.kind = "any"
				switch arg {
				case "FILE":
					fa.kind = "file"
				case "URL":
					if name == "remove" { // only a subscribed feed can go
						fa.kind = "subscription"
					}
				case "DIR":
					fa.kind = "dir"
				case "STYLE":
					fa.kind, fa.values = "words", ui.StyleNames()
				case "SHELL":
					fa.kind, fa.values = "words", shells
				case "WHEN":
					fa.kind, fa.values = "words", []string{"auto", "always", "never"}
				}
			}
			out = append(out, fa)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].name < out[j].name })
	return out
}

// firstClause is the start of a usage, up to its first ";" or "(", for
// the one-line descriptions of zsh and fish.
func firstClause(usage string) string {
	if i := strings.IndexAny(usage, ";("); i > 0 {
		usage = usage[:i]
	}
	return strings.TrimSpace(usage)
}

// subscribedURLs is the shell code that lists the subscribed feed URLs
// from the urls file (newsboat's format: the URL first on each line).
const subscribedURLs = `sed -n 's/^[[:space:]]*\(https\{0,1\}:\/\/[^[:space:]]*\).*/\1/p' "${XDG_CONFIG_HOME:-$HOME/.config}/newsread/urls" 2>/dev/null`

// writeCompletion writes the completion script for shell.
func writeCompletion(w io.Writer, shell string, fs *flag.FlagSet) error {
	flags := completionFlags(fs)
	switch shell {
	case "bash":
		return bashCompletion(w, flags)
	case "zsh":
		return zshCompletion(w, flags)
	case "fish":
		return fishCompletion(w, flags)
	}
	return fmt.Errorf("no completion for %q: use %s", shell, strings.Join(shells, ", "))
}

func bashCompletion(w io.Writer, flags []flagArg) error {
	var names, files, dirs []string
	var cases strings.Builder
	for _, f := range flags {
		names = append(names, "--"+f.name)
		switch f.kind {
		case "file":
			files = append(files, "--"+f.name)
		case "dir":
			dirs = append(dirs, "--"+f.name)
		case "words":
			fmt.Fprintf(&cases, "\t\t--%s) COMPREPLY=($(compgen -W %q -- \"$cur\")); return ;;\n", f.name, strings.Join(f.values, " "))
		case "any":
			fmt.Fprintf(&cases, "\t\t--%s) return ;;\n", f.name)
		case "subscription":
			fmt.Fprintf(&cases, "\t\t--%s) COMPREPLY=($(compgen -W \"$(%s)\" -- \"$cur\")); return ;;\n", f.name, subscribedURLs)
		}
	}
	_, err := fmt.Fprintf(w, `# bash completion for newsread: newsread --completion bash > /etc/bash_completion.d/newsread
_newsread() {
	local cur prev
	cur="${COMP_WORDS[COMP_CWORD]}"
	prev="${COMP_WORDS[COMP_CWORD-1]}"
	case "$prev" in
%s		%s) compopt -o filenames; COMPREPLY=($(compgen -f -- "$cur")); return ;;
		%s) compopt -o filenames; COMPREPLY=($(compgen -d -- "$cur")); return ;;
	esac
	case "$cur" in
		-*) COMPREPLY=($(compgen -W %q -- "$cur")) ;;
		http*) COMPREPLY=($(compgen -W "$(%s)" -- "$cur")) ;;
		*) compopt -o filenames; COMPREPLY=($(compgen -f -- "$cur")) ;;
	esac
}
complete -F _newsread newsread
`, cases.String(), strings.Join(files, "|"), strings.Join(dirs, "|"), strings.Join(names, " "), subscribedURLs)
	return err
}

func zshCompletion(w io.Writer, flags []flagArg) error {
	var b strings.Builder
	for _, f := range flags {
		desc := strings.NewReplacer(`'`, `'\''`, "[", `\[`, "]", `\]`, ":", `\:`).Replace(f.usage)
		switch f.kind {
		case "":
			fmt.Fprintf(&b, "\t\t'--%s[%s]' \\\n", f.name, desc)
		case "file":
			fmt.Fprintf(&b, "\t\t'--%s=[%s]:file:_files' \\\n", f.name, desc)
		case "dir":
			fmt.Fprintf(&b, "\t\t'--%s=[%s]:folder:_files -/' \\\n", f.name, desc)
		case "words":
			fmt.Fprintf(&b, "\t\t'--%s=[%s]:value:(%s)' \\\n", f.name, desc, strings.Join(f.values, " "))
		case "subscription":
			fmt.Fprintf(&b, "\t\t'--%s=[%s]:subscription:_newsread_urls' \\\n", f.name, desc)
		default:
			fmt.Fprintf(&b, "\t\t'--%s=[%s]:value: ' \\\n", f.name, desc)
		}
	}
	_, err := fmt.Fprintf(w, `#compdef newsread
# zsh completion for newsread: newsread --completion zsh > "${fpath[1]}/_newsread"
_newsread_urls() {
	local -a urls
	urls=(${(f)"$(%[1]s)"})
	compadd -a urls
}
_newsread_sources() {
	local -a urls
	urls=(${(f)"$(%[1]s)"})
	_alternative 'files:source:_files' "urls:subscription:(${urls[*]})"
}
_newsread() {
	_arguments -s \
%[2]s		'*:source:_newsread_sources'
}
_newsread "$@"
`, subscribedURLs, b.String())
	return err
}

func fishCompletion(w io.Writer, flags []flagArg) error {
	var b strings.Builder
	b.WriteString("# fish completion for newsread: newsread --completion fish > ~/.config/fish/completions/newsread.fish\n")
	b.WriteString(`function __newsread_urls
	set -l config ~/.config
	set -q XDG_CONFIG_HOME; and set config $XDG_CONFIG_HOME
	sed -n 's/^[[:space:]]*\(https\{0,1\}:\/\/[^[:space:]]*\).*/\1/p' $config/newsread/urls 2>/dev/null
end
complete -c newsread -f -a '(__fish_complete_path (commandline -ct)) (__newsread_urls)'
`)
	for _, f := range flags {
		desc := strings.ReplaceAll(f.usage, "'", `\'`)
		switch f.kind {
		case "":
			fmt.Fprintf(&b, "complete -c newsread -l %s -d '%s'\n", f.name, desc)
		case "file":
			fmt.Fprintf(&b, "complete -c newsread -l %s -r -F -d '%s'\n", f.name, desc)
		case "dir":
			fmt.Fprintf(&b, "complete -c newsread -l %s -r -a '(__fish_complete_directories)' -d '%s'\n", f.name, desc)
		case "words":
			fmt.Fprintf(&b, "complete -c newsread -l %s -x -a '%s' -d '%s'\n", f.name, strings.Join(f.values, " "), desc)
		case "subscription":
			fmt.Fprintf(&b, "complete -c newsread -l %s -x -a '(__newsread_urls)' -d '%s'\n", f.name, desc)
		default:
			fmt.Fprintf(&b, "complete -c newsread -l %s -x -d '%s'\n", f.name, desc)
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}
