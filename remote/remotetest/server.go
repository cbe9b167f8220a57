// Package remotetest runs a real Miniflux (v2.3.5, with a throw-away
// PostgreSQL cluster) on loopback for tests of clients of feed servers:
// one server for the whole test process, started on first use by Start
// or NewUser and stopped by Stop, which TestMain calls; a user of its
// own for every test, with an API key and the Google Reader API turned
// on; feeds served from a loopback server the tests can add items to;
// and a proxy that can be stopped and started, as a server goes away and
// comes back.
//
// Without miniflux.app or PostgreSQL's initdb the tests that ask for the
// server skip, unless NEWSREAD_SERVER_TESTS=required (as in CI): then
// they fail. With -short they skip too (but for required).
//
// Only tests use this package.
package remotetest

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httputil"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"
)

// Required is the environment variable that turns a skip into a failure
// when its value is "required".
const Required = "NEWSREAD_SERVER_TESTS"

// Server is the running Miniflux and its database.
type Server struct {
	// URL is Miniflux's address, without a trailing slash.
	URL string

	adminUser, adminPwd string
	pg                  *postgres
	mf                  *exec.Cmd
	mfDone              chan error
	logDir              string
	feeds               *feedServer
	users               atomic.Int64
}

var shared struct {
	mu   sync.Mutex
	done bool
	srv  *Server
	skip string
	err  error
}

// Start returns the shared server, starting it on first use; or it skips
// tb (fails it when NEWSREAD_SERVER_TESTS=required) when the programs
// are missing or with -short. A server that failed to start fails tb.
func Start(tb testing.TB) *Server {
	tb.Helper()
	required := os.Getenv(Required) == "required"
	if testing.Short() && !required {
		tb.Skip("a real Miniflux is not started with -short")
	}
	shared.mu.Lock()
	if !shared.done {
		shared.srv, shared.skip, shared.err = startServer()
		shared.done = true
	}
	srv, skip, err := shared.srv, shared.skip, shared.err
	shared.mu.Unlock()
	if skip != "" {
		if required {
			tb.Fatalf("%s, and %s=required", skip, Required)
		}
		tb.Skip(skip + " (.ci/run installs both; set " + Required + "=required to fail instead)")
	}
	if err != nil {
		tb.Fatal(err)
	}
	return srv
}

// Stop stops the shared server, if it was started, and removes its
// files. Call it from TestMain after m.Run.
func Stop() {
	shared.mu.Lock()
	defer shared.mu.Unlock()
	if shared.srv != nil {
		shared.srv.stop()
		shared.srv = nil
	}
}

// findMiniflux looks on PATH and in $(go env GOPATH)/bin.
func findMiniflux() string {
	if p, err := exec.LookPath("miniflux.app"); err == nil {
		return p
	}
	dirs := []string{}
	if gobin := os.Getenv("GOBIN"); gobin != "" {
		dirs = append(dirs, gobin)
	}
	if out, err := exec.Command("go", "env", "GOPATH").Output(); err == nil {
		for _, d := range filepath.SplitList(strings.TrimSpace(string(out))) {
			dirs = append(dirs, filepath.Join(d, "bin"))
		}
	}
	for _, d := range dirs {
		p := filepath.Join(d, "miniflux.app")
		if fi, err := os.Stat(p); err == nil && !fi.IsDir() {
			return p
		}
	}
	return ""
}

// findPostgres is the directory of initdb, pg_ctl and psql: on PATH
// (links resolved) or the newest /usr/lib/postgresql/*/bin.
func findPostgres() string {
	if p, err := exec.LookPath("initdb"); err == nil {
		if real, err := filepath.EvalSymlinks(p); err == nil {
			p = real
		}
		dir := filepath.Dir(p)
		if _, err := os.Stat(filepath.Join(dir, "pg_ctl")); err == nil {
			return dir
		}
	}
	dirs, _ := filepath.Glob("/usr/lib/postgresql/*/bin")
	slices.SortFunc(dirs, func(a, b string) int {
		va, _ := strconv.Atoi(filepath.Base(filepath.Dir(a)))
		vb, _ := strconv.Atoi(filepath.Base(filepath.Dir(b)))
		return va - vb
	})
	for i := len(dirs) - 1; i >= 0; i-- {
		if _, err := os.Stat(filepath.Join(dirs[i], "initdb")); err == nil {
			return dirs[i]
		}
	}
	return ""
}

