package feed

import (
	"bytes"
	"fmt"
	"io"

	"newsread/articles"
)

// ReadSubscriptions reads a subscription list in either format, told by
// content: OPML, or else a newsboat urls file. A feed listed twice is
// one subscription (see ParseURLs); in OPML, where a feed filed in two
// folders is how it gets two tags, that is no problem. Problems are the urls-file
// lines that were skipped; err is set only when nothing usable was read
// from a broken OPML document.
func ReadSubscriptions(r io.Reader) ([]Subscription, []articles.Problem, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, nil, fmt.Errorf("read subscriptions: %w", err)
	}
	if Detect(data) == KindOPML {
		subs, err := ParseOPML(bytes.NewReader(data))
		subs = mergeRepeats(subs)
		if err != nil && len(subs) > 0 {
			return subs, []articles.Problem{{Where: "opml", Err: err}}, nil
		}
		return subs, nil, err
	}
	subs, problems := ParseURLs(bytes.NewReader(data))
	return subs, problems, nil
}

// mergeRepeats folds subscriptions to the same URL into the first: its
// title (else the first title given), the tags of all.
func mergeRepeats(subs []Subscription) []Subscription {
	index := make(map[string]int, len(subs))
	out := subs[:0]
	for _, s := range subs {
		if i, dup := index[s.URL]; dup {
			out[i].Tags = unionTags(out[i].Tags, s.Tags)
			if out[i].Title == "" {
				out[i].Title = s.Title
			}
			out[i].FullText = out[i].FullText || s.FullText
			continue
		}
		index[s.URL] = len(out)
		out = append(out, s)
	}
	return out
}
