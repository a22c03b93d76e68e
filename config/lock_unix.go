//go:build unix

package config

import (
	"fmt"
	"os"
	"syscall"
)

// lockConfig takes an exclusive flock on the config file so two sitrep
// processes editing it (feeds add from a script while another imports) do
// not lose each other's change. Edits replace the file by rename, so after
// locking we check the path still names the locked file, and lock the new
// one if not. On a filesystem without locks the edit goes on unlocked (the
// changed-file check in writeNode still applies).
func lockConfig(path string) (unlock func(), err error) {
	for range 100 {
		f, err := os.Open(path)
		if err != nil {
			return nil, fmt.Errorf("lock config: %w", err)
		}
		fd := int(f.Fd())
		if err := syscall.Flock(fd, syscall.LOCK_EX); err != nil {
			f.Close()
			return func() {}, nil
		}
		held, err1 := f.Stat()
		now, err2 := os.Stat(path)
		if err1 == nil && err2 == nil && os.SameFile(held, now) {
			return func() {
				syscall.Flock(fd, syscall.LOCK_UN)
				f.Close()
			}, nil
		}
		syscall.Flock(fd, syscall.LOCK_UN)
		f.Close()
	}
	return nil, fmt.Errorf("lock config %s: it keeps being replaced", path)
}
