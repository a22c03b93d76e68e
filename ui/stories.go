package ui

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/sitrep-news/sitrep/feed/clean"
	"github.com/sitrep-news/sitrep/store"
	"github.com/sitrep-news/sitrep/story"
	"github.com/sitrep-news/sitrep/summarize"
)

// The list groups articles by story (store.Query.Stories): one row per
// story, its newest matching article, with an "N sources" badge. A story
// row expands inline to the story's other articles, which live outside the
// row pages: they get virtual list indices (kidIndex) so row(), rowIndex()
// and everything built on them (open, star, read, links) work on them too.

// storyState is the model's story features: the expanded story and the
// merged report shown at the top of the sidebar.
type storyState struct {
	exp    expansion
	rep    *story.Report
	repFor int64 // article the report was loaded for
}

// expansion is the story row expanded inline in the list.
type expansion struct {
	story  int64       // 0: nothing expanded
	anchor int64       // article id of the story's row
	at     int         // the row's list index (checked against anchor)
	kids   []store.Row // the story's other articles, newest first
	sub    int         // 0: cursor on the story row; k: on kids[k-1]
	skip   int         // entries scrolled off above when the row is at the top
}

// kidBase is the virtual list index of the first expanded article; -1
// stays "not found".
const kidBase = -2

func kidIndex(j int) int { return kidBase - j }

// maxStoryArticles bounds what one story loads for the list and sidebar.
const maxStoryArticles = 50

// expAt is the list index of the expanded story's row, or -1.
func (m Model) expAt() int {
	e := m.sto.exp
	if e.story == 0 || len(e.kids) == 0 || e.at < 0 {
		return -1
	}
	if r, ok := m.row(e.at); ok && r.ID == e.anchor {
		return e.at
	}
	return -1
}

// kidRow is the expanded article at virtual index i.
func (m Model) kidRow(i int) (*store.Row, bool) {
	j := kidBase - i
	if j < 0 || j >= len(m.sto.exp.kids) || m.expAt() < 0 {
		return nil, false
	}
	return &m.sto.exp.kids[j], true
}

// kidIndexOf is the virtual index of an expanded article, or -1.
func (m Model) kidIndexOf(id int64) int {
	if m.expAt() < 0 {
		return -1
	}
	for j, r := range m.sto.exp.kids {
		if r.ID == id {
			return kidIndex(j)
		}
	}
	return -1
}

// selIndex is the list index under the cursor: the row's, or an expanded
// article's virtual index.
func (m Model) selIndex() int {
	if e := m.sto.exp; e.sub > 0 && m.expAt() == m.cursor {
		return kidIndex(e.sub - 1)
	}
	return m.cursor
}

// listEntries are the indices drawn in the list from m.top: rows, and the
// expanded articles under their story row.
func (m Model) listEntries(n int) []int {
	at := m.expAt()
	skip := 0
	if at == m.top {
		skip = m.sto.exp.skip
	}
	out := make([]int, 0, n)
	emit := func(i int) {
		if skip > 0 {
			skip--
			return
		}
		out = append(out, i)
	}
	for i := m.top; len(out) < n && i < m.count(); i++ {
		emit(i)
		if i == at {
			for j := range m.sto.exp.kids {
				if len(out) >= n {
					break
				}
				emit(kidIndex(j))
			}
		}
	}
	return out
}

// selPos is the cursor's entry on screen (0: first under the header).
func (m Model) selPos() int {
	e := m.sto.exp
	at := m.expAt()
	p := m.cursor - m.top
	if at >= 0 {
		if at >= m.top && at < m.cursor {
			p += len(e.kids)
		}
		if at == m.cursor && e.sub > 0 {
			p += e.sub
		}
		if at == m.top {
			p -= e.skip
		}
	}
	return p
}

// fitKids finishes scrollList when a story is expanded: its articles take
// entries on screen, so the cursor may need the list to scroll further.
func (m *Model) fitKids(n int) {
	e := &m.sto.exp
	at := m.expAt()
	if at < 0 || at != m.top {
		e.skip = 0
	}
	if at < 0 {
		return
	}
	for m.top < m.cursor && m.selPos() >= n {
		m.top++
		if m.top != at {
			e.skip = 0
		}
	}
	if m.top == at {
		if p := m.selPos(); p >= n {
			e.skip += p - n + 1
		} else if p < 0 {
			e.skip = max(e.skip+p, 0)
		}
	}
}

