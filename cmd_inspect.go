package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/sitrep-news/sitrep/feed"
	"github.com/sitrep-news/sitrep/feed/clean"
	"github.com/sitrep-news/sitrep/store"
)

func init() { subcommands = append(subcommands, newInspectCmd) }

func newInspectCmd(g *globalFlags) *cobra.Command {
	var asJSON bool
	var limit int
	cmd := &cobra.Command{
		Use:   "inspect URL|FILE",
		Short: "Parse one feed and show its items as sitrep would store them",
		Long: `Fetch (or read) one feed and print what sitrep makes of it: the format,
the character encoding it decided on, what the repair pre-pass had to fix,
and each item's title, link, date and cleaned text, exactly as a refresh
would store them. Nothing is written to the database. Use it when a feed
looks wrong. FILE may be - for standard input.`,
		Example: `  sitrep inspect https://news.un.org/feed/subscribe/en/news/all/rss.xml
  sitrep inspect ./broken-feed.xml
  curl -s https://example.org/feed | sitrep inspect -
  sitrep inspect --json https://example.org/atom.xml | jq '.items[0]'`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) != 1 {
				return usagef("inspect takes one feed URL or file, got %d arguments", len(args))
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			return runInspect(cmd.Context(), g, args[0], asJSON, limit, cmd.OutOrStdout(), cmd.InOrStdin())
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON: the feed and every item with its full cleaned text")
	cmd.Flags().IntVarP(&limit, "limit", "n", 0, "show at most N items (0: all)")
	return cmd
}

type inspectItem struct {
	GUID      string     `json:"guid"`
	URL       string     `json:"url"`
	Title     string     `json:"title"`
	Author    string     `json:"author,omitempty"`
	Published *time.Time `json:"published"` // null: the store uses the first-seen time
	Text      string     `json:"text"`
	Markdown  string     `json:"markdown"`
}

type inspectFeed struct {
	Source   string        `json:"source"`
	FinalURL string        `json:"final_url,omitempty"`
	Status   int           `json:"status,omitempty"`
	Title    string        `json:"title"`
	SiteURL  string        `json:"site_url,omitempty"`
	Format   string        `json:"format"`
	Encoding string        `json:"encoding"`
	Repairs  []string      `json:"repairs"`
	Items    []inspectItem `json:"items"`
}

func runInspect(ctx context.Context, g *globalFlags, src string, asJSON bool, limit int, stdout io.Writer, stdin io.Reader) error {
	cleaner, err := inspectCleaner(g)
	if err != nil {
		return err
	}
	out := inspectFeed{Source: clean.Safe(src), Repairs: []string{}, Items: []inspectItem{}}
	var body []byte
	var contentType, base string
	switch {
	case strings.HasPrefix(src, "http://") || strings.HasPrefix(src, "https://"):
		c := feed.NewClient(feed.ClientOptions{})
		resp, err := c.Fetch(ctx, feed.Request{URL: src})
		if err != nil {
			return fmt.Errorf("fetch %s: %w", clean.Safe(src), err)
		}
		body, contentType = resp.Body, resp.ContentType
		base = resp.ContentLocation
		if base == "" {
			base = resp.URL
		}
		out.FinalURL, out.Status = clean.Safe(resp.URL), resp.Status
	case strings.Contains(src, "://"):
		return usagef("%s: only http and https URLs can be fetched", clean.Safe(src))
	default:
		body, err = readLimited(src, stdin)
		if err != nil {
			return err
		}
	}
	p, err := feed.Parse(body, contentType, base)
	if err != nil {
		return fmt.Errorf("%s: %w", clean.Safe(src), err)
	}
	out.Title = clean.Title(p.Feed.Title)
	out.SiteURL = clean.Safe(feed.WebURL(p.Feed.Link))
	out.Format = strings.TrimSpace(p.Feed.FeedType + " " + p.Feed.FeedVersion)
	out.Encoding = p.Encoding
	out.Repairs = append(out.Repairs, p.Repairs...)
	items := feed.Items(p, cleaner)
	if len(p.Feed.Items) > len(items) && len(items) == feed.MaxItems {
		out.Repairs = append(out.Repairs, fmt.Sprintf("only the first %d of %d items are kept", feed.MaxItems, len(p.Feed.Items)))
	}
	if limit > 0 && len(items) > limit {
		items = items[:limit]
	}
	for _, it := range items {
		out.Items = append(out.Items, toInspectItem(it))
	}
	if asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(out)
	}
	printInspect(stdout, out)
	return nil
}

