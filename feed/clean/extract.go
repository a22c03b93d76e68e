package clean

import (
	"bytes"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"unicode/utf8"

	readability "codeberg.org/readeck/go-readability/v2"
	"golang.org/x/net/html"
	"golang.org/x/net/html/charset"
)

// ErrNoArticle is returned by Page when a page has no recognisable article.
var ErrNoArticle = errors.New("no article content found")

// maxPage bounds the page size Page will parse (readability keeps the whole
// DOM in memory several times over: ~35x the page at peak, so 6 MiB stays
// under the 256 MB heap bound for one feed).
const maxPage = 6 << 20

// Page extracts the main article of a whole web page with go-readability
// (Mozilla's Readability algorithm) and cleans it like feed HTML. pageURL
// resolves relative links; it may be "". Measured against the alternatives
// on testdata/pages (see extract_test.go and docs/clean.md).
func (c *Cleaner) Page(page []byte, pageURL string) (Article, error) {
	if len(page) > maxPage {
		return Article{}, fmt.Errorf("page is %d bytes, over the %d-byte limit", len(page), maxPage)
	}
	var u *url.URL
	if pageURL != "" {
		pu, err := url.Parse(pageURL)
		if err != nil || !pu.IsAbs() {
			return Article{}, fmt.Errorf("page URL %q: not an absolute URL", Safe(pageURL))
		}
		u = pu
	}
	content, title, err := extractReadability(page, u)
	if err != nil {
		return Article{}, err
	}
	a := c.HTML(title, content, pageURL)
	if strings.TrimSpace(a.Text) == "" {
		return a, ErrNoArticle
	}
	return a, nil
}

// toUTF8 decodes a page to UTF-8. Valid UTF-8 is taken as it is, whatever
// its meta tag says (the fetcher may have converted it already, and valid
// UTF-8 with non-ASCII text is almost never another encoding). Otherwise the
// BOM or <meta charset> decides, falling back to windows-1252 as browsers do.
func toUTF8(page []byte) []byte {
	if utf8.Valid(page) {
		return page
	}
	enc, _, _ := charset.DetermineEncoding(page, "")
	out, err := enc.NewDecoder().Bytes(page)
	if err != nil {
		return page
	}
	return out
}

// extractReadability returns the article HTML and title readability finds.
func extractReadability(page []byte, u *url.URL) (content, title string, err error) {
	if u == nil {
		u = &url.URL{Scheme: "https", Host: "localhost", Path: "/"}
	}
	doc, err := html.Parse(bytes.NewReader(toUTF8(page)))
	if err != nil {
		return "", "", fmt.Errorf("parse page: %w", err)
	}
	pruneChrome(doc)
	p := readability.NewParser()
	p.DisableJSONLD = true
	art, err := p.ParseDocument(doc, u)
	if err != nil {
		return "", "", fmt.Errorf("extract article: %w", err)
	}
	if art.Node == nil {
		return "", "", ErrNoArticle
	}
	var buf bytes.Buffer
	if err := html.Render(&buf, art.Node); err != nil {
		return "", "", fmt.Errorf("extract article: %w", err)
	}
	return buf.String(), art.Title(), nil
}
