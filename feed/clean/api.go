// Package clean turns feed HTML and scraped text into clean, safe, readable
// articles: entities decoded once, mojibake repaired, HTML sanitised,
// boilerplate removed, Markdown for the reader and plain text for analysis.
// Every function is pure. Safe is the one terminal-safety boundary that every
// untrusted string passes before it can reach the screen or JSON output.
package clean

import (
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"
)

// Article is the cleaned form of one item or page.
type Article struct {
	Title    string // one line, safe
	Markdown string // for glamour: content specials escaped, & and < escaped
	Text     string // plain text, paragraphs separated by one blank line

	stub bool // a "read more"/"continue reading" stub was removed
}

// Cleaner cleans items and pages with the built-in boilerplate rules plus the
// user's extra rules from config. It is safe for concurrent use.
type Cleaner struct {
	rules []rule
}

// New returns a Cleaner; extra are the user's boilerplate patterns from
// config (clean.boilerplate). A bad pattern is an error naming it.
func New(extra []string) (*Cleaner, error) {
	rules := append([]rule(nil), builtin()...)
	for i, p := range extra {
		p = strings.TrimSpace(p)
		if p == "" {
			continue
		}
		r, p := rulePosition(rule{}, p)
		r, err := newRule(r, p)
		if err != nil {
			return nil, fmt.Errorf("clean.boilerplate[%d] %q: invalid pattern: %w", i, p, err)
		}
		rules = append(rules, r)
	}
	return &Cleaner{rules: rules}, nil
}

// HTML cleans a feed item's HTML content; base resolves relative links.
func (c *Cleaner) HTML(title, html, base string) Article {
	title = Title(title)
	blocks, stub := c.removeBoilerplate(blocksFromHTML(html, base), title)
	a := render(title, blocks)
	a.stub = stub
	return a
}

// Text cleans plain scraped text (like ../shared/fixtures/seed-article.txt).
// When title is "" the first non-empty line is the title.
func (c *Cleaner) Text(title, text string) Article {
	if title == "" {
		// Split before decoding: Title decodes the title's own layer.
		title, text = splitTitle(Safe(text))
	}
	text = prepareText(text)
	title = Title(title)
	blocks, stub := c.removeBoilerplate(c.blocksFromText(text), title)
	a := render(title, blocks)
	a.stub = stub
	return a
}

// NeedsFullText reports whether cleaned feed content is only a stub (short,
// ending in an ellipsis or "read more", or a "Continue reading" block was
// removed) so full_text: auto should fetch the page. Pass the Article that
// HTML or Text returned: the removed-stub signal is not in its text fields.
func NeedsFullText(a Article) bool {
	if a.stub {
		return true
	}
	text := strings.TrimSpace(a.Text)
	if utf8.RuneCountInString(text) < 500 {
		return true
	}
	last := text[strings.LastIndex(text, "\n")+1:]
	return stubEndRE.MatchString(last)
}

// stubEndRE finds an excerpt's truncation mark at the end of the text: an
// ellipsis (bracketed or not; articles do not end in one, excerpts do) or a
// "read more" link text.
var stubEndRE = regexp.MustCompile(`(?i)(\[?(…|\.\.\.)\]?|\b(read more|continue reading|read the full (story|article))\W*)$`)
