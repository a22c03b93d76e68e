package hostile

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"
	"unicode/utf16"

	"github.com/sitrep-news/sitrep/feed"
	"github.com/sitrep-news/sitrep/store"
)

func rssItems(items ...string) string {
	return `<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>t</title><link>https://site.example/</link>` +
		strings.Join(items, "") + `</channel></rss>`
}

func rssItem(guid, title, link, desc string) string {
	return fmt.Sprintf(`<item><guid>%s</guid><title>%s</title><link>%s</link><description>%s</description><pubDate>Tue, 03 Mar 2026 10:00:00 GMT</pubDate></item>`,
		guid, title, link, desc)
}

// Bidi overrides, zero-width characters, CR, NUL and invalid UTF-8 in
// titles: removed (or U+FFFD for invalid bytes), the words kept; ZWNJ inside
// a Persian word and an emoji ZWJ sequence survive.
func TestTitleSpoofingCharacters(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	cases := []struct{ guid, title, want string }{
		{"bidi", "Invoice \u202efdp.exe\u202c and \u2067isolate\u2069 \u200fRLM", "Invoice fdp.exe and isolate RLM"},
		{"zw", "Ky\u200biv\u2060 talks\ufeff \u00adsoft\U000E0041", "Kyiv talks soft"},
		{"cr", "Real headline\rFAKE", "Real headline FAKE"},
		{"nul", "Nul\x00 byte", "Nul byte"},
		{"persian", "می\u200cخواهم 👩\u200d👩\u200d👧", "می\u200cخواهم 👩\u200d👩\u200d👧"},
	}
	var items []string
	for _, c := range cases {
		items = append(items, rssItem(c.guid, xmlText(c.title), "https://site.example/"+c.guid, "Body of "+c.guid+" with enough words to keep."))
	}
	items = append(items, rssItem("utf8", "Bad \xff\xfe\xc3 bytes", "https://site.example/utf8", "x \xc3\x28 y"))
	u := e.serve("/spoof.rss", "application/rss+xml", []byte(rssItems(items...)))
	if sum := e.refresh(u); sum.Failed != 0 || sum.New != len(items) {
		t.Fatalf("summary %+v %v", sum, sum.Errors)
	}
	got := map[string]store.Article{}
	for _, a := range e.articles(e.feed(u).ID) {
		checkStored(t, a)
		checkAnalysis(t, a)
		got[a.GUID] = a
	}
	for _, c := range cases {
		if a := got[c.guid]; strings.Join(strings.Fields(a.Title), " ") != c.want {
			t.Errorf("%s: stored title %q, want %q", c.guid, a.Title, c.want)
		}
	}
	if a := got["utf8"]; !strings.Contains(a.Title, "Bad") || !strings.Contains(a.Title, "bytes") {
		t.Errorf("invalid UTF-8 title %q", a.Title)
	}
	readEverything(t, e.st, len(items))
}

func utf16Bytes(s string, bigEndian, bom bool) []byte {
	var out []byte
	u := utf16.Encode([]rune(s))
	if bom {
		u = append([]uint16{0xFEFF}, u...)
	}
	for _, c := range u {
		if bigEndian {
			out = append(out, byte(c>>8), byte(c))
		} else {
			out = append(out, byte(c), byte(c>>8))
		}
	}
	return out
}

func utf32Bytes(s string, bigEndian, bom bool) []byte {
	var out []byte
	rs := []rune(s)
	if bom {
		rs = append([]rune{0xFEFF}, rs...)
	}
	for _, r := range rs {
		if bigEndian {
			out = append(out, byte(r>>24), byte(r>>16), byte(r>>8), byte(r))
		} else {
			out = append(out, byte(r), byte(r>>8), byte(r>>16), byte(r>>24))
		}
	}
	return out
}

