package clean

import (
	"net/url"
	"regexp"
	"strconv"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// block is one paragraph-level unit of an article: the unit that boilerplate
// rules match and that Markdown and plain text are made of.
type block struct {
	kind     blockKind
	level    int    // heading level; list depth for items
	marker   string // list marker: "-" or "3."
	quote    bool   // inside a blockquote
	text     string // plain text, whitespace normalised
	md       string // Markdown of the content (no block prefix)
	linkOnly bool   // all the text is link text (nav and related-links lists)
	list     int    // items of one list share this number
}

type blockKind int

const (
	kindPara blockKind = iota
	kindHeading
	kindItem
	kindPre
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

func isSpace(r rune) bool {
	switch r {
	case ' ', '\t', '\n', '\r', '\f', '\v', 0xa0, 0x1680, 0x202f, 0x205f, 0x3000:
		return true
	}
	return r >= 0x2000 && r <= 0x200a
}

// htmlBuilder walks sanitised HTML and produces blocks.
type htmlBuilder struct {
	base    *url.URL
	blocks  []block
	cur     *inlineBuf
	inline  int // depth of inline sub-renders (emphasis, links)
	heading int
	quote   int
	pre     int
	lists   []*listCtx
	listSeq int
	inItem  bool
}

type listCtx struct {
	id      int
	ordered bool
	next    int
}

var blankLineRE = regexp.MustCompile(`\n[ \t\r\f\x{a0}]*\n`)

func blocksFromHTML(src, base string) []block {
	b := &htmlBuilder{cur: &inlineBuf{}}
	if base != "" {
		if u, err := url.Parse(base); err == nil && u.IsAbs() {
			b.base = u
		}
	}
	ctx := &html.Node{Type: html.ElementNode, Data: "body", DataAtom: atom.Body}
	nodes, err := html.ParseFragment(strings.NewReader(Sanitize(src)), ctx)
	if err != nil {
		return nil
	}
	for _, n := range nodes {
		b.node(n)
	}
	b.flush()
	return b.blocks
}

func (b *htmlBuilder) children(n *html.Node) {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		b.node(c)
	}
}

func (b *htmlBuilder) node(n *html.Node) {
	switch n.Type {
	case html.TextNode:
		b.text(n.Data)
		return
	case html.ElementNode:
	default:
		b.children(n)
		return
	}
	switch n.DataAtom {
	case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
		b.flush()
		b.heading = int(n.Data[1] - '0')
		b.children(n)
		b.flush()
		b.heading = 0
	case atom.Ul, atom.Ol:
		b.flush()
		b.listSeq++
		lc := &listCtx{id: b.listSeq, ordered: n.DataAtom == atom.Ol, next: 1}
		if s, err := strconv.Atoi(attr(n, "start")); err == nil && s >= 0 && s < 1e6 {
			lc.next = s
		}
		b.lists = append(b.lists, lc)
		b.children(n)
		b.flush()
		b.lists = b.lists[:len(b.lists)-1]
	case atom.Li:
		b.flush()
		saved := b.inItem
		b.inItem = true
		b.children(n)
		b.flush()
		b.inItem = saved
	case atom.Blockquote:
		b.flush()
		b.quote++
		b.children(n)
		b.flush()
		b.quote--
	case atom.Pre:
		b.flush()
		b.pre++
		b.children(n)
		b.flush()
		b.pre--
	case atom.Br:
		if b.pre > 0 {
			b.cur.text.WriteByte('\n')
			b.cur.md.WriteByte('\n')
		} else if b.inline > 0 {
			b.cur.addText(" ")
		} else {
			b.flush()
		}
	case atom.Td, atom.Th, atom.Dt, atom.Dd:
		b.cur.addText(" ")
		b.children(n)
		b.cur.addText(" ")
	case atom.Em, atom.I, atom.Cite, atom.Q:
		b.wrap(n, "*")
	case atom.Strong, atom.B:
		b.wrap(n, "**")
	case atom.A:
		b.link(n)
	case atom.Img:
		b.image(n)
	case atom.Code, atom.Kbd, atom.Samp, atom.Tt, atom.Span, atom.U, atom.S, atom.Del, atom.Ins,
		atom.Mark, atom.Small, atom.Sub, atom.Sup, atom.Abbr, atom.Time:
		b.children(n)
	default: // p, div, section, figure, table rows, hr, ...: block boundaries
		b.flush()
		b.children(n)
		b.flush()
	}
}

// text adds a text node. Outside <pre>, a blank line inside a text node is a
// paragraph break: feeds often send plain text with blank lines as "HTML".
func (b *htmlBuilder) text(s string) {
	if b.pre > 0 {
		t := strings.ReplaceAll(fixText(s), "\t", "    ")
		b.cur.text.WriteString(t)
		b.cur.md.WriteString(t)
		return
	}
	if b.inline == 0 && strings.Contains(s, "\n") && blankLineRE.MatchString(s) {
		parts := blankLineRE.Split(s, -1)
		for i, p := range parts {
			if i > 0 {
				b.flush()
			}
			b.cur.addText(fixText(p))
		}
		return
	}
	b.cur.addText(fixText(s))
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

// flush ends the current block.
func (b *htmlBuilder) flush() {
	ib := b.cur
	b.cur = &inlineBuf{}
	text, md := ib.text.String(), ib.md.String()
	if b.pre > 0 {
		text, md = tidyPre(text), tidyPre(md)
		if strings.TrimSpace(text) == "" {
			return
		}
		b.blocks = append(b.blocks, block{kind: kindPre, text: text, md: md, quote: b.quote > 0})
		return
	}
	text, md = strings.TrimSpace(text), strings.TrimSpace(md)
	if text == "" && !ib.hasImage {
		return
	}
	bl := block{kind: kindPara, text: text, md: md, quote: b.quote > 0,
		linkOnly: text != "" && ib.linkText >= len(text)-2}
	switch {
	case b.heading > 0:
		bl.kind, bl.level = kindHeading, b.heading
	case b.inItem && len(b.lists) > 0:
		lc := b.lists[len(b.lists)-1]
		bl.kind, bl.level, bl.marker, bl.list = kindItem, len(b.lists), "-", lc.id
		if lc.ordered {
			bl.marker = strconv.Itoa(lc.next) + "."
			lc.next++
		}
	}
	b.blocks = append(b.blocks, bl)
}

// tidyPre trims trailing spaces from each line of preformatted text and
// keeps at most one blank line in a row, so that the plain text never has
// more than one blank line anywhere.
func tidyPre(s string) string {
	lines := strings.Split(s, "\n")
	out := lines[:0]
	blank := true // also drops leading blank lines
	for _, l := range lines {
		l = strings.TrimRight(l, " \t")
		if l == "" {
			if blank {
				continue
			}
			blank = true
		} else {
			blank = false
		}
		out = append(out, l)
	}
	for len(out) > 0 && out[len(out)-1] == "" {
		out = out[:len(out)-1]
	}
	return strings.Join(out, "\n")
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}
