package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/sitrep-news/sitrep/config"
	"github.com/sitrep-news/sitrep/demo"
	"github.com/sitrep-news/sitrep/store"
	"github.com/sitrep-news/sitrep/summarize"
)

// demoUnanalysed fetches the demo feeds with --no-analyze semantics into a
// store file and returns its path and article count: the same stored
// articles (same ids) for every copy a test makes of it.
func demoUnanalysed(t *testing.T) (string, int) {
	t.Helper()
	ctx := context.Background()
	srv, err := demo.Start()
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	cfg := config.Default()
	cfg.Feeds = srv.Feeds()
	path := filepath.Join(t.TempDir(), "demo.db")
	a, err := newApp(ctx, cfg, path)
	if err != nil {
		t.Fatal(err)
	}
	a.skipAnalysis = true
	sum, err := a.refresh(ctx, nil, false, nil)
	if err != nil || sum.Failed > 0 || sum.New < 10 {
		t.Fatalf("demo refresh: %+v %v", sum, err)
	}
	if err := a.Close(); err != nil {
		t.Fatal(err)
	}
	return path, sum.New
}

// storiesUnanalysed stores story/testdata's clustering corpus (52 articles
// of 15 stories and distractors from several outlets, one feed per outlet,
// dated up to now) unanalysed, and returns the store file and the count.
func storiesUnanalysed(t *testing.T) (string, int) {
	t.Helper()
	ctx := context.Background()
	f, err := os.Open("story/testdata/stories.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	type art struct {
		Outlet, Title, Text string
		Published           time.Time
	}
	var arts []art
	var newest time.Time
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var a art
		if err := json.Unmarshal(sc.Bytes(), &a); err != nil {
			t.Fatal(err)
		}
		arts = append(arts, a)
		if a.Published.After(newest) {
			newest = a.Published
		}
	}
	if err := sc.Err(); err != nil || len(arts) < 40 {
		t.Fatalf("stories.jsonl: %d articles, %v", len(arts), err)
	}
	path := filepath.Join(t.TempDir(), "stories.db")
	st, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	var specs []store.FeedSpec
	feedOf := map[string]int{}
	for _, a := range arts {
		if _, ok := feedOf[a.Outlet]; !ok {
			feedOf[a.Outlet] = len(specs)
			specs = append(specs, store.FeedSpec{URL: "https://" + a.Outlet + ".example/feed"})
		}
	}
	feeds, err := st.SyncFeeds(ctx, specs)
	if err != nil {
		t.Fatal(err)
	}
	shift := time.Now().Add(-time.Hour).Sub(newest)
	for i, a := range arts {
		it := store.Item{GUID: fmt.Sprint(i), URL: fmt.Sprintf("https://%s.example/%d", a.Outlet, i), Title: a.Title,
			Text: a.Text, Markdown: a.Text, Published: a.Published.Add(shift)}
		if _, err := st.SaveItems(ctx, feeds[feedOf[a.Outlet]].ID, []store.Item{it}); err != nil {
			t.Fatal(err)
		}
	}
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	return path, len(arts)
}

// copyStore copies a closed store file and opens the copy.
func copyStore(t *testing.T, path string) *store.Store {
	t.Helper()
	dst := filepath.Join(t.TempDir(), "copy.db")
	in, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	out, err := os.Create(dst)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.Copy(out, in); err != nil {
		t.Fatal(err)
	}
	if err := out.Close(); err != nil {
		t.Fatal(err)
	}
	st, err := store.Open(dst)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

func unanalysed(t *testing.T, st *store.Store) []int64 {
	t.Helper()
	ids, err := st.Unanalyzed(context.Background(), summarize.Version, 0)
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(ids)
	return ids
}

func savedArticles(t *testing.T, st *store.Store, ids []int64) []store.SavedArticle {
	t.Helper()
	var out []store.SavedArticle
	for _, id := range ids {
		a, err := st.Article(context.Background(), id)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, store.SavedArticle{ID: a.ID, Hash: a.Hash, Title: a.Title, Text: a.Text, Published: a.Published})
	}
	return out
}

// analysisSnapshot describes every article's analysis as stored: its story,
// its fact badges and its cached analysis JSON.
func analysisSnapshot(t *testing.T, st *store.Store) map[int64]string {
	t.Helper()
	ctx := context.Background()
	rows, err := st.List(ctx, store.Query{IncludeArchived: true})
	if err != nil {
		t.Fatal(err)
	}
	out := map[int64]string{}
	for _, r := range rows {
		a, err := st.Article(ctx, r.ID)
		if err != nil {
			t.Fatal(err)
		}
		data, ok, err := st.Analysis(ctx, a.Hash, summarize.Version)
		if err != nil {
			t.Fatal(err)
		}
		out[r.ID] = fmt.Sprintf("story %d badges %v cached %v %s", a.StoryID, r.Badges, ok, data)
	}
	return out
}

