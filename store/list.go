package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math"
	"strings"
)

// where builds the WHERE clause of q over articles aliased a. Every column
// it filters on is in the list indexes, so the id-selecting subquery of List
// and Count read only the index.
func where(q Query) (string, []any) { return wherePlan(q, plan{}) }

// plan says how List should evaluate the search and fact filters.
//
// By default a filter's matches drive the query: each matching article is
// looked up and the matches are sorted by date, which costs in proportion
// to the number of matches: ideal for a rare word, slow for one in 40% of
// 100,000 articles. With scan set, the list index is walked newest first
// and each entry is checked against the (once materialised) match set, so
// a page costs in proportion to (offset+limit)/selectivity instead.
type plan struct {
	searchScan, factScan bool
}

func wherePlan(q Query, p plan) (string, []any) {
	conds, args := filtersPlan(q, "a", p)
	if q.Stories {
		// One row per story: the newest article of the story that matches
		// the same filters stands for it.
		bc, bargs := filters(q, "b")
		sub := "SELECT b.id FROM articles b WHERE b.story_id = a.story_id"
		for _, c := range bc {
			sub += " AND " + c
		}
		conds = append(conds, "(a.story_id IS NULL OR a.id = ("+sub+" ORDER BY b.published DESC, b.id DESC LIMIT 1))")
		args = append(args, bargs...)
	}
	if len(conds) == 0 {
		return "", nil
	}
	return " WHERE " + strings.Join(conds, " AND "), args
}

// filters returns q's conditions over articles aliased al.
func filters(q Query, al string) ([]string, []any) { return filtersPlan(q, al, plan{}) }

func filtersPlan(q Query, al string, p plan) ([]string, []any) {
	// A unary + makes a term unusable as an index driver: the planner then
	// walks the list index in order and probes the materialised set.
	factID, searchID := al+".id", al+".id"
	if p.factScan {
		factID = "+" + factID
	}
	if p.searchScan {
		searchID = "+" + searchID
	}
	var conds []string
	var args []any
	if !q.IncludeArchived {
		conds = append(conds, al+".archived = 0")
	}
	if q.FeedID != 0 {
		conds = append(conds, al+".feed_id = ?")
		args = append(args, q.FeedID)
	}
	if q.Folder != "" {
		// Unary + keeps the planner on the list index (in order, covering)
		// instead of gathering the folder's feeds and sorting them all.
		conds = append(conds, "+"+al+".feed_id IN (SELECT id FROM feeds WHERE folder = ?)")
		args = append(args, q.Folder)
	}
	if q.UnreadOnly {
		conds = append(conds, al+".read = 0")
	}
	if q.StarredOnly {
		conds = append(conds, al+".starred = 1")
	}
	if !q.Since.IsZero() {
		conds = append(conds, al+".published >= ?")
		args = append(args, toDB(q.Since))
	}
	if f := strings.TrimSpace(q.Fact); f != "" {
		if strings.Contains(f, ":") {
			conds = append(conds, factID+" IN (SELECT article_id FROM article_facts WHERE badge = ?)")
			args = append(args, f)
		} else {
			// "kind" matches the bare badge and every "kind:state".
			conds = append(conds, factID+" IN (SELECT article_id FROM article_facts WHERE badge = ? OR (badge >= ? AND badge < ?))")
			args = append(args, f, f+":", f+";") // ';' sorts right after ':'
		}
	}
	if m := FTSQuery(q.Search); m != "" {
		conds = append(conds, searchID+" IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)")
		args = append(args, m)
	}
	return conds, args
}

// List returns the rows matching q, newest first (published, then id).
//
// The page is chosen by a subquery over the covering list index (so an
// OFFSET of 50,000 skips index entries, not table rows), and only the
// page's rows are then read with their feed title and badges.
func (s *Store) List(ctx context.Context, q Query) ([]Row, error) {
	p, err := s.listPlan(ctx, q)
	if err != nil {
		return nil, wrap("list articles", err)
	}
	return s.list(ctx, q, p)
}

