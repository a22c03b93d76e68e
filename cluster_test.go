package main

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/sitrep-news/sitrep/store"
)

// TestClusteringIsStoredAndSurvivesRestart saves two outlets' versions of
// one story and an unrelated article, analyses them, and checks the stored
// stories, then reopens the store and adds a third version.
func TestClusteringIsStoredAndSurvivesRestart(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "s.db")
	st, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	feeds, err := st.SyncFeeds(ctx, []store.FeedSpec{{URL: "https://a.example/rss", Title: "A"}, {URL: "https://b.example/rss", Title: "B"}})
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now().UTC().Truncate(time.Second)
	quake := "A magnitude 6.8 earthquake struck Malatya province in eastern Turkey before dawn on Monday, killing at least 46 people and injuring more than 300, the disaster agency AFAD said.\n\nRescuers searched collapsed buildings in Malatya and Elazig. President Recep Tayyip Erdoğan said the state would rebuild every destroyed home."
	save := func(st *store.Store, feed int64, guid, title, text string, at time.Time) int64 {
		t.Helper()
		res, err := st.SaveItems(ctx, feed, []store.Item{{GUID: guid, URL: "https://x.example/" + guid, Title: title, Text: text, Markdown: text, Published: at}})
		if err != nil || len(res.NewIDs) != 1 {
			t.Fatalf("save %s: %v %+v", guid, err, res)
		}
		if err := analyzeArticles(ctx, st, res.NewIDs); err != nil {
			t.Fatal(err)
		}
		return res.NewIDs[0]
	}
	a := save(st, feeds[0].ID, "q1", "Magnitude 6.8 earthquake strikes eastern Turkey", quake, now.Add(-3*time.Hour))
	b := save(st, feeds[1].ID, "q2", "Malatya earthquake kills dozens, AFAD says", quake+" Neighbouring Azerbaijan sent rescue teams.", now.Add(-2*time.Hour))
	c := save(st, feeds[1].ID, "r1", "Reserve Bank of India keeps repo rate unchanged", "The Reserve Bank of India kept its repo rate unchanged at 6.5 percent, Governor Sanjay Malhotra said in Mumbai, as inflation stayed above target.", now.Add(-time.Hour))
	story := func(st *store.Store, id int64) int64 {
		t.Helper()
		art, err := st.Article(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		return art.StoryID
	}
	if sa, sb, sc := story(st, a), story(st, b), story(st, c); sa == 0 || sa != sb || sc == sa || sc == 0 {
		t.Fatalf("stories: a=%d b=%d c=%d; want a==b!=c, all set", sa, sb, sc)
	}
	if ids, err := st.StoryArticles(ctx, story(st, a)); err != nil || len(ids) != 2 {
		t.Fatalf("story articles: %v %v", ids, err)
	}
	st.Close()

	st2, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer st2.Close()
	d := save(st2, feeds[0].ID, "q3", "Death toll rises in Malatya earthquake", quake+" The toll rose to 71.", now)
	if story(st2, d) != story(st2, a) {
		t.Fatalf("after a restart the third version must join the stored story: %d vs %d", story(st2, d), story(st2, a))
	}
}
