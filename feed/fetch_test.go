package feed

import (
	"bytes"
	"compress/flate"
	"compress/gzip"
	"compress/zlib"
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

const tinyRSS = `<?xml version="1.0"?><rss version="2.0"><channel><title>T</title><link>https://example.org/</link>
<item><title>One</title><link>https://example.org/1</link><guid>1</guid><description>first</description></item>
</channel></rss>`

func newTestClient(o ClientOptions) *Client {
	if o.Timeout == 0 {
		o.Timeout = 5 * time.Second
	}
	return NewClient(o)
}

func TestFetchConditionalGET(t *testing.T) {
	var gotUA, gotINM, gotIMS string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		gotUA, gotINM, gotIMS = r.UserAgent(), r.Header.Get("If-None-Match"), r.Header.Get("If-Modified-Since")
		if r.Header.Get("If-None-Match") == `"v1"` {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("ETag", `"v1"`)
		w.Header().Set("Last-Modified", "Mon, 02 Jan 2006 15:04:05 GMT")
		w.Header().Set("Cache-Control", "public, max-age=600")
		w.Write([]byte(tinyRSS))
	}))
	defer srv.Close()
	c := newTestClient(ClientOptions{})
	resp, err := c.Fetch(context.Background(), Request{URL: srv.URL})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(gotUA, "sitrep/") {
		t.Errorf("User-Agent = %q, want sitrep/...", gotUA)
	}
	if resp.ETag != `"v1"` || resp.LastModified == "" || resp.MaxAge != 10*time.Minute || len(resp.Body) == 0 {
		t.Errorf("first fetch: %+v", resp)
	}
	resp, err = c.Fetch(context.Background(), Request{URL: srv.URL, ETag: resp.ETag, LastModified: resp.LastModified})
	if err != nil {
		t.Fatal(err)
	}
	if !resp.NotModified || len(resp.Body) != 0 {
		t.Errorf("second fetch should be 304 without body: %+v", resp)
	}
	if gotINM != `"v1"` || gotIMS == "" {
		t.Errorf("validators not sent: If-None-Match %q If-Modified-Since %q", gotINM, gotIMS)
	}
}

func TestFetchRedirects(t *testing.T) {
	mux := http.NewServeMux()
	mux.HandleFunc("/feed", func(w http.ResponseWriter, r *http.Request) { w.Write([]byte(tinyRSS)) })
	mux.HandleFunc("/moved", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/feed", http.StatusMovedPermanently)
	})
	mux.HandleFunc("/moved308", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/moved", http.StatusPermanentRedirect)
	})
	mux.HandleFunc("/temp", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/feed", http.StatusFound) })
	mux.HandleFunc("/mixed", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/temp", http.StatusMovedPermanently)
	})
	mux.HandleFunc("/loop", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/loop", http.StatusFound) })
	mux.HandleFunc("/file", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Location", "file:///etc/passwd")
		w.WriteHeader(http.StatusFound)
	})
	mux.HandleFunc("/gopher", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Location", "gopher://example.org/")
		w.WriteHeader(http.StatusMovedPermanently)
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()
	c := newTestClient(ClientOptions{})
	ctx := context.Background()

	for path, want := range map[string]string{"/moved": srv.URL + "/feed", "/moved308": srv.URL + "/feed", "/temp": "", "/mixed": ""} {
		resp, err := c.Fetch(ctx, Request{URL: srv.URL + path})
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		if resp.NewURL != want {
			t.Errorf("%s: NewURL = %q, want %q", path, resp.NewURL, want)
		}
	}
	if _, err := c.Fetch(ctx, Request{URL: srv.URL + "/loop"}); !errors.Is(err, ErrTooManyRedirects) {
		t.Errorf("loop: err = %v, want ErrTooManyRedirects", err)
	}
	for _, p := range []string{"/file", "/gopher"} {
		if _, err := c.Fetch(ctx, Request{URL: srv.URL + p}); !errors.Is(err, ErrScheme) {
			t.Errorf("%s: err = %v, want ErrScheme", p, err)
		}
	}
	for _, u := range []string{"file:///etc/passwd", "javascript:alert(1)", "ftp://x/", "/relative"} {
		if _, err := c.Fetch(ctx, Request{URL: u}); err == nil {
			t.Errorf("%s: fetched, want an error", u)
		}
	}
}

