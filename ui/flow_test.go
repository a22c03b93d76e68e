package ui

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/exp/teatest/v2"

	"github.com/sitrep-news/sitrep/feed/clean"
	"github.com/sitrep-news/sitrep/store"
	"github.com/sitrep-news/sitrep/summarize"
)

// realStore opens a temporary SQLite store with the seed article (newest)
// and a few others, analysed by the real briefing engine as the feed engine
// would, so the flows run on the real list, search and analysis cache.
func realStore(t testing.TB) (*store.Store, int64) {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(filepath.Join(t.TempDir(), "ui.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	feeds, err := st.SyncFeeds(ctx, []store.FeedSpec{
		{URL: "http://127.0.0.1:1/frontier.xml", Title: "Frontier Post", Folder: "South Asia"},
		{URL: "http://127.0.0.1:1/levant.xml", Title: "Levant Daily", Folder: "Middle East"},
	})
	if err != nil {
		t.Fatal(err)
	}
	title, text := seedText(t)
	now := time.Now()
	items := map[int64][]store.Item{
		feeds[0].ID: {{GUID: "seed", URL: "https://frontier.example/talks", Title: title, Text: text,
			Markdown: clean.EscapeMarkdown(text), Published: now.Add(-time.Hour)}},
		feeds[1].ID: {
			{GUID: "g1", URL: "https://levant.example/1", Title: "Gaza truce: second phase talks resume in Cairo",
				Text: "Negotiators returned to Cairo on Tuesday to discuss the second phase of the truce.", Published: now.Add(-2 * time.Hour)},
			{GUID: "g2", URL: "https://levant.example/2", Title: "Aid convoy reaches Kunar after earthquake",
				Text: "An aid convoy reached Kunar province on Wednesday.", Published: now.Add(-3 * time.Hour)},
		},
	}
	var seedID int64
	for fid, its := range items {
		res, err := st.SaveItems(ctx, fid, its)
		if err != nil {
			t.Fatal(err)
		}
		for _, id := range res.NewIDs {
			a, err := st.Article(ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			if a.Title == title {
				seedID = id
			}
			an := summarize.Analyze(summarize.Input{Title: a.Title, Text: a.Text, Published: a.Published})
			data, _ := json.Marshal(an)
			if err := st.PutAnalysis(ctx, id, a.Hash, summarize.Version, data, an.Badges()); err != nil {
				t.Fatal(err)
			}
		}
	}
	return st, seedID
}

func waitOut(t *testing.T, tm *teatest.TestModel, want ...string) {
	t.Helper()
	var seen bytes.Buffer
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool {
		seen.Write(b)
		for _, w := range want {
			if !bytes.Contains(seen.Bytes(), []byte(w)) {
				return false
			}
		}
		return true
	}, teatest.WithDuration(10*time.Second), teatest.WithCheckInterval(20*time.Millisecond))
}

func newTeatest(t *testing.T, m Model, w, h int) *teatest.TestModel {
	return teatest.NewTestModel(t, m, teatest.WithInitialTermSize(w, h),
		teatest.WithProgramOptions(tea.WithColorProfile(colorprofile.Ascii)))
}

// The flow: open the seed article, see the ceasefire and talks facts
// and Mujahid's quote in the sidebar, star it, quit.
func TestFlowOpenSeedStarQuit(t *testing.T) {
	st, seedID := realStore(t)
	tm := newTeatest(t, New(Options{Source: st}), 120, 40)
	waitOut(t, tm, "Peace negotiations")
	tm.Send(tea.KeyPressMsg{Code: tea.KeyEnter})
	waitOut(t, tm, "KEY FACTS", "ceasefire", "talks", "collapsed", "Mujahid")
	tm.Type("s")
	waitOut(t, tm, "starred")
	tm.Type("q")
	fm := tm.FinalModel(t, teatest.WithFinalTimeout(5*time.Second)).(Model)
	a, err := st.Article(context.Background(), seedID)
	if err != nil {
		t.Fatal(err)
	}
	if !a.Starred || !a.Read {
		t.Errorf("store: starred=%v read=%v", a.Starred, a.Read)
	}
	if o, _ := fm.Opened(); o.ID != seedID {
		t.Errorf("final model shows %d", o.ID)
	}
	var facts []string
	for _, f := range fm.an.Facts {
		facts = append(facts, f.Badge())
	}
	joined := strings.Join(facts, " ")
	if !strings.Contains(joined, "ceasefire") || !strings.Contains(joined, "talks") {
		t.Errorf("facts %v", facts)
	}
	mujahid := false
	for _, q := range fm.an.Quotes {
		mujahid = mujahid || strings.Contains(q.Speaker, "Mujahid")
	}
	if !mujahid {
		t.Error("no quote by Mujahid")
	}
}

// Search for "Durand" as you type (through the store's FTS5) and find the seed.
func TestFlowSearchDurand(t *testing.T) {
	st, seedID := realStore(t)
	tm := newTeatest(t, New(Options{Source: st}), 100, 30)
	waitOut(t, tm, "Aid convoy")
	tm.Type("/Durand")
	waitOut(t, tm, "/Durand")
	tm.Send(tea.KeyPressMsg{Code: tea.KeyEnter})
	tm.Send(tea.KeyPressMsg{Code: tea.KeyEnter}) // open it
	waitOut(t, tm, "KEY FACTS")
	tm.Type("q")
	fm := tm.FinalModel(t, teatest.WithFinalTimeout(5*time.Second)).(Model)
	if fm.count() != 1 {
		t.Errorf("%d results", fm.count())
	}
	if r, _ := fm.Selected(); r.ID != seedID {
		t.Errorf("found %d, want the seed %d", r.ID, seedID)
	}
	_, _ = io.Copy(io.Discard, tm.FinalOutput(t))
}
