package clean

import (
	"sync"

	"github.com/microcosm-cc/bluemonday"
)

// policy is the allow-list for feed and page HTML: structure (paragraphs,
// headings, lists, quotes, tables, preformatted text), emphasis, links and
// images. Everything else goes: script and style with their content, event
// handlers, iframes, objects, forms, and any URL that is not http, https or
// relative (so no javascript: or data:).
var policy = sync.OnceValue(func() *bluemonday.Policy {
	p := bluemonday.NewPolicy()
	p.AllowElements("p", "div", "section", "article", "main", "header", "footer", "aside", "nav",
		"h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "dl", "dt", "dd",
		"blockquote", "q", "cite", "pre", "code", "kbd", "samp", "tt",
		"em", "i", "strong", "b", "u", "s", "del", "ins", "mark", "small", "sub", "sup", "abbr", "time", "span",
		"br", "hr", "figure", "figcaption", "table", "thead", "tbody", "tfoot", "tr", "td", "th", "caption")
	p.AllowAttrs("href").OnElements("a")
	p.AllowAttrs("src", "alt").OnElements("img")
	p.AllowAttrs("start").Matching(bluemonday.Integer).OnElements("ol")
	p.AllowURLSchemes("http", "https")
	p.AllowRelativeURLs(true)
	p.RequireParseableURLs(true)
	p.SkipElementsContent("script", "style", "iframe", "object", "embed", "noscript", "template",
		"svg", "math", "form", "button", "select", "textarea", "canvas", "video", "audio")
	return p
})

// Sanitize returns html with everything outside the allow-list removed.
func Sanitize(html string) string { return policy().Sanitize(html) }
