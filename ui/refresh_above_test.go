package ui

import (
	"strings"
	"testing"
	"time"

	"github.com/sitrep-news/sitrep/store"
)

// reloadWithNewAbove simulates a refresh that saved n new articles, newer
// than everything listed: the keep-selection reload brings them in above.
func reloadWithNewAbove(t *testing.T, m Model, titles ...string) Model {
	t.Helper()
	var rows []store.Row
	for i, title := range titles {
		rows = append(rows, store.Row{ID: int64(1000 + 100*m.gen + i), FeedID: 1, FeedTitle: "Frontier Post", Title: title, Published: testNow.Add(time.Minute)})
	}
	for i := 0; i < m.count(); i++ {
		r, ok := m.row(i)
		if !ok {
			t.Fatalf("row %d not loaded", i)
		}
		rows = append(rows, *r)
	}
	cmd := m.reload(true)
	_ = cmd // the test answers the reload itself
	nm, _ := m.Update(rowsMsg{gen: m.gen, offset: 0, rows: rows, fresh: true})
	m = nm.(Model)
	nm, _ = m.Update(countMsg{gen: m.gen, total: len(rows)})
	return nm.(Model)
}

// A refresh adding rows above the selection keeps the selection, and on a
// list that fits the screen the new rows show above it rather than being
// scrolled out of view with blank lines left below (the PTY end-to-end
// test caught this when one feed arrived a second after the other).
func TestRefreshAddsRowsAboveVisibleWhenListFits(t *testing.T) {
	m := start(t, newTestModel(t, newFake(t)), 120, 40)
	m, _ = drive(t, m, keys("j", "j")...)
	sel := selectedTitle(m)
	m = reloadWithNewAbove(t, m, "NEWROWONE breaking", "NEWROWTWO breaking")
	if got := selectedTitle(m); got != sel {
		t.Fatalf("selection moved from %q to %q", sel, got)
	}
	if m.top != 0 {
		t.Errorf("top = %d, want 0: %d rows fit in %d", m.top, m.count(), m.visibleRows())
	}
	v := m.View().Content
	for _, want := range []string{"NEWROWONE", "NEWROWTWO"} {
		if !strings.Contains(v, want) {
			t.Errorf("new row %s not on screen:\n%s", want, v)
		}
	}
}

// On a list longer than the screen the selected row stays where it was on
// screen: the new rows are above, reachable by scrolling up.
func TestRefreshAddsRowsAboveKeepsPlaceWhenListOverflows(t *testing.T) {
	m := start(t, newTestModel(t, newFake(t)), 120, 12)
	n := m.visibleRows()
	if m.count() <= n {
		t.Fatalf("fixture: %d rows fit in %d, want overflow", m.count(), n)
	}
	m, _ = drive(t, m, keys("j", "j")...)
	cur, top := m.cursor, m.top
	m = reloadWithNewAbove(t, m, "NEWROWONE breaking")
	if m.cursor != cur+1 || m.top != top+1 {
		t.Errorf("cursor/top = %d/%d, want %d/%d (row kept in place)", m.cursor, m.top, cur+1, top+1)
	}
}

// Untouched at the top (a refresh streaming in right after start-up), the
// list stays on the newest rows instead of following the first article
// down as rows land above it.
func TestRefreshAtTopStaysOnNewest(t *testing.T) {
	m := start(t, newTestModel(t, newFake(t)), 120, 40)
	m = reloadWithNewAbove(t, m, "NEWROWONE breaking", "NEWROWTWO breaking")
	if m.cursor != 0 || m.top != 0 || selectedTitle(m) != "NEWROWONE breaking" {
		t.Errorf("cursor %d top %d on %q, want the newest row at the top", m.cursor, m.top, selectedTitle(m))
	}
	// Once an article has been opened, the selection is kept even at row 0.
	m, _ = drive(t, m, press("enter"), press("esc"))
	sel := selectedTitle(m)
	m = reloadWithNewAbove(t, m, "NEWROWTHREE breaking")
	if got := selectedTitle(m); got != sel || m.cursor != 1 {
		t.Errorf("after opening: selection %q at %d, want %q kept", got, m.cursor, sel)
	}
}
