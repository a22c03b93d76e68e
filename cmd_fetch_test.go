package main

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sitrep-news/sitrep/feed"
	"github.com/sitrep-news/sitrep/store"
	"github.com/sitrep-news/sitrep/summarize"
)

// runSitrep runs the real command line with stdout and stderr captured in
// files (so stderr is not a terminal). Not parallel: it swaps os.Stdout/Stderr.
func runSitrep(t *testing.T, stdin string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	dir := t.TempDir()
	outF, _ := os.Create(filepath.Join(dir, "stdout"))
	errF, _ := os.Create(filepath.Join(dir, "stderr"))
	inF, _ := os.Create(filepath.Join(dir, "stdin"))
	inF.WriteString(stdin)
	inF.Seek(0, 0)
	oldOut, oldErr, oldIn := os.Stdout, os.Stderr, os.Stdin
	os.Stdout, os.Stderr, os.Stdin = outF, errF, inF
	defer func() { os.Stdout, os.Stderr, os.Stdin = oldOut, oldErr, oldIn }()
	code = run(args)
	outF.Close()
	errF.Close()
	inF.Close()
	o, _ := os.ReadFile(outF.Name())
	e, _ := os.ReadFile(errF.Name())
	return code, string(o), string(e)
}

func testFeedXML(prefix string, n int) string {
	var b strings.Builder
	fmt.Fprintf(&b, `<?xml version="1.0"?><rss version="2.0"><channel><title>%s desk</title><link>https://%s.example/</link>`, prefix, prefix)
	for i := range n {
		fmt.Fprintf(&b, `<item><title>%s story %d</title><link>https://%s.example/%d</link><guid>%s-%d</guid>
<pubDate>Tue, 03 Mar 2026 10:%02d:00 GMT</pubDate><description><![CDATA[<p>%s story %d: the ceasefire held overnight, officials said. %s</p>]]></description></item>`,
			prefix, i, prefix, i, prefix, i, i, prefix, i, strings.Repeat("Delegations met again in Doha on Tuesday to discuss the next phase of the agreement. ", 8))
	}
	b.WriteString(`</channel></rss>`)
	return b.String()
}

// fetchEnv writes a config listing the given feed URLs and returns the --config and --db flags.
func fetchEnv(t *testing.T, urls ...string) []string {
	t.Helper()
	dir := t.TempDir()
	t.Setenv("XDG_CONFIG_HOME", filepath.Join(dir, "xdgconfig"))
	t.Setenv("XDG_DATA_HOME", filepath.Join(dir, "xdgdata"))
	t.Setenv("SITREP_CONFIG", "")
	var b strings.Builder
	b.WriteString("feeds:\n")
	for _, u := range urls {
		fmt.Fprintf(&b, "  - url: %s\n    full_text: never\n", u)
	}
	b.WriteString("refresh:\n  timeout: 5s\n")
	cfg := filepath.Join(dir, "config.yaml")
	if err := os.WriteFile(cfg, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return []string{"--config", cfg, "--db", filepath.Join(dir, "sitrep.db")}
}

func feedMux() *httptest.Server {
	mux := http.NewServeMux()
	for _, name := range []string{"alpha", "beta"} {
		body := testFeedXML(name, 3)
		mux.HandleFunc("/"+name, func(w http.ResponseWriter, r *http.Request) {
			if r.Header.Get("If-None-Match") == `"1"` {
				w.WriteHeader(http.StatusNotModified)
				return
			}
			w.Header().Set("ETag", `"1"`)
			w.Write([]byte(body))
		})
	}
	mux.HandleFunc("/broken", func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusInternalServerError) })
	mux.HandleFunc("/escape", func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte("<rss version=\"2.0\"><channel><title>Evil\x1b]52;c;aGk=\x07 feed</title><item><title>Hi\x1b[2J there &#27;[31m</title><link>javascript:alert(1)</link><description>x</description></item></channel></rss>"))
	})
	return httptest.NewServer(mux)
}

