package main

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// importRule is one row of the package table in DESIGN.md.
type importRule struct {
	dir       string
	forbidden []string // import path prefixes
	noStdin   bool     // os.Stdin may not be used
}

var charmPrefixes = []string{"charm.land/", "github.com/charmbracelet/"}

func importRules() []importRule {
	return []importRule{
		{dir: "articles", forbidden: append([]string{"newsread/", "net/http"}, charmPrefixes...)},
		{dir: "feed", forbidden: append([]string{"newsread/ui", "newsread/store"}, charmPrefixes...)},
		{dir: "input", forbidden: append([]string{"newsread/ui", "newsread/store"}, charmPrefixes...)},
		{dir: "store", forbidden: append([]string{"newsread/ui", "newsread/feed"}, charmPrefixes...)},
		{dir: "ui", forbidden: []string{"newsread/feed", "newsread/store", "newsread/launch", "net/http"}, noStdin: true},
		{dir: "config", forbidden: append([]string{"newsread/ui", "newsread/store", "newsread/feed", "newsread/input", "newsread/launch", "net/http"}, charmPrefixes...), noStdin: true},
		{dir: "remote", forbidden: append([]string{"newsread/ui", "newsread/store", "newsread/feed", "newsread/input"}, charmPrefixes...)},
		{dir: "launch", forbidden: append([]string{"newsread/", "net/http"}, charmPrefixes...), noStdin: true},
	}
}

// TestImportRules keeps the package table of DESIGN.md true: each package
// imports only what it may. Test files may use test libraries (teatest in
// ui, httptest in feed) but never a newsread package their code may not.
func TestImportRules(t *testing.T) {
	for _, rule := range importRules() {
		t.Run(rule.dir+" imports only what it may", func(t *testing.T) {
			// Packages inside (feed/internal/...) follow their parent's rule.
			var files []string
			err := filepath.WalkDir(rule.dir, func(path string, d os.DirEntry, err error) error {
				if err == nil && !d.IsDir() && strings.HasSuffix(path, ".go") {
					files = append(files, path)
				}
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			if len(files) == 0 {
				if _, err := os.Stat(rule.dir); os.IsNotExist(err) {
					t.Skipf("package %s does not exist yet", rule.dir)
				}
			}
			for _, file := range files {
				checkFile(t, rule, file)
			}
		})
	}
}

// testOnly are packages for tests: no code but a test may import them
// (outside themselves).
var testOnly = []string{"newsread/remote/remotetest"}

// TestOnlyTestsImportTestHelpers keeps the helpers that start servers
// and the like out of newsread itself.
func TestOnlyTestsImportTestHelpers(t *testing.T) {
	err := filepath.WalkDir(".", func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && path != "." && strings.HasPrefix(d.Name(), ".") {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		checkTestOnly(t, path)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// checkTestOnly reports an import of a test helper by file, a file that
// is not a test, unless file is in the helper itself.
func checkTestOnly(t reporter, file string) {
	t.Helper()
	f, err := parser.ParseFile(token.NewFileSet(), file, nil, parser.ImportsOnly)
	if err != nil {
		t.Fatalf("parse %s: %v", file, err)
	}
	for _, imp := range f.Imports {
		path, _ := strconv.Unquote(imp.Path.Value)
		for _, helper := range testOnly {
			inside := strings.HasPrefix(filepath.ToSlash(filepath.Dir(file)), strings.TrimPrefix(helper, "newsread/"))
			if path == helper && !inside {
				t.Errorf("%s imports %s, which only tests may import", file, path)
			}
		}
	}
}

// reporter is the part of testing.T that checkFile needs, so the checker
// itself can be tested against a file that breaks the rules.
type reporter interface {
	Helper()
	Errorf(format string, args ...any)
	Fatalf(format string, args ...any)
}

func checkFile(t reporter, rule importRule, file string) {
	t.Helper()
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, file, nil, parser.SkipObjectResolution)
	if err != nil {
		t.Fatalf("parse %s: %v", file, err)
	}
	isTest := strings.HasSuffix(file, "_test.go")
	for _, imp := range f.Imports {
		path, _ := strconv.Unquote(imp.Path.Value)
		for _, bad := range rule.forbidden {
			if isTest && !strings.HasPrefix(bad, "newsread/") {
				continue
			}
			if path == bad || strings.HasPrefix(path, bad) {
				t.Errorf("%s imports %s, which package %s must not import", file, path, rule.dir)
			}
		}
	}
	if rule.noStdin && !isTest {
		ast.Inspect(f, func(n ast.Node) bool {
			sel, ok := n.(*ast.SelectorExpr)
			if !ok {
				return true
			}
			if id, ok := sel.X.(*ast.Ident); ok && id.Name == "os" && sel.Sel.Name == "Stdin" {
				t.Errorf("%s uses os.Stdin at %s; the UI gets its input from main", file, fset.Position(sel.Pos()))
			}
			return true
		})
	}
}

type recorder struct{ errors int }

func (r *recorder) Helper()                   {}
func (r *recorder) Errorf(string, ...any)     { r.errors++ }
func (r *recorder) Fatalf(f string, a ...any) { r.errors++ }

func TestImportRulesCatchAViolation(t *testing.T) {
	file := filepath.Join(t.TempDir(), "bad.go")
	src := "package ui\nimport (\n\t\"net/http\"\n\t\"os\"\n)\nvar _ = http.Get\nvar _ = os.Stdin\n"
	if err := os.WriteFile(file, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	rec := &recorder{}
	checkFile(rec, importRule{dir: "ui", forbidden: []string{"net/http"}, noStdin: true}, file)
	if rec.errors != 2 {
		t.Errorf("want 2 violations reported (net/http and os.Stdin), got %d", rec.errors)
	}
	helper := filepath.Join(t.TempDir(), "helper.go")
	if err := os.WriteFile(helper, []byte("package main\nimport _ \"newsread/remote/remotetest\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	rec = &recorder{}
	checkTestOnly(rec, helper)
	if rec.errors != 1 {
		t.Errorf("want the import of a test helper by code reported, got %d reports", rec.errors)
	}
}