// inspectCleaner uses the user's boilerplate rules when a config exists,
// without creating one (inspect must not write anything).
func inspectCleaner(g *globalFlags) (*clean.Cleaner, error) {
	extra, err := cleanRules(g)
	if err != nil {
		return nil, err
	}
	c, err := clean.New(extra)
	if err != nil {
		return nil, fmt.Errorf("config clean.boilerplate: %w", err)
	}
	return c, nil
}

func readLimited(src string, stdin io.Reader) ([]byte, error) {
	var r io.Reader
	if src == "-" {
		r = stdin
	} else {
		f, err := os.Open(src)
		if errors.Is(err, fs.ErrNotExist) {
			return nil, usagef("%s: no such file (give a feed URL with http:// or https://, or a file)", clean.Safe(src))
		}
		if err != nil {
			return nil, err
		}
		defer f.Close()
		if st, err := f.Stat(); err == nil && st.IsDir() {
			return nil, usagef("%s is a directory, not a feed file", clean.Safe(src))
		}
		r = f
	}
	body, err := io.ReadAll(io.LimitReader(r, feed.DefaultMaxBody+1))
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", clean.Safe(src), err)
	}
	if len(body) > feed.DefaultMaxBody {
		return nil, fmt.Errorf("read %s: %w: more than %d MiB", clean.Safe(src), feed.ErrTooLarge, feed.DefaultMaxBody>>20)
	}
	return body, nil
}

func toInspectItem(it store.Item) inspectItem {
	out := inspectItem{GUID: it.GUID, URL: it.URL, Title: it.Title, Author: it.Author, Text: it.Text, Markdown: it.Markdown}
	if !it.Published.IsZero() {
		t := it.Published.UTC()
		out.Published = &t
	}
	return out
}

func printInspect(w io.Writer, f inspectFeed) {
	title := f.Title
	if title == "" {
		title = "(untitled feed)"
	}
	fmt.Fprintf(w, "%s\n", title)
	if f.SiteURL != "" {
		fmt.Fprintf(w, "  site:     %s\n", f.SiteURL)
	}
	if f.FinalURL != "" && f.FinalURL != f.Source {
		fmt.Fprintf(w, "  fetched:  %s\n", f.FinalURL)
	}
	fmt.Fprintf(w, "  format:   %s, encoding %s, %s\n", f.Format, f.Encoding, plural(len(f.Items), "item"))
	for _, r := range f.Repairs {
		fmt.Fprintf(w, "  repaired: %s\n", r)
	}
	for i, it := range f.Items {
		fmt.Fprintf(w, "\n%d. %s\n", i+1, orDash(it.Title))
		fmt.Fprintf(w, "   link:   %s\n", orDash(it.URL))
		if it.Published != nil {
			fmt.Fprintf(w, "   date:   %s\n", it.Published.Format("2006-01-02 15:04 UTC"))
		} else {
			fmt.Fprintf(w, "   date:   none (the first-seen time is used)\n")
		}
		if it.Author != "" {
			fmt.Fprintf(w, "   author: %s\n", it.Author)
		}
		if it.GUID != "" && it.GUID != it.URL {
			fmt.Fprintf(w, "   guid:   %s\n", it.GUID)
		}
		if ex := excerpt(it.Text, 280); ex != "" {
			fmt.Fprintf(w, "   text:   %s\n", ex)
		}
	}
}

func orDash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}

func excerpt(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if len([]rune(s)) <= n {
		return s
	}
	r := []rune(s)[:n]
	return strings.TrimRight(string(r), " ") + "…"
}
