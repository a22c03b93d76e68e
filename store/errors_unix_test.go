//go:build unix

package store

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// As root, permissions are real only for another user: run Open in a child
// process as nobody against a file and a directory it cannot write.
func TestOpenReadOnlyAsAnotherUser(t *testing.T) {
	t.Parallel() // child processes: overlaps with the other process tests, touches no globals
	if os.Geteuid() != 0 {
		t.Skip("needs root to switch to an unprivileged user (TestOpenReadOnlyFileAndDirectory covers non-root)")
	}
	base, err := os.MkdirTemp("", "sitrep-ro-")
	must(t, err)
	defer os.RemoveAll(base)
	must(t, os.Chmod(base, 0o755))
	exe := filepath.Join(base, "store.test")
	if err := os.Link(os.Args[0], exe); err != nil { // the test binary's own directory is private
		bin, err := os.ReadFile(os.Args[0])
		must(t, err)
		must(t, os.WriteFile(exe, bin, 0o755))
	}

	mk := func(name string, dirMode, fileMode os.FileMode) string {
		dir := filepath.Join(base, name)
		must(t, os.Mkdir(dir, 0o755))
		path := filepath.Join(dir, "sitrep.db")
		s, err := Open(path)
		must(t, err)
		addFeed(t, s, "https://x.example/feed", "X", "")
		must(t, s.Close()) // checkpoints: no -wal/-shm left
		must(t, os.Chmod(path, fileMode))
		must(t, os.Chmod(dir, dirMode))
		return path
	}
	for _, c := range []struct {
		name   string
		path   string
		wantRO bool
	}{
		{"read-only file", mk("file", 0o777, 0o444), true},
		{"read-only directory", mk("dir", 0o755, 0o666), false},
		{"new database in read-only directory", filepath.Join(base, "dir", "new.db"), true},
	} {
		t.Run(c.name, func(t *testing.T) {
			cmd := exec.Command(exe, "-test.run=^$")
			cmd.Env = append(os.Environ(), helperEnv+"=readonly", "SITREP_STORE_DB="+c.path)
			cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: 65534, Gid: 65534}}
			out, err := cmd.CombinedOutput()
			if err != nil {
				t.Skipf("cannot run as nobody here: %v %s", err, out)
			}
			msg := string(out)
			t.Log(strings.TrimSpace(msg))
			if strings.HasPrefix(msg, "opened") {
				t.Fatalf("Open succeeded on %s", c.path)
			}
			if c.wantRO && !strings.HasPrefix(msg, "readonly=true") {
				t.Errorf("want ErrReadOnly")
			}
			if !strings.Contains(msg, c.path) {
				t.Errorf("error does not name the file")
			}
		})
	}
}

func init() { helpers["fsize"] = helperFileSizeLimit }

// helperFileSizeLimit saves a large refresh under RLIMIT_FSIZE, so the
// kernel refuses the writes (EFBIG) as a full disk would (ENOSPC).
func helperFileSizeLimit() error {
	lim := &syscall.Rlimit{Cur: 256 << 10, Max: 256 << 10} // 256 KB per file
	if err := syscall.Setrlimit(syscall.RLIMIT_FSIZE, lim); err != nil {
		return err
	}
	s, err := Open(os.Getenv("SITREP_STORE_DB"))
	if err != nil {
		fmt.Printf("open failed\n%v\n", err)
		return nil
	}
	defer s.Close()
	ctx := context.Background()
	rows, err := s.List(ctx, Query{})
	if err != nil || len(rows) == 0 {
		return fmt.Errorf("list before: %v", err)
	}
	var big []Item
	for i := 100; i < 160; i++ {
		it := item(i)
		it.Text = strings.Repeat(fmt.Sprintf("word%d ", i), 2000)
		big = append(big, it)
	}
	_, err = s.SaveItems(ctx, rows[0].FeedID, big)
	if err == nil {
		fmt.Println("saved")
		return nil
	}
	fmt.Printf("io=%v full=%v\n%v\n", errors.Is(err, ErrIO), errors.Is(err, ErrDiskFull), err)
	// Small writes after the failure still work or fail cleanly; never corrupt.
	if err := s.SetStarred(ctx, rows[0].ID, true); err != nil {
		fmt.Printf("star: %v\n", err)
	}
	return nil
}

// A real write failure from the kernel: the save fails with a clear error,
// the database stays intact, and what was stored before is all there.
func TestWriteRefusedByKernel(t *testing.T) {
	t.Parallel() // child processes: overlaps with the other process tests, touches no globals
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "sitrep.db")
	s, err := Open(path)
	must(t, err)
	f := addFeed(t, s, "https://x.example/feed", "X", "")
	ids := save(t, s, f, item(1), item(2)).NewIDs
	must(t, s.Close())

	out, err := helperCmd("fsize", path).CombinedOutput()
	if err != nil {
		t.Fatalf("helper: %v\n%s", err, out)
	}
	msg := string(out)
	t.Log(strings.TrimSpace(msg))
	if strings.HasPrefix(msg, "saved") {
		t.Fatal("a 600 KB refresh fit under a 256 KB file size limit")
	}
	if !strings.HasPrefix(msg, "io=true") && !strings.Contains(msg, "full=true") {
		t.Errorf("want ErrIO or ErrDiskFull")
	}
	if !strings.Contains(msg, "save items") {
		t.Errorf("error lacks context")
	}

	s, err = Open(path)
	must(t, err)
	defer s.Close()
	if msg := integrity(s); msg != "ok" {
		t.Fatalf("integrity after refused writes: %s", msg)
	}
	if n, _ := s.Count(ctx, Query{}); n != 2 {
		t.Errorf("%d articles, want the 2 stored before", n)
	}
	if a, err := s.Article(ctx, ids[1]); err != nil || a.Text != item(2).Text {
		t.Errorf("stored article: %+v %v", a, err)
	}
}
