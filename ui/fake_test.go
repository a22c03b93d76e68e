package ui

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"charm.land/bubbles/v2/spinner"
	tea "charm.land/bubbletea/v2"

	"github.com/sitrep-news/sitrep/feed/clean"
	"github.com/sitrep-news/sitrep/store"
	"github.com/sitrep-news/sitrep/summarize"
)

// testNow is the fixed clock of every view test, so relative times and
// goldens are stable.
var testNow = time.Date(2026, 11, 20, 12, 0, 0, 0, time.UTC)

// fakeSource is an in-memory Source with the store's query semantics.
type fakeSource struct {
	mu       sync.Mutex
	feeds    []store.Feed
	arts     []store.Article
	analyses map[string][]byte // hash -> JSON
	badges   map[int64][]string
	failSet  error // SetRead/SetStarred/SetArchived fail with this
	writes   []string
}

func (f *fakeSource) match(a store.Article, q store.Query) bool {
	switch {
	case q.FeedID != 0 && a.FeedID != q.FeedID,
		q.UnreadOnly && a.Read,
		q.StarredOnly && !a.Starred,
		!q.IncludeArchived && a.Archived:
		return false
	}
	if q.Folder != "" {
		ok := false
		for _, fd := range f.feeds {
			if fd.ID == a.FeedID && fd.Folder == q.Folder {
				ok = true
			}
		}
		if !ok {
			return false
		}
	}
	if q.Search != "" {
		hay := strings.ToLower(a.Title + " " + a.Text)
		for _, w := range strings.Fields(strings.ToLower(strings.ReplaceAll(q.Search, "*", ""))) {
			if !strings.Contains(hay, w) {
				return false
			}
		}
	}
	if q.Fact != "" && !slices.Contains(f.badges[a.ID], q.Fact) {
		return false
	}
	return true
}

func (f *fakeSource) List(ctx context.Context, q store.Query) ([]store.Row, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []store.Row
	for _, a := range f.arts {
		if !f.match(a, q) {
			continue
		}
		out = append(out, store.Row{ID: a.ID, FeedID: a.FeedID, FeedTitle: a.FeedTitle, Title: a.Title, URL: a.URL,
			Published: a.Published, Read: a.Read, Starred: a.Starred, Archived: a.Archived, Badges: f.badges[a.ID], StoryID: a.StoryID})
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Published.After(out[j].Published) })
	if q.Stories {
		out = storyRows(out) // stories_test.go
	}
	if q.Offset > 0 {
		out = out[min(q.Offset, len(out)):]
	}
	if q.Limit > 0 && len(out) > q.Limit {
		out = out[:q.Limit]
	}
	return out, nil
}

func (f *fakeSource) Count(ctx context.Context, q store.Query) (int, error) {
	q.Limit, q.Offset = 0, 0
	rows, err := f.List(ctx, q)
	return len(rows), err
}

func (f *fakeSource) Article(ctx context.Context, id int64) (store.Article, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for _, a := range f.arts {
		if a.ID == id {
			return a, nil
		}
	}
	return store.Article{}, store.ErrNotFound
}

func (f *fakeSource) set(what string, ids []int64, fn func(*store.Article)) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.failSet != nil {
		return f.failSet
	}
	for i := range f.arts {
		if slices.Contains(ids, f.arts[i].ID) {
			fn(&f.arts[i])
		}
	}
	f.writes = append(f.writes, what)
	return nil
}

func (f *fakeSource) SetRead(ctx context.Context, ids []int64, read bool) error {
	return f.set("read", ids, func(a *store.Article) { a.Read = read })
}
func (f *fakeSource) SetStarred(ctx context.Context, id int64, v bool) error {
	return f.set("star", []int64{id}, func(a *store.Article) { a.Starred = v })
}
func (f *fakeSource) SetArchived(ctx context.Context, id int64, v bool) error {
	return f.set("archive", []int64{id}, func(a *store.Article) { a.Archived = v })
}

func (f *fakeSource) Feeds(ctx context.Context) ([]store.Feed, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	out := slices.Clone(f.feeds)
	for i := range out {
		out[i].Unread, out[i].Total = 0, 0
		for _, a := range f.arts {
			if a.FeedID == out[i].ID && !a.Archived {
				out[i].Total++
				if !a.Read {
					out[i].Unread++
				}
			}
		}
	}
	return out, nil
}

