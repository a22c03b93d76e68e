package store_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/sitrep-news/sitrep/store"
)

// The save path of a cold refresh (bench/refresh): feeds of 30 new items
// with ~3 KB of text each going into an initially empty store, each followed
// by its fetch record, as the engine does. Run:
//
//	go test ./store -run '^$' -bench ColdSave -benchtime 300x -count 5

var benchWords = strings.Fields(`ceasefire talks delegation minister capital border province agreement
	mediator officials said on Monday the of and in to a was humanitarian convoy reached city after weeks
	negotiations resumed parliament vote election commission report casualties shelling overnight
	residents aid agencies warned that prices rose sharply market`)

func coldItems(r *rand.Rand, feed, n int) []store.Item {
	items := make([]store.Item, n)
	for i := range items {
		var b strings.Builder
		for b.Len() < 3000 {
			b.WriteString(benchWords[r.IntN(len(benchWords))])
			b.WriteByte(' ')
		}
		text := b.String()
		items[i] = store.Item{
			GUID: fmt.Sprintf("desk%d-%d", feed, i), URL: fmt.Sprintf("https://desk%d.example/story/%d", feed, i),
			Title: fmt.Sprintf("Desk %d story %d", feed, i), Published: time.Now().Add(-time.Duration(i) * time.Hour),
			Raw: "<p>" + text + "</p>", Markdown: text, Text: text,
		}
	}
	return items
}

// coldStore opens an empty store with b.N feeds, closed when b ends.
func coldStore(b *testing.B) (*store.Store, []store.Feed) {
	s, err := store.Open(filepath.Join(b.TempDir(), "cold.db"))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	var specs []store.FeedSpec
	for i := range b.N {
		specs = append(specs, store.FeedSpec{URL: fmt.Sprintf("https://desk%d.example/feed", i)})
	}
	feeds, err := s.SyncFeeds(context.Background(), specs)
	if err != nil {
		b.Fatal(err)
	}
	return s, feeds
}

func BenchmarkColdSave(b *testing.B) {
	ctx := context.Background()
	s, feeds := coldStore(b)
	const perFeed = 30
	r := rand.New(rand.NewPCG(1, 2))
	batches := make([][]store.Item, b.N)
	for i := range batches {
		batches[i] = coldItems(r, i, perFeed)
	}
	b.ResetTimer()
	for i, f := range feeds {
		res, err := s.SaveItems(ctx, f.ID, batches[i])
		if err != nil || res.New != perFeed {
			b.Fatal(err, res.New)
		}
		if err := s.RecordFetch(ctx, store.FetchResult{FeedID: f.ID, At: time.Now(), ETag: `"v1"`, Title: "Desk"}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N*perFeed), "µs/article")
}

// BenchmarkColdSaveFetch is BenchmarkColdSave with the items and the fetch
// record in one transaction (SaveFetch), as the engine saves them.
func BenchmarkColdSaveFetch(b *testing.B) {
	ctx := context.Background()
	s, feeds := coldStore(b)
	const perFeed = 30
	r := rand.New(rand.NewPCG(1, 2))
	batches := make([][]store.Item, b.N)
	for i := range batches {
		batches[i] = coldItems(r, i, perFeed)
	}
	b.ResetTimer()
	for i, f := range feeds {
		res, err := s.SaveFetch(ctx, f.ID, batches[i], store.FetchResult{FeedID: f.ID, At: time.Now(), ETag: `"v1"`, Title: "Desk"})
		if err != nil || res.New != perFeed {
			b.Fatal(err, res.New)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N*perFeed), "µs/article")
}

// BenchmarkColdSaveGroup is BenchmarkColdSaveFetch with feeds saved 8 at a
// time (SaveFetches), as the engine's group commit does under load.
func BenchmarkColdSaveGroup(b *testing.B) {
	ctx := context.Background()
	s, feeds := coldStore(b)
	const perFeed, group = 30, 8
	r := rand.New(rand.NewPCG(1, 2))
	saves := make([]store.FeedSave, b.N)
	for i, f := range feeds {
		saves[i] = store.FeedSave{FeedID: f.ID, Items: coldItems(r, i, perFeed), Fetch: store.FetchResult{FeedID: f.ID, At: time.Now(), ETag: `"v1"`}}
	}
	b.ResetTimer()
	for len(saves) > 0 {
		n := min(group, len(saves))
		res, errs := s.SaveFetches(ctx, saves[:n])
		for i := range n {
			if errs[i] != nil || res[i].New != perFeed {
				b.Fatal(errs[i], res[i].New)
			}
		}
		saves = saves[n:]
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N*perFeed), "µs/article")
}
