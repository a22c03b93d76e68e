package ui

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/charmbracelet/x/exp/teatest/v2"

	"github.com/sitrep-news/sitrep/store"
	"github.com/sitrep-news/sitrep/summarize"
)

// storyRows groups a newest-first list the way the store does with
// Query.Stories: one row per story (its newest article) with Sources.
func storyRows(rows []store.Row) []store.Row {
	n := map[int64]int{}
	for _, r := range rows {
		n[r.StoryID]++
	}
	seen := map[int64]bool{}
	var out []store.Row
	for _, r := range rows {
		r.Sources = 1
		if r.StoryID != 0 {
			if seen[r.StoryID] {
				continue
			}
			seen[r.StoryID] = true
			r.Sources = n[r.StoryID]
		}
		out = append(out, r)
	}
	return out
}

const storyID = 7

// newStoryFake is newFake with the seed article in a story of three
// sources: Kabul Wire agrees the ceasefire holds, Levant Daily says it was
// violated, and both repeat Mujahid's quote.
func newStoryFake(t testing.TB) *fakeSource {
	f := newFake(t)
	f.arts[0].StoryID = storyID
	add := func(id, feed int64, feedTitle, title string, age time.Duration, an summarize.Analysis) {
		hash := fmt.Sprintf("story%d", id)
		f.arts = append(f.arts, store.Article{ID: id, FeedID: feed, FeedTitle: feedTitle, Title: title, Hash: hash,
			URL: fmt.Sprintf("https://news.example/story/%d", id), Text: title + ".", Published: testNow.Add(-age), StoryID: storyID})
		data, _ := json.Marshal(an)
		f.analyses[hash] = data
		f.badges[id] = an.Badges()
	}
	mujahid := summarize.Quote{Text: "We have not violated the ceasefire, and have continued to observe it in good faith.", Speaker: "Zabihullah Mujahid", Role: "Taliban spokesperson"}
	add(20, 2, "Kabul Wire", "Istanbul talks end without a deal; truce stays", 3*time.Hour, summarize.Analysis{
		Facts: []summarize.Fact{
			{Kind: "talks", State: "collapsed", Value: "Istanbul talks", Confidence: 0.9},
			{Kind: "ceasefire", State: "holding", Value: "truce stays", Confidence: 0.8},
		},
		Quotes: []summarize.Quote{mujahid},
	})
	add(21, 3, "Levant Daily", "Afghan-Pakistan truce violated hours after talks fail", 6*time.Hour, summarize.Analysis{
		Facts:  []summarize.Fact{{Kind: "ceasefire", State: "violated", Value: "border clashes", Confidence: 0.9}},
		Quotes: []summarize.Quote{mujahid},
	})
	return f
}

func TestStoryListBadgeAndExpand(t *testing.T) {
	m := start(t, newTestModel(t, newStoryFake(t)), 120, 40)
	if n := m.count(); n != 8 {
		t.Fatalf("%d rows, want 8 (the story's three articles on one row)", n)
	}
	r, _ := m.Selected()
	if r.ID != 1 || r.Sources != 3 {
		t.Fatalf("first row %d with %d sources", r.ID, r.Sources)
	}
	if s := checkFrame(t, m, 120, 40); !strings.Contains(s, "3 sources") {
		t.Fatalf("no sources badge:\n%s", s)
	}
	m, _ = drive(t, m, press("x"))
	s := checkFrame(t, m, 120, 40)
	for _, want := range []string{"  ● Istanbul talks end without a deal", "  ● Afghan-Pakistan truce violated"} {
		if !strings.Contains(s, "\n"+want) { // indented under the story row
			t.Errorf("expanded list lacks %q:\n%s", want, s)
		}
	}
	// down walks the story's articles, then on to the next row.
	var got []int64
	for range 3 {
		m, _ = drive(t, m, press("j"))
		r, _ := m.Selected()
		got = append(got, r.ID)
	}
	if fmt.Sprint(got) != "[20 21 2]" {
		t.Errorf("down visits %v, want [20 21 2]", got)
	}
	m, _ = drive(t, m, press("k"))
	if r, _ := m.Selected(); r.ID != 21 {
		t.Errorf("up from the next row lands on %d, want 21", r.ID)
	}
	// enter opens the article under the cursor and marks only it read.
	m, _ = drive(t, m, press("enter"))
	if a, ok := m.Opened(); !ok || a.ID != 21 {
		t.Fatalf("opened %v", a.ID)
	}
	src := m.src.(*fakeSource)
	if !src.get(21).Read || src.get(20).Read || src.get(1).Read {
		t.Errorf("read after open: 1=%v 20=%v 21=%v", src.get(1).Read, src.get(20).Read, src.get(21).Read)
	}
	if r, _ := m.row(m.rowIndex(21)); !r.Read {
		t.Error("the expanded row does not show the article read")
	}
	// x on an article of the story collapses it, the cursor back on its row.
	m, _ = drive(t, m, press("esc"), press("x"))
	if r, _ := m.Selected(); r.ID != 1 || m.expAt() >= 0 {
		t.Errorf("after collapse: on %d, expanded at %d", r.ID, m.expAt())
	}
	if s := checkFrame(t, m, 120, 40); strings.Contains(s, "Istanbul talks end") {
		t.Error("collapsed story still shows its articles")
	}
	// x on a single-source row says so and expands nothing.
	m, _ = drive(t, m, press("j"), press("x"))
	if st, _ := m.Status(); !strings.Contains(st, "one source") || m.sto.exp.story != 0 {
		t.Errorf("status %q, expansion %+v", st, m.sto.exp)
	}
}

