package main

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/sitrep-news/sitrep/store"
	"github.com/sitrep-news/sitrep/story"
)

// clusterer files analysed articles into stories. One index serves the whole
// process (refresh workers call it concurrently); it is rebuilt from the
// stored signatures of the recent window, so a restart costs one query, and
// it catches up on articles another process (a cron fetch) clustered.
type clusterer struct {
	mu    sync.Mutex
	ix    *story.Index
	after int64 // highest article id loaded from the store
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

// assignHook, when set (tests), runs in assign after the index is ready.
var assignHook func(batch []analysed)

// clusterWindow is how far apart two articles of one story may be; the index
// is rebuilt from twice that.
const clusterWindow = 72 * time.Hour

// assign files a batch of analysed articles (in the order given: analyzeBatch
// sorts them by id) into the index, then stores their analyses and stories
// in one transaction. New stories get provisional negative ids in the index
// until the store gives them real ones; a failed write drops the index, which
// is rebuilt from the store next time.
func (c *clusterer) assign(ctx context.Context, st *store.Store, batch []analysed) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	defer func() {
		if p := recover(); p != nil {
			c.ix = nil // it may hold provisional ids: rebuild it next time
			panic(p)
		}
	}()
	if c.ix == nil {
		c.ix = story.NewIndex(story.Options{Window: clusterWindow})
		c.after = 0
	}
	if err := c.catchUp(ctx, st); err != nil {
		return err
	}
	if assignHook != nil {
		assignHook(batch)
	}
	provisional := int64(0)
	alloc := func() (int64, error) { provisional--; return provisional, nil }
	entries := make([]store.AnalysisEntry, 0, len(batch))
	var as []store.StoryAssignment
	for _, b := range batch {
		entries = append(entries, b.entry)
		if c.ix.Has(b.art.ID) {
			continue
		}
		m, err := c.ix.AddWith(b.art.ID, b.sig, alloc)
		if err != nil {
			c.ix = nil
			return err
		}
		as = append(as, store.StoryAssignment{ArticleID: b.art.ID, StoryID: m.Story, Title: b.art.Title, Published: b.art.Published, Sig: b.data})
	}
	created, err := st.SaveAnalyses(ctx, entries, as)
	if err != nil {
		c.ix = nil // provisional ids are in the index: rebuild it next time
		return fmt.Errorf("analyse %d articles: %w", len(batch), err)
	}
	for _, a := range as {
		if a.StoryID <= 0 {
			c.ix.Relabel(a.ArticleID, created[a.StoryID])
		}
		c.after = max(c.after, a.ArticleID)
	}
	return nil
}

// reset drops the index; the next assign rebuilds it from the store.
func (c *clusterer) reset() {
	c.mu.Lock()
	c.ix = nil
	c.mu.Unlock()
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
		c.after = max(c.after, g.ArticleID)
	}
	return nil
}