func freePort() (string, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	defer l.Close()
	_, port, err := net.SplitHostPort(l.Addr().String())
	return port, err
}

func startServer() (srv *Server, skip string, err error) {
	bin := findMiniflux()
	if bin == "" {
		return nil, "miniflux.app not found on PATH or in $(go env GOPATH)/bin (go install miniflux.app/v2@v2.3.5)", nil
	}
	pgBin := findPostgres()
	if pgBin == "" {
		return nil, "PostgreSQL's initdb not found on PATH or in /usr/lib/postgresql/*/bin (apt-get install postgresql)", nil
	}
	srv = &Server{adminUser: "admin", adminPwd: "admin-secret", feeds: newFeedServer()}
	defer func() {
		if err != nil {
			srv.stop()
			srv = nil
		}
	}()
	if srv.pg, err = startPostgres(pgBin); err != nil {
		return srv, "", err
	}
	if srv.logDir, err = os.MkdirTemp("", "newsread-miniflux-"); err != nil {
		return srv, "", err
	}
	port, err := freePort()
	if err != nil {
		return srv, "", err
	}
	srv.URL = "http://127.0.0.1:" + port
	logFile, err := os.Create(filepath.Join(srv.logDir, "miniflux.log"))
	if err != nil {
		return srv, "", err
	}
	defer logFile.Close()
	cmd := exec.Command(bin)
	cmd.Env = append(os.Environ(),
		"DATABASE_URL=postgres://miniflux:secret@127.0.0.1:"+srv.pg.port+"/miniflux?sslmode=disable",
		"RUN_MIGRATIONS=1", "CREATE_ADMIN=1",
		"ADMIN_USERNAME="+srv.adminUser, "ADMIN_PASSWORD="+srv.adminPwd,
		"LISTEN_ADDR=127.0.0.1:"+port, "BASE_URL="+srv.URL+"/",
		"FETCHER_ALLOW_PRIVATE_NETWORKS=1", "DISABLE_SCHEDULER_SERVICE=1",
		"WORKER_POOL_SIZE=2", "LOG_LEVEL=info",
	)
	cmd.Stdout, cmd.Stderr = logFile, logFile
	if err := cmd.Start(); err != nil {
		return srv, "", fmt.Errorf("start %s: %w", bin, err)
	}
	srv.mf, srv.mfDone = cmd, make(chan error, 1)
	go func() { srv.mfDone <- cmd.Wait() }()
	if err := srv.waitHealthy(30 * time.Second); err != nil {
		return srv, "", fmt.Errorf("%w\nMiniflux log:\n%s", err, srv.Log())
	}
	return srv, "", nil
}

// waitHealthy polls /healthcheck until it says OK, Miniflux exits or the
// time is up.
func (s *Server) waitHealthy(limit time.Duration) error {
	deadline := time.Now().Add(limit)
	tick := time.NewTicker(50 * time.Millisecond)
	defer tick.Stop()
	for time.Now().Before(deadline) {
		resp, err := http.Get(s.URL + "/healthcheck")
		if err == nil {
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK && strings.TrimSpace(string(body)) == "OK" {
				return nil
			}
		}
		select {
		case err := <-s.mfDone:
			s.mf = nil
			return fmt.Errorf("miniflux stopped before it was ready: %v", err)
		case <-tick.C:
		}
	}
	return fmt.Errorf("miniflux was not healthy after %s", limit)
}

// Log is the end of Miniflux's log, for a failing test to show.
func (s *Server) Log() string {
	b, _ := os.ReadFile(filepath.Join(s.logDir, "miniflux.log"))
	if len(b) > 8000 {
		b = b[len(b)-8000:]
	}
	return string(b)
}

// stop ends Miniflux (SIGTERM, then SIGKILL after 5 s), then PostgreSQL,
// and removes their directories.
func (s *Server) stop() {
	if s.mf != nil && s.mf.Process != nil {
		s.mf.Process.Signal(syscall.SIGTERM)
		select {
		case <-s.mfDone:
		case <-time.After(5 * time.Second):
			s.mf.Process.Kill()
			<-s.mfDone
		}
		s.mf = nil
	}
	if s.pg != nil {
		s.pg.stop()
		s.pg = nil
	}
	if s.feeds != nil {
		s.feeds.srv.Close()
	}
	if s.logDir != "" {
		os.RemoveAll(s.logDir)
	}
}

