package clean

import (
	"html"
	"regexp"
	"strings"
	"unicode/utf8"

	xhtml "golang.org/x/net/html"
)

// Entities are decoded exactly once per layer of escaping. The layer a format
// defines (HTML markup, or the one escape level of a plain-text title) is
// decoded by the parser. Publishers often escape twice ("Rock &amp;amp; Roll",
// "&amp;#8217;"), so a text that still holds an entity reference afterwards is
// decoded one more time, and never more: triple escaping keeps one visible
// layer rather than risking a decode of text that was meant literally. The
// result is always passed through Safe, so a decoded &#27; cannot become a
// live escape.
var entityRE = regexp.MustCompile(`&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z][a-zA-Z0-9]{1,31});`)

// decodeExtraLayer removes the one extra layer of escaping of double-escaped text.
func decodeExtraLayer(s string) string {
	if strings.IndexByte(s, '&') < 0 || !entityRE.MatchString(s) {
		return s
	}
	return html.UnescapeString(s)
}

// fixText is the per-text-run pipeline after the format's own decoding: the
// extra entity layer, mojibake repair, terminal safety.
func fixText(s string) string {
	return Safe(Repair(decodeExtraLayer(s)))
}

// Title cleans a title: tags stripped, entities decoded once (plus the one
// extra layer of a double-escaped title, so "Rock &amp;amp; Roll" gives
// "Rock & Roll"), mojibake repaired, Safe, whitespace collapsed to one line.
// A hostile title is bounded: only its first 16 KB are read and the result is
// cut at maxTitle characters with "…".
func Title(s string) string {
	if len(s) > 16<<10 {
		s = strings.ToValidUTF8(s[:16<<10], "")
	}
	s = Safe(s)
	var b strings.Builder
	if strings.IndexByte(s, '<') >= 0 || strings.IndexByte(s, '&') >= 0 {
		z := xhtml.NewTokenizer(strings.NewReader(s))
		skip := false // inside script or style
		for {
			tt := z.Next()
			if tt == xhtml.ErrorToken {
				break
			}
			switch tt {
			case xhtml.TextToken:
				if !skip {
					b.Write(z.Text())
				}
			case xhtml.StartTagToken, xhtml.EndTagToken, xhtml.SelfClosingTagToken:
				// Inline formatting joins its text; any other tag separates.
				name, _ := z.TagName()
				if string(name) == "script" || string(name) == "style" {
					skip = tt == xhtml.StartTagToken
				}
				if !inlineTitleTags[string(name)] {
					b.WriteByte(' ')
				}
			}
		}
		s = b.String()
	}
	s = strings.Join(strings.Fields(fixText(s)), " ")
	if utf8.RuneCountInString(s) > maxTitle {
		s = string([]rune(s)[:maxTitle-1]) + "…"
	}
	return s
}

var inlineTitleTags = map[string]bool{"b": true, "i": true, "em": true, "strong": true, "span": true,
	"a": true, "font": true, "u": true, "small": true, "sup": true, "sub": true, "code": true, "mark": true, "abbr": true, "q": true}

// maxTitle is the longest title kept, in characters.
const maxTitle = 500
