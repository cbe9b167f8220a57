package ui

import (
	"context"
	"testing"

	"newsread/articles"
)

// noticeSource opens its articles with a notice, as a saved page without
// an article is opened.
type noticeSource struct{ fakeSource }

func (s *noticeSource) Open(ctx context.Context, a articles.Article) (articles.Article, error) {
	a, err := s.fakeSource.Open(ctx, a)
	a.Notice = "no article found in the page: showing the page's visible text"
	return a, err
}

func TestAnArticleOpenedWithANoticeSaysIt(t *testing.T) {
	src := &noticeSource{}
	m := newTestModel(t, 60, 20, &src.fakeSource, nil)
	m.sources[0] = src
	m.Update(batchMsg{batches: []sourceBatch{{src: 0, batch: articles.Batch{Articles: sampleArticles()[:1], Seen: 1, Done: true}}}, closed: true})
	settle(t, m, press(m, "enter"))
	if m.notice != "no article found in the page: showing the page's visible text" {
		t.Errorf("notice %q", m.notice)
	}
}
