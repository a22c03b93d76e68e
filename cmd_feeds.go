package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"slices"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/sitrep-news/sitrep/config"
	"github.com/sitrep-news/sitrep/feed/clean"
	"github.com/sitrep-news/sitrep/store"
)

func init() { subcommands = append(subcommands, newFeedsCmd) }

func newFeedsCmd(g *globalFlags) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "feeds",
		Short: "List, add, remove, import and export feed subscriptions",
		Long: `Manage the feeds listed in the config file. add and rm edit the file in
place and keep its comments and order; import and export speak OPML 2.0, the
subscription format of every feed reader.`,
		Example: `  sitrep feeds list
  sitrep feeds add https://news.un.org/feed/subscribe/en/news/all/rss.xml --folder "UN and Relief"
  sitrep feeds rm https://news.un.org/feed/subscribe/en/news/all/rss.xml
  sitrep feeds import ~/Downloads/subscriptions.opml
  sitrep feeds export -o feeds.opml`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error { return cmd.Help() },
	}
	cmd.AddCommand(feedsListCmd(g), feedsAddCmd(g), feedsRmCmd(g), feedsImportCmd(g), feedsExportCmd(g))
	return cmd
}

// feedRow is one line of `feeds list`, and its JSON form.
type feedRow struct {
	URL       string     `json:"url"`
	Title     string     `json:"title"`
	Folder    string     `json:"folder"`
	Tags      []string   `json:"tags"`
	FullText  string     `json:"full_text"`
	Interval  string     `json:"interval"`
	HTMLURL   string     `json:"html_url,omitempty"`
	Unread    *int       `json:"unread,omitempty"` // absent when the store has no record of the feed
	Total     *int       `json:"total,omitempty"`
	LastFetch *time.Time `json:"last_fetch,omitempty"`
	LastError string     `json:"last_error,omitempty"`
	Gone      bool       `json:"gone,omitempty"`
}

func feedsListCmd(g *globalFlags) *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "list",
		Short: "List subscribed feeds with unread counts and last errors",
		Long: `List the feeds in the config file: folder, title and URL, plus the unread
count and the last fetch error from the database when it exists. Listing
never changes the stored feeds or articles (a fetch syncs them with the
config), so feeds added since the last fetch show no count yet.`,
		Example: `  sitrep feeds list
  sitrep feeds list --json | jq -r '.[] | select(.last_error != null) | .url'`,
		Aliases: []string{"ls"},
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			cfgPath := config.ConfigPath(g.configPath)
			cfg, err := loadConfig(cmd, cfgPath)
			if err != nil {
				return err
			}
			rows := make([]feedRow, len(cfg.Feeds))
			for i, f := range cfg.Feeds {
				rows[i] = feedRow{
					URL: f.URL, Title: f.Title, Folder: f.Folder, Tags: f.Tags,
					FullText: f.FullTextMode(), Interval: config.FormatDuration(cfg.FeedInterval(f)), HTMLURL: f.HTMLURL,
				}
				if rows[i].Tags == nil {
					rows[i].Tags = []string{}
				}
			}
			stored, note := storedFeeds(cmd.Context(), config.DBPath(g.dbPath))
			mergeStored(rows, stored)
			if note != "" {
				fmt.Fprintln(cmd.ErrOrStderr(), note)
			}
			if asJSON {
				return writeFeedsJSON(cmd.OutOrStdout(), rows)
			}
			if len(rows) == 0 {
				fmt.Fprintf(cmd.OutOrStdout(), "No feeds in %s. Add one with 'sitrep feeds add URL' or 'sitrep feeds import FILE.opml'.\n", cfgPath)
				return nil
			}
			return writeFeedsTable(cmd.OutOrStdout(), rows, stored != nil)
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print a JSON array (one object per feed)")
	return cmd
}

// loadConfig loads the config and says so when this run created it.
func loadConfig(cmd *cobra.Command, path string) (*config.Config, error) {
	cfg, err := config.Load(path)
	if err == nil && cfg.Created {
		fmt.Fprintf(cmd.ErrOrStderr(), "Wrote the default config with %d feeds to %s\n", len(cfg.Feeds), path)
	}
	return cfg, err
}

