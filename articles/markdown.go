package articles

import (
	"fmt"

	"github.com/JohannesKaufmann/html-to-markdown/v2/converter"
	"github.com/JohannesKaufmann/html-to-markdown/v2/plugin/base"
	"github.com/JohannesKaufmann/html-to-markdown/v2/plugin/commonmark"
	"github.com/JohannesKaufmann/html-to-markdown/v2/plugin/strikethrough"
	"github.com/JohannesKaufmann/html-to-markdown/v2/plugin/table"
)

// HTMLConverter turns HTML fragments and pages into markdown. It is safe
// for concurrent use; build one and share it.
type HTMLConverter struct {
	conv *converter.Converter
}

// NewHTMLConverter returns a converter with tables and strikethrough.
func NewHTMLConverter() *HTMLConverter {
	return &HTMLConverter{conv: converter.NewConverter(converter.WithPlugins(
		base.NewBasePlugin(),
		commonmark.NewCommonmarkPlugin(),
		strikethrough.NewStrikethroughPlugin(),
		table.NewTablePlugin(),
	))}
}

// Markdown converts html to sanitised markdown. Relative links and images
// are resolved against baseURL when it is not empty.
func (c *HTMLConverter) Markdown(html, baseURL string) (string, error) {
	var opts []converter.ConvertOptionFunc
	if baseURL != "" {
		opts = append(opts, converter.WithDomain(baseURL))
	}
	md, err := c.conv.ConvertString(html, opts...)
	if err != nil {
		return "", fmt.Errorf("convert html to markdown: %w", err)
	}
	return Sanitize(md), nil
}