func (f *fakeSource) Analysis(ctx context.Context, hash, version string) ([]byte, bool, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	d, ok := f.analyses[hash]
	return d, ok, nil
}

func (f *fakeSource) PutAnalysis(ctx context.Context, id int64, hash, version string, data []byte, badges []string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.analyses[hash] = data
	f.badges[id] = badges
	return nil
}

// StoryArticles lists a story's articles, newest first.
func (f *fakeSource) StoryArticles(ctx context.Context, storyID int64) ([]int64, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	var arts []store.Article
	for _, a := range f.arts {
		if a.StoryID == storyID && storyID != 0 {
			arts = append(arts, a)
		}
	}
	sort.SliceStable(arts, func(i, j int) bool { return arts[i].Published.After(arts[j].Published) })
	ids := make([]int64, len(arts))
	for i, a := range arts {
		ids[i] = a.ID
	}
	return ids, nil
}

func (f *fakeSource) get(id int64) store.Article {
	a, _ := f.Article(context.Background(), id)
	return a
}

var errDiskFull = errors.New("disk full")

// seedText returns the seed article's title and cleaned text.
func seedText(t testing.TB) (string, string) {
	raw, err := os.ReadFile("../../shared/fixtures/seed-article.txt")
	if err != nil {
		t.Skipf("seed fixture absent (../shared/fixtures): %v", err)
	}
	s := strings.TrimSpace(string(raw))
	title, body, _ := strings.Cut(s, "\n")
	c, _ := clean.New(nil)
	a := c.Text(title, strings.TrimSpace(body))
	// Normalise paragraph breaks: one blank line between paragraphs.
	var paras []string
	for _, p := range strings.Split(a.Text, "\n") {
		if p = strings.TrimSpace(p); p != "" {
			paras = append(paras, p)
		}
	}
	return a.Title, strings.Join(paras, "\n\n")
}

// seedAnalysis is the analysis the briefing engine must produce for the seed
// article (its gold file), with spans located in text.
func seedAnalysis(t testing.TB, title, text string) summarize.Analysis {
	span := func(s string) summarize.Span {
		i := strings.Index(text, s)
		if i < 0 {
			t.Fatalf("seed text lacks %q", s)
		}
		return summarize.Span{Start: i, End: i + len(s), Text: s}
	}
	quote := func(q, speaker, role string) summarize.Quote {
		sp := span(q)
		return summarize.Quote{Text: q, Speaker: speaker, Role: role, Start: sp.Start, End: sp.End}
	}
	return summarize.Analysis{
		Schema: 1, Title: title, Text: text,
		Summary: []string{"The peace talks between Afghanistan and Pakistan have officially collapsed, despite both sides agreeing to maintain the existing ceasefire, Taliban officials confirmed on Saturday."},
		Facts: []summarize.Fact{
			{Kind: "talks", State: "collapsed", Value: "Afghanistan–Pakistan peace talks in Istanbul", Evidence: span("The peace talks between Afghanistan and Pakistan have officially collapsed")},
			{Kind: "ceasefire", State: "holding", Value: "both sides maintain the existing ceasefire", Evidence: span("both sides agreeing to maintain the existing ceasefire")},
			{Kind: "mediator", Value: "Turkey", Evidence: span("The talks were mediated by Turkey")},
			{Kind: "venue", Value: "Istanbul", Evidence: span("The peace negotiations, hosted in Istanbul")},
			{Kind: "casualties", Value: "none reported", Evidence: span("no casualties were reported in the latest skirmish")},
			{Kind: "incident", State: "clash", Value: "gunfire along the Durand Line", Evidence: span("an exchange of gunfire along the Durand Line")},
		},
		Quotes: []summarize.Quote{
			quote("We have not violated the ceasefire and have continued to observe it in good faith", "Zabihullah Mujahid", "Taliban spokesperson"),
			quote("unwillingness to take concrete steps", "Khawaja Muhammad Asif", "Pakistani Defence Minister"),
			quote("deep disappointment", "Recep Tayyip Erdoğan", "President of Turkey"),
		},
		Entities: []summarize.Entity{
			{Text: "Zabihullah Mujahid", Type: "person", Count: 3},
			{Text: "Khawaja Muhammad Asif", Type: "person", Count: 2},
			{Text: "Taliban", Type: "organization", Count: 6},
			{Text: "Afghanistan", Type: "place", Count: 8},
			{Text: "Pakistan", Type: "place", Count: 9},
			{Text: "Istanbul", Type: "place", Count: 2},
		},
		Dates: []summarize.Date{{Text: "Saturday", What: "collapse confirmed"}, {Text: "Thursday", What: "gunfire on the Durand Line"}},
	}
}

