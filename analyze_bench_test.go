package main

import (
	"context"
	"fmt"
	"runtime"
	"testing"
	"time"

	"github.com/sitrep-news/sitrep/bench/refresh/gen"
	"github.com/sitrep-news/sitrep/feed"
	"github.com/sitrep-news/sitrep/feed/clean"
	"github.com/sitrep-news/sitrep/store"
)

// The analysis of one batch (analyzeBatchSize articles of bench/refresh's
// generated feeds) on one worker and on GOMAXPROCS: summarize.Analyze, JSON
// and story signatures, no store. Run:
//
//	go test -run '^$' -bench AnalyseBatch -count 6 .
func BenchmarkAnalyseBatch(b *testing.B) {
	c, err := clean.New(nil)
	if err != nil {
		b.Fatal(err)
	}
	var arts []store.SavedArticle
	for f := 0; len(arts) < analyzeBatchSize; f++ {
		p, err := feed.Parse(gen.Feed(f, 30), "application/rss+xml", fmt.Sprintf("http://127.0.0.1/feed/%d.xml", f))
		if err != nil {
			b.Fatal(err)
		}
		for _, it := range feed.Items(p, c) {
			arts = append(arts, store.SavedArticle{ID: int64(len(arts) + 1), Hash: store.ContentHash(it.Text),
				Title: it.Title, Text: it.Text, Published: time.Now()})
		}
	}
	arts = arts[:analyzeBatchSize]
	none := func(context.Context, []string) (map[string][]byte, error) { return map[string][]byte{}, nil }
	for _, w := range []int{1, runtime.GOMAXPROCS(0)} {
		b.Run(fmt.Sprintf("workers=%d", w), func(b *testing.B) {
			for b.Loop() {
				if _, _, err := analyseBatch(context.Background(), arts, w, none); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N*len(arts)), "µs/article")
		})
	}
}
