package feed

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"net/http"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/sitrep-news/sitrep/store"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/encoding/unicode/utf32"
)

// Hostile inputs (issue 9, "bad input"): each gets a typed error or safe,
// cleaned content; nothing panics or hangs; heap stays under 256 MB.

const heapBound = 256 << 20

// peakHeap runs f while sampling the live heap and returns the peak.
func peakHeap(t *testing.T, f func()) uint64 {
	t.Helper()
	runtime.GC()
	var peak atomic.Uint64
	stop := make(chan struct{})
	done := make(chan struct{})
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

func parseWithin(t *testing.T, body []byte, limit time.Duration) (*Parsed, error) {
	t.Helper()
	type res struct {
		p   *Parsed
		err error
	}
	ch := make(chan res, 1)
	go func() {
		p, err := Parse(body, "", "https://hostile.example/feed")
		ch <- res{p, err}
	}()
	select {
	case r := <-ch:
		return r.p, r.err
	case <-time.After(limit):
		t.Fatalf("Parse did not return within %s", limit)
		return nil, nil
	}
}

func TestHostileEntities(t *testing.T) {
	laughs := `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">` +
		`<!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">` +
		`<!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">` +
		`<!ENTITY lol9 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>` +
		`<rss version="2.0"><channel><title>&lol9;</title><item><title>a &lol9; b</title><guid>1</guid></item></channel></rss>`
	p, err := parseWithin(t, []byte(laughs), 2*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Feed.Title) > 100 || strings.Contains(p.Feed.Items[0].Title, "lollol") {
		t.Errorf("entities were expanded: title %q", p.Feed.Title)
	}

	xxe := `<?xml version="1.0"?><!DOCTYPE r [<!ENTITY xxe SYSTEM "file:///etc/passwd"><!ENTITY % p SYSTEM "http://127.0.0.1:1/x.dtd">%p;]>` +
		`<rss version="2.0"><channel><title>x&xxe;</title><item><title>&xxe;</title><guid>1</guid></item></channel></rss>`
	p, err = parseWithin(t, []byte(xxe), 2*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(p.Feed.Title, "root:") || strings.Contains(p.Feed.Items[0].Title, "root:") {
		t.Errorf("external entity was resolved: %q", p.Feed.Items[0].Title)
	}
}

func TestHostileNesting(t *testing.T) {
	deep := []byte(`<rss version="2.0"><channel><item><title>x</title><description>` + strings.Repeat("<div>", 1_000_000) + "x" + strings.Repeat("</div>", 1_000_000) + `</description></item></channel></rss>`)
	var err error
	peak := peakHeap(t, func() { _, err = parseWithin(t, deep, 5*time.Second) })
	var pe *ParseError
	if !errors.As(err, &pe) || !strings.Contains(err.Error(), "nested deeper") {
		t.Errorf("a million nested elements: err = %v, want a ParseError about nesting", err)
	}
	if peak > heapBound {
		t.Errorf("peak heap %d MB", peak>>20)
	}
}

func TestHostileManyItemsAndHugeTitle(t *testing.T) {
	count := 100_000
	if raceEnabled {
		count = 10_000
	}
	var b bytes.Buffer
	b.WriteString(`<rss version="2.0"><channel><title>many</title>`)
	for i := range count {
		fmt.Fprintf(&b, "<item><title>t%d</title><link>https://x.example/%d</link><guid>%d</guid></item>", i, i, i)
	}
	b.WriteString(`</channel></rss>`)
	var items []store.Item
	peak := peakHeap(t, func() {
		p, err := parseWithin(t, b.Bytes(), 20*time.Second)
		if err != nil {
			t.Fatal(err)
		}
		if len(p.Feed.Items) != count {
			t.Errorf("parsed %d items", len(p.Feed.Items))
		}
		items = Items(p, mustCleaner(t))
	})
	if len(items) != MaxItems {
		t.Errorf("kept %d items, want the cap %d", len(items), MaxItems)
	}
	t.Logf("%d items: peak heap %d MB", count, peak>>20)
	if peak > heapBound {
		t.Errorf("%d items: peak heap %d MB, bound %d MB", count, peak>>20, heapBound>>20)
	}

	// A title just under the body cap (a 50 MB one is refused by the fetcher).
	titleLen := DefaultMaxBody - 200
	if raceEnabled {
		titleLen = 3 << 20
	}
	huge := []byte(`<rss version="2.0"><channel><title>big</title><item><guid>1</guid><title>` +
		strings.Repeat("A", titleLen) + `</title></item></channel></rss>`)
	peak = peakHeap(t, func() {
		p, err := parseWithin(t, huge, 20*time.Second)
		if err != nil {
			t.Fatal(err)
		}
		items = Items(p, mustCleaner(t))
	})
	if len(items) != 1 || len(items[0].Title) > maxTitleLen*4 {
		t.Errorf("huge title kept at %d bytes", len(items[0].Title))
	}
	t.Logf("15 MB title: peak heap %d MB", peak>>20)
	if peak > heapBound {
		t.Errorf("15 MB title: peak heap %d MB", peak>>20)
	}
}

func TestHostileEncodings(t *testing.T) {
	doc := `<?xml version="1.0" encoding="%s"?><rss version="2.0"><channel><title>Кризис</title><item><guid>1</guid><title>Переговоры</title></item></channel></rss>`
	encode := func(e encoding.Encoding, s string) []byte {
		b, err := e.NewEncoder().Bytes([]byte(s))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	u16 := func(s string, bigEndian, bom bool) []byte {
		end, pol := unicode.LittleEndian, unicode.IgnoreBOM
		if bigEndian {
			end = unicode.BigEndian
		}
		if bom {
			pol = unicode.UseBOM
		}
		return encode(unicode.UTF16(end, pol), s)
	}
	u32 := func(s string, bigEndian, bom bool) []byte {
		end, pol := utf32.LittleEndian, utf32.IgnoreBOM
		if bigEndian {
			end = utf32.BigEndian
		}
		if bom {
			pol = utf32.UseBOM
		}
		return encode(utf32.UTF32(end, pol), s)
	}
	cases := map[string][]byte{
		"utf-16le bom":          u16(fmt.Sprintf(doc, "utf-16"), false, true),
		"utf-16be bom":          u16(fmt.Sprintf(doc, "utf-16"), true, true),
		"utf-16le nobom":        u16(fmt.Sprintf(doc, "utf-16"), false, false),
		"utf-16be nobom":        u16(fmt.Sprintf(doc, "utf-16"), true, false),
		"utf-32le bom":          u32(fmt.Sprintf(doc, "utf-32"), false, true),
		"utf-32be bom":          u32(fmt.Sprintf(doc, "utf-32"), true, true),
		"utf-32le nobom":        u32(fmt.Sprintf(doc, "utf-32"), false, false),
		"utf-32be nobom":        u32(fmt.Sprintf(doc, "utf-32"), true, false),
		"utf-16 labelled utf-8": u16(fmt.Sprintf(doc, "utf-8"), false, false),
		"nul bytes":             []byte(strings.ReplaceAll(fmt.Sprintf(doc, "utf-8"), "Пере", "\x00Пере\x00")),
		"invalid utf-8":         []byte(strings.ReplaceAll(fmt.Sprintf(doc, "utf-8"), "Пере", "\xff\xfe\xc3Пере")),
	}
	for name, body := range cases {
		p, err := parseWithin(t, body, 2*time.Second)
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		items := Items(p, mustCleaner(t))
		if len(items) != 1 || !strings.Contains(items[0].Title, "реговоры") || strings.ContainsRune(items[0].Title, 0) {
			t.Errorf("%s: items %+v (encoding %s)", name, items, p.Encoding)
		}
	}
}

func TestHostileServers(t *testing.T) {
	st := openStore(t)
	fs := newFeedServer(t)
	fs.set("/good", rssFeed(2, "g"))
	var bomb bytes.Buffer
	zw := gzip.NewWriter(&bomb)
	zw.Write(bytes.Repeat([]byte("A"), 4<<20)) // 4 MiB > the 1 MiB cap set below (15 MiB in real use)
	zw.Close()
	fs.handle("/bomb", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Encoding", "gzip")
		w.Write(bomb.Bytes())
	})
	fs.handle("/drip", func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte("<rss>"))
		for i := 0; i < 200; i++ {
			select {
			case <-r.Context().Done():
				return
			case <-time.After(20 * time.Millisecond):
				w.Write([]byte("<!-- -->"))
				w.(http.Flusher).Flush()
			}
		}
	})
	fs.handle("/loop", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/loop2", http.StatusFound) })
	fs.handle("/loop2", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/loop", http.StatusFound) })
	fs.handle("/file", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Location", "file:///etc/passwd")
		w.WriteHeader(http.StatusMovedPermanently)
	})
	fs.handle("/ftp", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Location", "ftp://hostile.example/feed")
		w.WriteHeader(http.StatusFound)
	})
	want := map[string]string{"/bomb": "too large", "/drip": "timed out", "/loop": "too many redirects", "/file": "only http and https", "/ftp": "only http and https"}
	urls := []string{fs.URL + "/good"}
	for p := range want {
		urls = append(urls, fs.URL+p)
	}
	feeds := syncFeeds(t, st, urls...)
	e := newEngine(t, st, Options{})
	e.client.timeout = 2 * time.Second
	e.client.maxBody = 1 << 20
	start := time.Now()
	sum := e.Refresh(context.Background(), feeds, nil)
	if time.Since(start) > 10*time.Second {
		t.Errorf("refresh took %s", time.Since(start))
	}
	if sum.OK != 1 || sum.Failed != len(want) {
		t.Errorf("summary %+v", sum)
	}
	for p, msg := range want {
		f := feedByURL(t, st, fs.URL+p)
		if !strings.Contains(f.LastError, msg) {
			t.Errorf("%s: last error %q, want %q", p, f.LastError, msg)
		}
	}
	if g := feedByURL(t, st, fs.URL+"/good"); g.Total != 2 {
		t.Errorf("the good feed must not suffer: %+v", g)
	}
}

