package store

import (
	"context"
	"database/sql"
	"errors"
	"path/filepath"
	"strings"
	"testing"
)

func userVersion(t *testing.T, db *sql.DB) int {
	t.Helper()
	var v int
	must(t, db.QueryRow("PRAGMA user_version").Scan(&v))
	return v
}

func schema(t *testing.T, db *sql.DB) string {
	t.Helper()
	rows, err := db.Query(`SELECT type, name, coalesce(sql, '') FROM sqlite_schema WHERE name NOT LIKE 'sqlite_stat%' ORDER BY type, name`)
	must(t, err)
	defer rows.Close()
	var b strings.Builder
	for rows.Next() {
		var typ, name, sql string
		must(t, rows.Scan(&typ, &name, &sql))
		b.WriteString(typ + " " + name + " " + sql + "\n")
	}
	return b.String()
}

func TestMigrateFreshAndReopen(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sitrep.db")
	s, err := Open(path)
	must(t, err)
	if v := userVersion(t, s.w); v != len(migrations) || v != SchemaVersion() {
		t.Fatalf("fresh database at version %d, want %d", v, len(migrations))
	}
	var mode string
	must(t, s.r.QueryRow("PRAGMA journal_mode").Scan(&mode))
	if mode != "wal" {
		t.Errorf("journal_mode = %s", mode)
	}
	// Pragmas hold on every pooled connection, not just the first.
	for _, db := range []*sql.DB{s.w, s.r} {
		conns := make([]*sql.Conn, 0, 3)
		for i := 0; i < cap(conns); i++ {
			c, err := db.Conn(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			if db == s.w {
				conns = append(conns, c)
				checkConnPragmas(t, c, true)
				break // the writer pool has one connection
			}
			conns = append(conns, c)
			checkConnPragmas(t, c, false)
		}
		for _, c := range conns {
			c.Close()
		}
	}
	f := addFeed(t, s, "https://x.example/feed", "X", "")
	save(t, s, f, item(1))
	before := schema(t, s.w)
	must(t, s.Close())

	s, err = Open(path)
	must(t, err)
	defer s.Close()
	if v := userVersion(t, s.w); v != len(migrations) {
		t.Fatalf("reopened at version %d", v)
	}
	if after := schema(t, s.w); after != before {
		t.Errorf("reopening changed the schema:\n%s\nvs\n%s", before, after)
	}
	if n, _ := s.Count(context.Background(), Query{Search: "article"}); n != 1 {
		t.Errorf("data after reopen: %d", n)
	}
}

func checkConnPragmas(t *testing.T, c *sql.Conn, writer bool) {
	t.Helper()
	ctx := context.Background()
	var fk, busy, sync, qo, temp int
	must(t, c.QueryRowContext(ctx, "PRAGMA temp_store").Scan(&temp))
	if temp != 2 {
		t.Errorf("writer=%v: temp_store=%d", writer, temp)
	}
	must(t, c.QueryRowContext(ctx, "PRAGMA foreign_keys").Scan(&fk))
	must(t, c.QueryRowContext(ctx, "PRAGMA busy_timeout").Scan(&busy))
	must(t, c.QueryRowContext(ctx, "PRAGMA synchronous").Scan(&sync))
	must(t, c.QueryRowContext(ctx, "PRAGMA query_only").Scan(&qo))
	if fk != 1 || busy != int(busyTimeout.Milliseconds()) {
		t.Errorf("writer=%v: foreign_keys=%d busy_timeout=%d", writer, fk, busy)
	}
	if writer && (sync != 2 || qo != 0) {
		t.Errorf("writer: synchronous=%d (want 2, FULL) query_only=%d", sync, qo)
	}
	if !writer && qo != 1 {
		t.Errorf("reader: query_only=%d", qo)
	}
}

// An old database (version 1: no search index, no analyses, no stories)
// migrates on Open, its data intact and searchable.
func TestMigrateFromOldVersion(t *testing.T) {
	path := filepath.Join(t.TempDir(), "old.db")
	db, err := sql.Open("sqlite", dsn(path, true, openOptions{}))
	must(t, err)
	must(t, migrate(context.Background(), db, 1))
	if v := userVersion(t, db); v != 1 {
		t.Fatalf("old db at %d", v)
	}
	_, err = db.Exec(`
INSERT INTO feeds(id, config_url, url, title) VALUES (1, 'https://x.example/feed', 'https://x.example/feed', 'X');
INSERT INTO articles(id, feed_id, guid, title, published, fetched, hash, read, starred) VALUES (7, 1, 'g', 'Ceasefire agreed', 1, 1, 'h', 1, 1);
INSERT INTO article_bodies(article_id, text) VALUES (7, 'Mediators in Doha announced a truce.');`)
	must(t, err)
	must(t, db.Close())

	s, err := Open(path)
	must(t, err)
	defer s.Close()
	if v := userVersion(t, s.w); v != len(migrations) {
		t.Fatalf("migrated to %d, want %d", v, len(migrations))
	}
	ctx := context.Background()
	for _, q := range []string{"ceasefire", "doha"} {
		rows, err := s.List(ctx, Query{Search: q})
		if err != nil || len(rows) != 1 || rows[0].ID != 7 || !rows[0].Read || !rows[0].Starred {
			t.Errorf("search %q after migration: %+v %v", q, rows, err)
		}
	}
	if a, err := s.Article(ctx, 7); err != nil || a.StoryID != 0 || a.Text == "" {
		t.Errorf("article after migration: %+v %v", a, err)
	}
	must(t, s.PutAnalysis(ctx, 7, "h", "v1", []byte(`{}`), []string{"ceasefire:agreed"}))
	// The counters added by a later step were backfilled.
	if f, err := s.Feed(ctx, 1); err != nil || f.Total != 1 || f.Unread != 0 {
		t.Errorf("feed counts after migration: %+v %v", f, err)
	}
	checkCounters(t, s)
}

func TestMigrateNewerDatabaseRefused(t *testing.T) {
	path := filepath.Join(t.TempDir(), "new.db")
	s, err := Open(path)
	must(t, err)
	_, err = s.w.Exec("PRAGMA user_version = 999")
	must(t, err)
	must(t, s.Close())
	_, err = Open(path)
	if !errors.Is(err, ErrTooNew) || !strings.Contains(err.Error(), "999") {
		t.Fatalf("err = %v", err)
	}
}

// A failing step leaves the database at the previous version, untouched.
func TestMigrateFailedStepRollsBack(t *testing.T) {
	path := filepath.Join(t.TempDir(), "db")
	s, err := Open(path)
	must(t, err)
	must(t, s.Close())

	saved := migrations
	migrations = append(migrations[:len(migrations):len(migrations)], migration{name: "broken",
		sql: `CREATE TABLE half_done(x); INSERT INTO no_such_table VALUES (1);`})
	defer func() { migrations = saved }()
	_, err = Open(path)
	if err == nil || !strings.Contains(err.Error(), "broken") {
		t.Fatalf("err = %v", err)
	}
	migrations = saved
	s, err = Open(path)
	must(t, err)
	defer s.Close()
	if v := userVersion(t, s.w); v != len(saved) {
		t.Errorf("version %d after failed step", v)
	}
	if strings.Contains(schema(t, s.w), "half_done") {
		t.Errorf("failed step left a table behind")
	}
}
