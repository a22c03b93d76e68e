package feed

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/sitrep-news/sitrep/feed/clean"
	"github.com/sitrep-news/sitrep/store"
)

func openStore(t testing.TB) *store.Store {
	t.Helper()
	st, err := store.Open(filepath.Join(t.TempDir(), "sitrep.db"))
	if err != nil {
		t.Fatalf("store.Open: %v", err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

func syncFeeds(t testing.TB, st *store.Store, urls ...string) []store.Feed {
	t.Helper()
	var specs []store.FeedSpec
	for _, u := range urls {
		specs = append(specs, store.FeedSpec{URL: u})
	}
	feeds, err := st.SyncFeeds(context.Background(), specs)
	if err != nil {
		t.Fatal(err)
	}
	return feeds
}

func feedByURL(t testing.TB, st *store.Store, url string) store.Feed {
	t.Helper()
	feeds, err := st.Feeds(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range feeds {
		if f.URL == url {
			return f
		}
	}
	t.Fatalf("feed %s not stored", url)
	return store.Feed{}
}

func rssFeed(n int, guidPrefix string) string {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Feed &amp; News</title><link>https://news.example/</link>`)
	for i := range n {
		fmt.Fprintf(&b, `<item><title>Story %d</title><link>https://news.example/story/%s%d</link><guid>%s%d</guid><pubDate>Mon, 02 Jan 2006 15:%02d:05 GMT</pubDate><description><![CDATA[<p>Story %s%d. %s</p>]]></description></item>`,
			i, guidPrefix, i, guidPrefix, i, i%60, guidPrefix, i, strings.Repeat("Talks between the two delegations resumed in the capital on Monday. ", 10))
	}
	b.WriteString(`</channel></rss>`)
	return b.String()
}

// feedServer serves path -> body with ETag support and counts requests and bodies.
type feedServer struct {
	*httptest.Server
	mu       sync.Mutex
	feeds    map[string]string
	handlers map[string]http.HandlerFunc
	requests atomic.Int32
	bodies   atomic.Int32
}

func newFeedServer(t testing.TB) *feedServer {
	fs := &feedServer{feeds: map[string]string{}, handlers: map[string]http.HandlerFunc{}}
	fs.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fs.requests.Add(1)
		fs.mu.Lock()
		body, ok := fs.feeds[r.URL.Path]
		h := fs.handlers[r.URL.Path]
		fs.mu.Unlock()
		if h != nil {
			h(w, r)
			return
		}
		if !ok {
			http.NotFound(w, r)
			return
		}
		etag := fmt.Sprintf(`"%x"`, len(body))
		if r.Header.Get("If-None-Match") == etag {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		fs.bodies.Add(1)
		w.Header().Set("ETag", etag)
		w.Header().Set("Content-Type", "application/rss+xml")
		w.Write([]byte(body))
	}))
	t.Cleanup(fs.Close)
	return fs
}

func (fs *feedServer) set(path, body string) {
	fs.mu.Lock()
	fs.feeds[path] = body
	fs.mu.Unlock()
}

func (fs *feedServer) handle(path string, h http.HandlerFunc) {
	fs.mu.Lock()
	fs.handlers[path] = h
	fs.mu.Unlock()
}

func newEngine(t testing.TB, st *store.Store, o Options) *Engine {
	t.Helper()
	if o.Cleaner == nil {
		c, err := clean.New(nil)
		if err != nil {
			t.Fatal(err)
		}
		o.Cleaner = c
	}
	o.Refresh.Timeout = 5 * time.Second
	return New(st, o)
}

func TestRefreshSavesThenNotModified(t *testing.T) {
	st := openStore(t)
	fs := newFeedServer(t)
	fs.set("/a", rssFeed(30, "a"))
	fs.set("/b", rssFeed(5, "b"))
	feeds := syncFeeds(t, st, fs.URL+"/a", fs.URL+"/b")

	var saved atomic.Int32
	var progress []Progress
	e := newEngine(t, st, Options{
		Feeds:     map[string]FeedOptions{fs.URL + "/a": {FullText: FullTextNever}, fs.URL + "/b": {FullText: FullTextNever}},
		AfterSave: func(ctx context.Context, id int64, r store.SaveResult) { saved.Add(int32(len(r.NewIDs))) },
	})
	sum := e.Refresh(context.Background(), feeds, func(p Progress) { progress = append(progress, p) })
	if sum.OK != 2 || sum.Failed != 0 || sum.New != 35 {
		t.Fatalf("first refresh: %+v", sum)
	}
	if saved.Load() != 35 {
		t.Errorf("AfterSave saw %d new ids, want 35", saved.Load())
	}
	if len(progress) != 2 || progress[1].Done != 2 || progress[1].Total != 2 {
		t.Errorf("progress: %+v", progress)
	}
	a := feedByURL(t, st, fs.URL+"/a")
	if a.Title != "Feed & News" && a.Title != "" {
		t.Errorf("feed title %q", a.Title)
	}
	if a.ETag == "" || a.LastError != "" || a.Total != 30 {
		t.Errorf("feed a after refresh: %+v", a)
	}
	rows, err := st.List(context.Background(), store.Query{FeedID: a.ID})
	if err != nil || len(rows) != 30 {
		t.Fatalf("rows %d err %v", len(rows), err)
	}

	// Second refresh: conditional GET, no bodies transferred.
	bodies := fs.bodies.Load()
	feeds, _ = st.Feeds(context.Background())
	sum = e.Refresh(context.Background(), feeds, nil)
	if sum.NotModified != 2 || sum.New != 0 || fs.bodies.Load() != bodies {
		t.Errorf("second refresh should be all 304: %+v, bodies %d -> %d", sum, bodies, fs.bodies.Load())
	}

	// Content changes: one updated article keeps its identity.
	fs.set("/b", strings.Replace(rssFeed(5, "b"), "Story 1<", "Story 1 (updated)<", 1))
	feeds, _ = st.Feeds(context.Background())
	sum = e.Refresh(context.Background(), feeds, nil)
	if sum.OK != 1 || sum.Updated != 1 || sum.New != 0 {
		t.Errorf("third refresh: %+v", sum)
	}
}

func TestRefreshFailuresAreIsolatedAndRecorded(t *testing.T) {
	st := openStore(t)
	fs := newFeedServer(t)
	fs.set("/good", rssFeed(3, "g"))
	fs.set("/new", rssFeed(2, "n"))
	fs.handle("/gone", func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusGone) })
	fs.handle("/busy", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Retry-After", "3600")
		w.WriteHeader(http.StatusTooManyRequests)
	})
	fs.handle("/broken", func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("<html><body>not a feed</body></html>")) })
	fs.handle("/err", func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(500) })
	fs.handle("/moved", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/new", http.StatusMovedPermanently) })
	fs.handle("/cached", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "max-age=1800")
		w.Write([]byte(rssFeed(1, "c")))
	})
	paths := []string{"/good", "/gone", "/busy", "/broken", "/err", "/moved", "/cached"}
	var urls []string
	for _, p := range paths {
		urls = append(urls, fs.URL+p)
	}
	feeds := syncFeeds(t, st, urls...)
	now := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	e := newEngine(t, st, Options{Now: func() time.Time { return now }})
	sum := e.Refresh(context.Background(), feeds, nil)
	if sum.OK != 3 || sum.Failed != 4 || len(sum.Errors) != 4 {
		t.Fatalf("summary: %+v", sum)
	}

	gone := feedByURL(t, st, fs.URL+"/gone")
	if !gone.Gone || !strings.Contains(gone.LastError, "410") {
		t.Errorf("gone feed: %+v", gone)
	}
	busy := feedByURL(t, st, fs.URL+"/busy")
	if !busy.NextFetch.Equal(now.Add(time.Hour)) || busy.Failures != 1 {
		t.Errorf("429 feed: next %v failures %d", busy.NextFetch, busy.Failures)
	}
	broken := feedByURL(t, st, fs.URL+"/broken")
	if !strings.Contains(broken.LastError, "HTML page") {
		t.Errorf("broken feed error %q", broken.LastError)
	}
	moved := feedByURL(t, st, fs.URL+"/new")
	if moved.Total != 2 {
		t.Errorf("moved feed should now live at /new with 2 articles: %+v", moved)
	}
	cached := feedByURL(t, st, fs.URL+"/cached")
	if !cached.NextFetch.Equal(now.Add(30 * time.Minute)) {
		t.Errorf("max-age: next fetch %v", cached.NextFetch)
	}

	// Second run: gone, busy and cached are not due; err backs off after its second failure.
	before := fs.requests.Load()
	feeds, _ = st.Feeds(context.Background())
	sum = e.Refresh(context.Background(), feeds, nil)
	if sum.Skipped != 3 {
		t.Errorf("second run skipped %d, want 3 (gone, Retry-After, max-age): %+v", sum.Skipped, sum)
	}
	if got := fs.requests.Load() - before; got != 4 { // good, broken, err and /new (the stored URL moved off /moved)
		t.Errorf("requests on second run: %d, want 4", got)
	}
	errFeed := feedByURL(t, st, fs.URL+"/err")
	if errFeed.Failures != 2 || !errFeed.NextFetch.Equal(now.Add(5*time.Minute)) {
		t.Errorf("backoff after 2 failures: failures %d next %v", errFeed.Failures, errFeed.NextFetch)
	}

	// Forced: everything is fetched again, gone included.
	feeds, _ = st.Feeds(context.Background())
	forced := newEngine(t, st, Options{Now: func() time.Time { return now }, Force: true})
	sum = forced.Refresh(context.Background(), feeds, nil)
	if sum.Skipped != 0 {
		t.Errorf("forced refresh skipped %d", sum.Skipped)
	}
}

