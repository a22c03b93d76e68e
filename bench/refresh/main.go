// Command refresh-bench-server serves N generated feeds on loopback for
// bench/refresh/run.sh: each feed has ETag/Last-Modified support (a second
// refresh is all 304s) and an optional per-request latency. Feeds are spread
// over several loopback addresses (127.0.1.1, 127.0.1.2, ...) so per-host
// limits behave as they do against real, distinct sites.
//
// It writes into -dir: sitrep.yaml (a sitrep config listing the feeds),
// urls (a newsboat urls file) and ready (written last).
package main

import (
	"flag"
	"fmt"
	"log"
	"net"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/sitrep-news/sitrep/bench/refresh/gen"
)

func main() {
	n := flag.Int("n", 500, "number of feeds")
	items := flag.Int("items", 30, "items per feed")
	latency := flag.Duration("latency", 50*time.Millisecond, "added to every response")
	hosts := flag.Int("hosts", 50, "loopback addresses to spread the feeds over")
	dir := flag.String("dir", ".", "where to write sitrep.yaml, urls and ready")
	flag.Parse()

	feeds := make([][]byte, *n)
	for i := range feeds {
		feeds[i] = gen.Feed(i, *items)
	}
	lastMod := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC).Format(http.TimeFormat)
	var requests, bodies atomic.Int64
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		requests.Add(1)
		time.Sleep(*latency)
		id, err := strconv.Atoi(strings.TrimSuffix(strings.TrimPrefix(r.URL.Path, "/feed/"), ".xml"))
		if err != nil || id < 0 || id >= len(feeds) {
			http.NotFound(w, r)
			return
		}
		etag := fmt.Sprintf(`"%d-v1"`, id)
		if r.Header.Get("If-None-Match") == etag || (r.Header.Get("If-None-Match") == "" && r.Header.Get("If-Modified-Since") == lastMod) {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		bodies.Add(1)
		w.Header().Set("ETag", etag)
		w.Header().Set("Last-Modified", lastMod)
		w.Header().Set("Content-Type", "application/rss+xml; charset=utf-8")
		w.Write(feeds[id])
	})

	addrs := make([]string, *hosts)
	for i := range addrs {
		ln, err := net.Listen("tcp", fmt.Sprintf("127.0.1.%d:0", i+1))
		if err != nil {
			log.Fatal(err)
		}
		addrs[i] = ln.Addr().String()
		go http.Serve(ln, h)
	}
	var cfg, urls strings.Builder
	cfg.WriteString("refresh:\n  concurrency: 16\n  per_host: 2\nfeeds:\n")
	for i := range feeds {
		u := fmt.Sprintf("http://%s/feed/%d.xml", addrs[i%len(addrs)], i)
		fmt.Fprintf(&cfg, "  - url: %s\n    full_text: never\n", u)
		urls.WriteString(u + "\n")
	}
	write := func(name, s string) {
		if err := os.WriteFile(filepath.Join(*dir, name), []byte(s), 0o644); err != nil {
			log.Fatal(err)
		}
	}
	write("sitrep.yaml", cfg.String())
	write("urls", urls.String())
	write("ready", strings.Join(addrs, "\n")+"\n")

	sig := make(chan os.Signal, 1)
	signal.Notify(sig, os.Interrupt, syscall.SIGTERM)
	<-sig
	log.Printf("served %d requests, %d bodies", requests.Load(), bodies.Load())
}