// storedFeeds reads the feeds the database knows, without creating or
// changing the database. A note says why there are none.
func storedFeeds(ctx context.Context, dbPath string) ([]store.Feed, string) {
	if _, err := os.Stat(dbPath); errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Sprintf("(no database yet at %s: run 'sitrep fetch' for unread counts)", dbPath)
	}
	st, err := store.Open(dbPath)
	if err != nil {
		return nil, fmt.Sprintf("(database unavailable, showing the config only: %v)", err)
	}
	defer st.Close()
	feeds, err := st.Feeds(ctx)
	if err != nil {
		return nil, fmt.Sprintf("(database unavailable, showing the config only: %v)", err)
	}
	if feeds == nil {
		feeds = []store.Feed{}
	}
	return feeds, ""
}

// mergeStored fills the rows' counts and errors from the stored feeds,
// matching by URL, and for a feed that moved (301) by folder and title.
func mergeStored(rows []feedRow, stored []store.Feed) {
	used := make([]bool, len(stored))
	fill := func(r *feedRow, i int) {
		sf := stored[i]
		used[i] = true
		unread, total := sf.Unread, sf.Total
		r.Unread, r.Total = &unread, &total
		if !sf.LastFetch.IsZero() {
			t := sf.LastFetch
			r.LastFetch = &t
		}
		r.LastError = clean.Safe(sf.LastError)
		r.Gone = sf.Gone
		if r.Title == "" {
			r.Title = sf.Title
		}
	}
	var rest []int
	for ri := range rows {
		i := slices.IndexFunc(stored, func(sf store.Feed) bool { return strings.EqualFold(sf.URL, rows[ri].URL) })
		if i >= 0 && !used[i] {
			fill(&rows[ri], i)
			continue
		}
		rest = append(rest, ri)
	}
	for _, ri := range rest {
		r := &rows[ri]
		if r.Title == "" {
			continue
		}
		for i, sf := range stored {
			if !used[i] && sf.Title == r.Title && sf.Folder == r.Folder {
				fill(r, i)
				break
			}
		}
	}
}

