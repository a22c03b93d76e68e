package store_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/sitrep-news/sitrep/store"
	"github.com/sitrep-news/sitrep/store/storetest"
)

// Benchmarks run against one database seeded once per process with
// $SITREP_BENCH_ARTICLES articles (default 100,000: 20 feeds of 5,000).
//
//	go test ./store -run '^$' -bench . -benchtime 200ms
var (
	benchOnce  sync.Once
	benchStore *store.Store
	benchErr   error
	benchN     int
)

func benchDB(b *testing.B) *store.Store {
	b.Helper()
	benchOnce.Do(func() {
		benchN = 100_000
		if n, err := strconv.Atoi(os.Getenv("SITREP_BENCH_ARTICLES")); err == nil && n >= 20 {
			benchN = n
		}
		// $SITREP_BENCH_DB keeps the seeded database between runs: seeded
		// when missing, reused as it is when present.
		path := os.Getenv("SITREP_BENCH_DB")
		if path == "" {
			dir, err := os.MkdirTemp("", "sitrep-bench-")
			if err != nil {
				benchErr = err
				return
			}
			path = filepath.Join(dir, "bench.db")
			store.AfterTests = append(store.AfterTests, func() { os.RemoveAll(dir) })
		}
		_, statErr := os.Stat(path)
		benchStore, benchErr = store.Open(path)
		if benchErr != nil {
			return
		}
		// Runs before the directory removal above: the benchmarks share the store.
		store.AfterTests = append([]func(){func() { benchStore.Close() }}, store.AfterTests...)
		ctx := context.Background()
		if statErr == nil {
			benchN, benchErr = benchStore.Count(ctx, store.Query{IncludeArchived: true, Since: time.Unix(1, 0)})
			fmt.Fprintf(os.Stderr, "reusing %s: %d articles\n", path, benchN)
			return
		}
		start := time.Now()
		benchErr = storetest.Seed(ctx, benchStore, 20, benchN/20)
		fmt.Fprintf(os.Stderr, "seeded %d articles in %v\n", benchN, time.Since(start).Round(time.Millisecond))
	})
	if benchErr != nil {
		b.Fatal(benchErr)
	}
	return benchStore
}

func BenchmarkSaveItemsPerArticle(b *testing.B) {
	s := benchDB(b)
	ctx := context.Background()
	feeds, err := s.SyncFeeds(ctx, append(specs(b, s), store.FeedSpec{URL: "https://bench-save.example/feed"}))
	if err != nil {
		b.Fatal(err)
	}
	var feed int64
	for _, f := range feeds {
		if f.URL == "https://bench-save.example/feed" {
			feed = f.ID
		}
	}
	const batch = 50 // a typical feed refresh
	run := time.Now().UnixNano()
	b.ResetTimer()
	for i := 0; i < b.N; i += batch {
		var items []store.Item
		for j := i; j < min(i+batch, b.N); j++ {
			items = append(items, store.Item{
				GUID: fmt.Sprintf("bench-%d-%d", run, j), URL: fmt.Sprintf("https://bench-save.example/%d/%d", run, j),
				Title: fmt.Sprintf("Bench article %d", j), Published: time.Now(),
				Text: fmt.Sprintf("Talks in Doha resumed on day %d, officials said, as the ceasefire held in the north. ", j) +
					"Mediators from Qatar and Turkey met both delegations; aid agencies asked for humanitarian access.",
			})
		}
		if _, err := s.SaveItems(ctx, feed, items); err != nil {
			b.Fatal(err)
		}
	}
}

func specs(b *testing.B, s *store.Store) []store.FeedSpec {
	feeds, err := s.Feeds(context.Background())
	if err != nil {
		b.Fatal(err)
	}
	var out []store.FeedSpec
	for _, f := range feeds {
		out = append(out, store.FeedSpec{URL: f.URL, Title: f.Title, Folder: f.Folder})
	}
	return out
}