// A story longer than the screen scrolls within its articles.
func TestStoryExpandScrollsOnSmallScreens(t *testing.T) {
	f := newStoryFake(t)
	for i := range 12 {
		id := int64(30 + i)
		f.arts = append(f.arts, store.Article{ID: id, FeedID: 2, FeedTitle: "Kabul Wire", Title: fmt.Sprintf("Follow-up %d", i),
			Published: testNow.Add(-time.Duration(10+i) * time.Hour), StoryID: storyID, Hash: fmt.Sprintf("f%d", i)})
	}
	m := start(t, newTestModel(t, f), 60, 20)
	m, _ = drive(t, m, press("x"))
	for i := range 15 {
		m, _ = drive(t, m, press("j"))
		s := checkFrame(t, m, 60, 20)
		r, _ := m.Selected()
		title := r.Title
		if len(title) > 20 {
			title = title[:20]
		}
		if !strings.Contains(s, title) {
			t.Fatalf("step %d: selected %q is off screen:\n%s", i, r.Title, s)
		}
	}
	if r, _ := m.Selected(); r.ID != 2 {
		t.Errorf("after the story's 14 articles the cursor is on %d, want 2", r.ID)
	}
	m, _ = drive(t, m, keys("k", "k", "k")...)
	if r, _ := m.Selected(); r.Title != "Follow-up 9" {
		t.Errorf("up into the story: %q", r.Title)
	}
	checkFrame(t, m, 60, 20)
	// A click on an article of the story selects it.
	m, _ = drive(t, m, press("g"))
	m, _ = drive(t, m, tea.MouseClickMsg{Button: tea.MouseLeft, X: 5, Y: 3})
	if r, _ := m.Selected(); r.ID != 20 {
		t.Errorf("click on the second entry selects %d, want 20", r.ID)
	}
}

func TestStoryMarkReadMarksEveryArticle(t *testing.T) {
	src := newStoryFake(t)
	m := start(t, newTestModel(t, src), 120, 40)
	m, _ = drive(t, m, press("m"))
	for _, id := range []int64{1, 20, 21} {
		if !src.get(id).Read {
			t.Errorf("article %d not read", id)
		}
	}
	if r, _ := m.Selected(); !r.Read {
		t.Error("story row not shown read")
	}
	if st, _ := m.Status(); !strings.Contains(st, "3 articles") {
		t.Errorf("status %q", st)
	}
	// toggles back
	m, _ = drive(t, m, press("m"))
	if src.get(20).Read || src.get(1).Read {
		t.Error("second m did not mark the story unread")
	}
	// an error leaves everything as it was and says why
	src.failSet = errDiskFull
	m, _ = drive(t, m, press("m"))
	if r, _ := m.Selected(); r.Read {
		t.Error("failed write left the row read")
	}
	if st, isErr := m.Status(); !isErr || !strings.Contains(st, "disk full") {
		t.Errorf("status %q err=%v", st, isErr)
	}
	src.failSet = nil
	// expanded: m marks only the article under the cursor
	m, _ = drive(t, m, press("x"), press("j"), press("m"))
	if !src.get(20).Read || src.get(1).Read || src.get(21).Read {
		t.Errorf("expanded m: 1=%v 20=%v 21=%v", src.get(1).Read, src.get(20).Read, src.get(21).Read)
	}
}

