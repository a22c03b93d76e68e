package ui

import (
	"fmt"
	"sort"
	"strings"

	tea "charm.land/bubbletea/v2"

	"github.com/sitrep-news/sitrep/store"
)

// handleKey routes a key: overlays and the search input first, then global
// actions, then the focused pane. Keys are matched against the live keymap.
func (m Model) handleKey(msg tea.KeyPressMsg) (tea.Model, tea.Cmd) {
	if m.searching {
		return m.searchKey(msg)
	}
	act := m.keys.action(msg)
	m.seek = unreadSeek{} // a key overrides an n/N still waiting for its page
	switch m.overlay {
	case overlayHelp:
		switch act {
		case "quit":
			return m, tea.Quit
		case "help", "back":
			m.overlay = overlayNone
		case "down", "page_down":
			m.helpOff = min(m.helpOff+1, m.helpMaxOff())
		case "up", "page_up":
			m.helpOff = max(m.helpOff-1, 0)
		}
		return m, nil
	case overlayFacts:
		return m.pickerKey(act)
	}
	switch act {
	case "quit":
		return m, tea.Quit
	case "help":
		m.overlay = overlayHelp
		m.helpOff = 0
		return m, nil
	case "next_pane":
		m.cyclePane(1)
		return m, nil
	case "prev_pane":
		m.cyclePane(-1)
		return m, nil
	case "toggle_sidebar":
		v := !m.lay.sideShown() || m.lay.mode == modeSingle && m.focus != paneSide
		if m.lay.mode == modeSingle {
			if v {
				m.focus = paneSide
			} else {
				m.focus = paneReader
			}
			return m, nil
		}
		m.sideOn = &v
		m.relayout()
		return m, m.ensureRender()
	case "toggle_feeds":
		if m.lay.mode == modeSingle {
			if m.focus == paneFeeds {
				m.focus = paneList
			} else {
				m.focus = paneFeeds
			}
			return m, nil
		}
		v := m.lay.feedsW == 0
		m.feedsOn = &v
		if v {
			m.focus = paneFeeds
		}
		m.relayout()
		return m, m.ensureRender()
	case "search":
		m.searching = true
		m.search.SetValue(strings.TrimSuffix(m.q.Search, "*"))
		m.search.CursorEnd()
		return m, m.search.Focus()
	case "filter_fact":
		m.openPicker()
		return m, nil
	case "toggle_unread":
		m.q.UnreadOnly = !m.q.UnreadOnly
		if m.q.UnreadOnly {
			m.setStatus("showing unread articles only")
		} else {
			m.setStatus("showing all articles")
		}
		return m, m.reload(true)
	case "export":
		return m, m.export()
	case "toggle_stories":
		return m, m.toggleStories()
	case "refresh":
		f, ok := m.currentFeed()
		if !ok {
			m.setStatus("no feed selected")
			return m, nil
		}
		return m, m.refreshFeeds([]store.Feed{f})
	case "refresh_all":
		return m, m.refreshFeeds(nil)
	case "star":
		return m, m.toggleStar()
	case "toggle_read":
		return m, m.toggleRead()
	case "archive":
		return m, m.archive()
	case "mark_all_read":
		if m.src == nil {
			return m, nil
		}
		return m, m.markAllRead()
	case "open_browser":
		u, err := m.link()
		if err != nil {
			m.setErr(err)
			return m, nil
		}
		return m, openBrowserCmd(browserCommand(m.cfg.UI.Browser), u)
	case "copy_link":
		u, err := m.link()
		if err != nil {
			m.setErr(err)
			return m, nil
		}
		m.setStatus("link copied: " + u)
		return m, tea.SetClipboard(u)
	case "evidence":
		m.side.evidence = !m.side.evidence
		m.rebuildSide()
		return m, nil
	}
	switch m.focus {
	case paneFeeds:
		return m.feedsKey(act)
	case paneList:
		return m.listKey(act)
	case paneReader:
		return m.readerKey(act)
	case paneSide:
		return m.sideKey(act)
	}
	return m, nil
}

// panes lists the focusable panes in tab order for the current layout.
func (m Model) panes() []pane {
	var ps []pane
	if m.lay.feedsW > 0 {
		ps = append(ps, paneFeeds)
	}
	ps = append(ps, paneList)
	if m.art != nil || m.openID != 0 {
		ps = append(ps, paneReader)
		if m.lay.sideShown() {
			ps = append(ps, paneSide)
		}
	}
	return ps
}

