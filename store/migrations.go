package store

import (
	"context"
	"database/sql"
	"fmt"
)

// migration is one schema step. Step i (0-based) brings the database from
// PRAGMA user_version i to i+1, inside one transaction together with the
// user_version bump, so a crash mid-migration leaves the previous version.
//
// To change the schema, APPEND a step; never edit or reorder a released one
// (databases in the wild are at every version). A step is SQL, or Go for
// data migrations SQL cannot express.
type migration struct {
	name string
	sql  string
	fn   func(ctx context.Context, tx *sql.Tx) error // optional, runs after sql
}

var migrations = []migration{
	{name: "feeds, articles, bodies and state", sql: `
CREATE TABLE feeds (
	id            INTEGER PRIMARY KEY,
	config_url    TEXT NOT NULL UNIQUE,        -- the URL as the config lists it: SyncFeeds' key
	url           TEXT NOT NULL UNIQUE,        -- current URL (permanent redirects update it)
	title         TEXT NOT NULL DEFAULT '',    -- title from the config
	feed_title    TEXT NOT NULL DEFAULT '',    -- the feed's own title
	folder        TEXT NOT NULL DEFAULT '',
	site_url      TEXT NOT NULL DEFAULT '',
	etag          TEXT NOT NULL DEFAULT '',
	last_modified TEXT NOT NULL DEFAULT '',
	last_fetch    INTEGER NOT NULL DEFAULT 0,  -- times: unix microseconds, 0 = never
	last_success  INTEGER NOT NULL DEFAULT 0,
	next_fetch    INTEGER NOT NULL DEFAULT 0,
	last_error    TEXT NOT NULL DEFAULT '',
	failures      INTEGER NOT NULL DEFAULT 0,
	gone          INTEGER NOT NULL DEFAULT 0
);

-- Small rows: metadata and the user's state. Bodies live in article_bodies
-- so that flipping a read flag rewrites ~200 bytes, not the article's
-- overflow pages, and list scans never touch the bodies.
CREATE TABLE articles (
	id            INTEGER PRIMARY KEY,
	feed_id       INTEGER NOT NULL REFERENCES feeds(id) ON DELETE CASCADE,
	guid          TEXT NOT NULL DEFAULT '',
	url           TEXT NOT NULL DEFAULT '',
	canonical_url TEXT NOT NULL DEFAULT '',    -- dedup key, see canonicalURL
	title         TEXT NOT NULL DEFAULT '',
	author        TEXT NOT NULL DEFAULT '',
	published     INTEGER NOT NULL,            -- first-seen time when the feed gives none
	fetched       INTEGER NOT NULL,            -- first seen
	updated       INTEGER NOT NULL DEFAULT 0,  -- last content change
	hash          TEXT NOT NULL DEFAULT '',    -- hex sha256 of text
	sig           TEXT NOT NULL DEFAULT '',    -- hash of every stored field: "did anything change"
	-- state: SaveItems never writes these columns, so an update keeps them
	read          INTEGER NOT NULL DEFAULT 0,
	starred       INTEGER NOT NULL DEFAULT 0,
	archived      INTEGER NOT NULL DEFAULT 0,
	read_at       INTEGER NOT NULL DEFAULT 0,
	starred_at    INTEGER NOT NULL DEFAULT 0,
	archived_at   INTEGER NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX articles_feed_guid ON articles(feed_id, guid) WHERE guid <> '';
CREATE INDEX articles_feed_canon ON articles(feed_id, canonical_url) WHERE canonical_url <> '';
CREATE INDEX articles_feed_hash ON articles(feed_id, hash) WHERE hash <> '';
-- List indexes: ordering plus every filter column, so List/Count with an
-- OFFSET walk the index alone (covering) and never the table.
CREATE INDEX articles_list ON articles(published DESC, id DESC, archived, read, starred, feed_id);
CREATE INDEX articles_feed_list ON articles(feed_id, published DESC, id DESC, archived, read, starred);

CREATE TABLE article_bodies (
	article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
	raw        TEXT NOT NULL DEFAULT '',
	markdown   TEXT NOT NULL DEFAULT '',
	text       TEXT NOT NULL DEFAULT ''
);
`},
	{name: "full-text index over title and text", sql: `
-- Contentless (the text is already in article_bodies) with contentless_delete
-- so rows can be removed by rowid. Triggers keep it in sync with every writer.
CREATE VIRTUAL TABLE articles_fts USING fts5(
	title, text,
	content='', contentless_delete=1,
	tokenize='unicode61 remove_diacritics 2'
);
INSERT INTO articles_fts(rowid, title, text)
	SELECT a.id, a.title, coalesce(b.text, '') FROM articles a LEFT JOIN article_bodies b ON b.article_id = a.id;

CREATE TRIGGER articles_fts_body_ai AFTER INSERT ON article_bodies BEGIN
	DELETE FROM articles_fts WHERE rowid = NEW.article_id;
	INSERT INTO articles_fts(rowid, title, text)
		SELECT NEW.article_id, title, NEW.text FROM articles WHERE id = NEW.article_id;
END;
CREATE TRIGGER articles_fts_body_au AFTER UPDATE OF text ON article_bodies WHEN OLD.text IS NOT NEW.text BEGIN
	DELETE FROM articles_fts WHERE rowid = NEW.article_id;
	INSERT INTO articles_fts(rowid, title, text)
		SELECT NEW.article_id, title, NEW.text FROM articles WHERE id = NEW.article_id;
END;
CREATE TRIGGER articles_fts_title_au AFTER UPDATE OF title ON articles WHEN OLD.title IS NOT NEW.title BEGIN
	DELETE FROM articles_fts WHERE rowid = NEW.id;
	INSERT INTO articles_fts(rowid, title, text)
		VALUES (NEW.id, NEW.title, coalesce((SELECT text FROM article_bodies WHERE article_id = NEW.id), ''));
END;
CREATE TRIGGER articles_fts_ad AFTER DELETE ON articles BEGIN
	DELETE FROM articles_fts WHERE rowid = OLD.id;
END;
`},
	{name: "analysis cache and fact badges", sql: `
CREATE TABLE analyses (
	hash    TEXT NOT NULL,
	version TEXT NOT NULL,
	json    BLOB NOT NULL,
	created INTEGER NOT NULL,
	PRIMARY KEY (hash, version)
) WITHOUT ROWID;

-- Badges of an article's current analysis: "kind:state" or "kind".
CREATE TABLE article_facts (
	article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
	badge      TEXT NOT NULL,
	pos        INTEGER NOT NULL DEFAULT 0,    -- the analyser's order
	PRIMARY KEY (article_id, badge)
) WITHOUT ROWID;
CREATE INDEX article_facts_badge ON article_facts(badge, article_id);

-- Which analysis the badges come from; '' = never analysed.
ALTER TABLE articles ADD COLUMN analyzed_hash TEXT NOT NULL DEFAULT '';
ALTER TABLE articles ADD COLUMN analyzed_version TEXT NOT NULL DEFAULT '';
`},
	{name: "stories", sql: `
CREATE TABLE stories (
	id         INTEGER PRIMARY KEY,
	title      TEXT NOT NULL DEFAULT '',
	first_seen INTEGER NOT NULL DEFAULT 0,
	last_seen  INTEGER NOT NULL DEFAULT 0
);
ALTER TABLE articles ADD COLUMN story_id INTEGER REFERENCES stories(id) ON DELETE SET NULL;
CREATE INDEX articles_story ON articles(story_id) WHERE story_id IS NOT NULL;
`},
	{name: "story signatures", sql: `
-- The clustering signature of every clustered article, so a restart rebuilds
-- the in-memory index from the recent window without re-reading bodies.
CREATE TABLE story_sigs (
	article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
	published  INTEGER NOT NULL,
	sig        BLOB NOT NULL
);
CREATE INDEX story_sigs_published ON story_sigs(published);
CREATE INDEX articles_story_list ON articles(story_id, published DESC, id DESC) WHERE story_id IS NOT NULL;
`},
	{name: "feed counters and unread index", sql: `
-- Per-feed counts of what the default list shows (archived excluded), kept
-- by triggers so Feeds() and the common Counts read a row per feed instead
-- of scanning 100,000 index entries.
ALTER TABLE feeds ADD COLUMN n_total INTEGER NOT NULL DEFAULT 0;
ALTER TABLE feeds ADD COLUMN n_unread INTEGER NOT NULL DEFAULT 0;
UPDATE feeds SET
	n_total = (SELECT count(*) FROM articles WHERE feed_id = feeds.id AND archived = 0),
	n_unread = (SELECT count(*) FROM articles WHERE feed_id = feeds.id AND archived = 0 AND read = 0);
CREATE TRIGGER articles_count_ai AFTER INSERT ON articles BEGIN
	UPDATE feeds SET n_total = n_total + (NEW.archived = 0), n_unread = n_unread + (NEW.archived = 0 AND NEW.read = 0)
	WHERE id = NEW.feed_id;
END;
CREATE TRIGGER articles_count_ad AFTER DELETE ON articles BEGIN
	UPDATE feeds SET n_total = n_total - (OLD.archived = 0), n_unread = n_unread - (OLD.archived = 0 AND OLD.read = 0)
	WHERE id = OLD.feed_id;
END;
CREATE TRIGGER articles_count_au AFTER UPDATE OF read, archived, feed_id ON articles BEGIN
	UPDATE feeds SET n_total = n_total - (OLD.archived = 0), n_unread = n_unread - (OLD.archived = 0 AND OLD.read = 0)
	WHERE id = OLD.feed_id;
	UPDATE feeds SET n_total = n_total + (NEW.archived = 0), n_unread = n_unread + (NEW.archived = 0 AND NEW.read = 0)
	WHERE id = NEW.feed_id;
END;
-- The unread view (a reader's default) walks only unread entries.
CREATE INDEX articles_unread ON articles(published DESC, id DESC, feed_id, starred) WHERE read = 0 AND archived = 0;
`},
	{name: "prefix indexes for as-you-type search", sql: `
-- The search box appends * as the user types: "d*" and "du*" would merge
-- the doclists of thousands of words (158 ms at 100,000 articles); prefix
-- indexes of 1 and 2 characters answer them directly (17 ms). The triggers
-- of step 2 refer to the table by name and keep working.
DROP TABLE articles_fts;
CREATE VIRTUAL TABLE articles_fts USING fts5(
	title, text,
	content='', contentless_delete=1,
	tokenize='unicode61 remove_diacritics 2',
	prefix='1 2'
);
INSERT INTO articles_fts(rowid, title, text)
	SELECT a.id, a.title, coalesce(b.text, '') FROM articles a LEFT JOIN article_bodies b ON b.article_id = a.id;
`},
	{name: "article hash index for pruning analyses", sql: `
-- Prune deletes an analysis once no article has its hash; articles_feed_hash
-- leads with feed_id and cannot answer "any article with this hash?".
CREATE INDEX articles_hash ON articles(hash);
`},
}

