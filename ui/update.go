package ui

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/spinner"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"github.com/sitrep-news/sitrep/store"
)

const (
	resizeDebounce = 120 * time.Millisecond
	searchDebounce = 150 * time.Millisecond
	renderCacheMax = 48
)

// Update applies one message. It never does IO: everything slow is returned
// as a command.
func (m Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		first := m.width == 0
		m.width, m.height = msg.Width, msg.Height
		m.relayout()
		if first || m.doc == nil {
			return m, m.ensureRender()
		}
		m.resizeN++
		return m, tick(resizeDebounce, resizeMsg{m.resizeN})
	case resizeMsg:
		if msg.n != m.resizeN {
			return m, nil
		}
		return m, m.ensureRender()
	case tea.BackgroundColorMsg:
		if m.themeFixed {
			return m, nil
		}
		m.setTheme(msg.IsDark())
		return m, m.ensureRender()
	case spinner.TickMsg:
		if !m.refreshing {
			return m, nil
		}
		var cmd tea.Cmd
		m.spin, cmd = m.spin.Update(msg)
		return m, cmd
	case tea.KeyPressMsg:
		return m.handleKey(msg)
	case tea.MouseWheelMsg:
		return m.handleWheel(msg.Mouse())
	case tea.MouseClickMsg:
		return m.handleClick(msg.Mouse())
	case rowsMsg:
		return m.gotRows(msg)
	case countMsg:
		if msg.gen != m.gen {
			return m, nil
		}
		if msg.err != nil {
			m.setErr(msg.err)
			return m, nil
		}
		if m.freshGen != m.gen+1 {
			// The query's first rows are not in yet: showing the new count
			// over the old rows would let a key act on a row of the old
			// result. Apply it when they come.
			m.pendingTotal, m.pendingGen = msg.total, m.gen+1
			return m, nil
		}
		return m.applyCount(msg.total)
	case storyUpdate: // stories.go
		cmd := msg.apply(&m)
		return m, cmd
	case feedsMsg:
		if msg.err != nil {
			m.setErr(msg.err)
			return m, nil
		}
		m.feeds = msg.feeds
		m.buildFeedItems()
		return m, nil
	case articleMsg:
		return m.gotArticle(msg)
	case analysedMsg:
		if msg.err != nil {
			m.setErr(msg.err)
		}
		if msg.id != m.openID || m.art == nil {
			return m, nil
		}
		an := msg.an
		m.an = &an
		if r, ok := m.row(m.rowIndex(msg.id)); ok {
			r.Badges = an.Badges()
		}
		m.rebuildSide()
		return m, m.ensureRender()
	case renderedMsg:
		delete(m.inflight, msg.key)
		if msg.err != nil {
			m.setErr(msg.err)
			return m, nil
		}
		m.putCache(msg.key, msg.doc)
		if msg.key == m.wantKey() {
			m.showDoc(msg.key)
		}
		return m, nil
	case stateMsg:
		if msg.err != nil {
			m.setErr(msg.err)
			if msg.undo != nil {
				return m, msg.undo(&m)
			}
			return m, nil
		}
		if msg.then != nil {
			return m, tea.Batch(msg.then(&m), m.loadFeeds())
		}
		return m, m.loadFeeds()
	case markAllMsg:
		if msg.err != nil {
			m.setErr(msg.err)
			return m, nil
		}
		set := make(map[int64]bool, len(msg.ids))
		for _, id := range msg.ids {
			set[id] = true
		}
		m.eachRow(func(r *store.Row) {
			if set[r.ID] {
				r.Read = true
			}
		})
		if m.art != nil && set[m.art.ID] {
			m.art.Read = true
		}
		m.setStatus(fmt.Sprintf("marked %d articles read", len(msg.ids)))
		return m, m.loadFeeds()
	case statusMsg:
		m.status, m.statusErr = msg.text, msg.err
		return m, nil
	case searchMsg:
		if msg.n != m.searchN || asYouType(m.search.Value()) == m.q.Search {
			return m, nil
		}
		m.q.Search = asYouType(m.search.Value())
		m.cursor, m.top = 0, 0
		return m, m.reload(false)
	case progressMsg:
		m.prog = msg.p
		if msg.p.Err != nil {
			m.setErr(fmt.Errorf("%s: %w", msg.p.Feed, msg.p.Err))
		}
		cmds := []tea.Cmd{waitRefresh(msg.ch)}
		// Show new articles as they arrive, at most once a second; a feed
		// with nothing new costs no query.
		m.unshown += msg.p.New
		m.refreshNew += msg.p.New
		if m.unshown > 0 && m.now().Sub(m.lastReload) > time.Second {
			m.lastReload, m.unshown = m.now(), 0
			cmds = append(cmds, m.reload(true))
		}
		return m, tea.Batch(cmds...)
	case autoRefreshMsg:
		next := tick(m.autoEvery, autoRefreshMsg{})
		if m.refreshing {
			return m, next
		}
		return m, tea.Batch(next, m.refreshFeeds(nil))
	case refreshDoneMsg:
		m.refreshing = false
		r := msg.res
		switch {
		case r.Err != nil:
			m.setErr(fmt.Errorf("refresh: %w", r.Err))
		case r.Failed > 0:
			m.setErr(fmt.Errorf("refresh: %d new articles, %d feeds failed", r.New, r.Failed))
		case r.New == 1:
			m.setStatus("1 new article")
		default:
			m.setStatus(fmt.Sprintf("%d new articles", r.New))
		}
		if r.New == 0 && m.unshown == 0 {
			return m, m.loadFeeds() // unread counts and failure marks only
		}
		m.unshown = 0
		return m, tea.Batch(m.reload(true), m.loadFeeds())
	}
	if m.searching {
		var cmd tea.Cmd
		m.search, cmd = m.search.Update(msg)
		return m, cmd
	}
	return m, nil
}