// ServeFeed serves n more items in the feed at path on the loopback feed
// server (made, titled title, when missing), published at at when it is
// not zero, else an hour after the feed's last item (the first at
// Epoch plus an hour). It returns the feed's URL and the new items'
// links. Miniflux is not told: see User.Subscribe and User.AddItems.
func (s *Server) ServeFeed(path, title string, n int, at time.Time) (feedURL string, links []string) {
	return s.feeds.srv.URL + path, s.feeds.add(path, title, n, at)
}

// User is a Miniflux user of one test, with an API key and the Google
// Reader API turned on (same password).
type User struct {
	// URL is the server's address as the user's clients reach it: the
	// server's own, or a proxy's.
	URL string
	// Name and Password sign in, to the REST API (basic) and to Google
	// Reader's ClientLogin.
	Name, Password string
	// Token is an API key of the user, for the REST API.
	Token string
	// FeedPrefix starts the paths of this user's feeds on the feed
	// server.
	FeedPrefix string

	srv *Server
}

// NewUser makes a user on the shared server (started when it is not
// yet), with an API key and Google Reader on.
func NewUser(tb testing.TB) *User {
	tb.Helper()
	s := Start(tb)
	n := s.users.Add(1)
	u := &User{URL: s.URL, srv: s, Name: fmt.Sprintf("reader%d", n), Password: fmt.Sprintf("password-%d", n), FeedPrefix: fmt.Sprintf("/u%d/", n)}
	s.Admin().REST(tb, http.MethodPost, "/v1/users", map[string]any{"username": u.Name, "password": u.Password, "is_admin": false}, nil)
	var key struct {
		Token string `json:"token"`
	}
	u.REST(tb, http.MethodPost, "/v1/api-keys", map[string]string{"description": "newsread test"}, &key)
	u.Token = key.Token
	// Miniflux has no API for its integrations: turn Google Reader on in
	// the database, with the user's own password (its bcrypt hash).
	// (The user name is ours: letters and digits only.)
	q := fmt.Sprintf(`UPDATE integrations SET googlereader_enabled='t', googlereader_username='%[1]s',
		googlereader_password=(SELECT password FROM users WHERE username='%[1]s')
		WHERE user_id=(SELECT id FROM users WHERE username='%[1]s')`, u.Name)
	if err := s.pg.sql("miniflux", q); err != nil {
		tb.Fatal(err)
	}
	return u
}

// Admin is the administrator, for the REST API only.
func (s *Server) Admin() *User {
	return &User{URL: s.URL, srv: s, Name: s.adminUser, Password: s.adminPwd}
}

// Server is the server the user is on.
func (u *User) Server() *Server { return u.srv }

// REST calls Miniflux's REST API directly (basic authentication, on the
// server's own address), for setting up and for reading back what a
// client did; in is sent as JSON, out is decoded from JSON when not
// nil. Anything but a 2xx answer fails tb.
func (u *User) REST(tb testing.TB, method, path string, in, out any) {
	tb.Helper()
	var body io.Reader
	if in != nil {
		b, _ := json.Marshal(in)
		body = bytes.NewReader(b)
	}
	req, err := http.NewRequestWithContext(context.Background(), method, u.srv.URL+path, body)
	if err != nil {
		tb.Fatal(err)
	}
	req.SetBasicAuth(u.Name, u.Password)
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		tb.Fatal(err)
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	if resp.StatusCode/100 != 2 {
		tb.Fatalf("%s %s: HTTP %d: %s", method, path, resp.StatusCode, data)
	}
	if out != nil {
		if err := json.Unmarshal(data, out); err != nil {
			tb.Fatalf("%s %s: %v", method, path, err)
		}
	}
}

// Subscribe serves a feed of n items under the user's prefix and
// subscribes the user to it in category (made when missing). It returns
// the feed's URL and its Miniflux id. Miniflux has fetched the items
// when it returns.
func (u *User) Subscribe(tb testing.TB, name, category string, n int) (feedURL string, feedID int64) {
	tb.Helper()
	feedURL, _ = u.srv.ServeFeed(u.FeedPrefix+name+".xml", name, n, time.Time{})
	var cats []struct {
		ID    int64  `json:"id"`
		Title string `json:"title"`
	}
	u.REST(tb, http.MethodGet, "/v1/categories", nil, &cats)
	var catID int64
	for _, c := range cats {
		if c.Title == category {
			catID = c.ID
		}
	}
	if catID == 0 {
		var c struct {
			ID int64 `json:"id"`
		}
		u.REST(tb, http.MethodPost, "/v1/categories", map[string]string{"title": category}, &c)
		catID = c.ID
	}
	var created struct {
		FeedID int64 `json:"feed_id"`
	}
	u.REST(tb, http.MethodPost, "/v1/feeds", map[string]any{"feed_url": feedURL, "category_id": catID}, &created)
	return feedURL, created.FeedID
}