// storyKey handles the list keys that concern stories before listKey: the
// expand toggle, and moving through an expanded story's articles. ok false
// lets listKey go on.
func (m *Model) storyKey(act string) (cmd tea.Cmd, ok bool) {
	e := &m.sto.exp
	at := m.expAt()
	switch act {
	case "expand":
		return m.toggleExpand(), true
	case "down":
		if at >= 0 && m.cursor == at && e.sub < len(e.kids) {
			e.sub++
			m.scrollList()
			return nil, true
		}
	case "up":
		if at >= 0 && m.cursor == at && e.sub > 0 {
			e.sub--
			m.scrollList()
			return nil, true
		}
		if at >= 0 && m.cursor == at+1 {
			m.cursor, e.sub = at, len(e.kids)
			m.scrollList()
			return nil, true
		}
	case "top", "bottom", "page_down", "page_up", "next_unread", "prev_unread":
	default:
		return nil, false
	}
	e.sub = 0 // the cursor leaves the story's articles
	return nil, false
}

// toggleExpand expands the story under the cursor (loading its articles in
// a command) or collapses the expanded one.
func (m *Model) toggleExpand() tea.Cmd {
	if at := m.expAt(); at >= 0 && at == m.cursor {
		m.sto.exp = expansion{}
		m.scrollList()
		return nil
	}
	r, ok := m.row(m.cursor)
	if !ok || m.src == nil {
		return nil
	}
	if r.StoryID == 0 || r.Sources < 2 {
		m.setStatus("only one source for this article")
		return nil
	}
	m.sto.exp = expansion{story: r.StoryID, anchor: r.ID, at: m.cursor}
	src, ctx, q, anchor, sid := m.src, m.ctx, m.q, r.ID, r.StoryID
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(ctx, ioTimeout)
		defer cancel()
		ids, err := src.StoryArticles(ctx, sid)
		if err != nil {
			return kidsMsg{story: sid, anchor: anchor, err: fmt.Errorf("expand story: %w", err)}
		}
		var rows []store.Row
		for _, id := range ids[:min(len(ids), maxStoryArticles)] {
			if id == anchor {
				continue
			}
			a, err := src.Article(ctx, id)
			if err != nil {
				return kidsMsg{story: sid, anchor: anchor, err: fmt.Errorf("expand story: %w", err)}
			}
			if a.Archived && !q.IncludeArchived {
				continue
			}
			r := store.Row{ID: a.ID, FeedID: a.FeedID, FeedTitle: a.FeedTitle, Title: a.Title, URL: a.URL,
				Published: a.Published, Read: a.Read, Starred: a.Starred, Archived: a.Archived,
				StoryID: a.StoryID, Sources: 1}
			if an, ok := cachedAnalysis(ctx, src, a); ok {
				r.Badges = an.Badges()
			}
			rows = append(rows, r)
		}
		return kidsMsg{story: sid, anchor: anchor, rows: rows}
	}
}

// cachedAnalysis reads an article's stored analysis, if any.
func cachedAnalysis(ctx context.Context, src Source, a store.Article) (summarize.Analysis, bool) {
	var an summarize.Analysis
	data, ok, err := src.Analysis(ctx, a.Hash, summarize.Version)
	if err != nil || !ok || json.Unmarshal(data, &an) != nil {
		return an, false
	}
	return an, true
}

// storyUpdate is a message of the story features; it applies itself, so
// Update routes them all with one case.
type storyUpdate interface{ apply(m *Model) tea.Cmd }

type kidsMsg struct {
	story, anchor int64
	rows          []store.Row
	err           error
}

func (msg kidsMsg) apply(m *Model) tea.Cmd {
	e := &m.sto.exp
	if e.story != msg.story || e.anchor != msg.anchor {
		return nil // collapsed or moved on meanwhile
	}
	if msg.err != nil {
		m.sto.exp = expansion{}
		m.setErr(msg.err)
		return nil
	}
	if len(msg.rows) == 0 {
		m.sto.exp = expansion{}
		m.setStatus("no other articles in this story")
		return nil
	}
	e.kids, e.sub, e.skip = msg.rows, 0, 0
	if m.expAt() < 0 { // the row moved (a reload): find it again
		e.at = m.rowIndex(e.anchor)
	}
	m.scrollList()
	return nil
}