func (s *Store) list(ctx context.Context, q Query, p plan) ([]Row, error) {
	w, args := wherePlan(q, p)
	page := ""
	if q.Limit > 0 || q.Offset > 0 {
		limit := q.Limit
		if limit <= 0 {
			limit = -1
		}
		page = fmt.Sprintf(" LIMIT %d OFFSET %d", limit, max(q.Offset, 0))
	}
	query := `
SELECT a.id, a.feed_id, ` + feedTitleSQL + `, a.title, a.url, a.published, a.read, a.starred, a.archived, coalesce(a.story_id, 0)
FROM articles a JOIN feeds f ON f.id = a.feed_id
WHERE a.id IN (SELECT a.id FROM articles a` + w + ` ORDER BY a.published DESC, a.id DESC` + page + `)
ORDER BY a.published DESC, a.id DESC`
	rows, err := s.r.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, wrap("list articles", err)
	}
	defer rows.Close()
	var out []Row
	idx := map[int64]int{}
	for rows.Next() {
		var r Row
		var pub int64
		if err := rows.Scan(&r.ID, &r.FeedID, &r.FeedTitle, &r.Title, &r.URL, &pub, &r.Read, &r.Starred, &r.Archived, &r.StoryID); err != nil {
			return nil, wrap("list articles", err)
		}
		r.Published = fromDB(pub)
		idx[r.ID] = len(out)
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, wrap("list articles", err)
	}
	rows.Close()
	if err := s.fillBadges(ctx, out, idx); err != nil {
		return nil, wrap("list articles", err)
	}
	if q.Stories {
		if err := s.fillSources(ctx, q, out); err != nil {
			return nil, wrap("list articles", err)
		}
	}
	return out, nil
}

// listPlan picks, for a paged list, the cheaper way to apply the search and
// fact filters (see plan): walking the list index wins once a filter has
// more than about sqrt((offset+limit) * articles / 3) matches, the point
// where the page's share of the index walk costs less than looking up and
// sorting every match. Counting stops at that threshold, so the probe is
// cheap either way.
func (s *Store) listPlan(ctx context.Context, q Query) (plan, error) {
	if q.Limit <= 0 {
		return plan{}, nil
	}
	return s.planFor(ctx, q, func(total float64) float64 { return math.Sqrt(float64(q.Offset+q.Limit) * total / 3) })
}

// countPlan: counting walks the whole list index or looks up every match;
// the walk wins above about 5% of all articles (measured: 5,000 of 100,000
// cost the same both ways, 42,000 took 104 ms looked up, 24 ms walked).
func (s *Store) countPlan(ctx context.Context, q Query) (plan, error) {
	return s.planFor(ctx, q, func(total float64) float64 { return total / 20 })
}

// planFor sets a filter to scan when it has at least threshold(articles) matches.
func (s *Store) planFor(ctx context.Context, q Query, threshold func(total float64) float64) (plan, error) {
	var p plan
	fts := FTSQuery(q.Search)
	fact := strings.TrimSpace(q.Fact)
	if fts == "" && fact == "" {
		return p, nil
	}
	var total int64
	if err := s.r.QueryRowContext(ctx, `SELECT coalesce(sum(n_total), 0) FROM feeds`).Scan(&total); err != nil {
		return p, err
	}
	thr := max(int64(threshold(float64(total))), 200)
	atLeast := func(sub string, args ...any) (bool, error) {
		var n int64
		err := s.r.QueryRowContext(ctx, `SELECT count(*) FROM (`+sub+` LIMIT ?)`, append(args, thr)...).Scan(&n)
		return n >= thr, err
	}
	var err error
	if fts != "" {
		if p.searchScan, err = atLeast(`SELECT 1 FROM articles_fts WHERE articles_fts MATCH ?`, fts); err != nil {
			return p, err
		}
	}
	if fact != "" {
		if strings.Contains(fact, ":") {
			p.factScan, err = atLeast(`SELECT 1 FROM article_facts WHERE badge = ?`, fact)
		} else {
			p.factScan, err = atLeast(`SELECT 1 FROM article_facts WHERE badge = ? OR (badge >= ? AND badge < ?)`, fact, fact+":", fact+";")
		}
	}
	return p, err
}

// fillSources counts, for each listed story, its articles matching q.
func (s *Store) fillSources(ctx context.Context, q Query, out []Row) error {
	at := map[int64][]int{}
	var ids []any
	for i := range out {
		out[i].Sources = 1
		if sid := out[i].StoryID; sid != 0 {
			if _, ok := at[sid]; !ok {
				ids = append(ids, sid)
			}
			at[sid] = append(at[sid], i)
		}
	}
	conds, fargs := filters(q, "b")
	for start := 0; start < len(ids); start += inChunk {
		part := ids[start:min(start+inChunk, len(ids))]
		query := `SELECT b.story_id, count(*) FROM articles b WHERE b.story_id IN ` + placeholders(len(part))
		for _, c := range conds {
			query += " AND " + c
		}
		rows, err := s.r.QueryContext(ctx, query+` GROUP BY b.story_id`, append(append([]any{}, part...), fargs...)...)
		if err != nil {
			return err
		}
		for rows.Next() {
			var sid int64
			var n int
			if err := rows.Scan(&sid, &n); err != nil {
				rows.Close()
				return err
			}
			for _, i := range at[sid] {
				out[i].Sources = n
			}
		}
		if err := rows.Close(); err != nil {
			return err
		}
	}
	return nil
}