func diffSnapshots(t *testing.T, what string, got, want map[int64]string) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%s: %d articles, want %d", what, len(got), len(want))
	}
	n := 0
	for id, w := range want {
		if g := got[id]; g != w && n < 3 {
			n++
			t.Errorf("%s: article %d:\n got %.200s\nwant %.200s", what, id, g, w)
		}
	}
}

// TestParallelAnalysisMatchesSerial: the same stored articles (the demo
// feeds; the clustering corpus) analysed one at a time on one worker, in big
// parallel batches, and through the refresh's pipelined stage in feed-sized
// pieces give identical stories, badges and cached analyses.
func TestParallelAnalysisMatchesSerial(t *testing.T) {
	for name, load := range map[string]func(*testing.T) (string, int){"demo": demoUnanalysed, "stories": storiesUnanalysed} {
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			path, n := load(t)

			serial := copyStore(t, path)
			ids := unanalysed(t, serial)
			if len(ids) != n {
				t.Fatalf("%d unanalysed articles, want %d", len(ids), n)
			}
			for _, a := range savedArticles(t, serial, ids) {
				if skipped, err := analyzeBatch(ctx, serial, []store.SavedArticle{a}, 1); err != nil || skipped != nil {
					t.Fatal(err, skipped)
				}
			}
			want := analysisSnapshot(t, serial)
			stories := map[string]bool{}
			for _, s := range want {
				if strings.HasPrefix(s, "story 0 ") {
					t.Fatalf("serial run left an article without a story: %.80s", s)
				}
				stories[strings.Fields(s)[1]] = true
			}
			if len(stories) < 2 || len(stories) == len(want) {
				t.Fatalf("the data should make some multi-article stories: %d stories for %d articles", len(stories), len(want))
			}

			batched := copyStore(t, path)
			if err := analyzeArticles(ctx, batched, unanalysed(t, batched)); err != nil {
				t.Fatal(err)
			}
			diffSnapshots(t, "parallel batches", analysisSnapshot(t, batched), want)

			staged := copyStore(t, path)
			arts := savedArticles(t, staged, unanalysed(t, staged))
			stage := startAnalysis(ctx, staged)
			for len(arts) > 0 { // feeds of 1, 2, 3... articles, as a refresh hands them over
				k := min(len(arts), 1+len(arts)%4)
				stage.add(ctx, arts[:k])
				arts = arts[k:]
			}
			if err := stage.finish(); err != nil {
				t.Fatal(err)
			}
			diffSnapshots(t, "analysis stage", analysisSnapshot(t, staged), want)
		})
	}
}

// TestAnalysisCancelledMidBatch: cancelling while a batch is being analysed
// writes nothing of that batch (no analysis without its story, no story
// without its analysis), and the next run (the next fetch's analyzeRest)
// analyses what was left, as a run that was never interrupted would.
func TestAnalysisCancelledMidBatch(t *testing.T) {
	path, _ := demoUnanalysed(t)
	ref := copyStore(t, path)
	if err := analyzeArticles(context.Background(), ref, unanalysed(t, ref)); err != nil {
		t.Fatal(err)
	}
	want := analysisSnapshot(t, ref)

	for _, via := range []string{"batch", "stage"} {
		t.Run(via, func(t *testing.T) {
			st := copyStore(t, path)
			ids := unanalysed(t, st)
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			var seen atomic.Int32
			analyzeHook = func(context.Context, int64) {
				if seen.Add(1) == 5 {
					cancel()
				}
			}
			defer func() { analyzeHook = nil }()
			var err error
			if via == "batch" {
				err = analyzeArticles(ctx, st, ids)
			} else {
				stage := startAnalysis(ctx, st)
				for _, a := range savedArticles(t, st, ids) {
					stage.add(ctx, []store.SavedArticle{a})
				}
				err = stage.finish()
			}
			if !errors.Is(err, context.Canceled) {
				t.Fatalf("cancelled analysis returned %v", err)
			}
			analyzeHook = nil
			left := unanalysed(t, st)
			if len(left) == 0 {
				t.Fatal("the cancelled run analysed everything: nothing was cancelled")
			}
			for id, s := range analysisSnapshot(t, st) {
				analysed := !slices.Contains(left, id)
				clustered := !strings.HasPrefix(s, "story 0 ")
				if analysed != clustered {
					t.Errorf("article %d half-written: analysed %v, clustered %v", id, analysed, clustered)
				}
			}
			// The next fetch catches up.
			a := &app{st: st}
			if err := a.analyzeRest(context.Background()); err != nil {
				t.Fatal(err)
			}
			if left := unanalysed(t, st); len(left) != 0 {
				t.Fatalf("%d articles still unanalysed", len(left))
			}
			if via == "batch" {
				// Nothing was written before the cancellation: the catch-up
				// is the whole run, identical to the uninterrupted one.
				diffSnapshots(t, "after a cancelled run", analysisSnapshot(t, st), want)
			}
		})
	}
}

