package store

import (
	"context"
	"errors"
	"testing"
	"time"
)

func TestStateSetters(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	f := addFeed(t, s, "https://x.example/feed", "X", "")
	ids := save(t, s, f, item(1), item(2), item(3)).NewIDs
	fixed := time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)
	old := now
	now = func() time.Time { return fixed }
	defer func() { now = old }()

	must(t, s.SetRead(ctx, ids, true))
	must(t, s.SetStarred(ctx, ids[1], true))
	must(t, s.SetArchived(ctx, ids[2], true))
	for i, id := range ids {
		a, _ := s.Article(ctx, id)
		if !a.Read || !a.ReadAt.Equal(fixed) || a.Starred != (i == 1) || a.Archived != (i == 2) {
			t.Errorf("article %d: %+v", i, a.State)
		}
	}
	a, _ := s.Article(ctx, ids[1])
	if !a.StarredAt.Equal(fixed) {
		t.Errorf("starred_at = %v", a.StarredAt)
	}

	// Setting again keeps the first timestamp; clearing zeroes it.
	now = func() time.Time { return fixed.Add(time.Hour) }
	must(t, s.SetRead(ctx, ids[:1], true))
	if a, _ := s.Article(ctx, ids[0]); !a.ReadAt.Equal(fixed) {
		t.Errorf("re-marking read moved read_at to %v", a.ReadAt)
	}
	must(t, s.SetRead(ctx, ids[:1], false))
	must(t, s.SetStarred(ctx, ids[1], false))
	must(t, s.SetArchived(ctx, ids[2], false))
	a0, _ := s.Article(ctx, ids[0])
	a1, _ := s.Article(ctx, ids[1])
	a2, _ := s.Article(ctx, ids[2])
	if a0.Read || !a0.ReadAt.IsZero() || a1.Starred || !a1.StarredAt.IsZero() || a2.Archived || !a2.ArchivedAt.IsZero() {
		t.Errorf("cleared: %+v %+v %+v", a0.State, a1.State, a2.State)
	}
	must(t, s.SetRead(ctx, nil, true))
}

func TestStateUnknownArticles(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	f := addFeed(t, s, "https://x.example/feed", "X", "")
	ids := save(t, s, f, item(1), item(2)).NewIDs
	if err := s.SetRead(ctx, []int64{998, 999}, true); !errors.Is(err, ErrNotFound) {
		t.Fatalf("no article exists: err = %v", err)
	}
	// A vanished article (feed removed meanwhile) does not block the others.
	must(t, s.SetRead(ctx, []int64{ids[0], 999, ids[0]}, true))
	if a, _ := s.Article(ctx, ids[0]); !a.Read {
		t.Errorf("existing article not marked read")
	}
	if a, _ := s.Article(ctx, ids[1]); a.Read {
		t.Errorf("other article marked read")
	}
	if err := s.SetStarred(ctx, 999, true); !errors.Is(err, ErrNotFound) {
		t.Errorf("SetStarred: %v", err)
	}
	if err := s.SetArchived(ctx, 999, true); !errors.Is(err, ErrNotFound) {
		t.Errorf("SetArchived: %v", err)
	}
}

// Mark all read: thousands of ids in one call and one transaction.
func TestSetReadMany(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	f := addFeed(t, s, "https://x.example/feed", "X", "")
	var items []Item
	for n := 0; n < 620; n++ {
		items = append(items, item(n))
	}
	ids := save(t, s, f, items...).NewIDs
	must(t, s.SetRead(ctx, ids[:600], true))
	if n, _ := s.Count(ctx, Query{UnreadOnly: true}); n != 20 {
		t.Errorf("unread after marking 600 of 620: %d", n)
	}
	if n, _ := s.Count(ctx, Query{UnreadOnly: true, Since: time.Unix(1, 0)}); n != 20 {
		t.Errorf("unread by scan: %d", n)
	}
	must(t, s.SetRead(ctx, ids, false))
	if n, _ := s.Count(ctx, Query{UnreadOnly: true}); n != 620 {
		t.Errorf("unread after marking all unread: %d", n)
	}
}
