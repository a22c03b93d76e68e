// Package storetest fills a store with realistic synthetic articles, for
// benchmarks and tests of the store and of the packages above it (the UI
// lists 100,000 seeded articles in its benchmarks).
package storetest

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/sitrep-news/sitrep/store"
)

// Folders the seeded feeds are spread over.
var Folders = []string{"World", "Asia", "Middle East", "Africa", "Europe"}

// Badges the seeded analyses use ("kind:state" and "kind").
var Badges = []string{"ceasefire:holding", "ceasefire:collapsed", "talks:resumed", "talks:collapsed", "mediator:Qatar", "mediator:Turkey", "casualties", "election:held"}

// FeedURL is the URL of seeded feed i (0-based).
func FeedURL(i int) string { return fmt.Sprintf("https://seed%d.example/feed", i) }

// Seed adds feeds feeds with articlesPerFeed articles each to s, keeping
// the feeds already there. It is deterministic except for dates, which run
// back from now one article every few minutes (newest first across feeds),
// and sets state on a fixed share of articles: 60% read, 1 in 200 starred,
// 1 in 100 archived, 1 in 10 with an analysis and badges.
//
// About 10,000 articles a second on 2 cores: 100,000 take ~10-20 s.
func Seed(ctx context.Context, s *store.Store, feeds, articlesPerFeed int) error {
	existing, err := s.Feeds(ctx)
	if err != nil {
		return err
	}
	specs := make([]store.FeedSpec, 0, len(existing)+feeds)
	for _, f := range existing {
		specs = append(specs, store.FeedSpec{URL: f.URL, Title: f.Title, Folder: f.Folder})
	}
	for i := 0; i < feeds; i++ {
		specs = append(specs, store.FeedSpec{URL: FeedURL(i), Title: fmt.Sprintf("Seed Desk %d", i), Folder: Folders[i%len(Folders)]})
	}
	stored, err := s.SyncFeeds(ctx, specs)
	if err != nil {
		return err
	}
	ids := map[string]int64{}
	for _, f := range stored {
		ids[f.URL] = f.ID
	}

	rng := rand.New(rand.NewPCG(42, uint64(feeds*1_000_003+articlesPerFeed)))
	start := time.Now().Truncate(time.Second)
	const batch = 500
	var read []int64
	var analyses []store.AnalysisEntry
	n := 0
	for i := 0; i < feeds; i++ {
		feedID := ids[FeedURL(i)]
		for from := 0; from < articlesPerFeed; from += batch {
			var items []store.Item
			for j := from; j < min(from+batch, articlesPerFeed); j++ {
				// Interleave feeds in time, as real refreshes do.
				age := time.Duration(j*feeds+i) * 3 * time.Minute
				items = append(items, article(rng, i, j, start.Add(-age)))
			}
			res, err := s.SaveItems(ctx, feedID, items)
			if err != nil {
				return err
			}
			for k, id := range res.NewIDs {
				n++
				if n%5 < 3 {
					read = append(read, id)
				}
				if n%200 == 0 {
					if err := s.SetStarred(ctx, id, true); err != nil {
						return err
					}
				}
				if n%100 == 50 {
					if err := s.SetArchived(ctx, id, true); err != nil {
						return err
					}
				}
				if n%10 == 3 {
					analyses = append(analyses, store.AnalysisEntry{
						ArticleID: id, Hash: store.ContentHash(items[k].Text), Version: "seed",
						JSON:   []byte(`{"seeded":true}`),
						Badges: []string{Badges[n%len(Badges)], Badges[(n/10)%len(Badges)]},
					})
				}
			}
			if err := s.SetRead(ctx, read, true); err != nil {
				return err
			}
			if err := s.PutAnalyses(ctx, analyses); err != nil {
				return err
			}
			read, analyses = read[:0], analyses[:0]
		}
	}
	return nil
}

var (
	places  = []string{"Kabul", "Islamabad", "Tehran", "Baghdad", "Damascus", "Beirut", "Gaza", "Cairo", "Khartoum", "Addis Ababa", "Mogadishu", "Nairobi", "Kyiv", "Tbilisi", "Yerevan", "Baku", "Dhaka", "Kathmandu", "Colombo", "Tashkent", "Bishkek", "Dushanbe", "Sanaa", "Doha", "Ankara", "Geneva"}
	actors  = []string{"the government", "rebel commanders", "UN envoy", "the army", "opposition leaders", "mediators", "the foreign ministry", "aid agencies", "local elders", "the election commission", "President Durand", "Minister Erdoğan", "the Red Crescent"}
	verbs   = []string{"agreed", "rejected", "announced", "postponed", "resumed", "condemned", "welcomed", "demanded", "suspended", "signed"}
	objects = []string{"a ceasefire", "peace talks", "a prisoner exchange", "humanitarian access", "new elections", "a border crossing", "emergency aid", "a curfew", "sanctions relief", "the withdrawal of troops"}
	filler  = []string{"officials said", "according to witnesses", "in a statement on Tuesday", "after days of fighting", "amid rising prices", "despite international pressure", "as talks stalled", "while thousands fled", "late on Sunday", "the agency reported"}
)

func pick(rng *rand.Rand, s []string) string { return s[rng.IntN(len(s))] }

func article(rng *rand.Rand, feed, n int, published time.Time) store.Item {
	place := pick(rng, places)
	title := fmt.Sprintf("%s: %s %s %s", place, pick(rng, actors), pick(rng, verbs), pick(rng, objects))
	var b strings.Builder
	for p := 0; p < 2; p++ {
		for sn := 0; sn < 3; sn++ {
			fmt.Fprintf(&b, "In %s, %s %s %s, %s. ", pick(rng, places), pick(rng, actors), pick(rng, verbs), pick(rng, objects), pick(rng, filler))
		}
		b.WriteString("\n\n")
	}
	text := fmt.Sprintf("%s\n\n%s(Seed article %d of feed %d.)", title, b.String(), n, feed)
	url := fmt.Sprintf("https://seed%d.example/%d/%s", feed, n, strings.ToLower(strings.ReplaceAll(place, " ", "-")))
	return store.Item{
		GUID:      url,
		URL:       url,
		Title:     title,
		Author:    pick(rng, []string{"Staff", "Wire desk", "Our correspondent", ""}),
		Published: published,
		Markdown:  text, // no Raw: keeps a 100,000-article database near 200 MB
		Text:      text,
	}
}
