package store

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// The kill -9 harness (issue 9, Durability). A child process applies
// read/star/archive changes and refreshes (SaveItems or SaveFetches: new
// articles plus an update) in a loop and reports each change on stdout twice: "I ..." before
// the call (intent) and "A ..." after it returned nil (acknowledged). The
// parent SIGKILLs it at a random moment, reopens the store, runs
// PRAGMA integrity_check (and the FTS index's own check), and verifies that
// every acknowledged change is present. The one change in flight when the
// kill landed (an intent without its ack) may or may not be there.
//
//	go test ./store -run CrashKill9 -crash.trials=200 -v   (or SITREP_CRASH_TRIALS=200)
var crashTrials = flag.Int("crash.trials", 0, "kill -9 trials for TestCrashKill9 (default 20, or $SITREP_CRASH_TRIALS)")

const crashArticles = 40 // articles present before the first trial

func init() { helpers["crash"] = helperCrash }

func trials() int {
	if *crashTrials > 0 {
		return *crashTrials
	}
	if n, err := strconv.Atoi(os.Getenv("SITREP_CRASH_TRIALS")); err == nil && n > 0 {
		return n
	}
	if testing.Short() {
		return 5
	}
	return 20
}

// helperCrash runs until killed.
func helperCrash() error {
	ctx := context.Background()
	s, err := Open(os.Getenv("SITREP_STORE_DB"))
	if err != nil {
		return err
	}
	feed, _ := strconv.ParseInt(os.Getenv("SITREP_STORE_FEED"), 10, 64)
	trial := os.Getenv("SITREP_CRASH_TRIAL")
	lie := os.Getenv("SITREP_CRASH_LIE") == "1"
	seed, _ := strconv.ParseUint(trial, 10, 64)
	rng := rand.New(rand.NewPCG(seed, 7))
	rows, err := s.List(ctx, Query{IncludeArchived: true})
	if err != nil {
		return err
	}
	ids := make([]int64, len(rows))
	for i, r := range rows {
		ids[i] = r.ID
	}
	say := func(line string) { os.Stdout.WriteString(line + "\n") } // unbuffered: a write(2) per line
	say("ready")
	for seq := 0; ; seq++ {
		id := ids[rng.IntN(len(ids))]
		v := rng.IntN(2)
		var line string
		var call func() error
		op := rng.IntN(4)
		if lie {
			op = 3 // a refresh always changes something: its loss is always visible
		}
		switch op {
		case 0:
			line = fmt.Sprintf("R %d %d", id, v)
			call = func() error { return s.SetRead(ctx, []int64{id}, v == 1) }
		case 1:
			line = fmt.Sprintf("S %d %d", id, v)
			call = func() error { return s.SetStarred(ctx, id, v == 1) }
		case 2:
			line = fmt.Sprintf("X %d %d", id, v)
			call = func() error { return s.SetArchived(ctx, id, v == 1) }
		case 3:
			// A refresh: two new articles and a new revision of an old one.
			a, err := s.Article(ctx, id)
			if err != nil {
				return err
			}
			rev := fmt.Sprintf("revision %s-%d", trial, seq)
			g1, g2 := fmt.Sprintf("c-%s-%d-a", trial, seq), fmt.Sprintf("c-%s-%d-b", trial, seq)
			items := []Item{
				{GUID: g1, URL: "https://crash.example/" + g1, Title: g1, Text: "new " + g1},
				{GUID: g2, URL: "https://crash.example/" + g2, Title: g2, Text: "new " + g2},
				{GUID: a.GUID, URL: a.URL, Title: a.Title, Text: rev},
			}
			line = fmt.Sprintf("N %s,%s U %d %s", g1, g2, id, rev)
			call = func() error { _, err := s.SaveItems(ctx, feed, items); return err }
			if seq%2 == 1 { // as the refresh engine saves: with the fetch record, grouped
				call = func() error {
					_, errs := s.SaveFetches(ctx, []FeedSave{{FeedID: feed, Items: items, Fetch: FetchResult{FeedID: feed, ETag: rev}}})
					return errs[0]
				}
			}
		}
		say("I " + line)
		if lie {
			say("A " + line)                 // acknowledged before it is done: the harness must notice
			time.Sleep(5 * time.Millisecond) // ...and before it even starts, most of the time
		}
		if err := call(); err != nil {
			say("E " + err.Error())
			return err
		}
		if !lie {
			say("A " + line)
		}
	}
}