func BenchmarkList(b *testing.B) {
	s := benchDB(b)
	half, per := benchN/2, benchN/20
	for _, c := range []struct {
		name string
		q    store.Query
	}{
		{"offset0", store.Query{Limit: 50}},
		{fmt.Sprintf("offset%d", half), store.Query{Limit: 50, Offset: half}},
		{"unread/offset0", store.Query{Limit: 50, UnreadOnly: true}},
		{fmt.Sprintf("unread/offset%d", half/3), store.Query{Limit: 50, UnreadOnly: true, Offset: half / 3}},
		{fmt.Sprintf("feed/offset%d", per/2), store.Query{Limit: 50, FeedID: 3, Offset: per / 2}},
		{fmt.Sprintf("folder/offset%d", per*2), store.Query{Limit: 50, Folder: "Asia", Offset: per * 2}},
		{"starred", store.Query{Limit: 50, StarredOnly: true}},
		{"fact/offset0", store.Query{Limit: 50, Fact: "ceasefire"}},
		{"search/offset0", store.Query{Limit: 50, Search: "durand*"}},
		{"search-typing-d/offset0", store.Query{Limit: 50, Search: "d*"}},
		{"search-typing-du/offset0", store.Query{Limit: 50, Search: "du*"}},
		{"search-rare/offset0", store.Query{Limit: 50, Search: fmt.Sprintf(`"Seed article %d of feed 7"`, per-1)}},
	} {
		b.Run(c.name, func(b *testing.B) {
			ctx := context.Background()
			for i := 0; i < b.N; i++ {
				rows, err := s.List(ctx, c.q)
				if err != nil {
					b.Fatal(err)
				}
				if len(rows) == 0 {
					b.Fatalf("no rows for %+v", c.q)
				}
			}
		})
	}
}

func BenchmarkCount(b *testing.B) {
	s := benchDB(b)
	for _, c := range []struct {
		name string
		q    store.Query
	}{
		{"all", store.Query{}},
		{"unread", store.Query{UnreadOnly: true}},
		{"folder", store.Query{Folder: "Asia"}},
		{"fact", store.Query{Fact: "ceasefire"}},
		{"search", store.Query{Search: "durand*"}},
		{"search-phrase", store.Query{Search: `"peace talks" doha`}},
	} {
		b.Run(c.name, func(b *testing.B) {
			ctx := context.Background()
			for i := 0; i < b.N; i++ {
				if _, err := s.Count(ctx, c.q); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkSetRead(b *testing.B) {
	s := benchDB(b)
	ctx := context.Background()
	rows, err := s.List(ctx, store.Query{Limit: 1, Offset: 10})
	if err != nil {
		b.Fatal(err)
	}
	read := rows[0].Read
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		read = !read // a real change every time: one commit, one fsync
		if err := s.SetRead(ctx, []int64{rows[0].ID}, read); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkFeeds(b *testing.B) {
	s := benchDB(b)
	ctx := context.Background()
	for i := 0; i < b.N; i++ {
		if _, err := s.Feeds(ctx); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkArticle(b *testing.B) {
	s := benchDB(b)
	ctx := context.Background()
	rows, _ := s.List(ctx, store.Query{Limit: 100, Offset: benchN / 3})
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := s.Article(ctx, rows[i%len(rows)].ID); err != nil {
			b.Fatal(err)
		}
	}
}

// Mark all read: 10,000 articles in one call, then back.
func BenchmarkSetRead10000(b *testing.B) {
	s := benchDB(b)
	ctx := context.Background()
	rows, err := s.List(ctx, store.Query{Limit: 10000, Offset: 20000, IncludeArchived: true})
	if err != nil {
		b.Fatal(err)
	}
	ids := make([]int64, len(rows))
	for i, r := range rows {
		ids[i] = r.ID
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if err := s.SetRead(ctx, ids, i%2 == 0); err != nil {
			b.Fatal(err)
		}
	}
}
