package store

import (
	"context"
	"fmt"
)

// Durability of state changes.
//
// The writer connection runs with PRAGMA synchronous=FULL (see dsn). In WAL
// mode that makes every COMMIT fsync the WAL before it returns, so when
// SetRead/SetStarred/SetArchived return nil the change is on stable storage:
// it survives a kill -9 of the process AND a power loss or kernel crash.
//
// synchronous=NORMAL would survive kill -9 too (the committed frames are in
// the OS page cache, which outlives the process), but not a power loss: WAL
// frames are only fsynced at checkpoint, so the last transactions can roll
// back. "Acknowledged means durable" must hold for power loss as well, so we
// pay one fsync per state change (about a millisecond on SSDs; a keypress in
// the TUI is far slower than that). SaveItems gets the same guarantee for
// free since it shares the connection: one fsync per feed refreshed.

// SetRead, SetStarred and SetArchived change state durably: when they return
// nil the change survives a crash.
//
// SetRead applies to all ids in one transaction (a "mark all read" of
// 50,000 articles is one commit). Ids that no longer exist (their feed was
// removed meanwhile) are skipped; only when none exists is the error
// ErrNotFound. ReadAt is the time of the change to read, zero when unread.
func (s *Store) SetRead(ctx context.Context, ids []int64, read bool) error {
	return s.setFlag(ctx, "read", ids, read)
}

// SetStarred sets the starred flag of one article.
func (s *Store) SetStarred(ctx context.Context, id int64, starred bool) error {
	return s.setFlag(ctx, "starred", []int64{id}, starred)
}

// SetArchived sets the archived flag of one article.
func (s *Store) SetArchived(ctx context.Context, id int64, archived bool) error {
	return s.setFlag(ctx, "archived", []int64{id}, archived)
}

// setFlag sets column (read, starred or archived: constants, never user
// input) and its _at timestamp, in chunks of ids below SQLite's parameter
// limit. Rows already in the wanted state keep their timestamp.
func (s *Store) setFlag(ctx context.Context, column string, ids []int64, on bool) error {
	op := fmt.Sprintf("set %s=%v on %d article(s)", column, on, len(ids))
	if len(ids) == 0 {
		return nil
	}
	v, at := 0, int64(0)
	if on {
		v, at = 1, toDB(now())
	}
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return wrap(op, err)
	}
	defer tx.Rollback()
	found := 0
	for start := 0; start < len(ids); start += inChunk {
		part := ids[start:min(start+inChunk, len(ids))]
		in := placeholders(len(part))
		args := make([]any, 0, len(part)+3)
		args = append(args, v, at)
		for _, id := range part {
			args = append(args, id)
		}
		args = append(args, v)
		if _, err := tx.ExecContext(ctx, `UPDATE articles SET `+column+` = ?, `+column+`_at = ? WHERE id IN `+in+` AND `+column+` <> ?`, args...); err != nil {
			return wrap(op, err)
		}
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM articles WHERE id IN `+in, args[2:len(args)-1]...).Scan(&n); err != nil {
			return wrap(op, err)
		}
		found += n
	}
	if found == 0 {
		if len(ids) == 1 {
			return wrap(op, fmt.Errorf("article %d: %w", ids[0], ErrNotFound))
		}
		return wrap(op, fmt.Errorf("none of the articles exists: %w", ErrNotFound))
	}
	return wrap(op, tx.Commit())
}
