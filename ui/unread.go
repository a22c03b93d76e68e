package ui

import tea "charm.land/bubbletea/v2"

// n and N move to the next or previous unread row of the whole result, not
// only of the pages in memory: when the scan runs off the loaded pages the
// next page is loaded and the scan resumes there (rows.go keeps that page
// while the seek lasts).

const seekingStatus = "looking for unread articles…"

// unreadSeek is an n/N waiting for a page.
type unreadSeek struct {
	gen  int  // m.gen+1 of the query it scans; 0: none
	from int  // the index to look at next
	step int  // +1 next, -1 previous
	open bool // pressed in the reader: open what it finds
}

func (s unreadSeek) active(m Model) bool { return s.gen != 0 && s.gen == m.gen+1 }

// jumpUnread starts an n/N from the cursor.
func (m Model) jumpUnread(next, open bool) (tea.Model, tea.Cmd) {
	step := 1
	if !next {
		step = -1
	}
	return m.seekUnread(m.cursor+step, step, open)
}

// seekUnread scans from index from; it moves the cursor to the first unread
// row, or loads the page it ran into, or says there is none.
func (m Model) seekUnread(from, step int, open bool) (tea.Model, tea.Cmd) {
	found, missing := m.scanUnread(from, step)
	switch {
	case found >= 0:
		m.seek = unreadSeek{}
		if m.status == seekingStatus {
			m.setStatus("")
		}
		m.cursor = found
		m.scrollList()
		if open {
			return m, tea.Batch(m.open(), m.needPages())
		}
		return m, m.needPages()
	case missing >= 0:
		m.seek = unreadSeek{gen: m.gen + 1, from: missing, step: step, open: open}
		m.setStatus(seekingStatus)
		p := missing / pageSize
		if m.rp.pending[p] { // already on its way: gotRows resumes the scan
			return m, nil
		}
		m.rp.pending[p] = true
		return m, m.loadRows(m.gen, m.q, p*pageSize, pageSize, false)
	default:
		m.seek = unreadSeek{}
		m.setStatus("no more unread articles")
		return m, nil
	}
}

// scanUnread walks the loaded rows from index from by step. It returns the
// first unread row, or else the first row of the result that is not loaded,
// or -1 for both when the result ends first.
func (m Model) scanUnread(from, step int) (found, missing int) {
	for i := from; i >= 0 && i < m.count(); i += step {
		r, ok := m.row(i)
		if !ok {
			return -1, i
		}
		if !r.Read {
			return i, -1
		}
	}
	return -1, -1
}
