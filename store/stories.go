package store

import (
	"context"
	"database/sql"
	"time"
)

// StorySig is one clustered article as the story index needs it at start-up.
type StorySig struct {
	ArticleID int64
	StoryID   int64
	Published time.Time
	Sig       []byte
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

// StoryAssignment is one article's place in a story for AssignStories. A
// StoryID of zero or less names a new story: assignments sharing the same
// non-positive id go into the same new story.
type StoryAssignment struct {
	ArticleID int64
	StoryID   int64
	Title     string // the new story's title (its first article's)
	Published time.Time
	Sig       []byte
}

// AssignStories records many assignments in one transaction (one fsync),
// creating the new stories, and returns the id each new (non-positive) id
// was given.
func (s *Store) AssignStories(ctx context.Context, as []StoryAssignment) (map[int64]int64, error) {
	return s.SaveAnalyses(ctx, nil, as)
}

func assignStories(ctx context.Context, tx *sql.Tx, as []StoryAssignment) (map[int64]int64, error) {
	created := map[int64]int64{}
	var stmts [4]*sql.Stmt
	for i, q := range []string{
		`INSERT INTO stories(title, first_seen, last_seen) VALUES (?, ?, ?)`,
		`UPDATE articles SET story_id = ? WHERE id = ?`,
		`INSERT INTO story_sigs(article_id, published, sig) VALUES (?, ?, ?)
		ON CONFLICT(article_id) DO UPDATE SET published = excluded.published, sig = excluded.sig`,
		`UPDATE stories SET last_seen = max(last_seen, ?) WHERE id = ?`,
	} {
		st, err := tx.PrepareContext(ctx, q)
		if err != nil {
			return nil, err
		}
		defer st.Close()
		stmts[i] = st
	}
	newStory, setStory, putSig, touch := stmts[0], stmts[1], stmts[2], stmts[3]
	for _, a := range as {
		id := a.StoryID
		if id <= 0 {
			real, ok := created[id]
			if !ok {
				res, err := newStory.ExecContext(ctx, a.Title, toDB(a.Published), toDB(a.Published))
				if err != nil {
					return nil, err
				}
				if real, err = res.LastInsertId(); err != nil {
					return nil, err
				}
				created[id] = real
			}
			id = real
		}
		if _, err := setStory.ExecContext(ctx, id, a.ArticleID); err != nil {
			return nil, err
		}
		if _, err := putSig.ExecContext(ctx, a.ArticleID, toDB(a.Published), a.Sig); err != nil {
			return nil, err
		}
		if _, err := touch.ExecContext(ctx, toDB(a.Published), id); err != nil {
			return nil, err
		}
	}
	return created, nil
}
