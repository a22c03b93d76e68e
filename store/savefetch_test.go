package store

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"
)

// SaveFetch stores the items and the fetch record together: the validators
// appear exactly when the items do.
func TestSaveFetchRecordsValidatorsWithItems(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	f := addFeed(t, s, "https://news.example/feed", "News", "")
	rec := FetchResult{FeedID: f, ETag: `"v1"`, LastModified: "Sun, 01 Mar 2026 00:00:00 GMT", Title: "News desk", At: t0}
	r, err := s.SaveFetch(ctx, f, []Item{item(1), item(2)}, rec)
	if err != nil || r.New != 2 {
		t.Fatalf("SaveFetch = %+v, %v", r, err)
	}
	fd, err := s.Feed(ctx, f)
	if err != nil {
		t.Fatal(err)
	}
	if fd.ETag != `"v1"` || fd.LastModified != rec.LastModified || fd.Total != 2 || !fd.LastSuccess.Equal(t0) {
		t.Errorf("feed after SaveFetch: %+v", fd)
	}

	// A save that fails records nothing: neither items nor validators.
	cctx, cancel := context.WithCancel(ctx)
	cancel()
	rec.ETag = `"v2"`
	if _, err := s.SaveFetch(cctx, f, []Item{item(3)}, rec); err == nil {
		t.Fatal("SaveFetch with a cancelled context succeeded")
	}
	if fd, _ := s.Feed(ctx, f); fd.ETag != `"v1"` || fd.Total != 2 {
		t.Errorf("a failed SaveFetch changed the feed: etag %s, %d articles", fd.ETag, fd.Total)
	}
	if _, err := s.SaveFetch(ctx, f, nil, FetchResult{FeedID: f + 1}); err == nil {
		t.Error("SaveFetch accepted a fetch result for another feed")
	}
	if _, err := s.SaveFetch(ctx, f+100, []Item{item(4)}, FetchResult{FeedID: f + 100}); !errors.Is(err, ErrNotFound) {
		t.Errorf("unknown feed: %v, want ErrNotFound", err)
	}
}

// Bodies are written after the article rows, in chunks: every article of a
// batch larger than one chunk is stored and searchable, and Articles carries
// exactly what Article reads back.
func TestSaveBodiesInChunks(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	f := addFeed(t, s, "https://news.example/feed", "News", "")
	var items []Item
	for i := range 2*bodyChunk + 7 {
		it := item(i)
		it.Text = fmt.Sprintf("Body %d mentions word%d only.", i, i)
		if i == 5 {
			it.Published = time.Time{} // gets the first-seen time
		}
		if i == 6 {
			it.Published = time.Now().Add(30 * 24 * time.Hour) // clamped
		}
		items = append(items, it)
	}
	r := save(t, s, f, items...)
	if r.New != len(items) || len(r.Articles) != len(items) {
		t.Fatalf("saved %+v", r.New)
	}
	for i, sa := range r.Articles {
		a, err := s.Article(ctx, sa.ID)
		if err != nil {
			t.Fatal(err)
		}
		if sa.ID != r.NewIDs[i] || a.Text != sa.Text || a.Title != sa.Title || a.Hash != sa.Hash ||
			!a.Published.Equal(sa.Published) || a.Published.Location() != sa.Published.Location() {
			t.Fatalf("article %d: saved %+v, stored %+v", i, sa, a)
		}
		if a.Raw != items[i].Raw || a.Markdown != items[i].Markdown {
			t.Fatalf("article %d body: %+v", i, a)
		}
	}
	for _, i := range []int{0, bodyChunk - 1, bodyChunk, 2 * bodyChunk, 2*bodyChunk + 6} {
		rows, err := s.List(ctx, Query{Search: fmt.Sprintf("word%d", i), Limit: 5})
		if err != nil || len(rows) != 1 || rows[0].ID != r.NewIDs[i] {
			t.Errorf("search word%d: %d rows, %v", i, len(rows), err)
		}
	}
}

