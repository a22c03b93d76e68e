package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"
)

// feedTitleSQL is the display title: the config's, else the feed's own, else its URL.
const feedTitleSQL = `CASE WHEN f.title <> '' THEN f.title WHEN f.feed_title <> '' THEN f.feed_title ELSE f.url END`

const feedCols = `f.id, f.url, ` + feedTitleSQL + `, f.folder, f.site_url, f.etag, f.last_modified,
	f.last_fetch, f.last_success, f.next_fetch, f.last_error, f.failures, f.gone`

func scanFeed(sc interface{ Scan(...any) error }, extra ...any) (Feed, error) {
	var f Feed
	var lastFetch, lastSuccess, nextFetch int64
	dest := []any{&f.ID, &f.URL, &f.Title, &f.Folder, &f.SiteURL, &f.ETag, &f.LastModified,
		&lastFetch, &lastSuccess, &nextFetch, &f.LastError, &f.Failures, &f.Gone}
	dest = append(dest, extra...)
	if err := sc.Scan(dest...); err != nil {
		return Feed{}, err
	}
	f.LastFetch, f.LastSuccess, f.NextFetch = fromDB(lastFetch), fromDB(lastSuccess), fromDB(nextFetch)
	return f, nil
}

// SyncFeeds makes the stored feed list match specs (by URL): adds new ones,
// updates titles/folders, removes feeds no longer listed (and their articles'
// state is kept only while the feed exists). Returns the stored feeds.
//
// A spec matches a stored feed by the URL the config listed when the feed
// was added, or by the feed's current URL, so a feed that moved (301/308)
// keeps its articles whether or not the user updates the config.
func (s *Store) SyncFeeds(ctx context.Context, specs []FeedSpec) ([]Feed, error) {
	if err := s.syncFeeds(ctx, specs); err != nil {
		return nil, wrap("sync feeds", err)
	}
	return s.Feeds(ctx)
}

func (s *Store) syncFeeds(ctx context.Context, specs []FeedSpec) error {
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()

	type stored struct {
		id             int64
		configURL, url string
		title, folder  string
		claimed        bool
	}
	rows, err := tx.QueryContext(ctx, `SELECT id, config_url, url, title, folder FROM feeds`)
	if err != nil {
		return err
	}
	var feeds []*stored
	byConfig := map[string]*stored{}
	byURL := map[string]*stored{}
	for rows.Next() {
		f := &stored{}
		if err := rows.Scan(&f.id, &f.configURL, &f.url, &f.title, &f.folder); err != nil {
			rows.Close()
			return err
		}
		feeds = append(feeds, f)
		byConfig[f.configURL] = f
		byURL[f.url] = f
	}
	if err := rows.Close(); err != nil {
		return err
	}

	// Two passes: exact config URL matches first, so a spec naming a moved
	// feed's new URL cannot steal it from the spec that added it.
	seen := map[string]bool{}
	var pending []FeedSpec
	for _, sp := range specs {
		sp.URL = strings.TrimSpace(sp.URL)
		if sp.URL == "" || seen[sp.URL] {
			continue
		}
		seen[sp.URL] = true
		if f := byConfig[sp.URL]; f != nil && !f.claimed {
			f.claimed = true
			if err := updateSpec(ctx, tx, f.id, f.title, f.folder, sp); err != nil {
				return err
			}
			continue
		}
		pending = append(pending, sp)
	}
	for _, sp := range pending {
		if f := byURL[sp.URL]; f != nil {
			if f.claimed {
				continue // the same feed listed twice (old and new URL): keep one
			}
			f.claimed = true
			if _, err := tx.ExecContext(ctx, `UPDATE feeds SET config_url = ? WHERE id = ?`, sp.URL, f.id); err != nil {
				return fmt.Errorf("update feed %s: %w", sp.URL, err)
			}
			if err := updateSpec(ctx, tx, f.id, f.title, f.folder, sp); err != nil {
				return err
			}
			continue
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO feeds(config_url, url, title, folder) VALUES (?, ?, ?, ?)`,
			sp.URL, sp.URL, sp.Title, sp.Folder); err != nil {
			return fmt.Errorf("add feed %s: %w", sp.URL, err)
		}
	}
	removed := false
	for _, f := range feeds {
		if f.claimed {
			continue
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM feeds WHERE id = ?`, f.id); err != nil {
			return fmt.Errorf("remove feed %s: %w", f.url, err)
		}
		removed = true
	}
	if removed {
		// Cached analyses of texts no article has any more.
		if _, err := tx.ExecContext(ctx, `DELETE FROM analyses WHERE hash NOT IN (SELECT hash FROM articles)`); err != nil {
			return fmt.Errorf("prune analyses: %w", err)
		}
	}
	return tx.Commit()
}

func updateSpec(ctx context.Context, tx *sql.Tx, id int64, title, folder string, sp FeedSpec) error {
	if title == sp.Title && folder == sp.Folder {
		return nil
	}
	if _, err := tx.ExecContext(ctx, `UPDATE feeds SET title = ?, folder = ? WHERE id = ?`, sp.Title, sp.Folder, id); err != nil {
		return fmt.Errorf("update feed %s: %w", sp.URL, err)
	}
	return nil
}

