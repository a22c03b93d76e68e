package ui

import (
	"context"
	"encoding/json"
	"fmt"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/exp/golden"

	"github.com/sitrep-news/sitrep/demo"
	"github.com/sitrep-news/sitrep/feed"
	"github.com/sitrep-news/sitrep/store"
	"github.com/sitrep-news/sitrep/summarize"
)

// demoStore runs what `sitrep --demo` runs: the demo feeds served from
// loopback, synced into a temporary store, one refresh through the real feed
// engine, every new article analysed (with a fixed analysis). It returns
// the store and a clock two hours after the newest article, so relative
// times (and the goldens) are stable.
func demoStore(t *testing.T) (*store.Store, time.Time) {
	t.Helper()
	if testing.Short() {
		t.Skip("runs the demo server and the feed engine")
	}
	ctx := context.Background()
	srv, err := demo.Start()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Close() })
	st, err := store.Open(filepath.Join(t.TempDir(), "demo.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	var specs []store.FeedSpec
	for _, f := range srv.Feeds() {
		specs = append(specs, store.FeedSpec{URL: f.URL, Title: f.Title, Folder: f.Folder})
	}
	feeds, err := st.SyncFeeds(ctx, specs)
	if err != nil {
		t.Fatal(err)
	}
	var analyseErr error
	eng := feed.New(st, feed.Options{Feeds: map[string]feed.FeedOptions{}, AfterSave: func(ctx context.Context, _ int64, res store.SaveResult) {
		for _, id := range res.NewIDs {
			a, err := st.Article(ctx, id)
			if err != nil {
				analyseErr = err
				return
			}
			// A fixed analysis, not the engine's: these goldens are about the
			// reader on the demo's real feeds, and must not change with every
			// rule the briefing engine learns (the flows test the engine).
			an := summarize.Analysis{Schema: summarize.Schema, Title: a.Title, Text: a.Text}
			if strings.HasPrefix(a.Title, "Peace negotiations between Afghanistan") {
				an = seedAnalysis(t, a.Title, a.Text)
			}
			data, _ := json.Marshal(an)
			if err := st.PutAnalysis(ctx, id, a.Hash, summarize.Version, data, an.Badges()); err != nil {
				analyseErr = err
			}
		}
	}})
	sum := eng.Refresh(ctx, feeds, nil)
	if sum.Failed > 0 || sum.New == 0 || analyseErr != nil {
		t.Fatalf("demo refresh: %+v %v", sum, analyseErr)
	}
	var newest time.Time
	for _, a := range srv.Articles() {
		if a.Published.After(newest) {
			newest = a.Published
		}
	}
	return st, newest.Add(2 * time.Hour)
}

var demoDate = regexp.MustCompile(`(Mon|Tue|Wed|Thu|Fri|Sat|Sun)\x{a0}\d{1,2}\x{a0}\w{3}\x{a0}\d{4}\x{a0}\d\d:\d\d\x{a0}UTC`)

// Goldens of the main screens on the demo data, at the four sizes.
func TestGoldenDemo(t *testing.T) {
	st, now := demoStore(t)
	for _, sc := range []struct {
		name string
		keys []string
	}{
		{"list", nil},
		{"seed", []string{"enter", "enter"}},
	} {
		for _, sz := range sizes {
			t.Run(fmt.Sprintf("%s_%dx%d", sc.name, sz.w, sz.h), func(t *testing.T) {
				m := start(t, New(Options{Source: st, Now: func() time.Time { return now }}), sz.w, sz.h)
				if sc.name == "seed" {
					m = typeSearch(t, m, "Durand Mujahid")
				}
				m, _ = drive(t, m, keys(sc.keys...)...)
				// The demo dates its articles relative to today: mask the
				// reader's absolute dates (relative ages use the fixed clock).
				golden.RequireEqual(t, demoDate.ReplaceAllString(checkFrame(t, m, sz.w, sz.h), "<date>"))
			})
		}
	}
}

// typeSearch opens the search box and types text faster than the debounce,
// then delivers the one debounce tick that counts.
func typeSearch(t *testing.T, m Model, text string) Model {
	t.Helper()
	m, _ = drive(t, m, press("/"))
	for _, r := range text {
		k := press(string(r))
		if r == ' ' {
			k = press("space")
		}
		nm, _ := m.Update(k)
		m = nm.(Model)
	}
	m, _ = drive(t, m, searchMsg{m.searchN})
	return m
}
