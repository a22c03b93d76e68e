// Package ui is sitrep's reader: a bubbletea v2 program with one root model
// (Model) and plain sub-components (feed column, article list, reader,
// sidebar, status line). Update never does IO: store reads and writes,
// refreshes, glamour renders and analysis run in tea.Cmds and come back as
// messages. View only assembles cached strings.
package ui

import (
	"context"

	"github.com/sitrep-news/sitrep/store"
)

// Source is what the reader needs from the store. *store.Store satisfies it;
// tests use a fake.
type Source interface {
	List(ctx context.Context, q store.Query) ([]store.Row, error)
	Count(ctx context.Context, q store.Query) (int, error)
	Article(ctx context.Context, id int64) (store.Article, error)
	SetRead(ctx context.Context, ids []int64, read bool) error
	SetStarred(ctx context.Context, id int64, starred bool) error
	SetArchived(ctx context.Context, id int64, archived bool) error
	Feeds(ctx context.Context) ([]store.Feed, error)
	Analysis(ctx context.Context, hash, version string) ([]byte, bool, error)
	PutAnalysis(ctx context.Context, articleID int64, hash, version string, data []byte, badges []string) error
	StoryArticles(ctx context.Context, storyID int64) ([]int64, error) // newest first
}

// Progress is one step of a background refresh, as the feed engine reports it.
type Progress struct {
	Done, Total int
	Feed        string // feed title (sanitised by the UI before display)
	New         int    // new articles from this feed
	Err         error
}

// RefreshResult summarises a finished refresh.
type RefreshResult struct {
	New    int   // new articles stored
	Failed int   // feeds that failed
	Err    error // a failure of the whole refresh (not of one feed)
}

// RefreshFunc refreshes feeds (all of them when feeds is nil) and reports
// progress from any goroutine. main adapts feed.Engine to it.
type RefreshFunc func(ctx context.Context, feeds []store.Feed, progress func(Progress)) RefreshResult
