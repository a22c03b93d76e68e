package main

import "strings"

// isCobraUsageError recognises cobra's own argument and command errors, which
// it returns as plain errors: unknown commands and wrong argument counts.
func isCobraUsageError(err error) bool {
	msg := err.Error()
	for _, p := range []string{"unknown command", "accepts ", "requires at least", "requires at most", "received ", "invalid argument", "unknown flag", "unknown shorthand flag", "flag needs an argument"} {
		if strings.Contains(msg, p) {
			return true
		}
	}
	return false
}
