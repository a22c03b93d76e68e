package ui

import (
	"context"
	"errors"
	"fmt"
	"image/color"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/sitrep-news/sitrep/config"
	"github.com/sitrep-news/sitrep/store"
	"github.com/sitrep-news/sitrep/summarize"
)

func screen(m Model) string { return ansi.Strip(m.View().Content) }

func mustContain(t *testing.T, m Model, want ...string) {
	t.Helper()
	s := screen(m)
	for _, w := range want {
		if !strings.Contains(s, w) {
			t.Errorf("screen lacks %q:\n%s", w, s)
		}
	}
}

func selectedTitle(m Model) string {
	r, _ := m.Selected()
	return r.Title
}

func TestListNavigation(t *testing.T) {
	m := start(t, newTestModel(t, newFake(t)), 120, 40)
	if m.cursor != 0 || m.count() != 8 {
		t.Fatalf("cursor %d count %d", m.cursor, m.count())
	}
	steps := []struct {
		key  string
		want int
	}{{"j", 1}, {"down", 2}, {"k", 1}, {"up", 0}, {"k", 0}, {"G", 7}, {"j", 7}, {"g", 0},
		{"space", 7}, {"b", 0}, {"n", 1}, {"n", 2}, {"n", 4}, {"N", 2}}
	for _, s := range steps {
		m, _ = drive(t, m, press(s.key))
		if m.cursor != s.want {
			t.Fatalf("after %q cursor = %d, want %d", s.key, m.cursor, s.want)
		}
	}
	// Unread rows are 0,1,2,4,5,7 (newFake); from 7 there is none after.
	m, _ = drive(t, m, press("G"), press("n"))
	if st, _ := m.Status(); st != "no more unread articles" {
		t.Errorf("status %q", st)
	}
}

func TestOpenMarksReadAndShowsAnalysis(t *testing.T) {
	src := newFake(t)
	m := start(t, newTestModel(t, src), 120, 40)
	m, _ = drive(t, m, press("enter"))
	a, ok := m.Opened()
	if !ok || a.ID != 1 {
		t.Fatalf("opened %v %v", a.ID, ok)
	}
	if m.Focus() != "reader" {
		t.Errorf("focus %s", m.Focus())
	}
	if !src.get(1).Read || !row0(m).Read {
		t.Error("opening did not mark the article read in the store and the list")
	}
	mustContain(t, m, "talks: collapsed", "ceasefire: holding", "Zabihullah Mujahid", "KEY FACTS", "QUOTES")
	m, _ = drive(t, m, press("esc"))
	if m.Focus() != "list" {
		t.Errorf("esc: focus %s", m.Focus())
	}
}

func TestOpenDoesNotMarkReadWhenConfigured(t *testing.T) {
	src := newFake(t)
	f := false
	cfg := config.Default()
	cfg.UI.MarkReadOnOpen = &f
	m := start(t, newTestModel(t, src, func(o *Options) { o.Config = cfg }), 120, 40)
	m, _ = drive(t, m, press("enter"))
	if src.get(1).Read {
		t.Error("mark_read_on_open: false still marked read")
	}
}

func TestAnalysisComputedWhenNotCached(t *testing.T) {
	src := newFake(t)
	delete(src.analyses, "seedhash")
	called := 0
	m := start(t, newTestModel(t, src, func(o *Options) {
		real := o.Analyze
		_ = real
		o.Analyze = func(in summarize.Input) summarize.Analysis {
			called++
			return seedAnalysis(t, in.Title, in.Text)
		}
	}), 120, 40)
	m, _ = drive(t, m, press("enter"))
	if called != 1 {
		t.Fatalf("analyse called %d times", called)
	}
	if _, ok := src.analyses["seedhash"]; !ok {
		t.Error("analysis not cached in the store")
	}
	mustContain(t, m, "talks: collapsed")
	if !m.docKey.analysed {
		t.Error("reader not re-rendered with the analysis (quotes highlighted)")
	}
}

func TestStateKeys(t *testing.T) {
	src := newFake(t)
	m := start(t, newTestModel(t, src), 120, 40)
	m, _ = drive(t, m, press("s"))
	if !src.get(1).Starred || !row0(m).Starred {
		t.Error("s did not star")
	}
	mustContain(t, m, "●★Peace")
	m, _ = drive(t, m, press("s"))
	if src.get(1).Starred {
		t.Error("second s did not unstar")
	}
	m, _ = drive(t, m, press("m"))
	if !src.get(1).Read {
		t.Error("m did not mark read")
	}
	m, _ = drive(t, m, press("m"))
	if src.get(1).Read {
		t.Error("second m did not mark unread")
	}
	m, _ = drive(t, m, press("a"))
	if !src.get(1).Archived || m.count() != 7 || selectedTitle(m) == src.get(1).Title {
		t.Errorf("a did not archive and hide: archived=%v count=%d", src.get(1).Archived, m.count())
	}
	m, _ = drive(t, m, press("A"))
	for _, a := range src.arts {
		if !a.Archived && !a.Read {
			t.Errorf("A left %d unread", a.ID)
		}
	}
	m.eachRow(func(r *store.Row) {
		if !r.Read {
			t.Errorf("A left row %d unread in the list", r.ID)
		}
	})
	if st, _ := m.Status(); !strings.Contains(st, "marked 5 articles read") {
		t.Errorf("status %q", st)
	}
}

