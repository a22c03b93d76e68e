package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sitrep-news/sitrep/demo"
)

// TestBriefOnDemoData fetches the demo feeds through the real engine and
// writes briefings in every format.
func TestBriefOnDemoData(t *testing.T) {
	srv, err := demo.Start()
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	var urls []string
	for _, f := range srv.Feeds() {
		urls = append(urls, f.URL)
	}
	flags := fetchEnv(t, urls...)
	if code, _, stderr := runSitrep(t, "", append([]string{"fetch"}, flags...)...); code != 0 {
		t.Fatalf("fetch: exit %d\n%s", code, stderr)
	}
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
