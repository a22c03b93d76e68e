package feed

import (
	"bufio"
	"compress/flate"
	"compress/gzip"
	"compress/zlib"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/sitrep-news/sitrep/internal/version"
)

// Defaults for ClientOptions fields left zero.
const (
	DefaultConcurrency    = 16
	DefaultPerHost        = 2
	DefaultTimeout        = 30 * time.Second
	DefaultConnectTimeout = 10 * time.Second
	DefaultMaxBody        = 15 << 20
	MaxRedirects          = 10
)

// ClientOptions tunes a Client. Zero values take the defaults above.
type ClientOptions struct {
	Concurrency    int           // requests in flight overall
	PerHost        int           // requests in flight per host
	Timeout        time.Duration // total per request, body included (bounds a slow drip)
	ConnectTimeout time.Duration
	MaxBody        int64             // bytes after decompression
	UserAgent      string            // default version.UserAgent()
	Transport      http.RoundTripper // tests and benchmarks; default: a tuned http.Transport
}

// Client is the HTTP client every feed and page request goes through, so the
// global and per-host limits hold for both. Safe for concurrent use.
type Client struct {
	hc      *http.Client
	global  chan struct{}
	perHost int
	timeout time.Duration
	maxBody int64
	ua      string

	mu    sync.Mutex
	hosts map[string]chan struct{}
}

// NewClient returns a Client with o's settings.
func NewClient(o ClientOptions) *Client {
	if o.Concurrency <= 0 {
		o.Concurrency = DefaultConcurrency
	}
	if o.PerHost <= 0 {
		o.PerHost = DefaultPerHost
	}
	if o.Timeout <= 0 {
		o.Timeout = DefaultTimeout
	}
	if o.ConnectTimeout <= 0 {
		o.ConnectTimeout = DefaultConnectTimeout
	}
	if o.MaxBody <= 0 {
		o.MaxBody = DefaultMaxBody
	}
	if o.UserAgent == "" {
		o.UserAgent = version.UserAgent()
	}
	rt := o.Transport
	if rt == nil {
		d := &net.Dialer{Timeout: o.ConnectTimeout, KeepAlive: 30 * time.Second}
		rt = &http.Transport{
			Proxy:                 http.ProxyFromEnvironment,
			DialContext:           d.DialContext,
			TLSHandshakeTimeout:   o.ConnectTimeout,
			MaxIdleConns:          o.Concurrency * 4,
			MaxIdleConnsPerHost:   o.PerHost,
			IdleConnTimeout:       90 * time.Second,
			ExpectContinueTimeout: time.Second,
			ForceAttemptHTTP2:     true,
		}
	}
	c := &Client{
		global:  make(chan struct{}, o.Concurrency),
		perHost: o.PerHost,
		timeout: o.Timeout,
		maxBody: o.MaxBody,
		ua:      o.UserAgent,
		hosts:   map[string]chan struct{}{},
	}
	c.hc = &http.Client{Transport: rt, CheckRedirect: checkRedirect}
	return c
}

// Request is one conditional GET.
type Request struct {
	URL          string
	ETag         string // sent as If-None-Match
	LastModified string // sent as If-Modified-Since
	Accept       string // default: feed types
}

// Response is what a fetch returned.
type Response struct {
	URL             string // final URL after redirects
	NewURL          string // set when every redirect was permanent (301/308)
	Status          int
	NotModified     bool
	Body            []byte
	ContentType     string
	ContentLocation string // absolute, resolved against URL
	ETag            string
	LastModified    string
	MaxAge          time.Duration // Cache-Control max-age; 0 when absent
	Header          http.Header
}

type redirectChain struct {
	permanent bool
	hops      int
}

type chainKey struct{}

