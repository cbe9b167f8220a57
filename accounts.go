package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"newsread/articles"
	"newsread/config"
	"newsread/remote"
	"newsread/store"
)

// An account is a feed server newsread reads from and syncs with. Its
// items are kept in the store like feed items; marks made on them here
// are queued in the store (in the same transaction as the mark) and sent
// at the next sync; the server's marks are merged by the store's rule.

// secretTimeout bounds a password_command.
const secretTimeout = 10 * time.Second

// newClient makes the client of account a, reading its secret from its
// file or command.
func newClient(ctx context.Context, a config.Account, home string) (remote.Client, error) {
	secret, err := readSecret(ctx, a, home)
	if err != nil {
		return nil, err
	}
	switch a.Protocol {
	case "miniflux":
		if a.TokenFile != "" {
			return remote.NewMiniflux(a.URL, secret, "", "", remote.Options{})
		}
		return remote.NewMiniflux(a.URL, "", a.User, secret, remote.Options{})
	case "greader":
		return remote.NewGReader(a.URL, a.User, secret, remote.Options{})
	}
	return nil, fmt.Errorf("protocol %q: want one of %s", a.Protocol, strings.Join(config.Protocols, ", "))
}

// readSecret is the account's token or password: the first line of its
// file (a leading ~/ is the home folder), or what its command prints.
func readSecret(ctx context.Context, a config.Account, home string) (string, error) {
	expand := func(p string) string {
		if rest, ok := strings.CutPrefix(p, "~/"); ok && home != "" {
			return filepath.Join(home, rest)
		}
		return p
	}
	var out []byte
	var err error
	switch {
	case a.TokenFile != "":
		out, err = os.ReadFile(expand(a.TokenFile))
	case a.PasswordFile != "":
		out, err = os.ReadFile(expand(a.PasswordFile))
	default:
		ctx, cancel := context.WithTimeout(ctx, secretTimeout)
		defer cancel()
		shell, flag := "sh", "-c"
		if runtime.GOOS == "windows" {
			shell, flag = "cmd", "/C"
		}
		cmd := exec.CommandContext(ctx, shell, flag, a.PasswordCommand)
		out, err = cmd.Output()
		if err != nil {
			return "", fmt.Errorf("password_command %q: %w", a.PasswordCommand, err)
		}
	}
	if err != nil {
		return "", fmt.Errorf("the secret: %w", err)
	}
	secret, _, _ := strings.Cut(string(out), "\n")
	secret = strings.TrimSpace(secret)
	if secret == "" {
		return "", errors.New("the secret is empty")
	}
	return secret, nil
}

// syncReport is what one sync of an account did.
type syncReport struct {
	items    int // items that came (new, or changed on the server)
	sent     int // marks sent
	changed  int // articles whose read or starred state the server changed
	requests int
}

func (r syncReport) String() string {
	return fmt.Sprintf("%d items, %d marks sent, %d changed on the server (%d requests)", r.items, r.sent, r.changed, r.requests)
}

// syncAccount sends the account's queued marks, keeps the items that
// came since the last sync, then merges the server's read and starred
// marks. came gets each page of items as it is kept (nil: nobody
// listens). An error stops the sync where it is: what was done is kept
// (the marks sent are off the queue, the pages kept move the cursor),
// and the next sync goes on from there.
func syncAccount(ctx context.Context, st *store.Store, name string, c remote.Client, came func([]articles.Article)) (r syncReport, err error) {
	before := c.Requests()
	// r is the result: counted on every return.
	defer func() { r.requests = c.Requests() - before }()
	sent, err := sendMarks(ctx, st, name, c)
	r.sent = sent
	if err != nil {
		return r, err
	}
	cursor, _, err := st.Cursor(ctx, name)
	if err != nil {
		return r, err
	}
	next, err := c.Items(ctx, remote.Cursor(cursor), func(items []remote.Item) error {
		kept := make([]store.ServerItem, len(items))
		bodies := make(map[string]string, len(items))
		arts := make([]articles.Article, len(items))
		for i, it := range items {
			kept[i] = store.ServerItem{Account: name, ItemID: it.ID, Article: it.Article, Read: it.Read, Starred: it.Starred, Changed: it.Changed}
			if it.HTML != "" {
				bodies[it.Article.ID] = it.HTML
			}
			arts[i] = it.Article
		}
		if err := st.PutServerItems(ctx, name, kept); err != nil {
			return err
		}
		if err := st.PutHTMLBodies(ctx, bodies); err != nil {
			return err
		}
		r.items += len(items)
		if came != nil {
			came(arts)
		}
		return nil
	})
	if err != nil {
		if next != "" && string(next) != cursor {
			err = errors.Join(err, st.SetCursor(ctx, name, string(next)))
		}
		return r, err
	}
	unread, starred, err := c.States(ctx)
	if err != nil {
		return r, err
	}
	if r.changed, err = st.ApplyServerStates(ctx, name, unread, starred, nil); err != nil {
		return r, err
	}
	if next == "" {
		next = remote.Cursor(cursor)
	}
	return r, st.SetCursor(ctx, name, string(next)) // and the time of the sync
}

