package store

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"sync"
	"testing"
	"time"
)

// Two processes on one database file, like a cron `sitrep fetch` next to a
// running TUI: one saves and updates articles in a loop, the other toggles
// read/star/archive state and lists. Both must finish without a single
// error (no SQLITE_BUSY) and nothing either wrote may be lost.

const (
	mpSeed   = 60  // articles the TUI toggles and the fetcher updates
	mpRounds = 40  // fetcher: SaveItems calls (8 new + 4 updates each)
	mpToggle = 300 // TUI: state changes
	mpBig    = 300 // items of the one big refresh
)

func init() {
	helpers["fetch"] = helperFetch
	helpers["tui"] = helperTUI
	helpers["readonly"] = helperReadOnly
}

func seedGUID(k int) string { return fmt.Sprintf("seed-%d", k) }

type mpReport struct {
	Start, End time.Time
	States     map[int64][3]bool `json:",omitempty"` // tui: final state it set
	Ops        int
	MaxCall    time.Duration // tui: slowest state change (waiting for the fetcher's lock)
}

// barrier: a child announces it has the store open and waits for the
// parent's go, so both processes start their loops together.
func barrier(role string) {
	dir := os.Getenv("SITREP_STORE_SYNC")
	os.WriteFile(filepath.Join(dir, "ready-"+role), nil, 0o644)
	for !exists(filepath.Join(dir, "go")) {
		time.Sleep(time.Millisecond)
	}
}

func exists(path string) bool { _, err := os.Stat(path); return err == nil }

func helperFetch() error {
	ctx := context.Background()
	s, err := Open(os.Getenv("SITREP_STORE_DB"))
	if err != nil {
		return err
	}
	defer s.Close()
	barrier("fetch")
	feed, _ := strconv.ParseInt(os.Getenv("SITREP_STORE_FEED"), 10, 64)
	rep := mpReport{Start: time.Now()}
	for r := 0; r < mpRounds; r++ {
		var items []Item
		if r == mpRounds/2 {
			// One big refresh (a feed of mpBig items) holds the write lock
			// for a long while: the TUI must wait for it, not fail.
			for i := 0; i < mpBig; i++ {
				it := item(5000 + i)
				it.GUID = fmt.Sprintf("big-%d", i)
				items = append(items, it)
			}
		}
		for i := 0; i < 8; i++ {
			it := item(1000 + r*8 + i)
			it.GUID = fmt.Sprintf("fetch-%d-%d", r, i)
			items = append(items, it)
		}
		for i := 0; i < 4; i++ {
			k := (r*4 + i) % mpSeed
			it := item(k)
			it.GUID = seedGUID(k)
			it.Text = fmt.Sprintf("seed %d revision %d", k, r)
			items = append(items, it)
		}
		if _, err := s.SaveItems(ctx, feed, items); err != nil {
			return fmt.Errorf("round %d: %w", r, err)
		}
		if err := s.RecordFetch(ctx, FetchResult{FeedID: feed, ETag: strconv.Itoa(r)}); err != nil {
			return fmt.Errorf("round %d: %w", r, err)
		}
		rep.Ops++
	}
	rep.End = time.Now()
	return json.NewEncoder(os.Stdout).Encode(rep)
}

func helperTUI() error {
	ctx := context.Background()
	s, err := Open(os.Getenv("SITREP_STORE_DB"))
	if err != nil {
		return err
	}
	defer s.Close()
	rows, err := s.List(ctx, Query{IncludeArchived: true})
	if err != nil {
		return err
	}
	var ids []int64
	for _, r := range rows {
		ids = append(ids, r.ID)
	}
	rng := rand.New(rand.NewPCG(1, 2))
	barrier("tui")
	stop := filepath.Join(os.Getenv("SITREP_STORE_SYNC"), "stop")
	rep := mpReport{Start: time.Now(), States: map[int64][3]bool{}}
	// At least mpToggle changes, and on until the fetcher has finished.
	for i := 0; i < mpToggle || !exists(stop); i++ {
		id := ids[rng.IntN(len(ids))]
		st := rep.States[id]
		on := rng.IntN(2) == 1
		k := rng.IntN(3)
		callStart := time.Now()
		switch k {
		case 0:
			err = s.SetRead(ctx, []int64{id}, on)
		case 1:
			err = s.SetStarred(ctx, id, on)
		case 2:
			err = s.SetArchived(ctx, id, on)
		}
		if err != nil {
			return fmt.Errorf("toggle %d: %w", i, err)
		}
		st[k] = on
		rep.MaxCall = max(rep.MaxCall, time.Since(callStart))
		rep.States[id] = st
		if i%10 == 0 {
			if _, err := s.List(ctx, Query{Limit: 50, UnreadOnly: true}); err != nil {
				return fmt.Errorf("list: %w", err)
			}
		}
		rep.Ops++
	}
	rep.End = time.Now()
	return json.NewEncoder(os.Stdout).Encode(rep)
}