// newFake builds demo-like data with fixed times: the seed article (with
// its analysis), other regional stories, CJK and RTL titles.
func newFake(t testing.TB) *fakeSource {
	f := &fakeSource{analyses: map[string][]byte{}, badges: map[int64][]string{}}
	f.feeds = []store.Feed{
		{ID: 1, Title: "Frontier Post", Folder: "South Asia", URL: "http://127.0.0.1/frontier.xml"},
		{ID: 2, Title: "Kabul Wire", Folder: "South Asia", URL: "http://127.0.0.1/kabul.xml"},
		{ID: 3, Title: "Levant Daily", Folder: "Middle East", URL: "http://127.0.0.1/levant.xml"},
		{ID: 4, Title: "東アジア通信", Folder: "", URL: "http://127.0.0.1/asia.xml"},
	}
	title, text := seedText(t)
	seed := store.Article{ID: 1, FeedID: 1, FeedTitle: "Frontier Post", Title: title, URL: "https://frontier.example/talks-collapse",
		Author: "Staff reporter", Published: testNow.Add(-2 * time.Hour), Text: text, Hash: "seedhash"}
	f.arts = append(f.arts, seed)
	an := seedAnalysis(t, title, text)
	data, _ := json.Marshal(an)
	f.analyses["seedhash"] = data
	f.badges[1] = an.Badges()
	more := []struct {
		feed  int64
		title string
		text  string
		age   time.Duration
		bad   []string
	}{
		{2, "Border crossings at Torkham reopen after week-long closure", "Traders welcomed the reopening of the Torkham crossing on Monday.\n\nOfficials said trucks were moving again.", 5 * time.Hour, []string{"border:reopened"}},
		{3, "Gaza truce: second phase talks resume in Cairo", "Negotiators returned to Cairo on Tuesday to discuss the second phase of the truce.\n\n\"We are cautiously hopeful,\" a mediator said.", 26 * time.Hour, []string{"talks:resumed", "ceasefire:holding", "mediator"}},
		{3, "لبنان: استئناف المحادثات بشأن الحدود الجنوبية", "استأنف المفاوضون المحادثات يوم الأحد.\n\nوقال مسؤول إن الأجواء إيجابية.", 30 * time.Hour, []string{"talks:resumed"}},
		{4, "北京と東京、海洋安全保障で協議 — 次回会合は来月に予定", "両国の代表団は海洋安全保障について協議した。\n\n次回の会合は来月予定されている。", 50 * time.Hour, nil},
		{1, "Islamabad: opposition calls for inquiry into airstrikes", "Opposition leaders called for a parliamentary inquiry into the airstrikes.", 4 * 24 * time.Hour, []string{"incident:airstrike"}},
		{2, "Aid convoy reaches Kunar after earthquake", "An aid convoy reached Kunar province on Wednesday.", 9 * 24 * time.Hour, nil},
		{3, "Syria: ceasefire in the north violated, monitors say", "Monitors reported shelling in the north.\n\n\"The ceasefire is not holding,\" one monitor said.", 40 * 24 * time.Hour, []string{"ceasefire:violated"}},
	}
	for i, a := range more {
		id := int64(i + 2)
		var ft string
		for _, fd := range f.feeds {
			if fd.ID == a.feed {
				ft = fd.Title
			}
		}
		f.arts = append(f.arts, store.Article{ID: id, FeedID: a.feed, FeedTitle: ft, Title: a.title, Text: a.text,
			URL: "https://news.example/" + strings.Repeat("x", i+1), Published: testNow.Add(-a.age), Hash: "h" + string(rune('a'+i)), State: store.State{Read: i%3 == 2, Starred: i == 1}})
		if a.bad != nil {
			f.badges[id] = a.bad
		}
	}
	return f
}