func (m *Model) setStatus(s string) { m.status, m.statusErr = s, false }
func (m *Model) setErr(err error)   { m.status, m.statusErr = err.Error(), true }

func (m *Model) setTheme(dark bool) {
	m.st = newStyles(dark)
	m.help.Styles = help.DefaultStyles(dark)
	m.search.SetStyles(textinput.DefaultStyles(dark))
	m.rebuildSide()
	m.rebuildHelp()
}

// relayout recomputes the geometry and everything sized by it.
func (m *Model) relayout() {
	if m.width <= 0 || m.height <= 0 {
		return
	}
	m.lay = computeLayout(m.width, m.height, m.cfg.UI.Layout, m.feedsOn, m.sideOn)
	m.help.SetWidth(m.width)
	m.rebuildHelp()
	m.search.SetWidth(max(m.width/2, 10))
	if m.focus == paneFeeds && m.lay.feedsW == 0 {
		m.focus = paneList
	}
	if m.focus == paneSide && !m.lay.sideShown() {
		m.focus = paneReader
	}
	m.scrollList()
	m.scrollFeeds()
	m.rebuildSide()
	m.clampOffset()
}

// visibleRows is how many list rows fit: two lines each, under a header.
func (m Model) visibleRows() int {
	return max((m.lay.bodyH-1)/2, 1)
}

func (m *Model) scrollList() {
	n := m.visibleRows()
	if m.cursor < m.top {
		m.top = m.cursor
	}
	if m.cursor >= m.top+n {
		m.top = m.cursor - n + 1
	}
	if m.expAt() < 0 {
		// Never leave blank lines under the last row while rows sit above
		// the top: a refresh that adds rows above the kept selection would
		// otherwise hide them on a list that fits the screen.
		m.top = min(m.top, max(m.count()-n, 0))
	}
	m.top = max(m.top, 0)
	m.fitKids(n)
}

func (m Model) count() int { return m.total }