// UTF-16 and UTF-32, with and without a BOM, and with the HTTP header's
// charset agreeing, absent, or lying; NUL bytes in a UTF-8 body: the items
// arrive readable, never as NUL-riddled text.
func TestEncodingsOverHTTP(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	doc := func(label string) string {
		return `<?xml version="1.0" encoding="` + label + `"?><rss version="2.0"><channel><title>Кризис</title>` +
			rssItem("1", "Переговоры в Стамбуле", "https://site.example/1", "Делегации встретились снова.") + `</channel></rss>`
	}
	type c struct {
		name, ctype string
		body        []byte
	}
	var cases []c
	for _, be := range []bool{false, true} {
		for _, bom := range []bool{true, false} {
			for _, ct := range []string{"application/xml", "application/xml; charset=utf-8", "text/xml; charset=iso-8859-1"} {
				end := map[bool]string{false: "le", true: "be"}[be]
				cases = append(cases,
					c{fmt.Sprintf("utf-16%s bom=%v %s", end, bom, ct), ct, utf16Bytes(doc("utf-16"), be, bom)},
					c{fmt.Sprintf("utf-32%s bom=%v %s", end, bom, ct), ct, utf32Bytes(doc("utf-32"), be, bom)})
			}
		}
	}
	cases = append(cases,
		c{"nul bytes", "application/rss+xml", []byte(strings.ReplaceAll(doc("utf-8"), "Пере", "\x00Пере\x00"))},
		c{"invalid utf-8", "application/rss+xml", []byte(strings.ReplaceAll(doc("utf-8"), "Пере", "\xff\xc3Пере"))},
		c{"windows-1251 label", "application/rss+xml", []byte(strings.ReplaceAll(doc("utf-8"), "utf-8", "windows-1251"))},
	)
	var urls []string
	for i, c := range cases {
		urls = append(urls, e.serve(fmt.Sprintf("/enc%d", i), c.ctype, c.body))
	}
	e.refresh(urls...)
	for i, c := range cases {
		f := e.feed(urls[i])
		arts := e.articles(f.ID)
		if f.LastError != "" || len(arts) != 1 {
			t.Errorf("%s: error %q, %d articles", c.name, f.LastError, len(arts))
			continue
		}
		checkStored(t, arts[0])
		if !strings.Contains(arts[0].Title, "говоры в Стамбуле") && c.name != "windows-1251 label" {
			t.Errorf("%s: title %q", c.name, arts[0].Title)
		}
	}
}

// Billion laughs and external entities served over HTTP: no expansion, no
// file read, no request to the entity's URL; the feed still works.
func TestEntityAttacksOverHTTP(t *testing.T) {
	e := newEnv(t)
	var dtdHits atomic.Int32
	dtd := e.handle("/evil.dtd", func(w http.ResponseWriter, r *http.Request) {
		dtdHits.Add(1)
		w.Write([]byte(`<!ENTITY leak "LEAKED">`))
	})
	laughs := `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">` +
		`<!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">` +
		`<!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">` +
		`<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">` +
		`<!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">]>` +
		`<rss version="2.0"><channel><title>&lol9;</title>` + rssItem("1", "a &lol9; b", "https://site.example/1", "&lol9; body") + `</channel></rss>`
	xxe := `<?xml version="1.0"?><!DOCTYPE r [<!ENTITY file SYSTEM "file:///etc/passwd"><!ENTITY % remote SYSTEM "` + dtd + `">%remote;]>` +
		`<rss version="2.0"><channel><title>x&file;</title>` + rssItem("1", "t &file; &leak;", "https://site.example/2", "&file; body") + `</channel></rss>`
	urls := []string{e.serve("/laughs", "application/rss+xml", []byte(laughs)), e.serve("/xxe", "application/rss+xml", []byte(xxe))}
	var sum feed.Summary
	peak := peakHeap(func() { sum = e.refresh(urls...) })
	t.Logf("peak heap %d MB; %+v", peak>>20, sum.Errors)
	if peak > heapBound {
		t.Errorf("peak heap %d MB", peak>>20)
	}
	for _, u := range urls {
		f := e.feed(u)
		if len(f.Title) > 200 {
			t.Errorf("%s: feed title %d bytes: expanded", u, len(f.Title))
		}
		for _, a := range e.articles(f.ID) {
			checkStored(t, a)
			if strings.Contains(a.Title+a.Text, "lollol") || strings.Contains(a.Title+a.Text, "root:") || strings.Contains(a.Title+a.Text, "LEAKED") {
				t.Errorf("%s: entity expanded into %q", u, clip(a.Title+" | "+a.Text))
			}
		}
	}
	if n := dtdHits.Load(); n != 0 {
		t.Errorf("the external DTD was fetched %d times", n)
	}
}

