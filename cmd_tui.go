package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/spf13/cobra"

	"github.com/sitrep-news/sitrep/config"
	"github.com/sitrep-news/sitrep/demo"
	"github.com/sitrep-news/sitrep/feed"
	"github.com/sitrep-news/sitrep/feed/clean"
	"github.com/sitrep-news/sitrep/store"
	"github.com/sitrep-news/sitrep/ui"
)

// runTUI opens the reader, on the user's feeds or (demo) on the embedded
// sample feeds served from loopback into a temporary store removed at exit.
// The first refresh runs in the background through the real feed engine,
// with its progress in the status line.
func runTUI(cmd *cobra.Command, g *globalFlags, demoMode bool) error {
	ctx := cmd.Context()
	if ctx == nil {
		ctx = context.Background()
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	var (
		cfg    *config.Config
		dbPath string
		status string
	)
	if demoMode {
		srv, err := demo.Start()
		if err != nil {
			return err
		}
		defer srv.Close()
		cfg = config.Default()
		cfg.Feeds = srv.Feeds()
		path, cleanup, err := demo.TempStorePath()
		if err != nil {
			return err
		}
		defer cleanup()
		dbPath = path
		status = "demo: sample feeds served from " + srv.URL() + " into a temporary store"
	} else {
		var err error
		if cfg, err = config.Load(config.ConfigPath(g.configPath)); err != nil {
			return err
		}
		dbPath = config.DBPath(g.dbPath)
	}
	actions, err := cfg.Actions()
	if err != nil {
		return usagef("config keymap: %v", err)
	}

	st, err := store.Open(dbPath)
	if err != nil {
		return fmt.Errorf("open database %s: %w", dbPath, err)
	}
	defer st.Close()
	specs := make([]store.FeedSpec, 0, len(cfg.Feeds))
	perFeed := map[string]feed.FeedOptions{}
	for _, f := range cfg.Feeds {
		specs = append(specs, store.FeedSpec{URL: f.URL, Title: f.Title, Folder: f.Folder})
		perFeed[f.URL] = feed.FeedOptions{FullText: f.FullTextMode()}
	}
	if _, err := st.SyncFeeds(ctx, specs); err != nil {
		return fmt.Errorf("sync feeds from %s: %w", cfg.Path, err)
	}
	cleaner, err := clean.New(cfg.Clean.Boilerplate)
	if err != nil {
		return fmt.Errorf("config clean.boilerplate: %w", err)
	}
	eng := feed.New(st, feed.Options{
		Refresh: cfg.Refresh,
		Feeds:   perFeed,
		Cleaner: cleaner,
		AfterSave: func(ctx context.Context, feedID int64, res store.SaveResult) {
			// Analyse new articles as they land so the list shows fact badges.
			_ = analyzeArticles(ctx, st, res.NewIDs)
		},
	})

	m := ui.New(ui.Options{
		Source:         st,
		Refresh:        refresher(st, eng),
		Config:         cfg,
		Actions:        actions,
		Context:        ctx,
		RefreshOnStart: len(cfg.Feeds) > 0, // the engine skips feeds that are not due
		AutoRefresh:    time.Minute,        // likewise: each feed at its own interval
		Status:         status,
	})
	opts := []tea.ProgramOption{tea.WithContext(ctx)}
	if g.noColor || os.Getenv("NO_COLOR") != "" {
		opts = append(opts, tea.WithColorProfile(colorprofile.Ascii))
	}
	if _, err := tea.NewProgram(m, opts...).Run(); err != nil && !errors.Is(err, tea.ErrProgramKilled) {
		return fmt.Errorf("reader: %w", err)
	}
	return nil
}

// refresher adapts the feed engine to the reader: all feeds when none are
// given, progress per finished feed.
func refresher(st *store.Store, eng *feed.Engine) ui.RefreshFunc {
	return func(ctx context.Context, feeds []store.Feed, progress func(ui.Progress)) ui.RefreshResult {
		if feeds == nil {
			var err error
			if feeds, err = st.Feeds(ctx); err != nil {
				return ui.RefreshResult{Err: err}
			}
		}
		sum := eng.Refresh(ctx, feeds, func(p feed.Progress) {
			name := p.Feed.Title
			if name == "" {
				name = p.Feed.URL
			}
			progress(ui.Progress{Done: p.Done, Total: p.Total, Feed: name, New: p.New, Err: p.Err})
		})
		return ui.RefreshResult{New: sum.New, Failed: sum.Failed}
	}
}