// AddItems adds n items to the user's feed name (made by Subscribe),
// published at at when it is not zero, has Miniflux fetch the feed
// again, and returns the new items' links.
func (u *User) AddItems(tb testing.TB, name string, feedID int64, n int, at time.Time) []string {
	tb.Helper()
	_, links := u.srv.ServeFeed(u.FeedPrefix+name+".xml", name, n, at)
	u.REST(tb, http.MethodPut, fmt.Sprintf("/v1/feeds/%d/refresh", feedID), nil, nil)
	return links
}

// Entry is an entry as Miniflux's REST API says it is.
type Entry struct {
	ID      int64  `json:"id"`
	Title   string `json:"title"`
	Status  string `json:"status"` // "read" or "unread"
	Starred bool   `json:"starred"`
	URL     string `json:"url"`
}

// Entry reads back the entry of id (Miniflux's entry id, which both
// protocols give as the item's ID).
func (u *User) Entry(tb testing.TB, id string) Entry {
	tb.Helper()
	var e Entry
	u.REST(tb, http.MethodGet, "/v1/entries/"+id, nil, &e)
	return e
}

// Entries are all the user's entries, by their link.
func (u *User) Entries(tb testing.TB) map[string]Entry {
	tb.Helper()
	out := map[string]Entry{}
	for offset := 0; ; {
		var page struct {
			Total   int     `json:"total"`
			Entries []Entry `json:"entries"`
		}
		u.REST(tb, http.MethodGet, fmt.Sprintf("/v1/entries?limit=500&offset=%d&order=id", offset), nil, &page)
		for _, e := range page.Entries {
			out[e.URL] = e
		}
		offset += len(page.Entries)
		if len(page.Entries) == 0 || offset >= page.Total {
			return out
		}
	}
}

// SetStatus marks the entries ids "read" or "unread" through the REST
// API, as another client of the server would.
func (u *User) SetStatus(tb testing.TB, ids []int64, status string) {
	tb.Helper()
	u.REST(tb, http.MethodPut, "/v1/entries", map[string]any{"entry_ids": ids, "status": status}, nil)
}

// SetStarred stars the entries ids, or unstars them, through the REST
// API.
func (u *User) SetStarred(tb testing.TB, ids []int64, starred bool) {
	tb.Helper()
	u.REST(tb, http.MethodPut, "/v1/entries", map[string]any{"entry_ids": ids, "starred": starred}, nil)
}

// Proxy is a loopback proxy to a server that can be stopped and started
// again on the same address, as a server goes away and comes back.
type Proxy struct {
	mu    sync.Mutex
	addr  string
	proxy http.Handler
	srv   *http.Server
}

// NewProxy starts a proxy to target (a URL); tb's cleanup stops it.
func NewProxy(tb testing.TB, target string) *Proxy {
	tb.Helper()
	u, err := url.Parse(target)
	if err != nil {
		tb.Fatal(err)
	}
	p := &Proxy{proxy: httputil.NewSingleHostReverseProxy(u), addr: "127.0.0.1:0"}
	p.Start(tb)
	tb.Cleanup(p.Stop)
	return p
}

// URL is the proxy's address, the same after a Stop and Start.
func (p *Proxy) URL() string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return "http://" + p.addr
}

// Start serves again on the proxy's address (a new one the first time).
func (p *Proxy) Start(tb testing.TB) {
	tb.Helper()
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.srv != nil {
		return
	}
	l, err := net.Listen("tcp", p.addr)
	if err != nil {
		tb.Fatal(err)
	}
	p.addr = l.Addr().String()
	p.srv = &http.Server{Handler: p.proxy}
	go p.srv.Serve(l)
}

// Stop closes the proxy's address and the connections through it: a
// client then cannot reach the server.
func (p *Proxy) Stop() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.srv != nil {
		p.srv.Close()
		p.srv = nil
	}
}