func TestStarFromReaderActsOnOpenArticle(t *testing.T) {
	src := newFake(t)
	m := start(t, newTestModel(t, src), 120, 40)
	m, _ = drive(t, m, press("enter"), press("s"))
	if !src.get(1).Starred || !m.art.Starred {
		t.Error("s in the reader did not star the open article")
	}
	mustContain(t, m, "Article", "★")
}

func TestStateWriteErrorUndoes(t *testing.T) {
	src := newFake(t)
	m := start(t, newTestModel(t, src), 120, 40)
	src.failSet = errDiskFull
	m, _ = drive(t, m, press("s"))
	if row0(m).Starred {
		t.Error("failed star left the row starred")
	}
	st, isErr := m.Status()
	if !isErr || !strings.Contains(st, "star: disk full") {
		t.Errorf("status %q err=%v", st, isErr)
	}
	mustContain(t, m, "star: disk full")
	m, _ = drive(t, m, press("m"))
	if row0(m).Read {
		t.Error("failed mark read left the row read")
	}
	m, _ = drive(t, m, press("a"))
	if m.count() != 8 {
		t.Errorf("failed archive: %d rows, want 8 back", m.count())
	}
	if st, isErr := m.Status(); !isErr || !strings.Contains(st, "archive: disk full") {
		t.Errorf("failed archive: status %q err=%v", st, isErr)
	}
	// A failed mark-all-read leaves every row as it was and says why.
	m, _ = drive(t, m, press("A"))
	if st, isErr := m.Status(); !isErr || !strings.Contains(st, "mark all read: disk full") {
		t.Errorf("failed mark all read: status %q err=%v", st, isErr)
	}
	unread := 0
	m.eachRow(func(r *store.Row) {
		if !r.Read {
			unread++
		}
	})
	if unread == 0 {
		t.Error("failed mark all read marked the rows read")
	}
}

func TestPanesAndToggles(t *testing.T) {
	m := start(t, newTestModel(t, newFake(t)), 120, 40)
	m, _ = drive(t, m, press("tab"))
	if m.Focus() != "list" {
		t.Errorf("tab with nothing open: %s", m.Focus())
	}
	m, _ = drive(t, m, press("enter"), press("tab"))
	if m.Focus() != "sidebar" {
		t.Errorf("tab from reader: %s", m.Focus())
	}
	m, _ = drive(t, m, tea.KeyPressMsg{Code: tea.KeyTab, Mod: tea.ModShift})
	if m.Focus() != "reader" {
		t.Errorf("shift+tab: %s", m.Focus())
	}
	m, _ = drive(t, m, press("S"))
	if m.lay.sideW != 0 || strings.Contains(screen(m), "KEY FACTS") {
		t.Error("S did not hide the sidebar")
	}
	m, _ = drive(t, m, press("S"), press("F"))
	if m.lay.feedsW == 0 || m.Focus() != "feeds" {
		t.Errorf("F: feeds %d focus %s", m.lay.feedsW, m.Focus())
	}
	mustContain(t, m, "Feeds", "South Asia", "Kabul Wire", "★ Starred")
	// Pick the "Levant Daily" feed: All, Starred, South Asia, Frontier, Kabul, Middle East, Levant.
	for range 6 {
		m, _ = drive(t, m, press("j"))
	}
	m, _ = drive(t, m, press("enter"))
	if m.q.FeedID != 3 || m.count() != 3 || m.Focus() != "list" {
		t.Errorf("feed filter: feed %d count %d focus %s", m.q.FeedID, m.count(), m.Focus())
	}
	m, _ = drive(t, m, press("F"))
	if m.lay.feedsW != 0 {
		t.Error("F did not hide the feeds")
	}
}

func TestSingleMode(t *testing.T) {
	m := start(t, newTestModel(t, newFake(t)), 60, 20)
	mustContain(t, m, "All articles")
	m, _ = drive(t, m, press("enter"))
	mustContain(t, m, "Article", "officially collapsed")
	m, _ = drive(t, m, press("tab"))
	mustContain(t, m, "KEY FACTS")
	m, _ = drive(t, m, press("esc"))
	if m.Focus() != "reader" {
		t.Errorf("esc from sidebar in single mode: %s", m.Focus())
	}
	m, _ = drive(t, m, press("esc"))
	mustContain(t, m, "All articles")
}