func checkRedirect(req *http.Request, via []*http.Request) error {
	if len(via) > MaxRedirects {
		return fmt.Errorf("%w (more than %d)", ErrTooManyRedirects, MaxRedirects)
	}
	if s := req.URL.Scheme; s != "http" && s != "https" {
		return fmt.Errorf("%w: redirect to %s:", ErrScheme, s)
	}
	if ch, ok := req.Context().Value(chainKey{}).(*redirectChain); ok {
		ch.hops++
		if r := req.Response; r == nil || (r.StatusCode != http.StatusMovedPermanently && r.StatusCode != http.StatusPermanentRedirect) {
			ch.permanent = false
		}
	}
	return nil
}

// CheckURL reports whether raw is an absolute http or https URL.
func CheckURL(raw string) error {
	u, err := url.Parse(raw)
	if err != nil {
		return fmt.Errorf("bad URL %q: %w", raw, err)
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return ErrScheme
	}
	if u.Host == "" {
		return fmt.Errorf("bad URL %q: no host", raw)
	}
	return nil
}

func (c *Client) hostSem(host string) chan struct{} {
	c.mu.Lock()
	defer c.mu.Unlock()
	s, ok := c.hosts[host]
	if !ok {
		s = make(chan struct{}, c.perHost)
		c.hosts[host] = s
	}
	return s
}

