package hostile

import (
	"context"
	"strings"
	"testing"

	"github.com/sitrep-news/sitrep/config"
	"github.com/sitrep-news/sitrep/store"
)

// OPML titles and folders carrying the attack (raw controls and &#27;
// references) go through the import, the store's feed list and a refresh
// of the feeds they name, and reach the reader clean; outlines whose URL is
// not http(s) are skipped with a printable reason.
func TestHostileOPMLEndToEnd(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	// The OPML's feeds keep full_text auto: the loopback-only transport
	// refuses the items' page fetches (evil.example), which become warnings.
	good := e.serve("/opml-feed.rss", "application/rss+xml", []byte(rssItems(rssItem("1", "A calm story", "https://site.example/1", "Delegations met again."))))
	both := e.serve("/opml-hostile.rss", "application/rss+xml", []byte(attackRSS(true)))
	raw, ents := xmlText(attack(false)), attack(true)
	opml := `<?xml version="1.0" encoding="utf-8"?><opml version="2.0"><head><title>x</title></head><body>
<outline text="Folder ` + raw + `" title="Folder ` + ents + `">
  <outline type="rss" text="Raw ` + raw + `" xmlUrl="` + good + `"/>
  <outline type="rss" text="Entities ` + ents + `" xmlUrl="` + both + `"/>
  <outline type="rss" text="js" xmlUrl="javascript:alert(1)"/>
  <outline type="rss" text="esc url" xmlUrl="https://evil.example/&#27;]52;c;eA==&#7;"/>
</outline></body></opml>`
	feeds, skipped, err := config.ImportOPML(strings.NewReader(opml))
	if err != nil {
		t.Fatal(err)
	}
	if len(feeds) != 2 {
		t.Fatalf("imported %+v, skipped %+v", feeds, skipped)
	}
	for _, s := range skipped {
		checkText(t, "skipped", s.Title+s.URL+s.Reason)
	}
	var specs []store.FeedSpec
	for _, f := range feeds {
		checkText(t, "imported title", f.Title)
		checkText(t, "imported folder", f.Folder)
		specs = append(specs, store.FeedSpec{URL: f.URL, Title: f.Title, Folder: f.Folder})
	}
	synced, err := e.st.SyncFeeds(context.Background(), specs)
	if err != nil {
		t.Fatal(err)
	}
	if sum := e.eng.Refresh(context.Background(), synced, nil); sum.Failed != 0 {
		t.Fatalf("%+v", sum.Errors)
	}
	stored, err := e.st.Feeds(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range stored {
		checkText(t, "stored feed title", f.Title)
		checkText(t, "stored folder", f.Folder)
		if !strings.HasPrefix(f.Folder, "Folder") {
			t.Errorf("folder %q: the OPML folder was lost", f.Folder)
		}
	}
	n := len(e.articles(e.feed(good).ID)) + len(e.articles(e.feed(both).ID))
	screens := readEverything(t, e.st, n)
	if !strings.Contains(screens, "CLEARMARK") {
		t.Error("the hostile feed's articles were not rendered")
	}
}
