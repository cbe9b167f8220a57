package feed

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"time"

	"github.com/mmcdole/gofeed"

	"newsread/articles"
)

// separateSharedLinks gives an ID of its own to every item without a
// GUID whose link (its ID so far) is shared with a different story in the
// same feed, as when every item of a release-notes feed links to one news
// page: the link, "#sha256:" and a hash of the item's title, date and,
// when it has no title of its own, its text. Items that are the same
// story (same title and date) keep sharing an ID and are merged later as
// duplicates; items with a GUID keep theirs; and a feed whose links are
// unique, the usual case, keeps the IDs it always had.
func separateSharedLinks(items []*gofeed.Item, out []articles.Article) {
	first := make(map[string]int, len(out))
	var shared map[string][]int
	for i, a := range out {
		j, dup := first[a.ID]
		if !dup {
			first[a.ID] = i
			continue
		}
		if shared == nil {
			shared = map[string][]int{}
		}
		if shared[a.ID] == nil {
			shared[a.ID] = []int{j}
		}
		shared[a.ID] = append(shared[a.ID], i)
	}
	for _, group := range shared {
		keys := make([]string, len(group))
		same := true
		for k, i := range group {
			keys[k] = storyKey(items[i], out[i])
			same = same && keys[k] == keys[0]
		}
		if same {
			continue
		}
		for k, i := range group {
			if a := &out[i]; strings.TrimSpace(items[i].GUID) == "" && a.ID == a.Link {
				a.ID = a.Link + "#sha256:" + keys[k]
			}
		}
	}
}

// storyKey tells stories apart: a hash of the title, the date and, for
// an item without a title of its own, its text.
func storyKey(it *gofeed.Item, a articles.Article) string {
	h := sha256.New()
	h.Write([]byte(a.Title + "\x00"))
	if !a.Published.IsZero() {
		h.Write([]byte(a.Published.Format(time.RFC3339)))
	}
	h.Write([]byte{0})
	if strings.TrimSpace(it.Title) == "" {
		h.Write([]byte(bodyHTML(it)))
	}
	return hex.EncodeToString(h.Sum(nil)[:12])
}