func newTestModel(t testing.TB, src Source, opts ...func(*Options)) Model {
	o := Options{Source: src, Now: func() time.Time { return testNow }}
	for _, fn := range opts {
		fn(&o)
	}
	return New(o)
}

// drive feeds msgs to m and runs the commands they return (and the messages
// those produce) synchronously, skipping commands that wait (ticks), so
// tests see the state after all IO has come back.
func drive(t testing.TB, m Model, msgs ...tea.Msg) (Model, []tea.Msg) {
	t.Helper()
	var seen []tea.Msg
	queue := append([]tea.Msg(nil), msgs...)
	var run func(cmd tea.Cmd)
	run = func(cmd tea.Cmd) {
		if cmd == nil {
			return
		}
		ch := make(chan tea.Msg, 1)
		go func() { ch <- cmd() }()
		select {
		case msg := <-ch:
			switch msg := msg.(type) {
			case tea.BatchMsg:
				for _, c := range msg {
					run(c)
				}
			case nil, spinner.TickMsg:
			default:
				if !isBlink(msg) {
					queue = append(queue, msg)
				}
			}
		case <-time.After(10 * time.Second): // nothing here waits that long but a stuck command
			t.Errorf("command did not return within 10s")
		}
	}
	// One input at a time, with everything it causes, like a user who waits
	// for the screen before pressing the next key.
	inputs := queue
	for _, in := range inputs {
		queue = []tea.Msg{in}
		for i := 0; len(queue) > 0 && i < 500; i++ {
			msg := queue[0]
			queue = queue[1:]
			seen = append(seen, msg)
			if _, quit := msg.(tea.QuitMsg); quit {
				continue
			}
			nm, cmd := m.Update(msg)
			m = nm.(Model)
			run(cmd)
		}
	}
	return m, seen
}

// start sizes the model and loads its data.
func start(t testing.TB, m Model, w, h int) Model {
	t.Helper()
	m, _ = drive(t, m, tea.WindowSizeMsg{Width: w, Height: h})
	nm, cmd := m, m.Init()
	nm, _ = drive(t, nm, cmdMsgs(cmd)...)
	return nm
}

// cmdMsgs runs cmd (and batches in it) and returns the messages, skipping waits.
func cmdMsgs(cmd tea.Cmd) []tea.Msg {
	if cmd == nil {
		return nil
	}
	ch := make(chan tea.Msg, 1)
	go func() { ch <- cmd() }()
	select {
	case msg := <-ch:
		if b, ok := msg.(tea.BatchMsg); ok {
			var out []tea.Msg
			for _, c := range b {
				out = append(out, cmdMsgs(c)...)
			}
			return out
		}
		if _, spin := msg.(spinner.TickMsg); msg == nil || spin || isBlink(msg) {
			return nil
		}
		return []tea.Msg{msg}
	case <-time.After(10 * time.Second):
		return nil
	}
}

// isBlink reports the text input's cursor blink messages, which loop forever.
func isBlink(msg tea.Msg) bool {
	return strings.Contains(strings.ToLower(fmt.Sprintf("%T", msg)), "blink")
}

func press(s string) tea.KeyPressMsg {
	switch s {
	case "enter":
		return tea.KeyPressMsg{Code: tea.KeyEnter}
	case "esc":
		return tea.KeyPressMsg{Code: tea.KeyEscape}
	case "tab":
		return tea.KeyPressMsg{Code: tea.KeyTab}
	case "space":
		return tea.KeyPressMsg{Code: tea.KeySpace, Text: " "}
	case "down":
		return tea.KeyPressMsg{Code: tea.KeyDown}
	case "up":
		return tea.KeyPressMsg{Code: tea.KeyUp}
	case "backspace":
		return tea.KeyPressMsg{Code: tea.KeyBackspace}
	case "ctrl+c":
		return tea.KeyPressMsg{Code: 'c', Mod: tea.ModCtrl}
	}
	r := []rune(s)[0]
	return tea.KeyPressMsg{Code: r, Text: s}
}

func keys(ss ...string) []tea.Msg {
	out := make([]tea.Msg, len(ss))
	for i, s := range ss {
		out[i] = press(s)
	}
	return out
}