func TestReaderScrolling(t *testing.T) {
	m := start(t, newTestModel(t, newFake(t)), 80, 24)
	m, _ = drive(t, m, press("enter"))
	m, _ = drive(t, m, press("j"), press("j"))
	if m.offset != 2 {
		t.Errorf("j j: offset %d", m.offset)
	}
	m, _ = drive(t, m, press("space"))
	if m.offset <= 2 {
		t.Errorf("space: offset %d", m.offset)
	}
	m, _ = drive(t, m, press("G"))
	end := m.offset
	if end != len(m.doc.lines)-m.readerBodyH() {
		t.Errorf("G: offset %d of %d lines", end, len(m.doc.lines))
	}
	m, _ = drive(t, m, press("j"))
	if m.offset != end {
		t.Error("scrolled past the end")
	}
	m, _ = drive(t, m, press("g"))
	if m.offset != 0 {
		t.Error("g did not go to top")
	}
	// n in the reader opens the next unread article.
	m, _ = drive(t, m, press("n"))
	if a, _ := m.Opened(); a.ID != 2 {
		t.Errorf("n opened %d", a.ID)
	}
}

func TestSidebarJumpsToEvidenceAtEveryWidth(t *testing.T) {
	src := newFake(t)
	for _, w := range []int{60, 73, 80, 97, 120, 150, 200} {
		m := start(t, newTestModel(t, src), w, 30)
		m, _ = drive(t, m, press("enter"), press("tab"))
		if m.lay.mode == modeSingle && m.Focus() != "sidebar" {
			t.Fatalf("%d: focus %s", w, m.Focus())
		}
		for i, it := range m.side.items {
			if i > 0 {
				m, _ = drive(t, m, press("j"))
			}
			if m.side.sel != i {
				t.Fatalf("%d: sel %d want %d", w, m.side.sel, i)
			}
			if m.markTo < 0 {
				t.Errorf("w%d item %d: evidence %q not found in the rendering", w, i, it.needle)
				continue
			}
			// The marked lines hold the evidence's words, in order.
			got := strings.Join(m.doc.plain[m.markFrom:m.markTo+1], " ")
			if !containsWords(got, it.needle) {
				t.Errorf("w%d item %d: marked %q, want %q", w, i, got, it.needle)
			}
			if m.markFrom < m.offset || m.markFrom >= m.offset+m.readerBodyH() {
				t.Errorf("w%d item %d: evidence line %d off screen (offset %d)", w, i, m.markFrom, m.offset)
			}
			if m.lay.mode != modeSingle && !strings.Contains(screen(m), "▌") {
				t.Errorf("w%d item %d: no mark on screen", w, i)
			}
		}
	}
}

func containsWords(hay, needle string) bool {
	return strings.Contains(" "+strings.Join(words(hay), " ")+" ", " "+strings.Join(words(needle), " ")+" ")
}

func TestEvidenceToggle(t *testing.T) {
	m := start(t, newTestModel(t, newFake(t)), 120, 60)
	m, _ = drive(t, m, press("enter"))
	if strings.Contains(screen(m), "“both sides agreeing") {
		t.Fatal("evidence shown before v")
	}
	m, _ = drive(t, m, press("v"))
	mustContain(t, m, "“both sides agreeing")
}

func TestSearchAsYouType(t *testing.T) {
	m := start(t, newTestModel(t, newFake(t)), 120, 40)
	m, _ = drive(t, m, press("/"))
	if !m.searching {
		t.Fatal("/ did not open search")
	}
	gen := m.gen
	// Type faster than the debounce: each key's tick is dropped, then the
	// ticks arrive, only the last one current.
	for _, k := range keys("D", "u", "r", "a", "n", "d") {
		nm, _ := m.Update(k)
		m = nm.(Model)
	}
	if m.q.Search != "" {
		t.Error("searched before the debounce")
	}
	for n := 1; n <= m.searchN; n++ {
		m, _ = drive(t, m, searchMsg{n})
	}
	if m.gen != gen+1 {
		t.Errorf("typing 6 letters ran %d queries, want 1 (debounced)", m.gen-gen)
	}
	if m.q.Search != "Durand*" || m.count() != 1 || !strings.Contains(selectedTitle(m), "Peace negotiations") {
		t.Fatalf("search %q: %d rows, %q", m.q.Search, m.count(), selectedTitle(m))
	}
	mustContain(t, m, "/Durand")
	m, _ = drive(t, m, press("enter"))
	if m.searching || m.q.Search != "Durand*" {
		t.Error("enter did not keep the search")
	}
	m, _ = drive(t, m, press("esc"))
	if m.q.Search != "" || m.count() != 8 {
		t.Errorf("esc in the list did not clear the search: %q %d", m.q.Search, m.count())
	}
	m, _ = drive(t, m, press("/"), press("x"), press("esc"))
	if m.searching || m.count() != 8 {
		t.Error("esc in the search box did not cancel")
	}
}

