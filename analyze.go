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
// cached for their content are skipped, so a re-fetch costs nothing.
func analyzeArticles(ctx context.Context, st *store.Store, ids []int64) error {
	for _, id := range ids {
		if err := ctx.Err(); err != nil {
			return err
		}
		a, err := st.Article(ctx, id)
		if err != nil {
			return fmt.Errorf("analyse article %d: %w", id, err)
		}
		if _, ok, err := st.Analysis(ctx, a.Hash, summarize.Version); err == nil && ok {
			continue
		}
		an := summarize.Analyze(summarize.Input{Title: a.Title, Text: a.Text, Published: a.Published})
		data, err := json.Marshal(an)
		if err != nil {
			return fmt.Errorf("analyse article %d: %w", id, err)
		}
		if err := st.PutAnalysis(ctx, id, a.Hash, summarize.Version, data, an.Badges()); err != nil {
			return fmt.Errorf("analyse article %d: %w", id, err)
		}
	}
	return nil
}
