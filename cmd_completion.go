package main

import "github.com/spf13/cobra"

func init() { subcommands = append(subcommands, newCompletionCmd) }

// completionShells is what `completion` accepts.
var completionShells = []string{"bash", "zsh", "fish", "powershell"}

// newCompletionCmd replaces cobra's default completion command (cobra adds its
// own only when none named "completion" exists) so it has our help, examples
// and exit codes. The scripts call the hidden `sitrep __complete`, so they
// stay correct as commands and flags change.
func newCompletionCmd(_ *globalFlags) *cobra.Command {
	var noDesc bool
	cmd := &cobra.Command{
		Use:   "completion bash|zsh|fish|powershell",
		Short: "Print a shell completion script",
		Long: `Print the completion script for bash, zsh, fish or PowerShell to stdout.

Release packages (deb, rpm, Homebrew) install these already. To load them by hand:

  bash:       source <(sitrep completion bash)
              sitrep completion bash > /etc/bash_completion.d/sitrep
  zsh:        sitrep completion zsh > "${fpath[1]}/_sitrep"   (needs compinit)
  fish:       sitrep completion fish > ~/.config/fish/completions/sitrep.fish
  powershell: sitrep completion powershell | Out-String | Invoke-Expression`,
		Example: `  source <(sitrep completion bash)
  sitrep completion zsh > ~/.zsh/completions/_sitrep
  sitrep completion fish --no-descriptions > ~/.config/fish/completions/sitrep.fish`,
		ValidArgs:             completionShells,
		Args:                  cobra.MatchAll(cobra.ExactArgs(1), cobra.OnlyValidArgs),
		DisableFlagsInUseLine: true,
		RunE: func(cmd *cobra.Command, args []string) error {
			return writeCompletion(cmd.Root(), cmd, args[0], !noDesc)
		},
	}
	cmd.Flags().BoolVar(&noDesc, "no-descriptions", false, "complete without descriptions")
	return cmd
}

func writeCompletion(root, cmd *cobra.Command, shell string, desc bool) error {
	w := cmd.OutOrStdout()
	switch shell {
	case "bash":
		return root.GenBashCompletionV2(w, desc)
	case "zsh":
		if desc {
			return root.GenZshCompletion(w)
		}
		return root.GenZshCompletionNoDesc(w)
	case "fish":
		return root.GenFishCompletion(w, desc)
	case "powershell":
		if desc {
			return root.GenPowerShellCompletionWithDesc(w)
		}
		return root.GenPowerShellCompletion(w)
	}
	return usagef("unknown shell %q (want bash, zsh, fish or powershell)", shell)
}
