package ui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/sitrep-news/sitrep/store"
)

// TestCountBeforeRowsKeepsOldResultConsistent: when a new query's count
// arrives before its rows, the header must not claim the new total over the
// old rows, or a key pressed then acts on a row of the old result.
func TestCountBeforeRowsKeepsOldResultConsistent(t *testing.T) {
	m := start(t, newTestModel(t, newFake(t)), 120, 40)
	before := m.count()
	if before < 2 {
		t.Fatalf("fixture has %d rows", before)
	}
	oldFirst := selectedTitle(m)
	m.gen++ // a reload is in flight
	nm, _ := m.Update(countMsg{gen: m.gen, total: 1})
	m = nm.(Model)
	if m.total == 1 {
		t.Fatalf("count applied before its rows: total %d over %d old rows (%q)", m.total, m.count(), oldFirst)
	}
	r, _ := m.row(1)
	nm, _ = m.Update(rowsMsg{gen: m.gen, offset: 0, rows: []store.Row{*r}, fresh: true})
	m = nm.(Model)
	if m.total != 1 || m.count() != 1 || selectedTitle(m) == oldFirst {
		t.Fatalf("after its rows the count applies: total %d, %d rows", m.total, m.count())
	}
	if !strings.Contains(m.View().Content, "1/1") {
		t.Errorf("header should show 1/1")
	}
	var _ tea.Model = m
}