type crashStats struct {
	trials, acked, lost, integrity, inflight, inflightApplied int
}

func TestCrashKill9(t *testing.T) {
	t.Parallel() // child processes: overlaps with the other process tests, touches no globals
	st := runCrash(t, trials(), false)
	t.Logf("crash: | trials | acknowledged changes | lost | integrity failures | killed mid-change (applied) |")
	t.Logf("crash: | %d | %d | %d | %d | %d (%d) |", st.trials, st.acked, st.lost, st.integrity, st.inflight, st.inflightApplied)
	if st.acked == 0 {
		t.Errorf("no change was acknowledged in %d trials: the harness killed too early", st.trials)
	}
}

// The harness can fail: a child that acknowledges before the change is
// committed loses acknowledged changes, and the harness must count them.
func TestCrashHarnessDetectsLoss(t *testing.T) {
	t.Parallel() // child processes: overlaps with the other process tests, touches no globals
	if testing.Short() {
		t.Skip("-short")
	}
	st := runCrash(t, 10, true)
	t.Logf("lying child: %d trials, %d acknowledged, %d lost", st.trials, st.acked, st.lost)
	if st.lost == 0 {
		t.Errorf("a child acknowledging before committing lost nothing in %d trials: the harness cannot see losses", st.trials)
	}
}

func runCrash(t *testing.T, n int, lie bool) crashStats {
	path := filepath.Join(t.TempDir(), "sitrep.db")
	s, err := Open(path)
	must(t, err)
	feed := addFeed(t, s, "https://crash.example/feed", "Crash", "")
	var seed []Item
	for k := 0; k < crashArticles; k++ {
		seed = append(seed, item(k))
	}
	save(t, s, feed, seed...)
	must(t, s.Close())

	// What the database must contain: every acknowledged change so far.
	state := map[int64][3]bool{}
	text := map[int64]string{}
	guids := map[string]bool{}
	{
		s, err := Open(path)
		must(t, err)
		loadExpected(t, s, state, text)
		s.Close()
	}

	rng := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 1))
	var st crashStats
	start := time.Now()
	for trial := 1; trial <= n; trial++ {
		lines := runCrashChild(t, path, feed, trial, lie, time.Duration(rng.IntN(60))*time.Millisecond)
		st.trials++

		s, err := Open(path)
		if err != nil {
			t.Fatalf("trial %d: reopen after kill: %v", trial, err)
		}
		if msg := integrity(s); msg != "ok" {
			st.integrity++
			t.Errorf("trial %d: integrity check: %s", trial, msg)
		}
		checkCounters(t, s)
		// Apply the acknowledged changes to the expectation; find the one in flight.
		var inflight string
		for _, l := range lines {
			switch {
			case strings.HasPrefix(l, "I "):
				inflight = l[2:]
			case strings.HasPrefix(l, "A "):
				applyChange(l[2:], state, text, guids)
				inflight = ""
				st.acked++
			case strings.HasPrefix(l, "E "):
				t.Fatalf("trial %d: child failed: %s", trial, l)
			}
		}
		gotState, gotText, gotGUIDs := snapshot(t, s)
		// The change in flight: either outcome is correct, and it becomes the expectation.
		if inflight != "" {
			st.inflight++
			after := cloneExpect(state, text, guids)
			applyChange(inflight, after.state, after.text, after.guids)
			if matches(after, gotState, gotText, gotGUIDs) == 0 {
				st.inflightApplied++
				state, text, guids = after.state, after.text, after.guids
			}
		}
		lost := matches(expect{state, text, guids}, gotState, gotText, gotGUIDs)
		if lost > 0 {
			st.lost += lost
			if lie {
				state, text, guids = gotState, gotText, gotGUIDs // resynchronise and go on
			} else {
				t.Errorf("trial %d: %d acknowledged change(s) missing (in flight: %q)", trial, lost, inflight)
			}
		}
		// New articles from this trial join the expectation with their (fresh) state.
		for id, v := range gotState {
			if _, ok := state[id]; !ok {
				state[id] = v
				text[id] = gotText[id]
			}
		}
		s.Close()
	}
	t.Logf("crash: %d trials in %v", st.trials, time.Since(start).Round(time.Millisecond))
	return st
}

