package feed

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/sitrep-news/sitrep/config"
	"github.com/sitrep-news/sitrep/feed/clean"
	"github.com/sitrep-news/sitrep/store"
)

// Full-text modes (config: full_text).
const (
	FullTextAuto   = "auto"   // fetch the page when the feed's content is only a stub
	FullTextAlways = "always" // always fetch the page
	FullTextNever  = "never"
)

// Scheduling bounds.
const (
	backoffBase     = 5 * time.Minute
	backoffMax      = 24 * time.Hour
	maxRetryAfter   = 7 * 24 * time.Hour
	maxCacheMaxAge  = 24 * time.Hour
	defaultFullText = FullTextAuto
)

// FeedOptions are the per-feed settings from config.
type FeedOptions struct {
	FullText string        // auto | always | never ("" = auto)
	Interval time.Duration // for Scheduled; 0: DefaultInterval
}

// DefaultInterval is how often Scheduled refreshes a feed without its own interval.
const DefaultInterval = 30 * time.Minute

// Options configure an Engine.
type Options struct {
	Refresh config.Refresh         // concurrency, per_host, timeout (zero: defaults), keep_days
	Feeds   map[string]FeedOptions // by feed URL (the stored URL or the config URL)
	Cleaner *clean.Cleaner         // required
	// AfterSave is called once a feed's new or changed items and its fetch
	// record are committed, with the ctx given to Refresh. Calls come in
	// commit order (res.NewIDs ascend across one engine's calls) and never
	// concurrently; the next feed's save waits for the call to return, so
	// hand heavy work (analysis) to another goroutine.
	AfterSave func(ctx context.Context, feedID int64, res store.SaveResult)
	Now       func() time.Time  // default time.Now
	Transport http.RoundTripper // tests and benchmarks
	Force     bool              // ignore NextFetch and Gone
	UserAgent string            // default version.UserAgent()
}

// Progress reports one finished feed.
type Progress struct {
	Done, Total int
	Feed        store.Feed
	Result      string // "ok", "not modified", "failed", "skipped"
	Note        string // why a feed was skipped, or why an ok feed saved nothing
	New         int
	Err         error
}

// Outcomes in Progress.Result.
const (
	ResultOK          = "ok"
	ResultNotModified = "not modified"
	ResultFailed      = "failed"
	ResultSkipped     = "skipped"
)

// FeedError is one feed's failure (or, in Summary.Warnings, a full-text page
// that could not be fetched while the feed itself was fine).
type FeedError struct {
	Feed store.Feed
	URL  string // the page, for warnings
	Err  error
}

func (e FeedError) Error() string {
	if e.URL != "" {
		return fmt.Sprintf("%s: full text %s: %v", e.Feed.URL, e.URL, e.Err)
	}
	return fmt.Sprintf("%s: %v", e.Feed.URL, e.Err)
}

// Summary is the outcome of one Refresh.
type Summary struct {
	OK, NotModified, Failed, Skipped int
	New, Updated                     int
	Pruned                           int // old articles deleted by retention (set by the caller that prunes)
	Elapsed                          time.Duration
	Errors                           []FeedError
	Warnings                         []FeedError
}

// Engine refreshes stored feeds. Refresh may be called from any goroutine
// (the TUI runs it inside a tea.Cmd); concurrent Refresh calls share the
// client's limits.
type Engine struct {
	st     *store.Store
	opts   Options
	client *Client
	// process bounds parse+clean CPU work to all cores but one (at least
	// two, so one slow hostile feed cannot hold up every other parse):
	// saving is one serial writer, and parsers competing with it for every
	// core slow a cold refresh down (500 feeds on 2 cores, no analysis,
	// 4 runs each: 3.6-3.8 s with one parser, 3.8-4.3 s with two,
	// 4.1-4.4 s with three, the old GOMAXPROCS+1).
	process  chan struct{}
	pipeline chan struct{} // bounds feeds between fetch and save (memory)
	// saveMu orders each save with its AfterSave calls. Saves are serial in
	// the store anyway (one writer connection); this also serialises the
	// hand-over, so AfterSave sees feeds in commit order.
	saveMu  sync.Mutex
	queueMu sync.Mutex
	queue   []*saveReq // feeds waiting to be saved (group commit)
}

