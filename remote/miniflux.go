package remote

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"newsread/articles"
)

// Miniflux is a client of Miniflux's REST API (/v1).
type Miniflux struct {
	t       *transport
	header  http.Header
	page    int // entries a request
	idsPage int // ids a request
}

var _ Client = (*Miniflux)(nil)

// NewMiniflux makes a client of the Miniflux server at baseURL (where
// /v1/ is). With a token (an API key, from Settings → API Keys) it sends
// X-Auth-Token; with an empty token it uses HTTP basic authentication
// with user and password.
func NewMiniflux(baseURL, token, user, password string, o Options) (*Miniflux, error) {
	hint := "check the API token"
	h := http.Header{}
	if token != "" {
		h.Set("X-Auth-Token", token)
	} else {
		hint = "check the user name and password"
		req, _ := http.NewRequest(http.MethodGet, "http://x/", nil)
		req.SetBasicAuth(user, password)
		h.Set("Authorization", req.Header.Get("Authorization"))
	}
	t, err := newTransport(baseURL, o, hint)
	if err != nil {
		return nil, err
	}
	h.Set("Accept", "application/json")
	return &Miniflux{t: t, header: h, page: o.pageSize(1000, 1000), idsPage: o.pageSize(10000, 10000)}, nil
}

// Requests counts the HTTP requests made so far.
func (m *Miniflux) Requests() int { return m.t.count() }

// call sends a request with a JSON body (when in is not nil) and decodes
// the JSON answer into out (when not nil).
func (m *Miniflux) call(ctx context.Context, method, path string, q url.Values, in, out any) error {
	h := m.header.Clone()
	var body io.Reader
	if in != nil {
		b, err := json.Marshal(in)
		if err != nil {
			return err
		}
		body = bytes.NewReader(b)
		h.Set("Content-Type", "application/json")
	}
	r, err := m.t.send(ctx, method, path, q, body, h)
	if err != nil {
		return err
	}
	if err := m.t.check(method, path, r); err != nil {
		return err
	}
	if out == nil {
		return nil
	}
	if err := json.Unmarshal(r.body, out); err != nil {
		return errDecode(m.t.base, method+" "+path, err)
	}
	return nil
}

type mfCategory struct {
	ID    int64  `json:"id"`
	Title string `json:"title"`
}

type mfFeed struct {
	ID       int64       `json:"id"`
	FeedURL  string      `json:"feed_url"`
	SiteURL  string      `json:"site_url"`
	Title    string      `json:"title"`
	Category *mfCategory `json:"category"`
}

type mfEntry struct {
	ID          int64   `json:"id"`
	FeedID      int64   `json:"feed_id"`
	Status      string  `json:"status"`
	Hash        string  `json:"hash"`
	Title       string  `json:"title"`
	URL         string  `json:"url"`
	Author      string  `json:"author"`
	Content     string  `json:"content"`
	PublishedAt string  `json:"published_at"`
	ChangedAt   string  `json:"changed_at"`
	Starred     bool    `json:"starred"`
	Feed        *mfFeed `json:"feed"`
}

type mfEntries struct {
	Total   int       `json:"total"`
	Entries []mfEntry `json:"entries"`
}

// Feeds lists the subscriptions, each with its category as its tag.
func (m *Miniflux) Feeds(ctx context.Context) ([]Feed, error) {
	var feeds []mfFeed
	if err := m.call(ctx, http.MethodGet, "/v1/feeds", nil, nil, &feeds); err != nil {
		return nil, err
	}
	out := make([]Feed, 0, len(feeds))
	for _, f := range feeds {
		out = append(out, mfFeedOf(f))
	}
	return out, nil
}

func mfFeedOf(f mfFeed) Feed {
	feed := Feed{ID: strconv.FormatInt(f.ID, 10), URL: articles.Sanitize(strings.TrimSpace(f.FeedURL)),
		Title: oneLine(f.Title), SiteURL: articles.Sanitize(strings.TrimSpace(f.SiteURL))}
	if f.Category != nil && oneLine(f.Category.Title) != "" {
		feed.Tags = []string{oneLine(f.Category.Title)}
	}
	return feed
}

// Items pages through the entries by id, oldest first: the cursor is the
// last entry id seen, and Miniflux numbers entries as it stores them, so
// an entry stored later always comes after it.
func (m *Miniflux) Items(ctx context.Context, since Cursor, each func([]Item) error) (Cursor, error) {
	var after int64
	if since != "" {
		n, err := strconv.ParseInt(string(since), 10, 64)
		if err != nil || n < 0 {
			return since, fmt.Errorf("sync cursor %q is not a Miniflux entry id", articles.CleanLine(string(since)))
		}
		after = n
	}
	for {
		q := url.Values{"order": {"id"}, "direction": {"asc"}, "limit": {strconv.Itoa(m.page)}}
		if after > 0 {
			q.Set("after_entry_id", strconv.FormatInt(after, 10))
		}
		var page mfEntries
		if err := m.call(ctx, http.MethodGet, "/v1/entries", q, nil, &page); err != nil {
			return mfCursor(since, after), err
		}
		items := make([]Item, 0, len(page.Entries))
		last := after
		for _, e := range page.Entries {
			last = max(last, e.ID)
			if e.Status == "removed" {
				continue
			}
			items = append(items, mfItem(e))
		}
		if len(items) > 0 {
			if err := each(items); err != nil {
				return mfCursor(since, after), err
			}
		}
		// The total counts what matched, this page included: when the page
		// holds it all, asking again would only return nothing.
		done := len(page.Entries) == 0 || last == after || len(page.Entries) >= page.Total
		after = last
		if done {
			break
		}
	}
	return mfCursor(since, after), nil
}

