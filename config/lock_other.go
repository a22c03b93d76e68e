//go:build !unix

package config

// lockConfig is a no-op where flock is unavailable; writeNode's
// changed-file check still guards against lost edits.
func lockConfig(path string) (unlock func(), err error) { return func() {}, nil }