// New returns an Engine over st.
func New(st *store.Store, opts Options) *Engine {
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.Cleaner == nil {
		opts.Cleaner, _ = clean.New(nil)
	}
	c := NewClient(ClientOptions{
		Concurrency: opts.Refresh.Concurrency,
		PerHost:     opts.Refresh.PerHost,
		Timeout:     opts.Refresh.Timeout,
		Transport:   opts.Transport,
		UserAgent:   opts.UserAgent,
	})
	conc := opts.Refresh.Concurrency
	if conc <= 0 {
		conc = DefaultConcurrency
	}
	return &Engine{st: st, opts: opts, client: c,
		process:  make(chan struct{}, max(2, runtime.GOMAXPROCS(0)-1)),
		pipeline: make(chan struct{}, max(4*conc, 64))}
}

// Client returns the engine's HTTP client (same limits), for other fetches.
func (e *Engine) Client() *Client { return e.client }

// Due reports whether f should be fetched now: not gone and not held back by
// backoff, Retry-After or Cache-Control (unless forced).
func (e *Engine) Due(f store.Feed) bool {
	if e.opts.Force {
		return true
	}
	return !f.Gone && !f.NextFetch.After(e.opts.Now())
}

// Scheduled reports whether an automatic refresh should fetch f now: Due,
// and its interval has passed since the last attempt.
func (e *Engine) Scheduled(f store.Feed) bool {
	if !e.Due(f) {
		return false
	}
	iv := e.opts.Feeds[f.URL].Interval
	if iv <= 0 {
		iv = DefaultInterval
	}
	return f.LastFetch.IsZero() || !e.opts.Now().Before(f.LastFetch.Add(iv))
}

// skipNote says why Due(f) is false.
func (e *Engine) skipNote(f store.Feed) string {
	if f.Gone {
		return "gone (HTTP 410); --force to try again"
	}
	return "held back until " + f.NextFetch.Local().Format("15:04") + " (Retry-After, max-age or backoff)"
}

// Refresh fetches feeds concurrently, saves new and changed items and records
// every outcome in the store. One feed failing never affects the others.
// progress (may be nil) is called once per feed, never concurrently.
func (e *Engine) Refresh(ctx context.Context, feeds []store.Feed, progress func(Progress)) Summary {
	start := time.Now()
	var (
		mu   sync.Mutex
		sum  Summary
		done int
		wg   sync.WaitGroup
	)
	report := func(p Progress, res feedOutcome) {
		mu.Lock()
		defer mu.Unlock()
		done++
		p.Done, p.Total = done, len(feeds)
		switch p.Result {
		case ResultOK:
			sum.OK++
		case ResultNotModified:
			sum.NotModified++
		case ResultFailed:
			sum.Failed++
			sum.Errors = append(sum.Errors, FeedError{Feed: p.Feed, Err: p.Err})
		case ResultSkipped:
			sum.Skipped++
		}
		sum.New += res.saved.New
		sum.Updated += res.saved.Updated
		sum.Warnings = append(sum.Warnings, res.warnings...)
		if progress != nil {
			progress(p)
		}
	}
	// Saving is serialised by the store and slower than parsing on a cold
	// refresh; the pipeline bound keeps parsed items from piling up in
	// memory. Interleaving hosts keeps the bound from queueing behind one
	// host's per-host limit.
	for _, f := range interleaveHosts(feeds) {
		if !e.Due(f) {
			report(Progress{Feed: f, Result: ResultSkipped, Note: e.skipNote(f)}, feedOutcome{})
			continue
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			var res feedOutcome
			if err := acquire(ctx, e.pipeline); err != nil {
				res = feedOutcome{result: ResultFailed, err: err}
			} else {
				res = e.refreshOne(ctx, f)
				<-e.pipeline
			}
			if f.Title == "" || f.Title == f.URL {
				f.Title = res.title
			}
			p := Progress{Feed: f, Result: res.result, New: res.saved.New, Err: res.err}
			if res.old > 0 && res.saved.New == 0 {
				// Otherwise a feed of only old items looks empty.
				p.Note = fmt.Sprintf("%d items older than refresh.keep_days not saved", res.old)
				if res.old == 1 {
					p.Note = "1 item older than refresh.keep_days not saved"
				}
			}
			report(p, res)
		}()
	}
	wg.Wait()
	sum.Elapsed = time.Since(start)
	return sum
}

