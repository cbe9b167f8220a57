package remote

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strings"

	"newsread/articles"
)

// Stream and tag ids of the Google Reader API; "-" is the user.
const (
	readingList  = "user/-/state/com.google/reading-list"
	readTag      = "user/-/state/com.google/read"
	starredTag   = "user/-/state/com.google/starred"
	grAPI        = "/reader/api/0"
	grMaxIDs     = 10000
	grMaxContent = 1000
)

// GReader is a client of the Google Reader API as Miniflux, FreshRSS,
// Inoreader, The Old Reader and BazQux speak it.
type GReader struct {
	t              *transport
	user, password string
	auth           string // from ClientLogin
	token          string // the T= token for POSTs
	idsPage        int
	contentPage    int
}

var _ Client = (*GReader)(nil)

// NewGReader makes a client of the Google Reader API at baseURL: the
// address under which /accounts/ClientLogin and /reader/api/0/ are (the
// server's root on Miniflux, …/api/greader.php on FreshRSS).
func NewGReader(baseURL, user, password string, o Options) (*GReader, error) {
	t, err := newTransport(baseURL, o, "check the user name and password (on Miniflux, the Google Reader ones in Settings → Integrations)")
	if err != nil {
		return nil, err
	}
	return &GReader{t: t, user: user, password: password,
		idsPage: o.pageSize(grMaxIDs, grMaxIDs), contentPage: o.pageSize(grMaxContent, grMaxContent)}, nil
}

// Requests counts the HTTP requests made so far.
func (g *GReader) Requests() int { return g.t.count() }

// login gets the Auth token with ClientLogin.
func (g *GReader) login(ctx context.Context) error {
	form := url.Values{"Email": {g.user}, "Passwd": {g.password}}
	path := "/accounts/ClientLogin"
	r, err := g.t.send(ctx, http.MethodPost, path, nil, strings.NewReader(form.Encode()),
		http.Header{"Content-Type": {"application/x-www-form-urlencoded"}})
	if err != nil {
		return err
	}
	if err := g.t.check(http.MethodPost, path, r); err != nil {
		return err
	}
	auth := parseClientLogin(r.body)
	if auth == "" {
		return errDecode(g.t.base, "ClientLogin", fmt.Errorf("no Auth= line"))
	}
	g.auth, g.token = auth, ""
	return nil
}

// parseClientLogin finds the Auth= line of a ClientLogin answer.
func parseClientLogin(body []byte) string {
	sc := bufio.NewScanner(bytes.NewReader(body))
	for sc.Scan() {
		if v, ok := strings.CutPrefix(strings.TrimSpace(sc.Text()), "Auth="); ok {
			return v
		}
	}
	return ""
}

// request sends an authorised request: it logs in first when needed, and
// once more when the server has forgotten the login. A POST carries the
// T= token, fetched again once when the server calls it bad.
func (g *GReader) request(ctx context.Context, method, path string, q url.Values, form url.Values) ([]byte, error) {
	relogged, retokened := false, false
	for {
		if g.auth == "" {
			if err := g.login(ctx); err != nil {
				return nil, err
			}
			relogged = true
		}
		if method == http.MethodPost && g.token == "" {
			// Fetching the token may log in again: the header comes after.
			if err := g.fetchToken(ctx); err != nil {
				return nil, err
			}
		}
		h := http.Header{"Authorization": {"GoogleLogin auth=" + g.auth}}
		var body io.Reader
		if method == http.MethodPost {
			f := url.Values{"T": {g.token}}
			for k, v := range form {
				f[k] = v
			}
			body = strings.NewReader(f.Encode())
			h.Set("Content-Type", "application/x-www-form-urlencoded")
		}
		r, err := g.t.send(ctx, method, path, q, body, h)
		if err != nil {
			return nil, err
		}
		if r.status == http.StatusUnauthorized && r.header.Get("X-Reader-Google-Bad-Token") == "true" && !retokened {
			g.token, retokened = "", true
			continue
		}
		if r.status == http.StatusUnauthorized && !relogged {
			g.auth, relogged = "", true
			continue
		}
		if err := g.t.check(method, path, r); err != nil {
			return nil, err
		}
		return r.body, nil
	}
}

