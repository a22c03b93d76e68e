package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/sitrep-news/sitrep/feed"
	"github.com/sitrep-news/sitrep/feed/clean"
	"github.com/sitrep-news/sitrep/store"
)

func init() { subcommands = append(subcommands, newFetchCmd) }

func newFetchCmd(g *globalFlags) *cobra.Command {
	var (
		only    []string
		asJSON  bool
		force   bool
		quietly bool
		noAnal  bool
		cpuProf string
		trace   string
	)
	cmd := &cobra.Command{
		Use:   "fetch",
		Short: "Refresh feeds headless (for cron and scripts)",
		Long: `Fetch every feed in the config (or only those given with --feed), store new
and changed articles and analyse them. Progress goes to stderr: one line per
feed, or a single progress bar on a terminal. Feeds held back by the server
(Retry-After, Cache-Control max-age), by backoff after repeated failures, or
gone (HTTP 410) are skipped unless --force.

Exit status: 0 when at least one feed could be fetched (some may have
failed; each failure is listed and stored as the feed's last error), 1 when
none could.`,
		Example: `  sitrep fetch
  sitrep fetch --feed https://news.un.org/feed/subscribe/en/news/all/rss.xml
  sitrep fetch --json | jq '.failed'
  sitrep fetch --force     # ignore Retry-After, max-age, backoff and 410`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx, stop := signal.NotifyContext(cmd.Context(), os.Interrupt)
			defer stop()
			stopProfile, err := startProfiling(cpuProf, trace)
			if err != nil {
				return err
			}
			defer stopProfile()
			return runFetch(ctx, g, fetchOptions{only: only, json: asJSON, force: force, quiet: quietly, noAnalyze: noAnal},
				cmd.OutOrStdout(), os.Stderr)
		},
	}
	f := cmd.Flags()
	f.StringArrayVar(&only, "feed", nil, "fetch only this feed URL (repeatable)")
	f.BoolVar(&asJSON, "json", false, "print the summary as JSON on stdout")
	f.BoolVar(&force, "force", false, "fetch feeds held back by Retry-After, max-age, backoff or 410")
	f.BoolVarP(&quietly, "quiet", "q", false, "no progress, only the summary")
	f.BoolVar(&noAnal, "no-analyze", false, "store articles without extracting facts now (the next fetch or the reader does it)")
	// For bench/refresh: where a cold refresh spends its CPU, and whether
	// both cores are busy (go tool pprof / go tool trace).
	f.StringVar(&cpuProf, "cpuprofile", "", "write a CPU profile of the fetch to this file")
	f.StringVar(&trace, "trace", "", "write a runtime execution trace of the fetch to this file")
	f.MarkHidden("cpuprofile")
	f.MarkHidden("trace")
	return cmd
}

type fetchOptions struct {
	only      []string
	json      bool
	force     bool
	quiet     bool
	noAnalyze bool
}

// fetchSummary is the JSON form of a refresh.
type fetchSummary struct {
	Feeds       int            `json:"feeds"`
	OK          int            `json:"ok"`
	NotModified int            `json:"not_modified"`
	Failed      int            `json:"failed"`
	Skipped     int            `json:"skipped"`
	New         int            `json:"new"`
	Updated     int            `json:"updated"`
	Pruned      int            `json:"pruned"` // old articles removed (refresh.keep_days)
	ElapsedMS   int64          `json:"elapsed_ms"`
	Errors      []fetchProblem `json:"errors"`
	Warnings    []fetchProblem `json:"warnings"`
}

type fetchProblem struct {
	Feed  string `json:"feed"`
	Title string `json:"title,omitempty"`
	URL   string `json:"url,omitempty"` // the page, for full-text warnings
	Error string `json:"error"`
}

