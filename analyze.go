package main

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/sitrep-news/sitrep/store"
	"github.com/sitrep-news/sitrep/summarize"
)

// analyzeArticles runs the briefing engine over stored articles and caches
// the result by content hash and analyser version, recording the fact badges
// the list shows and the fact filter uses. Articles whose analysis is already
// cached for their content are not re-analysed, so a re-fetch costs little.
// Each analysed article then joins or starts a story (cluster.go).
func analyzeArticles(ctx context.Context, st *store.Store, ids []int64) error {
	for _, id := range ids {
		if err := ctx.Err(); err != nil {
			return err
		}
		a, err := st.Article(ctx, id)
		if err != nil {
			return fmt.Errorf("analyse article %d: %w", id, err)
		}
		var an summarize.Analysis
		data, ok, err := st.Analysis(ctx, a.Hash, summarize.Version)
		if err == nil && ok && json.Unmarshal(data, &an) == nil {
			// Same content seen before (another feed, or a re-fetch): reuse it,
			// but still record this article's badges.
		} else {
			an = summarize.Analyze(summarize.Input{Title: a.Title, Text: a.Text, Published: a.Published})
			if data, err = json.Marshal(an); err != nil {
				return fmt.Errorf("analyse article %d: %w", id, err)
			}
		}
		if err := st.PutAnalysis(ctx, id, a.Hash, summarize.Version, data, an.Badges()); err != nil {
			return fmt.Errorf("analyse article %d: %w", id, err)
		}
		if err := clustererFor(st).assign(ctx, st, a, an); err != nil {
			return err
		}
	}
	return nil
}
