//go:build unix

package main

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"

	"github.com/sitrep-news/sitrep/store"
)

// Issue 9: "a full disk or read-only database gives a clear error in the UI
// and in fetch, and nothing already stored is damaged". The command runs in
// a child process (this test binary, re-executed) so the failure is real:
// as another user for a read-only database (root ignores file modes), under
// RLIMIT_FSIZE for a full disk (the kernel refuses the writes with EFBIG).

const dbChildEnv = "SITREP_HOSTILE_DB_CHILD"

func init() {
	if os.Getenv(dbChildEnv) != "1" {
		return
	}
	if v := os.Getenv("SITREP_HOSTILE_FSIZE"); v != "" {
		n, _ := strconv.ParseUint(v, 10, 64)
		if err := syscall.Setrlimit(syscall.RLIMIT_FSIZE, &syscall.Rlimit{Cur: n, Max: n}); err != nil {
			fmt.Fprintln(os.Stderr, "setrlimit:", err)
			os.Exit(99)
		}
	}
	var args []string
	if err := json.Unmarshal([]byte(os.Getenv("SITREP_HOSTILE_ARGS")), &args); err != nil {
		fmt.Fprintln(os.Stderr, "args:", err)
		os.Exit(99)
	}
	os.Exit(run(args))
}

// dbWorld is a config and a database with articles, read and starred state,
// in a directory another user can enter.
type dbWorld struct {
	base, cfg, dir, db string
	exe                string // this test binary, where another user can run it
	srv                *httptest.Server
	body               atomic.Value
}

func newDBWorld(t *testing.T) *dbWorld {
	t.Helper()
	base, err := os.MkdirTemp("", "sitrep-hostile-db-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chmod(filepath.Join(base, "data"), 0o755); os.RemoveAll(base) })
	if err := os.Chmod(base, 0o755); err != nil {
		t.Fatal(err)
	}
	w := &dbWorld{base: base, dir: filepath.Join(base, "data")}
	w.db = filepath.Join(w.dir, "sitrep.db")
	if err := os.Mkdir(w.dir, 0o755); err != nil {
		t.Fatal(err)
	}
	w.body.Store(testFeedXML("alpha", 5))
	w.srv = httptest.NewServer(http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		rw.Write([]byte(w.body.Load().(string)))
	}))
	t.Cleanup(w.srv.Close)
	w.cfg = filepath.Join(base, "config.yaml")
	cfg := fmt.Sprintf("feeds:\n  - url: %s/alpha\n    full_text: never\nrefresh:\n  timeout: 10s\n", w.srv.URL)
	if err := os.WriteFile(w.cfg, []byte(cfg), 0o644); err != nil {
		t.Fatal(err)
	}
	w.exe = filepath.Join(base, "sitrep.test")
	if err := os.Link(os.Args[0], w.exe); err != nil { // the test binary's own directory is private
		bin, err := os.ReadFile(os.Args[0])
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(w.exe, bin, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	os.Chmod(w.exe, 0o755)

	// The data a failure must not damage: a fetch, then read and star state.
	for _, v := range []string{"XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"} {
		t.Setenv(v, filepath.Join(base, "xdg"))
	}
	t.Setenv("SITREP_CONFIG", "")
	if code, _, stderr := runSitrep(t, "", "fetch", "--config", w.cfg, "--db", w.db); code != 0 { // in process: quicker
		t.Fatalf("first fetch: exit %d\n%s", code, stderr)
	}
	st, err := store.Open(w.db)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	rows, err := st.List(ctx, store.Query{})
	if err != nil || len(rows) != 5 {
		t.Fatalf("%d rows, %v", len(rows), err)
	}
	if err := st.SetStarred(ctx, rows[0].ID, true); err != nil {
		t.Fatal(err)
	}
	if err := st.SetRead(ctx, []int64{rows[1].ID, rows[2].ID}, true); err != nil {
		t.Fatal(err)
	}
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	return w
}

// sitrep runs the command line in a child process; user != "" runs it as
// nobody (needs root), fsize > 0 limits the size of any file it writes.
func (w *dbWorld) sitrep(t *testing.T, user string, fsize int64, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	all, _ := json.Marshal(append(args, "--config", w.cfg, "--db", w.db))
	cmd := exec.Command(w.exe, "-test.run=^$")
	cmd.Env = append(os.Environ(), dbChildEnv+"=1", "SITREP_HOSTILE_ARGS="+string(all),
		"XDG_CONFIG_HOME="+filepath.Join(w.base, "xdg"), "XDG_DATA_HOME="+filepath.Join(w.base, "xdg"),
		"XDG_STATE_HOME="+filepath.Join(w.base, "xdg"), "XDG_CACHE_HOME="+filepath.Join(w.base, "xdg"),
		"HOME="+w.base, "SITREP_CONFIG=", "NO_COLOR=1")
	if fsize > 0 {
		cmd.Env = append(cmd.Env, "SITREP_HOSTILE_FSIZE="+strconv.FormatInt(fsize, 10))
	}
	if user == "nobody" {
		cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: 65534, Gid: 65534}}
	}
	var out, errb strings.Builder
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatalf("run %v: %v", args, err)
	}
	if code == 99 {
		t.Fatalf("child setup failed: %s", errb.String())
	}
	return code, out.String(), errb.String()
}