// Hostile servers not already covered by feed's TestHostileServers: a
// redirect to javascript:, data: and gopher:, an endless body without
// compression, a Content-Length that lies, and a gzip bomb behind a
// redirect. Each fails with its typed error; the good feed beside them works.
func TestHostileServersTypedErrors(t *testing.T) {
	e := newEnvTimeout(t, 60*time.Second) // inflating the bomb to the cap takes seconds under -race
	redirect := func(to string) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Location", to)
			w.WriteHeader(http.StatusFound)
		}
	}
	var bomb bytes.Buffer
	zw := gzip.NewWriter(&bomb)
	zw.Write(bytes.Repeat([]byte("<a>"), 8<<20)) // 24 MiB inflated > the 15 MiB cap
	zw.Close()
	good := e.serve("/good", "application/rss+xml", []byte(rssItems(rssItem("1", "fine", "https://site.example/1", "A fine story."))))
	want := map[string]error{
		e.handle("/js", redirect("javascript:alert(1)")):               feed.ErrScheme,
		e.handle("/data", redirect("data:application/rss+xml,<rss/>")): feed.ErrScheme,
		e.handle("/gopher", redirect("gopher://hostile.example/1")):    feed.ErrScheme,
		e.handle("/file", redirect("file:///etc/passwd")):              feed.ErrScheme,
		e.handle("/self", redirect("/self")):                           feed.ErrTooManyRedirects,
		e.handle("/tobomb", redirect("/bomb")):                         feed.ErrTooLarge,
		e.handle("/bomb", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Encoding", "gzip")
			w.Write(bomb.Bytes())
		}): feed.ErrTooLarge,
		e.handle("/endless", func(w http.ResponseWriter, r *http.Request) {
			w.Write([]byte(`<rss version="2.0"><channel><title>`))
			chunk := bytes.Repeat([]byte("A"), 64<<10)
			for r.Context().Err() == nil {
				if _, err := w.Write(chunk); err != nil {
					return
				}
			}
		}): feed.ErrTooLarge,
		e.handle("/liar", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Length", "100000000")
			w.Write([]byte("<rss>"))
		}): nil, // a short body: any clear error
	}
	// Raw responses with escapes in the headers the error messages quote.
	raw := func(resp string) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			conn, buf, err := w.(http.Hijacker).Hijack()
			if err != nil {
				return
			}
			defer conn.Close()
			buf.WriteString(resp)
			buf.Flush()
		}
	}
	esc := "\x1b]52;c;SGVsbG8=\x07\x1b[2J\u009b31m\u202e"
	for path, resp := range map[string]string{
		"/esc-location": "HTTP/1.1 302 Found\r\nLocation: https://evil.example/" + esc + "\r\nContent-Length: 0\r\n\r\n",
		"/esc-scheme":   "HTTP/1.1 302 Found\r\nLocation: " + esc + "gopher://x/\r\nContent-Length: 0\r\n\r\n",
		"/esc-status":   "HTTP/1.1 500 Boom" + esc + "\r\nContent-Length: 0\r\n\r\n",
		"/esc-ctype":    "HTTP/1.1 200 OK\r\nContent-Type: text/xml; charset=" + esc + "\r\nContent-Length: 5\r\n\r\n<rss>",
	} {
		want[e.handle(path, raw(resp))] = nil // any error; its message is checked below
	}
	urls := []string{good}
	for u := range want {
		urls = append(urls, u)
	}
	var sum feed.Summary
	start := time.Now()
	peak := peakHeap(func() { sum = e.refresh(urls...) })
	t.Logf("%d hostile servers in %s, peak heap %d MB", len(want), time.Since(start).Round(time.Millisecond), peak>>20)
	if peak > heapBound {
		t.Errorf("peak heap %d MB", peak>>20)
	}
	errs := map[string]error{}
	for _, fe := range sum.Errors {
		errs[fe.Feed.URL] = fe.Err
	}
	for u, w := range want {
		err := errs[u]
		if err == nil {
			t.Errorf("%s: no error", u)
			continue
		}
		if w != nil && !errors.Is(err, w) {
			t.Errorf("%s: %v, want %v", u, err, w)
		}
		checkText(t, "error of "+u, e.feed(u).LastError)
	}
	if f := e.feed(good); f.LastError != "" || len(e.articles(f.ID)) != 1 {
		t.Errorf("the good feed suffered: %+v", f)
	}
}

