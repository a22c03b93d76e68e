package ui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/x/ansi"
)

// feedItem is one entry of the feed column: everything, starred, a folder or a feed.
type feedItem struct {
	label   string
	feedID  int64
	folder  string
	starred bool
	unread  int
	indent  bool
	isHead  bool // folder heading
}

// buildFeedItems groups the feeds under their folders (the store orders
// feeds by folder then title).
func (m *Model) buildFeedItems() {
	total := 0
	for _, f := range m.feeds {
		total += f.Unread
	}
	items := []feedItem{{label: "All articles", unread: total}, {label: "★ Starred", starred: true}}
	folder := ""
	for _, f := range m.feeds {
		if f.Folder != folder && f.Folder != "" {
			n := 0
			for _, g := range m.feeds {
				if g.Folder == f.Folder {
					n += g.Unread
				}
			}
			items = append(items, feedItem{label: line(f.Folder), folder: f.Folder, unread: n, isHead: true})
		}
		folder = f.Folder
		title := line(f.Title)
		if title == "" {
			title = line(f.URL)
		}
		if f.LastError != "" {
			title = "! " + title
		}
		items = append(items, feedItem{label: title, feedID: f.ID, unread: f.Unread, indent: f.Folder != ""})
	}
	m.feedItems = items
	m.feedCursor = clamp(m.feedCursor, 0, len(items)-1)
	m.scrollFeeds()
}

// scrollFeeds keeps the feed cursor in the column's view. The first row on
// screen lives in the model (feedTop), so moving inside the view does not
// scroll it and a click maps to the row drawn under the pointer.
func (m *Model) scrollFeeds() {
	rows := max(m.lay.bodyH-1, 1)
	if m.feedCursor < m.feedTop {
		m.feedTop = m.feedCursor
	}
	if m.feedCursor >= m.feedTop+rows {
		m.feedTop = m.feedCursor - rows + 1
	}
	m.feedTop = max(m.feedTop, 0)
}

// unreadTotal is the unread count over all feeds.
func (m Model) unreadTotal() int {
	if len(m.feedItems) > 0 {
		return m.feedItems[0].unread
	}
	return 0
}

func (m Model) feedLines(w, h int) []string {
	st := m.st
	head := st.header
	if m.focus == paneFeeds {
		head = st.headerFocus
	}
	out := []string{head.Render(" Feeds")}
	rows := h - 1
	top := m.feedTop
	for i := top; i < len(m.feedItems) && i < top+rows; i++ {
		it := m.feedItems[i]
		label := it.label
		if it.indent {
			label = "  " + label
		}
		count := ""
		if it.unread > 0 {
			count = fmt.Sprintf(" %d", it.unread)
		}
		lw := max(w-1-len(count), 1)
		text := " " + pad(label, lw)
		if strings.TrimSpace(count) != "" {
			text += st.dim.Render(count)
		}
		switch {
		case i == m.feedCursor && m.focus == paneFeeds:
			text = st.cursor.Render(pad(ansi.Strip(text), w))
		case it.isHead:
			text = st.section.Render(ansi.Strip(text))
		}
		out = append(out, text)
	}
	return out
}
