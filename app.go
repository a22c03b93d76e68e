package main

import (
	"context"
	"fmt"
	"time"

	"github.com/sitrep-news/sitrep/config"
	"github.com/sitrep-news/sitrep/feed"
	"github.com/sitrep-news/sitrep/feed/clean"
	"github.com/sitrep-news/sitrep/store"
	"github.com/sitrep-news/sitrep/summarize"
)

// app is what every command that reads or refreshes feeds needs: the config,
// the open store (synced with the config's feed list), the cleaner and the
// feed engine, whose saves are analysed as they land.
type app struct {
	cfg     *config.Config
	st      *store.Store
	cleaner *clean.Cleaner
	engine  *feed.Engine
	feeds   []store.Feed // the stored feeds after SyncFeeds

	opts feed.Options

	// skipAnalysis leaves new articles unanalysed (fetch --no-analyze); the
	// next analyzeRest picks them up. Set before Refresh starts.
	skipAnalysis bool
}

// openApp loads the config, opens the store, mirrors the config's feeds into
// it and builds the cleaner and engine. Close it when done.
func openApp(ctx context.Context, g *globalFlags) (*app, error) {
	cfg, err := config.Load(config.ConfigPath(g.configPath))
	if err != nil {
		return nil, err
	}
	return newApp(ctx, cfg, config.DBPath(g.dbPath))
}

// newApp is openApp for a config already in hand (the demo builds its own).
func newApp(ctx context.Context, cfg *config.Config, dbPath string) (*app, error) {
	cleaner, err := clean.New(cfg.Clean.Boilerplate)
	if err != nil {
		return nil, fmt.Errorf("config clean.boilerplate: %w", err)
	}
	st, err := store.Open(dbPath)
	if err != nil {
		return nil, err
	}
	specs := make([]store.FeedSpec, 0, len(cfg.Feeds))
	perFeed := make(map[string]feed.FeedOptions, len(cfg.Feeds))
	for _, f := range cfg.Feeds {
		specs = append(specs, store.FeedSpec{URL: f.URL, Title: f.Title, Folder: f.Folder})
		perFeed[f.URL] = feed.FeedOptions{FullText: f.FullTextMode(), Interval: cfg.FeedInterval(f)}
	}
	feeds, err := st.SyncFeeds(ctx, specs)
	if err != nil {
		st.Close()
		return nil, err
	}
	// A feed that moved (301/308) is stored under its new URL: give it the
	// options its config entry (old URL) has.
	for _, f := range feeds {
		if _, ok := perFeed[f.URL]; !ok {
			for _, c := range cfg.Feeds {
				if store.CanonicalURL(c.URL) == store.CanonicalURL(f.URL) {
					perFeed[f.URL] = feed.FeedOptions{FullText: c.FullTextMode(), Interval: cfg.FeedInterval(c)}
				}
			}
		}
	}
	a := &app{cfg: cfg, st: st, cleaner: cleaner, feeds: feeds}
	a.opts = feed.Options{
		Refresh: cfg.Refresh,
		Feeds:   perFeed,
		Cleaner: cleaner,
		AfterSave: func(ctx context.Context, _ int64, res store.SaveResult) {
			// refresh runs the engine with its analysis stage in ctx (none
			// with skipAnalysis): hand the new articles over and go on, as
			// AfterSave holds up the next feed's save. Updated articles are
			// analysed by analyzeRest at the end.
			if s := stageFrom(ctx); s != nil {
				s.add(ctx, res.Articles)
			}
		},
	}
	a.engine = feed.New(st, a.opts)
	return a, nil
}

// engineWith returns an engine like a.engine but with force set.
func (a *app) engineWith(force bool) *feed.Engine {
	if !force {
		return a.engine
	}
	o := a.opts
	o.Force = true
	return feed.New(a.st, o)
}

// refresh re-reads the stored feeds (for current validators, backoff and
// gone flags), refreshes those matching only (all when only is empty; URLs
// as in the config or as stored) while an analysis stage analyses the new
// articles as their feeds are saved, then analyses what that left
// unanalysed (updated articles, anything an earlier run left). Analysis problems become warnings. The
// reader calls this from a tea.Cmd; progress is never called concurrently.
func (a *app) refresh(ctx context.Context, only []string, force bool, progress func(feed.Progress)) (feed.Summary, error) {
	stored, err := a.st.Feeds(ctx)
	if err != nil {
		return feed.Summary{}, err
	}
	feeds := stored
	if len(only) > 0 {
		feeds = nil
		for _, u := range only {
			f, ok := findFeed(stored, u)
			if !ok {
				return feed.Summary{}, usagef("--feed %s: not in the config (add it with: sitrep feeds add URL)", clean.Safe(u))
			}
			feeds = append(feeds, f)
		}
	}
	start := time.Now()
	var stage *analysisStage
	rctx := ctx
	if !a.skipAnalysis {
		stage = startAnalysis(ctx, a.st)
		rctx = withStage(ctx, stage)
	}
	sum := a.engineWith(force).Refresh(rctx, feeds, progress)
	if stage != nil {
		// The stage runs beside the refresh; wait for what it still has
		// queued (a cancelled ctx stops it: those stay unanalysed).
		if err := stage.finish(); err != nil && ctx.Err() == nil {
			sum.Warnings = append(sum.Warnings, feed.FeedError{Err: fmt.Errorf("analysis: %w", err)})
		}
	}
	if !a.skipAnalysis {
		if err := a.analyzeRest(ctx); err != nil && ctx.Err() == nil {
			sum.Warnings = append(sum.Warnings, feed.FeedError{Err: fmt.Errorf("analysis: %w", err)})
		}
	}
	if cut := a.opts.Cutoff(time.Now()); !cut.IsZero() && ctx.Err() == nil {
		// After the analysis, so the batch just analysed is not racing
		// the deletes. A failed prune loses nothing: the next one retries.
		n, err := a.st.Prune(ctx, cut)
		sum.Pruned = n
		if err != nil && ctx.Err() == nil {
			sum.Warnings = append(sum.Warnings, feed.FeedError{Err: err})
		}
		if n > 0 {
			// The story index still holds the pruned articles'
			// signatures: rebuild it from the store on next use.
			clustererFor(a.st).reset()
		}
	}
	// The refresh's own figure stops when the last feed is saved; the
	// user waited for the analysis too.
	sum.Elapsed = time.Since(start)
	return sum, nil
}

// analyzeRest analyses every article whose stored analysis is missing or
// stale (updated articles, a new analyser version).
func (a *app) analyzeRest(ctx context.Context) error {
	ids, err := a.st.Unanalyzed(ctx, summarize.Version, 0)
	if err != nil {
		return err
	}
	return analyzeArticles(ctx, a.st, ids)
}

// Close closes the store.
func (a *app) Close() error { return a.st.Close() }
