package store

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"
)

func TestCanonicalURL(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"https://News.Example.COM/a/1", "https://news.example.com/a/1"},
		{"HTTP://news.example.com/a/1/", "https://news.example.com/a/1"},
		{"https://news.example.com/a/1#comments", "https://news.example.com/a/1"},
		{"https://news.example.com/a/1?utm_source=rss&utm_medium=feed", "https://news.example.com/a/1"},
		{"https://news.example.com/a/1?id=7&UTM_Campaign=x&fbclid=abc", "https://news.example.com/a/1?id=7"},
		{"https://news.example.com/a?b=2&a=1", "https://news.example.com/a?a=1&b=2"},
		{"https://news.example.com:443/a", "https://news.example.com/a"},
		{"https://news.example.com:8443/a", "https://news.example.com:8443/a"},
		{"https://news.example.com/A/Path", "https://news.example.com/A/Path"}, // paths are case-sensitive
		{"  https://news.example.com/a  ", "https://news.example.com/a"},
		{"https://news.example.com", "https://news.example.com"},
		{"/relative/path", ""},
		{"javascript:alert(1)", ""},
		{"ftp://news.example.com/a", ""},
		{"", ""},
		{"%zz", ""},
		{"https://[2001:DB8::1]:8443/a/", "https://[2001:db8::1]:8443/a"},
		{"https://[::1]/a", "https://[::1]/a"},
	} {
		if got := CanonicalURL(c.in); got != c.want {
			t.Errorf("CanonicalURL(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestSaveNewAndSame(t *testing.T) {
	s := openTemp(t)
	f := addFeed(t, s, "https://news.example/feed", "News", "")
	r := save(t, s, f, item(1), item(2))
	if r.New != 2 || r.Updated != 0 || r.Same != 0 || len(r.NewIDs) != 2 {
		t.Fatalf("first save = %+v", r)
	}
	r = save(t, s, f, item(1), item(2), item(3))
	if r.New != 1 || r.Same != 2 || r.Updated != 0 || len(r.NewIDs) != 1 {
		t.Fatalf("second save = %+v", r)
	}
	a, err := s.Article(context.Background(), r.NewIDs[0])
	if err != nil {
		t.Fatal(err)
	}
	want := item(3)
	if a.GUID != want.GUID || a.URL != want.URL || a.Title != want.Title || a.Author != want.Author ||
		a.Raw != want.Raw || a.Markdown != want.Markdown || a.Text != want.Text || !a.Published.Equal(want.Published) {
		t.Errorf("stored article %+v differs from item %+v", a, want)
	}
	if a.Hash != ContentHash(want.Text) || a.FeedID != f || a.FeedTitle != "News" {
		t.Errorf("hash/feed: %+v", a)
	}
	if n, _ := s.Count(context.Background(), Query{}); n != 3 {
		t.Errorf("count = %d, want 3", n)
	}
}

func TestSaveDedupPaths(t *testing.T) {
	ctx := context.Background()
	long := strings.Repeat("The ceasefire held overnight across the border region. ", 20)
	cases := []struct {
		name      string
		first     Item
		second    Item
		wantMerge bool
	}{
		{"same guid, everything else new",
			Item{GUID: "g1", URL: "https://x.example/a", Title: "A", Text: "one"},
			Item{GUID: "g1", URL: "https://x.example/b", Title: "B", Text: "two"}, true},
		{"new guid, same canonical url (utm, fragment, case, slash, http)",
			Item{GUID: "g1", URL: "https://X.example/story/1", Title: "A", Text: "one"},
			Item{GUID: "g2", URL: "http://x.example/story/1/?utm_source=rss#top", Title: "A2", Text: "two"}, true},
		{"no guid, same url",
			Item{URL: "https://x.example/story/1", Title: "A", Text: "one"},
			Item{URL: "https://x.example/story/1", Title: "A", Text: "one, corrected"}, true},
		{"no guid, new url, same text and title",
			Item{URL: "https://x.example/s?session=1", Title: "A", Text: "same text"},
			Item{URL: "https://x.example/s?session=2", Title: "A", Text: "same text"}, true},
		{"new guid and url, same long text, new title",
			Item{GUID: "g1", URL: "https://x.example/1", Title: "A", Text: long},
			Item{GUID: "g2", URL: "https://x.example/2", Title: "A (updated)", Text: long}, true},
		{"new guid and url, same short text, new title: distinct articles",
			Item{GUID: "g1", URL: "https://x.example/1", Title: "A", Text: "Read more…"},
			Item{GUID: "g2", URL: "https://x.example/2", Title: "B", Text: "Read more…"}, false},
		{"empty text never identifies",
			Item{GUID: "g1", URL: "https://x.example/1", Title: "A"},
			Item{GUID: "g2", URL: "https://x.example/2", Title: "A"}, false},
		{"different guid and url and text",
			Item{GUID: "g1", URL: "https://x.example/1", Title: "A", Text: "one"},
			Item{GUID: "g2", URL: "https://x.example/2", Title: "A", Text: "two"}, false},
		{"front-page link is no identity",
			Item{GUID: "g1", URL: "https://x.example/", Title: "A", Text: "one"},
			Item{GUID: "g2", URL: "https://x.example", Title: "B", Text: "two"}, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := openTemp(t)
			f := addFeed(t, s, "https://x.example/feed", "X", "")
			r1 := save(t, s, f, c.first)
			if err := s.SetStarred(ctx, r1.NewIDs[0], true); err != nil {
				t.Fatal(err)
			}
			r2 := save(t, s, f, c.second)
			n, _ := s.Count(ctx, Query{})
			if c.wantMerge {
				if r2.New != 0 || r2.Updated != 1 || n != 1 {
					t.Fatalf("want an update in place, got %+v, %d articles", r2, n)
				}
				a, err := s.Article(ctx, r1.NewIDs[0])
				if err != nil {
					t.Fatal(err)
				}
				if a.Title != c.second.Title || a.Text != c.second.Text || a.URL != c.second.URL {
					t.Errorf("not updated: %+v", a)
				}
				if !a.Starred {
					t.Errorf("update lost the starred state")
				}
			} else if r2.New != 1 || n != 2 {
				t.Fatalf("want a new article, got %+v, %d articles", r2, n)
			}
		})
	}
}

func TestSaveDedupIsPerFeed(t *testing.T) {
	s := openTemp(t)
	a := addFeed(t, s, "https://a.example/feed", "A", "")
	b := addFeed(t, s, "https://b.example/feed", "B", "")
	it := item(1)
	save(t, s, a, it)
	if r := save(t, s, b, it); r.New != 1 {
		t.Fatalf("the same item in another feed: %+v, want new", r)
	}
}

func TestSaveSharedURLInBatchKeepsItemsApart(t *testing.T) {
	// A live blog whose entries all link to the same page.
	s := openTemp(t)
	f := addFeed(t, s, "https://x.example/feed", "X", "")
	var items []Item
	for i, txt := range []string{"09:00 shelling reported", "09:30 talks resume", "10:00 statement issued"} {
		items = append(items, Item{GUID: "live-" + string(rune('a'+i)), URL: "https://x.example/live/ukraine", Title: "Live", Text: txt})
	}
	if r := save(t, s, f, items...); r.New != 3 {
		t.Fatalf("first batch %+v, want 3 new", r)
	}
	if r := save(t, s, f, items...); r.Same != 3 {
		t.Fatalf("second batch %+v, want 3 same", r)
	}
	// A later refresh carrying only the newest entry: still a new article.
	latest := Item{GUID: "live-d", URL: "https://x.example/live/ukraine", Title: "Live", Text: "11:00 convoy arrives"}
	if r := save(t, s, f, latest); r.New != 1 {
		t.Fatalf("lone new entry %+v, want new", r)
	}
	// While a feed that changes GUIDs on one link per article still updates in place.
	moving := Item{GUID: "v1", URL: "https://x.example/story/9", Title: "S", Text: "first"}
	id := save(t, s, f, moving).NewIDs[0]
	moving.GUID, moving.Text = "v2", "second"
	if r := save(t, s, f, moving); r.Updated != 1 {
		t.Fatalf("changed guid, same link: %+v", r)
	}
	moving.GUID, moving.Text = "v3", "third"
	if r := save(t, s, f, moving); r.Updated != 1 {
		t.Fatalf("changed guid again: %+v", r)
	}
	if a, _ := s.Article(context.Background(), id); a.Text != "third" {
		t.Fatalf("text %q", a.Text)
	}
}

func TestSaveDuplicateGUIDInOneBatch(t *testing.T) {
	s := openTemp(t)
	f := addFeed(t, s, "https://x.example/feed", "X", "")
	a, b := item(1), item(1)
	b.Text = "second version"
	r := save(t, s, f, a, b, a)
	if r.New != 1 || r.Updated != 2 || len(r.NewIDs) != 1 {
		t.Fatalf("%+v", r)
	}
	art, _ := s.Article(context.Background(), r.NewIDs[0])
	if art.Text != a.Text {
		t.Errorf("last item of the batch should win, text %q", art.Text)
	}
}

func TestSaveUpdateKeepsStateAndClearsStaleBadges(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	f := addFeed(t, s, "https://x.example/feed", "X", "")
	id := save(t, s, f, item(1)).NewIDs[0]
	if err := s.SetRead(ctx, []int64{id}, true); err != nil {
		t.Fatal(err)
	}
	if err := s.SetStarred(ctx, id, true); err != nil {
		t.Fatal(err)
	}
	if err := s.SetArchived(ctx, id, true); err != nil {
		t.Fatal(err)
	}
	before, _ := s.Article(ctx, id)
	if err := s.PutAnalysis(ctx, id, before.Hash, "v1", []byte(`{}`), []string{"talks:collapsed"}); err != nil {
		t.Fatal(err)
	}

	// Title-only change: badges stay (same text, same analysis).
	up := item(1)
	up.Title = "Article 1, updated"
	if r := save(t, s, f, up); r.Updated != 1 {
		t.Fatalf("%+v", r)
	}
	rows, _ := s.List(ctx, Query{IncludeArchived: true})
	if len(rows) != 1 || len(rows[0].Badges) != 1 {
		t.Fatalf("title change dropped badges: %+v", rows)
	}
	// Text change: state kept, badges of the old text dropped, published kept when the feed gives none.
	up.Text = "New text entirely."
	up.Published = time.Time{}
	if r := save(t, s, f, up); r.Updated != 1 {
		t.Fatalf("%+v", r)
	}
	after, _ := s.Article(ctx, id)
	if !after.Read || !after.Starred || !after.Archived {
		t.Errorf("state lost on update: %+v", after.State)
	}
	if !after.ReadAt.Equal(before.ReadAt) || !after.StarredAt.Equal(before.StarredAt) {
		t.Errorf("state timestamps changed: %v/%v -> %v/%v", before.ReadAt, before.StarredAt, after.ReadAt, after.StarredAt)
	}
	if !after.Published.Equal(before.Published) {
		t.Errorf("published changed to %v", after.Published)
	}
	if after.Hash == before.Hash || after.Text != up.Text {
		t.Errorf("content not updated: %+v", after)
	}
	rows, _ = s.List(ctx, Query{IncludeArchived: true})
	if len(rows[0].Badges) != 0 {
		t.Errorf("stale badges kept: %v", rows[0].Badges)
	}
	ids, _ := s.Unanalyzed(ctx, "v1", 0)
	if len(ids) != 1 || ids[0] != id {
		t.Errorf("updated article should need analysis again, Unanalyzed = %v", ids)
	}
}

func TestSavePublishedDefaults(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	f := addFeed(t, s, "https://x.example/feed", "X", "")
	fixed := time.Date(2026, 5, 1, 8, 0, 0, 0, time.UTC)
	old := now
	now = func() time.Time { return fixed }
	defer func() { now = old }()

	undated := item(1)
	undated.Published = time.Time{}
	future := item(2)
	future.Published = time.Date(9999, 12, 31, 0, 0, 0, 0, time.UTC)
	ancient := item(3)
	ancient.Published = time.Date(0, 1, 1, 0, 0, 0, 0, time.UTC)
	r := save(t, s, f, undated, future, ancient)
	for i, want := range []time.Time{fixed, fixed, ancient.Published} {
		a, err := s.Article(ctx, r.NewIDs[i])
		if err != nil {
			t.Fatal(err)
		}
		if !a.Published.Equal(want) {
			t.Errorf("item %d published = %v, want %v", i, a.Published, want)
		}
		if !a.Fetched.Equal(fixed) {
			t.Errorf("item %d fetched = %v, want %v", i, a.Fetched, fixed)
		}
	}
}

func TestSaveUnknownFeed(t *testing.T) {
	s := openTemp(t)
	_, err := s.SaveItems(context.Background(), 42, []Item{item(1)})
	if !errors.Is(err, ErrNotFound) {
		t.Fatalf("err = %v, want ErrNotFound", err)
	}
}

func TestSaveCancelled(t *testing.T) {
	// A cancelled context stores nothing and says so.
	s := openTemp(t)
	f := addFeed(t, s, "https://x.example/feed", "X", "")
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := s.SaveItems(ctx, f, []Item{item(1), item(2)}); err == nil {
		t.Fatal("want an error from a cancelled context")
	}
	if n, _ := s.Count(context.Background(), Query{}); n != 0 {
		t.Fatalf("%d articles stored by a failed SaveItems", n)
	}
}

// CanonicalURL never panics, and canonical links are their own canonical form.
func FuzzCanonicalURL(f *testing.F) {
	for _, s := range []string{"https://News.Example/a/?utm_source=x&b=2&a=1#f", "http://[::1]:80/", "https://x.example/%2Fa%20b/", "https://x.example/a?q=%zz", "HTTPS://X.EXAMPLE:443"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, u string) {
		c := CanonicalURL(u)
		if c == "" {
			return
		}
		if !strings.HasPrefix(c, "https://") {
			t.Fatalf("CanonicalURL(%q) = %q", u, c)
		}
		if again := CanonicalURL(c); again != c {
			t.Fatalf("not idempotent: %q -> %q -> %q", u, c, again)
		}
	})
}

