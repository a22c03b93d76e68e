package main

import (
	"fmt"
	"os"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/cobra/doc"

	"github.com/sitrep-news/sitrep/internal/version"
)

func init() { subcommands = append(subcommands, newManCmd) }

// newManCmd generates man pages from the command tree, so they never drift
// from --help. Release packages run `sitrep man -o DIR` at build time.
func newManCmd(_ *globalFlags) *cobra.Command {
	var dir string
	cmd := &cobra.Command{
		Use:   "man [-o DIR]",
		Short: "Generate man pages from the command tree",
		Long: `Without -o, print the sitrep(1) man page to stdout. With -o DIR, write one page
per command (sitrep.1, sitrep-fetch.1, ...) into DIR, creating it if needed.

The page date is the build date of a release binary, else $SOURCE_DATE_EPOCH,
else today.`,
		Example: `  sitrep man | man -l -
  sitrep man -o ./manpages && sudo cp manpages/*.1 /usr/local/share/man/man1/`,
		Args:                  cobra.NoArgs,
		DisableFlagsInUseLine: true,
		RunE: func(cmd *cobra.Command, args []string) error {
			return writeMan(cmd.Root(), cmd, dir)
		},
	}
	cmd.Flags().StringVarP(&dir, "output", "o", "", "write every page into `DIR` instead of printing sitrep(1)")
	return cmd
}

func manHeader() *doc.GenManHeader {
	v := version.Get()
	h := &doc.GenManHeader{Title: "SITREP", Section: "1", Source: "sitrep " + v.Version, Manual: "sitrep manual"}
	if t, err := time.Parse(time.RFC3339, v.Date); err == nil {
		h.Date = &t
	}
	return h
}

func writeMan(root, cmd *cobra.Command, dir string) error {
	// A generated footer with today's date would make pages differ per build.
	root.DisableAutoGenTag = true
	if dir == "" {
		return doc.GenMan(root, manHeader(), cmd.OutOrStdout())
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("man: %w", err)
	}
	h := manHeader()
	h.Title = "" // per page: SITREP, SITREP-FETCH, ...
	if err := doc.GenManTree(root, h, dir); err != nil {
		return fmt.Errorf("man: write pages into %s: %w", dir, err)
	}
	fmt.Fprintf(cmd.ErrOrStderr(), "wrote man pages to %s\n", dir)
	return nil
}
