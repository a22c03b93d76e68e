// Package demo is sitrep's offline demo: sample feeds embedded in the binary
// (one RSS 2.0, one Atom 1.0, one JSON Feed 1.1) and a loopback HTTP server
// that serves them, so `sitrep --demo` runs the real fetch path with no
// internet.
//
// The articles are fictional wire copy written for the demo, plus the seed
// article (../shared/fixtures/seed-article.txt) carried byte for byte as the
// JSON Feed item's content_text, mojibake and cookie banner included. One
// article is a stub whose feed item says "Read more": its full text is only on
// the article page, which exercises full-text extraction. Two articles from
// different feeds cover the same news, which exercises story clustering.
//
// Article dates are fixed (November 2026) and moved forward by whole weeks at
// Start so the newest falls within the last seven days; weekdays in the text
// stay true. The server renders everything once at Start; feeds carry ETag and
// Last-Modified, so conditional GETs get 304s.
package demo

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"html"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/sitrep-news/sitrep/config"
)

// Server is the loopback HTTP server behind `sitrep --demo`.
type Server struct {
	ln       net.Listener
	srv      *http.Server
	base     string
	docs     map[string]doc
	articles []Article
	shift    time.Duration
	done     chan struct{}
}

// Start serves the demo feeds on 127.0.0.1 at a free port.
func Start() (*Server, error) { return start(time.Now()) }

func start(now time.Time) (*Server, error) {
	articles, err := loadArticles()
	if err != nil {
		return nil, err
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, fmt.Errorf("demo: listen on loopback: %w", err)
	}
	s := &Server{ln: ln, base: "http://" + ln.Addr().String(), done: make(chan struct{})}
	s.shift = shiftFor(articles[0].Published, now)
	s.articles = articles
	if s.docs, err = render(s.base, articles, s.shift); err != nil {
		ln.Close()
		return nil, err
	}
	s.srv = &http.Server{Handler: s, ReadHeaderTimeout: 10 * time.Second}
	go func() {
		defer close(s.done)
		_ = s.srv.Serve(ln) // returns http.ErrServerClosed on Close
	}()
	return s, nil
}

// URL is the server's base URL, e.g. "http://127.0.0.1:41234".
func (s *Server) URL() string { return s.base }

// Feeds are the demo subscriptions, ready to hand to the refresh engine.
func (s *Server) Feeds() []config.Feed {
	out := make([]config.Feed, 0, len(feedSpecs))
	for _, f := range feedSpecs {
		out = append(out, config.Feed{
			URL:      s.base + f.Path,
			Title:    f.Title,
			Folder:   f.Folder,
			Tags:     append([]string(nil), f.Tags...),
			FullText: config.DefaultFullText,
			Interval: 5 * time.Minute,
			HTMLURL:  s.base + "/",
		})
	}
	return out
}

// Articles lists the sample articles, newest first, with dates as served.
func (s *Server) Articles() []Article {
	out := make([]Article, len(s.articles))
	copy(out, s.articles)
	for i := range out {
		out[i].Published = out[i].Published.Add(s.shift)
		out[i].Tags = append([]string(nil), out[i].Tags...)
	}
	return out
}

// ArticleURL is the page URL of the article with this slug.
func (s *Server) ArticleURL(slug string) string { return s.base + "/articles/" + slug }

// Close stops the server and waits for it to finish.
func (s *Server) Close() error {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	err := s.srv.Shutdown(ctx)
	if errors.Is(err, context.DeadlineExceeded) {
		err = s.srv.Close()
	}
	<-s.done
	return err
}

// ServeHTTP serves the rendered feeds and pages, plus an index and an OPML
// list of the feeds.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	switch r.URL.Path {
	case "/":
		s.serveIndex(w)
		return
	case "/feeds.opml":
		s.serveOPML(w)
		return
	}
	d, ok := s.docs[r.URL.Path]
	if !ok {
		http.NotFound(w, r)
		return
	}
	h := w.Header()
	h.Set("Content-Type", d.ctype)
	h.Set("ETag", d.etag)
	h.Set("Cache-Control", "max-age=60")
	// ServeContent answers If-None-Match and If-Modified-Since with 304.
	http.ServeContent(w, r, "", d.mod, bytes.NewReader(d.body))
}

func (s *Server) serveIndex(w http.ResponseWriter) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	fmt.Fprintf(w, "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>sitrep demo</title></head><body>\n<h1>sitrep demo feeds</h1>\n<ul>\n")
	for _, f := range feedSpecs {
		fmt.Fprintf(w, "<li><a href=\"%s\">%s</a></li>\n", f.Path, html.EscapeString(f.Title))
	}
	fmt.Fprintf(w, "</ul>\n<h2>Articles</h2>\n<ul>\n")
	paths := make([]string, 0, len(s.docs))
	for p := range s.docs {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	for _, p := range paths {
		if slug, ok := strings.CutPrefix(p, "/articles/"); ok {
			fmt.Fprintf(w, "<li><a href=\"%s\">%s</a></li>\n", p, html.EscapeString(slug))
		}
	}
	fmt.Fprintf(w, "</ul>\n</body></html>\n")
}

func (s *Server) serveOPML(w http.ResponseWriter) {
	w.Header().Set("Content-Type", "text/x-opml; charset=utf-8")
	if err := config.ExportOPML(w, s.Feeds()); err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
	}
}

// TempStorePath returns a database path in a fresh temporary directory and a
// cleanup that removes the directory (the database and its WAL and SHM
// files). Call cleanup once the store is closed, e.g. with defer.
func TempStorePath() (path string, cleanup func(), err error) {
	dir, err := os.MkdirTemp("", "sitrep-demo-")
	if err != nil {
		return "", func() {}, fmt.Errorf("demo: temporary store: %w", err)
	}
	return filepath.Join(dir, "sitrep.db"), func() { _ = os.RemoveAll(dir) }, nil
}