func helperCmd(role, db string, env ...string) *exec.Cmd {
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), helperEnv+"="+role, "SITREP_STORE_DB="+db)
	cmd.Env = append(cmd.Env, env...)
	return cmd
}

func TestTwoProcessesFetchAndTUI(t *testing.T) {
	t.Parallel() // child processes: overlaps with the other process tests, touches no globals
	if testing.Short() {
		t.Skip("-short")
	}
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "sitrep.db")
	s, err := Open(path)
	must(t, err)
	defer s.Close()
	feed := addFeed(t, s, "https://x.example/feed", "X", "")
	var seed []Item
	for k := 0; k < mpSeed; k++ {
		it := item(k)
		it.GUID = seedGUID(k)
		seed = append(seed, it)
	}
	seedIDs := save(t, s, feed, seed...).NewIDs

	var outF, outT, errF, errT bytes.Buffer
	sync := t.TempDir()
	fetch := helperCmd("fetch", path, fmt.Sprintf("SITREP_STORE_FEED=%d", feed), "SITREP_STORE_SYNC="+sync)
	fetch.Stdout, fetch.Stderr = &outF, &errF
	tui := helperCmd("tui", path, "SITREP_STORE_SYNC="+sync)
	tui.Stdout, tui.Stderr = &outT, &errT
	must(t, fetch.Start())
	must(t, tui.Start())
	for deadline := time.Now().Add(time.Minute); !exists(filepath.Join(sync, "ready-fetch")) || !exists(filepath.Join(sync, "ready-tui")); {
		if time.Now().After(deadline) {
			fetch.Process.Kill()
			tui.Process.Kill()
			t.Fatalf("children not ready:\n%s\n%s", errF.String(), errT.String())
		}
		time.Sleep(time.Millisecond)
	}
	must(t, os.WriteFile(filepath.Join(sync, "go"), nil, 0o644))
	// This process reads meanwhile, as a third party.
	done := make(chan struct{})
	go func() {
		defer close(done)
		for i := 0; i < 50; i++ {
			if _, err := s.List(ctx, Query{Limit: 50}); err != nil {
				t.Errorf("parent list: %v", err)
				return
			}
			time.Sleep(5 * time.Millisecond)
		}
	}()
	errFetch := fetch.Wait()
	must(t, os.WriteFile(filepath.Join(sync, "stop"), nil, 0o644))
	errTUI := tui.Wait()
	<-done
	if errFetch != nil {
		t.Fatalf("fetch process: %v\n%s", errFetch, errF.String())
	}
	if errTUI != nil {
		t.Fatalf("tui process: %v\n%s", errTUI, errT.String())
	}
	var rf, rt mpReport
	must(t, json.Unmarshal(outF.Bytes(), &rf))
	must(t, json.Unmarshal(outT.Bytes(), &rt))
	if rf.Ops != mpRounds || rt.Ops < mpToggle {
		t.Fatalf("ops: fetch %d tui %d", rf.Ops, rt.Ops)
	}
	if !rt.Start.Before(rf.End) || !rf.End.Before(rt.End) {
		t.Errorf("the TUI did not run throughout the fetch (fetch %v-%v, tui %v-%v)", rf.Start, rf.End, rt.Start, rt.End)
	}
	t.Logf("fetch %d saves in %v, tui %d toggles in %v (slowest %v), overlapping",
		rf.Ops, rf.End.Sub(rf.Start).Round(time.Millisecond), rt.Ops, rt.End.Sub(rt.Start).Round(time.Millisecond),
		rt.MaxCall.Round(time.Millisecond))

	// Nothing lost: every fetched article, every last revision, every state.
	total, err := s.Count(ctx, Query{IncludeArchived: true})
	must(t, err)
	if want := mpSeed + mpRounds*8 + mpBig; total != want {
		t.Errorf("%d articles, want %d", total, want)
	}
	lastRev := map[int]int{}
	for r := 0; r < mpRounds; r++ {
		for i := 0; i < 4; i++ {
			lastRev[(r*4+i)%mpSeed] = r
		}
	}
	for k, id := range seedIDs {
		a, err := s.Article(ctx, id)
		must(t, err)
		if want := fmt.Sprintf("seed %d revision %d", k, lastRev[k]); a.Text != want {
			t.Errorf("article %d text %q, want %q", id, a.Text, want)
		}
		want := rt.States[id]
		if got := [3]bool{a.Read, a.Starred, a.Archived}; got != want {
			t.Errorf("article %d state %v, want %v (the TUI's last write)", id, got, want)
		}
	}
	f, _ := s.Feed(ctx, feed)
	if f.ETag != strconv.Itoa(mpRounds-1) {
		t.Errorf("feed etag %q", f.ETag)
	}
}

