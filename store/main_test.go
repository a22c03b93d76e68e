package store

import (
	"fmt"
	"os"
	"testing"
)

// Tests that need a second process re-run this test binary with
// SITREP_STORE_HELPER naming the role (the helper-process pattern); TestMain
// runs the role instead of the tests.
const helperEnv = "SITREP_STORE_HELPER"

var helpers = map[string]func() error{}

// AfterTests run after all tests and benchmarks (the external test package
// uses it to remove the seeded benchmark database).
var AfterTests []func()

func TestMain(m *testing.M) {
	if role := os.Getenv(helperEnv); role != "" {
		fn, ok := helpers[role]
		if !ok {
			fmt.Fprintf(os.Stderr, "unknown helper role %q\n", role)
			os.Exit(2)
		}
		if err := fn(); err != nil {
			fmt.Fprintf(os.Stderr, "helper %s: %v\n", role, err)
			os.Exit(1)
		}
		os.Exit(0)
	}
	code := m.Run()
	for _, fn := range AfterTests {
		fn()
	}
	os.Exit(code)
}
