package store

import (
	"context"
	"fmt"
	"strings"
	"time"
)

// pruneChunk is how many articles one Prune transaction deletes. Each chunk
// commits on its own, so a read or star change from the reader (same writer
// connection) waits for one chunk, not for the whole prune.
const pruneChunk = 1000

// Prune deletes the articles published before before that are not starred
// and returns how many it deleted. Their bodies, fact badges, story
// signatures and search entries go with them (ON DELETE CASCADE and the
// articles_fts_ad trigger), and the feed counters follow (articles_count_ad).
// Prune also deletes the cached analyses no remaining article has the hash
// of. Stories left without articles stay (a few bytes each): a reader open
// beside a cron fetch may still file new articles into such a story from its
// in-memory index, and deleting the row would make that write fail.
//
// The work is split into transactions of pruneChunk articles; a cancelled ctx
// stops between chunks, keeping what was already deleted.
func (s *Store) Prune(ctx context.Context, before time.Time) (int, error) {
	total := 0
	for {
		if err := ctx.Err(); err != nil {
			return total, wrap("prune old articles", err)
		}
		n, err := s.pruneChunk(ctx, before)
		total += n
		if err != nil {
			return total, wrap(fmt.Sprintf("prune old articles (%d deleted so far)", total), err)
		}
		if n < pruneChunk {
			return total, nil
		}
	}
}

// pruneChunk deletes up to pruneChunk articles and what only they used, in
// one transaction.
func (s *Store) pruneChunk(ctx context.Context, before time.Time) (int, error) {
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return 0, err
	}
	defer tx.Rollback()
	rows, err := tx.QueryContext(ctx, `SELECT id, hash FROM articles
		WHERE published < ? AND starred = 0 LIMIT ?`, toDB(before), pruneChunk)
	if err != nil {
		return 0, err
	}
	var ids []any
	hashes := map[string]bool{}
	for rows.Next() {
		var id int64
		var hash string
		if err := rows.Scan(&id, &hash); err != nil {
			rows.Close()
			return 0, err
		}
		ids = append(ids, id)
		if hash != "" {
			hashes[hash] = true
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return 0, err
	}
	if len(ids) == 0 {
		return 0, nil
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM articles WHERE id IN `+placeholders(len(ids)), ids...); err != nil {
		return 0, err
	}
	if len(hashes) > 0 {
		args := make([]any, 0, len(hashes))
		for h := range hashes {
			args = append(args, h)
		}
		// Every version of the analysis goes: the cache is keyed by hash.
		if _, err := tx.ExecContext(ctx, `DELETE FROM analyses WHERE hash IN `+placeholders(len(args))+`
			AND NOT EXISTS (SELECT 1 FROM articles WHERE articles.hash = analyses.hash)`, args...); err != nil {
			return 0, err
		}
	}
	return len(ids), tx.Commit()
}

// inChunk bounds the ids or hashes of one IN list, well below SQLite's
// bound-parameter limit, for lists of any length (unpaged lists, big batches).
const inChunk = 500

// placeholders returns "(?,?,…)" with n marks (n > 0).
func placeholders(n int) string {
	return "(?" + strings.Repeat(",?", n-1) + ")"
}