func (m *Model) cyclePane(d int) {
	ps := m.panes()
	i := 0
	for j, p := range ps {
		if p == m.focus {
			i = j
		}
	}
	m.focus = ps[(i+d+len(ps))%len(ps)]
	if m.focus == paneSide {
		m.jumpToEvidence() // show where the selected fact or quote comes from
	} else {
		m.rebuildSide()
	}
}

func (m Model) listKey(act string) (tea.Model, tea.Cmd) {
	if cmd, ok := m.storyKey(act); ok { // expand, and moving through a story's articles
		return m, cmd
	}
	n := m.count()
	switch act {
	case "up":
		m.cursor--
	case "down":
		m.cursor++
	case "top":
		m.cursor = 0
	case "bottom":
		m.cursor = n - 1
		m.wantBottom = m.counted != m.gen+1 // the count is still coming: follow it
	case "page_down":
		m.cursor += m.visibleRows()
	case "page_up":
		m.cursor -= m.visibleRows()
	case "next_unread", "prev_unread":
		return m.jumpUnread(act == "next_unread", false)
	case "open":
		return m, m.open()
	case "back":
		if m.q.Search != "" || m.q.Fact != "" {
			m.q.Search, m.q.Fact = "", ""
			m.setStatus("filters cleared")
			return m, m.reload(true)
		}
		if m.lay.feedsW > 0 {
			m.focus = paneFeeds
		}
		return m, nil
	default:
		return m, nil
	}
	m.cursor = clamp(m.cursor, 0, max(n-1, 0))
	m.scrollList()
	return m, m.needPages()
}

func (m Model) readerKey(act string) (tea.Model, tea.Cmd) {
	page := max(m.readerBodyH()-2, 1)
	switch act {
	case "up":
		m.offset--
	case "down":
		m.offset++
	case "top":
		m.offset = 0
	case "bottom":
		m.offset = 1 << 30
	case "page_down":
		m.offset += page
	case "page_up":
		m.offset -= page
	case "next_unread", "prev_unread":
		return m.jumpUnread(act == "next_unread", true)
	case "back":
		m.focus = paneList
		return m, nil
	}
	m.clampOffset()
	return m, nil
}

func (m Model) sideKey(act string) (tea.Model, tea.Cmd) {
	n := len(m.side.items)
	switch act {
	case "up", "down", "top", "bottom":
		if n == 0 {
			return m, nil
		}
		switch act {
		case "up":
			m.side.sel--
		case "down":
			m.side.sel++
		case "top":
			m.side.sel = 0
		case "bottom":
			m.side.sel = n - 1
		}
		m.side.sel = clamp(m.side.sel, 0, n-1)
		m.jumpToEvidence()
	case "open":
		m.jumpToEvidence()
	case "page_down", "page_up":
		return m.readerKey(act)
	case "back":
		m.focus = paneReader
		if m.lay.mode != modeSingle {
			m.focus = paneList
		}
	}
	return m, nil
}

func (m Model) searchKey(msg tea.KeyPressMsg) (tea.Model, tea.Cmd) {
	switch msg.String() {
	case "enter":
		m.searching = false
		m.search.Blur()
		if asYouType(m.search.Value()) != m.q.Search {
			m.q.Search = asYouType(m.search.Value())
			m.cursor, m.top = 0, 0
			return m, m.reload(false)
		}
		return m, nil
	case "esc":
		m.searching = false
		m.search.Blur()
		m.search.SetValue("")
		if m.q.Search != "" {
			m.q.Search = ""
			return m, m.reload(true)
		}
		return m, nil
	case "ctrl+c":
		return m, tea.Quit
	}
	before := m.search.Value()
	var cmd tea.Cmd
	m.search, cmd = m.search.Update(msg)
	if m.search.Value() != before {
		m.searchN++
		cmd = tea.Batch(cmd, tick(searchDebounce, searchMsg{m.searchN}))
	}
	return m, cmd
}

// badgeCount is one choice of the fact filter.
type badgeCount struct {
	badge string
	n     int
}

