//go:build unix

package hostile

import (
	"context"
	"database/sql"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"testing"

	"github.com/sitrep-news/sitrep/store"
)

const diskFullChildEnv = "SITREP_HOSTILE_DISKFULL_DB"

// The reader over a real store on a full disk: star, mark read and archive
// fail, the status line says why, the row shows its old state again, and the
// database is intact with nothing changed. The reader runs in a child
// process (this test binary) under RLIMIT_FSIZE of 1 byte set after the
// store opened, so the kernel refuses every write that grows a file, as a
// full disk does. (ui's TestStateWriteErrorUndoes covers the same with a
// fake source.)
func TestReaderOnFullDisk(t *testing.T) {
	e := newEnv(t)
	u := e.serve("/f.rss", "application/rss+xml", []byte(rssItems(
		rssItem("1", "First story", "https://site.example/1", "Delegations met again in the capital, officials said."),
		rssItem("2", "Second story", "https://site.example/2", "Talks collapsed on Tuesday, the mediator said."))))
	if sum := e.refresh(u); sum.New != 2 {
		t.Fatalf("%+v", sum)
	}
	path := e.st.Path()
	if err := e.st.Close(); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestReaderOnFullDiskChild$", "-test.v")
	cmd.Env = append(os.Environ(), diskFullChildEnv+"="+path)
	out, err := cmd.CombinedOutput()
	t.Logf("child:\n%s", out)
	if err != nil || !strings.Contains(string(out), "--- PASS: TestReaderOnFullDiskChild") {
		t.Fatalf("child failed: %v", err)
	}

	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	var ok string
	if err := db.QueryRow("PRAGMA integrity_check").Scan(&ok); err != nil || ok != "ok" {
		t.Errorf("integrity_check: %q %v", ok, err)
	}
	db.Close()
	st, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	rows, err := st.List(context.Background(), store.Query{IncludeArchived: true})
	if err != nil || len(rows) != 2 {
		t.Fatalf("%d rows %v", len(rows), err)
	}
	for _, r := range rows {
		if r.Read || r.Starred || r.Archived {
			t.Errorf("%q changed on a full disk: %+v", r.Title, r)
		}
	}
}

func TestReaderOnFullDiskChild(t *testing.T) {
	path := os.Getenv(diskFullChildEnv)
	if path == "" {
		t.Skip("child of TestReaderOnFullDisk")
	}
	st, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if err := syscall.Setrlimit(syscall.RLIMIT_FSIZE, &syscall.Rlimit{Cur: 1, Max: 1}); err != nil {
		t.Fatal(err)
	}
	r := newReader(t, st, 120, 40)
	sel, ok := r.m.Selected()
	if !ok {
		t.Fatalf("no article listed:\n%s", r.view())
	}
	for _, k := range []struct{ key, what string }{{"s", "star"}, {"m", "read"}, {"a", "archive"}} {
		r.key(k.key)
		status, isErr := r.m.Status()
		t.Logf("%s: status %q", k.what, status)
		if !isErr || !(strings.Contains(status, "disk") || strings.Contains(status, "refused")) {
			t.Errorf("%s on a full disk: status %q (error %v), want the store's error", k.what, status, isErr)
		}
		checkView(t, k.what, r.view())
		now, ok := r.m.Selected()
		if !ok || now.ID != sel.ID || now.Starred || now.Read {
			t.Errorf("%s: the row did not get its old state back: %+v", k.what, now)
		}
		a, err := st.Article(context.Background(), sel.ID)
		if err != nil || a.Starred || a.Read || a.Archived {
			t.Errorf("%s: stored state changed: %+v %v", k.what, a.State, err)
		}
	}
}
