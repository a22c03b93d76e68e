package clean

import (
	"net/url"
	"strings"

	"golang.org/x/net/html"
)

// inlineBuf accumulates the inline content of the block being built.
type inlineBuf struct {
	text, md strings.Builder
	linkText int // bytes of text inside links
	hasImage bool
}

// addText appends decoded text, collapsing whitespace runs to one space.
func (ib *inlineBuf) addText(s string) {
	if s == "" {
		return
	}
	t := collapseSpace(s, endsSpace(ib.text.String()) || ib.text.Len() == 0)
	ib.text.WriteString(t)
	ib.md.WriteString(escapeMarkdown(t))
}

func endsSpace(s string) bool { return s != "" && s[len(s)-1] == ' ' }

// collapseSpace turns every run of whitespace (NBSP and the other Unicode
// spaces included) into one space; a leading run is dropped when the buffer
// already ends in a space.
func collapseSpace(s string, afterSpace bool) string {
	if simpleSpaces(s, afterSpace) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	space := afterSpace
	for _, r := range s {
		if isSpace(r) {
			if !space {
				b.WriteByte(' ')
			}
			space = true
			continue
		}
		space = false
		b.WriteRune(r)
	}
	return b.String()
}

// simpleSpaces reports whether s needs no collapsing: ASCII spaces only,
// never two in a row, and none at the start after a space.
func simpleSpaces(s string, afterSpace bool) bool {
	prev := afterSpace
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == ' ':
			if prev {
				return false
			}
			prev = true
		case c < 0x20 || c >= 0x80 && (c == 0xc2 || c == 0xe1 || c == 0xe2 || c == 0xe3):
			return false // control whitespace, or a lead byte of a Unicode space
		default:
			prev = false
		}
	}
	return true
}

func isSpace(r rune) bool {
	switch r {
	case ' ', '\t', '\n', '\r', '\f', '\v', 0xa0, 0x1680, 0x202f, 0x205f, 0x3000:
		return true
	}
	return r >= 0x2000 && r <= 0x200a
}

// sub renders n's children into a fresh buffer and returns it.
func (b *htmlBuilder) sub(n *html.Node) *inlineBuf {
	saved := b.cur
	b.cur = &inlineBuf{}
	b.inline++
	b.children(n)
	b.inline--
	out := b.cur
	b.cur = saved
	return out
}

// appendInline appends an inner render, putting Markdown delimiters around
// the trimmed content so that "*word *" never happens.
func (b *htmlBuilder) appendInline(in *inlineBuf, open, close string, linkText bool) {
	text := in.text.String()
	md := in.md.String()
	if strings.TrimSpace(text) == "" && !in.hasImage {
		b.cur.addText(text)
		return
	}
	lead := strings.HasPrefix(md, " ")
	trail := strings.HasSuffix(md, " ")
	md = strings.TrimSpace(md)
	if lead && !endsSpace(b.cur.text.String()) && b.cur.text.Len() > 0 {
		b.cur.text.WriteByte(' ')
		b.cur.md.WriteByte(' ')
	}
	t := strings.TrimSpace(text)
	b.cur.text.WriteString(t)
	b.cur.md.WriteString(open + md + close)
	if linkText {
		b.cur.linkText += len(t)
	} else {
		b.cur.linkText += in.linkText
	}
	b.cur.hasImage = b.cur.hasImage || in.hasImage
	if trail {
		b.cur.text.WriteByte(' ')
		b.cur.md.WriteByte(' ')
	}
}

func (b *htmlBuilder) wrap(n *html.Node, delim string) {
	if b.pre > 0 {
		b.children(n)
		return
	}
	b.appendInline(b.sub(n), delim, delim, false)
}

func (b *htmlBuilder) link(n *html.Node) {
	if b.pre > 0 {
		b.children(n)
		return
	}
	in := b.sub(n)
	u := b.resolve(attr(n, "href"))
	if u == "" || in.text.Len() == 0 {
		b.appendInline(in, "", "", true)
		return
	}
	b.appendInline(in, "[", "]("+markdownURL(u)+")", true)
}

// image keeps an image as its alt text and URL (Markdown only: the plain
// text for analysis has no use for it).
func (b *htmlBuilder) image(n *html.Node) {
	u := b.resolve(attr(n, "src"))
	alt := strings.Join(strings.Fields(fixText(attr(n, "alt"))), " ")
	if u == "" && alt == "" {
		return
	}
	label := "Image"
	if alt != "" {
		label = "Image: " + alt
	}
	md := escapeMarkdown(label)
	if u != "" {
		md = "[" + md + "](" + markdownURL(u) + ")"
	} else {
		md = "[" + md + "]"
	}
	if b.cur.md.Len() > 0 && !strings.HasSuffix(b.cur.md.String(), " ") {
		b.cur.md.WriteByte(' ')
	}
	b.cur.md.WriteString(md)
	b.cur.hasImage = true
}

// resolve makes href absolute against the base and returns it only when it
// is a safe http(s) URL.
func (b *htmlBuilder) resolve(href string) string {
	href = strings.TrimSpace(Safe(href))
	if href == "" || strings.HasPrefix(href, "#") {
		return ""
	}
	u, err := url.Parse(href)
	if err != nil {
		return ""
	}
	if !u.IsAbs() {
		if b.base == nil {
			return ""
		}
		u = b.base.ResolveReference(u)
	}
	s := u.String()
	if !IsSafeURL(s) {
		return ""
	}
	return s
}
