package store

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"
)

// count runs a count(*) query on the writer (it sees every commit).
func count(t testing.TB, s *Store, q string, args ...any) int {
	t.Helper()
	var n int
	must(t, s.w.QueryRow(q, args...).Scan(&n))
	return n
}

// analyse stores an analysis, badges and a story for each of ids.
func analyse(t testing.TB, s *Store, story int64, ids ...int64) int64 {
	t.Helper()
	ctx := context.Background()
	var as []StoryAssignment
	for _, id := range ids {
		a, err := s.Article(ctx, id)
		must(t, err)
		must(t, s.PutAnalysis(ctx, id, a.Hash, "v1", []byte(`{"facts":[]}`), []string{"ceasefire:holding"}))
		as = append(as, StoryAssignment{ArticleID: id, StoryID: story, Title: a.Title, Published: a.Published, Sig: []byte{1, 2, 3}})
	}
	created, err := s.AssignStories(ctx, as)
	must(t, err)
	if story <= 0 {
		return created[story]
	}
	return story
}

func TestPrune(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	f := addFeed(t, s, "https://news.example/feed", "News", "")
	cutoff := t0.Add(100 * time.Minute)
	// 0-9: old; 100-104: recent. 3 is old but starred. Old 5 shares its
	// text (and so its analysis) with recent 100.
	var items []Item
	for _, n := range []int{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 100, 101, 102, 103, 104} {
		items = append(items, item(n))
	}
	items[5].Text = "A shared wire story about the truce."
	items[10].Text = items[5].Text
	res := save(t, s, f, items...)
	id := func(n int) int64 {
		for i, it := range items {
			if it.GUID == fmt.Sprintf("guid-%d", n) {
				return res.NewIDs[i]
			}
		}
		t.Fatalf("no item %d", n)
		return 0
	}
	oldStory := analyse(t, s, -1, id(0), id(1), id(2)) // every article old: the row stays
	mixedStory := analyse(t, s, -1, id(4), id(101))    // keeps its recent article
	analyse(t, s, -1, id(5), id(100))
	analyse(t, s, -1, id(3), id(6), id(7), id(8), id(9), id(102), id(103), id(104))
	must(t, s.SetStarred(ctx, id(3), true))
	must(t, s.SetRead(ctx, []int64{id(1), id(101)}, true))

	n, err := s.Prune(ctx, cutoff)
	must(t, err)
	if n != 9 {
		t.Fatalf("Prune = %d, want 9", n)
	}
	kept := []int64{id(3), id(100), id(101), id(102), id(103), id(104)}
	var got []int64
	rows, err := s.w.Query(`SELECT id FROM articles ORDER BY id`)
	must(t, err)
	for rows.Next() {
		var id int64
		must(t, rows.Scan(&id))
		got = append(got, id)
	}
	rows.Close()
	slices.Sort(kept)
	if !slices.Equal(got, kept) {
		t.Errorf("kept articles %v, want %v", got, kept)
	}
	// What hangs off an article went with it.
	for _, q := range []string{
		`SELECT count(*) FROM article_bodies WHERE article_id NOT IN (SELECT id FROM articles)`,
		`SELECT count(*) FROM article_facts WHERE article_id NOT IN (SELECT id FROM articles)`,
		`SELECT count(*) FROM story_sigs WHERE article_id NOT IN (SELECT id FROM articles)`,
		`SELECT count(*) FROM articles_fts WHERE articles_fts MATCH 'body OR shared' AND rowid NOT IN (SELECT id FROM articles)`,
		`SELECT count(*) FROM analyses WHERE hash NOT IN (SELECT hash FROM articles)`,
	} {
		if n := count(t, s, q); n != 0 {
			t.Errorf("%d orphans: %s", n, q)
		}
	}
	for q, want := range map[string]int{
		`SELECT count(*) FROM article_bodies`:                                         6,
		`SELECT count(*) FROM article_facts`:                                          6,
		`SELECT count(*) FROM story_sigs`:                                             6,
		`SELECT count(*) FROM articles_fts WHERE articles_fts MATCH 'body OR shared'`: 6,
		// One per kept article; 100's is the one it shared with old 5.
		`SELECT count(*) FROM analyses`: 6,
	} {
		if n := count(t, s, q); n != want {
			t.Errorf("%s = %d, want %d", q, n, want)
		}
	}
	// A story left without articles stays: another process's story index
	// may still file articles into it.
	if count(t, s, `SELECT count(*) FROM stories WHERE id = ?`, oldStory) != 1 {
		t.Error("story of only pruned articles deleted")
	}
	if count(t, s, `SELECT count(*) FROM stories WHERE id = ?`, mixedStory) != 1 {
		t.Error("story with a kept article deleted")
	}
	a, err := s.Article(ctx, id(100))
	must(t, err)
	if _, ok, err := s.Analysis(ctx, a.Hash, "v1"); err != nil || !ok {
		t.Errorf("analysis shared with a kept article: ok=%v err=%v", ok, err)
	}
	// Feed counters follow: 6 articles, one (101) read.
	feeds, err := s.Feeds(ctx)
	must(t, err)
	if len(feeds) != 1 || feeds[0].Total != 6 || feeds[0].Unread != 5 {
		t.Errorf("feed counters = %+v", feeds)
	}
	// Search no longer finds a pruned article.
	if n := count(t, s, `SELECT count(*) FROM articles_fts WHERE articles_fts MATCH '"Article 7"'`); n != 0 {
		t.Errorf("pruned article still in the search index (%d)", n)
	}

	// Nothing left to prune: a second run deletes nothing.
	if n, err := s.Prune(ctx, cutoff); err != nil || n != 0 {
		t.Errorf("second Prune = %d, %v", n, err)
	}
}

// TestPruneChunks prunes more than one chunk: every old article goes, in
// several transactions, and the recent ones stay.
func TestPruneChunks(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	f := addFeed(t, s, "https://news.example/feed", "News", "")
	const old, recent = 2*pruneChunk + 345, 20
	items := make([]Item, 0, old+recent)
	for n := range old + recent {
		items = append(items, item(n))
	}
	save(t, s, f, items...)
	n, err := s.Prune(ctx, t0.Add(old*time.Minute))
	must(t, err)
	if n != old {
		t.Fatalf("Prune = %d, want %d", n, old)
	}
	if got := count(t, s, `SELECT count(*) FROM articles`); got != recent {
		t.Errorf("%d articles left, want %d", got, recent)
	}
	if got := count(t, s, `SELECT min(published) FROM articles`); int64(got) != toDB(t0.Add(old*time.Minute)) {
		t.Errorf("oldest kept published %d, want %d", got, toDB(t0.Add(old*time.Minute)))
	}
}

func TestPruneCancelled(t *testing.T) {
	s := openTemp(t)
	f := addFeed(t, s, "https://news.example/feed", "News", "")
	save(t, s, f, item(1))
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if n, err := s.Prune(ctx, t0.Add(time.Hour)); err == nil || n != 0 {
		t.Errorf("Prune with a cancelled ctx = %d, %v", n, err)
	}
	if got := count(t, s, `SELECT count(*) FROM articles`); got != 1 {
		t.Errorf("%d articles left, want 1", got)
	}
}