// Feeds lists all feeds with unread and total counts, ordered by folder then title.
// The counts are of what the default list shows: archived articles are not counted.
func (s *Store) Feeds(ctx context.Context) ([]Feed, error) {
	rows, err := s.r.QueryContext(ctx, `
SELECT `+feedCols+`, f.n_unread, f.n_total
FROM feeds f
ORDER BY f.folder, lower(`+feedTitleSQL+`), f.id`)
	if err != nil {
		return nil, wrap("list feeds", err)
	}
	defer rows.Close()
	var out []Feed
	for rows.Next() {
		var unread, total int
		f, err := scanFeed(rows, &unread, &total)
		if err != nil {
			return nil, wrap("list feeds", err)
		}
		f.Unread, f.Total = unread, total
		out = append(out, f)
	}
	if err := rows.Err(); err != nil {
		return nil, wrap("list feeds", err)
	}
	return out, nil
}

// Feed returns one feed (with its counts).
func (s *Store) Feed(ctx context.Context, id int64) (Feed, error) {
	row := s.r.QueryRowContext(ctx, `
SELECT `+feedCols+`, f.n_unread, f.n_total
FROM feeds f WHERE f.id = ?`, id)
	var unread, total int
	f, err := scanFeed(row, &unread, &total)
	if errors.Is(err, sql.ErrNoRows) {
		return Feed{}, fmt.Errorf("feed %d: %w", id, ErrNotFound)
	}
	if err != nil {
		return Feed{}, wrap(fmt.Sprintf("feed %d", id), err)
	}
	f.Unread, f.Total = unread, total
	return f, nil
}

// maxErrorLen bounds the stored error text (a server can put anything in a status line).
const maxErrorLen = 1000

// RecordFetch stores the outcome of one fetch attempt (validators, error,
// consecutive failures, next fetch time, gone, moved URL).
//
// On success (Err == nil, 200 or 304) failures and the error reset; the
// validators are replaced on 200 (a response without ETag clears the old
// one) and kept on 304 unless new ones are given. On failure the failure
// count grows and the error text is kept. A NewURL that already belongs to
// another feed is not applied (the two subscriptions would merge); the rest
// of the result still is.
func (s *Store) RecordFetch(ctx context.Context, r FetchResult) error {
	op := fmt.Sprintf("record fetch of feed %d", r.FeedID)
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return wrap(op, err)
	}
	defer tx.Rollback()
	if err := recordFetch(ctx, tx, r); err != nil {
		return wrap(op, err)
	}
	return wrap(op, tx.Commit())
}

// recordFetch is RecordFetch inside a caller's transaction (SaveFetch).
func recordFetch(ctx context.Context, tx *sql.Tx, r FetchResult) error {
	var curURL, etag, lastMod string
	err := tx.QueryRowContext(ctx, `SELECT url, etag, last_modified FROM feeds WHERE id = ?`, r.FeedID).Scan(&curURL, &etag, &lastMod)
	if errors.Is(err, sql.ErrNoRows) {
		return ErrNotFound
	}
	if err != nil {
		return err
	}
	at := r.At
	if at.IsZero() {
		at = now()
	}
	gone := 0
	if r.Gone {
		gone = 1
	}
	if r.Err == nil {
		if !r.NotModified || r.ETag != "" {
			etag = r.ETag
		}
		if !r.NotModified || r.LastModified != "" {
			lastMod = r.LastModified
		}
		_, err = tx.ExecContext(ctx, `
UPDATE feeds SET last_fetch = ?, last_success = ?, next_fetch = ?, last_error = '', failures = 0,
	gone = ?, etag = ?, last_modified = ?,
	feed_title = CASE WHEN ? <> '' THEN ? ELSE feed_title END,
	site_url = CASE WHEN ? <> '' THEN ? ELSE site_url END
WHERE id = ?`, toDB(at), toDB(at), toDB(r.NextFetch), gone, etag, lastMod,
			r.Title, r.Title, r.SiteURL, r.SiteURL, r.FeedID)
	} else {
		msg := r.Err.Error()
		if len(msg) > maxErrorLen {
			msg = msg[:maxErrorLen]
			for !utf8.ValidString(msg) {
				msg = msg[:len(msg)-1]
			}
			msg += "…"
		}
		_, err = tx.ExecContext(ctx, `
UPDATE feeds SET last_fetch = ?, next_fetch = ?, last_error = ?, failures = failures + 1,
	gone = CASE WHEN ? THEN 1 ELSE gone END
WHERE id = ?`, toDB(at), toDB(r.NextFetch), msg, gone, r.FeedID)
	}
	if err != nil {
		return err
	}
	if r.NewURL != "" && r.NewURL != curURL {
		var other int64
		err := tx.QueryRowContext(ctx, `SELECT id FROM feeds WHERE url = ? AND id <> ?`, r.NewURL, r.FeedID).Scan(&other)
		switch {
		case errors.Is(err, sql.ErrNoRows):
			if _, err := tx.ExecContext(ctx, `UPDATE feeds SET url = ? WHERE id = ?`, r.NewURL, r.FeedID); err != nil {
				return err
			}
		case err != nil:
			return err
		}
	}
	return nil
}
