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
	"strconv"
	"strings"
	"time"

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

// streamIDs lists the short ids of a stream, following continuations.
func (g *GReader) streamIDs(ctx context.Context, stream, exclude string) ([]int64, error) {
	var ids []int64
	seen := map[string]bool{}
	c := ""
	for {
		q := url.Values{"s": {stream}, "n": {strconv.Itoa(g.idsPage)}}
		if exclude != "" {
			q.Set("xt", exclude)
		}
		if c != "" {
			q.Set("c", c)
		}
		var page struct {
			ItemRefs []struct {
				ID flexString `json:"id"`
			} `json:"itemRefs"`
			Continuation flexString `json:"continuation"`
		}
		if err := g.getJSON(ctx, "/stream/items/ids", q, &page); err != nil {
			return nil, err
		}
		for _, ref := range page.ItemRefs {
			id, err := parseItemID(string(ref.ID))
			if err != nil {
				return nil, errDecode(g.t.base, "stream/items/ids", err)
			}
			ids = append(ids, id)
		}
		next := string(page.Continuation)
		// Miniflux says 0 when there is no more; a repeated token would loop.
		if next == "" || next == "0" || next == c || len(page.ItemRefs) == 0 || seen[next] {
			return ids, nil
		}
		seen[next], c = true, next
	}
}

// Items lists the ids of the reading list and fetches the contents of
// those above the cursor (the highest id seen), oldest first, in batches.
// It does not ask the server for items newer than a time (ot=): Miniflux
// reads that as the published date, and a feed subscribed today brings
// items published long ago. The ids are cheap: 10,000 a request.
func (g *GReader) Items(ctx context.Context, since Cursor, each func([]Item) error) (Cursor, error) {
	var after int64
	if since != "" {
		n, err := strconv.ParseInt(string(since), 10, 64)
		if err != nil {
			return since, fmt.Errorf("sync cursor %q is not a Google Reader item id", articles.CleanLine(string(since)))
		}
		after = n
	}
	all, err := g.streamIDs(ctx, readingList, "")
	if err != nil {
		return since, err
	}
	var fresh []int64
	for _, id := range all {
		if since == "" || id > after {
			fresh = append(fresh, id)
		}
	}
	slices.Sort(fresh)
	fresh = slices.Compact(fresh)
	if len(fresh) == 0 {
		return since, nil
	}
	feeds, err := g.feedURLs(ctx)
	if err != nil {
		return since, err
	}
	done := since
	for len(fresh) > 0 {
		k := min(g.contentPage, len(fresh))
		items, err := g.contents(ctx, fresh[:k], feeds)
		if err != nil {
			return done, err
		}
		if err := each(items); err != nil {
			return done, err
		}
		done = Cursor(strconv.FormatInt(fresh[k-1], 10))
		fresh = fresh[k:]
	}
	return done, nil
}

// feedURLs maps stream ids (feed/…) to feed URLs and titles.
func (g *GReader) feedURLs(ctx context.Context) (map[string]Feed, error) {
	feeds, err := g.Feeds(ctx)
	if err != nil {
		return nil, err
	}
	m := make(map[string]Feed, len(feeds))
	for _, f := range feeds {
		m[f.ID] = f
	}
	return m, nil
}

type grHref struct {
	Href string `json:"href"`
}

type grItem struct {
	ID         string     `json:"id"`
	Title      string     `json:"title"`
	Author     string     `json:"author"`
	Published  flexString `json:"published"`
	Categories []string   `json:"categories"`
	Alternate  []grHref   `json:"alternate"`
	Canonical  []grHref   `json:"canonical"`
	Summary    struct {
		Content string `json:"content"`
	} `json:"summary"`
	Content struct {
		Content string `json:"content"`
	} `json:"content"`
	Origin struct {
		StreamID string `json:"streamId"`
		Title    string `json:"title"`
	} `json:"origin"`
}

// contents fetches the items of these ids in one POST.
func (g *GReader) contents(ctx context.Context, ids []int64, feeds map[string]Feed) ([]Item, error) {
	form := url.Values{"i": make([]string, 0, len(ids))}
	for _, id := range ids {
		form["i"] = append(form["i"], longItemID(id))
	}
	body, err := g.request(ctx, http.MethodPost, grAPI+"/stream/items/contents", url.Values{"output": {"json"}}, form)
	if err != nil {
		return nil, err
	}
	var page struct {
		Items []grItem `json:"items"`
	}
	if err := json.Unmarshal(body, &page); err != nil {
		return nil, errDecode(g.t.base, "stream/items/contents", err)
	}
	items := make([]Item, 0, len(page.Items))
	for _, it := range page.Items {
		item, err := grItemOf(it, feeds)
		if err != nil {
			return nil, errDecode(g.t.base, "stream/items/contents", err)
		}
		items = append(items, item)
	}
	return items, nil
}

func grItemOf(it grItem, feeds map[string]Feed) (Item, error) {
	id, err := parseItemID(it.ID)
	if err != nil {
		return Item{}, err
	}
	f := feeds[it.Origin.StreamID]
	a := articles.Article{
		Title:  oneLine(it.Title),
		Author: oneLine(it.Author),
		Feed:   f.URL,
		Source: f.Title,
	}
	if a.Feed == "" {
		a.Feed = articles.Sanitize(strings.TrimPrefix(it.Origin.StreamID, "feed/"))
	}
	if a.Source == "" {
		a.Source = oneLine(it.Origin.Title)
	}
	for _, h := range append(slices.Clip(it.Alternate), it.Canonical...) {
		if l := strings.TrimSpace(h.Href); l != "" {
			a.Link = articles.Sanitize(l)
			break
		}
	}
	if sec, err := strconv.ParseInt(string(it.Published), 10, 64); err == nil && sec > 0 {
		a.Published = time.Unix(sec, 0).UTC()
	}
	item := Item{ID: strconv.FormatInt(id, 10), HTML: it.Content.Content}
	if item.HTML == "" {
		item.HTML = it.Summary.Content
	} else if it.Summary.Content != it.Content.Content {
		a.Summary = articles.Sanitize(strings.TrimSpace(it.Summary.Content))
	}
	for _, c := range it.Categories {
		switch {
		case strings.HasSuffix(c, "/state/com.google/read"):
			item.Read = true
		case strings.HasSuffix(c, "/state/com.google/starred"):
			item.Starred = true
		default:
			if l := oneLine(labelOf(c)); l != "" && !slices.Contains(a.Tags, l) {
				a.Tags = append(a.Tags, l)
			}
		}
	}
	if len(a.Tags) == 0 {
		a.Tags = f.Tags
	}
	a.ID = a.Link
	if a.ID == "" {
		a.ID = a.Feed + "#" + longItemID(id)
	}
	item.Article = a
	return item, nil
}

// States lists the unread items (the reading list less the read) and the
// starred ones.
func (g *GReader) States(ctx context.Context) (unread, starred []string, err error) {
	u, err := g.streamIDs(ctx, readingList, readTag)
	if err != nil {
		return nil, nil, err
	}
	s, err := g.streamIDs(ctx, starredTag, "")
	if err != nil {
		return nil, nil, err
	}
	return decimalIDs(u), decimalIDs(s), nil
}

func decimalIDs(ids []int64) []string {
	out := make([]string, len(ids))
	for i, id := range ids {
		out[i] = strconv.FormatInt(id, 10)
	}
	return out
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