func (g *GReader) fetchToken(ctx context.Context) error {
	body, err := g.request(ctx, http.MethodGet, grAPI+"/token", nil, nil)
	if err != nil {
		return err
	}
	g.token = strings.TrimSpace(string(body))
	if g.token == "" {
		return errDecode(g.t.base, "token", fmt.Errorf("empty token"))
	}
	return nil
}

func (g *GReader) getJSON(ctx context.Context, path string, q url.Values, out any) error {
	if q == nil {
		q = url.Values{}
	}
	q.Set("output", "json")
	body, err := g.request(ctx, http.MethodGet, grAPI+path, q, nil)
	if err != nil {
		return err
	}
	if err := json.Unmarshal(body, out); err != nil {
		return errDecode(g.t.base, path, err)
	}
	return nil
}

type grSubscription struct {
	ID         string `json:"id"`
	Title      string `json:"title"`
	URL        string `json:"url"`
	HTMLURL    string `json:"htmlUrl"`
	Categories []struct {
		ID    string `json:"id"`
		Label string `json:"label"`
	} `json:"categories"`
}

// Feeds lists the subscriptions, their folders as tags.
func (g *GReader) Feeds(ctx context.Context) ([]Feed, error) {
	var list struct {
		Subscriptions []grSubscription `json:"subscriptions"`
	}
	if err := g.getJSON(ctx, "/subscription/list", nil, &list); err != nil {
		return nil, err
	}
	out := make([]Feed, 0, len(list.Subscriptions))
	for _, s := range list.Subscriptions {
		f := Feed{ID: s.ID, URL: articles.Sanitize(strings.TrimSpace(s.URL)), Title: oneLine(s.Title),
			SiteURL: articles.Sanitize(strings.TrimSpace(s.HTMLURL))}
		if f.URL == "" {
			f.URL = articles.Sanitize(strings.TrimPrefix(s.ID, "feed/"))
		}
		for _, c := range s.Categories {
			label := c.Label
			if label == "" {
				label = labelOf(c.ID)
			}
			if label = oneLine(label); label != "" && !slices.Contains(f.Tags, label) {
				f.Tags = append(f.Tags, label)
			}
		}
		out = append(out, f)
	}
	return out, nil
}

// labelOf is the name in a "user/…/label/NAME" id, or "".
func labelOf(id string) string {
	if !strings.HasPrefix(id, "user/") {
		return ""
	}
	_, name, ok := strings.Cut(id, "/label/")
	if !ok {
		return ""
	}
	return name
}

// Mark adds and removes the read and starred tags with edit-tag, in
// batches of 1,000 items.
func (g *GReader) Mark(ctx context.Context, ids []string, m Mark) error {
	var add, remove []string
	for _, s := range []struct {
		on  *bool
		tag string
	}{{m.Read, readTag}, {m.Starred, starredTag}} {
		switch {
		case s.on == nil:
		case *s.on:
			add = append(add, s.tag)
		default:
			remove = append(remove, s.tag)
		}
	}
	if len(add)+len(remove) == 0 {
		return nil
	}
	long := make([]string, 0, len(ids))
	for _, id := range ids {
		n, err := parseItemID(id)
		if err != nil {
			return err
		}
		long = append(long, longItemID(n))
	}
	return batches(long, grMaxContent, func(b []string) error {
		form := url.Values{"i": b, "a": add, "r": remove}
		if len(add) == 0 {
			delete(form, "a")
		}
		if len(remove) == 0 {
			delete(form, "r")
		}
		_, err := g.request(ctx, http.MethodPost, grAPI+"/edit-tag", nil, form)
		return err
	})
}

// Subscribe subscribes with subscription/edit, in the folder category.
func (g *GReader) Subscribe(ctx context.Context, feedURL, category string) error {
	form := url.Values{"ac": {"subscribe"}, "s": {"feed/" + feedURL}}
	if category != "" {
		form.Set("a", "user/-/label/"+category)
	}
	_, err := g.request(ctx, http.MethodPost, grAPI+"/subscription/edit", nil, form)
	return err
}
