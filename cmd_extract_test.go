package main

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sitrep-news/sitrep/summarize"
)

// extractCLI runs `sitrep extract` with a temporary config
// (configDir/config.yaml, which need not exist) and colour off.
func extractCLI(t *testing.T, configDir, stdin string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	if configDir == "" {
		configDir = t.TempDir()
	}
	t.Setenv("SITREP_CONFIG", filepath.Join(configDir, "config.yaml"))
	t.Setenv("NO_COLOR", "1")
	return runSitrep(t, stdin, append([]string{"extract"}, args...)...)
}

func seedPath(t *testing.T) string {
	p := filepath.Join("..", "shared", "fixtures", "seed-article.txt")
	if _, err := os.Stat(p); err != nil {
		t.Skip("../shared/fixtures absent: skipping the seed test of sitrep extract")
	}
	return p
}

// TestExtractSeedJSON runs the seed article through the real cleaner and
// the analyser and checks the schema's shape and the gold's must facts.
func TestExtractSeedJSON(t *testing.T) {
	seed := seedPath(t)
	code, out, errOut := extractCLI(t, "", "", "--json", "--published", "2025-11-08T12:00:00Z", seed)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var raw map[string]json.RawMessage
	if err := json.Unmarshal([]byte(out), &raw); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, out)
	}
	for _, k := range []string{"schema", "title", "text", "summary", "facts", "quotes", "entities", "events", "dates"} {
		if _, ok := raw[k]; !ok {
			t.Errorf("JSON lacks %q", k)
		}
	}
	var a summarize.Analysis
	if err := json.Unmarshal([]byte(out), &a); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(a.Text, "Ä") || strings.Contains(a.Text, "cookies") {
		t.Errorf("text was not cleaned: mojibake or cookie banner left")
	}
	if !strings.Contains(a.Text, "Recep Tayyip Erdoğan") {
		t.Errorf("mojibake not repaired")
	}
	badges := strings.Join(a.Badges(), " ")
	for _, want := range []string{"talks:collapsed", "ceasefire:holding", "mediator", "venue", "parties", "casualties", "demand"} {
		if !strings.Contains(badges, want) {
			t.Errorf("badges %q lack %q", badges, want)
		}
	}
	for _, f := range a.Facts {
		if a.Text[f.Evidence.Start:f.Evidence.End] != f.Evidence.Text {
			t.Errorf("fact %s: evidence span does not slice the text", f.Badge())
		}
	}
	speakers := map[string]bool{}
	for _, q := range a.Quotes {
		speakers[q.Speaker] = true
	}
	if !speakers["Zabihullah Mujahid"] || !speakers["Khawaja Muhammad Asif"] {
		t.Errorf("speakers %v", speakers)
	}
	found := false
	for _, d := range a.Dates {
		if d.Text == "Thursday" && d.Date == "2025-11-06" {
			found = true
		}
	}
	if !found {
		t.Errorf("Thursday not resolved to 2025-11-06: %+v", a.Dates)
	}
}

func TestExtractSeedText(t *testing.T) {
	seed := seedPath(t)
	raw, _ := os.ReadFile(seed)
	code, out, errOut := extractCLI(t, "", string(raw), "-")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, want := range []string{"Key facts", "talks:collapsed", "mediator", "Turkey", "Quotes", "— Zabihullah Mujahid, Taliban spokesperson", "Entities", "Summary"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "\x1b") {
		t.Error("escape sequences in output with NO_COLOR set")
	}
}

func TestExtractURL(t *testing.T) {
	page := `<html><head><title>Clashes at border</title></head><body><article><h1>Clashes at border</h1>
<p>Indian and Pakistani troops exchanged fire along the Line of Control on Monday, the army said, in the most serious clash in months.</p>
<p>No casualties were reported, according to officials in Srinagar, who said the firing lasted for about two hours before it stopped.</p>
<p>Both sides accused each other of violating the 2021 ceasefire agreement, which had largely held until this week.</p></article></body></html>`
	var ua string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ua = r.UserAgent()
		if r.URL.Path == "/missing" {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte(page))
	}))
	defer srv.Close()
	code, out, errOut := extractCLI(t, "", "", "--json", srv.URL+"/news")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if !strings.HasPrefix(ua, "sitrep/") {
		t.Errorf("User-Agent %q", ua)
	}
	var a summarize.Analysis
	if err := json.Unmarshal([]byte(out), &a); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(a.Text, "Line of Control") || strings.Contains(a.Text, "<p>") {
		t.Errorf("page not extracted: %q", a.Text)
	}
	if !strings.Contains(strings.Join(a.Badges(), " "), "incident:clash") {
		t.Errorf("badges %v", a.Badges())
	}
	code, _, errOut = extractCLI(t, "", "", srv.URL+"/missing")
	if code != 1 || !strings.Contains(errOut, "404") {
		t.Errorf("missing page: exit %d, %q", code, errOut)
	}
}

func TestExtractUsageErrors(t *testing.T) {
	for _, args := range [][]string{
		{"--published", "yesterday", "x.txt"},
		{"ftp://example.com/a"},
		{"file:///etc/passwd"},
		{"a.txt", "b.txt"},
	} {
		code, _, errOut := extractCLI(t, "", "", args...)
		if code != 2 {
			t.Errorf("%v: exit %d, want 2 (%s)", args, code, errOut)
		}
	}
	code, _, errOut := extractCLI(t, "", "", filepath.Join(t.TempDir(), "absent.txt"))
	if code != 1 || !strings.Contains(errOut, "absent.txt") {
		t.Errorf("missing file: exit %d, %q", code, errOut)
	}
}

func TestExtractUserPacks(t *testing.T) {
	cfg := t.TempDir()
	packs := filepath.Join(cfg, "packs")
	if err := os.MkdirAll(packs, 0o755); err != nil {
		t.Fatal(err)
	}
	pack := "pack: elections\nfacts:\n  - kind: election\n    topic: [election]\n    states:\n      - {state: postponed, tier: 3, cues: [postpone]}\n"
	if err := os.WriteFile(filepath.Join(packs, "elections.yaml"), []byte(pack), 0o644); err != nil {
		t.Fatal(err)
	}
	text := "Vote delayed\n\nThe presidential election was postponed until March, the electoral commission said on Monday."
	code, out, errOut := extractCLI(t, cfg, text, "--json", "-")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if !strings.Contains(out, `"kind": "election"`) || !strings.Contains(out, `"state": "postponed"`) {
		t.Errorf("user pack fact missing:\n%s", out)
	}
	bad := "pack: broken\nevents:\n  - type: PARTY\n    cues: [celebrate]\n"
	if err := os.WriteFile(filepath.Join(packs, "zz-broken.yaml"), []byte(bad), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, errOut = extractCLI(t, cfg, text, "-")
	if code != 1 || !strings.Contains(errOut, "zz-broken.yaml") || !strings.Contains(errOut, "line 3") || !strings.Contains(errOut, "PARTY") {
		t.Errorf("broken pack: exit %d, %q", code, errOut)
	}
}
