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

	a, err := newApp(ctx, cfg, dbPath)
	if err != nil {
		return err
	}
	defer a.Close()

	m := ui.New(ui.Options{
		Source:         a.st,
		Refresh:        a.uiRefresh,
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

// uiRefresh adapts app.refresh to the reader: all feeds when none are
// given, progress per finished feed.
func (a *app) uiRefresh(ctx context.Context, feeds []store.Feed, progress func(ui.Progress)) ui.RefreshResult {
	var only []string
	for _, f := range feeds {
		only = append(only, f.URL)
	}
	sum, err := a.refresh(ctx, only, false, func(p feed.Progress) {
		name := p.Feed.Title
		if name == "" {
			name = p.Feed.URL
		}
		progress(ui.Progress{Done: p.Done, Total: p.Total, Feed: name, New: p.New, Err: p.Err})
	})
	return ui.RefreshResult{New: sum.New, Failed: sum.Failed, Err: err}
}