func init() { helpers["open"] = helperOpen }

func helperOpen() error {
	s, err := Open(os.Getenv("SITREP_STORE_DB"))
	if err != nil {
		return err
	}
	defer s.Close()
	_, err = s.SyncFeeds(context.Background(), []FeedSpec{{URL: "https://x.example/feed"}})
	return err
}

// Several processes starting at once on a database that does not exist yet
// (the TUI and a cron fetch on first run): one creates and migrates it, the
// others wait and find it ready.
func TestProcessesCreateDatabaseAtOnce(t *testing.T) {
	t.Parallel() // child processes: overlaps with the other process tests, touches no globals
	if testing.Short() {
		t.Skip("-short")
	}
	path := filepath.Join(t.TempDir(), "new", "sitrep.db")
	var cmds []*exec.Cmd
	var outs []*bytes.Buffer
	for i := 0; i < 3; i++ {
		cmd := helperCmd("open", path)
		var out bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &out
		must(t, cmd.Start())
		cmds, outs = append(cmds, cmd), append(outs, &out)
	}
	for i, cmd := range cmds {
		if err := cmd.Wait(); err != nil {
			t.Errorf("process %d: %v\n%s", i, err, outs[i])
		}
	}
	s, err := Open(path)
	must(t, err)
	defer s.Close()
	if v := userVersion(t, s.w); v != len(migrations) {
		t.Errorf("version %d", v)
	}
	if feeds, _ := s.Feeds(context.Background()); len(feeds) != 1 {
		t.Errorf("feeds: %+v", feeds)
	}
}

// Within one process (the TUI: a background refresh, list loads, key
// presses) every method may run concurrently.
func TestConcurrentGoroutines(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	f := addFeed(t, s, "https://x.example/feed", "X", "")
	ids := save(t, s, f, item(1), item(2), item(3)).NewIDs
	errs := make(chan error, 64)
	var wg sync.WaitGroup
	run := func(fn func(i int) error) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 25; i++ {
				if err := fn(i); err != nil {
					errs <- err
					return
				}
			}
		}()
	}
	run(func(i int) error { _, err := s.SaveItems(ctx, f, []Item{item(100 + i), item(1)}); return err })
	run(func(i int) error { return s.SetRead(ctx, ids, i%2 == 0) })
	run(func(i int) error { return s.SetStarred(ctx, ids[i%3], i%2 == 0) })
	run(func(i int) error { _, err := s.List(ctx, Query{Limit: 10, Search: "article"}); return err })
	run(func(i int) error { _, err := s.Count(ctx, Query{UnreadOnly: true}); return err })
	run(func(i int) error { _, err := s.Feeds(ctx); return err })
	run(func(i int) error {
		return s.PutAnalysis(ctx, ids[i%3], fmt.Sprint(i), "v", []byte(`{}`), []string{"talks"})
	})
	run(func(i int) error { return s.RecordFetch(ctx, FetchResult{FeedID: f, ETag: fmt.Sprint(i)}) })
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if n, _ := s.Count(ctx, Query{IncludeArchived: true, Since: time.Unix(1, 0)}); n != 3+25 {
		t.Errorf("%d articles, want 28", n)
	}
	checkCounters(t, s)
}
