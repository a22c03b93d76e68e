package ui

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/sitrep-news/sitrep/store"
	"github.com/sitrep-news/sitrep/store/storetest"
)

// The benchmarks run on a real store with 100,000 articles (20 feeds ×
// 5,000). Seeding takes 10-20 s, so it happens once per process, or never
// when $SITREP_BENCH_DB names an already seeded database (bench/ui/run.sh).
var (
	benchOnce sync.Once
	benchPath string
	benchErr  error
)

const benchArticles = 100_000

func benchDB(b *testing.B) string {
	benchOnce.Do(func() {
		if p := os.Getenv("SITREP_BENCH_DB"); p != "" {
			if _, err := os.Stat(p); err == nil {
				benchPath = p
				return
			}
		}
		dir, err := os.MkdirTemp("", "sitrep-ui-bench-")
		if err != nil {
			benchErr = err
			return
		}
		benchPath = filepath.Join(dir, "bench.db")
		st, err := store.Open(benchPath)
		if err != nil {
			benchErr = err
			return
		}
		defer st.Close()
		benchErr = storetest.Seed(context.Background(), st, 20, benchArticles/20)
	})
	if benchErr != nil {
		b.Fatal(benchErr)
	}
	return benchPath
}

// loaded runs the model to its first paint: size, Init's commands, View.
func loaded(b *testing.B, src Source, w, h int) Model {
	m := New(Options{Source: src})
	nm, _ := m.Update(tea.WindowSizeMsg{Width: w, Height: h})
	m = nm.(Model)
	for _, msg := range cmdMsgs(m.Init()) {
		nm, _ = m.Update(msg)
		m = nm.(Model)
	}
	if m.View().Content == "" || m.count() < benchArticles*9/10 {
		b.Fatalf("not loaded: %d rows", m.count())
	}
	return m
}

// First paint from start: open the store, build the model, run Init's
// commands concurrently (as bubbletea does) and draw the frame as soon as the
// first page of rows is in; the count arrives after. Reported as paint-ms;
// ns/op also includes waiting for the count and closing the store.
func BenchmarkFirstPaint(b *testing.B) {
	path := benchDB(b)
	b.ReportAllocs()
	var total time.Duration
	n := 0
	for b.Loop() {
		t0 := time.Now()
		st, err := store.Open(path)
		if err != nil {
			b.Fatal(err)
		}
		var m tea.Model = New(Options{Source: st})
		m, _ = m.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
		ch := make(chan tea.Msg, 16)
		pending := 0
		var start func(tea.Cmd)
		start = func(c tea.Cmd) {
			pending++
			go func() { ch <- c() }()
		}
		for _, c := range flatten(m.Init()) {
			start(c)
		}
		painted := false
		for pending > 0 {
			msg := <-ch
			pending--
			if bm, ok := msg.(tea.BatchMsg); ok {
				for _, c := range bm {
					if c != nil {
						start(c)
					}
				}
				continue
			}
			m, _ = m.Update(msg)
			if _, ok := msg.(rowsMsg); ok && !painted {
				if !strings.Contains(m.View().Content, "·") {
					b.Fatal("no rows painted")
				}
				total += time.Since(t0)
				n++
				painted = true
			}
		}
		st.Close()
	}
	b.ReportMetric(float64(total.Microseconds())/float64(max(n, 1))/1000, "paint-ms")
}

// flatten runs nothing: it lists the commands of a batch without calling
// the ones that wait (Init's batch holds only IO and instant queries).
func flatten(cmd tea.Cmd) []tea.Cmd {
	if cmd == nil {
		return nil
	}
	return []tea.Cmd{cmd}
}

// One keypress in the list: Update plus View, at 100,000 rows.
func BenchmarkKeypressList(b *testing.B) {
	st, err := store.Open(benchDB(b))
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	m := loaded(b, st, 120, 40)
	keys := []tea.KeyPressMsg{press("j"), press("j"), press("k")}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		nm, _ := m.Update(keys[i%3])
		m = nm.(Model)
		_ = m.View()
		i++
	}
}

// A keypress far down the list: the cursor at row 50,000 (rows loaded).
func BenchmarkKeypressListDeep(b *testing.B) {
	st, err := store.Open(benchDB(b))
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	m := loaded(b, st, 120, 40)
	for m.cursor < 50_000 {
		nm, cmd := m.Update(press("space"))
		m = nm.(Model)
		for _, msg := range cmdMsgs(cmd) {
			nm, _ = m.Update(msg)
			m = nm.(Model)
		}
	}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		nm, _ := m.Update([]tea.KeyPressMsg{press("j"), press("k")}[i%2])
		m = nm.(Model)
		_ = m.View()
		i++
	}
}

// benchOpen opens the articles at rows 0 and 1 in turn: Update(enter), the
// store read of article and cached analysis, Update(result), View.
func benchOpen(b *testing.B, clearRenders bool) {
	st, err := store.Open(benchDB(b))
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	m := loaded(b, st, 120, 40)
	open := func(row int) {
		m.cursor = row
		m.focus = paneList
		m = settle(m, press("enter"))
		if m.doc == nil {
			b.Fatal("article not shown")
		}
		_ = m.View()
	}
	open(0) // analyse and cache both once
	open(1)
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		if clearRenders {
			clear(m.cache)
		}
		open(i % 2)
		i++
	}
}

// Opening an article whose analysis is cached in the store and whose
// rendering is cached in the reader.
func BenchmarkOpenCachedArticle(b *testing.B) { benchOpen(b, false) }

// Opening an article whose analysis is cached but must be rendered by glamour.
func BenchmarkOpenArticleRender(b *testing.B) { benchOpen(b, true) }

// settle applies msg and every message its commands produce.
func settle(m Model, msg tea.Msg) Model {
	queue := []tea.Msg{msg}
	for len(queue) > 0 {
		nm, cmd := m.Update(queue[0])
		m = nm.(Model)
		queue = append(queue[1:], cmdMsgs(cmd)...)
	}
	return m
}

// G in the list at 100,000 rows: the last page loads by offset (the window
// never holds more than maxPages pages). Reports the Go heap in use after.
func BenchmarkJumpToBottom(b *testing.B) {
	st, err := store.Open(benchDB(b))
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	m := loaded(b, st, 120, 40)
	var heap float64
	for b.Loop() {
		m = settle(m, press("G"))
		if r, ok := m.Selected(); !ok || r.ID == 0 {
			b.Fatal("last row not loaded")
		}
		_ = m.View()
		m = settle(m, press("g"))
	}
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	heap = float64(ms.HeapInuse) / (1 << 20)
	b.ReportMetric(heap, "MB-heap")
}
