package main

import (
	"bytes"
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/sitrep-news/sitrep/brief"
	"github.com/sitrep-news/sitrep/config"
	"github.com/sitrep-news/sitrep/store"
)

func init() { subcommands = append(subcommands, newBriefCmd) }

func newBriefCmd(g *globalFlags) *cobra.Command {
	var (
		since   time.Duration
		folder  string
		starred bool
		format  string
		outPath string
	)
	cmd := &cobra.Command{
		Use:   "brief",
		Short: "Write a briefing of the period's stories (Markdown, HTML or JSON)",
		Long: `brief groups the period's articles into stories across sources, ranks them
(sources, recency, starred, weighty facts such as casualties or collapsed
talks) and writes each with its key facts, where sources agree or contradict
each other, one or two quotes with speakers, and links to every source.

It reads the store only: run 'sitrep fetch' first for fresh articles.`,
		Example: `  sitrep brief                              # last 24h as Markdown on stdout
  sitrep brief --since 72h --folder "Middle East" -o brief.html
  sitrep brief --starred --format json | jq '.stories[0].facts'`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if since <= 0 {
				return usagef("--since must be positive, got %s", since)
			}
			f, err := briefFormat(format, outPath)
			if err != nil {
				return err
			}
			ctx := cmd.Context()
			a, err := openApp(ctx, g)
			if err != nil {
				return err
			}
			defer a.Close()
			if err := a.analyzeRest(ctx); err != nil {
				return err
			}
			now := time.Now()
			title := "sitrep briefing"
			if folder != "" {
				title += ": " + folder
			}
			b, err := brief.Collect(ctx, a.st, store.Query{Since: now.Add(-since), Folder: folder, StarredOnly: starred}, title, now)
			if err != nil {
				return err
			}
			var buf bytes.Buffer
			switch f {
			case "md":
				err = brief.Markdown(&buf, b)
			case "html":
				err = brief.HTML(&buf, b)
			case "json":
				err = brief.JSON(&buf, b)
			}
			if err != nil {
				return err
			}
			if outPath == "" || outPath == "-" {
				_, err = cmd.OutOrStdout().Write(buf.Bytes())
				return err
			}
			if err := config.WriteFileAtomic(outPath, buf.Bytes()); err != nil {
				return fmt.Errorf("brief: %w", err)
			}
			fmt.Fprintf(cmd.ErrOrStderr(), "wrote %d stories to %s\n", len(b.Stories), outPath)
			return nil
		},
	}
	fl := cmd.Flags()
	fl.DurationVar(&since, "since", 24*time.Hour, "period to cover, back from now")
	fl.StringVar(&folder, "folder", "", "only feeds in this folder")
	fl.BoolVar(&starred, "starred", false, "only starred articles")
	fl.StringVar(&format, "format", "", "md, html or json (default: from -o's extension, else md)")
	fl.StringVarP(&outPath, "output", "o", "", "write to this file instead of stdout")
	return cmd
}

// briefFormat picks the output format from --format, else -o's extension.
func briefFormat(format, out string) (string, error) {
	if format == "" {
		switch strings.ToLower(filepath.Ext(out)) {
		case ".html", ".htm":
			return "html", nil
		case ".json":
			return "json", nil
		}
		return "md", nil
	}
	switch format {
	case "md", "markdown":
		return "md", nil
	case "html", "json":
		return format, nil
	}
	return "", usagef("--format must be md, html or json, got %q", format)
}
