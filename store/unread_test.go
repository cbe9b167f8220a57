package store

import "testing"

func TestUnreadCountsTheArchivedItemsNotRead(t *testing.T) {
	tests := []struct {
		name  string
		feeds []string
		read  []string
		want  int
	}{
		{"every item of a feed never opened is unread", []string{"https://a.test/feed"}, nil, 3},
		{"items marked read are not counted", []string{"https://a.test/feed"}, []string{"https://a.test/feed/item/0", "https://a.test/feed/item/2"}, 1},
		{"the feeds named are counted together", []string{"https://a.test/feed", "https://b.test/feed"}, []string{"https://b.test/feed/item/0"}, 4},
		{"a feed not named is not counted", []string{"https://c.test/feed"}, nil, 0},
		{"no feeds count nothing", nil, nil, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := memoryStore(t)
			must(t, s.PutArticles(ctxT(t), feedItems("https://a.test/feed", 3, 1)))
			must(t, s.PutArticles(ctxT(t), feedItems("https://b.test/feed", 2, 1)))
			if len(tt.read) > 0 {
				must(t, s.SetRead(ctxT(t), tt.read, true))
			}
			got, err := s.Unread(ctxT(t), tt.feeds)
			if err != nil || got != tt.want {
				t.Errorf("Unread = %d, %v; want %d", got, err, tt.want)
			}
		})
	}
}
