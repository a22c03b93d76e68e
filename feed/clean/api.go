// Package clean turns feed HTML and scraped text into clean, safe, readable
// articles: entities decoded once, mojibake repaired, HTML sanitised,
// boilerplate removed, Markdown for the reader and plain text for analysis.
// Every function is pure. Safe is the one terminal-safety boundary that every
// untrusted string passes before it can reach the screen or JSON output.
package clean

import "strings"

// Article is the cleaned form of one item or page.
type Article struct {
	Title    string // one line, safe
	Markdown string // for glamour: content specials escaped, & and < escaped
	Text     string // plain text, paragraphs separated by one blank line
}

// Safe removes everything that could act on a terminal: C0 controls except
// \n and \t, DEL, C1, ESC and whole escape sequences, CR, bidi controls and
// spoofing zero-width characters. Legitimate RTL text and combining marks stay.
//
// Placeholder until the cleaning issue lands its full implementation.
func Safe(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\n' || r == '\t':
			return r
		case r < 0x20 || r == 0x7f || (r >= 0x80 && r <= 0x9f):
			return -1
		case (r >= 0x200b && r <= 0x200f) || (r >= 0x202a && r <= 0x202e) || (r >= 0x2060 && r <= 0x2069) || r == 0xfeff || r == 0x61c:
			return -1
		}
		return r
	}, s)
}

// Cleaner cleans items and pages with the built-in boilerplate rules plus the
// user's extra rules from config.
type Cleaner struct {
	extra []string
}

// New returns a Cleaner; extra are the user's boilerplate patterns from
// config (clean.boilerplate). A bad pattern is an error naming it.
func New(extra []string) (*Cleaner, error) { return &Cleaner{extra: extra}, nil }

// HTML cleans a feed item's HTML content; base resolves relative links.
func (c *Cleaner) HTML(title, html, base string) Article {
	return Article{Title: Title(title), Markdown: Safe(html), Text: Safe(html)}
}

// Text cleans plain scraped text (like ../shared/fixtures/seed-article.txt).
// When title is "" the first non-empty line is the title.
func (c *Cleaner) Text(title, text string) Article {
	return Article{Title: Title(title), Markdown: Safe(text), Text: Safe(text)}
}

// Page extracts the main article of a whole web page (readability) and cleans it.
func (c *Cleaner) Page(page []byte, pageURL string) (Article, error) {
	return Article{Text: Safe(string(page))}, nil
}

// NeedsFullText reports whether cleaned feed content is only a stub (short,
// or ending in "read more") so full_text: auto should fetch the page.
func NeedsFullText(a Article) bool { return len(a.Text) < 500 }

// Title cleans a title: entities decoded once, mojibake repaired, tags
// stripped, whitespace collapsed to one line, Safe.
func Title(s string) string { return strings.Join(strings.Fields(Safe(s)), " ") }