func TestFactFilter(t *testing.T) {
	m := start(t, newTestModel(t, newFake(t)), 120, 40)
	m, _ = drive(t, m, press("f"))
	mustContain(t, m, "Filter by fact", "ceasefire:holding (2)", "talks:resumed (2)")
	for m.picks[m.pickAt].badge != "ceasefire:holding" {
		m, _ = drive(t, m, press("j"))
	}
	m, _ = drive(t, m, press("enter"))
	if m.q.Fact != "ceasefire:holding" || m.count() != 2 {
		t.Fatalf("fact %q rows %d", m.q.Fact, m.count())
	}
	m, _ = drive(t, m, press("f"), press("g"), press("enter"))
	if m.q.Fact != "" || m.count() != 8 {
		t.Errorf("clearing: fact %q rows %d", m.q.Fact, m.count())
	}
	m, _ = drive(t, m, press("f"), press("esc"))
	if m.overlay != overlayNone {
		t.Error("esc did not close the picker")
	}
}

func TestUnreadOnly(t *testing.T) {
	m := start(t, newTestModel(t, newFake(t)), 120, 40)
	m, _ = drive(t, m, press("u"))
	if !m.q.UnreadOnly || m.count() != 6 {
		t.Errorf("u: %v %d", m.q.UnreadOnly, m.count())
	}
	mustContain(t, m, "All articles · unread")
	m, _ = drive(t, m, press("u"))
	if m.count() != 8 {
		t.Errorf("second u: %d", m.count())
	}
}

func TestHelpQuitExport(t *testing.T) {
	t.Setenv("XDG_DATA_HOME", t.TempDir()) // e writes a briefing there
	m := start(t, newTestModel(t, newFake(t)), 120, 40)
	m, _ = drive(t, m, press("?"))
	mustContain(t, m, "Keys", "next unread", "copy link", "filter by fact", "toggle facts sidebar")
	m, _ = drive(t, m, press("?"))
	if m.overlay != overlayNone {
		t.Error("? did not close help")
	}
	m, _ = drive(t, m, press("e"))
	if st, _ := m.Status(); !strings.Contains(st, "briefing written to") {
		t.Errorf("e: %q", st)
	}
	for _, k := range []string{"q", "ctrl+c"} {
		_, cmd := m.Update(press(k))
		if cmd == nil || cmd() != (tea.QuitMsg{}) {
			t.Errorf("%s did not quit", k)
		}
	}
}

func TestRemappedKeys(t *testing.T) {
	src := newFake(t)
	acts, err := config.Keymap(map[string][]string{"star": {"z"}, "down": {"ctrl+n"}})
	if err != nil {
		t.Fatal(err)
	}
	m := start(t, newTestModel(t, src, func(o *Options) { o.Actions = acts }), 120, 40)
	m, _ = drive(t, m, press("s"))
	if src.get(1).Starred {
		t.Error("old key still stars")
	}
	m, _ = drive(t, m, press("z"), tea.KeyPressMsg{Code: 'n', Mod: tea.ModCtrl})
	if !src.get(1).Starred || m.cursor != 1 {
		t.Errorf("remapped keys: starred %v cursor %d", src.get(1).Starred, m.cursor)
	}
	m, _ = drive(t, m, press("?"))
	mustContain(t, m, "z star", "ctrl+n")
}

func TestOpenBrowserAndCopyLink(t *testing.T) {
	var got []string
	old := startBrowser
	startBrowser = func(b, u string) error { got = append(got, b, u); return nil }
	defer func() { startBrowser = old }()
	cfg := config.Default()
	cfg.UI.Browser = "mybrowser"
	src := newFake(t)
	m := start(t, newTestModel(t, src, func(o *Options) { o.Config = cfg }), 120, 40)
	m, _ = drive(t, m, press("o"))
	if len(got) != 2 || got[0] != "mybrowser" || got[1] != "https://frontier.example/talks-collapse" {
		t.Errorf("browser got %q", got)
	}
	_, cmd := m.Update(press("y"))
	if cmd == nil || !strings.Contains(strings.ToLower(typeName(cmd())), "clipboard") {
		t.Error("y did not set the clipboard")
	}
	// Only http(s) links open.
	src.arts[0].URL = "javascript:alert(1)"
	m = start(t, newTestModel(t, src, func(o *Options) { o.Config = cfg }), 120, 40)
	got = nil
	m, _ = drive(t, m, press("o"), press("y"))
	if len(got) != 0 {
		t.Errorf("opened a javascript: link: %q", got)
	}
	if st, isErr := m.Status(); !isErr || !strings.Contains(st, "no http(s) link") {
		t.Errorf("status %q", st)
	}
	startBrowser = func(b, u string) error { return errors.New("exec: not found") }
	src.arts[0].URL = "https://x.example/"
	m = start(t, newTestModel(t, src), 120, 40)
	m, _ = drive(t, m, press("o"))
	if st, isErr := m.Status(); !isErr || !strings.Contains(st, "not found") {
		t.Errorf("browser failure status %q", st)
	}
}