// fillBadges reads the badges of the listed rows, in chunks to stay under
// SQLite's bound-parameter limit for unpaged lists.
func (s *Store) fillBadges(ctx context.Context, out []Row, idx map[int64]int) error {
	for start := 0; start < len(out); start += inChunk {
		end := min(start+inChunk, len(out))
		args := make([]any, 0, end-start)
		for _, r := range out[start:end] {
			args = append(args, r.ID)
		}
		rows, err := s.r.QueryContext(ctx, `SELECT article_id, badge FROM article_facts WHERE article_id IN `+
			placeholders(len(args))+` ORDER BY article_id, pos, badge`, args...)
		if err != nil {
			return err
		}
		for rows.Next() {
			var id int64
			var b string
			if err := rows.Scan(&id, &b); err != nil {
				rows.Close()
				return err
			}
			i := idx[id]
			out[i].Badges = append(out[i].Badges, b)
		}
		if err := rows.Close(); err != nil {
			return err
		}
	}
	return nil
}

// Count returns how many rows match q (ignoring Limit/Offset).
func (s *Store) Count(ctx context.Context, q Query) (int, error) {
	if FTSQuery(q.Search) == "" && strings.TrimSpace(q.Fact) == "" && q.Since.IsZero() && !q.StarredOnly && !q.IncludeArchived && !q.Stories {
		// What the feed counters already know (the sidebar's numbers).
		col := "n_total"
		if q.UnreadOnly {
			col = "n_unread"
		}
		query := `SELECT coalesce(sum(` + col + `), 0) FROM feeds WHERE 1`
		var args []any
		if q.FeedID != 0 {
			query += ` AND id = ?`
			args = append(args, q.FeedID)
		}
		if q.Folder != "" {
			query += ` AND folder = ?`
			args = append(args, q.Folder)
		}
		var n int
		if err := s.r.QueryRowContext(ctx, query, args...).Scan(&n); err != nil {
			return 0, wrap("count articles", err)
		}
		return n, nil
	}
	p, err := s.countPlan(ctx, q)
	if err != nil {
		return 0, wrap("count articles", err)
	}
	count := `SELECT count(*) FROM articles a`
	if q.Stories {
		// One row per story with a matching article, plus each matching
		// unclustered article: the same number List's per-row "newest of
		// its story" test yields, from one pass instead of a subquery per
		// row (100,000 articles in 68,000 rows: 280 ms -> 130 ms).
		q.Stories = false
		count = `SELECT count(DISTINCT coalesce(a.story_id, -a.id)) FROM articles a`
	}
	w, args := wherePlan(q, p)
	var n int
	if err := s.r.QueryRowContext(ctx, count+w, args...).Scan(&n); err != nil {
		return 0, wrap("count articles", err)
	}
	return n, nil
}

// Article returns one article with its body and state.
func (s *Store) Article(ctx context.Context, id int64) (Article, error) {
	var a Article
	var pub, fetched, readAt, starredAt, archivedAt int64
	err := s.r.QueryRowContext(ctx, `
SELECT a.id, a.feed_id, `+feedTitleSQL+`, a.guid, a.url, a.title, a.author, a.published, a.fetched,
	coalesce(b.raw, ''), coalesce(b.markdown, ''), coalesce(b.text, ''), a.hash, coalesce(a.story_id, 0),
	a.read, a.starred, a.archived, a.read_at, a.starred_at, a.archived_at
FROM articles a JOIN feeds f ON f.id = a.feed_id LEFT JOIN article_bodies b ON b.article_id = a.id
WHERE a.id = ?`, id).Scan(&a.ID, &a.FeedID, &a.FeedTitle, &a.GUID, &a.URL, &a.Title, &a.Author, &pub, &fetched,
		&a.Raw, &a.Markdown, &a.Text, &a.Hash, &a.StoryID,
		&a.Read, &a.Starred, &a.Archived, &readAt, &starredAt, &archivedAt)
	if errors.Is(err, sql.ErrNoRows) {
		return Article{}, fmt.Errorf("article %d: %w", id, ErrNotFound)
	}
	if err != nil {
		return Article{}, wrap(fmt.Sprintf("article %d", id), err)
	}
	a.Published, a.Fetched = fromDB(pub), fromDB(fetched)
	a.ReadAt, a.StarredAt, a.ArchivedAt = fromDB(readAt), fromDB(starredAt), fromDB(archivedAt)
	return a, nil
}