// reload re-runs the list query. keep puts the cursor back on the selected
// article when it is still in the result (a refresh adds rows above it): the
// pages around the cursor load in one query, with the count.
func (m *Model) reload(keep bool) tea.Cmd {
	m.gen++
	m.keepID = 0
	// At the very top with nothing opened yet (a refresh streaming in
	// right after start-up) the list stays on the newest rows; anywhere
	// else the selected article keeps the cursor.
	atTop := m.cursor == 0 && m.top == 0 && m.openID == 0 && m.expAt() < 0
	if r, ok := m.Selected(); ok && keep && !atTop {
		m.keepID = r.ID
	}
	offset, limit := 0, pageSize
	if keep {
		p := m.cursor / pageSize
		offset = max(p-1, 0) * pageSize
		limit = (p+2)*pageSize - offset
	}
	return m.loadRows(m.gen, m.q, offset, limit, true)
}

func (m Model) gotRows(msg rowsMsg) (tea.Model, tea.Cmd) {
	if msg.gen != m.gen {
		return m, nil
	}
	if msg.err != nil {
		for p := msg.offset / pageSize; p <= (msg.offset+max(len(msg.rows), 1)-1)/pageSize; p++ {
			delete(m.rp.pending, p)
		}
		m.setErr(msg.err)
		if msg.rows == nil {
			return m, nil
		}
	}
	if msg.fresh { // a (re)load of the query: start a fresh window
		m.rp = newRowPages()
		m.loaded = true
		m.freshGen = m.gen + 1
		if m.counted != m.gen+1 { // until the count comes: what is known to exist
			m.total = msg.offset + len(msg.rows)
		}
	}
	m.putRows(msg.offset, msg.rows)
	if !msg.fresh && len(msg.rows) < pageSize && msg.offset+len(msg.rows) < m.total {
		m.total = msg.offset + len(msg.rows) // the store has fewer rows than it counted
	}
	if m.keepID != 0 {
		if i := m.rowIndex(m.keepID); i >= 0 {
			m.top += i - m.cursor // keep the row at the same place on screen
			m.cursor = i
		}
		m.keepID = 0
	}
	m.refindExpansion()
	if msg.fresh && m.pendingGen == m.gen+1 { // the count came first
		return m.applyCount(m.pendingTotal)
	}
	m.cursor = clamp(m.cursor, 0, max(m.count()-1, 0))
	m.scrollList()
	if m.seek.active(m) { // an n/N was waiting for this page
		if _, missing := m.scanUnread(m.seek.from, m.seek.step); missing != m.seek.from {
			return m.seekUnread(m.seek.from, m.seek.step, m.seek.open)
		}
	}
	return m, m.needPages()
}

// applyCount takes the store's count for the current query.
func (m Model) applyCount(total int) (tea.Model, tea.Cmd) {
	m.total, m.counted, m.pendingGen = total, m.gen+1, 0
	if m.wantBottom {
		m.cursor, m.wantBottom = m.total-1, false
	}
	m.cursor = clamp(m.cursor, 0, max(m.count()-1, 0))
	m.scrollList()
	return m, m.needPages()
}

func (m Model) gotArticle(msg articleMsg) (tea.Model, tea.Cmd) {
	if msg.id != m.openID {
		return m, nil
	}
	if msg.err != nil {
		m.setErr(msg.err)
		return m, nil
	}
	a := msg.art
	m.art, m.an = &a, msg.an
	if r, ok := m.row(m.rowIndex(a.ID)); ok {
		a.Read = r.Read || a.Read
	}
	m.offset, m.markFrom, m.markTo = 0, 0, -1
	m.side = sidebar{}
	m.doc = nil
	m.rebuildSide()
	cmds := []tea.Cmd{m.ensureRender(), m.loadStory(a)}
	if m.an == nil {
		cmds = append(cmds, m.analyseCmd(a))
	}
	return m, tea.Batch(cmds...)
}

// wantKey is the rendering the reader should show now.
func (m Model) wantKey() renderKey {
	if m.art == nil {
		return renderKey{}
	}
	return renderKey{id: m.art.ID, width: m.lay.readerTextW(), dark: m.st.dark, analysed: m.an != nil}
}

