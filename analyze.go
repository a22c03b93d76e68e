package main

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/sitrep-news/sitrep/store"
	"github.com/sitrep-news/sitrep/summarize"
)

// analyzeArticles runs the briefing engine over stored articles, caches each
// result by content hash and analyser version with the article's fact badges
// (what the list shows and the fact filter uses), then files each article
// into a story (cluster.go). Content already analysed (another feed, a
// re-fetch) is not analysed again. The whole batch is written in two
// transactions, so a refresh of thousands of articles costs two fsyncs, not
// two per article.
func analyzeArticles(ctx context.Context, st *store.Store, ids []int64) error {
	if len(ids) == 0 {
		return nil
	}
	entries := make([]store.AnalysisEntry, 0, len(ids))
	done := make([]analysed, 0, len(ids))
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
		if err != nil || !ok || json.Unmarshal(data, &an) != nil {
			an = summarize.Analyze(summarize.Input{Title: a.Title, Text: a.Text, Published: a.Published})
			if data, err = json.Marshal(an); err != nil {
				return fmt.Errorf("analyse article %d: %w", id, err)
			}
		}
		entries = append(entries, store.AnalysisEntry{ArticleID: id, Hash: a.Hash, Version: summarize.Version, JSON: data, Badges: an.Badges()})
		done = append(done, analysed{a, an})
	}
	if err := st.PutAnalyses(ctx, entries); err != nil {
		return fmt.Errorf("analyse %d articles: %w", len(ids), err)
	}
	return clustererFor(st).assign(ctx, st, done)
}

// analysed is an article with its analysis, ready for clustering.
type analysed struct {
	art store.Article
	an  summarize.Analysis
}
