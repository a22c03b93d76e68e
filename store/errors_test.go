package store

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A database the process cannot write (file mode, read-only mount) fails
// at Open with ErrReadOnly and a hint, not at the first keypress.
func TestOpenReadOnlyDatabase(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sitrep.db")
	s, err := Open(path)
	must(t, err)
	f := addFeed(t, s, "https://x.example/feed", "X", "")
	save(t, s, f, item(1))
	must(t, s.Close())

	_, err = open(path, openOptions{readOnlyFile: true})
	if !errors.Is(err, ErrReadOnly) {
		t.Fatalf("err = %v, want ErrReadOnly", err)
	}
	for _, want := range []string{path, "read-only", "permissions"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not mention %q", err, want)
		}
	}
	t.Log(err)
}

// The same with real file permissions, where the OS enforces them (not as root).
func TestOpenReadOnlyFileAndDirectory(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("running as root: file permissions are not enforced (TestOpenReadOnlyDatabase covers the error path)")
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "sitrep.db")
	s, err := Open(path)
	must(t, err)
	addFeed(t, s, "https://x.example/feed", "X", "")
	must(t, s.Close())

	t.Run("file", func(t *testing.T) {
		must(t, os.Chmod(path, 0o444))
		defer os.Chmod(path, 0o644)
		_, err := Open(path)
		if !errors.Is(err, ErrReadOnly) {
			t.Fatalf("err = %v, want ErrReadOnly", err)
		}
		t.Log(err)
	})
	t.Run("directory", func(t *testing.T) {
		must(t, os.Chmod(dir, 0o555))
		defer os.Chmod(dir, 0o755)
		_, err := Open(filepath.Join(dir, "new.db"))
		if err == nil {
			t.Fatal("want an error creating a database in a read-only directory")
		}
		t.Log(err)
	})
}

// A full disk fails the transaction with ErrDiskFull; everything stored
// before is intact and the store keeps working once there is room.
func TestDiskFull(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "sitrep.db")
	s, err := Open(path)
	must(t, err)
	f := addFeed(t, s, "https://x.example/feed", "X", "")
	ids := save(t, s, f, item(1), item(2)).NewIDs
	must(t, s.SetStarred(ctx, ids[0], true))
	var pages int64
	must(t, s.w.QueryRow("PRAGMA page_count").Scan(&pages))
	must(t, s.Close())

	// The "disk" holds only a few more pages than the database has now.
	s, err = open(path, openOptions{maxPages: pages + 4})
	must(t, err)
	defer s.Close()
	var big []Item
	for i := 10; i < 60; i++ {
		it := item(i)
		it.Text = strings.Repeat(fmt.Sprintf("word%d ", i), 2000)
		big = append(big, it)
	}
	_, err = s.SaveItems(ctx, f, big)
	if !errors.Is(err, ErrDiskFull) {
		t.Fatalf("err = %v, want ErrDiskFull", err)
	}
	t.Log(err)
	if n, _ := s.Count(ctx, Query{}); n != 2 {
		t.Errorf("%d articles after a failed save, want the 2 stored before", n)
	}
	if a, _ := s.Article(ctx, ids[0]); !a.Starred || a.Text != item(1).Text {
		t.Errorf("stored article damaged: %+v", a)
	}
	// Small writes still fit.
	must(t, s.SetRead(ctx, ids, true))
	var ok string
	must(t, s.w.QueryRow("PRAGMA integrity_check").Scan(&ok))
	if ok != "ok" {
		t.Errorf("integrity_check: %s", ok)
	}
}

func TestOpenEmptyPath(t *testing.T) {
	if _, err := Open(""); err == nil {
		t.Fatal("want an error")
	}
}

func TestOpenNotADatabase(t *testing.T) {
	path := filepath.Join(t.TempDir(), "notes.txt")
	must(t, os.WriteFile(path, []byte(strings.Repeat("this is not sqlite\n", 200)), 0o644))
	_, err := Open(path)
	if err == nil || !strings.Contains(err.Error(), path) {
		t.Fatalf("err = %v", err)
	}
	t.Log(err)
}

// helperReadOnly opens the database and reports what Open said.
func helperReadOnly() error {
	s, err := Open(os.Getenv("SITREP_STORE_DB"))
	if err == nil {
		s.Close()
		fmt.Println("opened")
		return nil
	}
	fmt.Printf("readonly=%v\n%v\n", errors.Is(err, ErrReadOnly), err)
	return nil
}

// Paths are file names, never URI syntax: '?', '#', '%' and ':' stay in the name.
func TestOpenOddPaths(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"a b?x=1#f.db", "p%20c.db", "ünï:a.db", "semi;colon&amp.db"} {
		p := filepath.Join(dir, name)
		s, err := Open(p)
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		addFeed(t, s, "https://x.example/feed", "X", "")
		must(t, s.Close())
		if _, err := os.Stat(p); err != nil {
			t.Errorf("%s: database not at its path: %v", name, err)
		}
	}
	t.Chdir(dir)
	s, err := Open("rel:ative.db")
	must(t, err)
	must(t, s.Close())
	if _, err := os.Stat(filepath.Join(dir, "rel:ative.db")); err != nil {
		t.Error(err)
	}
	ents, _ := os.ReadDir(dir)
	for _, e := range ents {
		if strings.HasSuffix(e.Name(), "-wal") || strings.HasSuffix(e.Name(), "-shm") {
			t.Errorf("%s left behind after Close", e.Name())
		}
	}
	if _, err := Open(":memory:"); err == nil || !strings.Contains(err.Error(), "file") {
		t.Errorf("Open(:memory:) = %v, want a clear refusal", err)
	}
}