// openPicker lists the fact badges present in the loaded rows, commonest first.
func (m *Model) openPicker() {
	counts := map[string]int{}
	m.eachRow(func(r *store.Row) {
		for _, b := range r.Badges {
			counts[line(b)]++
		}
	})
	m.picks = m.picks[:0]
	for b, n := range counts {
		m.picks = append(m.picks, badgeCount{b, n})
	}
	sort.Slice(m.picks, func(i, j int) bool {
		if m.picks[i].n != m.picks[j].n {
			return m.picks[i].n > m.picks[j].n
		}
		return m.picks[i].badge < m.picks[j].badge
	})
	m.picks = append([]badgeCount{{badge: "", n: 0}}, m.picks...) // "all articles"
	m.pickAt = 0
	for i, p := range m.picks {
		if p.badge == m.q.Fact {
			m.pickAt = i
		}
	}
	m.overlay = overlayFacts
}

func (m Model) pickerKey(act string) (tea.Model, tea.Cmd) {
	switch act {
	case "up":
		m.pickAt = max(m.pickAt-1, 0)
	case "down":
		m.pickAt = min(m.pickAt+1, len(m.picks)-1)
	case "top":
		m.pickAt = 0
	case "bottom":
		m.pickAt = len(m.picks) - 1
	case "back", "filter_fact":
		m.overlay = overlayNone
	case "quit":
		return m, tea.Quit
	case "open":
		m.overlay = overlayNone
		m.q.Fact = m.picks[m.pickAt].badge
		m.cursor, m.top = 0, 0
		m.focus = paneList
		if m.q.Fact == "" {
			m.setStatus("fact filter cleared")
		} else {
			m.setStatus(fmt.Sprintf("articles with %s", m.q.Fact))
		}
		return m, m.reload(false)
	}
	return m, nil
}

func (m Model) feedsKey(act string) (tea.Model, tea.Cmd) {
	n := len(m.feedItems)
	switch act {
	case "up":
		m.feedCursor--
	case "down":
		m.feedCursor++
	case "top":
		m.feedCursor = 0
	case "bottom":
		m.feedCursor = n - 1
	case "open":
		if m.feedCursor < n {
			it := m.feedItems[m.feedCursor]
			m.q.FeedID, m.q.Folder, m.q.StarredOnly = it.feedID, it.folder, it.starred
			m.feedLabel = it.label
			m.cursor, m.top = 0, 0
			m.focus = paneList
			return m, m.reload(false)
		}
	case "back":
		m.focus = paneList
	}
	m.feedCursor = clamp(m.feedCursor, 0, max(n-1, 0))
	m.scrollFeeds()
	return m, nil
}

// handleWheel scrolls the pane under the pointer.
func (m Model) handleWheel(ms tea.Mouse) (tea.Model, tea.Cmd) {
	p := m.paneAt(ms.X, ms.Y)
	act := "down"
	if ms.Button == tea.MouseWheelUp {
		act = "up"
	}
	switch p {
	case paneList:
		return m.listKey(act)
	case paneReader:
		for range 3 {
			mm, _ := m.readerKey(act)
			m = mm.(Model)
		}
		return m, nil
	case paneSide:
		return m.sideKey(act)
	case paneFeeds:
		return m.feedsKey(act)
	}
	return m, nil
}

// handleClick focuses the pane under the pointer and selects the clicked row.
func (m Model) handleClick(ms tea.Mouse) (tea.Model, tea.Cmd) {
	if ms.Button != tea.MouseLeft || m.overlay != overlayNone || m.searching {
		return m, nil
	}
	p := m.paneAt(ms.X, ms.Y)
	m.focus = p
	switch p {
	case paneList:
		if ms.Y >= 1 && ms.Y < m.lay.bodyH {
			if m.clickEntry((ms.Y - 1) / 2) { // stories.go: rows and expanded articles
				m.scrollList()
				return m, m.needPages()
			}
		}
	case paneFeeds:
		if i := ms.Y - 1; i >= 0 && ms.Y < m.lay.bodyH && i+m.feedTop < len(m.feedItems) {
			m.feedCursor = i + m.feedTop
		}
	}
	return m, nil
}

// paneAt maps a screen cell to the pane drawn there.
func (m Model) paneAt(x, y int) pane {
	l := m.lay
	if l.mode == modeSingle {
		return m.focus
	}
	if l.feedsW > 0 {
		if x < l.feedsW {
			return paneFeeds
		}
		x -= l.feedsW + 1
	}
	if x < l.listW {
		return paneList
	}
	x -= l.listW + 1
	if l.mode == modeStacked {
		if y >= l.readerH && l.sideH > 0 {
			return paneSide
		}
		return paneReader
	}
	if x < l.readerW || l.sideW == 0 {
		return paneReader
	}
	return paneSide
}