func typeName(v any) string {
	return strings.TrimPrefix(strings.TrimPrefix(fmt.Sprintf("%T", v), "tea."), "*")
}

func TestBrowserCommand(t *testing.T) {
	t.Setenv("BROWSER", "firefox:chromium")
	if b := browserCommand(""); b != "firefox" {
		t.Errorf("$BROWSER: %q", b)
	}
	if b := browserCommand("lynx"); b != "lynx" {
		t.Errorf("config: %q", b)
	}
	t.Setenv("BROWSER", "")
	if b := browserCommand(""); b != "xdg-open" && b != "open" {
		t.Errorf("default: %q", b)
	}
}

func TestRefreshKeepsCursorOnReadArticle(t *testing.T) {
	src := newFake(t)
	var refreshed [][]store.Feed
	refresh := func(ctx context.Context, feeds []store.Feed, progress func(Progress)) RefreshResult {
		refreshed = append(refreshed, feeds)
		src.mu.Lock()
		for i := 0; i < 3; i++ { // three newer articles land above everything
			src.arts = append(src.arts, store.Article{ID: int64(100 + i), FeedID: 2, FeedTitle: "Kabul Wire",
				Title: "Breaking " + string(rune('A'+i)), Published: testNow.Add(-time.Minute)})
		}
		src.mu.Unlock()
		progress(Progress{Done: 1, Total: 2, Feed: "Kabul Wire", New: 3})
		progress(Progress{Done: 2, Total: 2, Feed: "Evil\x1b]52;c;aGk=\x07Feed", Err: errors.New("HTTP 500")})
		return RefreshResult{New: 3, Failed: 1}
	}
	m := start(t, newTestModel(t, src, func(o *Options) { o.Refresh = refresh }), 120, 40)
	m, _ = drive(t, m, press("j"), press("j"), press("enter"))
	readID := m.art.ID
	m, _ = drive(t, m, press("R"))
	if len(refreshed) != 1 || refreshed[0] != nil {
		t.Fatalf("R refreshed %v", refreshed)
	}
	if r, _ := m.Selected(); r.ID != readID || m.cursor != 5 {
		t.Errorf("cursor moved off the article being read: %d at %d", r.ID, m.cursor)
	}
	if a, _ := m.Opened(); a.ID != readID {
		t.Error("reader changed article")
	}
	st, isErr := m.Status()
	if !isErr || !strings.Contains(st, "3 new articles, 1 feeds failed") {
		t.Errorf("status %q", st)
	}
	if m.count() != 11 {
		t.Errorf("list not updated: %d", m.count())
	}
	// r refreshes only the selected article's feed.
	m, _ = drive(t, m, press("esc"), press("r"))
	if len(refreshed) != 2 || len(refreshed[1]) != 1 || refreshed[1][0].ID != 3 {
		t.Errorf("r refreshed %v", refreshed[len(refreshed)-1])
	}
}

func TestRefreshProgressInStatusLine(t *testing.T) {
	m := start(t, newTestModel(t, newFake(t), func(o *Options) {
		o.Refresh = func(context.Context, []store.Feed, func(Progress)) RefreshResult { return RefreshResult{} }
	}), 120, 40)
	m.refreshing = true
	nm, _ := m.Update(progressMsg{p: Progress{Done: 3, Total: 12, Feed: "Evil\x1b[31mRed\x1b]8;;http://x\x07"}, ch: make(chan tea.Msg)})
	m = nm.(Model)
	mustContain(t, m, "refreshing 3/12 feeds")
	nm, _ = m.Update(progressMsg{p: Progress{Done: 4, Total: 12, Feed: "Evil\x1b[31mRed\r", Err: errors.New("timeout")}, ch: make(chan tea.Msg)})
	m = nm.(Model)
	c := m.View().Content
	if strings.Contains(c, "\x1b[31mRed") || strings.Contains(c, "\r") || strings.Contains(c, "\x1b]8") {
		t.Errorf("feed name reached the screen unsanitised: %q", c)
	}
	mustContain(t, m, "EvilRed", "timeout")
	// Every feed in: with new articles, the rest of the refresh is their
	// analysis, and the status line says so.
	nm, _ = m.Update(progressMsg{p: Progress{Done: 12, Total: 12, Feed: "Last", New: 2}, ch: make(chan tea.Msg)})
	m = nm.(Model)
	mustContain(t, m, "analysing new articles…")
}