// mfCursor is the cursor after entry id after, or since when nothing was
// read.
func mfCursor(since Cursor, after int64) Cursor {
	if after == 0 {
		return since
	}
	return Cursor(strconv.FormatInt(after, 10))
}

func mfItem(e mfEntry) Item {
	var f mfFeed
	if e.Feed != nil {
		f = *e.Feed
	}
	feed := mfFeedOf(f)
	a := articles.Article{
		Title:  oneLine(e.Title),
		Link:   articles.Sanitize(strings.TrimSpace(e.URL)),
		Author: oneLine(e.Author),
		Feed:   feed.URL,
		Source: feed.Title,
		Tags:   feed.Tags,
	}
	a.Published = parseTime(e.PublishedAt)
	a.ID = a.Link
	if a.ID == "" {
		a.ID = feed.URL + "#sha256:" + oneLine(e.Hash)
	}
	return Item{ID: strconv.FormatInt(e.ID, 10), Article: a, Read: e.Status == "read",
		Starred: e.Starred, Changed: parseTime(e.ChangedAt), HTML: e.Content}
}

// parseTime reads an RFC 3339 time; anything else is the zero time.
func parseTime(s string) time.Time {
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil || t.Year() <= 1 {
		return time.Time{}
	}
	return t
}

// States lists the ids of unread and of starred entries, 10,000 a request.
func (m *Miniflux) States(ctx context.Context) (unread, starred []string, err error) {
	if unread, err = m.entryIDs(ctx, "status", "unread"); err != nil {
		return nil, nil, err
	}
	if starred, err = m.entryIDs(ctx, "starred", "true"); err != nil {
		return nil, nil, err
	}
	return unread, starred, nil
}

func (m *Miniflux) entryIDs(ctx context.Context, key, value string) ([]string, error) {
	limit := m.idsPage
	var ids []string
	seen := map[int64]bool{}
	for offset := 0; ; {
		q := url.Values{key: {value}, "limit": {strconv.Itoa(limit)}, "offset": {strconv.Itoa(offset)}}
		var page struct {
			Total    int     `json:"total"`
			EntryIDs []int64 `json:"entry_ids"`
		}
		if err := m.call(ctx, http.MethodGet, "/v1/entries/ids", q, nil, &page); err != nil {
			return nil, err
		}
		for _, id := range page.EntryIDs {
			if !seen[id] {
				seen[id] = true
				ids = append(ids, strconv.FormatInt(id, 10))
			}
		}
		offset += len(page.EntryIDs)
		if len(page.EntryIDs) == 0 || offset >= page.Total {
			return ids, nil
		}
	}
}

// Mark sets status and starred in one request per 1,000 entries.
func (m *Miniflux) Mark(ctx context.Context, ids []string, mk Mark) error {
	if mk.Read == nil && mk.Starred == nil {
		return nil
	}
	nums := make([]int64, 0, len(ids))
	for _, id := range ids {
		n, err := strconv.ParseInt(id, 10, 64)
		if err != nil {
			return fmt.Errorf("item id %q is not a Miniflux entry id", articles.CleanLine(id))
		}
		nums = append(nums, n)
	}
	type update struct {
		EntryIDs []int64 `json:"entry_ids"`
		Status   string  `json:"status,omitempty"`
		Starred  *bool   `json:"starred,omitempty"`
	}
	for len(nums) > 0 {
		k := min(1000, len(nums))
		u := update{EntryIDs: nums[:k], Starred: mk.Starred}
		if mk.Read != nil {
			u.Status = map[bool]string{true: "read", false: "unread"}[*mk.Read]
		}
		if err := m.call(ctx, http.MethodPut, "/v1/entries", nil, u, nil); err != nil {
			return err
		}
		nums = nums[k:]
	}
	return nil
}

// Subscribe adds the feed, in the category of that title (created when
// missing), or in the user's first category when category is empty.
func (m *Miniflux) Subscribe(ctx context.Context, feedURL, category string) error {
	req := struct {
		FeedURL    string `json:"feed_url"`
		CategoryID int64  `json:"category_id,omitempty"`
	}{FeedURL: feedURL}
	if category != "" {
		id, err := m.categoryID(ctx, category)
		if err != nil {
			return err
		}
		req.CategoryID = id
	}
	var created struct {
		FeedID int64 `json:"feed_id"`
	}
	return m.call(ctx, http.MethodPost, "/v1/feeds", nil, req, &created)
}

func (m *Miniflux) categoryID(ctx context.Context, title string) (int64, error) {
	var cats []mfCategory
	if err := m.call(ctx, http.MethodGet, "/v1/categories", nil, nil, &cats); err != nil {
		return 0, err
	}
	for _, c := range cats {
		if strings.EqualFold(c.Title, title) {
			return c.ID, nil
		}
	}
	var c mfCategory
	err := m.call(ctx, http.MethodPost, "/v1/categories", nil, map[string]string{"title": title}, &c)
	return c.ID, err
}
