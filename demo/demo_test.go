package demo

import (
	"encoding/xml"
	"io"
	"net/http"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/mmcdole/gofeed"
	"golang.org/x/net/html"

	"github.com/sitrep-news/sitrep/config"
)

func startTest(t *testing.T, now time.Time) *Server {
	t.Helper()
	s, err := start(now)
	if err != nil {
		t.Fatalf("start: %v", err)
	}
	t.Cleanup(func() {
		if err := s.Close(); err != nil {
			t.Errorf("close: %v", err)
		}
	})
	return s
}

func get(t *testing.T, url string, hdr map[string]string) (*http.Response, []byte) {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, url, nil)
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range hdr {
		req.Header.Set(k, v)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("GET %s: %v", url, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("read %s: %v", url, err)
	}
	return resp, b
}

// parseFeeds fetches and parses every demo feed, keyed by feed URL.
func parseFeeds(t *testing.T, s *Server) map[string]*gofeed.Feed {
	t.Helper()
	out := map[string]*gofeed.Feed{}
	for _, f := range s.Feeds() {
		resp, body := get(t, f.URL, nil)
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("GET %s: %s", f.URL, resp.Status)
		}
		feed, err := gofeed.NewParser().ParseString(string(body))
		if err != nil {
			t.Fatalf("parse %s: %v", f.URL, err)
		}
		out[f.URL] = feed
	}
	return out
}

func TestServesEachFormatWithItsContentType(t *testing.T) {
	s := startTest(t, time.Now())
	if !strings.HasPrefix(s.URL(), "http://127.0.0.1:") {
		t.Fatalf("URL = %q, want loopback", s.URL())
	}
	want := map[string]struct {
		ctype    string
		feedType gofeed.FeedType
	}{
		"/feeds/wire.xml":      {"application/rss+xml", gofeed.FeedTypeRSS},
		"/feeds/dispatch.atom": {"application/atom+xml", gofeed.FeedTypeAtom},
		"/feeds/monitor.json":  {"application/feed+json", gofeed.FeedTypeJSON},
	}
	feeds := s.Feeds()
	if len(feeds) != len(want) {
		t.Fatalf("Feeds() = %d feeds, want %d", len(feeds), len(want))
	}
	total := 0
	for _, f := range feeds {
		path := strings.TrimPrefix(f.URL, s.URL())
		w, ok := want[path]
		if !ok {
			t.Fatalf("unexpected feed %s", f.URL)
		}
		if f.Title == "" || f.Folder == "" || len(f.Tags) == 0 || f.FullText != "auto" || f.Interval <= 0 {
			t.Errorf("feed %s: incomplete config %+v", path, f)
		}
		resp, body := get(t, f.URL, nil)
		if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, w.ctype) || !strings.Contains(ct, "charset=utf-8") {
			t.Errorf("%s: Content-Type %q, want %s; charset=utf-8", path, ct, w.ctype)
		}
		if resp.Header.Get("ETag") == "" || resp.Header.Get("Last-Modified") == "" {
			t.Errorf("%s: missing validators: %v", path, resp.Header)
		}
		if got := gofeed.DetectFeedType(strings.NewReader(string(body))); got != w.feedType {
			t.Errorf("%s: detected feed type %d, want %d", path, got, w.feedType)
		}
		feed, err := gofeed.NewParser().ParseString(string(body))
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		if len(feed.Items) < 3 {
			t.Errorf("%s: %d items, want at least 3", path, len(feed.Items))
		}
		total += len(feed.Items)
		for _, it := range feed.Items {
			if it.GUID == "" || it.Title == "" || it.PublishedParsed == nil || len(it.Authors) == 0 {
				t.Errorf("%s: item %q lacks guid, title, date or author", path, it.Title)
			}
			if !strings.HasPrefix(it.Link, s.URL()+"/articles/") {
				t.Errorf("%s: item %q links to %q, want a page on the demo server", path, it.Title, it.Link)
			}
		}
	}
	if total < 12 {
		t.Errorf("%d articles in all, want at least 12", total)
	}
}

func TestConditionalGet(t *testing.T) {
	s := startTest(t, time.Now())
	for _, f := range s.Feeds() {
		resp, _ := get(t, f.URL, nil)
		etag, lm := resp.Header.Get("ETag"), resp.Header.Get("Last-Modified")
		resp, body := get(t, f.URL, map[string]string{"If-None-Match": etag})
		if resp.StatusCode != http.StatusNotModified || len(body) != 0 {
			t.Errorf("%s with If-None-Match: %s, %d bytes; want 304, empty", f.URL, resp.Status, len(body))
		}
		resp, _ = get(t, f.URL, map[string]string{"If-Modified-Since": lm})
		if resp.StatusCode != http.StatusNotModified {
			t.Errorf("%s with If-Modified-Since: %s, want 304", f.URL, resp.Status)
		}
		resp, body = get(t, f.URL, map[string]string{"If-None-Match": `"stale"`})
		if resp.StatusCode != http.StatusOK || len(body) == 0 {
			t.Errorf("%s with a stale ETag: %s, want 200 with a body", f.URL, resp.Status)
		}
	}
}

