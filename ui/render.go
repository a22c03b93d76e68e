package ui

import (
	"fmt"
	"sort"
	"strings"
	"sync"
	"time"
	"unicode"

	tea "charm.land/bubbletea/v2"
	"charm.land/glamour/v2"
	gansi "charm.land/glamour/v2/ansi"
	gstyles "charm.land/glamour/v2/styles"
	"github.com/charmbracelet/x/ansi"

	"github.com/sitrep-news/sitrep/feed/clean"
	"github.com/sitrep-news/sitrep/store"
	"github.com/sitrep-news/sitrep/summarize"
)

// renderKey identifies one rendering of an article: glamour output depends on
// the article, its quotes (the analysis), the width and the theme.
type renderKey struct {
	id       int64
	width    int
	dark     bool
	analysed bool
}

// rendered is a cached rendering: styled lines for the screen and their
// ANSI-stripped twins for finding evidence.
type rendered struct {
	lines []string
	plain []string
}

type renderedMsg struct {
	key renderKey
	doc rendered
	err error
}

// renderers keeps one glamour renderer per (width, theme). A TermRenderer is
// not safe for concurrent use (charm-v2.md §5), so renders hold the lock.
type renderers struct {
	mu sync.Mutex
	m  map[[2]int]*glamour.TermRenderer
}

func newRenderers() *renderers { return &renderers{m: map[[2]int]*glamour.TermRenderer{}} }

func (r *renderers) render(width int, dark bool, md string) (string, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	k := [2]int{width, 0}
	if dark {
		k[1] = 1
	}
	tr, ok := r.m[k]
	if !ok {
		var err error
		tr, err = glamour.NewTermRenderer(glamour.WithStyles(glamourStyle(dark)), glamour.WithWordWrap(width))
		if err != nil {
			return "", err
		}
		if len(r.m) > 16 { // resizes make many widths; keep the pool small
			clear(r.m)
		}
		r.m[k] = tr
	}
	return tr.Render(md)
}

func ptr[T any](v T) *T { return &v }

// glamourStyle is glamour's dark or light style with strikethrough restyled
// as the quote highlight (bold amber, no crossing out): quotes are wrapped in
// ~~…~~ and glamour carries the style across its own line wrapping.
func glamourStyle(dark bool) gansi.StyleConfig {
	cfg := gstyles.LightStyleConfig
	color := "130"
	if dark {
		cfg = gstyles.DarkStyleConfig
		color = "214"
	}
	cfg.Strikethrough = gansi.StylePrimitive{Color: ptr(color), Bold: ptr(true)}
	// Links are never emitted (KeepSGR drops OSC 8); show no link URLs inline.
	return cfg
}

// renderDoc is everything a render needs, copied out of the model so the
// command shares nothing with Update.
type renderDoc struct {
	key       renderKey
	title     string
	feed      string
	author    string
	url       string
	published time.Time
	text      string // plain text the quotes point into
	markdown  string // fallback when there is no plain text
	quotes    []summarize.Quote
}

func newRenderDoc(k renderKey, a store.Article, an *summarize.Analysis) renderDoc {
	d := renderDoc{key: k, title: a.Title, feed: a.FeedTitle, author: a.Author, url: a.URL,
		published: a.Published, text: a.Text, markdown: a.Markdown}
	if an != nil && an.Text != "" {
		d.text = an.Text
		d.quotes = an.Quotes
	}
	return d
}

func renderCmd(r *renderers, d renderDoc) tea.Cmd {
	return func() tea.Msg {
		doc, err := renderArticle(r, d)
		return renderedMsg{key: d.key, doc: doc, err: err}
	}
}

