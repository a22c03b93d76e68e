package brief

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"time"

	"github.com/sitrep-news/sitrep/feed/clean"
	"github.com/sitrep-news/sitrep/store"
	"github.com/sitrep-news/sitrep/story"
	"github.com/sitrep-news/sitrep/summarize"
)

// Reader is what Collect reads from the store; *store.Store satisfies it.
type Reader interface {
	List(ctx context.Context, q store.Query) ([]store.Row, error)
	Article(ctx context.Context, id int64) (store.Article, error)
	Analysis(ctx context.Context, hash, version string) ([]byte, bool, error)
}

// Collect gathers the articles matching q, clusters them into stories and
// ranks them, most important first. Articles without a cached analysis (for
// this analyser version) are analysed on the spot but not stored: Collect
// only reads. Clustering runs over the period itself, so a briefing never
// depends on how earlier refreshes grouped articles.
func Collect(ctx context.Context, st Reader, q store.Query, title string, now time.Time) (Brief, error) {
	q.Limit, q.Offset, q.Stories = 0, 0, false // every article of the period
	rows, err := st.List(ctx, q)
	if err != nil {
		return Brief{}, fmt.Errorf("brief: list articles: %w", err)
	}
	// Oldest first, as a refresh would have seen them.
	sort.SliceStable(rows, func(i, j int) bool { return rows[i].Published.Before(rows[j].Published) })
	ix := story.NewIndex(story.Options{})
	groups := map[int64][]story.Source{}
	var order []int64
	for _, r := range rows {
		if err := ctx.Err(); err != nil {
			return Brief{}, err
		}
		a, err := st.Article(ctx, r.ID)
		if err != nil {
			return Brief{}, fmt.Errorf("brief: article %d: %w", r.ID, err)
		}
		an, err := analysis(ctx, st, a)
		if err != nil {
			return Brief{}, err
		}
		m := ix.Add(a.ID, story.Sign(story.DocFromAnalysis(a.ID, a.Published, an)))
		if _, ok := groups[m.Story]; !ok {
			order = append(order, m.Story)
		}
		groups[m.Story] = append(groups[m.Story], story.Source{
			ArticleID: a.ID, Feed: clean.Safe(a.FeedTitle), Title: clean.Safe(a.Title), URL: a.URL,
			Published: a.Published, Starred: a.Starred, Analysis: an,
		})
	}
	b := Brief{Title: title, Generated: now, Since: q.Since}
	for _, id := range order {
		b.Stories = append(b.Stories, story.Merge(id, groups[id], now))
	}
	sort.SliceStable(b.Stories, func(i, j int) bool { return b.Stories[i].Score > b.Stories[j].Score })
	return b, nil
}

func analysis(ctx context.Context, st Reader, a store.Article) (summarize.Analysis, error) {
	var an summarize.Analysis
	data, ok, err := st.Analysis(ctx, a.Hash, summarize.Version)
	if err != nil {
		return an, fmt.Errorf("brief: analysis of article %d: %w", a.ID, err)
	}
	if ok && json.Unmarshal(data, &an) == nil {
		return an, nil
	}
	return summarize.Analyze(summarize.Input{Title: a.Title, Text: a.Text, Published: a.Published}), nil
}
