package hostile

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"
	"time"
	"unicode/utf8"

	"charm.land/bubbles/v2/spinner"
	tea "charm.land/bubbletea/v2"

	"github.com/sitrep-news/sitrep/config"
	"github.com/sitrep-news/sitrep/feed"
	"github.com/sitrep-news/sitrep/feed/clean"
	"github.com/sitrep-news/sitrep/store"
	"github.com/sitrep-news/sitrep/summarize"
	"github.com/sitrep-news/sitrep/ui"
)

// heapBound is issue 9's bound on the heap for any single feed.
const heapBound = 256 << 20

// unsafeRune reports what must never reach a terminal as text: C0 except
// newline and tab (so also CR and ESC), DEL, C1, and the bidi controls.
func unsafeRune(r rune) bool {
	switch {
	case r == '\n' || r == '\t':
		return false
	case r < 0x20 || r == 0x7f || (r >= 0x80 && r <= 0x9f):
		return true
	case r == 0x061c || r == 0x200e || r == 0x200f || (r >= 0x202a && r <= 0x202e) || (r >= 0x2066 && r <= 0x2069):
		return true
	}
	return false
}

// textProblem describes the first invalid UTF-8 or unsafe rune in s (a
// stored or printed string, which has no escape sequences of the program's
// own), or returns "".
func textProblem(s string) string {
	if !utf8.ValidString(s) {
		return fmt.Sprintf("invalid UTF-8: %q", clip(s))
	}
	for i, r := range s {
		if unsafeRune(r) {
			return fmt.Sprintf("%U at byte %d: %q", r, i, clip(s[max(0, i-30):]))
		}
	}
	return ""
}

func checkText(t *testing.T, what, s string) {
	t.Helper()
	if p := textProblem(s); p != "" {
		t.Errorf("%s: %s", what, p)
	}
}

// checkJSON walks decoded JSON and checks every string (and key).
func checkJSON(t *testing.T, what string, data []byte) {
	t.Helper()
	var v any
	if err := json.Unmarshal(data, &v); err != nil {
		t.Fatalf("%s: %v", what, err)
	}
	var walk func(v any, path string)
	walk = func(v any, path string) {
		switch x := v.(type) {
		case string:
			checkText(t, path, x)
		case map[string]any:
			for k, e := range x {
				checkText(t, path+" key", k)
				walk(e, path+"."+k)
			}
		case []any:
			for i, e := range x {
				walk(e, fmt.Sprintf("%s[%d]", path, i))
			}
		}
	}
	walk(v, what)
}

// sgr matches the one escape sequence a rendered view may carry: SGR.
var sgr = regexp.MustCompile("^\x1b\\[[0-9;:]*m")

// forgedSGR: the SGR payloads planted in feeds (truecolor 1;2;3, conceal).
var forgedSGR = regexp.MustCompile("\x1b\\[([0-9;:]*;)?(38;2;1;2;3|8)(;[0-9;:]*)?m")

// viewProblem describes the first thing in a rendered view that is not
// text or the program's own SGR styling: OSC (8, 52, window title), DCS,
// cursor movement, screen clear, CR, C1, bidi control, or an SGR the feed
// planted. "" when there is none.
func viewProblem(content string) string {
	if loc := forgedSGR.FindStringIndex(content); loc != nil {
		return fmt.Sprintf("planted SGR %q", content[loc[0]:loc[1]])
	}
	for i := 0; i < len(content); {
		if content[i] == 0x1b {
			m := sgr.FindString(content[i:])
			if m == "" {
				return fmt.Sprintf("escape sequence other than SGR: %q", clip(content[i:]))
			}
			i += len(m)
			continue
		}
		r, size := utf8.DecodeRuneInString(content[i:])
		if r == utf8.RuneError && size == 1 {
			return fmt.Sprintf("invalid UTF-8 at %d", i)
		}
		if unsafeRune(r) {
			return fmt.Sprintf("%U: %q", r, clip(content[max(0, i-30):]))
		}
		i += size
	}
	return ""
}

func checkView(t *testing.T, what, content string) {
	t.Helper()
	if p := viewProblem(content); p != "" {
		t.Errorf("%s: %s", what, p)
	}
}

func clip(s string) string {
	if len(s) > 120 {
		return s[:120] + "…"
	}
	return s
}

// env is one hostile world: a loopback server, a store, the feed engine.
type env struct {
	t        *testing.T
	mux      *http.ServeMux
	srv      *httptest.Server
	st       *store.Store
	eng      *feed.Engine
	fullText map[string]feed.FeedOptions // per feed URL; default never
}