// sendMarks sends the account's queued marks, the same changes in one
// request each, and takes them off the queue once the server has them.
func sendMarks(ctx context.Context, st *store.Store, name string, c remote.Client) (int, error) {
	marks, err := st.QueuedMarks(ctx, name, 0)
	if err != nil || len(marks) == 0 {
		return 0, err
	}
	type change struct{ read, starred int8 } // 0 unchanged, 1 false, 2 true
	of := func(b *bool) int8 {
		switch {
		case b == nil:
			return 0
		case *b:
			return 2
		}
		return 1
	}
	groups := map[change][]store.QueuedMark{}
	var order []change
	for _, m := range marks {
		k := change{of(m.Read), of(m.Starred)}
		if _, ok := groups[k]; !ok {
			order = append(order, k)
		}
		groups[k] = append(groups[k], m)
	}
	sent := 0
	for _, k := range order {
		g := groups[k]
		ids := make([]string, len(g))
		for i, m := range g {
			ids[i] = m.ItemID
		}
		if err := c.Mark(ctx, ids, remote.Mark{Read: g[0].Read, Starred: g[0].Starred}); err != nil {
			return sent, err
		}
		if err := st.MarksSent(ctx, name, g); err != nil {
			return sent, err
		}
		sent += len(g)
	}
	return sent, nil
}

// accountSource lists an account's items: those the store keeps at once,
// then what a sync brings. The screen never waits for the server: a
// server that does not answer is a problem of this source alone, and the
// marks made meanwhile wait in the store's queue.
type accountSource struct {
	st      *stateStore
	account config.Account
	home    string
	lean    bool // headers only, as the archive lists them (archiveSource.lean)

	mu     sync.Mutex    // one sync at a time
	client remote.Client // made at the first sync

	// listed is the store's LastArticle number when the account's items
	// were last listed or synced: Relist lists only what came since.
	listed atomic.Int64
}

func (s *accountSource) Name() string { return s.account.Name }

// ListsHeaders tells the screen that a lean source lists headers only.
func (s *accountSource) ListsHeaders() bool { return s.lean }

// where names the account in problems.
func (s *accountSource) where() string {
	return "account " + s.account.Name + " (" + s.account.URL + ")"
}

func (s *accountSource) Load(ctx context.Context, send func(articles.Batch)) {
	st, err := s.st.get(ctx)
	if err != nil {
		send(articles.Batch{Problems: []articles.Problem{{Where: s.where(), Err: err}}, Done: true})
		return
	}
	if err := s.listSince(ctx, st, 0, send); err != nil && ctx.Err() == nil {
		send(articles.Batch{Problems: []articles.Problem{{Where: s.where(), Err: err}}})
	}
	s.Refresh(ctx, "", send)
}

// Relist lists what the store got for the account since it last listed
// or synced: what a --refresh in another process brought.
func (s *accountSource) Relist(ctx context.Context, send func(articles.Batch)) {
	b := articles.Batch{Done: true}
	if st, err := s.st.get(ctx); err == nil {
		err = s.listSince(ctx, st, s.listed.Load(), send)
		if err != nil && ctx.Err() == nil {
			b.Problems = []articles.Problem{{Where: s.where(), Err: err}}
		}
	}
	send(b)
}

// listSince sends the account's stored items added after the store's
// article number after, and remembers how far it listed.
func (s *accountSource) listSince(ctx context.Context, st *store.Store, after int64, send func(articles.Batch)) error {
	upTo, err := st.LastArticle(ctx)
	if err != nil {
		return err
	}
	feeds, err := st.AccountFeeds(ctx, s.account.Name)
	if err == nil && len(feeds) > 0 && upTo > after {
		err = st.EachArchived(ctx, feeds, after, upTo, archiveBatch, !s.lean, func(arts []articles.Article) error {
			send(articles.Batch{Articles: arts})
			return ctx.Err()
		})
	}
	if err == nil {
		s.listed.Store(max(s.listed.Load(), upTo))
	}
	return err
}

// Refresh syncs the account and sends what came.
func (s *accountSource) Refresh(ctx context.Context, _ string, send func(articles.Batch)) {
	_, err := s.sync(ctx, func(arts []articles.Article) { send(articles.Batch{Articles: arts}) })
	b := articles.Batch{Done: true} // no Total: an account is not counted as a feed
	if err != nil && ctx.Err() == nil {
		b.Problems = []articles.Problem{{Where: s.where(), Err: err}}
	}
	send(b)
}

// sync syncs the account once.
func (s *accountSource) sync(ctx context.Context, came func([]articles.Article)) (syncReport, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	st, err := s.st.get(ctx)
	if err != nil {
		return syncReport{}, err
	}
	if s.client == nil {
		if s.client, err = newClient(ctx, s.account, s.home); err != nil {
			return syncReport{}, err
		}
	}
	r, err := syncAccount(ctx, st, s.account.Name, s.client, came)
	if upTo, lerr := st.LastArticle(ctx); lerr == nil && err == nil {
		s.listed.Store(max(s.listed.Load(), upTo)) // what came was sent
	}
	return r, err
}

// pushMarks sends the account's queued marks now, without a sync: a
// mark made on the screen reaches the server within moments when it
// answers. A failure leaves them queued for the next sync, which reports
// it.
func (s *accountSource) pushMarks(ctx context.Context) {
	s.mu.Lock()
	defer s.mu.Unlock()
	st, err := s.st.get(ctx)
	if err != nil {
		return
	}
	if marks, err := st.QueuedMarks(ctx, s.account.Name, 1); err != nil || len(marks) == 0 {
		return
	}
	if s.client == nil {
		if s.client, err = newClient(ctx, s.account, s.home); err != nil {
			return
		}
	}
	_, _ = sendMarks(ctx, st, s.account.Name, s.client)
}

func (s *accountSource) Open(ctx context.Context, art articles.Article) (articles.Article, error) {
	return openStored(ctx, s.st, art)
}
