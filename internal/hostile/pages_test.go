package hostile

import (
	"bytes"
	"compress/gzip"
	"net/http"
	"strings"
	"testing"

	"github.com/sitrep-news/sitrep/feed"
)

// Full-text pages are hostile too: a feed whose items link to pages with
// terminal escapes (raw and as entities, in the title, the body, link
// targets and script), a page that is a gzip bomb and a page redirecting to
// file:. The escapes come out clean in the store and the reader; the bad
// pages become warnings and their items keep the feed's own text.
func TestHostileFullTextPages(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	body := "<p>" + strings.Repeat("Delegations met again in the capital on Tuesday, officials said. ", 12) + "</p>"
	page := func(entities bool) []byte {
		a := attack(entities)
		return []byte(`<!doctype html><html><head><title>Page ` + a + `</title><script>document.write("\x1b]52;c;SGVsbG8=\x07")</script></head><body><article>
<h1>Page heading ` + a + `</h1>` + body + `<p>Paragraph ` + a + `</p><p><a href="javascript:alert(1)">js ` + a + `</a> <a href="https://evil.example/` + a + `">evil</a></p>` + body + `</article></body></html>`)
	}
	raw := e.serve("/page-raw", "text/html; charset=utf-8", page(false))
	ent := e.serve("/page-entities", "text/html", page(true))
	var bomb bytes.Buffer
	zw := gzip.NewWriter(&bomb)
	zw.Write(bytes.Repeat([]byte("<p>"), 8<<20))
	zw.Close()
	bombURL := e.handle("/page-bomb", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Encoding", "gzip")
		w.Header().Set("Content-Type", "text/html")
		w.Write(bomb.Bytes())
	})
	fileURL := e.handle("/page-file", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Location", "file:///etc/passwd")
		w.WriteHeader(http.StatusFound)
	})
	var items []string
	for i, u := range []string{raw, ent, bombURL, fileURL} {
		items = append(items, rssItem(string(rune('a'+i)), "Item "+string(rune('a'+i)), u, "Stub."))
	}
	fu := e.serve("/pages.rss", "application/rss+xml", []byte(rssItems(items...)))
	e.fullText[fu] = feed.FeedOptions{FullText: feed.FullTextAlways}
	sum := e.refresh(fu)
	if sum.Failed != 0 || sum.New != 4 {
		t.Fatalf("summary %+v", sum)
	}
	if len(sum.Warnings) != 2 {
		t.Errorf("warnings %v, want the bomb and the file: redirect", sum.Warnings)
	}
	for _, w := range sum.Warnings {
		checkText(t, "warning", w.Error())
	}
	arts := e.articles(e.feed(fu).ID)
	withPage := 0
	for _, a := range arts {
		checkStored(t, a)
		checkAnalysis(t, a)
		if strings.Contains(a.Text, "Paragraph") {
			withPage++
		}
	}
	if withPage != 2 {
		t.Errorf("%d articles carry their page's text, want 2", withPage)
	}
	readEverything(t, e.st, len(arts))
}
