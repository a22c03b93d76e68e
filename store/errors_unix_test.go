//go:build unix

package store

import (
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