// Whatever bytes a feed carries (NUL, invalid UTF-8, escapes), SaveItems
// stores them and Article returns them unchanged; search never fails on them.
func FuzzSaveItems(f *testing.F) {
	f.Add("guid", "https://x.example/a", "Title", "text body")
	f.Add("g\x00id", "https://x.example/\x00", "T\x00itle", "a\x00b")
	f.Add("\xff\xfe", "javascript:alert(1)", "\x1b]52;c;aGk=\x07", "\xc3\x28 invalid")
	f.Add("", "", "", "")
	f.Add("dup", "https://x.example/", "\u202eevil", strings.Repeat("x", 600))
	s := openTemp(f)
	feed := addFeed(f, s, "https://fuzz.example/feed", "F", "")
	ctx := context.Background()
	f.Fuzz(func(t *testing.T, guid, url, title, text string) {
		it := Item{GUID: guid, URL: url, Title: title, Author: title, Raw: text, Markdown: text, Text: text, Published: t0}
		r, err := s.SaveItems(ctx, feed, []Item{it})
		if err != nil {
			t.Fatalf("SaveItems(%+v): %v", it, err)
		}
		if r.New == 1 {
			a, err := s.Article(ctx, r.NewIDs[0])
			if err != nil {
				t.Fatal(err)
			}
			if a.GUID != guid || a.URL != url || a.Title != title || a.Text != text || a.Raw != text || a.Markdown != text {
				t.Fatalf("round trip changed the item: %+v -> %+v", it, a)
			}
		}
		if _, err := s.Count(ctx, Query{Search: title + " " + text}); err != nil {
			t.Fatalf("search: %v", err)
		}
	})
}