// SchemaVersion is the user_version of a fully migrated database.
func SchemaVersion() int { return len(migrations) }

// migrate brings the database to version target (len(migrations) in
// production; tests stop earlier to build "old" databases).
func migrate(ctx context.Context, db *sql.DB, target int) error {
	var cur int
	if err := db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&cur); err != nil {
		return fmt.Errorf("read schema version: %w", err)
	}
	if cur > len(migrations) {
		return fmt.Errorf("%w: database is at version %d, this sitrep knows up to %d; upgrade sitrep", ErrTooNew, cur, len(migrations))
	}
	for v := cur; v < target; v++ {
		if err := migrateStep(ctx, db, v); err != nil {
			return err
		}
	}
	return nil
}

func migrateStep(ctx context.Context, db *sql.DB, from int) error {
	m := migrations[from]
	tx, err := db.BeginTx(ctx, nil) // BEGIN IMMEDIATE: one process migrates, others wait
	if err != nil {
		return fmt.Errorf("migrate to version %d (%s): %w", from+1, m.name, err)
	}
	defer tx.Rollback()
	// Another process may have migrated while we waited for the lock.
	var cur int
	if err := tx.QueryRowContext(ctx, "PRAGMA user_version").Scan(&cur); err != nil {
		return fmt.Errorf("migrate to version %d (%s): %w", from+1, m.name, err)
	}
	if cur != from {
		return nil
	}
	if m.sql != "" {
		if _, err := tx.ExecContext(ctx, m.sql); err != nil {
			return fmt.Errorf("migrate to version %d (%s): %w", from+1, m.name, err)
		}
	}
	if m.fn != nil {
		if err := m.fn(ctx, tx); err != nil {
			return fmt.Errorf("migrate to version %d (%s): %w", from+1, m.name, err)
		}
	}
	if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", from+1)); err != nil {
		return fmt.Errorf("migrate to version %d (%s): %w", from+1, m.name, err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("migrate to version %d (%s): %w", from+1, m.name, err)
	}
	return nil
}