func TestFetchCommand(t *testing.T) {
	srv := feedMux()
	defer srv.Close()
	flags := fetchEnv(t, srv.URL+"/alpha", srv.URL+"/beta", srv.URL+"/broken")

	code, stdout, stderr := runSitrep(t, "", append([]string{"fetch"}, flags...)...)
	if code != 0 {
		t.Fatalf("exit %d, stderr:\n%s", code, stderr)
	}
	if stdout != "" {
		t.Errorf("human output goes to stderr, stdout got %q", stdout)
	}
	for _, want := range []string{"/3] ok", "alpha desk (3 new)", "failed", "HTTP 500", "\n" + analysingNote + "\n", "3 feeds: 2 ok, 0 not modified, 1 failed", "6 new articles"} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
	if strings.Contains(stderr, "\x1b[") {
		t.Errorf("no colour or bar when stderr is not a terminal:\n%q", stderr)
	}

	// Second run: everything unchanged is a 304; --json summary on stdout.
	code, stdout, _ = runSitrep(t, "", append([]string{"fetch", "--json", "-q"}, flags...)...)
	if code != 0 {
		t.Fatalf("second run exit %d", code)
	}
	var sum fetchSummary
	if err := json.Unmarshal([]byte(stdout), &sum); err != nil {
		t.Fatalf("--json output: %v\n%s", err, stdout)
	}
	if sum.Feeds != 3 || sum.NotModified != 2 || sum.New != 0 || sum.Failed != 1 || len(sum.Errors) != 1 || !strings.Contains(sum.Errors[0].Error, "500") {
		t.Errorf("second run summary: %+v", sum)
	}

	// --feed selects one feed; unknown ones are a usage error.
	code, _, stderr = runSitrep(t, "", append([]string{"fetch", "--feed", srv.URL + "/alpha"}, flags...)...)
	if code != 0 || !strings.Contains(stderr, "1 feeds: 0 ok, 1 not modified") {
		t.Errorf("--feed: exit %d\n%s", code, stderr)
	}
	if strings.Contains(stderr, analysingNote) {
		t.Errorf("nothing new, yet the analysing note shows:\n%s", stderr)
	}
	code, _, stderr = runSitrep(t, "", append([]string{"fetch", "--feed", "https://nowhere.example/"}, flags...)...)
	if code != 2 || !strings.Contains(stderr, "not in the config") {
		t.Errorf("unknown --feed: exit %d\n%s", code, stderr)
	}
}

func TestFetchCommandAllFailedExitsOne(t *testing.T) {
	srv := feedMux()
	defer srv.Close()
	flags := fetchEnv(t, srv.URL+"/broken", srv.URL+"/missing")
	code, _, stderr := runSitrep(t, "", append([]string{"fetch"}, flags...)...)
	if code != 1 || !strings.Contains(stderr, "none of the 2 feeds could be fetched") {
		t.Errorf("exit %d\n%s", code, stderr)
	}
}