// dbState is everything a failure must leave alone.
type dbState struct {
	integrity string
	articles  []string // id, title, text hash, read, starred, archived
	feeds     []string
}

func (w *dbWorld) state(t *testing.T) dbState {
	t.Helper()
	var s dbState
	// The integrity check, read-only, before the store opens (and maybe repairs) anything.
	db, err := sql.Open("sqlite", "file:"+w.db+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	if err := db.QueryRow("PRAGMA integrity_check").Scan(&s.integrity); err != nil {
		t.Fatalf("integrity_check: %v", err)
	}
	db.Close()
	st, err := store.Open(w.db)
	if err != nil {
		t.Fatalf("reopen after the failure: %v", err)
	}
	defer st.Close()
	ctx := context.Background()
	rows, err := st.List(ctx, store.Query{IncludeArchived: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rows {
		a, err := st.Article(ctx, r.ID)
		if err != nil {
			t.Fatal(err)
		}
		s.articles = append(s.articles, fmt.Sprintf("%d %q %s read=%v star=%v arch=%v", a.ID, a.Title, a.Hash, a.Read, a.Starred, a.Archived))
	}
	feeds, err := st.Feeds(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range feeds {
		s.feeds = append(s.feeds, fmt.Sprintf("%d %s total=%d", f.ID, f.URL, f.Total))
	}
	return s
}

func sameState(t *testing.T, before, after dbState) {
	t.Helper()
	if after.integrity != "ok" {
		t.Errorf("integrity_check after the failure: %s", after.integrity)
	}
	if strings.Join(before.articles, "\n") != strings.Join(after.articles, "\n") {
		t.Errorf("stored articles changed:\nbefore:\n%s\nafter:\n%s", strings.Join(before.articles, "\n"), strings.Join(after.articles, "\n"))
	}
	if strings.Join(before.feeds, "\n") != strings.Join(after.feeds, "\n") {
		t.Errorf("stored feeds changed:\nbefore:\n%s\nafter:\n%s", strings.Join(before.feeds, "\n"), strings.Join(after.feeds, "\n"))
	}
}

// A database the process may not write (a 0444 file, or a 0555 directory
// where the WAL cannot be created): `sitrep fetch` and the reader (`sitrep`
// with no command) both stop at once with exit status 1 and one error line
// naming the file, saying it is read-only and what is not writable; nothing
// stored changes.
func TestReadOnlyDatabaseFetchAndReader(t *testing.T) {
	user := ""
	if os.Geteuid() == 0 {
		user = "nobody" // root writes through any file mode
	}
	for _, c := range []struct {
		name              string
		fileMode, dirMode os.FileMode
		hint              string
	}{
		{"read-only file", 0o444, 0o777, "permissions"},
		{"read-only directory", 0o644, 0o555, "is not writable"},
	} {
		t.Run(c.name, func(t *testing.T) {
			w := newDBWorld(t)
			before := w.state(t)
			if err := os.Chmod(w.db, c.fileMode); err != nil {
				t.Fatal(err)
			}
			if err := os.Chmod(w.dir, c.dirMode); err != nil {
				t.Fatal(err)
			}
			w.body.Store(testFeedXML("alpha", 9)) // new articles the fetch cannot store
			for _, args := range [][]string{{"fetch"}, {}} {
				code, stdout, stderr := w.sitrep(t, user, 0, args...)
				t.Logf("sitrep %v: exit %d: %s", args, code, strings.TrimSpace(stderr))
				if strings.Contains(stderr, "operation not permitted") {
					t.Skipf("cannot run as nobody here: %s", stderr)
				}
				if code != 1 {
					t.Errorf("sitrep %v: exit %d, want 1", args, code)
				}
				for _, want := range []string{"sitrep: ", w.db, "read-only", c.hint} {
					if !strings.Contains(stderr, want) {
						t.Errorf("sitrep %v: stderr lacks %q: %s", args, want, stderr)
					}
				}
				if strings.Count(strings.TrimSpace(stderr), "\n") > 0 || stdout != "" {
					t.Errorf("sitrep %v: want one error line, got stdout %q stderr %q", args, stdout, stderr)
				}
			}
			os.Chmod(w.dir, 0o755)
			os.Chmod(w.db, 0o644)
			sameState(t, before, w.state(t))
		})
	}
}

// A full disk (RLIMIT_FSIZE: the kernel refuses to grow any file past
// 256 KB, as ENOSPC would) during a fetch whose new articles do not fit:
// the feed fails with a clear error naming the disk or the refused write,
// exit status 1 (no feed could be stored), and everything stored before is
// intact. Once there is room, the same fetch succeeds.
func TestFullDiskFetch(t *testing.T) {
	w := newDBWorld(t)
	before := w.state(t)
	if fi, err := os.Stat(w.db); err != nil || fi.Size() >= 200<<10 {
		t.Fatalf("database too large for the 256 KB limit: %v %v", fi.Size(), err)
	}
	// 60 new articles of ~20 KB each: far beyond the 256 KB limit.
	var b strings.Builder
	b.WriteString(`<?xml version="1.0"?><rss version="2.0"><channel><title>alpha desk</title>`)
	for i := range 60 {
		fmt.Fprintf(&b, `<item><title>Big story %d</title><link>https://alpha.example/big/%d</link><guid>big-%d</guid><description>%s</description></item>`,
			i, i, i, strings.Repeat(fmt.Sprintf("Delegation %d met again in Doha on Tuesday. ", i), 450))
	}
	b.WriteString(`</channel></rss>`)
	w.body.Store(b.String())

	code, stdout, stderr := w.sitrep(t, "", 256<<10, "fetch")
	t.Logf("exit %d\n%s%s", code, stdout, stderr)
	if code != 1 {
		t.Errorf("exit %d, want 1", code)
	}
	if !strings.Contains(stderr, "disk is full") && !strings.Contains(stderr, "refused to read or write") {
		t.Errorf("stderr names neither a full disk nor a refused write:\n%s", stderr)
	}
	if !strings.Contains(stderr, "0 ok") || !strings.Contains(stderr, "1 failed") {
		t.Errorf("summary does not show the failed feed:\n%s", stderr)
	}
	after := w.state(t)
	if after.integrity != "ok" {
		t.Errorf("integrity_check after a full disk: %s", after.integrity)
	}
	if strings.Join(before.articles, "\n") != strings.Join(after.articles, "\n") {
		t.Errorf("stored articles changed:\nbefore:\n%s\nafter:\n%s", strings.Join(before.articles, "\n"), strings.Join(after.articles, "\n"))
	}

	// With room again, nothing is left over that blocks the next fetch.
	if code, _, stderr := runSitrep(t, "", "fetch", "--no-analyze", "--config", w.cfg, "--db", w.db); code != 0 || !strings.Contains(stderr, "60 new articles") {
		t.Errorf("fetch with room again: exit %d\n%s", code, stderr)
	}
}