// One refresh may carry two items that resolve to the same article (a new
// one and an update of it by link): the stored body is the last one, and
// the full-text index matches it.
func TestSaveSameArticleTwiceInOneBatch(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	f := addFeed(t, s, "https://news.example/feed", "News", "")
	a, b := item(1), item(1)
	b.GUID = "" // matched by its link
	a.Text, b.Text = "First version about zebras.", "Second version about giraffes."
	a.Markdown, b.Markdown = a.Text, b.Text
	r := save(t, s, f, a, b)
	if r.New != 1 || r.Updated != 1 {
		t.Fatalf("save = %+v", r)
	}
	art, err := s.Article(ctx, r.NewIDs[0])
	if err != nil || !strings.Contains(art.Text, "giraffes") || !strings.Contains(art.Markdown, "giraffes") {
		t.Fatalf("stored %q, %v", art.Text, err)
	}
	for word, want := range map[string]int{"giraffes": 1, "zebras": 0} {
		if rows, err := s.List(ctx, Query{Search: word, Limit: 5}); err != nil || len(rows) != want {
			t.Errorf("search %s: %d rows, want %d (%v)", word, len(rows), want, err)
		}
	}
}

// SaveFetches saves several feeds in one transaction; a feed that fails gets
// its error alone and the others are stored.
func TestSaveFetchesIsolatesFailures(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	a := addFeed(t, s, "https://a.example/feed", "A", "")
	b := addFeed(t, s, "https://b.example/feed", "B", "")
	bItems := []Item{item(10), item(11)}
	saves := []FeedSave{
		{FeedID: a, Items: []Item{item(1), item(2)}, Fetch: FetchResult{FeedID: a, ETag: `"a1"`}},
		{FeedID: 999, Items: []Item{item(3)}, Fetch: FetchResult{FeedID: 999}},          // unknown feed
		{FeedID: b, Items: []Item{item(4)}, Fetch: FetchResult{FeedID: a, ETag: `"x"`}}, // mismatched record
		{FeedID: b, Items: bItems, Fetch: FetchResult{FeedID: b, ETag: `"b1"`}},
	}
	res, errs := s.SaveFetches(ctx, saves)
	if errs[0] != nil || errs[3] != nil || res[0].New != 2 || res[3].New != 2 || len(res[3].Articles) != 2 {
		t.Fatalf("good feeds: %+v %v", res, errs)
	}
	if !errors.Is(errs[1], ErrNotFound) || errs[2] == nil || res[1].New != 0 || res[2].New != 0 {
		t.Fatalf("bad feeds: %v / %v", errs[1], errs[2])
	}
	for id, want := range map[int64]struct {
		etag  string
		total int
	}{a: {`"a1"`, 2}, b: {`"b1"`, 2}} {
		f, err := s.Feed(ctx, id)
		if err != nil || f.ETag != want.etag || f.Total != want.total {
			t.Errorf("feed %d: etag %s, %d articles (%v); want %s, %d", id, f.ETag, f.Total, err, want.etag, want.total)
		}
	}
	if rows, err := s.List(ctx, Query{Search: "Body"}); err != nil || len(rows) != 4 {
		t.Errorf("search after SaveFetches: %d rows, %v", len(rows), err)
	}

	// A cancelled context fails every feed and stores nothing.
	cctx, cancel := context.WithCancel(ctx)
	cancel()
	_, errs = s.SaveFetches(cctx, []FeedSave{{FeedID: a, Items: []Item{item(20)}, Fetch: FetchResult{FeedID: a, ETag: `"a2"`}}})
	if !errors.Is(errs[0], context.Canceled) {
		t.Errorf("cancelled: %v", errs[0])
	}
	if f, _ := s.Feed(ctx, a); f.ETag != `"a1"` || f.Total != 2 {
		t.Errorf("a cancelled SaveFetches changed feed a: %+v", f)
	}
}