func TestStorySidebarMergesFacts(t *testing.T) {
	m := start(t, newTestModel(t, newStoryFake(t)), 200, 50)
	m, _ = drive(t, m, press("enter"))
	side := ansi.Strip(strings.Join(m.side.lines, "\n"))
	for _, want := range []string{
		"STORY · 3 sources",
		"ceasefire: holding (2) / violated (1) ⚠",
		"holding: Kabul Wire, Frontier Post",
		"violated: Levant Daily",
		"talks: collapsed (2)",
		"(3 outlets)",
		"KEY FACTS",
	} {
		if !strings.Contains(side, want) {
			t.Errorf("sidebar lacks %q:\n%s", want, side)
		}
	}
	// Mujahid's quote, said in all three outlets, is shown once for the story.
	storyPart, _, _ := strings.Cut(side, "KEY FACTS")
	if n := strings.Count(storyPart, "We have not violated the ceasefire"); n != 1 {
		t.Errorf("Mujahid's quote appears %d times in the story:\n%s", n, storyPart)
	}
	if s := checkFrame(t, m, 200, 50); !strings.Contains(s, "STORY · 3 sources") {
		t.Errorf("sidebar on screen lacks the story:\n%s", s)
	}
	// An article outside any story has no STORY section.
	m, _ = drive(t, m, press("esc"), press("j"), press("enter"))
	if side := ansi.Strip(strings.Join(m.side.lines, "\n")); strings.Contains(side, "STORY") {
		t.Errorf("single article shows a story:\n%s", side)
	}
}

// Hostile feed text in a story's facts and quotes never reaches the screen raw.
func TestStorySidebarSanitises(t *testing.T) {
	f := newStoryFake(t)
	an := summarize.Analysis{
		Facts:  []summarize.Fact{{Kind: "ceasefire\x1b]0;pwned\x07", State: "violated\x1b[2J", Confidence: 1}},
		Quotes: []summarize.Quote{{Text: "evil \x1b[31mred\x1b[0m quote", Speaker: "X\x1b]8;;http://e\x07"}},
	}
	data, _ := json.Marshal(an)
	f.analyses["story21"] = data
	m := start(t, newTestModel(t, f), 200, 50)
	m, _ = drive(t, m, press("enter"))
	for _, l := range m.side.lines {
		if s := ansi.Strip(l); strings.ContainsAny(s, "\x1b\x07") {
			t.Errorf("control characters in %q", s)
		}
	}
	checkFrame(t, m, 200, 50)
}

func TestToggleStories(t *testing.T) {
	m := start(t, newTestModel(t, newStoryFake(t)), 120, 40)
	m, _ = drive(t, m, press("t"))
	if m.count() != 10 || m.q.Stories {
		t.Errorf("every article: %d rows, stories=%v", m.count(), m.q.Stories)
	}
	if s := checkFrame(t, m, 120, 40); strings.Contains(s, "sources") {
		t.Error("plain list shows a sources badge")
	}
	m, _ = drive(t, m, press("t"))
	if m.count() != 8 || !m.q.Stories {
		t.Errorf("grouped: %d rows", m.count())
	}
}

func TestStoryListFitsEverySize(t *testing.T) {
	src := newStoryFake(t)
	for w := 60; w <= 210; w += 15 {
		for _, h := range []int{20, 33} {
			for _, ks := range [][]string{nil, {"x"}, {"x", "j"}, {"x", "j", "enter"}, {"j"}} {
				m := start(t, newTestModel(t, src), w, h)
				m, _ = drive(t, m, keys(ks...)...)
				checkFrame(t, m, w, h)
			}
		}
	}
}

func TestGoldenStories(t *testing.T) {
	for _, sc := range []struct {
		name string
		keys []string
	}{{"list", nil}, {"expanded", []string{"x", "j"}}, {"sidebar", []string{"enter"}}} {
		for _, sz := range []struct{ w, h int }{{80, 24}, {160, 45}} {
			t.Run(fmt.Sprintf("%s_%dx%d", sc.name, sz.w, sz.h), func(t *testing.T) {
				m := start(t, newTestModel(t, newStoryFake(t)), sz.w, sz.h)
				m, _ = drive(t, m, keys(sc.keys...)...)
				golden.RequireEqual(t, checkFrame(t, m, sz.w, sz.h))
			})
		}
	}
}

