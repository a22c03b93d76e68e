package ui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
)

// View assembles the frame from cached pieces: no IO, no rendering of
// Markdown, only the visible rows of the list.
func (m Model) View() tea.View {
	v := tea.NewView(m.content())
	v.AltScreen = true
	if m.cfg.UI.Mouse {
		v.MouseMode = tea.MouseModeCellMotion
	}
	v.WindowTitle = "sitrep"
	if m.art != nil {
		v.WindowTitle = truncate("sitrep — "+line(m.art.Title), 80)
	}
	return v
}

// content is the whole screen as text; every line is exactly the terminal's width.
func (m Model) content() string {
	if m.width <= 0 || m.height <= 0 {
		return ""
	}
	l := m.lay
	var body []string
	switch {
	case m.overlay == overlayHelp:
		body = box(m.helpLines(), l.w, l.bodyH)
	case l.mode == modeSingle:
		body = box(m.paneLines(m.focus, l.w, l.bodyH), l.w, l.bodyH)
	default:
		sep := m.st.sep.Render("│")
		var cols [][]string
		if l.feedsW > 0 {
			cols = append(cols, box(m.paneLines(paneFeeds, l.feedsW, l.bodyH), l.feedsW, l.bodyH))
		}
		cols = append(cols, box(m.paneLines(paneList, l.listW, l.bodyH), l.listW, l.bodyH))
		if l.mode == modeStacked {
			right := box(m.paneLines(paneReader, l.readerW, l.readerH), l.readerW, l.readerH)
			if l.sideH > 0 {
				right = append(right, box(m.paneLines(paneSide, l.readerW, l.sideH), l.readerW, l.sideH)...)
			}
			cols = append(cols, right)
		} else {
			cols = append(cols, box(m.paneLines(paneReader, l.readerW, l.bodyH), l.readerW, l.bodyH))
			if l.sideW > 0 {
				cols = append(cols, box(m.paneLines(paneSide, l.sideW, l.bodyH), l.sideW, l.bodyH))
			}
		}
		body = make([]string, l.bodyH)
		var b strings.Builder
		for i := range body {
			b.Reset()
			for j, c := range cols {
				if j > 0 {
					b.WriteString(sep)
				}
				b.WriteString(c[i])
			}
			body[i] = b.String()
		}
	}
	if l.h > 1 {
		body = append(body, m.statusLine(l.w))
	}
	return strings.Join(body[:min(len(body), l.h)], "\n")
}

func (m Model) paneLines(p pane, w, h int) []string {
	switch p {
	case paneFeeds:
		return m.feedLines(w, h)
	case paneList:
		if m.overlay == overlayFacts {
			return m.pickerLines(w, h)
		}
		return m.listLines(w, h)
	case paneReader:
		return m.readerLines(w, h)
	case paneSide:
		return m.sideLines(w, h)
	}
	return nil
}

func (m Model) header(p pane, text string) string {
	if m.focus == p {
		return m.st.headerFocus.Render(text)
	}
	return m.st.header.Render(text)
}

