package storetest

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/sitrep-news/sitrep/store"
)

func TestSeed(t *testing.T) {
	ctx := context.Background()
	s, err := store.Open(filepath.Join(t.TempDir(), "seed.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := s.SyncFeeds(ctx, []store.FeedSpec{{URL: "https://mine.example/feed", Title: "Mine"}}); err != nil {
		t.Fatal(err)
	}
	if err := Seed(ctx, s, 3, 200); err != nil {
		t.Fatal(err)
	}
	feeds, err := s.Feeds(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(feeds) != 4 {
		t.Fatalf("feeds: %+v (existing feeds must be kept)", feeds)
	}
	all, _ := s.Count(ctx, store.Query{IncludeArchived: true})
	unread, _ := s.Count(ctx, store.Query{UnreadOnly: true, IncludeArchived: true})
	starred, _ := s.Count(ctx, store.Query{StarredOnly: true})
	archived := all - mustCount(t, s, store.Query{})
	badged := mustCount(t, s, store.Query{Fact: "ceasefire", IncludeArchived: true})
	if all != 600 || unread != 240 || starred != 3 || archived != 6 || badged == 0 {
		t.Errorf("all %d unread %d starred %d archived %d badged %d", all, unread, starred, archived, badged)
	}
	rows, err := s.List(ctx, store.Query{Limit: 10})
	if err != nil || len(rows) != 10 || rows[0].Title == "" {
		t.Fatalf("list: %v %+v", err, rows)
	}
	if n := mustCount(t, s, store.Query{Search: "durand"}); n == 0 {
		t.Errorf("seeded text not searchable")
	}
}

func mustCount(t *testing.T, s *store.Store, q store.Query) int {
	t.Helper()
	n, err := s.Count(ctx(), q)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func ctx() context.Context { return context.Background() }
