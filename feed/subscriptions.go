package feed

import (
	"bytes"
	"fmt"
	"io"

	"newsread/articles"
)

// ReadSubscriptions reads a subscription list in either format, told by
// content: OPML, or else a newsboat urls file. Problems are the urls-file
// lines that were skipped; err is set only when nothing usable was read
// from a broken OPML document.
func ReadSubscriptions(r io.Reader) ([]Subscription, []articles.Problem, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, nil, fmt.Errorf("read subscriptions: %w", err)
	}
	if Detect(data) == KindOPML {
		subs, err := ParseOPML(bytes.NewReader(data))
		if err != nil && len(subs) > 0 {
			return subs, []articles.Problem{{Where: "opml", Err: err}}, nil
		}
		return subs, nil, err
	}
	subs, problems := ParseURLs(bytes.NewReader(data))
	return subs, problems, nil
}
