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
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return wrap("store analyses", err)
	}
	defer tx.Rollback()
	for _, e := range entries {
		if err := putAnalysis(ctx, tx, e); err != nil {
			return wrap("store analyses", err)
		}
	}
	return wrap("store analyses", tx.Commit())
}

func putAnalysis(ctx context.Context, tx *sql.Tx, e AnalysisEntry) error {
	data := e.JSON
	if data == nil {
		data = []byte{}
	}
	if e.ArticleID != 0 {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM articles WHERE id = ?`, e.ArticleID).Scan(&n); err != nil {
			return err
		}
		if n == 0 {
			return fmt.Errorf("article %d: %w", e.ArticleID, ErrNotFound)
		}
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO analyses(hash, version, json, created) VALUES (?, ?, ?, ?)
		ON CONFLICT(hash, version) DO UPDATE SET json = excluded.json, created = excluded.created`,
		e.Hash, e.Version, data, toDB(now())); err != nil {
		return err
	}
	if e.ArticleID == 0 {
		return nil
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM article_facts WHERE article_id = ?`, e.ArticleID); err != nil {
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
		if _, err := tx.ExecContext(ctx, `INSERT INTO article_facts(article_id, badge, pos) VALUES (?, ?, ?)`, e.ArticleID, b, pos); err != nil {
			return err
		}
		pos++
	}
	_, err := tx.ExecContext(ctx, `UPDATE articles SET analyzed_hash = ?, analyzed_version = ? WHERE id = ?`, e.Hash, e.Version, e.ArticleID)
	return err
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
