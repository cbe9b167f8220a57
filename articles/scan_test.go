package articles

import (
	"context"
	"path/filepath"
	"testing"
	"time"
)

// TestLastBatchDoesNotWaitForTheTimer loads sources whose batch timers
// are set far beyond the test's life: the Done batch must come from the
// end of the files alone, in one batch holding everything.
func TestLastBatchDoesNotWaitForTheTimer(t *testing.T) {
	root := t.TempDir()
	writeFiles(t, root, map[string]string{"news/a.txt": "A\n\nBody A.\n", "news/b.md": "# B\n\nBody B.\n"})
	a, b := filepath.Join(root, "news", "a.txt"), filepath.Join(root, "news", "b.md")
	type source interface {
		Load(context.Context, func(Batch))
	}
	tests := []struct {
		name string
		src  func() (source, *config)
		want int
	}{
		{"one file sends one Done batch", func() (source, *config) { f := NewFile(a); return f, &f.cfg }, 1},
		{"a list of files sends one Done batch", func() (source, *config) { l := NewFiles("list", []string{a, b}); return l, &l.cfg }, 2},
		{"a directory sends one Done batch", func() (source, *config) { d := NewDir(root); return d, &d.cfg }, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src, cfg := tt.src()
			cfg.interval, cfg.firstWait = time.Hour, time.Hour
			r := load(t, context.Background(), src, root)
			if !r.done || r.batches != 1 || len(r.arts) != tt.want {
				t.Errorf("done %v after %d batches with %d articles, want one Done batch with %d", r.done, r.batches, len(r.arts), tt.want)
			}
		})
	}
}