// With nothing new, the last feed leaves the plain count (nothing to analyse).
func TestRefreshProgressLastFeedNothingNew(t *testing.T) {
	m := start(t, newTestModel(t, newFake(t), func(o *Options) {
		o.Refresh = func(context.Context, []store.Feed, func(Progress)) RefreshResult { return RefreshResult{} }
	}), 120, 40)
	m.refreshing = true
	nm, _ := m.Update(progressMsg{p: Progress{Done: 2, Total: 2, Feed: "Quiet"}, ch: make(chan tea.Msg)})
	m = nm.(Model)
	mustContain(t, m, "refreshing 2/2 feeds")
}

func TestNoRefresher(t *testing.T) {
	m := start(t, newTestModel(t, newFake(t)), 120, 40)
	m, _ = drive(t, m, press("R"))
	if st, isErr := m.Status(); !isErr || !strings.Contains(st, "not available") {
		t.Errorf("%q", st)
	}
}

func TestThemeFromTerminal(t *testing.T) {
	m := start(t, newTestModel(t, newFake(t)), 120, 40)
	m, _ = drive(t, m, press("enter"))
	if !m.docKey.dark {
		t.Fatal("does not start dark")
	}
	m, _ = drive(t, m, tea.BackgroundColorMsg{Color: color.White})
	if m.st.dark || m.docKey.dark {
		t.Error("light background did not switch to the light theme and re-render")
	}
	cfg := config.Default()
	cfg.UI.Theme = "dark"
	m = start(t, newTestModel(t, newFake(t), func(o *Options) { o.Config = cfg }), 120, 40)
	m, _ = drive(t, m, tea.BackgroundColorMsg{Color: color.White})
	if !m.st.dark {
		t.Error("theme: dark was overridden by the terminal")
	}
}

func TestMouse(t *testing.T) {
	cfg := config.Default()
	cfg.UI.Mouse = true
	m := start(t, newTestModel(t, newFake(t), func(o *Options) { o.Config = cfg }), 120, 40)
	if m.View().MouseMode != tea.MouseModeCellMotion {
		t.Error("mouse: true did not enable the mouse")
	}
	m, _ = drive(t, m, tea.MouseClickMsg{X: 5, Y: 5, Button: tea.MouseLeft})
	if m.cursor != 2 {
		t.Errorf("click row: cursor %d", m.cursor)
	}
	m, _ = drive(t, m, tea.MouseWheelMsg{X: 5, Y: 5, Button: tea.MouseWheelDown})
	if m.cursor != 3 {
		t.Errorf("wheel: cursor %d", m.cursor)
	}
	m, _ = drive(t, m, press("g"), press("enter"), tea.MouseWheelMsg{X: 60, Y: 5, Button: tea.MouseWheelDown})
	if m.offset != 3 {
		t.Errorf("wheel over reader: offset %d", m.offset)
	}
	if start(t, newTestModel(t, newFake(t)), 80, 24).View().MouseMode != tea.MouseModeNone {
		t.Error("mouse on by default")
	}
}

func TestWindowTitleSanitised(t *testing.T) {
	src := newFake(t)
	src.arts[0].Title = "Evil\x1b]0;pwned\x07 title\x9b2J"
	m := start(t, newTestModel(t, src), 120, 40)
	m, _ = drive(t, m, press("enter"))
	wt := m.View().WindowTitle
	if strings.ContainsAny(wt, "\x1b\x07\u009b") || !strings.HasPrefix(wt, "sitrep — Evil") {
		t.Errorf("window title %q", wt)
	}
}

func TestStoreErrorsShowInStatus(t *testing.T) {
	m := start(t, newTestModel(t, &failingSource{}), 120, 40)
	st, isErr := m.Status()
	if !isErr || !strings.Contains(st, "database is locked") {
		t.Errorf("status %q", st)
	}
	mustContain(t, m, "database is locked")
}

type failingSource struct{ fakeSource }

var errLocked = errors.New("database is locked")

func (*failingSource) List(context.Context, store.Query) ([]store.Row, error) { return nil, errLocked }
func (*failingSource) Feeds(context.Context) ([]store.Feed, error)            { return nil, nil }

func row0(m Model) store.Row {
	r, _ := m.row(0)
	if r == nil {
		return store.Row{}
	}
	return *r
}