// TestAnalysisPanicSkipsOnlyThatArticle: a panic in the briefing engine on
// one article (simulated) leaves that article unanalysed and reported, and
// analyses and clusters the rest, in a batch and through the stage; the
// next run retries only that article.
func TestAnalysisPanicSkipsOnlyThatArticle(t *testing.T) {
	path, n := storiesUnanalysed(t)
	for _, via := range []string{"batch", "stage"} {
		t.Run(via, func(t *testing.T) {
			st := copyStore(t, path)
			ids := unanalysed(t, st)
			bad := ids[len(ids)/2]
			analyzeHook = func(_ context.Context, id int64) {
				if id == bad {
					panic("boom")
				}
			}
			defer func() { analyzeHook = nil }()
			var err error
			if via == "batch" {
				err = analyzeArticles(context.Background(), st, ids)
			} else {
				stage := startAnalysis(context.Background(), st)
				arts := savedArticles(t, st, ids)
				stage.add(context.Background(), arts[:n/2])
				stage.add(context.Background(), arts[n/2:])
				err = stage.finish()
			}
			if err == nil || !strings.Contains(err.Error(), fmt.Sprintf("article %d: internal error: boom", bad)) {
				t.Fatalf("error %v, want the panicking article named", err)
			}
			if left := unanalysed(t, st); len(left) != 1 || left[0] != bad {
				t.Fatalf("unanalysed after the run: %v, want only %d", left, bad)
			}
			for id, s := range analysisSnapshot(t, st) {
				if clustered := !strings.HasPrefix(s, "story 0 "); clustered != (id != bad) {
					t.Errorf("article %d clustered: %v", id, clustered)
				}
			}
			analyzeHook = nil
			a := &app{st: st}
			if err := a.analyzeRest(context.Background()); err != nil {
				t.Fatal(err)
			}
			if left := unanalysed(t, st); len(left) != 0 {
				t.Errorf("still unanalysed: %v", left)
			}
		})
	}
}

// A panic while filing a batch into stories (simulated, after the index
// took part of the batch) fails the analysis stage, not the process; the
// batch is not written, and the next run clusters everything as a clean run
// would (the index holding provisional ids was dropped).
func TestAnalysisStagePanicWhileFiling(t *testing.T) {
	path, _ := storiesUnanalysed(t)
	ref := copyStore(t, path)
	if err := analyzeArticles(context.Background(), ref, unanalysed(t, ref)); err != nil {
		t.Fatal(err)
	}
	want := analysisSnapshot(t, ref)

	st := copyStore(t, path)
	ids := unanalysed(t, st)
	// Fill the index with this store's first articles, then panic.
	if _, err := analyzeBatch(context.Background(), st, savedArticles(t, st, ids[:10]), 0); err != nil {
		t.Fatal(err)
	}
	assignHook = func(batch []analysed) {
		c := clustererFor(st)
		for _, b := range batch[:2] {
			c.ix.AddWith(b.art.ID, b.sig, func() (int64, error) { return -1, nil })
		}
		panic("boom")
	}
	defer func() { assignHook = nil }()
	stage := startAnalysis(context.Background(), st)
	stage.add(context.Background(), savedArticles(t, st, ids[10:]))
	err := stage.finish()
	if err == nil || !strings.Contains(err.Error(), "internal error: boom") {
		t.Fatalf("finish: %v", err)
	}
	if left := unanalysed(t, st); len(left) != len(ids)-10 {
		t.Fatalf("%d unanalysed after the failed batch, want %d", len(left), len(ids)-10)
	}
	assignHook = nil
	if err := (&app{st: st}).analyzeRest(context.Background()); err != nil {
		t.Fatal(err)
	}
	diffSnapshots(t, "after a panic while filing", analysisSnapshot(t, st), want)
}