var writtenRe = regexp.MustCompile(`briefing written to (\S+\.md)`)

func TestExportWritesBriefing(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("XDG_DATA_HOME", dir)
	m := start(t, newTestModel(t, newStoryFake(t)), 120, 40)
	m, _ = drive(t, m, press("e"))
	st, isErr := m.Status()
	sm := writtenRe.FindStringSubmatch(st)
	if isErr || sm == nil {
		t.Fatalf("status %q err=%v", st, isErr)
	}
	path := sm[1]
	if want := filepath.Join(dir, "sitrep", "briefs", "brief-20261120-120000.md"); path != want {
		t.Errorf("path %s, want %s", path, want)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"# sitrep briefing — All articles", "Istanbul talks end without a deal", "Levant Daily"} {
		if !strings.Contains(string(data), want) {
			t.Errorf("briefing lacks %q:\n%s", want, data)
		}
	}
	// A second export in the same second keeps the first.
	m, _ = drive(t, m, press("e"))
	st, _ = m.Status()
	if sm2 := writtenRe.FindStringSubmatch(st); sm2 == nil || sm2[1] == path {
		t.Errorf("second export: %q", st)
	}
	if _, err := os.Stat(path); err != nil {
		t.Error(err)
	}
	ents, _ := os.ReadDir(filepath.Dir(path))
	for _, e := range ents {
		if strings.HasSuffix(e.Name(), ".tmp") {
			t.Errorf("temporary file left: %s", e.Name())
		}
	}
}

// The export follows the view's filters.
func TestExportFollowsFilters(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("XDG_DATA_HOME", dir)
	m := start(t, newTestModel(t, newStoryFake(t)), 120, 40)
	m, _ = drive(t, m, press("/"))
	m, _ = drive(t, m, keys("K", "u", "n", "a", "r", "enter")...)
	if m.count() != 1 {
		t.Fatalf("search: %d rows", m.count())
	}
	m, _ = drive(t, m, press("e"))
	st, _ := m.Status()
	sm := writtenRe.FindStringSubmatch(st)
	if sm == nil {
		t.Fatalf("status %q", st)
	}
	data, _ := os.ReadFile(sm[1])
	if !strings.Contains(string(data), "Aid convoy reaches Kunar") || strings.Contains(string(data), "Istanbul talks") {
		t.Errorf("briefing of the search for Kunar:\n%s", data)
	}
}

func TestExportErrorInStatus(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "sitrep"), []byte("a file, not a directory"), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Setenv("XDG_DATA_HOME", dir)
	m := start(t, newTestModel(t, newStoryFake(t)), 120, 40)
	m, _ = drive(t, m, press("e"))
	if st, isErr := m.Status(); !isErr || !strings.Contains(st, "export briefing") {
		t.Errorf("status %q err=%v", st, isErr)
	}
}

func TestStoryErrorsInStatus(t *testing.T) {
	src := newStoryFake(t)
	m := start(t, newTestModel(t, failingStories{src}), 120, 40)
	m, _ = drive(t, m, press("x"))
	if st, isErr := m.Status(); !isErr || !strings.Contains(st, "expand story") || m.expAt() >= 0 {
		t.Errorf("expand: status %q err=%v", st, isErr)
	}
	m, _ = drive(t, m, press("m"))
	if st, isErr := m.Status(); !isErr || !strings.Contains(st, "mark story read") {
		t.Errorf("mark: status %q err=%v", st, isErr)
	}
	if r, _ := m.Selected(); r.Read || src.get(1).Read {
		t.Error("failed story mark left the row read")
	}
}

// mark_all_read in the grouped list marks every article, not one per story.
func TestMarkAllReadGroupedMarksStoryArticles(t *testing.T) {
	src := newStoryFake(t)
	m := start(t, newTestModel(t, src), 120, 40)
	m, _ = drive(t, m, press("A"))
	for _, id := range []int64{1, 20, 21} {
		if !src.get(id).Read {
			t.Errorf("article %d of the story not read", id)
		}
	}
}