// listLines draws only the rows on screen: two lines per article (marks and
// title; source, age and fact badges).
func (m Model) listLines(w, h int) []string {
	st := m.st
	title := " " + line(m.feedLabel)
	var tags []string
	if m.q.UnreadOnly {
		tags = append(tags, "unread")
	}
	if m.q.Fact != "" {
		tags = append(tags, "fact "+line(m.q.Fact))
	}
	if m.q.Search != "" {
		tags = append(tags, "/"+line(strings.TrimSuffix(m.q.Search, "*")))
	}
	if len(tags) > 0 {
		title += " · " + strings.Join(tags, " · ")
	}
	pos := ""
	if n := m.count(); n > 0 {
		pos = fmt.Sprintf(" %d/%d ", m.cursor+1, n)
	}
	hw := max(w-ansi.StringWidth(pos), 0)
	out := []string{m.header(paneList, truncate(title, hw)) + strings.Repeat(" ", max(hw-ansi.StringWidth(truncate(title, hw)), 0)) + st.dim.Render(pos)}
	if !m.loaded {
		return append(out, st.dim.Render(" loading…"))
	}
	if m.count() == 0 {
		msg := " no articles"
		if m.q.Search != "" || m.q.Fact != "" || m.q.UnreadOnly {
			msg = " no articles match"
		}
		return append(out, st.dim.Render(msg))
	}
	rows := max((h-1)/2, 1)
	now := m.now()
	for _, i := range m.listEntries(rows) { // rows, and an expanded story's articles (stories.go)
		rp, ok := m.row(i)
		if !ok {
			out = append(out, st.dim.Render("  loading…"), "")
			continue
		}
		r := *rp
		mark := " "
		if !r.Read {
			mark = "●"
		}
		star := " "
		if r.Starred {
			star = "★"
		}
		t := line(r.Title)
		if t == "" {
			t = "(untitled)"
		}
		ind := rowIndent(i)
		l1 := ind + mark + star + t
		meta := line(r.FeedTitle)
		if age := relTime(r.Published, now); age != "" {
			meta += " · " + age
		}
		var badges []string
		for _, b := range r.Badges {
			badges = append(badges, line(b))
		}
		l2 := ind + "  " + meta
		sb := sourcesBadge(r)
		if sb != "" {
			l2 = ind + "  " + sb + " · " + meta
		}
		if i == m.selIndex() {
			style := st.cursorDim
			if m.focus == paneList {
				style = st.cursor
			}
			l1 = style.Render(pad(l1, w))
			if len(badges) > 0 {
				l2 += " " + strings.Join(badges, " ")
			}
			l2 = style.Render(pad(l2, w))
		} else {
			ts := st.read
			if !r.Read {
				ts = st.unread
			}
			l1 = ind + st.unread.Render(mark) + st.star.Render(star) + ts.Render(truncate(t, w-2-len(ind)))
			l2 = m.metaLine(ind, sb, meta, w)
			if len(badges) > 0 && ansi.StringWidth(l2) < w-2 {
				l2 += " " + st.badge.Render(truncate(strings.Join(badges, " "), w-ansi.StringWidth(l2)-1))
			}
		}
		out = append(out, l1, l2)
	}
	return out
}

func (m Model) readerLines(w, h int) []string {
	st := m.st
	title := " Article"
	if m.doc != nil && len(m.doc.lines) > 0 {
		body := max(h-1, 1)
		pct := 100
		if len(m.doc.lines) > body {
			pct = min(100, (m.offset+body)*100/len(m.doc.lines))
		}
		title += fmt.Sprintf(" %d%%", pct)
	}
	if m.art != nil && m.art.Starred {
		title += " ★"
	}
	out := []string{m.header(paneReader, title)}
	switch {
	case m.art == nil && m.openID != 0:
		return append(out, st.dim.Render(" loading…"))
	case m.art == nil:
		k := m.keys.first("open")
		return append(out, "", st.dim.Render(" Select an article and press "+k+" to read it."))
	case m.doc == nil:
		return append(out, st.dim.Render(" rendering…"))
	}
	mark := st.mark.Render("▌")
	for i := m.offset; i < len(m.doc.lines) && len(out) < h; i++ {
		g := " "
		if i >= m.markFrom && i <= m.markTo {
			g = mark
		}
		out = append(out, g+truncate(m.doc.lines[i], w-1))
	}
	return out
}

func (m Model) sideLines(w, h int) []string {
	out := []string{m.header(paneSide, " Facts & quotes")}
	if m.art == nil {
		return out
	}
	s := m.side
	for i := s.offset; i < len(s.lines) && len(out) < h; i++ {
		out = append(out, s.lines[i])
	}
	return out
}

