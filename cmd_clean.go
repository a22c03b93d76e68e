package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"github.com/sitrep-news/sitrep/config"
	"github.com/sitrep-news/sitrep/feed/clean"
)

func init() { subcommands = append(subcommands, newCleanCmd) }

// maxCleanInput bounds what `sitrep clean` reads (a page or an article).
const maxCleanInput = 16 << 20

func newCleanCmd(g *globalFlags) *cobra.Command {
	var asHTML bool
	var baseURL string
	cmd := &cobra.Command{
		Use:   "clean [--html] [--url URL] [FILE|-]",
		Short: "Clean an article: repair encoding, drop boilerplate, print plain text",
		Long: `Clean one article and print it as plain text: the title, a blank line, then the
paragraphs separated by blank lines. The same cleaning feeds the reader and
the analysis: HTML entities decoded once, mojibake such as "ErdoÄŸan"
repaired to "Erdoğan", terminal escape sequences and bidi controls removed,
and boilerplate (cookie banners, newsletter prompts, share lines, "The post
... appeared first on ...", related links, ad markers) dropped.

Input is scraped plain text whose first line is the title, read from FILE or
standard input ("-" or no argument). With --html the input is a whole web
page and the output is its main article, found with readability.

--url gives the page's address, used to resolve relative links; sitrep clean
never fetches anything. Extra boilerplate rules come from the config file
(clean.boilerplate), when it exists.`,
		Example: `  sitrep clean article.txt
  curl -s https://example.com/news/1 | sitrep clean --html --url https://example.com/news/1
  sitrep clean --html saved-page.html > article.txt`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if baseURL != "" && !clean.IsSafeURL(baseURL) {
				return usagef("clean: --url %q: want an absolute http or https URL", clean.Safe(baseURL))
			}
			name := "-"
			if len(args) == 1 {
				name = args[0]
			}
			input, err := readCleanInput(cmd, name)
			if err != nil {
				return err
			}
			extra, err := cleanRules(g)
			if err != nil {
				return err
			}
			c, err := clean.New(extra)
			if err != nil {
				return fmt.Errorf("clean: %w", err)
			}
			var a clean.Article
			if asHTML {
				a, err = c.Page(input, baseURL)
				if err != nil {
					return fmt.Errorf("clean %s: %w", displayName(name), err)
				}
			} else {
				a = c.Text("", string(input))
			}
			return writeArticle(cmd.OutOrStdout(), a)
		},
	}
	cmd.Flags().BoolVar(&asHTML, "html", false, "input is a whole web page: extract its main article")
	cmd.Flags().StringVar(&baseURL, "url", "", "the page's URL, to resolve relative links (nothing is fetched)")
	return cmd
}

func displayName(name string) string {
	if name == "-" {
		return "standard input"
	}
	return clean.Safe(name)
}

func readCleanInput(cmd *cobra.Command, name string) ([]byte, error) {
	var r io.Reader = cmd.InOrStdin()
	if name == "-" && isTerminal(r) {
		return nil, usagef("clean: standard input is a terminal: give a FILE or pipe the article in")
	}
	if name != "-" {
		f, err := os.Open(name)
		if err != nil {
			return nil, fmt.Errorf("clean: %w", err)
		}
		defer f.Close()
		r = f
	}
	data, err := io.ReadAll(io.LimitReader(r, maxCleanInput+1))
	if err != nil {
		return nil, fmt.Errorf("clean: read %s: %w", displayName(name), err)
	}
	if len(data) > maxCleanInput {
		return nil, fmt.Errorf("clean: %s is over %d MiB", displayName(name), maxCleanInput>>20)
	}
	return data, nil
}

// cleanRules returns the user's boilerplate rules. A missing config file is
// not an error here: clean, extract and inspect read a config but must never
// create one.
func cleanRules(g *globalFlags) ([]string, error) {
	path := config.ConfigPath(g.configPath)
	if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	cfg, err := config.Load(path)
	if err != nil {
		return nil, err
	}
	return cfg.Clean.Boilerplate, nil
}

// writeArticle prints the title, a blank line and the paragraphs.
func writeArticle(w io.Writer, a clean.Article) error {
	var b strings.Builder
	if a.Title != "" {
		b.WriteString(a.Title + "\n\n")
	}
	if a.Text != "" {
		b.WriteString(a.Text + "\n")
	}
	_, err := io.WriteString(w, b.String())
	return err
}