func TestSeedArticleBytesSurviveTheFeed(t *testing.T) {
	seed, err := os.ReadFile("feeds/seed-article.txt")
	if err != nil {
		t.Fatal(err)
	}
	// The embedded copy must be the shared fixture itself, when it is present.
	if shared, err := os.ReadFile("../../shared/fixtures/seed-article.txt"); err == nil && string(shared) != string(seed) {
		t.Fatal("demo/feeds/seed-article.txt differs from ../shared/fixtures/seed-article.txt")
	}
	if !strings.Contains(string(seed), "ErdoÄŸan") || !strings.Contains(string(seed), "Our website uses cookies") {
		t.Fatal("seed fixture lost its mojibake or cookie banner")
	}
	s := startTest(t, time.Now())
	var found int
	for _, feed := range parseFeeds(t, s) {
		for _, it := range feed.Items {
			if it.Content == string(seed) {
				found++
				first, _, _ := strings.Cut(string(seed), "\n")
				if it.Title != first {
					t.Errorf("seed title = %q, want its first line %q", it.Title, first)
				}
				if it.Link != s.ArticleURL(SeedSlug) {
					t.Errorf("seed link = %q", it.Link)
				}
			}
		}
	}
	if found != 1 {
		t.Fatalf("seed article found byte for byte in %d items, want exactly 1", found)
	}
}

// bodyText is the visible text of an HTML fragment.
func bodyText(t *testing.T, fragment string) string {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(fragment))
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
			b.WriteByte(' ')
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return b.String()
}

func TestArticlesAreFullLength(t *testing.T) {
	articles, err := loadArticles()
	if err != nil {
		t.Fatal(err)
	}
	if len(articles) < 12 {
		t.Fatalf("%d articles, want at least 12", len(articles))
	}
	langs := map[string]bool{}
	for _, a := range articles {
		langs[a.Lang] = true
		text := a.Text
		if text == "" {
			text = bodyText(t, a.HTML)
		}
		n := len(strings.Fields(text))
		if n < 300 || (a.Text == "" && n > 700) {
			t.Errorf("%s: %d words, want 300-700", a.Slug, n)
		}
		if a.Author == "" || len(a.Tags) == 0 {
			t.Errorf("%s: missing author or tags", a.Slug)
		}
	}
	if len(langs) < 2 {
		t.Errorf("languages %v, want at least one non-English article", langs)
	}
}

func TestStubLinksToFullPage(t *testing.T) {
	s := startTest(t, time.Now())
	var stubs int
	byLink := map[string]string{}
	for _, a := range s.Articles() {
		if a.Stub {
			byLink[s.ArticleURL(a.Slug)] = a.HTML
		}
	}
	for _, feed := range parseFeeds(t, s) {
		for _, it := range feed.Items {
			full, ok := byLink[it.Link]
			if !ok {
				continue
			}
			stubs++
			carried := it.Content + it.Description
			if !strings.Contains(carried, "Read more") {
				t.Errorf("stub %q has no Read more link: %q", it.Title, carried)
			}
			if len(strings.Fields(bodyText(t, carried))) > 80 {
				t.Errorf("stub %q carries the full text", it.Title)
			}
			resp, page := get(t, it.Link, nil)
			if resp.StatusCode != http.StatusOK || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") {
				t.Fatalf("GET %s: %s %s", it.Link, resp.Status, resp.Header.Get("Content-Type"))
			}
			// Every paragraph of the full text is on the page.
			for _, p := range strings.Split(full, "</p>") {
				p = strings.TrimSpace(bodyText(t, p))
				if p != "" && !strings.Contains(bodyText(t, string(page)), p) {
					t.Errorf("page %s lacks paragraph %.60q", it.Link, p)
				}
			}
		}
	}
	if stubs == 0 {
		t.Fatal("no stub item in the demo feeds")
	}
}

func TestEveryArticleHasAPage(t *testing.T) {
	s := startTest(t, time.Now())
	for _, a := range s.Articles() {
		resp, page := get(t, s.ArticleURL(a.Slug), nil)
		if resp.StatusCode != http.StatusOK {
			t.Errorf("%s: %s", a.Slug, resp.Status)
			continue
		}
		if !strings.Contains(string(page), "<h1 class=\"headline\">") || !strings.Contains(bodyText(t, string(page)), a.Title) {
			t.Errorf("%s: page lacks its headline", a.Slug)
		}
		if a.RTL() && !strings.Contains(string(page), `dir="rtl"`) {
			t.Errorf("%s: RTL article page is not dir=rtl", a.Slug)
		}
	}
	resp, _ := get(t, s.URL()+"/articles/no-such-story", nil)
	if resp.StatusCode != http.StatusNotFound {
		t.Errorf("unknown article: %s, want 404", resp.Status)
	}
	resp, body := get(t, s.URL()+"/feeds.opml", nil)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("OPML: %s", resp.Status)
	}
	feeds, skipped, err := config.ImportOPML(strings.NewReader(string(body)))
	if err != nil || len(skipped) != 0 || len(feeds) != len(s.Feeds()) {
		t.Errorf("OPML import: %d feeds, %v skipped, err %v; want %d feeds", len(feeds), skipped, err, len(s.Feeds()))
	}
}

