package store

import (
	"context"
	"path/filepath"
	"testing"
	"time"
)

func TestStoriesGroupListAndCount(t *testing.T) {
	ctx := context.Background()
	s, err := Open(filepath.Join(t.TempDir(), "s.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	feeds, err := s.SyncFeeds(ctx, []FeedSpec{{URL: "https://a.example/rss"}, {URL: "https://b.example/rss"}})
	if err != nil {
		t.Fatal(err)
	}
	t0 := time.Date(2026, 11, 20, 8, 0, 0, 0, time.UTC)
	var ids []int64
	for i, f := range []int64{feeds[0].ID, feeds[1].ID, feeds[1].ID, feeds[0].ID} {
		res, err := s.SaveItems(ctx, f, []Item{{GUID: string(rune('a' + i)), Title: "t", Text: "body " + string(rune('a'+i)), Published: t0.Add(time.Duration(i) * time.Hour)}})
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, res.NewIDs...)
	}
	// Articles 0, 1 and 2 are one story; 3 stands alone unclustered.
	var as []StoryAssignment
	for i, id := range ids[:3] {
		as = append(as, StoryAssignment{ArticleID: id, StoryID: -1, Title: "quake", Published: t0.Add(time.Duration(i) * time.Hour), Sig: []byte{1, 2, 3}})
	}
	created, err := s.AssignStories(ctx, as)
	if err != nil {
		t.Fatal(err)
	}
	story := created[-1]
	if story <= 0 || len(created) != 1 {
		t.Fatalf("one new story expected: %v", created)
	}
	// A second batch joins the existing story by its real id.
	if _, err := s.AssignStories(ctx, []StoryAssignment{{ArticleID: ids[2], StoryID: story, Published: t0.Add(2 * time.Hour), Sig: []byte{1, 2, 3}}}); err != nil {
		t.Fatal(err)
	}
	rows, err := s.List(ctx, Query{Stories: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 2 || rows[0].ID != ids[3] || rows[0].Sources != 1 || rows[1].ID != ids[2] || rows[1].Sources != 3 {
		t.Fatalf("stories list: %+v", rows)
	}
	if n, err := s.Count(ctx, Query{Stories: true}); err != nil || n != 2 {
		t.Fatalf("stories count %d %v", n, err)
	}
	// The newest *matching* article stands for the story.
	if err := s.SetRead(ctx, []int64{ids[2]}, true); err != nil {
		t.Fatal(err)
	}
	rows, err = s.List(ctx, Query{Stories: true, UnreadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 2 || rows[1].ID != ids[1] || rows[1].Sources != 2 {
		t.Fatalf("unread stories: %+v", rows)
	}
	got, err := s.StoryArticles(ctx, story)
	if err != nil || len(got) != 3 || got[0] != ids[2] {
		t.Fatalf("story articles %v %v", got, err)
	}
	sigs, err := s.StorySigs(ctx, t0.Add(-time.Hour), 0)
	if err != nil || len(sigs) != 3 || sigs[0].StoryID != story || string(sigs[0].Sig) != "\x01\x02\x03" {
		t.Fatalf("sigs %+v %v", sigs, err)
	}
	if sigs, _ := s.StorySigs(ctx, t0.Add(-time.Hour), ids[1]); len(sigs) != 1 {
		t.Fatalf("sigs after id: %+v", sigs)
	}
}
