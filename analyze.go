package main

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"

	"github.com/sitrep-news/sitrep/store"
	"github.com/sitrep-news/sitrep/story"
	"github.com/sitrep-news/sitrep/summarize"
)

// analyzeBatchSize bounds the articles analysed and committed together: big
// enough that a cold refresh of 15,000 articles costs about 60 commits,
// small enough that facts appear in the reader while a long refresh runs
// and that the batches in flight stay small (a cold 500-feed fetch on 2
// cores: 128 / 256 / 512 gave 13.1-14.0 / 12.3-13.4 / 12.2-13.3 s and
// 280 / 313 / 350-363 MB peak RSS).
const analyzeBatchSize = 256

// analyzeArticles runs the briefing engine over stored articles (by id): it
// reads them and hands them to analyzeBatch, analyzeBatchSize at a time, in
// ascending id order (the order clustering files them in).
func analyzeArticles(ctx context.Context, st *store.Store, ids []int64) error {
	ids = slices.Clone(ids)
	slices.Sort(ids)
	ids = slices.Compact(ids)
	var warns []error // articles that could not be analysed; the rest go on
	for len(ids) > 0 {
		n := min(analyzeBatchSize, len(ids))
		arts := make([]store.SavedArticle, 0, n)
		for _, id := range ids[:n] {
			if err := ctx.Err(); err != nil {
				return err
			}
			a, err := st.Article(ctx, id)
			if err != nil {
				return fmt.Errorf("analyse article %d: %w", id, err)
			}
			arts = append(arts, store.SavedArticle{ID: a.ID, Hash: a.Hash, Title: a.Title, Text: a.Text, Published: a.Published})
		}
		skipped, err := analyzeBatch(ctx, st, arts, 0)
		if err != nil {
			return errors.Join(append(warns, err)...)
		}
		if skipped != nil {
			warns = append(warns, skipped)
		}
		ids = ids[n:]
	}
	return errors.Join(warns...)
}

// analysed is an article with its analysis and story signature, ready for
// clustering.
type analysed struct {
	art   store.SavedArticle
	entry store.AnalysisEntry
	sig   story.Signature
	data  []byte // sig, marshalled
}

// analyzeHook, when set (tests), runs after each article's analysis.
var analyzeHook func(ctx context.Context, id int64)

// analyzeBatch analyses a batch of stored articles and files them into
// stories (analyseBatch, then clusterer.assign): one transaction. skipped
// names the articles that could not be analysed (left unanalysed, the rest
// stored); err is a failure of the whole batch (nothing stored).
func analyzeBatch(ctx context.Context, st *store.Store, arts []store.SavedArticle, workers int) (skipped, err error) {
	out, skipped, err := analyseBatch(ctx, arts, workers, func(ctx context.Context, hashes []string) (map[string][]byte, error) {
		return st.Analyses(ctx, hashes, summarize.Version)
	})
	if err != nil || len(out) == 0 {
		return skipped, err
	}
	return skipped, clustererFor(st).assign(ctx, st, out)
}