func TestSameNewsFromTwoOutlets(t *testing.T) {
	// Story clustering needs one event covered by two different feeds.
	articles, err := loadArticles()
	if err != nil {
		t.Fatal(err)
	}
	feedsByTag := map[string]map[string]bool{}
	for _, a := range articles {
		for _, tag := range a.Tags {
			if feedsByTag[tag] == nil {
				feedsByTag[tag] = map[string]bool{}
			}
			feedsByTag[tag][a.Feed] = true
		}
	}
	if len(feedsByTag["ceasefire"]) < 2 {
		t.Errorf("the ceasefire story is covered by %d feeds, want 2 or more", len(feedsByTag["ceasefire"]))
	}
}

func TestDatesShiftByWholeWeeks(t *testing.T) {
	newest := time.Date(2026, 11, 25, 13, 15, 0, 0, time.UTC)
	for _, c := range []struct {
		now  time.Time
		want time.Duration
	}{
		{newest.Add(-time.Hour), 0},
		{newest.Add(6 * 24 * time.Hour), 0},
		{newest.Add(8 * 24 * time.Hour), week},
		{newest.Add(400 * 24 * time.Hour), 57 * week},
	} {
		got := shiftFor(newest, c.now)
		if got != c.want {
			t.Errorf("shiftFor(now=%v) = %v, want %v", c.now, got, c.want)
		}
		if got%week != 0 || c.now.Sub(newest.Add(got)) >= week {
			t.Errorf("shiftFor(now=%v) = %v leaves the newest article over a week old", c.now, got)
		}
	}

	later := time.Date(2027, 3, 3, 12, 0, 0, 0, time.UTC)
	s := startTest(t, later)
	for _, feed := range parseFeeds(t, s) {
		for _, it := range feed.Items {
			if it.PublishedParsed.After(later) || later.Sub(*it.PublishedParsed) > 30*24*time.Hour {
				t.Errorf("%q dated %v, want within the month before %v", it.Title, it.PublishedParsed, later)
			}
		}
	}
	for _, a := range s.Articles() {
		orig := a.Published.Add(-s.shift)
		if a.Published.Weekday() != orig.Weekday() {
			t.Errorf("%s: weekday moved from %v to %v", a.Slug, orig.Weekday(), a.Published.Weekday())
		}
	}
}

func TestFeedsAreWellFormedXML(t *testing.T) {
	s := startTest(t, time.Now())
	for _, f := range s.Feeds() {
		if strings.HasSuffix(f.URL, ".json") {
			continue
		}
		_, body := get(t, f.URL, nil)
		dec := xml.NewDecoder(strings.NewReader(string(body)))
		for {
			_, err := dec.Token()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatalf("%s: not well-formed XML: %v", f.URL, err)
			}
		}
	}
}

func TestParseArticleRejectsBadFrontMatter(t *testing.T) {
	for name, in := range map[string]string{
		"no front matter":  "<p>x</p>",
		"unterminated":     "---\ntitle: x\n<p>x</p>",
		"unknown key":      "---\ntitle: x\npublished: 2026-11-20T00:00:00Z\nfeed: wire\ncolour: red\n---\n<p>x</p>",
		"bad feed":         "---\ntitle: x\npublished: 2026-11-20T00:00:00Z\nfeed: tv\n---\n<p>x</p>",
		"no title":         "---\npublished: 2026-11-20T00:00:00Z\nfeed: wire\n---\n<p>x</p>",
		"no date":          "---\ntitle: x\nfeed: wire\n---\n<p>x</p>",
		"stub, no summary": "---\ntitle: x\npublished: 2026-11-20T00:00:00Z\nfeed: wire\nstub: true\n---\n<p>x</p>",
		"empty body":       "---\ntitle: x\npublished: 2026-11-20T00:00:00Z\nfeed: wire\n---\n",
	} {
		if _, err := parseArticle([]byte(in)); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}

func TestMethodNotAllowed(t *testing.T) {
	s := startTest(t, time.Now())
	resp, err := http.Post(s.URL()+"/feeds/wire.xml", "text/plain", strings.NewReader("x"))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("POST: %s, want 405", resp.Status)
	}
}

func TestTempStorePath(t *testing.T) {
	p, cleanup, err := TempStorePath()
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte("db"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p+"-wal", []byte("wal"), 0o600); err != nil {
		t.Fatal(err)
	}
	cleanup()
	if _, err := os.Stat(p); !os.IsNotExist(err) {
		t.Errorf("store still exists after cleanup: %v", err)
	}
}

func TestCloseStopsServing(t *testing.T) {
	s, err := start(time.Now())
	if err != nil {
		t.Fatal(err)
	}
	url := s.Feeds()[0].URL
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	c := &http.Client{Timeout: 2 * time.Second}
	if resp, err := c.Get(url); err == nil {
		resp.Body.Close()
		t.Fatal("server still answers after Close")
	}
}