func TestRefreshCancelledRecordsNothing(t *testing.T) {
	st := openStore(t)
	fs := newFeedServer(t)
	block := make(chan struct{})
	fs.handle("/slow", func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-block:
		case <-r.Context().Done():
		}
	})
	defer close(block)
	feeds := syncFeeds(t, st, fs.URL+"/slow")
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	sum := newEngine(t, st, Options{}).Refresh(ctx, feeds, nil)
	if sum.Failed != 1 {
		t.Errorf("summary %+v", sum)
	}
	f := feedByURL(t, st, fs.URL+"/slow")
	if f.Failures != 0 || f.LastError != "" {
		t.Errorf("a cancelled refresh must not count as the feed's failure: %+v", f)
	}
}

func TestRefreshFullText(t *testing.T) {
	st := openStore(t)
	fs := newFeedServer(t)
	var pages atomic.Int32
	article := "<html><head><title>Story</title></head><body><nav>Home | World</nav><article><h1>Story</h1>" +
		strings.Repeat("<p>The mediator said the ceasefire was holding after three days of talks in the capital, and both delegations agreed to meet again.</p>", 12) +
		"</article></body></html>"
	fs.handle("/page/1", func(w http.ResponseWriter, r *http.Request) {
		pages.Add(1)
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte(article))
	})
	fs.handle("/page/2", func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(404) })
	stub := func(i int) string {
		return fmt.Sprintf(`<item><title>Stub %d</title><link>%s/page/%d</link><guid>s%d</guid><description>Short teaser… Read more</description></item>`, i, fs.URL, i, i)
	}
	body := `<rss version="2.0"><channel><title>Stubs</title>` + stub(1) + stub(2) + `</channel></rss>`
	fs.set("/stubs", body)
	feeds := syncFeeds(t, st, fs.URL+"/stubs")
	e := newEngine(t, st, Options{Feeds: map[string]FeedOptions{fs.URL + "/stubs": {FullText: FullTextAuto}}})
	sum := e.Refresh(context.Background(), feeds, nil)
	if sum.OK != 1 || sum.New != 2 {
		t.Fatalf("summary %+v", sum)
	}
	if len(sum.Warnings) != 1 || !strings.Contains(sum.Warnings[0].Error(), "/page/2") {
		t.Errorf("the 404 page should be one warning: %v", sum.Warnings)
	}
	rows, _ := st.List(context.Background(), store.Query{FeedID: feeds[0].ID})
	var full store.Article
	for _, r := range rows {
		if strings.HasSuffix(r.URL, "/page/1") {
			full, _ = st.Article(context.Background(), r.ID)
		}
	}
	if !strings.Contains(full.Text, "ceasefire was holding") {
		t.Errorf("full text not used: %q", full.Text)
	}
	// Unchanged feed content (server ignores validators here): the page is not fetched again.
	fs.handle("/stubs", func(w http.ResponseWriter, r *http.Request) { w.Write([]byte(body)) })
	feeds, _ = st.Feeds(context.Background())
	sum = e.Refresh(context.Background(), feeds, nil)
	if pages.Load() != 1 {
		t.Errorf("page fetched %d times, want 1", pages.Load())
	}
	if sum.Updated != 0 {
		t.Errorf("re-fetch should not update the full-text article: %+v", sum)
	}
}