// analyseBatch analyses a batch of stored articles on workers goroutines
// (<= 0: GOMAXPROCS) and returns them in ascending id order with their
// analysis entries (JSON cached by content hash and analyser version, fact
// badges for the list and the fact filter) and story signatures. summarize
// and story.Sign are pure, so the results do not depend on scheduling;
// clusterer.assign then files and writes them serially in that order, so the
// same articles always get the same stories. Content already analysed
// (cached says so: another feed, a re-fetch; or an earlier article of the
// batch) is not analysed again, exactly as if the articles had been
// analysed one at a time.
func analyseBatch(ctx context.Context, arts []store.SavedArticle, workers int,
	cachedFor func(ctx context.Context, hashes []string) (map[string][]byte, error)) (out []analysed, skipped, err error) {
	if len(arts) == 0 {
		return nil, nil, nil
	}
	arts = slices.Clone(arts)
	slices.SortStableFunc(arts, func(a, b store.SavedArticle) int { return cmp.Compare(a.ID, b.ID) })
	var hashes []string
	first := map[string]int{} // hash -> first article of the batch with it
	for i, a := range arts {
		if _, ok := first[a.Hash]; !ok {
			first[a.Hash] = i
			hashes = append(hashes, a.Hash)
		}
	}
	cached, err := cachedFor(ctx, hashes)
	if err != nil {
		return nil, nil, fmt.Errorf("analyse %d articles: %w", len(arts), err)
	}
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}

	// Phase 1: analyse each content once: the first article of the batch
	// with a hash that is not cached. Phase 2: every other article reads
	// its analysis as a cache hit would (an unreadable or missing entry is
	// analysed again). Each article's failure is its own (errs[i]).
	out = make([]analysed, len(arts))
	errs := make([]error, len(arts))
	done := make([]bool, len(arts))
	var todo []int
	for i, a := range arts {
		if _, ok := cached[a.Hash]; !ok && first[a.Hash] == i {
			todo = append(todo, i)
		}
	}
	err = parallel(ctx, workers, len(todo), func(k int) error {
		i := todo[k]
		out[i], errs[i] = analyseOne(ctx, arts[i], nil)
		done[i] = true
		return nil
	})
	if err != nil {
		return nil, nil, err
	}
	for _, i := range todo {
		if errs[i] == nil {
			cached[arts[i].Hash] = out[i].entry.JSON
		}
	}
	err = parallel(ctx, workers, len(arts), func(i int) error {
		if !done[i] {
			out[i], errs[i] = analyseOne(ctx, arts[i], cached[arts[i].Hash])
		}
		return nil
	})
	if err != nil {
		return nil, nil, err
	}
	kept := out[:0]
	var failed []error
	for i := range out {
		if errs[i] != nil {
			failed = append(failed, errs[i])
			continue
		}
		kept = append(kept, out[i])
	}
	return kept, errors.Join(failed...), nil
}

// analyseOne analyses one article (or reads its analysis from data, the
// cached JSON, when that parses) and signs it for clustering. A panic in
// the briefing engine (a bug no fuzzer has found yet) becomes this
// article's error: it stays unanalysed and the rest of the batch goes on,
// as when each feed analysed its own articles under the refresh's recover.
func analyseOne(ctx context.Context, a store.SavedArticle, data []byte) (out analysed, err error) {
	defer func() {
		if r := recover(); r != nil {
			out, err = analysed{}, fmt.Errorf("analyse article %d: internal error: %v", a.ID, r)
		}
	}()
	if analyzeHook != nil {
		analyzeHook(ctx, a.ID)
	}
	var an summarize.Analysis
	if data == nil || json.Unmarshal(data, &an) != nil {
		an = summarize.Analyze(summarize.Input{Title: a.Title, Text: a.Text, Published: a.Published})
		if data, err = json.Marshal(an); err != nil {
			return analysed{}, fmt.Errorf("analyse article %d: %w", a.ID, err)
		}
	}
	out = analysed{art: a,
		entry: store.AnalysisEntry{ArticleID: a.ID, Hash: a.Hash, Version: summarize.Version, JSON: data, Badges: an.Badges()},
		sig:   story.Sign(story.DocFromAnalysis(a.ID, a.Published, an))}
	if out.data, err = out.sig.MarshalBinary(); err != nil {
		return analysed{}, fmt.Errorf("cluster article %d: %w", a.ID, err)
	}
	return out, nil
}

// parallel runs fn(0..n-1) on up to workers goroutines and returns the
// first error; it stops handing out work once ctx is done or fn failed.
func parallel(ctx context.Context, workers, n int, fn func(i int) error) error {
	var (
		next    atomic.Int64
		wg      sync.WaitGroup
		errOnce sync.Once
		first   error
		failed  atomic.Bool
	)
	for range min(workers, n) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for !failed.Load() {
				i := int(next.Add(1) - 1)
				if i >= n {
					return
				}
				err := ctx.Err()
				if err == nil {
					err = fn(i)
				}
				if err != nil {
					errOnce.Do(func() { first = err })
					failed.Store(true)
				}
			}
		}()
	}
	wg.Wait()
	return first
}