// interleaveHosts orders feeds round-robin by host, keeping each host's
// feeds in their original order.
func interleaveHosts(feeds []store.Feed) []store.Feed {
	var hosts []string
	byHost := map[string][]store.Feed{}
	for _, f := range feeds {
		h := f.URL
		if u, err := url.Parse(f.URL); err == nil {
			h = strings.ToLower(u.Host)
		}
		if _, ok := byHost[h]; !ok {
			hosts = append(hosts, h)
		}
		byHost[h] = append(byHost[h], f)
	}
	out := make([]store.Feed, 0, len(feeds))
	for len(out) < len(feeds) {
		for _, h := range hosts {
			if q := byHost[h]; len(q) > 0 {
				out = append(out, q[0])
				byHost[h] = q[1:]
			}
		}
	}
	return out
}

type feedOutcome struct {
	result   string
	title    string // the feed's own title, when parsed
	err      error
	saved    store.SaveResult
	warnings []FeedError
	old      int // items dated before the retention cutoff, not saved
}

func (e *Engine) refreshOne(ctx context.Context, f store.Feed) (out feedOutcome) {
	defer func() {
		if r := recover(); r != nil { // never let one feed take the refresh down
			out = feedOutcome{result: ResultFailed, err: fmt.Errorf("internal error: %v", r)}
		}
	}()
	now := e.opts.Now()
	rec := store.FetchResult{FeedID: f.ID, At: now}
	fail := func(err error) feedOutcome {
		if ctx.Err() != nil {
			// Cancelled by the user, not the feed's fault: record nothing.
			return feedOutcome{result: ResultFailed, err: ctx.Err()}
		}
		rec.Err = err
		rec.NextFetch = e.nextAfterFailure(f, err, now)
		if IsGone(err) {
			rec.Gone = true
		}
		if rerr := e.st.RecordFetch(context.WithoutCancel(ctx), rec); rerr != nil {
			err = errors.Join(err, rerr)
		}
		return feedOutcome{result: ResultFailed, err: err}
	}

	var (
		items []store.Item
		stubs []bool // stubs[i]: items[i] is only a stub (full_text: auto)
		old   int
	)
	parse := func(resp *Response) error {
		// Runs while the fetch slots are held: bounds bodies in memory.
		if err := acquire(ctx, e.process); err != nil {
			return err
		}
		defer func() { <-e.process }()
		base := resp.ContentLocation
		if base == "" {
			base = resp.URL
		}
		parsed, err := Parse(resp.Body, resp.ContentType, base)
		resp.Body = nil
		if err != nil {
			return err
		}
		items, stubs, old = itemsSince(parsed, e.opts.Cleaner, e.opts.Cutoff(now))
		rec.Title = clean.Title(truncate(parsed.Feed.Title, maxTitleLen))
		rec.SiteURL = clean.Safe(WebURL(parsed.Feed.Link))
		return nil
	}
	resp, err := e.client.Do(ctx, Request{URL: f.URL, ETag: f.ETag, LastModified: f.LastModified}, parse)
	if resp != nil {
		rec.NewURL = resp.NewURL
	}
	if err != nil {
		return fail(err)
	}
	rec.ETag, rec.LastModified = resp.ETag, resp.LastModified
	rec.NextFetch = nextAfterSuccess(resp.MaxAge, now)
	if resp.NotModified {
		// Through the group commit like any save: a warm refresh of 500
		// feeds then costs a few dozen commits, not 500 fsyncs (cheap on
		// this VM, 5-20 ms each with F_FULLFSYNC or a spinning disk).
		rec.NotModified = true
		if _, err := e.save(ctx, f.ID, nil, rec); err != nil {
			return feedOutcome{result: ResultFailed, err: err}
		}
		return feedOutcome{result: ResultNotModified}
	}

	var warnings []FeedError
	if mode := e.fullTextMode(f); mode != FullTextNever {
		warnings = e.fullText(ctx, f, items, stubs, mode)
	}
	saved, err := e.save(ctx, f.ID, items, rec)
	if err != nil {
		return fail(err) // the store names the operation
	}
	return feedOutcome{result: ResultOK, saved: saved, warnings: warnings, title: rec.Title, old: old}
}

// Group commit bounds: a save transaction takes at most this many waiting
// feeds or items, so it stays short (tens of ms) for a read/star change
// from the reader that waits for the writer.
const (
	saveGroupFeeds = 16
	saveGroupItems = 600
)

// saveReq is one feed waiting to be saved.
type saveReq struct {
	ctx    context.Context
	save   store.FeedSave
	res    store.SaveResult
	err    error
	done   bool
	feedID int64
}

