package main

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/sitrep-news/sitrep/config"
	"github.com/sitrep-news/sitrep/store"
)

// runCLI runs the command line with empty stdin and captured output.
func runCLI(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	return runSitrep(t, "", args...)
}

// feedsEnv points every path sitrep could use into a temp dir and returns
// the --config and --db flag values.
func feedsEnv(t *testing.T) (cfg, db string) {
	t.Helper()
	dir := t.TempDir()
	t.Setenv("XDG_CONFIG_HOME", filepath.Join(dir, "xdgconfig"))
	t.Setenv("XDG_DATA_HOME", filepath.Join(dir, "xdgdata"))
	t.Setenv("SITREP_CONFIG", "")
	cfg = filepath.Join(dir, "config.yaml")
	if err := os.WriteFile(cfg, []byte("# my feeds\nfeeds: []\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	return cfg, filepath.Join(dir, "sitrep.db")
}

func TestFeedsAddListRm(t *testing.T) {
	cfg, db := feedsEnv(t)
	g := []string{"--config", cfg, "--db", db}
	code, out, errOut := runCLI(t, append([]string{"feeds", "add", "https://news.un.org/feed/subscribe/en/news/all/rss.xml", "--title", "UN News", "--folder", "UN and Relief", "--tag", "un", "--tag", "aid", "--full-text", "always", "--interval", "2h"}, g...)...)
	if code != 0 || !strings.Contains(out, "Added https://news.un.org/") || !strings.Contains(out, "folder UN and Relief") {
		t.Fatalf("add: code %d out %q err %q", code, out, errOut)
	}
	if code, _, _ := runCLI(t, append([]string{"feeds", "add", "https://reliefweb.int/updates/rss.xml"}, g...)...); code != 0 {
		t.Fatalf("second add: %d", code)
	}
	code, out, errOut = runCLI(t, append([]string{"feeds", "list"}, g...)...)
	if code != 0 {
		t.Fatalf("list: %d %s", code, errOut)
	}
	for _, want := range []string{"FOLDER", "UN and Relief", "UN News", "https://news.un.org/feed/subscribe/en/news/all/rss.xml", "https://reliefweb.int/updates/rss.xml", "2 feeds"} {
		if !strings.Contains(out, want) {
			t.Errorf("list lacks %q:\n%s", want, out)
		}
	}
	if !strings.Contains(errOut, "no database yet") {
		t.Errorf("list without db: stderr %q", errOut)
	}
	if _, err := os.Stat(db); err == nil {
		t.Error("list created the database")
	}
	code, out, _ = runCLI(t, append([]string{"feeds", "list", "--json"}, g...)...)
	var rows []feedRow
	if code != 0 || json.Unmarshal([]byte(out), &rows) != nil || len(rows) != 2 {
		t.Fatalf("list --json: %d %s", code, out)
	}
	r := rows[0]
	if r.Title != "UN News" || r.Folder != "UN and Relief" || strings.Join(r.Tags, ",") != "un,aid" || r.FullText != "always" || r.Interval != "2h" || r.Unread != nil {
		t.Errorf("json row = %+v", r)
	}
	if rows[1].FullText != "auto" || rows[1].Interval != "30m" || rows[1].Tags == nil {
		t.Errorf("json defaults = %+v", rows[1])
	}
	// The file kept its comment.
	data, _ := os.ReadFile(cfg)
	if !strings.HasPrefix(string(data), "# my feeds\n") {
		t.Errorf("comment lost:\n%s", data)
	}

	code, out, _ = runCLI(t, append([]string{"feeds", "rm", "https://reliefweb.int/updates/rss.xml"}, g...)...)
	if code != 0 || !strings.Contains(out, "Removed") {
		t.Errorf("rm: %d %q", code, out)
	}
	c, err := config.Load(cfg)
	if err != nil || len(c.Feeds) != 1 {
		t.Fatalf("after rm: %v %+v", err, c)
	}
	code, _, errOut = runCLI(t, append([]string{"feeds", "rm", "https://reliefweb.int/updates/rss.xml"}, g...)...)
	if code != 1 || !strings.Contains(errOut, "is not in") {
		t.Errorf("rm missing: %d %q", code, errOut)
	}
}

func TestFeedsAddErrors(t *testing.T) {
	cfg, db := feedsEnv(t)
	g := []string{"--config", cfg, "--db", db}
	cases := []struct {
		args []string
		code int
		want string
	}{
		{[]string{"feeds", "add"}, 2, "accepts 1 arg"},
		{[]string{"feeds", "add", "file:///etc/passwd"}, 2, "only http and https"},
		{[]string{"feeds", "add", "exec:rm -rf ~"}, 2, "exec:"},
		{[]string{"feeds", "add", "https://x.example/$(id)"}, 2, "metacharacter"},
		{[]string{"feeds", "add", "https://x.example/", "--full-text", "sometimes"}, 2, "auto, always, never"},
		{[]string{"feeds", "add", "https://x.example/", "--interval", "30x"}, 2, "at least 1m"},
		{[]string{"feeds", "add", "https://x.example/", "--bogus"}, 2, "unknown flag"},
		{[]string{"feeds", "add", "https://x.example/", "--title", "red\x1b[31m"}, 2, "control character"},
		{[]string{"feeds", "add", "https://x.example/", "--folder", "evil\u202egnp.exe"}, 2, "bidi control"},
		{[]string{"feeds", "rm"}, 2, "requires at least 1 arg"},
		{[]string{"feeds", "frobnicate"}, 2, "unknown command"},
		{[]string{"feeds", "import"}, 2, "accepts 1 arg"},
		{[]string{"feeds", "import", "/nonexistent/x.opml"}, 1, "no such file"},
		{[]string{"feeds", "export", "extra"}, 2, "unknown command"},
	}
	for _, tc := range cases {
		code, _, errOut := runCLI(t, append(tc.args, g...)...)
		if code != tc.code || !strings.Contains(errOut, tc.want) {
			t.Errorf("%v: code %d, stderr %q; want %d and %q", tc.args, code, errOut, tc.code, tc.want)
		}
	}
	if code, _, _ := runCLI(t, append([]string{"feeds", "add", "https://x.example/"}, g...)...); code != 0 {
		t.Fatal("add failed")
	}
	code, _, errOut := runCLI(t, append([]string{"feeds", "add", "HTTPS://X.EXAMPLE/"}, g...)...)
	if code != 1 || !strings.Contains(errOut, "already in") {
		t.Errorf("duplicate add: %d %q", code, errOut)
	}
}

func TestFeedsBrokenConfig(t *testing.T) {
	cfg, db := feedsEnv(t)
	os.WriteFile(cfg, []byte("feeds: []\nui:\n  theme: neon\n"), 0o644)
	for _, args := range [][]string{{"feeds", "list"}, {"feeds", "export"}, {"feeds", "add", "https://x.example/"}} {
		code, _, errOut := runCLI(t, append(args, "--config", cfg, "--db", db)...)
		if code != 1 || !strings.Contains(errOut, cfg+":3:") || !strings.Contains(errOut, "auto, dark, light") {
			t.Errorf("%v: code %d stderr %q", args, code, errOut)
		}
	}
}

func TestFeedsFirstRun(t *testing.T) {
	_, db := feedsEnv(t)
	// No --config: SITREP_CONFIG names a file that does not exist yet.
	path := filepath.Join(t.TempDir(), "fresh", "config.yaml")
	t.Setenv("SITREP_CONFIG", path)
	code, out, errOut := runCLI(t, "feeds", "list", "--db", db)
	if code != 0 {
		t.Fatalf("first run list: %d %s", code, errOut)
	}
	if _, err := os.Stat(path); err != nil {
		t.Fatalf("default config not written: %v", err)
	}
	if !strings.Contains(out, "ReliefWeb") || !strings.Contains(out, "17 feeds") {
		t.Errorf("first run list:\n%s", out)
	}
	if !strings.Contains(errOut, "Wrote the default config with 17 feeds to "+path) {
		t.Errorf("first run not announced: %q", errOut)
	}
	code, _, errOut = runCLI(t, "feeds", "list", "--db", db)
	if code != 0 || strings.Contains(errOut, "Wrote") {
		t.Errorf("second run: %d %q", code, errOut)
	}
	// An empty config says how to add feeds.
	os.WriteFile(path, []byte("feeds: []\n"), 0o644)
	code, out, _ = runCLI(t, "feeds", "list", "--db", db)
	if code != 0 || !strings.Contains(out, "No feeds in") || !strings.Contains(out, "sitrep feeds add") {
		t.Errorf("empty list: %d %q", code, out)
	}
}

func TestFeedsImportExport(t *testing.T) {
	cfg, db := feedsEnv(t)
	g := []string{"--config", cfg, "--db", db}
	code, out, errOut := runCLI(t, append([]string{"feeds", "import", "config/testdata/hostile.opml"}, g...)...)
	if code != 0 {
		t.Fatalf("import: %d %s", code, errOut)
	}
	if !strings.Contains(out, "Imported 5 feeds") || !strings.Contains(out, "skipped 14") {
		t.Errorf("import summary:\n%s", out)
	}
	for _, want := range []string{"exec:", "file:", "javascript:", "metacharacter", "line "} {
		if !strings.Contains(out, want) {
			t.Errorf("import output lacks %q:\n%s", want, out)
		}
	}
	if strings.ContainsAny(out, "\x1b\x07\x00\u009b\u202e") {
		t.Errorf("control characters reached the terminal: %q", out)
	}
	// Again: everything is already there.
	code, out, _ = runCLI(t, append([]string{"feeds", "import", "config/testdata/hostile.opml"}, g...)...)
	if code != 0 || !strings.Contains(out, "Imported 0 feeds") || !strings.Contains(out, "already in config") {
		t.Errorf("re-import: %d\n%s", code, out)
	}
	// Nested folders with a prefix, dry run changes nothing.
	before, _ := os.ReadFile(cfg)
	code, out, _ = runCLI(t, append([]string{"feeds", "import", "--dry-run", "--folder", "Imported", "config/testdata/nested.opml"}, g...)...)
	after, _ := os.ReadFile(cfg)
	if code != 0 || !strings.Contains(out, "Would import 4 feeds") || string(before) != string(after) {
		t.Errorf("dry run: %d %q changed=%v", code, out, string(before) != string(after))
	}
	code, _, _ = runCLI(t, append([]string{"feeds", "import", "--folder", "Imported", "config/testdata/nested.opml"}, g...)...)
	c, err := config.Load(cfg)
	if code != 0 || err != nil || len(c.Feeds) != 9 {
		t.Fatalf("import nested: %d %v", code, err)
	}
	var foundNested bool
	for _, f := range c.Feeds {
		foundNested = foundNested || f.Folder == "Imported/News/Africa"
	}
	if !foundNested {
		t.Errorf("nested folder not imported: %+v", c.Feeds)
	}

	// Export to stdout and to a file; both re-import to the same feeds.
	code, out, _ = runCLI(t, append([]string{"feeds", "export"}, g...)...)
	if code != 0 || !strings.HasPrefix(out, "<?xml") {
		t.Fatalf("export: %d %q", code, out)
	}
	feeds, skipped, err := config.ImportOPML(strings.NewReader(out))
	if err != nil || len(skipped) != 0 || len(feeds) != len(c.Feeds) {
		t.Errorf("re-import of export: %v, %d skipped, %d feeds", err, len(skipped), len(feeds))
	}
	file := filepath.Join(t.TempDir(), "out.opml")
	code, out, errOut = runCLI(t, append([]string{"feeds", "export", "-o", file}, g...)...)
	data, _ := os.ReadFile(file)
	if code != 0 || out != "" || !strings.Contains(errOut, "Exported 9 feeds") || !strings.Contains(string(data), "<opml") {
		t.Errorf("export -o: %d %q %q", code, out, errOut)
	}

	bad := filepath.Join(t.TempDir(), "bad.opml")
	os.WriteFile(bad, []byte("<rss><channel/></rss>"), 0o644)
	code, _, errOut = runCLI(t, append([]string{"feeds", "import", bad}, g...)...)
	if code != 1 || !strings.Contains(errOut, "not an OPML document") {
		t.Errorf("import rss: %d %q", code, errOut)
	}
}

func TestFeedsListWithStore(t *testing.T) {
	cfg, db := feedsEnv(t)
	g := []string{"--config", cfg, "--db", db}
	runCLI(t, append([]string{"feeds", "add", "https://a.example/rss", "--title", "A"}, g...)...)
	runCLI(t, append([]string{"feeds", "add", "https://b.example/rss", "--title", "B"}, g...)...)

	ctx := context.Background()
	st, err := store.Open(db)
	if err != nil {
		t.Skipf("store not usable yet: %v", err)
	}
	stored, err := st.SyncFeeds(ctx, []store.FeedSpec{{URL: "https://a.example/rss", Title: "A"}, {URL: "https://b.example/rss", Title: "B"}})
	if err != nil {
		st.Close()
		t.Skipf("store not usable yet: %v", err)
	}
	ids := map[string]int64{}
	for _, f := range stored {
		ids[f.URL] = f.ID
	}
	if _, err := st.SaveItems(ctx, ids["https://a.example/rss"], []store.Item{
		{GUID: "1", URL: "https://a.example/1", Title: "one", Text: "one"},
		{GUID: "2", URL: "https://a.example/2", Title: "two", Text: "two"},
	}); err != nil {
		t.Fatal(err)
	}
	if err := st.RecordFetch(ctx, store.FetchResult{FeedID: ids["https://b.example/rss"], Err: errors.New("HTTP 503 \x1b[31mService Unavailable"), At: time.Now()}); err != nil {
		t.Fatal(err)
	}
	st.Close()

	code, out, errOut := runCLI(t, append([]string{"feeds", "list"}, g...)...)
	if code != 0 || strings.Contains(errOut, "unavailable") {
		t.Fatalf("list: %d %q", code, errOut)
	}
	if !strings.Contains(out, "UNREAD") || !strings.Contains(out, "LAST ERROR") || !strings.Contains(out, "HTTP 503") {
		t.Errorf("list with store:\n%s", out)
	}
	if strings.Contains(out, "\x1b") {
		t.Errorf("escape sequence from the store reached the terminal: %q", out)
	}
	code, out, _ = runCLI(t, append([]string{"feeds", "list", "--json"}, g...)...)
	var rows []feedRow
	if code != 0 || json.Unmarshal([]byte(out), &rows) != nil {
		t.Fatalf("json: %d %s", code, out)
	}
	if rows[0].Unread == nil || *rows[0].Unread != 2 || rows[1].LastError == "" || rows[1].LastFetch == nil {
		t.Errorf("json rows = %+v %+v", rows[0], rows[1])
	}
}

func TestFeedsCommandsHaveExamples(t *testing.T) {
	cmd := newFeedsCmd(&globalFlags{})
	if cmd.Example == "" {
		t.Error("feeds has no example")
	}
	for _, c := range cmd.Commands() {
		if c.Example == "" || c.Short == "" || c.Long == "" {
			t.Errorf("feeds %s lacks help text or an example", c.Name())
		}
	}
	code, out, _ := runCLI(t, "feeds", "import", "--help")
	if code != 0 || !strings.Contains(out, "Examples:") || !strings.Contains(out, "exec:") {
		t.Errorf("import --help: %d\n%s", code, out)
	}
}
