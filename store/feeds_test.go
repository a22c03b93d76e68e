package store

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"
)

func feedByURL(t *testing.T, feeds []Feed, url string) (Feed, bool) {
	t.Helper()
	for _, f := range feeds {
		if f.URL == url {
			return f, true
		}
	}
	return Feed{}, false
}

func TestSyncFeeds(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	feeds, err := s.SyncFeeds(ctx, []FeedSpec{
		{URL: "https://a.example/feed", Title: "A", Folder: "World"},
		{URL: "https://b.example/feed", Title: "B", Folder: "Asia"},
		{URL: " https://a.example/feed ", Title: "A again"}, // duplicate: first wins
		{URL: ""}, // ignored
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(feeds) != 2 {
		t.Fatalf("feeds = %+v", feeds)
	}
	a, _ := feedByURL(t, feeds, "https://a.example/feed")
	b, _ := feedByURL(t, feeds, "https://b.example/feed")
	if a.Title != "A" || a.Folder != "World" || b.Title != "B" {
		t.Fatalf("feeds = %+v", feeds)
	}
	ids := save(t, s, b.ID, item(1), item(2)).NewIDs
	must(t, s.SetStarred(ctx, ids[0], true))

	// Update b's title and folder, add c, drop a.
	feeds, err = s.SyncFeeds(ctx, []FeedSpec{
		{URL: "https://b.example/feed", Title: "B renamed", Folder: "World"},
		{URL: "https://c.example/feed"},
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(feeds) != 2 {
		t.Fatalf("feeds = %+v", feeds)
	}
	b2, ok := feedByURL(t, feeds, "https://b.example/feed")
	if !ok || b2.ID != b.ID || b2.Title != "B renamed" || b2.Folder != "World" || b2.Total != 2 {
		t.Errorf("b after sync: %+v", b2)
	}
	if art, err := s.Article(ctx, ids[0]); err != nil || !art.Starred {
		t.Errorf("b's articles and state must survive a title change: %+v %v", art, err)
	}
	if _, ok := feedByURL(t, feeds, "https://a.example/feed"); ok {
		t.Errorf("a not removed")
	}
	c, _ := feedByURL(t, feeds, "https://c.example/feed")
	if c.Title != "https://c.example/feed" {
		t.Errorf("untitled feed displays %q", c.Title)
	}

	// Removing b removes its articles, their state, search entries and cached analyses.
	h := ContentHash(item(1).Text)
	must(t, s.PutAnalysis(ctx, ids[0], h, "v1", []byte(`{}`), []string{"talks"}))
	if _, err := s.SyncFeeds(ctx, []FeedSpec{{URL: "https://c.example/feed"}}); err != nil {
		t.Fatal(err)
	}
	if _, ok, _ := s.Analysis(ctx, h, "v1"); ok {
		t.Errorf("analysis of a removed article's text still cached")
	}
	if _, err := s.Article(ctx, ids[0]); !errors.Is(err, ErrNotFound) {
		t.Errorf("article of removed feed: %v", err)
	}
	var fts int
	must(t, s.r.QueryRow(`SELECT count(*) FROM articles_fts WHERE articles_fts MATCH 'article'`).Scan(&fts))
	if fts != 0 {
		t.Errorf("%d search entries left for deleted articles", fts)
	}
}

func TestSyncFeedsKeepsMovedFeed(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	old := "http://old.example/rss"
	id := addFeed(t, s, old, "Old", "")
	save(t, s, id, item(1))
	must(t, s.RecordFetch(ctx, FetchResult{FeedID: id, NewURL: "https://new.example/rss"}))

	// The config still lists the old URL: same feed, now at the new URL.
	feeds, err := s.SyncFeeds(ctx, []FeedSpec{{URL: old, Title: "Old"}})
	if err != nil || len(feeds) != 1 || feeds[0].ID != id || feeds[0].URL != "https://new.example/rss" || feeds[0].Total != 1 {
		t.Fatalf("after move, config unchanged: %+v %v", feeds, err)
	}
	// The user updates the config to the new URL: still the same feed.
	feeds, err = s.SyncFeeds(ctx, []FeedSpec{{URL: "https://new.example/rss", Title: "New"}})
	if err != nil || len(feeds) != 1 || feeds[0].ID != id || feeds[0].Title != "New" || feeds[0].Total != 1 {
		t.Fatalf("after config update: %+v %v", feeds, err)
	}
	// Both URLs listed: one feed, not two.
	feeds, err = s.SyncFeeds(ctx, []FeedSpec{{URL: "https://new.example/rss"}, {URL: old}})
	if err != nil {
		t.Fatal(err)
	}
	if len(feeds) != 1 && len(feeds) != 2 {
		t.Fatalf("feeds %+v", feeds)
	}
	if f, ok := feedByURL(t, feeds, "https://new.example/rss"); !ok || f.ID != id {
		t.Fatalf("moved feed lost: %+v", feeds)
	}
}

func TestRecordFetch(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	id := addFeed(t, s, "https://a.example/feed", "", "")
	t1 := time.Date(2026, 4, 1, 10, 0, 0, 0, time.UTC)

	// Success (200).
	must(t, s.RecordFetch(ctx, FetchResult{FeedID: id, Title: "Feed's own title", SiteURL: "https://a.example/",
		ETag: `"v1"`, LastModified: "Wed, 01 Apr 2026 09:00:00 GMT", At: t1, NextFetch: t1.Add(time.Hour)}))
	f, _ := s.Feed(ctx, id)
	if f.Title != "Feed's own title" || f.SiteURL != "https://a.example/" || f.ETag != `"v1"` ||
		f.LastModified == "" || !f.LastFetch.Equal(t1) || !f.LastSuccess.Equal(t1) || !f.NextFetch.Equal(t1.Add(time.Hour)) ||
		f.Failures != 0 || f.LastError != "" {
		t.Fatalf("after success: %+v", f)
	}

	// Two failures.
	for i := 1; i <= 2; i++ {
		at := t1.Add(time.Duration(i) * time.Hour)
		must(t, s.RecordFetch(ctx, FetchResult{FeedID: id, Err: errors.New("HTTP 503 Service Unavailable"), At: at, NextFetch: at.Add(2 * time.Hour)}))
	}
	f, _ = s.Feed(ctx, id)
	if f.Failures != 2 || f.LastError != "HTTP 503 Service Unavailable" || !f.LastSuccess.Equal(t1) ||
		!f.LastFetch.Equal(t1.Add(2*time.Hour)) || f.ETag != `"v1"` || f.Title != "Feed's own title" {
		t.Fatalf("after failures: %+v", f)
	}

	// 304: success, validators kept.
	t2 := t1.Add(5 * time.Hour)
	must(t, s.RecordFetch(ctx, FetchResult{FeedID: id, NotModified: true, At: t2}))
	f, _ = s.Feed(ctx, id)
	if f.Failures != 0 || f.LastError != "" || !f.LastSuccess.Equal(t2) || f.ETag != `"v1"` || f.LastModified == "" {
		t.Fatalf("after 304: %+v", f)
	}
	// 200 without validators clears them.
	must(t, s.RecordFetch(ctx, FetchResult{FeedID: id, At: t2}))
	f, _ = s.Feed(ctx, id)
	if f.ETag != "" || f.LastModified != "" {
		t.Fatalf("validators kept after a 200 without them: %+v", f)
	}

	// Long error text is bounded.
	must(t, s.RecordFetch(ctx, FetchResult{FeedID: id, Err: errors.New(strings.Repeat("é", 5000))}))
	f, _ = s.Feed(ctx, id)
	if len(f.LastError) > maxErrorLen+10 || f.LastModified != "" {
		t.Fatalf("error text %d bytes", len(f.LastError))
	}

	// 410 Gone.
	must(t, s.RecordFetch(ctx, FetchResult{FeedID: id, Err: errors.New("HTTP 410 Gone"), Gone: true}))
	f, _ = s.Feed(ctx, id)
	if !f.Gone || f.Failures != 2 {
		t.Fatalf("after 410: %+v", f)
	}

	// Unknown feed.
	if err := s.RecordFetch(ctx, FetchResult{FeedID: 999}); !errors.Is(err, ErrNotFound) {
		t.Fatalf("unknown feed: %v", err)
	}
}

func TestRecordFetchNewURL(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	a := addFeed(t, s, "https://a.example/feed", "", "")
	b := addFeed(t, s, "https://b.example/feed", "", "")
	must(t, s.RecordFetch(ctx, FetchResult{FeedID: a, NewURL: "https://a2.example/feed"}))
	if f, _ := s.Feed(ctx, a); f.URL != "https://a2.example/feed" {
		t.Fatalf("url not moved: %+v", f)
	}
	// Moving onto another feed's URL is not applied; the rest is.
	must(t, s.RecordFetch(ctx, FetchResult{FeedID: b, NewURL: "https://a2.example/feed", ETag: "x"}))
	if f, _ := s.Feed(ctx, b); f.URL != "https://b.example/feed" || f.ETag != "x" {
		t.Fatalf("b: %+v", f)
	}
}

// checkCounters compares the trigger-kept feed counters with a recount.
func checkCounters(t testing.TB, s *Store) {
	t.Helper()
	rows, err := s.r.Query(`SELECT f.id, f.n_unread, f.n_total,
		(SELECT count(*) FROM articles WHERE feed_id = f.id AND archived = 0 AND read = 0),
		(SELECT count(*) FROM articles WHERE feed_id = f.id AND archived = 0) FROM feeds f`)
	must(t, err)
	defer rows.Close()
	for rows.Next() {
		var id int64
		var u, tot, ru, rtot int
		must(t, rows.Scan(&id, &u, &tot, &ru, &rtot))
		if u != ru || tot != rtot {
			t.Errorf("feed %d counters unread %d total %d, recount %d %d", id, u, tot, ru, rtot)
		}
	}
}

func TestFeedCountersStayExact(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	rng := rand.New(rand.NewPCG(3, 4))
	var feeds []int64
	for i := 0; i < 3; i++ {
		feeds = append(feeds, addFeed(t, s, fmt.Sprintf("https://f%d.example/feed", i), "", ""))
	}
	var ids []int64
	for step := 0; step < 150; step++ {
		switch op := rng.IntN(5); {
		case op == 0 || len(ids) == 0:
			r := save(t, s, feeds[rng.IntN(len(feeds))], item(rng.IntN(200)), item(rng.IntN(200)))
			ids = append(ids, r.NewIDs...)
		case op == 1:
			must(t, s.SetRead(ctx, []int64{ids[rng.IntN(len(ids))], ids[rng.IntN(len(ids))]}, rng.IntN(2) == 0))
		case op == 2:
			must(t, s.SetArchived(ctx, ids[rng.IntN(len(ids))], rng.IntN(2) == 0))
		case op == 3:
			must(t, s.SetStarred(ctx, ids[rng.IntN(len(ids))], rng.IntN(2) == 0))
		case op == 4:
			n, _ := s.Count(ctx, Query{UnreadOnly: true})
			rows, _ := s.List(ctx, Query{UnreadOnly: true})
			if n != len(rows) {
				t.Fatalf("step %d: Count(unread) %d, List %d", step, n, len(rows))
			}
		}
	}
	checkCounters(t, s)
	// Removing a feed cascades through the counters' triggers.
	specs := []FeedSpec{{URL: "https://f0.example/feed"}, {URL: "https://f2.example/feed"}}
	_, err := s.SyncFeeds(ctx, specs)
	must(t, err)
	checkCounters(t, s)
	for _, q := range []Query{{}, {UnreadOnly: true}, {FeedID: feeds[0]}, {FeedID: feeds[2], UnreadOnly: true}, {Folder: "x"}} {
		n, _ := s.Count(ctx, q)
		q2 := q
		q2.Since = time.Unix(1, 0) // forces the index scan instead of the counters
		m, _ := s.Count(ctx, q2)
		if n != m {
			t.Errorf("Count(%+v) = %d from counters, %d by scan", q, n, m)
		}
	}
}