// save stores a feed's items with its fetch record and hands the result to
// AfterSave, in commit order. The validators (ETag...) are recorded in the
// items' transaction: a crash can never turn the next fetch into a 304 that
// loses the items.
//
// Group commit: a feed queues its save and takes the save lock; whoever
// holds it saves every queued feed of the same refresh (up to
// saveGroupFeeds / saveGroupItems) in one transaction, each under its own
// savepoint (one feed's failure rolls back only that feed), so a cold
// refresh of 500 feeds commits a few dozen times instead of 500. While one
// group commits, the next queues up.
func (e *Engine) save(ctx context.Context, feedID int64, items []store.Item, rec store.FetchResult) (store.SaveResult, error) {
	req := &saveReq{ctx: ctx, feedID: feedID, save: store.FeedSave{FeedID: feedID, Items: items, Fetch: rec}}
	e.queueMu.Lock()
	e.queue = append(e.queue, req)
	e.queueMu.Unlock()
	for {
		if done, res, err := e.saveTurn(ctx, req); done {
			return res, err
		}
	}
}

// saveTurn takes the save lock and, unless req was saved by another
// feed's turn meanwhile, saves a group.
func (e *Engine) saveTurn(ctx context.Context, req *saveReq) (bool, store.SaveResult, error) {
	e.saveMu.Lock()
	defer e.saveMu.Unlock()
	if !req.done {
		e.saveGroup(ctx)
	}
	return req.done, req.res, req.err
}

// saveGroup saves the oldest queued feeds of ctx's refresh; e.saveMu held.
func (e *Engine) saveGroup(ctx context.Context) {
	var group []*saveReq
	items := 0
	e.queueMu.Lock()
	rest := e.queue[:0]
	for _, r := range e.queue {
		if r.ctx == ctx && len(group) < saveGroupFeeds && (len(group) == 0 || items+len(r.save.Items) <= saveGroupItems) {
			group = append(group, r)
			items += len(r.save.Items)
		} else {
			rest = append(rest, r)
		}
	}
	clear(e.queue[len(rest):])
	e.queue = rest
	e.queueMu.Unlock()

	// A panic in the store must not leave the group's other feeds waiting
	// for a save that will never come: they fail, and the panic goes on to
	// this feed's recover in refreshOne. (Once saved, each feed has its
	// result before any AfterSave runs.)
	defer func() {
		if p := recover(); p != nil {
			for _, r := range group {
				if !r.done {
					r.err, r.done = fmt.Errorf("save: internal error: %v", p), true
				}
			}
			panic(p)
		}
	}()
	saves := make([]store.FeedSave, len(group))
	for i, r := range group {
		saves[i] = r.save
	}
	res, errs := e.st.SaveFetches(ctx, saves)
	for i, r := range group {
		r.res, r.err, r.done = res[i], errs[i], true
		r.save = store.FeedSave{} // the items are stored: let them go
	}
	for _, r := range group {
		if r.err == nil && e.opts.AfterSave != nil && (r.res.New > 0 || r.res.Updated > 0) {
			e.opts.AfterSave(ctx, r.feedID, r.res)
		}
	}
}

func (e *Engine) fullTextMode(f store.Feed) string {
	if o, ok := e.opts.Feeds[f.URL]; ok && o.FullText != "" {
		return o.FullText
	}
	return defaultFullText
}

// nextAfterFailure: Retry-After when the server sent one, else exponential
// backoff from the second consecutive failure (the first retries normally).
func (e *Engine) nextAfterFailure(f store.Feed, err error, now time.Time) time.Time {
	var he *HTTPError
	if errors.As(err, &he) && he.RetryAfter > 0 {
		return now.Add(min(he.RetryAfter, maxRetryAfter))
	}
	return now.Add(Backoff(f.Failures + 1))
}

// Backoff is the wait after n consecutive failures: none after the first,
// then 5 min, 10 min, 20 min... up to a day.
func Backoff(n int) time.Duration {
	if n <= 1 {
		return 0
	}
	d := backoffBase
	for i := 2; i < n && d < backoffMax; i++ {
		d *= 2
	}
	return min(d, backoffMax)
}

func nextAfterSuccess(maxAge time.Duration, now time.Time) time.Time {
	if maxAge <= 0 {
		return time.Time{}
	}
	return now.Add(min(maxAge, maxCacheMaxAge))
}