// A long list keeps only a window of pages in memory, loads pages as the
// cursor moves, and keeps the cursor on the article across a reload.
func TestPagedList(t *testing.T) {
	src := newFake(t)
	base := src.arts[len(src.arts)-1]
	for i := 0; i < 9_000; i++ {
		a := base
		a.ID, a.Title, a.Published = int64(1000+i), fmt.Sprintf("Filler %05d", i), testNow.Add(-time.Duration(100+i)*time.Hour)
		src.arts = append(src.arts, a)
	}
	m := start(t, newTestModel(t, src), 120, 120) // tall: fewer keys to page through
	if m.count() != 9_008 || len(m.rp.pages) > 2 {
		t.Fatalf("count %d pages %d", m.count(), len(m.rp.pages))
	}
	m, _ = drive(t, m, press("G"))
	if r, ok := m.Selected(); !ok || r.Title != "Filler 08999" {
		t.Fatalf("G: %v %q", ok, r.Title)
	}
	mustContain(t, m, "Filler 08999", "9008/9008")
	for range 160 {
		m, _ = drive(t, m, press("b"))
	}
	if len(m.rp.pages) > maxPages {
		t.Errorf("%d pages in memory, max %d", len(m.rp.pages), maxPages)
	}
	if strings.Contains(screen(m), "loading") {
		t.Error("rows on screen not loaded")
	}
	want, _ := m.Selected()
	m, _ = drive(t, m, press("u"), press("u")) // two reloads
	if r, _ := m.Selected(); r.ID != want.ID {
		t.Errorf("reload moved the cursor from %d to %d", want.ID, r.ID)
	}
}

// G before the count has come goes to the bottom once it comes.
func TestBottomBeforeCount(t *testing.T) {
	src := newFake(t)
	m := newTestModel(t, src)
	nm, _ := m.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
	m = nm.(Model)
	var count tea.Msg
	for _, msg := range cmdMsgs(m.Init()) {
		if _, ok := msg.(countMsg); ok {
			count = msg
			continue
		}
		nm, _ = m.Update(msg)
		m = nm.(Model)
	}
	src.mu.Lock()
	src.arts = src.arts[:3] // only three rows came with the page...
	src.mu.Unlock()
	m.total = 3
	m, _ = drive(t, m, press("G"))
	if m.cursor != 2 {
		t.Fatalf("G: %d", m.cursor)
	}
	m, _ = drive(t, m, count) // ...and the count says 8
	if m.cursor != 7 {
		t.Errorf("after the count: cursor %d, want 7", m.cursor)
	}
}

// The periodic refresh starts the engine (which fetches what is due) and
// re-arms; it waits while a refresh runs.
func TestAutoRefresh(t *testing.T) {
	calls := 0
	m := start(t, newTestModel(t, newFake(t), func(o *Options) {
		o.Refresh = func(context.Context, []store.Feed, func(Progress)) RefreshResult { calls++; return RefreshResult{} }
	}), 120, 40)
	if New(Options{Refresh: m.refresh, AutoRefresh: time.Hour}).autoEvery != time.Hour {
		t.Fatal("AutoRefresh not kept")
	}
	m.autoEvery = time.Hour // set after start: Init's hour-long tick would hold the test
	nm, cmd := m.Update(autoRefreshMsg{})
	m = nm.(Model)
	if !m.refreshing || cmd == nil {
		t.Fatal("auto refresh did not start")
	}
	nm, _ = m.Update(autoRefreshMsg{})
	if calls != 0 && !nm.(Model).refreshing {
		t.Error("second tick during a refresh")
	}
	m, _ = drive(t, m, refreshDoneMsg{})
	if m.refreshing {
		t.Error("still refreshing")
	}
}

// n and N find unread rows beyond the pages in memory: the scan loads the
// pages it runs into instead of stopping at the edge of what is loaded.
func TestNextUnreadBeyondLoadedPages(t *testing.T) {
	src := newFake(t)
	base := src.arts[len(src.arts)-1]
	for i := range src.arts {
		src.arts[i].Read = true
	}
	const n = 6_000
	for i := 0; i < n; i++ {
		a := base
		a.ID, a.Title, a.Published = int64(1000+i), fmt.Sprintf("Filler %05d", i), testNow.Add(-time.Duration(100+i)*time.Hour)
		a.Read = i != 4_321 && i != 5_999
		src.arts = append(src.arts, a)
	}
	m := start(t, newTestModel(t, src), 120, 40)
	if len(m.rp.pages) > 2 {
		t.Fatalf("%d pages loaded up front", len(m.rp.pages))
	}
	m, _ = drive(t, m, press("n"))
	if r, ok := m.Selected(); !ok || r.Title != "Filler 04321" {
		t.Fatalf("n: %v %q (status %q)", ok, r.Title, m.status)
	}
	if len(m.rp.pages) > maxPages {
		t.Errorf("%d pages in memory, max %d", len(m.rp.pages), maxPages)
	}
	m, _ = drive(t, m, press("n"))
	if r, _ := m.Selected(); r.Title != "Filler 05999" {
		t.Fatalf("second n: %q", r.Title)
	}
	m, _ = drive(t, m, press("n"))
	if m.status != "no more unread articles" {
		t.Errorf("n at the last unread: status %q", m.status)
	}
	m, _ = drive(t, m, press("N"))
	if r, _ := m.Selected(); r.Title != "Filler 04321" {
		t.Fatalf("N: %q", r.Title)
	}
	m, _ = drive(t, m, press("g"), press("N"))
	if m.status != "no more unread articles" || m.cursor != 0 {
		t.Errorf("N at the top: status %q cursor %d", m.status, m.cursor)
	}
}

