package store

import (
	"context"
	"time"
)

// StorySig is one clustered article as the story index needs it at start-up.
type StorySig struct {
	ArticleID int64
	StoryID   int64
	Published time.Time
	Sig       []byte
}

// NewStory allocates a story id in the database, so two processes clustering
// at once (the TUI and a cron fetch) never hand out the same id.
func (s *Store) NewStory(ctx context.Context, title string, first time.Time) (int64, error) {
	res, err := s.w.ExecContext(ctx, `INSERT INTO stories(title, first_seen, last_seen) VALUES (?, ?, ?)`,
		title, toDB(first), toDB(first))
	if err != nil {
		return 0, wrap("new story", err)
	}
	return res.LastInsertId()
}

// AssignStory records an article's story and clustering signature.
func (s *Store) AssignStory(ctx context.Context, articleID, storyID int64, published time.Time, sig []byte) error {
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return wrap("assign story", err)
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, `UPDATE articles SET story_id = ? WHERE id = ?`, storyID, articleID); err != nil {
		return wrap("assign story", err)
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO story_sigs(article_id, published, sig) VALUES (?, ?, ?)
		ON CONFLICT(article_id) DO UPDATE SET published = excluded.published, sig = excluded.sig`,
		articleID, toDB(published), sig); err != nil {
		return wrap("assign story", err)
	}
	if _, err := tx.ExecContext(ctx, `UPDATE stories SET last_seen = max(last_seen, ?) WHERE id = ?`, toDB(published), storyID); err != nil {
		return wrap("assign story", err)
	}
	return wrap("assign story", tx.Commit())
}

// StorySigs returns the signatures of clustered articles published at or
// after since with an article id above afterID, oldest first.
func (s *Store) StorySigs(ctx context.Context, since time.Time, afterID int64) ([]StorySig, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT g.article_id, a.story_id, g.published, g.sig
		FROM story_sigs g JOIN articles a ON a.id = g.article_id
		WHERE g.published >= ? AND g.article_id > ? AND a.story_id IS NOT NULL
		ORDER BY g.published, g.article_id`, toDB(since), afterID)
	if err != nil {
		return nil, wrap("story signatures", err)
	}
	defer rows.Close()
	var out []StorySig
	for rows.Next() {
		var g StorySig
		var pub int64
		if err := rows.Scan(&g.ArticleID, &g.StoryID, &pub, &g.Sig); err != nil {
			return nil, wrap("story signatures", err)
		}
		g.Published = fromDB(pub)
		out = append(out, g)
	}
	return out, wrap("story signatures", rows.Err())
}

// StoryArticles returns the ids of a story's articles, newest first.
func (s *Store) StoryArticles(ctx context.Context, storyID int64) ([]int64, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT id FROM articles WHERE story_id = ? ORDER BY published DESC, id DESC`, storyID)
	if err != nil {
		return nil, wrap("story articles", err)
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, wrap("story articles", err)
		}
		ids = append(ids, id)
	}
	return ids, wrap("story articles", rows.Err())
}