func TestHostileGUIDs(t *testing.T) {
	st := openStore(t)
	fs := newFeedServer(t)
	var n atomic.Int32
	// Every fetch invents new GUIDs for the same stories.
	fs.handle("/shifty", func(w http.ResponseWriter, r *http.Request) {
		run := n.Add(1)
		var b strings.Builder
		b.WriteString(`<rss version="2.0"><channel><title>shifty</title>`)
		for i := range 5 {
			fmt.Fprintf(&b, `<item><title>Story %d</title><link>https://shifty.example/story/%d</link><guid isPermaLink="false">%d-%d-%d</guid><description>Story %d happened today in the capital, officials said.</description></item>`, i, i, run, i, time.Now().UnixNano(), i)
		}
		b.WriteString(`</channel></rss>`)
		w.Write([]byte(b.String()))
	})
	feeds := syncFeeds(t, st, fs.URL+"/shifty")
	e := newEngine(t, st, Options{Feeds: map[string]FeedOptions{fs.URL + "/shifty": {FullText: FullTextNever}}})
	if sum := e.Refresh(context.Background(), feeds, nil); sum.New != 5 {
		t.Fatalf("first fetch: %+v", sum)
	}
	feeds, _ = st.Feeds(context.Background())
	sum := e.Refresh(context.Background(), feeds, nil)
	if sum.Failed != 0 {
		t.Fatalf("second fetch: %+v", sum)
	}
	if f := feedByURL(t, st, fs.URL+"/shifty"); f.Total != 5 || sum.New != 0 {
		t.Errorf("changing GUIDs: %d new on the second fetch, %d articles stored; want 0 and 5", sum.New, f.Total)
	}
}

