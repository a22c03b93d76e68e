package ui

import (
	"slices"

	tea "charm.land/bubbletea/v2"

	"github.com/sitrep-news/sitrep/store"
)

// The list holds only pages of rows around what is on screen, never the
// whole result: at 100,000 articles loading every row costs ~200 MB of RSS
// (driver buffers, page cache) for rows nobody looks at.
const (
	pageSize = 500
	maxPages = 16 // 8,000 rows in memory at most
)

// rowPages is the list's window onto the query result: page number ->
// rows. Pages are loaded by commands and evicted farthest-first.
type rowPages struct {
	pages   map[int][]store.Row
	pending map[int]bool
}

func newRowPages() rowPages {
	return rowPages{pages: map[int][]store.Row{}, pending: map[int]bool{}}
}

// row returns the loaded row at global index i.
func (m Model) row(i int) (*store.Row, bool) {
	if i <= kidBase {
		return m.kidRow(i) // an expanded story's article (stories.go)
	}
	if i < 0 {
		return nil, false
	}
	p, ok := m.rp.pages[i/pageSize]
	if !ok || i%pageSize >= len(p) {
		return nil, false
	}
	return &p[i%pageSize], true
}

// rowIndex finds a loaded article's global index, or -1.
func (m Model) rowIndex(id int64) int {
	for n, p := range m.rp.pages {
		for k := range p {
			if p[k].ID == id {
				return n*pageSize + k
			}
		}
	}
	return m.kidIndexOf(id)
}

// eachRow calls fn for every loaded row.
func (m Model) eachRow(fn func(r *store.Row)) {
	for _, p := range m.rp.pages {
		for k := range p {
			fn(&p[k])
		}
	}
	for k := range m.sto.exp.kids {
		fn(&m.sto.exp.kids[k])
	}
}

// needPages loads the pages around the visible rows that are missing.
func (m *Model) needPages() tea.Cmd {
	if !m.loaded || m.src == nil {
		return nil
	}
	n := m.count()
	from := max(m.top-pageSize/4, 0) / pageSize
	to := min(m.top+m.visibleRows()+pageSize/4, max(n-1, 0)) / pageSize
	var cmds []tea.Cmd
	for p := from; p <= to; p++ {
		// A page is missing, or short of what the count says exists (the
		// count ran after new articles were saved).
		rows, ok := m.rp.pages[p]
		if ok && (len(rows) == pageSize || p*pageSize+len(rows) >= n) || m.rp.pending[p] || p*pageSize >= n {
			continue
		}
		m.rp.pending[p] = true
		cmds = append(cmds, m.loadRows(m.gen, m.q, p*pageSize, pageSize, false))
	}
	return tea.Batch(cmds...)
}

// putRows stores rows loaded at offset (a page boundary) as pages and
// evicts the pages farthest from the cursor.
func (m *Model) putRows(offset int, rows []store.Row) {
	for i := 0; i*pageSize < len(rows) || i == 0; i++ {
		p := offset/pageSize + i
		chunk := rows[min(i*pageSize, len(rows)):min((i+1)*pageSize, len(rows))]
		m.rp.pages[p] = slices.Clip(chunk)
		delete(m.rp.pending, p)
	}
	if len(m.rp.pages) <= maxPages {
		return
	}
	// Evict farthest from the cursor, or from where an n/N is scanning:
	// otherwise the page it just loaded would be the first to go.
	cur := m.cursor / pageSize
	if m.seek.active(*m) {
		cur = m.seek.from / pageSize
	}
	keys := make([]int, 0, len(m.rp.pages))
	for p := range m.rp.pages {
		keys = append(keys, p)
	}
	dist := func(p int) int { return max(p-cur, cur-p) }
	slices.SortFunc(keys, func(a, b int) int { return dist(b) - dist(a) })
	for _, p := range keys[:len(keys)-maxPages] {
		delete(m.rp.pages, p)
	}
}
