package store

import (
	"context"
	"errors"
)

var errTODO = errors.New("store: not implemented yet")

// Store is an open sitrep database: one writer connection plus a reader pool.
type Store struct{}

// Open opens (creating and migrating if needed) the database at path.
func Open(path string) (*Store, error) { return nil, errTODO }

// Close closes the database.
func (s *Store) Close() error { return nil }

// SyncFeeds makes the stored feed list match specs (by URL): adds new ones,
// updates titles/folders, removes feeds no longer listed (and their articles'
// state is kept only while the feed exists). Returns the stored feeds.
func (s *Store) SyncFeeds(ctx context.Context, specs []FeedSpec) ([]Feed, error) {
	return nil, errTODO
}

// Feeds lists all feeds with unread and total counts, ordered by folder then title.
func (s *Store) Feeds(ctx context.Context) ([]Feed, error) { return nil, errTODO }

// Feed returns one feed.
func (s *Store) Feed(ctx context.Context, id int64) (Feed, error) { return Feed{}, errTODO }

// RecordFetch stores the outcome of one fetch attempt (validators, error,
// consecutive failures, next fetch time, gone, moved URL).
func (s *Store) RecordFetch(ctx context.Context, r FetchResult) error { return errTODO }

// SaveItems upserts items of a feed. Dedup by (feed, guid), then canonical
// URL, then content hash; an updated article keeps its state.
func (s *Store) SaveItems(ctx context.Context, feedID int64, items []Item) (SaveResult, error) {
	return SaveResult{}, errTODO
}

// List returns the rows matching q, newest first.
func (s *Store) List(ctx context.Context, q Query) ([]Row, error) { return nil, errTODO }

// Count returns how many rows match q (ignoring Limit/Offset).
func (s *Store) Count(ctx context.Context, q Query) (int, error) { return 0, errTODO }

// Article returns one article with its body and state.
func (s *Store) Article(ctx context.Context, id int64) (Article, error) {
	return Article{}, errTODO
}

// SetRead, SetStarred and SetArchived change state durably: when they return
// nil the change survives a crash.
func (s *Store) SetRead(ctx context.Context, ids []int64, read bool) error { return errTODO }

// SetStarred sets the starred flag of one article.
func (s *Store) SetStarred(ctx context.Context, id int64, starred bool) error { return errTODO }

// SetArchived sets the archived flag of one article.
func (s *Store) SetArchived(ctx context.Context, id int64, archived bool) error { return errTODO }

// Analysis returns a cached analysis (JSON) by content hash and analyser version.
func (s *Store) Analysis(ctx context.Context, hash, version string) ([]byte, bool, error) {
	return nil, false, errTODO
}

// PutAnalysis caches an analysis and records the article's fact badges
// ("kind:state" or "kind") used by list badges and the fact filter.
func (s *Store) PutAnalysis(ctx context.Context, articleID int64, hash, version string, data []byte, badges []string) error {
	return errTODO
}
