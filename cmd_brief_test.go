package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/exp/golden"

	"github.com/sitrep-news/sitrep/brief"
	"github.com/sitrep-news/sitrep/demo"
	"github.com/sitrep-news/sitrep/store"
)

// fetchDemo serves the demo feeds, fetches them through the real engine into
// a temporary store and returns the server and the --config/--db flags.
func fetchDemo(t *testing.T) (*demo.Server, []string) {
	t.Helper()
	srv, err := demo.Start()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Close() })
	var urls []string
	for _, f := range srv.Feeds() {
		urls = append(urls, f.URL)
	}
	flags := fetchEnv(t, urls...)
	if code, _, stderr := runSitrep(t, "", append([]string{"fetch"}, flags...)...); code != 0 {
		t.Fatalf("fetch: exit %d\n%s", code, stderr)
	}
	return srv, flags
}

// TestBriefOnDemoData fetches the demo feeds through the real engine and
// writes briefings in every format.
func TestBriefOnDemoData(t *testing.T) {
	_, flags := fetchDemo(t)
	code, out, stderr := runSitrep(t, "", append([]string{"brief", "--since", "720h", "--format", "json"}, flags...)...)
	if code != 0 {
		t.Fatalf("brief: exit %d\n%s", code, stderr)
	}
	var b struct {
		Stories []struct {
			Title    string `json:"title"`
			Facts    []struct{ Kind, Label string }
			Articles []struct {
				Feed string `json:"feed"`
				URL  string `json:"url"`
			} `json:"articles"`
		} `json:"stories"`
	}
	if err := json.Unmarshal([]byte(out), &b); err != nil {
		t.Fatalf("brief json: %v\n%s", err, out)
	}
	if len(b.Stories) < 5 {
		t.Fatalf("want the demo's stories, got %d", len(b.Stories))
	}
	var seed, multi bool
	for _, s := range b.Stories {
		if strings.Contains(s.Title, "Afghanistan and Pakistan") {
			for _, f := range s.Facts {
				seed = seed || f.Kind == "talks"
			}
		}
		multi = multi || len(s.Articles) > 1
	}
	if !seed {
		t.Errorf("the seed story with its talks fact is missing: %+v", b.Stories)
	}
	if !multi {
		t.Errorf("no story groups several sources: %+v", b.Stories)
	}

	dir := t.TempDir()
	for _, name := range []string{"brief.md", "brief.html"} {
		p := filepath.Join(dir, name)
		if code, _, stderr := runSitrep(t, "", append([]string{"brief", "--since", "720h", "-o", p}, flags...)...); code != 0 {
			t.Fatalf("brief -o %s: exit %d\n%s", name, code, stderr)
		}
		data, err := os.ReadFile(p)
		if err != nil || len(data) < 500 {
			t.Fatalf("%s: %v (%d bytes)", name, err, len(data))
		}
		if name == "brief.html" && !strings.HasPrefix(string(data), "<!doctype html>") {
			t.Errorf("-o brief.html must write HTML, got %.40q", data)
		}
	}
}

func TestBriefUsageErrors(t *testing.T) {
	flags := fetchEnv(t)
	for _, args := range [][]string{{"brief", "--format", "pdf"}, {"brief", "--since", "-1h"}, {"brief", "extra"}} {
		if code, _, stderr := runSitrep(t, "", append(args, flags...)...); code != 2 {
			t.Errorf("%v: exit %d, want 2\n%s", args, code, stderr)
		}
	}
}

var (
	goldenPort = regexp.MustCompile(`127\.0\.0\.1:\d+`)
	goldenDate = regexp.MustCompile(`\d{4}-\d{2}(-\d{2})?(T\d{2}:\d{2}:\d{2}(\.\d+)?Z| \d{2}:\d{2} UTC)?|(Mon|Tue|Wed|Thu|Fri|Sat|Sun) \d{1,2} [A-Z][a-z]{2}( \d{4})? \d{2}:\d{2} UTC`)
)

// TestBriefGoldenOnDemoData writes the demo's briefing in every format and
// compares it with golden files (testdata/TestBriefGoldenOnDemoData/*.golden;
// refresh with -update). The demo shifts its dates by whole weeks to stay
// recent, so the briefing is built at a clock fixed relative to the newest
// article, and dates and the loopback port are masked.
func TestBriefGoldenOnDemoData(t *testing.T) {
	srv, flags := fetchDemo(t)
	st, err := store.Open(flags[3])
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	var newest time.Time
	for _, a := range srv.Articles() {
		if a.Published.After(newest) {
			newest = a.Published
		}
	}
	now := newest.Add(time.Hour)
	b, err := brief.Collect(context.Background(), st, store.Query{Since: now.Add(-30 * 24 * time.Hour)}, "sitrep briefing", now)
	if err != nil {
		t.Fatal(err)
	}
	for name, write := range map[string]func(*bytes.Buffer, brief.Brief) error{
		"md":   func(w *bytes.Buffer, b brief.Brief) error { return brief.Markdown(w, b) },
		"html": func(w *bytes.Buffer, b brief.Brief) error { return brief.HTML(w, b) },
		"json": func(w *bytes.Buffer, b brief.Brief) error { return brief.JSON(w, b) },
	} {
		t.Run(name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := write(&buf, b); err != nil {
				t.Fatal(err)
			}
			out := goldenDate.ReplaceAllString(goldenPort.ReplaceAllString(buf.String(), "127.0.0.1:PORT"), "DATE")
			golden.RequireEqual(t, []byte(out))
		})
	}
}
