package main

import (
	"encoding/json"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/sitrep-news/sitrep/internal/version"
)

func init() { subcommands = append(subcommands, newVersionCmd) }

// newVersionCmd prints what build this is: release builds get version, commit
// and date from -ldflags; `go install` builds fall back to the build info.
func newVersionCmd(_ *globalFlags) *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "version",
		Short: "Print version, commit, build date, Go version and platform",
		Example: `  sitrep version
  sitrep version --json | jq -r .version`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return writeVersion(cmd, version.Get(), asJSON)
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print a JSON object (version, commit, date, go, platform)")
	return cmd
}

func writeVersion(cmd *cobra.Command, v version.Info, asJSON bool) error {
	w := cmd.OutOrStdout()
	if asJSON {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(v)
	}
	_, err := fmt.Fprintf(w, "sitrep %s\ncommit:   %s\nbuilt:    %s\ngo:       %s\nplatform: %s\n",
		v.Version, v.Commit, v.Date, v.GoVersion, v.Platform)
	return err
}