func TestHostileFarFutureAndYearZeroDates(t *testing.T) {
	st := openStore(t)
	fs := newFeedServer(t)
	fs.set("/dates", `<rss version="2.0"><channel><title>d</title>
<item><title>zero</title><guid>z</guid><link>https://d.example/z</link><pubDate>Sat, 01 Jan 0000 00:00:00 GMT</pubDate><description>year zero story</description></item>
<item><title>future</title><guid>f</guid><link>https://d.example/f</link><pubDate>Fri, 31 Dec 9999 23:59:59 GMT</pubDate><description>far future story</description></item>
</channel></rss>`)
	feeds := syncFeeds(t, st, fs.URL+"/dates")
	sum := newEngine(t, st, Options{}).Refresh(context.Background(), feeds, nil)
	if sum.New != 2 {
		t.Fatalf("summary %+v", sum)
	}
	rows, _ := st.List(context.Background(), store.Query{FeedID: feeds[0].ID})
	for _, r := range rows {
		if r.Published.Year() < 1990 || r.Published.After(time.Now().Add(49*time.Hour)) {
			t.Errorf("%s: stored date %v", r.Title, r.Published)
		}
	}
}

func TestHostileJavascriptBases(t *testing.T) {
	body := `<feed xmlns="http://www.w3.org/2005/Atom" xml:base="javascript:alert(1)//"><title>t</title>
<entry xml:base="javascript:alert(2)//"><title>a</title><id>1</id><link href="relative/a"/><content type="html">&lt;a href="rel"&gt;x&lt;/a&gt;</content></entry>
<entry><title>b</title><id>2</id><link href="JaVaScRiPt:alert(3)"/></entry>
<entry><title>c</title><id>3</id><link href="  /ok "/></entry></feed>`
	for _, base := range []string{"", "javascript:alert(4)", "https://safe.example/feed"} {
		p, err := Parse([]byte(body), "", base)
		if err != nil {
			t.Fatal(err)
		}
		for _, it := range Items(p, mustCleaner(t)) {
			if it.URL != "" && !strings.HasPrefix(it.URL, "https://") {
				t.Errorf("base %q: item %q kept link %q", base, it.Title, it.URL)
			}
			if strings.Contains(strings.ToLower(it.Markdown), "javascript:") {
				t.Errorf("base %q: javascript: reached the Markdown: %q", base, it.Markdown)
			}
		}
	}
}
