package main

import (
	"errors"

	"github.com/spf13/cobra"
)

// runTUI opens the reader, on the user's feeds or (demo) on the embedded
// sample feeds served from loopback into a temporary store.
func runTUI(cmd *cobra.Command, g *globalFlags, demo bool) error {
	return errors.New("the reader is not built yet")
}
