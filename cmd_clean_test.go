package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// cleanCLI runs `sitrep clean` with no config file unless the test set one.
func cleanCLI(t *testing.T, stdin string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	if os.Getenv("SITREP_CONFIG") == "" {
		t.Setenv("SITREP_CONFIG", filepath.Join(t.TempDir(), "none.yaml"))
	}
	return runSitrep(t, stdin, append([]string{"clean"}, args...)...)
}

func TestCleanSeed(t *testing.T) {
	seed := filepath.Join("..", "shared", "fixtures", "seed-article.txt")
	goldData, err := os.ReadFile(filepath.Join("..", "shared", "fixtures", "seed-article.gold.json"))
	if _, serr := os.Stat(seed); serr != nil || err != nil {
		t.Skip("../shared/fixtures absent: skipping the seed test of sitrep clean")
	}
	var gold struct {
		Clean struct {
			Title          string   `json:"title"`
			MustContain    []string `json:"must_contain"`
			MustNotContain []string `json:"must_not_contain"`
			BodyParagraphs int      `json:"body_paragraphs"`
		} `json:"clean"`
	}
	if err := json.Unmarshal(goldData, &gold); err != nil {
		t.Fatal(err)
	}
	raw, _ := os.ReadFile(seed)
	for _, args := range [][]string{{seed}, {"-"}, {}} {
		code, out, errOut := cleanCLI(t, string(raw), args...)
		if code != 0 {
			t.Fatalf("clean %v: exit %d: %s", args, code, errOut)
		}
		title, body, _ := strings.Cut(out, "\n\n")
		if title != gold.Clean.Title {
			t.Errorf("title = %q", title)
		}
		if n := len(strings.Split(strings.TrimSuffix(body, "\n"), "\n\n")); n != gold.Clean.BodyParagraphs {
			t.Errorf("%d paragraphs, want %d", n, gold.Clean.BodyParagraphs)
		}
		for _, s := range gold.Clean.MustContain {
			if !strings.Contains(out, s) {
				t.Errorf("output lacks %q", s)
			}
		}
		for _, s := range gold.Clean.MustNotContain {
			if strings.Contains(out, s) {
				t.Errorf("output contains %q", s)
			}
		}
	}
}

func TestCleanHTMLPage(t *testing.T) {
	page := `<html><head><title>Talks collapse | Example News</title></head><body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Talks collapse</h1>
<p>The peace talks in Istanbul collapsed on Saturday after the delegations failed to agree on a framework, officials said. <a href="/more">More</a></p>
<p>Both sides said the ceasefire would hold, and mediators from Turkey urged them to keep talking in the weeks ahead of the next round.</p>
<p>Analysts said the breakdown reflects deep mistrust between the two neighbours, whose relations have worsened over the past year.</p>
</article><footer>Our website uses cookies to enhance your experience.</footer></body></html>`
	code, out, errOut := cleanCLI(t, page, "--html", "--url", "https://news.example/a/1")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if !strings.Contains(out, "The peace talks in Istanbul collapsed") || strings.Contains(out, "cookies") || strings.Contains(out, "Home") {
		t.Errorf("output:\n%s", out)
	}
}

func TestCleanErrors(t *testing.T) {
	if code, _, errOut := cleanCLI(t, "", "--url", "javascript:x"); code != 2 || !strings.Contains(errOut, "--url") {
		t.Errorf("bad url: exit %d, %q", code, errOut)
	}
	if code, _, _ := cleanCLI(t, "", "a", "b"); code != 2 {
		t.Errorf("two files: exit %d", code)
	}
	if code, _, errOut := cleanCLI(t, "", filepath.Join(t.TempDir(), "missing.txt")); code != 1 || !strings.Contains(errOut, "missing.txt") {
		t.Errorf("missing file: exit %d, %q", code, errOut)
	}
	if code, out, _ := cleanCLI(t, "", "--help"); code != 0 || !strings.Contains(out, "Example") && !strings.Contains(out, "Examples") {
		t.Errorf("help: exit %d\n%s", code, out)
	}
	// Escape sequences never reach the output.
	code, out, _ := cleanCLI(t, "Title \x1b]52;c;aGk=\x07here\n\nBody \x1b[2J&#27;[31mtext.\n")
	if code != 0 || bytes.ContainsAny([]byte(out), "\x1b\x07\r") {
		t.Errorf("exit %d, unsafe output %q", code, out)
	}
}

func TestCleanConfigRules(t *testing.T) {
	dir := t.TempDir()
	cfg := filepath.Join(dir, "config.yaml")
	if err := os.WriteFile(cfg, []byte("clean:\n  boilerplate: ['(?i)^brought to you by .*$']\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	t.Setenv("SITREP_CONFIG", cfg)
	code, out, errOut := cleanCLI(t, "Title\n\nStory one.\n\nBrought to you by Acme\n\nStory two.\n")
	if code != 0 || out != "Title\n\nStory one.\n\nStory two.\n" {
		t.Errorf("exit %d, out %q, err %q", code, out, errOut)
	}
	if err := os.WriteFile(cfg, []byte("clean:\n  boilerplate: ['(unclosed']\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if code, _, errOut := cleanCLI(t, "Title\n"); code == 0 || !strings.Contains(errOut, "boilerplate") {
		t.Errorf("bad rule: exit %d, %q", code, errOut)
	}
	missing := filepath.Join(dir, "missing", "config.yaml")
	t.Setenv("SITREP_CONFIG", missing)
	if code, _, _ := cleanCLI(t, "Title\n\nBody.\n"); code != 0 {
		t.Errorf("no config: exit %d", code)
	}
	if _, err := os.Stat(missing); err == nil {
		t.Error("clean created a config file")
	}
}