// renderArticle is the terminal-safety pipeline of charm-v2.md §7:
// Safe → MarkdownText per text run → ~~quote marks~~ → glamour → KeepSGR.
func renderArticle(r *renderers, d renderDoc) (rendered, error) {
	w := max(d.key.width, 10)
	st := newStyles(d.key.dark)
	var lines []string
	for _, l := range wrap(line(d.title), w-2) {
		lines = append(lines, " "+st.title.Render(l))
	}
	meta := []string{}
	for _, s := range []string{line(d.feed), line(d.author)} {
		if s != "" {
			meta = append(meta, s)
		}
	}
	if !d.published.IsZero() {
		// No-break spaces: the date wraps as one piece.
		meta = append(meta, strings.ReplaceAll(d.published.UTC().Format("Mon 2 Jan 2006 15:04 UTC"), " ", "\u00a0"))
	}
	for _, l := range wrap(strings.Join(meta, " · "), w-2) {
		lines = append(lines, " "+st.dim.Render(l))
	}
	var md string
	if strings.TrimSpace(d.text) != "" {
		md = markdownBody(d.text, d.title, d.quotes)
	} else {
		// Already Markdown from the cleaner (escaped); only strip real ~~ so
		// nothing but quotes gets the highlight.
		md = strings.ReplaceAll(clean.Safe(d.markdown), "~~", "")
	}
	out, err := r.render(w, d.key.dark, md)
	if err != nil {
		return rendered{}, fmt.Errorf("render article: %w", err)
	}
	out = clean.KeepSGR(out)
	body := strings.Split(strings.TrimRight(out, "\n"), "\n")
	// glamour opens with an empty margin line; keep one blank between header and body.
	for len(body) > 0 && strings.TrimSpace(ansi.Strip(body[0])) == "" {
		body = body[1:]
	}
	lines = append(lines, "")
	lines = append(lines, body...)
	doc := rendered{lines: lines, plain: make([]string, len(lines))}
	for i, l := range lines {
		doc.plain[i] = ansi.Strip(l)
	}
	return doc, nil
}

// markdownBody turns cleaned plain text into Markdown, paragraph by
// paragraph, escaping every text run and wrapping each quote in ~~…~~.
// Quote offsets are byte offsets into text; a quote spanning paragraphs is
// marked in each. A first paragraph repeating the title is dropped.
func markdownBody(text, title string, quotes []summarize.Quote) string {
	text = clean.Safe(text)
	type span struct{ s, e int }
	var spans []span
	for _, q := range quotes {
		s, e := q.Start, q.End
		if s < 0 || e > len(text) || s >= e {
			continue
		}
		spans = append(spans, span{s, e})
	}
	sort.Slice(spans, func(i, j int) bool { return spans[i].s < spans[j].s })
	var b strings.Builder
	pos := 0
	for _, para := range strings.Split(text, "\n\n") {
		ps, pe := pos, pos+len(para)
		pos = pe + 2
		if strings.TrimSpace(para) == "" || ps == 0 && line(para) == line(title) {
			continue // the header already shows the title
		}
		cur := ps
		for _, sp := range spans {
			s, e := max(sp.s, ps, cur), min(sp.e, pe)
			if s >= e {
				continue
			}
			// Emphasis delimiters must touch text: trim spaces inside the span.
			for s < e && unicode.IsSpace(rune(text[s])) {
				s++
			}
			for e > s && unicode.IsSpace(rune(text[e-1])) {
				e--
			}
			if s >= e {
				continue
			}
			b.WriteString(mdEscape(text[cur:s]))
			b.WriteString("~~")
			b.WriteString(mdEscape(text[s:e]))
			b.WriteString("~~")
			cur = e
		}
		b.WriteString(mdEscape(text[cur:pe]))
		b.WriteString("\n\n")
	}
	return b.String()
}

// mdEscape makes a run of plain text inert Markdown: line breaks inside a
// paragraph folded, real ~~ removed (only quotes are struck, i.e.
// highlighted), and the cleaner's EscapeMarkdown escapes Markdown syntax and
// & and < (its MarkdownText), so glamour cannot decode &#27; into a live ESC.
func mdEscape(s string) string {
	s = strings.ReplaceAll(s, "\n", " ")
	s = strings.ReplaceAll(s, "~~", "~")
	return clean.EscapeMarkdown(s)
}

// findLines returns the rendered lines that hold needle (a quote or fact
// evidence), matching word by word over the ANSI-stripped lines so glamour's
// wrapping and margins don't matter. It tries the whole needle, then its
// first words.
func findLines(plain []string, needle string) (from, to int, ok bool) {
	want := words(needle)
	if len(want) == 0 {
		return 0, 0, false
	}
	type word struct {
		w    string
		line int
	}
	var ws []word
	for i, l := range plain {
		for _, w := range words(l) {
			ws = append(ws, word{w, i})
		}
	}
	try := func(want []string) (int, int, bool) {
	outer:
		for i := 0; i+len(want) <= len(ws); i++ {
			for j, w := range want {
				if ws[i+j].w != w {
					continue outer
				}
			}
			return ws[i].line, ws[i+len(want)-1].line, true
		}
		return 0, 0, false
	}
	if f, t, ok := try(want); ok {
		return f, t, true
	}
	if len(want) > 5 {
		if f, _, ok := try(want[:5]); ok {
			_, t, ok2 := try(want[len(want)-3:])
			if !ok2 || t < f {
				t = f
			}
			return f, t, true
		}
	}
	return 0, 0, false
}

// words splits s into lower-case words of letters and digits only, so
// punctuation, quote marks and the reader's decorations never break a match.
func words(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
}