func acquire(ctx context.Context, s chan struct{}) error {
	select {
	case s <- struct{}{}:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// Fetch performs one GET within the limits. Non-2xx statuses other than 304
// come back as *HTTPError; the Response is still returned for 429/503/410 so
// callers can read headers.
func (c *Client) Fetch(ctx context.Context, r Request) (*Response, error) {
	return c.Do(ctx, r, nil)
}

// Do is Fetch that also runs handle on a successful 200 response while the
// request's host and global slots are still held. The refresh engine parses
// there, so no more than Concurrency bodies are ever held in memory however
// far fetching outruns parsing. handle must not fetch through c (the slots
// it would need may all be held); its error is returned as Do's.
func (c *Client) Do(ctx context.Context, r Request, handle func(*Response) error) (*Response, error) {
	if err := CheckURL(r.URL); err != nil {
		return nil, err
	}
	u, _ := url.Parse(r.URL)
	hs := c.hostSem(strings.ToLower(u.Host))
	// Wait for the host slot first so a queue on one slow host never holds
	// global slots the other hosts could use.
	if err := acquire(ctx, hs); err != nil {
		return nil, err
	}
	defer func() { <-hs }()
	if err := acquire(ctx, c.global); err != nil {
		return nil, err
	}
	defer func() { <-c.global }()

	ctx, cancel := context.WithTimeout(ctx, c.timeout)
	defer cancel()
	chain := &redirectChain{permanent: true}
	req, err := http.NewRequestWithContext(context.WithValue(ctx, chainKey{}, chain), http.MethodGet, r.URL, nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("User-Agent", c.ua)
	req.Header.Set("Accept-Encoding", "gzip, deflate")
	accept := r.Accept
	if accept == "" {
		accept = "application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, text/xml;q=0.9, application/json;q=0.8, */*;q=0.5"
	}
	req.Header.Set("Accept", accept)
	if r.ETag != "" {
		req.Header.Set("If-None-Match", r.ETag)
	}
	if r.LastModified != "" {
		req.Header.Set("If-Modified-Since", r.LastModified)
	}
	resp, err := c.hc.Do(req)
	if err != nil {
		return nil, c.explain(ctx, err)
	}
	defer resp.Body.Close()

	out := &Response{
		URL:          resp.Request.URL.String(),
		Status:       resp.StatusCode,
		ContentType:  resp.Header.Get("Content-Type"),
		ETag:         resp.Header.Get("ETag"),
		LastModified: resp.Header.Get("Last-Modified"),
		MaxAge:       maxAge(resp.Header.Get("Cache-Control")),
		Header:       resp.Header,
	}
	if chain.hops > 0 && chain.permanent {
		out.NewURL = out.URL
	}
	if cl := resp.Header.Get("Content-Location"); cl != "" {
		if ref, err := resp.Request.URL.Parse(cl); err == nil && (ref.Scheme == "http" || ref.Scheme == "https") {
			out.ContentLocation = ref.String()
		}
	}
	switch {
	case resp.StatusCode == http.StatusNotModified:
		out.NotModified = true
		return out, nil
	case resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode == http.StatusServiceUnavailable:
		return out, &HTTPError{Status: resp.StatusCode, RetryAfter: retryAfter(resp.Header.Get("Retry-After"), time.Now())}
	case resp.StatusCode < 200 || resp.StatusCode > 299:
		return out, &HTTPError{Status: resp.StatusCode}
	}
	body, err := c.readBody(resp)
	if err != nil {
		return out, c.explain(ctx, err)
	}
	out.Body = body
	if handle != nil {
		return out, handle(out)
	}
	return out, nil
}

// explain turns a context deadline into a message naming the limit.
func (c *Client) explain(ctx context.Context, err error) error {
	if errors.Is(ctx.Err(), context.DeadlineExceeded) || errors.Is(err, context.DeadlineExceeded) {
		return fmt.Errorf("timed out after %s: %w", c.timeout, context.DeadlineExceeded)
	}
	var ue *url.Error
	if errors.As(err, &ue) && ue.Err != nil {
		// "Get \"http://x\": ..." repeats the URL every caller already names.
		return ue.Err
	}
	return err
}

// readBody decompresses (we asked for gzip/deflate ourselves so the
// transport leaves it to us) and enforces the size limit after decompression.
func (c *Client) readBody(resp *http.Response) ([]byte, error) {
	var r io.Reader = resp.Body
	switch strings.ToLower(strings.TrimSpace(resp.Header.Get("Content-Encoding"))) {
	case "", "identity":
	case "gzip", "x-gzip":
		zr, err := gzip.NewReader(resp.Body)
		if err != nil {
			return nil, fmt.Errorf("bad gzip body: %w", err)
		}
		defer zr.Close()
		r = zr
	case "deflate":
		// "deflate" is zlib-wrapped by the spec, raw deflate by some servers.
		br := bufio.NewReader(resp.Body)
		hdr, _ := br.Peek(2)
		if len(hdr) == 2 && hdr[0]&0x0f == 8 && (uint16(hdr[0])<<8|uint16(hdr[1]))%31 == 0 {
			zr, err := zlib.NewReader(br)
			if err != nil {
				return nil, fmt.Errorf("bad deflate body: %w", err)
			}
			defer zr.Close()
			r = zr
		} else {
			fr := flate.NewReader(br)
			defer fr.Close()
			r = fr
		}
	default:
		return nil, fmt.Errorf("unsupported Content-Encoding %q", resp.Header.Get("Content-Encoding"))
	}
	if resp.ContentLength > c.maxBody {
		return nil, fmt.Errorf("%w: %d bytes announced, limit %d", ErrTooLarge, resp.ContentLength, c.maxBody)
	}
	body, err := io.ReadAll(io.LimitReader(r, c.maxBody+1))
	if err != nil {
		return nil, err
	}
	if int64(len(body)) > c.maxBody {
		return nil, fmt.Errorf("%w: more than %d bytes", ErrTooLarge, c.maxBody)
	}
	return body, nil
}

// retryAfter parses Retry-After as seconds or an HTTP-date.
func retryAfter(v string, now time.Time) time.Duration {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0
	}
	if n, err := strconv.Atoi(v); err == nil {
		if n < 0 {
			return 0
		}
		return time.Duration(n) * time.Second
	}
	if t, err := http.ParseTime(v); err == nil {
		if d := t.Sub(now); d > 0 {
			return d
		}
	}
	return 0
}

// maxAge reads max-age from Cache-Control; no-store/no-cache mean none.
func maxAge(cc string) time.Duration {
	for _, part := range strings.Split(cc, ",") {
		k, v, _ := strings.Cut(strings.TrimSpace(part), "=")
		if strings.EqualFold(k, "max-age") {
			n, err := strconv.Atoi(strings.Trim(v, `"`))
			if err == nil && n > 0 {
				return time.Duration(n) * time.Second
			}
		}
	}
	return 0
}