// ensureRender shows the wanted rendering from cache or starts rendering it.
func (m *Model) ensureRender() tea.Cmd {
	if m.art == nil || m.width == 0 {
		return nil
	}
	k := m.wantKey()
	if _, ok := m.cache[k]; ok {
		m.showDoc(k)
		return nil
	}
	if m.inflight[k] {
		return nil
	}
	m.inflight[k] = true
	return renderCmd(m.rends, newRenderDoc(k, *m.art, m.an))
}

func (m *Model) putCache(k renderKey, d rendered) {
	if _, ok := m.cache[k]; !ok {
		m.order = append(m.order, k)
	}
	m.cache[k] = d
	for len(m.order) > renderCacheMax {
		delete(m.cache, m.order[0])
		m.order = m.order[1:]
	}
}

func (m *Model) showDoc(k renderKey) {
	d := m.cache[k]
	m.doc, m.docKey = &d, k
	if m.side.needle != "" {
		m.markEvidence()
	}
	m.clampOffset()
}

func (m *Model) clampOffset() {
	if m.doc == nil {
		m.offset = 0
		return
	}
	m.offset = clamp(m.offset, 0, max(len(m.doc.lines)-m.readerBodyH(), 0))
}

// readerBodyH is the number of article lines on screen (minus the header).
func (m Model) readerBodyH() int {
	h := m.lay.readerH
	if m.lay.mode == modeSingle {
		h = m.lay.bodyH
	}
	return max(h-1, 1)
}

// target is the article an action applies to: the one in the reader when it
// has focus, else the row under the list cursor.
func (m Model) target() (id int64, row int, ok bool) {
	if (m.focus == paneReader || m.focus == paneSide) && m.art != nil {
		return m.art.ID, m.rowIndex(m.art.ID), true
	}
	if r, ok := m.Selected(); ok {
		return r.ID, m.selIndex(), true
	}
	return 0, -1, false
}

// open shows the article under the cursor in the reader and marks it read.
func (m *Model) open() tea.Cmd {
	r, ok := m.Selected()
	if !ok || m.src == nil {
		return nil
	}
	m.focus = paneReader
	if m.art != nil && m.art.ID == r.ID {
		return nil
	}
	m.openID = r.ID
	m.art, m.an, m.doc = nil, nil, nil
	m.side = sidebar{}
	m.rebuildSide()
	cmds := []tea.Cmd{m.loadArticle(r.ID)}
	if m.cfg.UI.MarkRead() && !r.Read {
		cmds = append(cmds, m.setRead([]int64{r.ID}, true))
	}
	return tea.Batch(cmds...)
}

// setRead changes read state optimistically and writes it.
func (m *Model) setRead(ids []int64, read bool) tea.Cmd {
	prev := map[int64]bool{}
	for _, id := range ids {
		if r, ok := m.row(m.rowIndex(id)); ok {
			prev[id] = r.Read
			r.Read = read
		}
		if m.art != nil && m.art.ID == id {
			m.art.Read = read
		}
	}
	undo := func(m *Model) tea.Cmd {
		for id, was := range prev {
			if r, ok := m.row(m.rowIndex(id)); ok {
				r.Read = was
			}
		}
		return nil
	}
	src := m.src
	ids = slices.Clone(ids)
	what := "mark read"
	if !read {
		what = "mark unread"
	}
	return m.writeState(what, ids, undo, func(ctx context.Context) error { return src.SetRead(ctx, ids, read) })
}

// targetFlags is the read, star and archive state of target's article: its
// row at list index i, else (not loaded) the article in the reader.
func (m Model) targetFlags(i int) (f flags) {
	if r, ok := m.row(i); ok {
		f = flags{read: r.Read, starred: r.Starred, archived: r.Archived}
	} else if m.art != nil {
		f = flags{read: m.art.Read, starred: m.art.Starred, archived: m.art.Archived}
	}
	return f
}

// flags is an article's read, star and archive state.
type flags struct{ read, starred, archived bool }