func runFetch(ctx context.Context, g *globalFlags, o fetchOptions, stdout, stderr io.Writer) error {
	a, err := openApp(ctx, g)
	if err != nil {
		return err
	}
	defer a.Close()

	if len(a.feeds) == 0 {
		fmt.Fprintln(stderr, "sitrep: no feeds in the config; add one with: sitrep feeds add URL")
		if o.json {
			return json.NewEncoder(stdout).Encode(fetchSummary{Errors: []fetchProblem{}, Warnings: []fetchProblem{}})
		}
		return nil
	}
	total := len(a.feeds)
	if len(o.only) > 0 {
		total = len(o.only)
	}

	color := !g.noColor && os.Getenv("NO_COLOR") == "" && isTerminal(stderr)
	var pr progressPrinter
	var bar *progressBar
	switch {
	case o.quiet:
		pr = func(feed.Progress) {}
	case isTerminal(stderr):
		bar = &progressBar{w: stderr, color: color, analyse: !o.noAnalyze}
		pr = bar.update
	default:
		pr = lineProgress(stderr, !o.noAnalyze)
	}
	a.skipAnalysis = o.noAnalyze
	sum, err := a.refresh(ctx, o.only, o.force, pr)
	if bar != nil {
		bar.clear()
	}
	if err != nil {
		return err
	}

	out := toFetchSummary(total, sum)
	if o.json {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(out); err != nil {
			return err
		}
	} else {
		printFetchSummary(stderr, out, color)
	}
	if ctx.Err() != nil {
		return errors.New("interrupted")
	}
	if sum.Failed > 0 && sum.OK+sum.NotModified == 0 {
		return fmt.Errorf("none of the %d feeds could be fetched", sum.Failed)
	}
	return nil
}

// findFeed matches a --feed value against stored feeds by URL, tolerating
// the differences CanonicalURL ignores.
func findFeed(feeds []store.Feed, u string) (store.Feed, bool) {
	for _, f := range feeds {
		if f.URL == u {
			return f, true
		}
	}
	for _, f := range feeds {
		if store.CanonicalURL(f.URL) == store.CanonicalURL(u) {
			return f, true
		}
	}
	return store.Feed{}, false
}

func toFetchSummary(n int, s feed.Summary) fetchSummary {
	out := fetchSummary{Feeds: n, OK: s.OK, NotModified: s.NotModified, Failed: s.Failed, Skipped: s.Skipped,
		New: s.New, Updated: s.Updated, Pruned: s.Pruned, ElapsedMS: s.Elapsed.Milliseconds(), Errors: []fetchProblem{}, Warnings: []fetchProblem{}}
	for _, e := range s.Errors {
		out.Errors = append(out.Errors, fetchProblem{Feed: clean.Safe(e.Feed.URL), Title: clean.Title(e.Feed.Title), Error: clean.Title(e.Err.Error())})
	}
	for _, e := range s.Warnings {
		out.Warnings = append(out.Warnings, fetchProblem{Feed: clean.Safe(e.Feed.URL), Title: clean.Title(e.Feed.Title), URL: clean.Safe(e.URL), Error: clean.Title(e.Err.Error())})
	}
	return out
}

func printFetchSummary(w io.Writer, s fetchSummary, color bool) {
	paint := func(code, s string) string {
		if !color {
			return s
		}
		return "\x1b[" + code + "m" + s + "\x1b[0m"
	}
	failed := fmt.Sprintf("%d failed", s.Failed)
	if s.Failed > 0 {
		failed = paint("31", failed)
	}
	line := fmt.Sprintf("%d feeds: %d ok, %d not modified, %s", s.Feeds, s.OK, s.NotModified, failed)
	if s.Skipped > 0 {
		line += fmt.Sprintf(", %d skipped", s.Skipped)
	}
	line += fmt.Sprintf(" · %s, %d updated", paint("1", plural(s.New, "new article")), s.Updated)
	if s.Pruned > 0 {
		line += fmt.Sprintf(" · %s removed", plural(s.Pruned, "old article"))
	}
	line += fmt.Sprintf(" · %s", (time.Duration(s.ElapsedMS) * time.Millisecond).Round(10*time.Millisecond))
	fmt.Fprintln(w, line)
	for _, e := range s.Errors {
		fmt.Fprintf(w, "  %s %s: %s\n", paint("31", "failed"), feedName(e), e.Error)
	}
	if n := len(s.Warnings); n > 0 {
		const show = 10
		for i, e := range s.Warnings {
			if i == show {
				fmt.Fprintf(w, "  ... and %d more warnings (--json lists them all)\n", n-show)
				break
			}
			where := e.URL
			if where == "" {
				where = feedName(e)
			}
			fmt.Fprintf(w, "  %s %s: %s\n", paint("33", "warning"), where, e.Error)
		}
	}
}

