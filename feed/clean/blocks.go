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
	level    int     // heading level; list depth for items
	marker   string  // list marker: "-" or "3."
	quote    bool    // inside a blockquote
	text     string  // plain text, whitespace normalised
	md       string  // Markdown of the content (no block prefix)
	linkOnly bool    // all the text is link text (nav and related-links lists)
	links    float64 // share of the text that is link text
	list     int     // items of one list share this number
}

type blockKind int

const (
	kindPara blockKind = iota
	kindHeading
	kindItem
	kindPre
)

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
	if text != "" {
		bl.links = float64(ib.linkText) / float64(len(text))
	}
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
