package feed

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/mmcdole/gofeed"
)

// rssJSON is RSS 2.0 written as JSON, as scripting.com's rss.js does. Only
// what becomes an article is read.
type rssJSON struct {
	RSS struct {
		Channel struct {
			Title string      `json:"title"`
			Link  string      `json:"link"`
			Item  rssJSONList `json:"item"`
		} `json:"channel"`
	} `json:"rss"`
}

type rssJSONItem struct {
	Title       string       `json:"title"`
	Link        string       `json:"link"`
	Description string       `json:"description"`
	PubDate     string       `json:"pubDate"`
	GUID        rssJSONValue `json:"guid"`
	Author      string       `json:"author"`
	Category    rssJSONTexts `json:"category"`
	Enclosure   *struct {
		URL    string          `json:"url"`
		Type   string          `json:"type"`
		Length json.RawMessage `json:"length"`
	} `json:"enclosure"`
}

// rssJSONList accepts one item or an array of them.
type rssJSONList []rssJSONItem

func (l *rssJSONList) UnmarshalJSON(b []byte) error {
	if len(b) > 0 && b[0] == '{' {
		var one rssJSONItem
		if err := json.Unmarshal(b, &one); err != nil {
			return err
		}
		*l = rssJSONList{one}
		return nil
	}
	return json.Unmarshal(b, (*[]rssJSONItem)(l))
}

// rssJSONValue accepts "text" or {"value": "text"} (or "#value").
type rssJSONValue string

func (v *rssJSONValue) UnmarshalJSON(b []byte) error {
	var s string
	if json.Unmarshal(b, &s) == nil {
		*v = rssJSONValue(s)
		return nil
	}
	var o map[string]any
	if err := json.Unmarshal(b, &o); err != nil {
		return nil // an odd shape is not worth failing the feed for
	}
	for _, k := range []string{"value", "#value", "#text", "_"} {
		if s, ok := o[k].(string); ok {
			*v = rssJSONValue(s)
		}
	}
	return nil
}

// rssJSONTexts accepts one category or an array of them.
type rssJSONTexts []string

func (t *rssJSONTexts) UnmarshalJSON(b []byte) error {
	var many []rssJSONValue
	if json.Unmarshal(b, &many) != nil {
		var one rssJSONValue
		_ = one.UnmarshalJSON(b)
		many = []rssJSONValue{one}
	}
	for _, v := range many {
		if v != "" {
			*t = append(*t, string(v))
		}
	}
	return nil
}

func parseRSSJSON(data []byte) (*gofeed.Feed, error) {
	var doc rssJSON
	if err := json.Unmarshal(data, &doc); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrMalformed, err)
	}
	ch := doc.RSS.Channel
	out := &gofeed.Feed{Title: ch.Title, Link: ch.Link, FeedType: "rss", FeedVersion: "2.0"}
	for _, it := range ch.Item {
		gi := &gofeed.Item{
			Title:       it.Title,
			Link:        it.Link,
			Description: it.Description,
			Published:   it.PubDate,
			GUID:        string(it.GUID),
			Categories:  it.Category,
		}
		if t, ok := parseRSSDate(it.PubDate); ok {
			gi.PublishedParsed = &t
		}
		if it.Author != "" {
			gi.Author = &gofeed.Person{Name: it.Author}
		}
		if e := it.Enclosure; e != nil && e.URL != "" {
			var length string
			_ = json.Unmarshal(e.Length, &length)
			if length == "" {
				length = string(e.Length)
			}
			gi.Enclosures = []*gofeed.Enclosure{{URL: e.URL, Type: e.Type, Length: length}}
		}
		out.Items = append(out.Items, gi)
	}
	return out, nil
}

var rssDateLayouts = []string{
	time.RFC1123Z, time.RFC1123, time.RFC3339,
	"Mon, _2 Jan 2006 15:04:05 -0700", "Mon, _2 Jan 2006 15:04:05 MST",
	"_2 Jan 2006 15:04:05 -0700", "_2 Jan 2006 15:04:05 MST",
}

func parseRSSDate(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	for _, layout := range rssDateLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}
