package demo_test

import (
	"context"
	"os"
	"strings"
	"testing"

	"github.com/sitrep-news/sitrep/config"
	"github.com/sitrep-news/sitrep/demo"
	"github.com/sitrep-news/sitrep/feed"
	"github.com/sitrep-news/sitrep/feed/clean"
	"github.com/sitrep-news/sitrep/store"
)

// TestDemoThroughTheRealFetchPath does what `sitrep --demo` does before the
// reader opens: serve, subscribe, refresh into a temporary store. It checks
// the demo exercises what it claims: every item lands, the seed's raw bytes
// survive, the stub's full text is fetched from its page, and a second
// refresh is answered 304.
func TestDemoThroughTheRealFetchPath(t *testing.T) {
	ctx := context.Background()
	srv, err := demo.Start()
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	path, cleanup, err := demo.TempStorePath()
	if err != nil {
		t.Fatal(err)
	}
	defer cleanup()
	st, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()

	var specs []store.FeedSpec
	perFeed := map[string]feed.FeedOptions{}
	for _, f := range srv.Feeds() {
		specs = append(specs, store.FeedSpec{URL: f.URL, Title: f.Title, Folder: f.Folder})
		perFeed[f.URL] = feed.FeedOptions{FullText: f.FullTextMode()}
	}
	feeds, err := st.SyncFeeds(ctx, specs)
	if err != nil {
		t.Fatal(err)
	}
	cleaner, err := clean.New(nil)
	if err != nil {
		t.Fatal(err)
	}
	eng := feed.New(st, feed.Options{Refresh: config.Default().Refresh, Feeds: perFeed, Cleaner: cleaner, Force: true})

	sum := eng.Refresh(ctx, feeds, nil)
	articles := srv.Articles()
	if sum.Failed != 0 || sum.OK != len(feeds) || sum.New != len(articles) {
		t.Fatalf("first refresh: %+v; want %d feeds OK and %d new articles", sum, len(feeds), len(articles))
	}

	seed, err := os.ReadFile("feeds/seed-article.txt")
	if err != nil {
		t.Fatal(err)
	}
	rows, err := st.List(ctx, store.Query{})
	if err != nil {
		t.Fatal(err)
	}
	byURL := map[string]store.Article{}
	for _, r := range rows {
		a, err := st.Article(ctx, r.ID)
		if err != nil {
			t.Fatal(err)
		}
		byURL[a.URL] = a
	}
	for _, want := range articles {
		a, ok := byURL[srv.ArticleURL(want.Slug)]
		if !ok {
			t.Errorf("%s: not stored", want.Slug)
			continue
		}
		if n := len(strings.Fields(a.Text)); n < 250 {
			t.Errorf("%s: stored text has %d words; the full text did not arrive", want.Slug, n)
		}
		if want.Slug == demo.SeedSlug && a.Raw != string(seed) {
			t.Errorf("seed: raw content differs from the fixture")
		}
	}

	// Validators were stored: a forced second refresh gets 304 on every feed.
	if feeds, err = st.Feeds(ctx); err != nil {
		t.Fatal(err)
	}
	sum = eng.Refresh(ctx, feeds, nil)
	if sum.NotModified != len(feeds) || sum.New != 0 {
		t.Errorf("second refresh: %+v; want every feed not modified", sum)
	}
}