func TestFetchStatuses(t *testing.T) {
	date := time.Now().Add(2 * time.Hour).UTC().Format(http.TimeFormat)
	mux := http.NewServeMux()
	mux.HandleFunc("/gone", func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusGone) })
	mux.HandleFunc("/429", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Retry-After", "120")
		w.WriteHeader(http.StatusTooManyRequests)
	})
	mux.HandleFunc("/503", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Retry-After", date)
		w.WriteHeader(http.StatusServiceUnavailable)
	})
	mux.HandleFunc("/500", func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(500) })
	srv := httptest.NewServer(mux)
	defer srv.Close()
	c := newTestClient(ClientOptions{})
	ctx := context.Background()

	_, err := c.Fetch(ctx, Request{URL: srv.URL + "/gone"})
	if !IsGone(err) || !strings.Contains(err.Error(), "410") {
		t.Errorf("410: err = %v", err)
	}
	var he *HTTPError
	_, err = c.Fetch(ctx, Request{URL: srv.URL + "/429"})
	if !errors.As(err, &he) || he.Status != 429 || he.RetryAfter != 120*time.Second {
		t.Errorf("429: err = %#v", err)
	}
	_, err = c.Fetch(ctx, Request{URL: srv.URL + "/503"})
	if !errors.As(err, &he) || he.Status != 503 || he.RetryAfter < 110*time.Minute || he.RetryAfter > 2*time.Hour {
		t.Errorf("503 with HTTP-date: err = %#v", err)
	}
	_, err = c.Fetch(ctx, Request{URL: srv.URL + "/500"})
	if !errors.As(err, &he) || he.Status != 500 || IsGone(err) {
		t.Errorf("500: err = %v", err)
	}
}

func TestFetchCompressionAndLimits(t *testing.T) {
	gz := func(b []byte) []byte {
		var buf bytes.Buffer
		w := gzip.NewWriter(&buf)
		w.Write(b)
		w.Close()
		return buf.Bytes()
	}
	zl := func(b []byte) []byte {
		var buf bytes.Buffer
		w := zlib.NewWriter(&buf)
		w.Write(b)
		w.Close()
		return buf.Bytes()
	}
	bomb := gz(bytes.Repeat([]byte{' '}, 8<<20)) // 8 MiB of spaces in ~8 KiB, limit 1 MiB
	mux := http.NewServeMux()
	serve := func(enc string, body []byte) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			if enc != "" {
				w.Header().Set("Content-Encoding", enc)
			}
			w.Write(body)
		}
	}
	mux.Handle("/gzip", serve("gzip", gz([]byte(tinyRSS))))
	mux.Handle("/deflate", serve("deflate", zl([]byte(tinyRSS))))
	raw := func(b []byte) []byte { // raw deflate, as some servers send for "deflate"
		var buf bytes.Buffer
		w, _ := flate.NewWriter(&buf, flate.DefaultCompression)
		w.Write(b)
		w.Close()
		return buf.Bytes()
	}
	mux.Handle("/raw-deflate", serve("deflate", raw([]byte(tinyRSS))))
	mux.Handle("/bad-gzip", serve("gzip", []byte(tinyRSS)))
	mux.Handle("/br", serve("br", []byte(tinyRSS)))
	mux.Handle("/bomb", serve("gzip", bomb))
	mux.Handle("/big", serve("", bytes.Repeat([]byte("x"), 2<<20)))
	srv := httptest.NewServer(mux)
	defer srv.Close()
	c := newTestClient(ClientOptions{MaxBody: 1 << 20})
	ctx := context.Background()
	for _, p := range []string{"/gzip", "/deflate", "/raw-deflate"} {
		resp, err := c.Fetch(ctx, Request{URL: srv.URL + p})
		if err != nil || string(resp.Body) != tinyRSS {
			t.Errorf("%s: err %v, body %q", p, err, resp.Body)
		}
	}
	for _, p := range []string{"/bomb", "/big"} {
		if _, err := c.Fetch(ctx, Request{URL: srv.URL + p}); !errors.Is(err, ErrTooLarge) {
			t.Errorf("%s: err = %v, want ErrTooLarge", p, err)
		}
	}
	for p, want := range map[string]string{"/bad-gzip": "bad gzip body", "/br": `unsupported Content-Encoding "br"`} {
		if _, err := c.Fetch(ctx, Request{URL: srv.URL + p}); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: err = %v, want %q", p, err, want)
		}
	}
}

