package feed

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/sitrep-news/sitrep/config"
	"github.com/sitrep-news/sitrep/store"
)

// datedFeed is an RSS feed with one item per pubDate ("" = no date).
func datedFeed(dates ...string) string {
	s := `<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Dated</title>`
	for i, d := range dates {
		pub := ""
		if d != "" {
			pub = "<pubDate>" + d + "</pubDate>"
		}
		s += fmt.Sprintf(`<item><title>Item %d</title><link>https://news.example/d/%d</link><guid>d%d</guid>%s<description>Text of item %d.</description></item>`, i, i, i, pub, i)
	}
	return s + `</channel></rss>`
}

// TestRetentionSkipsOldItems: with keep_days set, an item the feed dates
// before the cutoff is not saved, on the first fetch nor on later ones
// (after a prune it would otherwise come back as new every time); undated
// items are kept with their first-seen time.
func TestRetentionSkipsOldItems(t *testing.T) {
	now := time.Date(2026, 11, 20, 12, 0, 0, 0, time.UTC)
	body := datedFeed(
		now.Add(-10*24*time.Hour).Format(time.RFC1123Z), // old: skipped
		now.Add(-6*24*time.Hour).Format(time.RFC1123Z),  // inside 7 days
		"", // no date: first seen now
	)
	for _, tc := range []struct {
		keepDays int
		want     []string
	}{
		{7, []string{"Item 1", "Item 2"}},
		{0, []string{"Item 0", "Item 1", "Item 2"}},
	} {
		t.Run(fmt.Sprintf("keep_days=%d", tc.keepDays), func(t *testing.T) {
			st := openStore(t)
			fs := newFeedServer(t)
			fs.set("/f", body)
			feeds := syncFeeds(t, st, fs.URL+"/f")
			e := newEngine(t, st, Options{
				Refresh: config.Refresh{KeepDays: tc.keepDays},
				Feeds:   map[string]FeedOptions{fs.URL + "/f": {FullText: FullTextNever}},
				Now:     func() time.Time { return now },
				Force:   true,
			})
			for round := range 2 {
				var note string
				sum := e.Refresh(context.Background(), feeds, func(p Progress) { note = p.Note })
				if sum.Failed != 0 {
					t.Fatalf("round %d: %+v", round, sum.Errors)
				}
				// Nothing new but old items dropped: the feed says why it
				// looks empty.
				wantNote := ""
				if round == 1 && tc.keepDays > 0 {
					wantNote = "1 item older than refresh.keep_days not saved"
				}
				if note != wantNote {
					t.Errorf("round %d: progress note %q, want %q", round, note, wantNote)
				}
				if wantNew := len(tc.want) * (1 - round); sum.New != wantNew {
					t.Errorf("round %d: %d new, want %d", round, sum.New, wantNew)
				}
				fs.set("/f", body+" ") // a new ETag: the second round parses again
			}
			rows, err := st.List(context.Background(), store.Query{})
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, r := range rows {
				got = append(got, r.Title)
			}
			slices.Sort(got)
			if !slices.Equal(got, tc.want) {
				t.Errorf("stored %v, want %v", got, tc.want)
			}
		})
	}
}

// TestItemsSince: an item dated before the cutoff is dropped (and counted)
// exactly as if it had been cleaned and then dropped: it still claims its
// GUID (first wins), an empty one is not counted, and undated or newer
// items stay.
func TestItemsSince(t *testing.T) {
	cut := time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)
	oldDate := cut.Add(-time.Second).Format(time.RFC1123Z)
	newDate := cut.Add(time.Hour).Format(time.RFC1123Z)
	item := func(title, guid, link, date string) string {
		s := "<item>"
		if title != "" {
			s += "<title>" + title + "</title>"
		}
		if guid != "" {
			s += "<guid>" + guid + "</guid>"
		}
		if link != "" {
			s += "<link>" + link + "</link>"
		}
		if date != "" {
			s += "<pubDate>" + date + "</pubDate>"
		}
		return s + "</item>"
	}
	body := `<rss version="2.0"><channel><title>t</title>` +
		item("old a", "a", "", oldDate) +
		item("new a", "a", "", newDate) + // a repeat of the old item's GUID: dropped
		item("new b", "b", "", newDate) +
		item("at the cutoff", "", "https://news.example/at", cut.Format(time.RFC1123Z)) +
		item("undated", "c", "", "") +
		item("old, title only", "", "", oldDate) +
		item("", "", "", oldDate) + // empty: skipped, not counted
		item("old, link only", "", "https://news.example/old", oldDate) +
		`</channel></rss>`
	p, err := Parse([]byte(body), "", "")
	if err != nil {
		t.Fatal(err)
	}
	c := mustCleaner(t)
	titles := func(items []store.Item) []string {
		var out []string
		for _, it := range items {
			out = append(out, it.Title)
		}
		return out
	}
	items, old := ItemsSince(p, c, cut)
	if want := []string{"new b", "at the cutoff", "undated"}; !slices.Equal(titles(items), want) || old != 3 {
		t.Errorf("ItemsSince = %q, %d old; want %q, 3 old", titles(items), old, want)
	}
	all := []string{"old a", "new b", "at the cutoff", "undated", "old, title only", "old, link only"}
	if got := titles(Items(p, c)); !slices.Equal(got, all) {
		t.Errorf("Items = %q, want %q", got, all)
	}
	if items, old := ItemsSince(p, c, time.Time{}); !slices.Equal(titles(items), all) || old != 0 {
		t.Errorf("ItemsSince(zero cutoff) = %q, %d old; want %q, 0 old", titles(items), old, all)
	}
	if c := (Options{}).Cutoff(cut); !c.IsZero() {
		t.Errorf("Cutoff without keep_days = %v, want zero", c)
	}
	if c := (Options{Refresh: config.Refresh{KeepDays: 2}}).Cutoff(cut); !c.Equal(cut.Add(-48 * time.Hour)) {
		t.Errorf("Cutoff(keep_days=2) = %v", c)
	}
}
