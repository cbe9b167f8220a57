package articles

import (
	"errors"
	"fmt"
	"strings"
	"time"
)

// ErrNoArticle is returned by ParsePage for a web page in which no
// article was found: navigation only, a script that draws the page, a
// login or paywall form.
var ErrNoArticle = errors.New("no article found in the page")

// ParsePage extracts the article of a web page fetched from pageURL, as a
// saved page is read (readability, then markdown): its title, byline,
// date and the story as a loaded markdown Body. Relative links resolve
// against the page's own base, else pageURL. Errors wrap ErrNoArticle,
// ErrEmpty or ErrTooLarge. With ErrNoArticle the article is still
// returned: its Body is the page's visible text (empty when the page
// shows none), for a caller that would rather show that than nothing.
func (p *Parser) ParsePage(pageURL string, data []byte) (a Article, err error) {
	defer func() {
		if r := recover(); r != nil {
			a, err = Article{}, fmt.Errorf("%w: %v", ErrUnreadable, r)
		}
	}()
	if len(data) > MaxFileSize {
		return Article{}, fmt.Errorf("%d bytes: %w", len(data), ErrTooLarge)
	}
	text, err := decode(data, true)
	if err != nil {
		return Article{}, fmt.Errorf("decode: %w", err)
	}
	if strings.TrimSpace(text) == "" {
		return Article{}, ErrEmpty
	}
	a = Article{ID: pageURL, BodyLoaded: true}
	perr := p.parseHTML(&a, text, parseOpts{base: pageURL})
	finish(&a, "page", time.Time{}, false)
	if a.Link == "" {
		a.Link = CleanLine(pageURL)
	}
	if perr == nil && strings.TrimSpace(a.Body) == "" {
		perr = ErrNoArticle
	}
	return a, perr
}