func (m Model) pickerLines(w, h int) []string {
	st := m.st
	out := []string{st.headerFocus.Render(" Filter by fact"), st.dim.Render(truncate(" enter: apply · esc: cancel", w))}
	rows := h - 2
	top := max(0, min(m.pickAt-rows/2, len(m.picks)-rows))
	for i := top; i < len(m.picks) && i < top+rows; i++ {
		p := m.picks[i]
		label := "  all articles (no fact filter)"
		if p.badge != "" {
			label = fmt.Sprintf("  %s (%d)", p.badge, p.n)
		}
		if p.badge == m.q.Fact {
			label = "•" + label[1:]
		}
		if i == m.pickAt {
			label = st.cursor.Render(pad(label, w))
		}
		out = append(out, label)
	}
	return out
}

// helpLines is the help overlay: a header, then the packed help columns
// (built in Update by rebuildHelp) from the scroll offset.
func (m Model) helpLines() []string {
	out := []string{m.st.headerFocus.Render(" Keys") + m.st.dim.Render("  from your keymap · "+m.keys.first("help")+"/"+m.keys.first("back")+" close")}
	off := clamp(m.helpOff, 0, m.helpMaxOff())
	return append(out, m.helpBody[off:]...)
}

// helpMaxOff is the help overlay's last scroll offset: its end on screen.
func (m Model) helpMaxOff() int {
	return max(len(m.helpBody)-(m.lay.bodyH-1), 0)
}

// rebuildHelp packs the keymap's help groups (bubbles/help, one column per
// group) into as many rows of columns as the width needs; the overlay
// scrolls when they are taller than the screen. It runs when the width or
// the theme changes, not on every frame.
func (m *Model) rebuildHelp() {
	var body []string
	var row []string
	rowW := 0
	flush := func() {
		if len(row) == 0 {
			return
		}
		if len(body) > 0 {
			body = append(body, "")
		}
		body = append(body, strings.Split(lipgloss.JoinHorizontal(lipgloss.Top, row...), "\n")...)
		row, rowW = nil, 0
	}
	col := lipgloss.NewStyle().PaddingLeft(1).PaddingRight(2)
	for _, g := range m.keys.FullHelp() {
		c := m.help.FullHelpView([][]key.Binding{g})
		cw := lipgloss.Width(c) + 3
		if rowW > 0 && rowW+cw > m.width {
			flush()
		}
		row = append(row, col.Render(c))
		rowW += cw
	}
	flush()
	m.helpBody = body
}

// statusLine: search input or refresh progress and the last message on the
// left; counts and the help key on the right.
func (m Model) statusLine(w int) string {
	st := m.st
	right := ""
	if m.loaded {
		// Grouped, a row is a story (a lone article is a story of one);
		// the unread figure below always counts articles.
		one, many := "article", "articles"
		if m.q.Stories {
			one, many = "story", "stories"
		}
		right = fmt.Sprintf("%d %s", m.count(), many)
		if m.count() == 1 {
			right = "1 " + one
		}
		if u := m.unreadTotal(); u > 0 {
			right += fmt.Sprintf(" · %d unread", u)
		}
	}
	if k := m.keys.first("help"); k != "" {
		right += " · " + k + " help"
	}
	right = st.status.Render(right + " ")
	var left string
	switch {
	case m.searching:
		left = m.search.View()
	default:
		var parts []string
		if m.refreshing {
			p := fmt.Sprintf("%s refreshing", st.spinner.Render(m.spin.View()))
			switch {
			case m.prog.Total > 0 && m.prog.Done == m.prog.Total && m.refreshNew > 0:
				// Every feed is in; the refresh ends when the new
				// articles' facts and stories are written.
				p = fmt.Sprintf("%s analysing new articles…", st.spinner.Render(m.spin.View()))
			case m.prog.Total > 0:
				p += fmt.Sprintf(" %d/%d feeds", m.prog.Done, m.prog.Total)
			}
			parts = append(parts, p)
		}
		if m.status != "" {
			s := line(m.status)
			if m.statusErr {
				s = st.statusErr.Render(s)
			} else {
				s = st.status.Render(s)
			}
			parts = append(parts, s)
		}
		left = " " + strings.Join(parts, st.status.Render(" · "))
	}
	rw := ansi.StringWidth(right)
	if rw > w/2 {
		right, rw = "", 0
	}
	return pad(left, w-rw) + right
}
