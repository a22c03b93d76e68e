package main

import (
	"context"
	"errors"
	"fmt"
	"sync"

	"github.com/sitrep-news/sitrep/store"
	"github.com/sitrep-news/sitrep/summarize"
)

// analysisQueue bounds how many feeds' new articles may wait for analysis
// (~30 articles, ~100 KB of text each in a typical refresh). When analysis
// falls behind, the feed engine's next save waits: memory stays bounded and
// the articles are still analysed in the order they were saved.
const analysisQueue = 64

// analysisStage analyses a refresh's new articles beside the refresh: the
// engine's AfterSave hands each saved feed over (in commit order, so
// ascending article ids) and goes on fetching and saving. One goroutine
// gathers what has arrived into batches of up to analyzeBatchSize articles
// and analyses each on all cores (analyseBatch); a second files the analysed
// batches into stories and writes them (clusterer.assign, one transaction
// per batch), in order, while the next batch is being analysed. finish waits
// for both to drain.
type analysisStage struct {
	st    *store.Store
	in    chan []store.SavedArticle
	ready chan readyBatch // analysed batches, in order, waiting to be filed
	done  chan struct{}

	mu sync.Mutex
	// pending holds the analyses of batches analysed but not yet written,
	// by content hash: the next batch must see them as the store will, or a
	// repeated text would be analysed again and, with another title, differ
	// from a one-at-a-time run.
	pending map[string]pendingAnalysis
	err     error   // the first error: what follows is not analysed
	skipped []error // articles that could not be analysed; the rest were
}

type readyBatch struct {
	seq int
	out []analysed
}

type pendingAnalysis struct {
	seq  int // the batch it belongs to
	json []byte
}

func startAnalysis(ctx context.Context, st *store.Store) *analysisStage {
	s := &analysisStage{st: st, in: make(chan []store.SavedArticle, analysisQueue),
		ready: make(chan readyBatch, 1), done: make(chan struct{}), pending: map[string]pendingAnalysis{}}
	filed := make(chan struct{})
	go func() {
		defer close(filed)
		s.file(ctx)
	}()
	go func() {
		defer close(s.done)
		s.analyse(ctx)
		close(s.ready)
		<-filed
	}()
	return s
}

// add queues a feed's new articles; it blocks while the queue is full and
// gives up when ctx is done (the articles stay unanalysed in the store).
func (s *analysisStage) add(ctx context.Context, arts []store.SavedArticle) {
	if len(arts) == 0 {
		return
	}
	select {
	case s.in <- arts:
	case <-ctx.Done():
	}
}

func (s *analysisStage) failed() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.err != nil
}

func (s *analysisStage) fail(err error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.err == nil {
		s.err = err
	}
}

// cached is the store's analysis cache with the pending analyses over it.
func (s *analysisStage) cached(ctx context.Context, hashes []string) (map[string][]byte, error) {
	m, err := s.st.Analyses(ctx, hashes, summarize.Version)
	if err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, h := range hashes {
		if p, ok := s.pending[h]; ok {
			m[h] = p.json
		}
	}
	return m, nil
}

func (s *analysisStage) analyse(ctx context.Context) {
	seq := 0
	for arts := range s.in {
		batch := arts
	gather:
		for len(batch) < analyzeBatchSize {
			select {
			case more, ok := <-s.in:
				if !ok {
					break gather
				}
				batch = append(batch, more...)
			default:
				break gather
			}
		}
		// After an error or cancellation keep draining, so add never
		// blocks; what is not analysed stays for store.Unanalyzed.
		if s.failed() || ctx.Err() != nil {
			continue
		}
		out, skipped, err := analyseBatch(ctx, batch, 0, s.cached)
		if skipped != nil {
			s.mu.Lock()
			s.skipped = append(s.skipped, skipped)
			s.mu.Unlock()
		}
		if err != nil {
			s.fail(err)
			continue
		}
		if len(out) == 0 {
			continue
		}
		seq++
		s.mu.Lock()
		for _, a := range out {
			s.pending[a.entry.Hash] = pendingAnalysis{seq, a.entry.JSON}
		}
		s.mu.Unlock()
		s.ready <- readyBatch{seq, out}
	}
}

func (s *analysisStage) file(ctx context.Context) {
	for b := range s.ready {
		if !s.failed() && ctx.Err() == nil {
			if err := s.fileBatch(ctx, b.out); err != nil {
				s.fail(err)
			}
		}
		// Written (or failed, and then nothing later is written either):
		// the store answers for these hashes now, unless a later batch
		// has re-registered them.
		s.mu.Lock()
		for _, a := range b.out {
			if p, ok := s.pending[a.entry.Hash]; ok && p.seq == b.seq {
				delete(s.pending, a.entry.Hash)
			}
		}
		s.mu.Unlock()
	}
}

// fileBatch clusters and writes one batch. A panic (a bug in clustering or
// the store) fails the stage instead of the process: what follows stays
// unanalysed, as after any error, and the refresh itself is unharmed (when
// each feed analysed its own articles, its refresh's recover did this).
func (s *analysisStage) fileBatch(ctx context.Context, out []analysed) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("analysis: internal error: %v", p)
		}
	}()
	return clustererFor(s.st).assign(ctx, s.st, out)
}

// finish closes the queue (no add after it) and waits until every queued
// article is analysed and written; it returns the first error and the
// articles that could not be analysed.
func (s *analysisStage) finish() error {
	close(s.in)
	<-s.done
	s.mu.Lock()
	defer s.mu.Unlock()
	return errors.Join(append([]error{s.err}, s.skipped...)...)
}

type stageKey struct{}

func withStage(ctx context.Context, s *analysisStage) context.Context {
	return context.WithValue(ctx, stageKey{}, s)
}

func stageFrom(ctx context.Context) *analysisStage {
	s, _ := ctx.Value(stageKey{}).(*analysisStage)
	return s
}
