package articles

import (
	"os"
	"path/filepath"
	"testing"
)

func TestStatFileAgreesWithOsStat(t *testing.T) {
	root := t.TempDir()
	writeFiles(t, root, map[string]string{"a.md": "# A\n\nBody.\n"})
	age(t, root, 0, "a.md")
	link := filepath.Join(root, "link.md")
	if err := os.Symlink(filepath.Join(root, "a.md"), link); err != nil {
		t.Skip("no symlinks here:", err)
	}
	for _, c := range []struct{ name, path string }{
		{"a file", filepath.Join(root, "a.md")},
		{"a link to a file, followed", link},
		{"a folder, not regular", root},
		{"a missing file, not ok", filepath.Join(root, "gone.md")},
	} {
		t.Run(c.name, func(t *testing.T) {
			got := statFile(c.path)
			fi, err := os.Stat(c.path)
			if err != nil {
				if got.ok {
					t.Errorf("ok for a file os.Stat cannot stat (%v)", err)
				}
				return
			}
			if !got.ok || got.size != fi.Size() || !got.modTime.Equal(fi.ModTime()) || got.regular != fi.Mode().IsRegular() {
				t.Errorf("got %+v, want size %d, time %v, regular %v", got, fi.Size(), fi.ModTime(), fi.Mode().IsRegular())
			}
		})
	}
}
