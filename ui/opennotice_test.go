package ui

import (
	"context"
	"testing"

	"newsread/articles"
)

// noticeSource opens the article with ID noted with a notice, as a saved
// page without an article is opened.
type noticeSource struct {
	fakeSource
	noted string
}

func (s *noticeSource) Open(ctx context.Context, a articles.Article) (articles.Article, error) {
	a, err := s.fakeSource.Open(ctx, a)
	if a.ID == s.noted {
		a.Notice = "no article found in the page: showing the page's visible text"
	}
	return a, err
}

func TestAnArticleOpenedWithANoticeSaysIt(t *testing.T) {
	as := sampleArticles()[:2]
	src := &noticeSource{noted: as[0].ID}
	m := newTestModel(t, 60, 20, &src.fakeSource, nil)
	m.sources[0] = src
	m.Update(batchMsg{batches: []sourceBatch{{src: 0, batch: articles.Batch{Articles: as, Seen: len(as), Done: true}}}, closed: true})
	settle(t, m, press(m, "enter"))
	if m.notice != "no article found in the page: showing the page's visible text" {
		t.Errorf("notice %q", m.notice)
	}
	// The next article, then back: from the rendering cache.
	settle(t, m, press(m, "n"))
	if m.notice != "" {
		t.Fatalf("the next article shows the notice: %q", m.notice)
	}
	press(m, "p")
	if m.notice != "no article found in the page: showing the page's visible text" {
		t.Errorf("opened again: notice %q", m.notice)
	}
}
