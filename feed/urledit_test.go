package feed

import (
	"bytes"
	"testing"
)

func TestAddURLKeepsTheFileAndAddsOnce(t *testing.T) {
	const file = "# my feeds\n\nhttps://a.test/feed news \"~A\"\n"
	tests := []struct {
		name, text string
		sub        Subscription
		want       string
		added      bool
	}{
		{"a new feed is the last line, comments kept", file, Subscription{URL: "https://b.test/rss", Title: "Bee News", Tags: []string{"tech", "long reads"}},
			file + "https://b.test/rss tech \"long reads\" \"~Bee News\"\n", true},
		{"a feed already there is not added again", file, Subscription{URL: "https://a.test/feed", Title: "Other"}, file, false},
		{"the same feed by http and a host in capitals is already there", file, Subscription{URL: "http://A.test/feed"}, file, false},
		{"a file without a last newline gains one first", "https://a.test/feed", Subscription{URL: "https://b.test/"},
			"https://a.test/feed\nhttps://b.test/\n", true},
		{"an empty file gets one line", "", Subscription{URL: "https://b.test/"}, "https://b.test/\n", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, added := AddURL([]byte(tt.text), tt.sub)
			if string(got) != tt.want || added != tt.added {
				t.Errorf("got %q, %v; want %q, %v", got, added, tt.want, tt.added)
			}
			if subs, problems := ParseURLs(bytes.NewReader(got)); len(problems) > 0 || len(subs) == 0 {
				t.Errorf("the file written does not read back: %v %v", subs, problems)
			}
		})
	}
}

func TestRemoveURLDropsOnlyItsLines(t *testing.T) {
	const file = "# my feeds\nhttps://a.test/feed news\n\nhttps://b.test/ # keep\nhttp://A.test/feed other\n"
	tests := []struct {
		name, url, want string
		removed         int
	}{
		{"every line of the feed goes, the rest stays", "https://a.test/feed", "# my feeds\n\nhttps://b.test/ # keep\n", 2},
		{"a feed not subscribed changes nothing", "https://c.test/", file, 0},
		{"a comment naming the feed is not a subscription", "https://b.test/", "# my feeds\nhttps://a.test/feed news\n\nhttp://A.test/feed other\n", 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, removed := RemoveURL([]byte(file), tt.url)
			if string(got) != tt.want || removed != tt.removed {
				t.Errorf("got %q, %d; want %q, %d", got, removed, tt.want, tt.removed)
			}
		})
	}
}