// refindExpansion keeps the expanded story under its row after a reload
// (new articles above it shift its index); it collapses when the row left.
func (m *Model) refindExpansion() {
	e := &m.sto.exp
	if e.story == 0 || len(e.kids) == 0 || m.expAt() >= 0 {
		return
	}
	if i := m.rowIndex(e.anchor); i >= 0 {
		e.at = i
		return
	}
	m.sto.exp = expansion{}
}

// toggleStories switches the list between one row per story and one row
// per article.
func (m *Model) toggleStories() tea.Cmd {
	m.q.Stories = !m.q.Stories
	m.sto.exp = expansion{}
	if m.q.Stories {
		m.setStatus("grouped by story")
	} else {
		m.setStatus("showing every article")
	}
	return m.reload(true)
}

// toggleStoryRead marks every article of the collapsed story under the list
// cursor read (or unread). ok false: not such a row; the caller toggles one
// article.
func (m *Model) toggleStoryRead() (tea.Cmd, bool) {
	if m.focus != paneList || m.src == nil || m.selIndex() != m.cursor || m.expAt() == m.cursor {
		return nil, false
	}
	r, ok := m.row(m.cursor)
	if !ok || r.StoryID == 0 || r.Sources < 2 {
		return nil, false
	}
	was, id, sid, n := r.Read, r.ID, r.StoryID, r.Sources
	artWas := map[int64]bool{}
	if m.art != nil && m.art.StoryID == sid {
		artWas[m.art.ID] = m.art.Read
		m.art.Read = !was
	}
	r.Read = !was
	if was {
		m.setStatus(fmt.Sprintf("marked %d articles of the story unread", n))
	} else {
		m.setStatus(fmt.Sprintf("marked %d articles of the story read", n))
	}
	undo := func(m *Model) tea.Cmd {
		if r, ok := m.row(m.rowIndex(id)); ok {
			r.Read = was
		}
		if m.art != nil {
			if v, ok := artWas[m.art.ID]; ok {
				m.art.Read = v
			}
		}
		return nil
	}
	src := m.src
	what := "mark story read"
	if was {
		what = "mark story unread"
	}
	return m.writeState(what, []int64{id}, undo, func(ctx context.Context) error {
		ids, err := src.StoryArticles(ctx, sid)
		if err != nil {
			return err
		}
		return src.SetRead(ctx, ids, !was)
	}), true
}

// sourcesBadge is the list badge of a story row with several sources.
func sourcesBadge(r store.Row) string {
	if r.Sources < 2 {
		return ""
	}
	return fmt.Sprintf("%d sources", r.Sources)
}

// metaLine is a list row's second line outside the cursor: the sources
// badge (styled like the fact badges) and the dim feed and age, w cells at
// most.
func (m Model) metaLine(indent, badge, meta string, w int) string {
	st := m.st
	if badge == "" {
		return st.dim.Render(truncate(indent+"  "+meta, w))
	}
	lead := indent + "  "
	b := truncate(badge, w-ansi.StringWidth(lead))
	out := lead + st.badge.Render(b)
	if rest := w - ansi.StringWidth(lead+b); rest > 0 {
		out += st.dim.Render(truncate(" · "+meta, rest))
	}
	return out
}

// rowIndent indents an expanded story's articles under their row.
func rowIndent(i int) string {
	if i <= kidBase {
		return "  "
	}
	return ""
}

