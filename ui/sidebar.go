package ui

import (
	"strings"

	"github.com/sitrep-news/sitrep/summarize"
)

// sideItem is a selectable sidebar entry: a fact or a quote.
type sideItem struct {
	fact   int // index into Facts, -1 for a quote
	quote  int // index into Quotes, -1 for a fact
	line   int // first line of the item in lines
	needle string
}

// sidebar is the analysis beside the article: facts, quotes, entities,
// dates, summary. Its lines are built in Update (rebuildSide), never in View.
type sidebar struct {
	items    []sideItem
	sel      int
	offset   int
	evidence bool   // show each fact's evidence under it
	needle   string // evidence marked in the reader
	lines    []string
}

// rebuildSide lays out the sidebar for the current analysis, width, theme
// and selection.
func (m *Model) rebuildSide() {
	s := &m.side
	s.items, s.lines = nil, nil
	w := m.lay.sideWidth()
	if w <= 0 {
		return
	}
	st := m.st
	tw := max(w-4, 8) // "› " prefix and indent
	add := func(l string) { s.lines = append(s.lines, l) }
	if m.art == nil {
		return
	}
	s.lines = append(s.lines, m.storyLines(tw)...) // the story across its sources (stories.go)
	an := m.an
	if an == nil {
		add(st.dim.Render(" analysing…"))
		return
	}
	focused := m.focus == paneSide
	item := func(it sideItem, first []string, rest []string) {
		it.line = len(s.lines)
		sel := len(s.items) == s.sel
		s.items = append(s.items, it)
		for i, l := range first {
			prefix := "  "
			if i == 0 && sel {
				prefix = st.mark.Render("› ")
				if focused {
					l = st.selected.Render(l)
				}
			}
			add(prefix + l)
		}
		for _, l := range rest {
			add("    " + l)
		}
	}
	section := func(name string) {
		if len(s.lines) > 0 {
			add("")
		}
		add(" " + st.section.Render(name))
	}

	section("KEY FACTS")
	if len(an.Facts) == 0 {
		add(st.dim.Render("  none found"))
	}
	for i, f := range an.Facts {
		head := line(f.Kind)
		if f.State != "" {
			head += ": " + st.stateStyle(f.State).Render(line(f.State))
		}
		var rest []string
		if v := line(f.Value); v != "" {
			for _, l := range wrap(v, tw) {
				rest = append(rest, st.dim.Render(l))
			}
		}
		ev := evidenceText(*an, f)
		if s.evidence && ev != "" {
			for _, l := range wrap("“"+line(ev)+"”", tw) {
				rest = append(rest, st.quote.Render(l))
			}
		}
		item(sideItem{fact: i, quote: -1, needle: ev}, []string{head}, rest)
	}

	section("QUOTES")
	if len(an.Quotes) == 0 {
		add(st.dim.Render("  none found"))
	}
	for i, q := range an.Quotes {
		var first []string
		for _, l := range wrap("“"+line(q.Text)+"”", tw+2) {
			first = append(first, st.quote.Render(l))
		}
		who := speakerLabel(q.Speaker, q.Role)
		var rest []string
		for _, l := range wrap("— "+who, tw) {
			rest = append(rest, st.speaker.Render(l))
		}
		item(sideItem{fact: -1, quote: i, needle: q.Text}, first, rest)
	}

	if len(an.Entities) > 0 {
		section("ENTITIES")
		for _, kind := range []struct{ typ, label string }{
			{"person", "People"}, {"organization", "Orgs"}, {"place", "Places"},
		} {
			var names []string
			for _, e := range an.Entities {
				if e.Type == kind.typ {
					names = append(names, line(e.Text))
				}
			}
			if len(names) == 0 {
				continue
			}
			for i, l := range wrap(kind.label+": "+strings.Join(names, ", "), tw+2) {
				if i == 0 {
					l = st.dim.Render(kind.label+":") + strings.TrimPrefix(l, kind.label+":")
				}
				add("  " + l)
			}
		}
	}
	if len(an.Dates) > 0 {
		section("DATES")
		for _, d := range an.Dates {
			t := line(d.Text)
			if d.Date != "" {
				t += " (" + line(d.Date) + ")"
			}
			if d.What != "" {
				t += " — " + line(d.What)
			}
			for _, l := range wrap(t, tw+2) {
				add("  " + l)
			}
		}
	}
	if len(an.Summary) > 0 {
		section("SUMMARY")
		for _, p := range an.Summary {
			for _, l := range wrap(line(p), tw+2) {
				add("  " + l)
			}
		}
	}
	s.sel = clamp(s.sel, 0, max(len(s.items)-1, 0))
	m.scrollSide()
}

// scrollSide keeps the selected item on screen.
func (m *Model) scrollSide() {
	s := &m.side
	h := m.sideBodyH()
	if len(s.items) == 0 {
		s.offset = 0
		return
	}
	it := s.items[s.sel]
	end := len(s.lines)
	if s.sel+1 < len(s.items) {
		end = s.items[s.sel+1].line
	}
	if it.line < s.offset {
		s.offset = it.line
	}
	if end > s.offset+h {
		s.offset = min(end-h, it.line)
	}
	if s.sel == 0 {
		s.offset = 0
	}
	s.offset = clamp(s.offset, 0, max(len(s.lines)-h, 0))
}

// sideBodyH is the number of sidebar lines on screen (minus the header).
func (m Model) sideBodyH() int {
	h := m.lay.bodyH
	if m.lay.mode == modeStacked {
		h = m.lay.sideH
	}
	return max(h-1, 1)
}

// speakerLabel names a quote's speaker for the sidebar: "name, role",
// "unattributed" when nobody is named.
func speakerLabel(speaker, role string) string {
	who := line(speaker)
	if who == "" {
		who = "unattributed"
	}
	if r := line(role); r != "" {
		who += ", " + r
	}
	return who
}

// evidenceText is a fact's evidence: the span's text, else the text it points to.
func evidenceText(an summarize.Analysis, f summarize.Fact) string {
	if f.Evidence.Text != "" {
		return f.Evidence.Text
	}
	if e := f.Evidence; e.Start >= 0 && e.End <= len(an.Text) && e.Start < e.End {
		return an.Text[e.Start:e.End]
	}
	return ""
}

// jumpToEvidence scrolls the reader to the selected item's evidence and marks it.
func (m *Model) jumpToEvidence() {
	m.rebuildSide()
	if m.side.sel >= len(m.side.items) {
		return
	}
	m.side.needle = m.side.items[m.side.sel].needle
	m.markEvidence()
	if m.markTo >= 0 {
		m.offset = max(m.markFrom-2, 0)
		m.clampOffset()
	}
}

// markEvidence finds the needle in the rendering on screen (re-run after
// every re-render: lines move with the width).
func (m *Model) markEvidence() {
	m.markFrom, m.markTo = 0, -1
	if m.doc == nil || m.side.needle == "" {
		return
	}
	if f, t, ok := findLines(m.doc.plain, m.side.needle); ok {
		m.markFrom, m.markTo = f, t
	}
}