func writeFeedsJSON(w io.Writer, rows []feedRow) error {
	for i := range rows { // terminal-safe even when piped to a terminal
		rows[i].Title, rows[i].Folder, rows[i].URL = clean.Safe(rows[i].Title), clean.Safe(rows[i].Folder), clean.Safe(rows[i].URL)
		for j, t := range rows[i].Tags {
			rows[i].Tags[j] = clean.Safe(t)
		}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(rows)
}

func writeFeedsTable(w io.Writer, rows []feedRow, haveStore bool) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	header := "FOLDER\tTITLE\tURL"
	if haveStore {
		header += "\tUNREAD\tLAST ERROR"
	}
	fmt.Fprintln(tw, header)
	for _, r := range rows {
		folder, title := oneLine(r.Folder, 30), oneLine(r.Title, 40)
		if folder == "" {
			folder = "-"
		}
		if title == "" {
			title = "-"
		}
		line := folder + "\t" + title + "\t" + oneLine(r.URL, 80)
		if haveStore {
			unread := "-"
			if r.Unread != nil {
				unread = fmt.Sprint(*r.Unread)
			}
			errText := oneLine(r.LastError, 60)
			if r.Gone {
				errText = "gone (HTTP 410): remove it or re-add it"
			}
			line += "\t" + unread + "\t" + errText
		}
		fmt.Fprintln(tw, line)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	_, err := fmt.Fprintf(w, "%d feeds\n", len(rows))
	return err
}

// oneLine makes s terminal-safe, one line, at most n runes.
func oneLine(s string, n int) string {
	s = strings.Join(strings.Fields(clean.Safe(s)), " ")
	if r := []rune(s); len(r) > n {
		s = string(r[:n-1]) + "…"
	}
	return s
}

func feedsAddCmd(g *globalFlags) *cobra.Command {
	var f config.Feed
	var interval string
	cmd := &cobra.Command{
		Use:   "add URL",
		Short: "Subscribe to a feed",
		Long: `Add a feed to the config file. Only http and https URLs are accepted. The
feed is placed after the other feeds of its folder; the file keeps its
comments. The first run creates the default config before adding.`,
		Example: `  sitrep feeds add https://reliefweb.int/updates/rss.xml
  sitrep feeds add https://www.dawn.com/feeds/home --title Dawn --folder "South and Central Asia" --tag pakistan
  sitrep feeds add https://example.org/rss --full-text always --interval 2h`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			f.URL = args[0]
			if _, err := config.ValidateFeedURL(f.URL); err != nil {
				return usagef("feeds add: %v", err)
			}
			if f.FullText != "" && !slices.Contains(config.FullTextModes, f.FullText) {
				return usagef("feeds add: --full-text %q: allowed values are %s", f.FullText, strings.Join(config.FullTextModes, ", "))
			}
			if interval != "" {
				d, err := time.ParseDuration(interval)
				if err != nil || d < time.Minute {
					return usagef("feeds add: --interval %q: give a Go duration of at least 1m, e.g. 15m or 2h", interval)
				}
				f.Interval = d
			}
			// The rest of what the config accepts (no control or bidi
			// characters in title, folder, tags): a usage error too.
			if _, err := config.NormalizeFeed(f); err != nil {
				return usagef("feeds add: %v", err)
			}
			path := config.ConfigPath(g.configPath)
			if err := config.AddFeed(path, f); err != nil {
				if errors.Is(err, config.ErrDuplicate) {
					return fmt.Errorf("%s is already in %s", clean.Safe(f.URL), path)
				}
				return err
			}
			where := ""
			if folder := strings.TrimSpace(f.Folder); folder != "" {
				where = " in folder " + oneLine(folder, 60)
			}
			fmt.Fprintf(cmd.OutOrStdout(), "Added %s%s to %s\n", oneLine(f.URL, 200), where, path)
			return nil
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&f.Title, "title", "", "title shown in the feed list (default: the feed's own)")
	fl.StringVar(&f.Folder, "folder", "", `folder, nested with "/" (e.g. "Regions/Africa")`)
	fl.StringArrayVar(&f.Tags, "tag", nil, "tag (repeat for more)")
	fl.StringVar(&f.FullText, "full-text", "", "fetch the whole article page: auto, always or never (default auto)")
	fl.StringVar(&interval, "interval", "", "refresh interval for this feed, e.g. 15m (default: refresh.interval)")
	return cmd
}

func feedsRmCmd(g *globalFlags) *cobra.Command {
	return &cobra.Command{
		Use:     "rm URL...",
		Aliases: []string{"remove"},
		Short:   "Unsubscribe from feeds",
		Long: `Remove feeds from the config file, matched by URL (scheme and host are
case-insensitive). The file keeps its other comments and order. Stored
articles of a removed feed are dropped at the next fetch.`,
		Example: `  sitrep feeds rm https://reliefweb.int/updates/rss.xml
  sitrep feeds list --json | jq -r '.[] | select(.gone) | .url' | xargs sitrep feeds rm`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			path := config.ConfigPath(g.configPath)
			var failed []string
			for _, u := range args {
				err := config.RemoveFeed(path, u)
				switch {
				case errors.Is(err, config.ErrFeedNotFound):
					failed = append(failed, fmt.Sprintf("%s is not in %s (see 'sitrep feeds list')", oneLine(u, 200), path))
				case err != nil:
					return err
				default:
					fmt.Fprintf(cmd.OutOrStdout(), "Removed %s\n", oneLine(u, 200))
				}
			}
			if len(failed) > 0 {
				return errors.New(strings.Join(failed, "\n"))
			}
			return nil
		},
	}
}