// A key pressed while n waits for its page wins: the page's arrival does
// not move the cursor afterwards.
func TestNextUnreadCancelledByKey(t *testing.T) {
	src := newFake(t)
	base := src.arts[len(src.arts)-1]
	for i := range src.arts {
		src.arts[i].Read = true
	}
	for i := 0; i < 2_000; i++ {
		a := base
		a.ID, a.Title, a.Published = int64(1000+i), fmt.Sprintf("Filler %05d", i), testNow.Add(-time.Duration(100+i)*time.Hour)
		a.Read = i != 1_500
		src.arts = append(src.arts, a)
	}
	m := start(t, newTestModel(t, src), 120, 40)
	nm, cmd := m.Update(press("n"))
	m = nm.(Model)
	if m.status != seekingStatus || cmd == nil {
		t.Fatalf("n past the loaded pages: status %q", m.status)
	}
	m, _ = drive(t, m, press("j"))
	for _, msg := range cmdMsgs(cmd) {
		nm, _ = m.Update(msg)
		m = nm.(Model)
	}
	if m.cursor != 1 {
		t.Errorf("cursor %d after n then j, want 1 (j wins)", m.cursor)
	}
}

// With more feeds than fit, the feed column keeps its scroll position in
// the model: moving the cursor up inside the view does not scroll it, and
// a click selects the feed drawn under the pointer.
func TestFeedColumnScrollAndClick(t *testing.T) {
	src := newFake(t)
	for i := range 30 {
		src.feeds = append(src.feeds, store.Feed{ID: int64(100 + i), Title: fmt.Sprintf("Feed %02d", i),
			URL: fmt.Sprintf("http://127.0.0.1/f%02d.xml", i)})
	}
	m := start(t, newTestModel(t, src), 200, 20)
	if m.lay.feedsW == 0 {
		t.Fatal("no feed column at 200 columns")
	}
	m, _ = drive(t, m, press("esc"), press("G"))
	if m.Focus() != "feeds" || m.feedCursor != len(m.feedItems)-1 {
		t.Fatalf("focus %s, feed cursor %d of %d", m.Focus(), m.feedCursor, len(m.feedItems))
	}
	firstShown := func(m Model) string {
		return strings.TrimSpace(ansi.Truncate(strings.Split(screen(m), "\n")[1], m.lay.feedsW, ""))
	}
	before := firstShown(m)
	m, _ = drive(t, m, press("k"))
	if got := firstShown(m); got != before {
		t.Errorf("k inside the view scrolled the feed column: first row %q, was %q", got, before)
	}
	m, _ = drive(t, m, tea.MouseClickMsg{X: 3, Y: 1, Button: tea.MouseLeft})
	if got := m.feedItems[m.feedCursor].label; !strings.HasPrefix(before, got) {
		t.Errorf("click on %q selected %q", before, got)
	}
	// A click on the status line under the column selects nothing (not
	// the feed after the last one drawn).
	m, _ = drive(t, m, press("g"))
	was := m.feedCursor
	m, _ = drive(t, m, tea.MouseClickMsg{X: 3, Y: m.lay.bodyH, Button: tea.MouseLeft})
	if m.feedCursor != was {
		t.Errorf("click on the status line moved the feed cursor from %d to %d", was, m.feedCursor)
	}
}

// Scrolling the help overlay stops at its end: one k after many j scrolls
// back up at once (the offset was unbounded and only clamped when drawn).
func TestHelpScrollStopsAtEnd(t *testing.T) {
	m := start(t, newTestModel(t, newFake(t)), 60, 20)
	m, _ = drive(t, m, press("?"))
	if len(m.helpBody) <= m.lay.bodyH-1 {
		t.Fatalf("help fits on %d lines: nothing to scroll", m.lay.bodyH)
	}
	for range 200 {
		m, _ = drive(t, m, press("j"))
	}
	end := screen(m)
	m, _ = drive(t, m, press("j"))
	if screen(m) != end {
		t.Error("j at the end of help changed the screen")
	}
	m, _ = drive(t, m, press("k"))
	if screen(m) == end {
		t.Error("k after scrolling past the end of help did not scroll up")
	}
}