// A reload (a refresh adding articles above) keeps the story expanded under
// its row.
func TestReloadKeepsExpansion(t *testing.T) {
	src := newStoryFake(t)
	m := start(t, newTestModel(t, src), 120, 40)
	m, _ = drive(t, m, press("j"), press("j"))
	// move the story down: two new articles above it
	for i := range 2 {
		src.arts = append(src.arts, store.Article{ID: int64(90 + i), FeedID: 2, FeedTitle: "Kabul Wire",
			Title: fmt.Sprintf("Breaking %d", i), Published: testNow.Add(-time.Minute), Hash: fmt.Sprintf("b%d", i)})
	}
	m, _ = drive(t, m, press("g"), press("x"))
	m, _ = drive(t, m, cmdMsgs(m.reload(true))...)
	if at := m.expAt(); at < 0 {
		t.Fatal("reload collapsed the story")
	}
	if r, _ := m.Selected(); r.ID != 1 {
		t.Errorf("cursor on %d after reload, want the story row 1", r.ID)
	}
	s := checkFrame(t, m, 120, 40)
	if m.count() != 10 || m.cursor != 2 || !strings.Contains(s, "\n  ● Istanbul talks end") {
		t.Errorf("after reload:\n%s", s)
	}
	// toggling to every article collapses it
	m, _ = drive(t, m, press("t"))
	if m.sto.exp.story != 0 || m.count() != 12 {
		t.Errorf("plain list: expansion %+v, %d rows", m.sto.exp, m.count())
	}
}

var errLockedStory = fmt.Errorf("database is locked")

// failingStories is a source whose story lookups fail.
type failingStories struct{ *fakeSource }

func (failingStories) StoryArticles(context.Context, int64) ([]int64, error) {
	return nil, errLockedStory
}

// On the real store: articles clustered into a story show one row with a
// "2 sources" badge, and e writes a briefing containing the story.
func TestFlowStoryBadgeAndExport(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("XDG_DATA_HOME", dir)
	st, seedID := realStore(t)
	ctx := context.Background()
	rows, err := st.List(ctx, store.Query{})
	if err != nil {
		t.Fatal(err)
	}
	var other store.Row
	for _, r := range rows {
		if strings.HasPrefix(r.Title, "Gaza truce") {
			other = r
		}
	}
	// One new story (id -1: "new") holding both articles.
	var as []store.StoryAssignment
	for _, id := range []int64{seedID, other.ID} {
		as = append(as, store.StoryAssignment{ArticleID: id, StoryID: -1, Title: "talks", Published: time.Now(), Sig: []byte{1}})
	}
	if _, err := st.AssignStories(ctx, as); err != nil {
		t.Fatal(err)
	}
	tm := newTeatest(t, New(Options{Source: st}), 120, 40)
	waitOut(t, tm, "2 sources", "Aid convoy")
	tm.Type("x")
	waitOut(t, tm, "Gaza truce")
	tm.Type("e")
	waitOut(t, tm, "briefing written to")
	tm.Type("q")
	fm := tm.FinalModel(t, teatest.WithFinalTimeout(5*time.Second)).(Model)
	if fm.count() != 2 {
		t.Errorf("%d rows, want 2 (a story of two and the aid convoy)", fm.count())
	}
	ents, err := os.ReadDir(filepath.Join(dir, "sitrep", "briefs"))
	if err != nil || len(ents) != 1 {
		t.Fatalf("briefs: %v %v", ents, err)
	}
	data, err := os.ReadFile(filepath.Join(dir, "sitrep", "briefs", ents[0].Name()))
	if err != nil {
		t.Fatal(err)
	}
	if b := string(data); !strings.Contains(b, "Aid convoy reaches Kunar") || !strings.Contains(b, "Gaza truce") || !strings.Contains(b, "Frontier Post") {
		t.Errorf("briefing:\n%s", data)
	}
}

// The first page of the list at 100,000 articles, grouped by story (the
// default) and plain: what grouping costs the first paint.
func BenchmarkStoriesFirstPage(b *testing.B) {
	st, err := store.Open(benchDB(b))
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	ctx := context.Background()
	for _, grouped := range []bool{false, true} {
		b.Run(fmt.Sprintf("stories=%v", grouped), func(b *testing.B) {
			q := store.Query{Stories: grouped, Limit: pageSize}
			for b.Loop() {
				if _, err := st.List(ctx, q); err != nil {
					b.Fatal(err)
				}
				if _, err := st.Count(ctx, q); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
