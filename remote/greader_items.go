package remote

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"newsread/articles"
)

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
