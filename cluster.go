package main

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/sitrep-news/sitrep/store"
	"github.com/sitrep-news/sitrep/story"
	"github.com/sitrep-news/sitrep/summarize"
)

// clusterer assigns analysed articles to stories. One index serves the whole
// process (refresh workers call it concurrently); it is rebuilt from the
// stored signatures of the recent window, so a restart costs one query, and
// it catches up on articles another process (a cron fetch) clustered.
type clusterer struct {
	mu      sync.Mutex
	ix      *story.Index
	after   int64 // highest article id loaded from the store
	started bool
}

var (
	clustersMu sync.Mutex
	clusters   = map[*store.Store]*clusterer{}
)

// clustererFor returns the store's clusterer (one per open store).
func clustererFor(st *store.Store) *clusterer {
	clustersMu.Lock()
	defer clustersMu.Unlock()
	c := clusters[st]
	if c == nil {
		c = &clusterer{}
		clusters[st] = c
	}
	return c
}

// window is how far back the index is rebuilt: the join window both ways.
const clusterWindow = 72 * time.Hour

func (c *clusterer) assign(ctx context.Context, st *store.Store, a store.Article, an summarize.Analysis) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if !c.started {
		c.ix = story.NewIndex(story.Options{Window: clusterWindow})
		c.started = true
	}
	if err := c.catchUp(ctx, st); err != nil {
		return err
	}
	if c.ix.Has(a.ID) {
		return nil
	}
	sig := story.Sign(story.DocFromAnalysis(a.ID, a.Published, an))
	m, err := c.ix.AddWith(a.ID, sig, func() (int64, error) { return st.NewStory(ctx, a.Title, a.Published) })
	if err != nil {
		return fmt.Errorf("cluster article %d: %w", a.ID, err)
	}
	data, err := sig.MarshalBinary()
	if err != nil {
		return fmt.Errorf("cluster article %d: %w", a.ID, err)
	}
	if err := st.AssignStory(ctx, a.ID, m.Story, a.Published, data); err != nil {
		return fmt.Errorf("cluster article %d: %w", a.ID, err)
	}
	if a.ID > c.after {
		c.after = a.ID
	}
	return nil
}

func (c *clusterer) catchUp(ctx context.Context, st *store.Store) error {
	sigs, err := st.StorySigs(ctx, time.Now().Add(-2*clusterWindow), c.after)
	if err != nil {
		return err
	}
	for _, g := range sigs {
		var s story.Signature
		if s.UnmarshalBinary(g.Sig) != nil {
			continue // written by an incompatible version: it will not be matched
		}
		c.ix.Restore(g.ArticleID, g.StoryID, s)
		if g.ArticleID > c.after {
			c.after = g.ArticleID
		}
	}
	return nil
}
