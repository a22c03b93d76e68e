package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/sitrep-news/sitrep/config"
	"github.com/sitrep-news/sitrep/feed"
	"github.com/sitrep-news/sitrep/feed/clean"
	"github.com/sitrep-news/sitrep/internal/version"
	"github.com/sitrep-news/sitrep/summarize"
)

func init() { subcommands = append(subcommands, newExtractCmd) }

// Limits of `sitrep extract` when it reads a URL.
const (
	extractTimeout  = 30 * time.Second
	extractMaxBytes = 15 << 20
)

func newExtractCmd(g *globalFlags) *cobra.Command {
	var asJSON, asHTML bool
	var published string
	cmd := &cobra.Command{
		Use:   "extract [--json] [--html] [--published RFC3339] [FILE|URL|-]",
		Short: "Analyse one article: key facts, quotes, entities, events, dates, summary",
		Long: `Clean one article and run the briefing engine over it: key facts (ceasefire,
talks, mediator, venue, parties, agreement, demands, accusations, incidents,
casualties), quotes with their speakers, entities, PLOVER-coded events,
dates and a three-sentence summary.

Input is scraped plain text whose first line is the title, read from FILE, a
URL (http or https only) or standard input ("-" or no argument). With --html,
or when a URL returns an HTML page, the input is a whole web page and its
main article is extracted first.

--json prints the analysis in the public schema (docs/summarize.md and
../shared/docs/extract-schema.md); without it a readable summary is printed.
--published resolves relative dates ("on Thursday", "in October"); without
it those dates are listed unresolved.

Rule packs in <config dir>/packs/*.yaml add event triggers and fact kinds to
the built-in conflict/diplomacy pack; a broken pack is an error naming the
file and line.`,
		Example: `  sitrep extract article.txt
  sitrep extract --json --published 2025-11-08T12:00:00Z article.txt
  sitrep extract --json https://example.com/news/talks-collapse
  curl -s https://example.com/a | sitrep extract --html -`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			var pub time.Time
			if published != "" {
				t, err := time.Parse(time.RFC3339, published)
				if err != nil {
					return usagef("extract: --published %q: want an RFC 3339 time such as 2025-11-08T12:00:00Z", clean.Safe(published))
				}
				pub = t
			}
			name := "-"
			if len(args) == 1 {
				name = args[0]
			}
			an, err := extractAnalyzer(g)
			if err != nil {
				return err
			}
			extra, err := cleanRules(g)
			if err != nil {
				return err
			}
			c, err := clean.New(extra)
			if err != nil {
				return fmt.Errorf("extract: %w", err)
			}
			data, pageURL, isPage, err := readExtractInput(cmd.Context(), cmd.InOrStdin(), name)
			if err != nil {
				return err
			}
			var art clean.Article
			if asHTML || isPage {
				if art, err = c.Page(data, pageURL); err != nil {
					return fmt.Errorf("extract %s: %w", displayName(name), err)
				}
			} else {
				art = c.Text("", string(data))
			}
			a := an.Analyze(summarize.Input{Title: art.Title, Text: art.Text, Published: pub})
			out := cmd.OutOrStdout()
			if asJSON {
				enc := json.NewEncoder(out)
				enc.SetEscapeHTML(false)
				enc.SetIndent("", "  ")
				return enc.Encode(a)
			}
			color := !g.noColor && os.Getenv("NO_COLOR") == "" && isTerminal(out)
			_, err = io.WriteString(out, renderAnalysis(a, color))
			return err
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the analysis as JSON (the extract schema)")
	cmd.Flags().BoolVar(&asHTML, "html", false, "input is a whole web page: extract its main article first")
	cmd.Flags().StringVar(&published, "published", "", "the article's publication time (RFC 3339), to resolve relative dates")
	return cmd
}

// readExtractInput reads a file, standard input or an http(s) URL. For a
// URL it returns the final URL and whether the response is an HTML page.
func readExtractInput(ctx context.Context, stdin io.Reader, name string) (data []byte, pageURL string, isPage bool, err error) {
	if strings.Contains(name, "://") {
		u := feed.WebURL(name)
		if u == "" {
			return nil, "", false, usagef("extract: %q: only http and https URLs can be fetched", clean.Safe(name))
		}
		return fetchArticle(ctx, u)
	}
	r := stdin
	if name != "-" {
		f, oerr := os.Open(name)
		if oerr != nil {
			return nil, "", false, fmt.Errorf("extract: %w", oerr)
		}
		defer f.Close()
		r = f
	}
	data, err = io.ReadAll(io.LimitReader(r, extractMaxBytes+1))
	if err != nil {
		return nil, "", false, fmt.Errorf("extract: read %s: %w", displayName(name), err)
	}
	if len(data) > extractMaxBytes {
		return nil, "", false, fmt.Errorf("extract: %s is over %d MiB", displayName(name), extractMaxBytes>>20)
	}
	return data, "", false, nil
}

// fetchArticle GETs an article page with a timeout, our User-Agent and a
// size limit; redirects may only lead to http or https.
func fetchArticle(ctx context.Context, rawURL string) ([]byte, string, bool, error) {
	client := &http.Client{
		Timeout: extractTimeout,
		CheckRedirect: func(req *http.Request, via []*http.Request) error {
			if req.URL.Scheme != "http" && req.URL.Scheme != "https" {
				return fmt.Errorf("redirect to %s: only http and https are followed", req.URL.Scheme)
			}
			if len(via) >= 10 {
				return errors.New("too many redirects")
			}
			return nil
		},
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, rawURL, nil)
	if err != nil {
		return nil, "", false, fmt.Errorf("extract %s: %w", clean.Safe(rawURL), err)
	}
	req.Header.Set("User-Agent", version.UserAgent())
	req.Header.Set("Accept", "text/html, text/plain;q=0.9, */*;q=0.5")
	resp, err := client.Do(req)
	if err != nil {
		return nil, "", false, fmt.Errorf("extract: fetch %s: %w", clean.Safe(rawURL), err)
	}
	defer resp.Body.Close()
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return nil, "", false, fmt.Errorf("extract: fetch %s: %s", clean.Safe(rawURL), resp.Status)
	}
	data, err := io.ReadAll(io.LimitReader(resp.Body, extractMaxBytes+1))
	if err != nil {
		return nil, "", false, fmt.Errorf("extract: fetch %s: %w", clean.Safe(rawURL), err)
	}
	if len(data) > extractMaxBytes {
		return nil, "", false, fmt.Errorf("extract: fetch %s: page is over %d MiB", clean.Safe(rawURL), extractMaxBytes>>20)
	}
	ct := strings.ToLower(resp.Header.Get("Content-Type"))
	isPage := strings.Contains(ct, "html") || (ct == "" && strings.Contains(strings.ToLower(string(data[:min(len(data), 512)])), "<html"))
	return data, resp.Request.URL.String(), isPage, nil
}

