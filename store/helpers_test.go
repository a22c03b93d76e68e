package store

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"testing"
	"time"
)

func openTemp(t testing.TB) *Store {
	t.Helper()
	s, err := Open(filepath.Join(t.TempDir(), "sitrep.db"))
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// addFeed syncs one more feed into s and returns its id.
func addFeed(t testing.TB, s *Store, url, title, folder string) int64 {
	t.Helper()
	ctx := context.Background()
	feeds, err := s.Feeds(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var specs []FeedSpec
	for _, f := range feeds {
		specs = append(specs, FeedSpec{URL: f.URL, Title: f.Title, Folder: f.Folder})
	}
	specs = append(specs, FeedSpec{URL: url, Title: title, Folder: folder})
	feeds, err = s.SyncFeeds(ctx, specs)
	if err != nil {
		t.Fatalf("SyncFeeds: %v", err)
	}
	for _, f := range feeds {
		if f.URL == url {
			return f.ID
		}
	}
	t.Fatalf("feed %s not stored", url)
	return 0
}

func save(t testing.TB, s *Store, feed int64, items ...Item) SaveResult {
	t.Helper()
	r, err := s.SaveItems(context.Background(), feed, items)
	if err != nil {
		t.Fatalf("SaveItems: %v", err)
	}
	return r
}

var t0 = time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)

func item(n int) Item {
	return Item{
		GUID:      fmt.Sprintf("guid-%d", n),
		URL:       fmt.Sprintf("https://news.example/a/%d", n),
		Title:     fmt.Sprintf("Article %d", n),
		Author:    "Desk",
		Published: t0.Add(time.Duration(n) * time.Minute),
		Raw:       fmt.Sprintf("<p>Body %d</p>", n),
		Markdown:  fmt.Sprintf("Body %d", n),
		Text:      fmt.Sprintf("Body %d of the story.", n),
	}
}

func errorsIs(err, target error) bool { return errors.Is(err, target) }
