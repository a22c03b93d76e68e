package store

import (
	"context"
	"testing"
)

func TestSmoke(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	f := addFeed(t, s, "https://news.example/feed", "News", "World")
	r := save(t, s, f, item(1), item(2), item(3))
	if r.New != 3 || len(r.NewIDs) != 3 {
		t.Fatalf("res %+v", r)
	}
	rows, err := s.List(ctx, Query{Limit: 2})
	if err != nil || len(rows) != 2 || rows[0].Title != "Article 3" {
		t.Fatalf("list %v %+v", err, rows)
	}
	if err := s.SetRead(ctx, r.NewIDs[:1], true); err != nil {
		t.Fatal(err)
	}
	if err := s.SetStarred(ctx, r.NewIDs[1], true); err != nil {
		t.Fatal(err)
	}
	if err := s.PutAnalysis(ctx, r.NewIDs[2], "h", "v1", []byte(`{}`), []string{"ceasefire:holding"}); err != nil {
		t.Fatal(err)
	}
	rows, err = s.List(ctx, Query{Search: "body", Fact: "ceasefire"})
	if err != nil || len(rows) != 1 || len(rows[0].Badges) != 1 {
		t.Fatalf("list %v %+v", err, rows)
	}
	fs, err := s.Feeds(ctx)
	if err != nil || fs[0].Unread != 2 || fs[0].Total != 3 {
		t.Fatalf("feeds %v %+v", err, fs)
	}
	a, err := s.Article(ctx, r.NewIDs[1])
	if err != nil || !a.Starred || a.Text == "" {
		t.Fatalf("article %v %+v", err, a)
	}
}
