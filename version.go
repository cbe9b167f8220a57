package main

import (
	"runtime/debug"
	"strings"
)

// version may be set at build time with -ldflags "-X main.version=...";
// otherwise it comes from the build information.
var version = ""

// buildVersion is the module version `go install module@version` records,
// or for a build from a checkout the VCS revision (and whether the tree
// had changes), as the Go toolchain embeds them.
func buildVersion(info *debug.BuildInfo, ok bool) string {
	if version != "" {
		return version
	}
	if !ok {
		return "devel"
	}
	v := info.Main.Version
	if v != "" && v != "(devel)" {
		return v
	}
	var rev, modified string
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			modified = s.Value
		}
	}
	if rev == "" {
		return "devel"
	}
	if len(rev) > 12 {
		rev = rev[:12]
	}
	v = "devel+" + rev
	if modified == "true" {
		v += ".dirty"
	}
	return v
}

// currentVersion is this binary's version.
func currentVersion() string {
	info, ok := debug.ReadBuildInfo()
	return buildVersion(info, ok)
}

// versionLine is what --version prints: the version, and the commit and
// its date when the build recorded them.
func versionLine() string {
	info, ok := debug.ReadBuildInfo()
	line := "newsread " + buildVersion(info, ok)
	if !ok {
		return line
	}
	var details []string
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			details = append(details, "commit "+s.Value)
		case "vcs.time":
			details = append(details, s.Value)
		}
	}
	details = append(details, info.GoVersion)
	return line + " (" + strings.Join(details, ", ") + ")"
}