// extractAnalyzer builds the analyser with the user's rule packs from
// <config dir>/packs/*.yaml, in file-name order. A missing directory is fine;
// a broken pack is an error naming the file and the line.
func extractAnalyzer(g *globalFlags) (*summarize.Analyzer, error) {
	packs, err := loadUserPacks(config.PacksDir(config.ConfigPath(g.configPath)))
	if err != nil {
		return nil, err
	}
	return summarize.New(packs...)
}

func loadUserPacks(dir string) ([]*summarize.Pack, error) {
	files, err := filepath.Glob(filepath.Join(dir, "*.yaml"))
	if err != nil {
		return nil, fmt.Errorf("rule packs in %s: %w", dir, err)
	}
	sort.Strings(files)
	var packs []*summarize.Pack
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			return nil, fmt.Errorf("rule pack %s: %w", f, err)
		}
		p, err := summarize.LoadPack(filepath.Base(f), data)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", f, err)
		}
		packs = append(packs, p)
	}
	return packs, nil
}

// renderAnalysis is the readable form of an analysis: title, summary, key
// facts, quotes with speakers, entities, dates. Every string passes
// clean.Safe; colour is only bold headings.
func renderAnalysis(a summarize.Analysis, color bool) string {
	var b strings.Builder
	head := func(s string) {
		if color {
			s = "\x1b[1m" + s + "\x1b[0m"
		}
		b.WriteString("\n" + s + "\n")
	}
	safe := func(s string) string { return strings.Join(strings.Fields(clean.Safe(s)), " ") }
	if a.Title != "" {
		t := safe(a.Title)
		if color {
			t = "\x1b[1m" + t + "\x1b[0m"
		}
		b.WriteString(t + "\n")
	}
	if len(a.Summary) > 0 {
		head("Summary")
		for _, s := range a.Summary {
			b.WriteString("  • " + safe(s) + "\n")
		}
	}
	head("Key facts")
	if len(a.Facts) == 0 {
		b.WriteString("  (none)\n")
	}
	for _, f := range a.Facts {
		fmt.Fprintf(&b, "  %-22s %s\n", safe(f.Badge()), safe(f.Value))
	}
	head("Quotes")
	if len(a.Quotes) == 0 {
		b.WriteString("  (none)\n")
	}
	for _, q := range a.Quotes {
		who := safe(q.Speaker)
		if who == "" {
			who = "unattributed"
		}
		if q.Role != "" {
			who += ", " + safe(q.Role)
		}
		fmt.Fprintf(&b, "  “%s”\n      — %s\n", safe(q.Text), who)
	}
	head("Entities")
	for _, typ := range []struct{ key, label string }{{"person", "people"}, {"organization", "organisations"}, {"place", "places"}} {
		var names []string
		for _, e := range a.Entities {
			if e.Type == typ.key {
				names = append(names, fmt.Sprintf("%s (%d)", safe(e.Text), e.Count))
			}
		}
		if len(names) > 0 {
			fmt.Fprintf(&b, "  %-14s %s\n", typ.label+":", strings.Join(names, ", "))
		}
	}
	if len(a.Dates) > 0 {
		head("Dates")
		for _, d := range a.Dates {
			date := d.Date
			if date == "" {
				date = "?"
			}
			fmt.Fprintf(&b, "  %-12s %-10s %s\n", safe(d.Text), date, safe(d.What))
		}
	}
	if len(a.Events) > 0 {
		head("Events")
		counts := map[string]int{}
		var order []string
		for _, e := range a.Events {
			if e.Negated {
				continue
			}
			if counts[e.Type] == 0 {
				order = append(order, e.Type)
			}
			counts[e.Type]++
		}
		var parts []string
		for _, t := range order {
			parts = append(parts, fmt.Sprintf("%s ×%d", t, counts[t]))
		}
		b.WriteString("  " + strings.Join(parts, ", ") + "\n")
	}
	return b.String()
}