// A long excerpt whose "Continue reading" link the cleaner removed is a stub
// too (full_text: auto fetches the page), though its text alone does not
// show it: the signal is in the cleaned Article, not in the stored item.
func TestRefreshFullTextAfterRemovedContinueReading(t *testing.T) {
	st := openStore(t)
	fs := newFeedServer(t)
	fs.handle("/page/1", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte("<html><head><title>Story</title></head><body><article><h1>Story</h1>" +
			strings.Repeat("<p>The mediator said the ceasefire was holding after three days of talks in the capital, and both delegations agreed to meet again.</p>", 12) +
			"<p>Full page only: the next round opens in Doha.</p></article></body></html>"))
	})
	excerpt := strings.Repeat("&lt;p&gt;The mediator said the ceasefire was holding after three days of talks in the capital, and both delegations agreed.&lt;/p&gt;", 6)
	fs.set("/f", fmt.Sprintf(`<rss version="2.0"><channel><title>Excerpts</title><item><title>Story</title><link>%s/page/1</link><guid>e1</guid><description>%s&lt;p&gt;&lt;a href="%s/page/1"&gt;Continue reading&lt;/a&gt;&lt;/p&gt;</description></item></channel></rss>`, fs.URL, excerpt, fs.URL))
	feeds := syncFeeds(t, st, fs.URL+"/f")
	e := newEngine(t, st, Options{Feeds: map[string]FeedOptions{fs.URL + "/f": {FullText: FullTextAuto}}})
	if sum := e.Refresh(context.Background(), feeds, nil); sum.OK != 1 || sum.New != 1 {
		t.Fatalf("summary %+v", sum)
	}
	rows, err := st.List(context.Background(), store.Query{FeedID: feeds[0].ID})
	if err != nil || len(rows) != 1 {
		t.Fatalf("%d rows, %v", len(rows), err)
	}
	a, err := st.Article(context.Background(), rows[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(a.Text, "next round opens in Doha") {
		t.Errorf("the page's full text was not fetched: %q", a.Text)
	}
}

// At most MaxPagesPerRefresh pages per feed and refresh: the rest keep their
// stub and are fetched at the next refresh, while the pages already fetched
// are not fetched again.
func TestRefreshFullTextPageCap(t *testing.T) {
	st := openStore(t)
	fs := newFeedServer(t)
	var pages atomic.Int32
	article := "<html><head><title>Story</title></head><body><article><h1>Story</h1>" +
		strings.Repeat("<p>The mediator said the ceasefire was holding after three days of talks in the capital, and both delegations agreed to meet again.</p>", 12) +
		"<p>This is story %d.</p></article></body></html>"
	var b strings.Builder
	b.WriteString(`<rss version="2.0"><channel><title>Stubs</title>`)
	for i := range MaxPagesPerRefresh + 1 {
		p := fmt.Sprintf("/page/%d", i)
		fs.handle(p, func(w http.ResponseWriter, r *http.Request) {
			pages.Add(1)
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			fmt.Fprintf(w, article, i) // distinct pages: the store merges identical ones
		})
		fmt.Fprintf(&b, `<item><title>Stub %d</title><link>%s%s</link><guid>s%d</guid><description>Short teaser… Read more</description></item>`, i, fs.URL, p, i)
	}
	body := b.String() + `</channel></rss>`
	fs.set("/stubs", body)
	feeds := syncFeeds(t, st, fs.URL+"/stubs")
	e := newEngine(t, st, Options{Feeds: map[string]FeedOptions{fs.URL + "/stubs": {FullText: FullTextAuto}}})
	for round, want := range []int32{MaxPagesPerRefresh, MaxPagesPerRefresh + 1} {
		if sum := e.Refresh(context.Background(), feeds, nil); sum.OK != 1 || len(sum.Warnings) != 0 || round == 0 && sum.New != MaxPagesPerRefresh+1 {
			t.Fatalf("round %d: %+v", round, sum)
		}
		if got := pages.Load(); got != want {
			t.Errorf("round %d: %d pages fetched in all, want %d", round, got, want)
		}
		fs.set("/stubs", body+" ") // a new ETag: the next round parses again
		feeds, _ = st.Feeds(context.Background())
	}
}

func TestScheduledAndSkipNotes(t *testing.T) {
	now := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	e := New(nil, Options{Now: func() time.Time { return now }, Feeds: map[string]FeedOptions{"https://a.example/": {Interval: time.Hour}}})
	for _, tc := range []struct {
		f    store.Feed
		want bool
	}{
		{store.Feed{URL: "https://a.example/"}, true},
		{store.Feed{URL: "https://a.example/", LastFetch: now.Add(-30 * time.Minute)}, false},
		{store.Feed{URL: "https://a.example/", LastFetch: now.Add(-61 * time.Minute)}, true},
		{store.Feed{URL: "https://b.example/", LastFetch: now.Add(-29 * time.Minute)}, false}, // default 30 min
		{store.Feed{URL: "https://b.example/", LastFetch: now.Add(-31 * time.Minute)}, true},
		{store.Feed{URL: "https://b.example/", Gone: true}, false},
		{store.Feed{URL: "https://b.example/", NextFetch: now.Add(time.Minute)}, false},
	} {
		if got := e.Scheduled(tc.f); got != tc.want {
			t.Errorf("Scheduled(%+v) = %v, want %v", tc.f, got, tc.want)
		}
	}
	if n := e.skipNote(store.Feed{Gone: true}); !strings.Contains(n, "410") {
		t.Errorf("gone note %q", n)
	}
}

func TestInterleaveHosts(t *testing.T) {
	var feeds []store.Feed
	for _, u := range []string{"https://a.example/1", "https://a.example/2", "https://a.example/3", "https://b.example/1", "https://c.example/1", "https://b.example/2"} {
		feeds = append(feeds, store.Feed{URL: u})
	}
	var got []string
	for _, f := range interleaveHosts(feeds) {
		got = append(got, strings.TrimPrefix(f.URL, "https://"))
	}
	want := "a.example/1 b.example/1 c.example/1 a.example/2 b.example/2 a.example/3"
	if strings.Join(got, " ") != want {
		t.Errorf("interleaveHosts = %v, want %s", got, want)
	}
}

// AfterSave runs in commit order and never concurrently, so a consumer that
// hands the articles on (the analysis stage) sees them in ascending id order;
// res.Articles are the new articles as stored.
func TestAfterSaveInCommitOrder(t *testing.T) {
	st := openStore(t)
	fs := newFeedServer(t)
	var urls []string
	opts := map[string]FeedOptions{}
	for i := range 12 {
		p := fmt.Sprintf("/f%d", i)
		fs.set(p, rssFeed(3+i%4, p[1:]))
		urls = append(urls, fs.URL+p)
		opts[fs.URL+p] = FeedOptions{FullText: FullTextNever}
	}
	feeds := syncFeeds(t, st, urls...)
	var (
		inFlight, calls atomic.Int32
		last            int64 // guarded by the non-concurrency the test checks
		problems        []string
	)
	e := newEngine(t, st, Options{Feeds: opts, AfterSave: func(ctx context.Context, id int64, r store.SaveResult) {
		if inFlight.Add(1) != 1 {
			problems = append(problems, "AfterSave called concurrently")
		}
		defer inFlight.Add(-1)
		calls.Add(1)
		time.Sleep(5 * time.Millisecond) // widen the window for an overlapping call
		if len(r.Articles) != len(r.NewIDs) {
			problems = append(problems, fmt.Sprintf("%d articles for %d new ids", len(r.Articles), len(r.NewIDs)))
			return
		}
		for i, a := range r.Articles {
			if a.ID != r.NewIDs[i] || a.ID <= last {
				problems = append(problems, fmt.Sprintf("article %d after %d (new ids %v)", a.ID, last, r.NewIDs))
			}
			last = a.ID
			stored, err := st.Article(ctx, a.ID)
			if err != nil || stored.Text != a.Text || stored.Hash != a.Hash || !stored.Published.Equal(a.Published) {
				problems = append(problems, fmt.Sprintf("article %d: stored %+v, handed over %+v (%v)", a.ID, stored, a, err))
			}
		}
	}})
	sum := e.Refresh(context.Background(), feeds, nil)
	if sum.OK != 12 || calls.Load() != 12 {
		t.Fatalf("refresh: %+v, %d AfterSave calls", sum, calls.Load())
	}
	for _, p := range problems[:min(len(problems), 5)] {
		t.Error(p)
	}
	// The fetch record is committed with the items: validators are there.
	for _, u := range urls {
		if f := feedByURL(t, st, u); f.ETag == "" || f.LastSuccess.IsZero() {
			t.Errorf("%s: fetch not recorded: %+v", u, f)
		}
	}
}

// A panic in AfterSave fails only the feed whose goroutine ran it: the save
// lock is released and every other feed is saved and reported.
func TestAfterSavePanicDoesNotHangTheRefresh(t *testing.T) {
	st := openStore(t)
	fs := newFeedServer(t)
	var urls []string
	opts := map[string]FeedOptions{}
	for i := range 8 {
		p := fmt.Sprintf("/p%d", i)
		fs.set(p, rssFeed(2, p[1:]))
		urls = append(urls, fs.URL+p)
		opts[fs.URL+p] = FeedOptions{FullText: FullTextNever}
	}
	feeds := syncFeeds(t, st, urls...)
	var calls atomic.Int32
	e := newEngine(t, st, Options{Feeds: opts, AfterSave: func(context.Context, int64, store.SaveResult) {
		if calls.Add(1) == 1 {
			panic("boom")
		}
	}})
	done := make(chan Summary)
	go func() { done <- e.Refresh(context.Background(), feeds, nil) }()
	select {
	case sum := <-done:
		if sum.OK+sum.Failed != 8 || sum.Failed > 1 || sum.New < 14 {
			t.Errorf("refresh with a panicking AfterSave: %+v", sum)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("refresh hung after a panic in AfterSave")
	}
	for _, u := range urls {
		if f := feedByURL(t, st, u); f.Total != 2 {
			t.Errorf("%s: %d articles stored, want 2", u, f.Total)
		}
	}
}