func TestFetchSlowDripTimesOut(t *testing.T) {
	release := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte("<rss>"))
		for {
			select {
			case <-release:
				return
			case <-r.Context().Done():
				return
			case <-time.After(50 * time.Millisecond):
				w.Write([]byte(" "))
				w.(http.Flusher).Flush()
			}
		}
	}))
	defer srv.Close()
	defer close(release)
	c := newTestClient(ClientOptions{Timeout: 300 * time.Millisecond})
	start := time.Now()
	_, err := c.Fetch(context.Background(), Request{URL: srv.URL})
	if !errors.Is(err, context.DeadlineExceeded) || !strings.Contains(err.Error(), "timed out") {
		t.Errorf("slow drip: err = %v, want a timeout", err)
	}
	if d := time.Since(start); d > 3*time.Second {
		t.Errorf("slow drip took %s, the total timeout is 300ms", d)
	}
}

func TestFetchPerHostAndGlobalLimits(t *testing.T) {
	var inFlight, peak atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n := inFlight.Add(1)
		for {
			p := peak.Load()
			if n <= p || peak.CompareAndSwap(p, n) {
				break
			}
		}
		time.Sleep(30 * time.Millisecond)
		inFlight.Add(-1)
		w.Write([]byte(tinyRSS))
	}))
	defer srv.Close()
	c := newTestClient(ClientOptions{Concurrency: 16, PerHost: 2})
	done := make(chan struct{})
	for range 8 {
		go func() {
			c.Fetch(context.Background(), Request{URL: srv.URL})
			done <- struct{}{}
		}()
	}
	for range 8 {
		<-done
	}
	if p := peak.Load(); p > 2 {
		t.Errorf("per-host limit 2, saw %d requests in flight", p)
	}
	peak.Store(0)
	c = newTestClient(ClientOptions{Concurrency: 1, PerHost: 4})
	for range 4 {
		go func() {
			c.Fetch(context.Background(), Request{URL: srv.URL})
			done <- struct{}{}
		}()
	}
	for range 4 {
		<-done
	}
	if p := peak.Load(); p > 1 {
		t.Errorf("global limit 1, saw %d requests in flight", p)
	}
}

func TestRetryAfterAndMaxAge(t *testing.T) {
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	for in, want := range map[string]time.Duration{
		"": 0, "30": 30 * time.Second, "-5": 0, "soon": 0,
		now.Add(time.Hour).Format(http.TimeFormat):  time.Hour,
		now.Add(-time.Hour).Format(http.TimeFormat): 0,
	} {
		if got := retryAfter(in, now); got != want {
			t.Errorf("retryAfter(%q) = %s, want %s", in, got, want)
		}
	}
	for in, want := range map[string]time.Duration{
		"max-age=60": time.Minute, "public, max-age=\"120\"": 2 * time.Minute, "no-cache": 0, "max-age=abc": 0, "max-age=0": 0,
	} {
		if got := maxAge(in); got != want {
			t.Errorf("maxAge(%q) = %s, want %s", in, got, want)
		}
	}
}

func TestBackoff(t *testing.T) {
	want := []time.Duration{0, 0, 5 * time.Minute, 10 * time.Minute, 20 * time.Minute}
	for n, w := range want {
		if got := Backoff(n); got != w {
			t.Errorf("Backoff(%d) = %s, want %s", n, got, w)
		}
	}
	if got := Backoff(100); got != 24*time.Hour {
		t.Errorf("Backoff(100) = %s, want the 24h cap", got)
	}
}