func feedName(e fetchProblem) string {
	if e.Title != "" && e.Feed != "" && e.Title != e.Feed {
		return e.Title + " <" + e.Feed + ">"
	}
	return e.Title + e.Feed
}

func plural(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return fmt.Sprintf("%d %ss", n, what)
}

type progressPrinter = func(feed.Progress)

// analysingNote is shown between the last feed and the summary.
const analysingNote = "analysing new articles…"

// lineProgress prints one line per finished feed (logs, cron, pipes), and
// after the last one, when new articles are still being analysed, a line
// saying so: the summary can come seconds later after a cold fetch.
func lineProgress(w io.Writer, analyse bool) progressPrinter {
	news := 0
	return func(p feed.Progress) {
		news += p.New
		width := len(fmt.Sprint(p.Total))
		name := clean.Title(p.Feed.Title)
		if name == "" {
			name = clean.Safe(p.Feed.URL)
		}
		line := fmt.Sprintf("[%*d/%d] %-12s %s", width, p.Done, p.Total, p.Result, name)
		switch {
		case p.Err != nil:
			line += ": " + clean.Title(p.Err.Error())
		case p.Note != "":
			line += ": " + p.Note
		case p.New > 0:
			line += fmt.Sprintf(" (%d new)", p.New)
		}
		fmt.Fprintln(w, line)
		if analyse && news > 0 && p.Done == p.Total {
			fmt.Fprintln(w, analysingNote)
		}
	}
}

// progressBar keeps one updating line on a terminal.
type progressBar struct {
	w                      io.Writer
	color                  bool
	analyse                bool // new articles are analysed after the last feed
	ok, same, failed, skip int
	newItems               int
	last                   time.Time
	drawn                  bool
}

func (b *progressBar) update(p feed.Progress) {
	switch p.Result {
	case feed.ResultOK:
		b.ok++
	case feed.ResultNotModified:
		b.same++
	case feed.ResultFailed:
		b.failed++
	case feed.ResultSkipped:
		b.skip++
	}
	b.newItems += p.New
	if p.Done < p.Total && time.Since(b.last) < 50*time.Millisecond {
		return // redraw at most 20 times a second
	}
	b.last = time.Now()
	const width = 30
	filled := width * p.Done / max(p.Total, 1)
	bar := strings.Repeat("█", filled) + strings.Repeat("░", width-filled)
	failed := fmt.Sprintf("%d failed", b.failed)
	if b.color && b.failed > 0 {
		failed = "\x1b[31m" + failed + "\x1b[0m"
	}
	fmt.Fprintf(b.w, "\r\x1b[K%s %d/%d  %d ok · %d not modified · %s · %d new", bar, p.Done, p.Total, b.ok, b.same, failed, b.newItems)
	if b.analyse && b.newItems > 0 && p.Done == p.Total {
		fmt.Fprint(b.w, " · "+analysingNote)
	}
	b.drawn = true
}

func (b *progressBar) clear() {
	if b.drawn {
		fmt.Fprint(b.w, "\r\x1b[K")
		b.drawn = false
	}
}

// isTerminal reports whether stream (an input or output) is a character
// device (a terminal).
func isTerminal(stream any) bool {
	f, ok := stream.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}