// loadStory merges the facts and quotes of every article of the open
// article's story, when it has more than one, for the sidebar.
func (m Model) loadStory(a store.Article) tea.Cmd {
	if a.StoryID == 0 || m.src == nil {
		return nil
	}
	src, ctx, analyze, now := m.src, m.ctx, m.analyze, m.now()
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(ctx, 3*ioTimeout)
		defer cancel()
		ids, err := src.StoryArticles(ctx, a.StoryID)
		if err != nil {
			return storyReportMsg{id: a.ID, err: fmt.Errorf("load story: %w", err)}
		}
		if len(ids) < 2 {
			return nil
		}
		srcs := make([]story.Source, 0, len(ids))
		for _, id := range ids[:min(len(ids), maxStoryArticles)] {
			sa, err := src.Article(ctx, id)
			if err != nil {
				return storyReportMsg{id: a.ID, err: fmt.Errorf("load story: %w", err)}
			}
			an, ok := cachedAnalysis(ctx, src, sa)
			if !ok {
				an = analyze(summarize.Input{Title: sa.Title, Text: sa.Text, Published: sa.Published})
			}
			srcs = append(srcs, story.Source{ArticleID: sa.ID, Feed: clean.Safe(sa.FeedTitle), Title: clean.Safe(sa.Title),
				URL: sa.URL, Published: sa.Published, Starred: sa.Starred, Analysis: an})
		}
		rep := story.Merge(a.StoryID, srcs, now)
		return storyReportMsg{id: a.ID, rep: &rep}
	}
}

type storyReportMsg struct {
	id  int64 // the article it was loaded for
	rep *story.Report
	err error
}

func (msg storyReportMsg) apply(m *Model) tea.Cmd {
	if msg.id != m.openID {
		return nil
	}
	if msg.err != nil {
		m.setErr(msg.err)
		return nil
	}
	m.sto.rep, m.sto.repFor = msg.rep, msg.id
	m.rebuildSide()
	return nil
}

// maxStoryQuotes bounds the merged quotes in the sidebar (most-reported first).
const maxStoryQuotes = 6

// storyLines is the sidebar's STORY section for the open article: each
// fact kind across the story's sources with agreement and contradiction
// (conflicts in the warning colour, with who reports what), and the quotes
// deduplicated across outlets. tw is the text width.
func (m Model) storyLines(tw int) []string {
	rep := m.sto.rep
	if rep == nil || m.art == nil || m.sto.repFor != m.art.ID || len(rep.Sources) < 2 {
		return nil
	}
	st := m.st
	out := []string{" " + st.section.Render(fmt.Sprintf("STORY · %d sources", len(rep.Sources)))}
	for _, g := range rep.Facts {
		style := st.title
		if g.Conflict {
			style = st.neutral
		}
		for i, l := range wrap(line(g.Label()), tw+2) {
			ind := "  "
			if i > 0 {
				ind = "    "
			}
			out = append(out, ind+style.Render(l))
		}
		// Who reports what: per state when they disagree, else the sources
		// once (values are in the label already).
		var whos []string
		if g.Conflict {
			for _, s := range g.States {
				whos = append(whos, s.State+": "+strings.Join(s.Sources, ", "))
			}
		} else {
			var all []string
			for _, s := range g.States {
				for _, src := range s.Sources {
					if !slices.Contains(all, src) {
						all = append(all, src)
					}
				}
			}
			whos = append(whos, strings.Join(all, ", "))
		}
		for _, who := range whos {
			for _, l := range wrap(line(who), tw) {
				out = append(out, "    "+st.dim.Render(l))
			}
		}
	}
	if len(rep.Facts) == 0 {
		out = append(out, st.dim.Render("  no facts found"))
	}
	for i, q := range rep.Quotes {
		if i == maxStoryQuotes {
			out = append(out, st.dim.Render(fmt.Sprintf("  +%d more quotes", len(rep.Quotes)-i)))
			break
		}
		n := len(q.Sources)
		outlets := fmt.Sprintf(" (%d outlets)", n)
		if n == 1 {
			outlets = " (1 outlet)"
		}
		for _, l := range wrap("“"+line(q.Text)+"”"+outlets, tw+2) {
			out = append(out, "  "+st.quote.Render(l))
		}
		who := speakerLabel(q.Speaker, q.Role)
		for _, l := range wrap("— "+who, tw) {
			out = append(out, "    "+st.speaker.Render(l))
		}
	}
	return out
}

// clickEntry puts the cursor on the k-th entry on screen; false when there
// is none.
func (m *Model) clickEntry(k int) bool {
	es := m.listEntries(m.visibleRows())
	if k < 0 || k >= len(es) {
		return false
	}
	if i := es[k]; i <= kidBase {
		m.cursor, m.sto.exp.sub = m.expAt(), kidBase-i+1
	} else {
		m.cursor, m.sto.exp.sub = i, 0
	}
	return true
}
