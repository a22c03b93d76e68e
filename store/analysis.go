package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
)

// Analysis returns a cached analysis (JSON) by content hash and analyser version.
func (s *Store) Analysis(ctx context.Context, hash, version string) ([]byte, bool, error) {
	var data []byte
	err := s.r.QueryRowContext(ctx, `SELECT json FROM analyses WHERE hash = ? AND version = ?`, hash, version).Scan(&data)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, wrap("read cached analysis", err)
	}
	return data, true, nil
}

// PutAnalysis caches an analysis and records the article's fact badges
// ("kind:state" or "kind") used by list badges and the fact filter.
//
// articleID 0 only caches. The badges replace the article's previous ones,
// in the given order (duplicates and blanks dropped). An unknown article
// gives ErrNotFound and caches nothing.
func (s *Store) PutAnalysis(ctx context.Context, articleID int64, hash, version string, data []byte, badges []string) error {
	err := s.PutAnalyses(ctx, []AnalysisEntry{{ArticleID: articleID, Hash: hash, Version: version, JSON: data, Badges: badges}})
	if err != nil {
		return fmt.Errorf("store analysis of article %d: %w", articleID, err)
	}
	return nil
}

// AnalysisEntry is one analysis for PutAnalyses.
type AnalysisEntry struct {
	ArticleID int64 // 0: cache only
	Hash      string
	Version   string
	JSON      []byte
	Badges    []string
}

// PutAnalyses is PutAnalysis for many articles in one transaction (one
// fsync): what a pipeline analysing a whole refresh wants. All or nothing.
func (s *Store) PutAnalyses(ctx context.Context, entries []AnalysisEntry) error {
	if len(entries) == 0 {
		return nil
	}
	_, err := s.SaveAnalyses(ctx, entries, nil)
	return err
}

// SaveAnalyses stores a batch of analyses (as PutAnalyses) and the batch's
// story assignments (as AssignStories) in one transaction: a batch is either
// analysed and filed into stories, or (cancelled, crashed, disk full) left
// entirely unanalysed for the next Unanalyzed to pick up. It returns the id
// each new (non-positive) story id was given.
func (s *Store) SaveAnalyses(ctx context.Context, entries []AnalysisEntry, as []StoryAssignment) (map[int64]int64, error) {
	op := "store analyses"
	if len(entries) == 0 {
		op = "assign stories"
	}
	created := map[int64]int64{}
	if len(entries) == 0 && len(as) == 0 {
		return created, nil
	}
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return nil, wrap(op, err)
	}
	defer tx.Rollback()
	if len(entries) > 0 {
		ps, err := prepareAnalysis(ctx, tx)
		if err != nil {
			return nil, wrap(op, err)
		}
		for _, e := range entries {
			if err := ps.put(ctx, e); err != nil {
				return nil, wrap(op, err)
			}
		}
	}
	if len(as) > 0 {
		if created, err = assignStories(ctx, tx, as); err != nil {
			return nil, wrap(op, err)
		}
	}
	if err := tx.Commit(); err != nil {
		return nil, wrap(op, err)
	}
	return created, nil
}

// analysisStmts are putAnalysis's statements, prepared once per transaction.
type analysisStmts struct {
	exists, cache, clearFacts, addFact, mark *sql.Stmt
}

func prepareAnalysis(ctx context.Context, tx *sql.Tx) (*analysisStmts, error) {
	var ps analysisStmts
	var err error
	prep := func(dst **sql.Stmt, q string) {
		if err == nil {
			*dst, err = tx.PrepareContext(ctx, q)
		}
	}
	prep(&ps.exists, `SELECT count(*) FROM articles WHERE id = ?`)
	prep(&ps.cache, `INSERT INTO analyses(hash, version, json, created) VALUES (?, ?, ?, ?)
		ON CONFLICT(hash, version) DO UPDATE SET json = excluded.json, created = excluded.created`)
	prep(&ps.clearFacts, `DELETE FROM article_facts WHERE article_id = ?`)
	prep(&ps.addFact, `INSERT INTO article_facts(article_id, badge, pos) VALUES (?, ?, ?)`)
	prep(&ps.mark, `UPDATE articles SET analyzed_hash = ?, analyzed_version = ? WHERE id = ?`)
	return &ps, err
}

func (ps *analysisStmts) put(ctx context.Context, e AnalysisEntry) error {
	data := e.JSON
	if data == nil {
		data = []byte{}
	}
	if e.ArticleID != 0 {
		var n int
		if err := ps.exists.QueryRowContext(ctx, e.ArticleID).Scan(&n); err != nil {
			return err
		}
		if n == 0 {
			return fmt.Errorf("article %d: %w", e.ArticleID, ErrNotFound)
		}
	}
	if _, err := ps.cache.ExecContext(ctx, e.Hash, e.Version, data, toDB(now())); err != nil {
		return err
	}
	if e.ArticleID == 0 {
		return nil
	}
	if _, err := ps.clearFacts.ExecContext(ctx, e.ArticleID); err != nil {
		return err
	}
	seen := map[string]bool{}
	pos := 0
	for _, b := range e.Badges {
		b = strings.TrimSpace(b)
		if b == "" || seen[b] {
			continue
		}
		seen[b] = true
		if _, err := ps.addFact.ExecContext(ctx, e.ArticleID, b, pos); err != nil {
			return err
		}
		pos++
	}
	_, err := ps.mark.ExecContext(ctx, e.Hash, e.Version, e.ArticleID)
	return err
}

// Analyses returns the cached analyses (JSON) of many content hashes for
// one analyser version, by hash; hashes without one are absent.
func (s *Store) Analyses(ctx context.Context, hashes []string, version string) (map[string][]byte, error) {
	out := make(map[string][]byte)
	for len(hashes) > 0 {
		n := min(inChunk, len(hashes))
		args := make([]any, 0, n+1)
		args = append(args, version)
		for _, h := range hashes[:n] {
			args = append(args, h)
		}
		rows, err := s.r.QueryContext(ctx, `SELECT hash, json FROM analyses WHERE version = ? AND hash IN `+placeholders(n), args...)
		if err != nil {
			return nil, wrap("read cached analyses", err)
		}
		for rows.Next() {
			var h string
			var data []byte
			if err := rows.Scan(&h, &data); err != nil {
				rows.Close()
				return nil, wrap("read cached analyses", err)
			}
			out[h] = data
		}
		err = rows.Err()
		rows.Close()
		if err != nil {
			return nil, wrap("read cached analyses", err)
		}
		hashes = hashes[n:]
	}
	return out, nil
}

// Unanalyzed returns up to limit ids of articles whose badges do not come
// from analyser version for their current text (new, updated, or analysed
// by another version), newest first. limit <= 0 means no limit.
func (s *Store) Unanalyzed(ctx context.Context, version string, limit int) ([]int64, error) {
	if limit <= 0 {
		limit = -1
	}
	rows, err := s.r.QueryContext(ctx, `SELECT id FROM articles
		WHERE analyzed_version <> ? OR analyzed_hash <> hash
		ORDER BY published DESC, id DESC LIMIT ?`, version, limit)
	if err != nil {
		return nil, wrap("list unanalysed articles", err)
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, wrap("list unanalysed articles", err)
		}
		ids = append(ids, id)
	}
	return ids, wrap("list unanalysed articles", rows.Err())
}