func (m *Model) toggleStar() tea.Cmd {
	id, i, ok := m.target()
	if !ok {
		return nil
	}
	was := m.targetFlags(i).starred
	set := func(m *Model, v bool) {
		if r, ok := m.row(m.rowIndex(id)); ok {
			r.Starred = v
		}
		if m.art != nil && m.art.ID == id {
			m.art.Starred = v
		}
	}
	set(m, !was)
	if was {
		m.setStatus("unstarred")
	} else {
		m.setStatus("starred")
	}
	src := m.src
	return m.writeState("star", []int64{id}, func(m *Model) tea.Cmd { set(m, was); return nil },
		func(ctx context.Context) error { return src.SetStarred(ctx, id, !was) })
}

func (m *Model) toggleRead() tea.Cmd {
	if cmd, ok := m.toggleStoryRead(); ok { // a collapsed story: all its articles
		return cmd
	}
	id, i, ok := m.target()
	if !ok {
		return nil
	}
	was := m.targetFlags(i).read
	return m.setRead([]int64{id}, !was)
}

// archive hides the article: once the write succeeds the window around the
// cursor reloads without it (the cursor stays at the same index, now on the
// next article). A failed write changes nothing.
func (m *Model) archive() tea.Cmd {
	id, i, ok := m.target()
	if !ok {
		return nil
	}
	was := m.targetFlags(i).archived
	if was {
		m.setStatus("unarchived")
	} else {
		m.setStatus("archived")
	}
	src := m.src
	cmd := m.writeState("archive", []int64{id}, nil,
		func(ctx context.Context) error { return src.SetArchived(ctx, id, !was) })
	return func() tea.Msg {
		msg := cmd().(stateMsg)
		msg.then = func(m *Model) tea.Cmd {
			if m.art != nil && m.art.ID == id {
				m.art.Archived = !was
			}
			return m.reload(false)
		}
		return msg
	}
}

// link returns the target article's URL when it may be opened or copied.
func (m Model) link() (string, error) {
	id, i, ok := m.target()
	if !ok {
		return "", fmt.Errorf("no article selected")
	}
	var u string
	switch {
	case m.art != nil && m.art.ID == id:
		u = m.art.URL
	default:
		if r, ok := m.row(i); ok {
			u = r.URL
		}
	}
	return safeURL(line(u))
}

// refreshFeeds starts a background refresh of feeds (nil: all).
func (m *Model) refreshFeeds(feeds []store.Feed) tea.Cmd {
	switch {
	case m.refresh == nil:
		m.setErr(fmt.Errorf("refresh is not available here"))
		return nil
	case m.refreshing:
		m.setStatus("a refresh is already running")
		return nil
	}
	m.refreshing = true
	m.refreshNew = 0
	m.prog = Progress{Total: len(feeds)}
	m.lastReload = m.now()
	return tea.Batch(m.startRefresh(feeds), m.spin.Tick)
}

// currentFeed is the feed to refresh with r: the one selected in the feed
// column, else the selected article's.
func (m Model) currentFeed() (store.Feed, bool) {
	var id int64
	if m.focus == paneFeeds && m.feedCursor < len(m.feedItems) {
		id = m.feedItems[m.feedCursor].feedID
	} else if _, i, ok := m.target(); ok {
		if r, ok := m.row(i); ok {
			id = r.FeedID
		} else if m.art != nil {
			id = m.art.FeedID
		}
	}
	for _, f := range m.feeds {
		if f.ID == id && id != 0 {
			return f, true
		}
	}
	return store.Feed{}, false
}

// asYouType makes a query typed so far match words still being typed: the
// store's search syntax takes a trailing * as a prefix match.
func asYouType(s string) string {
	s = strings.TrimSpace(s)
	if s == "" || strings.HasSuffix(s, "*") || strings.HasSuffix(s, "\"") {
		return s
	}
	r, _ := utf8.DecodeLastRuneInString(s)
	if unicode.IsLetter(r) || unicode.IsDigit(r) {
		return s + "*"
	}
	return s
}