// loopbackOnly refuses every request that is not to the test server: a
// hostile feed's links (evil.example) must never reach the internet.
type loopbackOnly struct{ host string }

func (l loopbackOnly) RoundTrip(r *http.Request) (*http.Response, error) {
	if r.URL.Host != l.host {
		return nil, fmt.Errorf("test transport: %s is not the test server", r.URL.Host)
	}
	return http.DefaultTransport.RoundTrip(r)
}

func newEnv(t *testing.T) *env { return newEnvTimeout(t, 3*time.Second) }

// newEnvTimeout: the engine's per-request timeout is d.
func newEnvTimeout(t *testing.T, d time.Duration) *env {
	t.Helper()
	e := &env{t: t, mux: http.NewServeMux()}
	e.srv = httptest.NewServer(e.mux)
	t.Cleanup(e.srv.Close)
	st, err := store.Open(filepath.Join(t.TempDir(), "hostile.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	e.st = st
	cleaner, err := clean.New(nil)
	if err != nil {
		t.Fatal(err)
	}
	e.fullText = map[string]feed.FeedOptions{}
	e.eng = feed.New(st, feed.Options{
		Refresh:   config.Refresh{Concurrency: 4, PerHost: 4, Timeout: d},
		Cleaner:   cleaner,
		Force:     true,
		Feeds:     e.fullText,
		Transport: loopbackOnly{host: e.srv.Listener.Addr().String()},
	})
	return e
}

// serve answers path with body and content type.
func (e *env) serve(path, contentType string, body []byte) string {
	e.mux.HandleFunc(path, func(w http.ResponseWriter, r *http.Request) {
		if contentType != "" {
			w.Header().Set("Content-Type", contentType)
		}
		w.Write(body)
	})
	return e.srv.URL + path
}

func (e *env) handle(path string, h http.HandlerFunc) string {
	e.mux.HandleFunc(path, h)
	return e.srv.URL + path
}

// refresh syncs the feed list to urls and refreshes them all once.
func (e *env) refresh(urls ...string) feed.Summary {
	e.t.Helper()
	var specs []store.FeedSpec
	for _, u := range urls {
		specs = append(specs, store.FeedSpec{URL: u})
		if _, ok := e.fullText[u]; !ok {
			e.fullText[u] = feed.FeedOptions{FullText: feed.FullTextNever}
		}
	}
	feeds, err := e.st.SyncFeeds(context.Background(), specs)
	if err != nil {
		e.t.Fatal(err)
	}
	var sel []store.Feed
	for _, f := range feeds {
		for _, u := range urls {
			if f.URL == u {
				sel = append(sel, f)
			}
		}
	}
	return e.eng.Refresh(context.Background(), sel, nil)
}

func (e *env) feed(url string) store.Feed {
	e.t.Helper()
	feeds, err := e.st.Feeds(context.Background())
	if err != nil {
		e.t.Fatal(err)
	}
	for _, f := range feeds {
		if f.URL == url {
			return f
		}
	}
	e.t.Fatalf("feed %s not stored", url)
	return store.Feed{}
}

// articles returns every stored article of the feed, bodies included.
func (e *env) articles(feedID int64) []store.Article {
	e.t.Helper()
	ctx := context.Background()
	rows, err := e.st.List(ctx, store.Query{FeedID: feedID, IncludeArchived: true, Limit: 5000})
	if err != nil {
		e.t.Fatal(err)
	}
	var out []store.Article
	for _, r := range rows {
		a, err := e.st.Article(ctx, r.ID)
		if err != nil {
			e.t.Fatal(err)
		}
		out = append(out, a)
	}
	return out
}

// checkStored checks every string of an article sitrep shows or prints
// (Raw is the feed's original HTML, kept for re-cleaning and never shown).
func checkStored(t *testing.T, a store.Article) {
	t.Helper()
	for what, s := range map[string]string{"title": a.Title, "author": a.Author, "url": a.URL, "guid": a.GUID,
		"feed title": a.FeedTitle, "markdown": a.Markdown, "text": a.Text} {
		checkText(t, fmt.Sprintf("stored %s of %q", what, clip(a.Title)), s)
	}
	if a.URL != "" && !strings.HasPrefix(a.URL, "http://") && !strings.HasPrefix(a.URL, "https://") {
		t.Errorf("stored link %q is not http(s)", a.URL)
	}
}

// checkAnalysis runs the analysis on a stored article, as the reader and
// `sitrep extract --json` do, and checks the JSON.
func checkAnalysis(t *testing.T, a store.Article) {
	t.Helper()
	data, err := json.Marshal(summarize.Analyze(summarize.Input{Title: a.Title, Text: a.Text}))
	if err != nil {
		t.Fatal(err)
	}
	checkJSON(t, "analysis of "+clip(a.Title), data)
}

// reader drives the real ui.Model over a source synchronously: every
// command runs and its message is fed back, except timers (spinner, cursor
// blink), so the view is the one a user sees once IO has come back.
type reader struct {
	t *testing.T
	m ui.Model
}

func newReader(t *testing.T, src ui.Source, w, h int) *reader {
	t.Helper()
	r := &reader{t: t, m: ui.New(ui.Options{Source: src, Config: config.Default(), Now: func() time.Time { return time.Date(2026, 3, 3, 12, 0, 0, 0, time.UTC) }})}
	r.send(tea.WindowSizeMsg{Width: w, Height: h})
	r.run(r.m.Init())
	return r
}

func (r *reader) send(msgs ...tea.Msg) {
	r.t.Helper()
	for _, msg := range msgs {
		queue := []tea.Msg{msg}
		for i := 0; len(queue) > 0 && i < 500; i++ {
			msg := queue[0]
			queue = queue[1:]
			if _, quit := msg.(tea.QuitMsg); quit {
				continue
			}
			nm, cmd := r.m.Update(msg)
			r.m = nm.(ui.Model)
			queue = append(queue, r.collect(cmd)...)
		}
	}
}

func (r *reader) run(cmd tea.Cmd) { r.send(r.collect(cmd)...) }

// collect runs cmd (and the commands in batches) and returns its messages.
func (r *reader) collect(cmd tea.Cmd) []tea.Msg {
	if cmd == nil {
		return nil
	}
	ch := make(chan tea.Msg, 1)
	go func() { ch <- cmd() }()
	select {
	case msg := <-ch:
		switch msg := msg.(type) {
		case nil, spinner.TickMsg:
			return nil
		case tea.BatchMsg:
			var out []tea.Msg
			for _, c := range msg {
				out = append(out, r.collect(c)...)
			}
			return out
		case tea.QuitMsg:
			return nil
		default:
			if strings.Contains(strings.ToLower(fmt.Sprintf("%T", msg)), "blink") {
				return nil
			}
			return []tea.Msg{msg}
		}
	case <-time.After(3 * time.Second): // only timers wait this long
		return nil
	}
}

func (r *reader) key(k string) {
	switch k {
	case "enter":
		r.send(tea.KeyPressMsg{Code: tea.KeyEnter})
	case "esc":
		r.send(tea.KeyPressMsg{Code: tea.KeyEscape})
	case "tab":
		r.send(tea.KeyPressMsg{Code: tea.KeyTab})
	default:
		for _, c := range k {
			r.send(tea.KeyPressMsg{Code: c, Text: string(c)})
		}
	}
}

func (r *reader) view() string { return r.m.View().Content }

// readEverything opens every article in the list and checks each screen:
// the list, the reader, and the reader with the sidebar focused.
func readEverything(t *testing.T, st *store.Store, n int) string {
	t.Helper()
	r := newReader(t, st, 160, 48)
	var all strings.Builder
	look := func(what string) {
		v := r.view()
		checkView(t, what, v)
		all.WriteString(v)
		if st, _ := r.m.Status(); st != "" {
			checkText(t, what+" status", st)
		}
	}
	look("list")
	for i := 0; i < n; i++ {
		r.key("enter")
		sel, _ := r.m.Selected()
		look(fmt.Sprintf("reader %d %q", i, clip(sel.Title)))
		r.key("tab")
		look(fmt.Sprintf("sidebar %d", i))
		r.key("esc")
		r.key("esc")
		r.key("j")
		look(fmt.Sprintf("list after %d", i))
	}
	return all.String()
}

// peakHeap runs f while sampling the heap in use and returns the peak.
func peakHeap(f func()) uint64 {
	runtime.GC()
	var peak atomic.Uint64
	stop, done := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(done)
		var m runtime.MemStats
		for {
			runtime.ReadMemStats(&m)
			if m.HeapAlloc > peak.Load() {
				peak.Store(m.HeapAlloc)
			}
			select {
			case <-stop:
				return
			case <-time.After(2 * time.Millisecond):
			}
		}
	}()
	f()
	close(stop)
	<-done
	return peak.Load()
}