// runCrashChild starts the child, kills it delay after it is ready, and
// returns the complete lines it wrote.
func runCrashChild(t *testing.T, path string, feed int64, trial int, lie bool, delay time.Duration) []string {
	t.Helper()
	cmd := helperCmd("crash", path, fmt.Sprintf("SITREP_STORE_FEED=%d", feed), fmt.Sprintf("SITREP_CRASH_TRIAL=%d", trial))
	if lie {
		cmd.Env = append(cmd.Env, "SITREP_CRASH_LIE=1")
	}
	out, err := cmd.StdoutPipe()
	must(t, err)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	must(t, cmd.Start())
	r := bufio.NewReader(out)
	ready, err := r.ReadString('\n')
	if err != nil || ready != "ready\n" {
		cmd.Process.Kill()
		cmd.Wait()
		t.Fatalf("trial %d: child not ready: %q %v\n%s", trial, ready, err, stderr.String())
	}
	time.Sleep(delay)
	must(t, cmd.Process.Kill()) // SIGKILL on Unix
	var lines []string
	for {
		l, err := r.ReadString('\n')
		if err != nil {
			break // a line cut by the kill has no newline: not acknowledged
		}
		lines = append(lines, strings.TrimSuffix(l, "\n"))
	}
	cmd.Wait()
	return lines
}

type expect struct {
	state map[int64][3]bool
	text  map[int64]string
	guids map[string]bool
}

func cloneExpect(state map[int64][3]bool, text map[int64]string, guids map[string]bool) expect {
	e := expect{map[int64][3]bool{}, map[int64]string{}, map[string]bool{}}
	for k, v := range state {
		e.state[k] = v
	}
	for k, v := range text {
		e.text[k] = v
	}
	for k, v := range guids {
		e.guids[k] = v
	}
	return e
}

func applyChange(line string, state map[int64][3]bool, text map[int64]string, guids map[string]bool) {
	f := strings.Fields(line)
	switch f[0] {
	case "R", "S", "X":
		id, _ := strconv.ParseInt(f[1], 10, 64)
		st := state[id]
		st[strings.Index("RSX", f[0])] = f[2] == "1"
		state[id] = st
	case "N": // N g1,g2 U id revision...
		for _, g := range strings.Split(f[1], ",") {
			guids[g] = true
		}
		id, _ := strconv.ParseInt(f[3], 10, 64)
		text[id] = strings.Join(f[4:], " ")
	}
}

// matches counts expectations the database does not meet.
func matches(e expect, gotState map[int64][3]bool, gotText map[int64]string, gotGUIDs map[string]bool) int {
	bad := 0
	for id, want := range e.state {
		if gotState[id] != want {
			bad++
		}
	}
	for id, want := range e.text {
		if gotText[id] != want {
			bad++
		}
	}
	for g := range e.guids {
		if !gotGUIDs[g] {
			bad++
		}
	}
	return bad
}

func loadExpected(t *testing.T, s *Store, state map[int64][3]bool, text map[int64]string) {
	st, tx, _ := snapshot(t, s)
	for k, v := range st {
		state[k] = v
	}
	for k, v := range tx {
		text[k] = v
	}
}

func snapshot(t *testing.T, s *Store) (map[int64][3]bool, map[int64]string, map[string]bool) {
	t.Helper()
	rows, err := s.r.Query(`SELECT a.id, a.guid, a.read, a.starred, a.archived, b.text FROM articles a JOIN article_bodies b ON b.article_id = a.id`)
	must(t, err)
	defer rows.Close()
	state, text, guids := map[int64][3]bool{}, map[int64]string{}, map[string]bool{}
	for rows.Next() {
		var id int64
		var g, body string
		var st [3]bool
		must(t, rows.Scan(&id, &g, &st[0], &st[1], &st[2], &body))
		state[id], text[id], guids[g] = st, body, true
	}
	must(t, rows.Err())
	return state, text, guids
}

func integrity(s *Store) string {
	var msg string
	if err := s.r.QueryRow("PRAGMA integrity_check").Scan(&msg); err != nil {
		return err.Error()
	}
	if msg != "ok" {
		return msg
	}
	if _, err := s.w.Exec(`INSERT INTO articles_fts(articles_fts, rank) VALUES ('integrity-check', 0)`); err != nil {
		return "fts: " + err.Error()
	}
	rows, err := s.r.Query(`PRAGMA foreign_key_check`)
	if err != nil {
		return err.Error()
	}
	defer rows.Close()
	if rows.Next() {
		return "foreign key violations"
	}
	return "ok"
}