// A slow-drip server (a byte every 50 ms, forever) is cut off at the
// request timeout with a typed error and does not hold up the good feed.
func TestSlowDrip(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	drip := e.handle("/drip", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml")
		for i := 0; r.Context().Err() == nil; i++ {
			w.Write([]byte(" "))
			w.(http.Flusher).Flush()
			time.Sleep(50 * time.Millisecond)
		}
	})
	good := e.serve("/good", "application/rss+xml", []byte(rssItems(rssItem("1", "fine", "https://site.example/1", "A fine story."))))
	start := time.Now()
	sum := e.refresh(drip, good)
	took := time.Since(start)
	if took > 8*time.Second {
		t.Errorf("refresh took %s with a 3 s timeout", took)
	}
	if len(sum.Errors) != 1 || !errors.Is(sum.Errors[0].Err, context.DeadlineExceeded) {
		t.Errorf("errors %v, want one timeout", sum.Errors)
	}
	if sum.OK != 1 {
		t.Errorf("good feed: %+v", sum)
	}
}

// Duplicate GUIDs: in one fetch the first item wins; the same GUID in two
// feeds is two articles (GUIDs are per feed); the GUID served again with a
// new body updates the stored article in place and keeps its star.
func TestDuplicateGUIDs(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ctx := context.Background()
	var body atomic.Value
	body.Store(rssItems(
		rssItem("same", "First wins", "https://site.example/a", "The first body of the story."),
		rssItem("same", "Second loses", "https://site.example/b", "The second body of another story."),
		rssItem("same", "Third loses", "https://site.example/c", "The third body."),
	))
	serve := func(w http.ResponseWriter, r *http.Request) { w.Write([]byte(body.Load().(string))) }
	a, b := e.handle("/a", serve), e.handle("/b", serve)
	e.refresh(a, b)
	for _, u := range []string{a, b} {
		arts := e.articles(e.feed(u).ID)
		if len(arts) != 1 || arts[0].Title != "First wins" {
			t.Fatalf("%s: %d articles, want the first item only: %+v", u, len(arts), arts)
		}
	}
	id := e.articles(e.feed(a).ID)[0].ID
	if err := e.st.SetStarred(ctx, id, true); err != nil {
		t.Fatal(err)
	}
	body.Store(rssItems(rssItem("same", "First wins, updated", "https://site.example/a", "The first body of the story, now with an update.")))
	if sum := e.refresh(a); sum.Updated != 1 || sum.New != 0 {
		t.Errorf("second fetch: %+v", sum)
	}
	arts := e.articles(e.feed(a).ID)
	if len(arts) != 1 || arts[0].ID != id || !arts[0].Starred || arts[0].Title != "First wins, updated" {
		t.Errorf("after the update: %+v", arts)
	}
}

// A feed that changes every GUID on every fetch. With the same links (or
// the same text) the store recognises the articles: no growth. With
// everything new each time (GUID, link and text) they are new articles:
// growth is bounded per fetch by feed.MaxItems, and sitrep has no retention
// limit, so the total grows with every fetch (documented in
// docs/reliability.md).
func TestChangingGUIDs(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	var run atomic.Int32
	const per = 40
	shifty := func(newLinks bool) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			n := run.Add(1)
			var items []string
			for i := range per {
				link := fmt.Sprintf("https://site.example/story/%d", i)
				text := fmt.Sprintf("Story %d: delegations met again in the capital, officials said.", i)
				if newLinks {
					link += fmt.Sprintf("?fetch=%d", n)
					text += fmt.Sprintf(" Fetch %d.", n)
				}
				items = append(items, rssItem(fmt.Sprintf("%d-%d-%d", n, i, time.Now().UnixNano()), fmt.Sprintf("Story %d", i), link, text))
			}
			w.Write([]byte(rssItems(items...)))
		}
	}
	same, fresh := e.handle("/same-links", shifty(false)), e.handle("/new-everything", shifty(true))
	const fetches = 4
	for range fetches {
		e.refresh(same, fresh)
	}
	if n := len(e.articles(e.feed(same).ID)); n != per {
		t.Errorf("new GUIDs, same links: %d articles after %d fetches, want %d", n, fetches, per)
	}
	n := len(e.articles(e.feed(fresh).ID))
	t.Logf("new GUIDs, links and text on every fetch: %d articles after %d fetches of %d items", n, fetches, per)
	if n > fetches*per || n < per {
		t.Errorf("everything new: %d articles, want at most %d", n, fetches*per)
	}
}