func feedsImportCmd(g *globalFlags) *cobra.Command {
	var prefix string
	var dryRun bool
	cmd := &cobra.Command{
		Use:   "import FILE.opml",
		Short: "Import subscriptions from an OPML file",
		Long: `Add the feeds of an OPML file (from any feed reader) to the config. Nested
outlines become folders ("News/Africa"). Feeds already subscribed are kept as
they are. Outlines that are not plain http(s) feeds are never imported:
commands (exec:, filter:, query:), file:, javascript: and data: URLs, and URLs
with shell metacharacters are listed with the reason. "-" reads standard input.`,
		Example: `  sitrep feeds import subscriptions.opml
  sitrep feeds import --folder Imported --dry-run newsboat.opml
  curl -s https://example.org/list.opml | sitrep feeds import -`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			var r io.Reader
			name := args[0]
			if name == "-" {
				r, name = cmd.InOrStdin(), "standard input"
			} else {
				f, err := os.Open(name)
				if err != nil {
					return fmt.Errorf("import: %w", err)
				}
				defer f.Close()
				r = f
			}
			feeds, skipped, err := config.ImportOPML(r)
			if err != nil {
				return fmt.Errorf("import %s: %w", name, err)
			}
			if p := strings.Trim(strings.TrimSpace(prefix), "/"); p != "" {
				for i := range feeds {
					feeds[i].Folder = strings.Trim(p+"/"+feeds[i].Folder, "/")
				}
			}
			path := config.ConfigPath(g.configPath)
			var added []config.Feed
			if dryRun {
				added = feeds
			} else {
				var dup []config.Skipped
				added, dup, err = config.AddFeeds(path, feeds)
				if err != nil {
					return fmt.Errorf("import into %s: %w", path, err)
				}
				skipped = append(skipped, dup...)
			}
			out := cmd.OutOrStdout()
			verb := "Imported"
			if dryRun {
				verb = "Would import"
			}
			fmt.Fprintf(out, "%s %d feeds from %s into %s", verb, len(added), oneLine(name, 200), path)
			if len(skipped) > 0 {
				fmt.Fprintf(out, "; skipped %d:\n", len(skipped))
			} else {
				fmt.Fprintln(out)
			}
			for _, s := range skipped {
				label := oneLine(s.Title, 60)
				if label == "" {
					label = "(untitled)"
				}
				loc := ""
				if s.Line > 0 {
					loc = fmt.Sprintf("line %d: ", s.Line)
				}
				url := ""
				if s.URL != "" {
					url = " <" + oneLine(s.URL, 100) + ">"
				}
				fmt.Fprintf(out, "  %s%s%s: %s\n", loc, label, url, oneLine(s.Reason, 300))
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&prefix, "folder", "", "put the imported feeds under this folder")
	cmd.Flags().BoolVar(&dryRun, "dry-run", false, "show what would be imported without changing the config")
	return cmd
}

func feedsExportCmd(g *globalFlags) *cobra.Command {
	var outPath string
	cmd := &cobra.Command{
		Use:   "export",
		Short: "Export subscriptions as OPML 2.0",
		Long: `Write the config's feeds as an OPML 2.0 document, folders as nested outlines
and tags as categories, to standard output or to a file (-o). Importing the
result, in sitrep or another reader, gives back the same feeds.`,
		Example: `  sitrep feeds export > feeds.opml
  sitrep feeds export -o ~/backup/sitrep.opml`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			cfg, err := loadConfig(cmd, config.ConfigPath(g.configPath))
			if err != nil {
				return err
			}
			if outPath == "" || outPath == "-" {
				return config.ExportOPML(cmd.OutOrStdout(), cfg.Feeds)
			}
			var b strings.Builder
			if err := config.ExportOPML(&b, cfg.Feeds); err != nil {
				return err
			}
			if err := config.WriteFileAtomic(outPath, []byte(b.String())); err != nil {
				return fmt.Errorf("export: %w", err)
			}
			fmt.Fprintf(cmd.ErrOrStderr(), "Exported %d feeds to %s\n", len(cfg.Feeds), outPath)
			return nil
		},
	}
	cmd.Flags().StringVarP(&outPath, "output", "o", "", "write to this file instead of standard output")
	return cmd
}
