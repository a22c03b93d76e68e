// Command sitrep is a terminal briefing reader: it pulls RSS, Atom and JSON
// feeds, cleans the articles and shows each beside its key facts and quotes.
//
// main.go builds the command tree and wires config, store, feed, summarize and
// ui together; each subcommand lives in its own cmd_*.go file.
package main

import (
	"errors"
	"fmt"
	"os"

	"github.com/spf13/cobra"
)

// Exit codes.
const (
	exitOK      = 0
	exitFailure = 1
	exitUsage   = 2
)

// usageError marks an error as the user's misuse of the command line (exit 2).
type usageError struct{ err error }

func (e usageError) Error() string { return e.err.Error() }
func (e usageError) Unwrap() error { return e.err }

func usagef(format string, a ...any) error { return usageError{fmt.Errorf(format, a...)} }

// globalFlags are shared by every command.
type globalFlags struct {
	configPath string
	dbPath     string
	noColor    bool
}

// subcommands is filled by the init functions of the cmd_*.go files, so each
// command stays in its own file and main.go never needs editing to add one.
var subcommands []func(g *globalFlags) *cobra.Command

func newRootCmd() *cobra.Command {
	g := &globalFlags{}
	var demo bool
	root := &cobra.Command{
		Use:   "sitrep",
		Short: "A terminal briefing reader for regional news",
		Long: `sitrep pulls articles from RSS, Atom and JSON feeds, cleans them, and shows
each article beside its key facts (ceasefire, talks, mediator, casualties...)
and its quotes with their speakers. Keyboard-driven, offline-capable, no LLM.`,
		Example: `  sitrep --demo            # try it offline on the built-in sample feeds
  sitrep                   # open the reader on your feeds
  sitrep fetch             # refresh all feeds headless (e.g. from cron)`,
		SilenceUsage:  true,
		SilenceErrors: true,
		Args:          cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runTUI(cmd, g, demo)
		},
	}
	pf := root.PersistentFlags()
	pf.StringVar(&g.configPath, "config", "", "config file (default $SITREP_CONFIG or $XDG_CONFIG_HOME/sitrep/config.yaml)")
	pf.StringVar(&g.dbPath, "db", "", "database file (default $XDG_DATA_HOME/sitrep/sitrep.db)")
	pf.BoolVar(&g.noColor, "no-color", false, "disable colour (also honoured: NO_COLOR)")
	root.Flags().BoolVar(&demo, "demo", false, "run offline on embedded sample feeds in a temporary store")
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error { return usageError{err} })
	for _, mk := range subcommands {
		root.AddCommand(mk(g))
	}
	tagRunErrors(root)
	return root
}

// runError marks an error returned by a command's RunE: it failed while
// running, so it is no usage error even when its text (an OS or network
// message such as "connect: invalid argument") reads like one of cobra's.
type runError struct{ err error }

func (e runError) Error() string { return e.err.Error() }
func (e runError) Unwrap() error { return e.err }

// tagRunErrors wraps the RunE of c and of every command below it in runError.
func tagRunErrors(c *cobra.Command) {
	if run := c.RunE; run != nil {
		c.RunE = func(cmd *cobra.Command, args []string) error {
			if err := run(cmd, args); err != nil {
				return runError{err}
			}
			return nil
		}
	}
	for _, sub := range c.Commands() {
		tagRunErrors(sub)
	}
}

func main() {
	os.Exit(run(os.Args[1:]))
}

func run(args []string) int {
	root := newRootCmd()
	root.SetArgs(args)
	cmd, err := root.ExecuteC()
	if err == nil {
		return exitOK
	}
	fmt.Fprintf(os.Stderr, "sitrep: %v\n", err)
	var ue usageError
	var re runError
	if errors.As(err, &ue) || (!errors.As(err, &re) && isCobraUsageError(err)) {
		fmt.Fprintf(os.Stderr, "Run '%s --help' for usage.\n", cmd.CommandPath())
		return exitUsage
	}
	return exitFailure
}