// Dates in the year 0, 1, 9999 and garbage, in RSS, Atom and JSON Feed:
// stored as a sane time (placeholders become the first-seen time, the far
// future is clamped), shown without error.
func TestExtremeDates(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	rss := rssItems(
		strings.Replace(rssItem("z", "zero", "https://d.example/z", "year zero story"), "Tue, 03 Mar 2026 10:00:00 GMT", "Sat, 01 Jan 0000 00:00:00 GMT", 1),
		strings.Replace(rssItem("f", "future", "https://d.example/f", "far future story"), "Tue, 03 Mar 2026 10:00:00 GMT", "Fri, 31 Dec 9999 23:59:59 GMT", 1),
		strings.Replace(rssItem("g", "garbage", "https://d.example/g", "garbage date story"), "Tue, 03 Mar 2026 10:00:00 GMT", "yesterday-ish 99:99", 1),
	)
	atom := `<feed xmlns="http://www.w3.org/2005/Atom"><title>a</title><id>x</id>
<entry><title>atom zero</title><id>1</id><link href="https://d.example/a1"/><published>0000-01-01T00:00:00Z</published><updated>0001-01-01T00:00:00Z</updated><content>atom zero story</content></entry>
<entry><title>atom future</title><id>2</id><link href="https://d.example/a2"/><updated>9999-12-31T23:59:59Z</updated><content>atom future story</content></entry></feed>`
	jsonf := `{"version":"https://jsonfeed.org/version/1.1","title":"j","items":[
{"id":"1","url":"https://d.example/j1","title":"json zero","content_text":"json zero story","date_published":"0000-01-01T00:00:00Z"},
{"id":"2","url":"https://d.example/j2","title":"json future","content_text":"json future story","date_published":"9999-12-31T23:59:59+14:00"}]}`
	urls := []string{e.serve("/d.rss", "application/rss+xml", []byte(rss)), e.serve("/d.atom", "application/atom+xml", []byte(atom)), e.serve("/d.json", "application/feed+json", []byte(jsonf))}
	if sum := e.refresh(urls...); sum.Failed != 0 {
		t.Fatalf("%+v", sum.Errors)
	}
	n := 0
	for _, u := range urls {
		for _, a := range e.articles(e.feed(u).ID) {
			n++
			if a.Published.Year() < 1990 || a.Published.After(time.Now().Add(49*time.Hour)) {
				t.Errorf("%s: stored date %v", a.Title, a.Published)
			}
		}
	}
	if n != 7 {
		t.Errorf("%d articles stored, want 7", n)
	}
	readEverything(t, e.st, n)
}

// javascript: (any case, entity-encoded, with whitespace), data: and
// relative links resolved against a javascript: base never become a stored
// link or a link in the reader's Markdown.
func TestJavascriptLinks(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	body := `<feed xmlns="http://www.w3.org/2005/Atom" xml:base="javascript:alert(1)//"><title>t</title><id>x</id>
<entry><title>rel</title><id>1</id><link href="relative/a"/><content type="html">&lt;a href="rel"&gt;rel&lt;/a&gt; &lt;a href="&amp;#106;avascript:alert(2)"&gt;ent&lt;/a&gt; &lt;a href=" JaVaScRiPt:alert(3)"&gt;case&lt;/a&gt; &lt;img src="data:text/html,x"&gt;</content></entry>
<entry><title>case</title><id>2</id><link href="JaVaScRiPt:alert(4)"/><content>plain</content></entry>
<entry><title>tab</title><id>3</id><link href="java&#9;script:alert(5)"/><content>plain</content></entry>
<entry><title>data</title><id>4</id><link href="data:text/html;base64,PHNjcmlwdD4="/><content>plain</content></entry></feed>`
	u := e.serve("/js.atom", "application/atom+xml", []byte(body))
	if sum := e.refresh(u); sum.Failed != 0 {
		t.Fatalf("%+v", sum.Errors)
	}
	arts := e.articles(e.feed(u).ID)
	if len(arts) != 4 {
		t.Errorf("%d articles, want 4", len(arts))
	}
	for _, a := range arts {
		checkStored(t, a) // also: the link is http(s) or empty
		low := strings.ToLower(a.Markdown + a.Text)
		for _, bad := range []string{"javascript:", "java	script", "data:"} {
			if strings.Contains(low, bad) {
				t.Errorf("%s: %q reached the Markdown/text: %q", a.Title, bad, clip(a.Markdown))
			}
		}
	}
	screens := strings.ToLower(readEverything(t, e.st, len(arts)))
	if strings.Contains(screens, "javascript:") {
		t.Error("javascript: reached the reader")
	}
}
