package clean

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// seedGold is the "clean" section of ../shared/fixtures/seed-article.gold.json.
type seedGold struct {
	Clean struct {
		Title          string   `json:"title"`
		MustContain    []string `json:"must_contain"`
		MustNotContain []string `json:"must_not_contain"`
		BodyParagraphs int      `json:"body_paragraphs"`
	} `json:"clean"`
}

func loadSeed(t testing.TB) (string, seedGold) {
	t.Helper()
	dir := filepath.Join(sharedDir, "fixtures")
	raw, err := os.ReadFile(filepath.Join(dir, "seed-article.txt"))
	if err != nil {
		t.Skipf("seed fixture absent (%v): skipping", err)
	}
	gj, err := os.ReadFile(filepath.Join(dir, "seed-article.gold.json"))
	if err != nil {
		t.Skipf("seed gold absent (%v): skipping", err)
	}
	var g seedGold
	if err := json.Unmarshal(gj, &g); err != nil {
		t.Fatal(err)
	}
	return string(raw), g
}

func checkSeed(t *testing.T, a Article, g seedGold) {
	t.Helper()
	if a.Title != g.Clean.Title {
		t.Errorf("title = %q, want %q", a.Title, g.Clean.Title)
	}
	for _, s := range g.Clean.MustContain {
		if !strings.Contains(a.Text, s) {
			t.Errorf("text lacks %q", s)
		}
		if !strings.Contains(a.Markdown, EscapeMarkdown(s)) {
			t.Errorf("markdown lacks %q", s)
		}
	}
	for _, s := range g.Clean.MustNotContain {
		if strings.Contains(a.Text, s) || strings.Contains(a.Title, s) || strings.Contains(a.Markdown, s) {
			t.Errorf("output contains %q", s)
		}
	}
	paras := strings.Split(a.Text, "\n\n")
	if len(paras) != g.Clean.BodyParagraphs {
		t.Errorf("%d body paragraphs, want %d:\n%s", len(paras), g.Clean.BodyParagraphs, strings.Join(paras, "\n---\n"))
	}
	for i, p := range paras {
		if strings.TrimSpace(p) != p || p == "" || strings.Contains(p, "\n") {
			t.Errorf("paragraph %d not normalised: %q", i, p)
		}
	}
	// Curly quotes are kept: quote extraction needs them.
	if !strings.Contains(a.Text, "“We have not violated the ceasefire") {
		t.Errorf("curly quotes lost")
	}
}

func TestSeedText(t *testing.T) {
	raw, g := loadSeed(t)
	c, err := New(nil)
	if err != nil {
		t.Fatal(err)
	}
	checkSeed(t, c.Text("", raw), g)
	// CRLF line endings must give the same result.
	checkSeed(t, c.Text("", strings.ReplaceAll(raw, "\n", "\r\n")), g)
}

// TestSeedHTML wraps the seed's paragraphs in <p> the way a feed would and
// expects the same cleaning.
func TestSeedHTML(t *testing.T) {
	raw, g := loadSeed(t)
	title, body := splitTitle(raw)
	var b strings.Builder
	for _, p := range strings.Split(body, "\n\n") {
		if strings.TrimSpace(p) != "" {
			b.WriteString("<p>" + strings.ReplaceAll(p, "&", "&amp;") + "</p>\n")
		}
	}
	c, _ := New(nil)
	checkSeed(t, c.HTML(title, b.String(), "https://example.com/news/1"), g)
}