func TestFetchCommandSanitisesOutput(t *testing.T) {
	srv := feedMux()
	defer srv.Close()
	flags := fetchEnv(t, srv.URL+"/escape")
	code, stdout, stderr := runSitrep(t, "", append([]string{"fetch"}, flags...)...)
	if code != 0 {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	for _, out := range []string{stdout, stderr} {
		if strings.ContainsAny(out, "\x1b\x07") {
			t.Errorf("terminal control reached the output: %q", out)
		}
	}
}

func TestFetchCommandNoFeeds(t *testing.T) {
	flags := fetchEnv(t)
	code, _, stderr := runSitrep(t, "", append([]string{"fetch"}, flags...)...)
	if code != 0 || !strings.Contains(stderr, "no feeds") {
		t.Errorf("exit %d\n%s", code, stderr)
	}
}

func TestFetchAndInspectHelpHaveExamples(t *testing.T) {
	for _, c := range []string{"fetch", "inspect"} {
		code, stdout, _ := runSitrep(t, "", c, "--help")
		if code != 0 || !strings.Contains(stdout, "Examples:") || !strings.Contains(stdout, "sitrep "+c) {
			t.Errorf("%s --help: exit %d\n%s", c, code, stdout)
		}
	}
}

func TestFetchCommandNoAnalyze(t *testing.T) {
	srv := feedMux()
	defer srv.Close()
	flags := fetchEnv(t, srv.URL+"/alpha")
	code, _, stderr := runSitrep(t, "", append([]string{"fetch", "--no-analyze"}, flags...)...)
	if code != 0 {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	if strings.Contains(stderr, analysingNote) {
		t.Errorf("--no-analyze says it is analysing:\n%s", stderr)
	}
	st, err := store.Open(flags[3])
	if err != nil {
		t.Fatal(err)
	}
	ids, err := st.Unanalyzed(context.Background(), summarize.Version, 0)
	st.Close()
	if err != nil || len(ids) != 3 {
		t.Fatalf("--no-analyze should leave 3 articles unanalysed, got %d (%v)", len(ids), err)
	}
	// The next plain fetch (all 304) catches up.
	if code, _, stderr = runSitrep(t, "", append([]string{"fetch"}, flags...)...); code != 0 {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	st, _ = store.Open(flags[3])
	defer st.Close()
	if ids, _ := st.Unanalyzed(context.Background(), summarize.Version, 0); len(ids) != 0 {
		t.Errorf("%d articles still unanalysed after a normal fetch", len(ids))
	}
}

func TestProgressBar(t *testing.T) {
	var b strings.Builder
	bar := &progressBar{w: &b, color: false}
	bar.update(feed.Progress{Done: 1, Total: 2, Result: feed.ResultOK, New: 3})
	bar.update(feed.Progress{Done: 2, Total: 2, Result: feed.ResultFailed})
	bar.clear()
	out := b.String()
	if !strings.Contains(out, "2/2") || !strings.Contains(out, "1 ok") || !strings.Contains(out, "1 failed") || !strings.Contains(out, "3 new") {
		t.Errorf("bar output %q", out)
	}
	if !strings.HasSuffix(out, "\r\x1b[K") || strings.Contains(out, "\x1b[31m") {
		t.Errorf("bar must end cleared and have no colour when disabled: %q", out)
	}
	if strings.Contains(out, analysingNote) {
		t.Errorf("bar without analysis mentions it: %q", out)
	}
	b.Reset()
	bar = &progressBar{w: &b, analyse: true}
	bar.update(feed.Progress{Done: 1, Total: 2, Result: feed.ResultOK, New: 3})
	if strings.Contains(b.String(), analysingNote) {
		t.Errorf("analysing note before the last feed: %q", b.String())
	}
	bar.update(feed.Progress{Done: 2, Total: 2, Result: feed.ResultOK})
	if !strings.HasSuffix(b.String(), "3 new · "+analysingNote) {
		t.Errorf("after the last feed the bar should say it is analysing: %q", b.String())
	}
	b.Reset()
	bar = &progressBar{w: &b, color: true}
	bar.update(feed.Progress{Done: 1, Total: 1, Result: feed.ResultFailed})
	if !strings.Contains(b.String(), "\x1b[31m1 failed") {
		t.Errorf("colour bar %q", b.String())
	}
}

// TestFetchCommandKeepDays: once refresh.keep_days is set, the next fetch
// removes the stored articles older than that (and says so), and the old
// items still in the feeds do not come back.
func TestFetchCommandKeepDays(t *testing.T) {
	// No validators: every fetch parses the feeds again.
	mux := http.NewServeMux()
	for _, name := range []string{"alpha", "beta"} {
		body := testFeedXML(name, 3)
		mux.HandleFunc("/"+name, func(w http.ResponseWriter, r *http.Request) { w.Write([]byte(body)) })
	}
	srv := httptest.NewServer(mux)
	defer srv.Close()
	flags := fetchEnv(t, srv.URL+"/alpha", srv.URL+"/beta")
	// The test feeds are dated March 2026: older than 30 days from now.
	if code, _, stderr := runSitrep(t, "", append([]string{"fetch", "-q"}, flags...)...); code != 0 {
		t.Fatalf("first fetch: exit %d\n%s", code, stderr)
	}
	cfg := flags[1]
	src, err := os.ReadFile(cfg)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(cfg, append(src, "  keep_days: 30\n"...), 0o644); err != nil {
		t.Fatal(err)
	}

	code, _, stderr := runSitrep(t, "", append([]string{"fetch", "--force"}, flags...)...)
	if code != 0 || !strings.Contains(stderr, "0 new articles, 0 updated · 6 old articles removed · ") {
		t.Errorf("fetch with keep_days: exit %d\n%s", code, stderr)
	}
	code, stdout, _ := runSitrep(t, "", append([]string{"fetch", "--force", "--json", "-q"}, flags...)...)
	var sum fetchSummary
	if err := json.Unmarshal([]byte(stdout), &sum); err != nil || code != 0 {
		t.Fatalf("--json: exit %d, %v\n%s", code, err, stdout)
	}
	if sum.New != 0 || sum.Pruned != 0 || sum.OK != 2 {
		t.Errorf("old items came back or were pruned again: %+v", sum)
	}
	if !strings.Contains(stdout, `"pruned": 0`) {
		t.Errorf("--json lacks pruned:\n%s", stdout)
	}
}
