package brief

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/exp/golden"
	"github.com/sitrep-news/sitrep/story"
	"github.com/sitrep-news/sitrep/summarize"
)

var now = time.Date(2026, 11, 23, 7, 0, 0, 0, time.UTC)

func fixture() Brief {
	seedFacts := []summarize.Fact{
		{Kind: "talks", State: "collapsed", Value: "Istanbul talks", Confidence: 0.9},
		{Kind: "ceasefire", State: "holding", Confidence: 0.8},
		{Kind: "mediator", Value: "Turkey", Confidence: 0.7},
	}
	q := summarize.Quote{Text: "We have not violated the ceasefire and have continued to observe it in good faith", Speaker: "Zabihullah Mujahid", Role: "Taliban spokesperson"}
	a := story.Merge(1, []story.Source{
		{Feed: "Dawn", Title: "Afghan-Pakistan talks collapse in Istanbul", URL: "https://dawn.example/talks", Published: now.Add(-5 * time.Hour),
			Analysis: summarize.Analysis{Schema: 1, Title: "Afghan-Pakistan talks collapse in Istanbul", Facts: seedFacts, Quotes: []summarize.Quote{q}}},
		{Feed: "Tolo News", Title: "Kabul blames Islamabad's *impossible* demand", URL: "javascript:alert(1)", Published: now.Add(-3 * time.Hour),
			Analysis: summarize.Analysis{Schema: 1, Facts: append(seedFacts[:2:2], summarize.Fact{Kind: "ceasefire", State: "violated", Confidence: 0.95}), Quotes: []summarize.Quote{q}}},
	}, now)
	b := story.Merge(2, []story.Source{
		{Feed: "ReliefWeb", Title: "Floods in Kerala <kill> 27 & displace thousands", URL: "https://reliefweb.example/kerala", Published: now.Add(-20 * time.Hour),
			Analysis: summarize.Analysis{Schema: 1, Facts: []summarize.Fact{{Kind: "casualties", Value: "27 killed", Confidence: 0.9}},
				Quotes: []summarize.Quote{{Text: "The water rose in minutes", Speaker: "", Partial: false}}}},
	}, now)
	return Brief{Title: "Morning briefing", Generated: now, Since: now.Add(-24 * time.Hour), Stories: []story.Report{a, b}}
}

func TestGoldenOutputs(t *testing.T) {
	for _, f := range []struct {
		name  string
		write func(*bytes.Buffer, Brief) error
	}{
		{"md", func(b *bytes.Buffer, x Brief) error { return Markdown(b, x) }},
		{"html", func(b *bytes.Buffer, x Brief) error { return HTML(b, x) }},
		{"json", func(b *bytes.Buffer, x Brief) error { return JSON(b, x) }},
	} {
		t.Run(f.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := f.write(&buf, fixture()); err != nil {
				t.Fatal(err)
			}
			golden.RequireEqual(t, buf.Bytes())
		})
	}
}

func TestMarkdownEscapesContentAndDropsUnsafeLinks(t *testing.T) {
	var buf bytes.Buffer
	if err := Markdown(&buf, fixture()); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, bad := range []string{"javascript:", "<kill>", "*impossible*"} {
		if strings.Contains(out, bad) {
			t.Errorf("markdown contains %q:\n%s", bad, out)
		}
	}
	for _, want := range []string{"ceasefire: holding (1) / violated (1) ⚠", "talks: collapsed (2)", "Zabihullah Mujahid, Taliban spokesperson", "(<https://dawn.example/talks>)", `\*impossible\*`} {
		if !strings.Contains(out, want) {
			t.Errorf("markdown lacks %q:\n%s", want, out)
		}
	}
}

func TestHostileStringsNeverReachOutput(t *testing.T) {
	b := fixture()
	evil := "Title\x1b]52;c;ZXZpbA==\x07 \x1b[2J\u202e\r\x9b31m"
	b.Title = evil
	b.Stories[0].Title = evil
	b.Stories[0].Quotes[0].Speaker = evil
	b.Stories[0].Sources[0].Feed = evil
	for name, write := range map[string]func(*bytes.Buffer, Brief) error{
		"md":   func(w *bytes.Buffer, x Brief) error { return Markdown(w, x) },
		"html": func(w *bytes.Buffer, x Brief) error { return HTML(w, x) },
	} {
		var buf bytes.Buffer
		if err := write(&buf, b); err != nil {
			t.Fatal(err)
		}
		for _, r := range buf.String() {
			if (r < 0x20 && r != '\n' && r != '\t') || r == 0x7f || (r >= 0x80 && r <= 0x9f) || r == '\u202e' {
				t.Fatalf("%s output contains control %U", name, r)
			}
		}
	}
}

func TestJSONFollowsExtractSchemaWithStories(t *testing.T) {
	var buf bytes.Buffer
	if err := JSON(&buf, fixture()); err != nil {
		t.Fatal(err)
	}
	var got struct {
		Schema  int `json:"schema"`
		Stories []struct {
			Facts []struct {
				Kind     string `json:"kind"`
				Conflict bool   `json:"conflict"`
				Label    string `json:"label"`
			} `json:"facts"`
			Articles []struct {
				Feed   string            `json:"feed"`
				URL    string            `json:"url"`
				Schema int               `json:"schema"`
				Facts  []summarize.Fact  `json:"facts"`
				Quotes []summarize.Quote `json:"quotes"`
			} `json:"articles"`
		} `json:"stories"`
	}
	if err := json.Unmarshal(buf.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	if got.Schema != Schema || len(got.Stories) != 2 || len(got.Stories[0].Articles) != 2 {
		t.Fatalf("shape: %+v", got)
	}
	a := got.Stories[0].Articles
	if a[0].Schema != 1 || len(a[0].Facts) != 3 || a[1].URL != "" {
		t.Errorf("articles must carry the extract schema and no unsafe URL: %+v", a)
	}
	if f := got.Stories[0].Facts[1]; f.Kind != "ceasefire" || !f.Conflict {
		t.Errorf("ceasefire must be flagged as a contradiction: %+v", got.Stories[0].Facts)
	}
}

// TestHTMLRendersInChromium screenshots the briefing with headless Chromium
// when it is installed (Debian: apt-get install chromium).
func TestHTMLRendersInChromium(t *testing.T) {
	bin, err := exec.LookPath("chromium")
	if err != nil {
		t.Skip("chromium not installed; skipping the browser rendering check")
	}
	dir := t.TempDir()
	page := filepath.Join(dir, "brief.html")
	var buf bytes.Buffer
	if err := HTML(&buf, fixture()); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(page, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	shot := filepath.Join(dir, "brief.png")
	cmd := exec.Command(bin, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--user-data-dir="+filepath.Join(dir, "profile"), "--window-size=900,1200", "--screenshot="+shot, "file://"+page)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("chromium: %v\n%s", err, out)
	}
	st, err := os.Stat(shot)
	if err != nil || st.Size() < 10_000 {
		t.Fatalf("screenshot missing or empty: %v", err)
	}
	if dst := os.Getenv("SITREP_BRIEF_SCREENSHOT"); dst != "" {
		data, _ := os.ReadFile(shot)
		_ = os.WriteFile(dst, data, 0o644)
	}
}

func TestViewExportWithoutStartTimeSaysNoDate(t *testing.T) {
	b := fixture()
	b.Since = time.Time{}
	b.Stories = b.Stories[:1]
	var buf bytes.Buffer
	if err := Markdown(&buf, b); err != nil {
		t.Fatal(err)
	}
	if out := buf.String(); strings.Contains(out, "0001") || !strings.Contains(out, "_1 story · generated") {
		t.Errorf("header: %.120q", out)
	}
}

func TestSafeURL(t *testing.T) {
	for u, want := range map[string]string{
		"https://dawn.example/talks":   "https://dawn.example/talks",
		"HTTP://dawn.example/a?b=c":    "HTTP://dawn.example/a?b=c",
		"javascript:alert(1)":          "",
		"data:text/html,<b>x</b>":      "",
		"file:///etc/passwd":           "",
		"http:///no-host":              "",
		"https://dawn.example/a b":     "",
		"https://dawn.example/\x1b[2J": "",
		"":                             "",
	} {
		if got := safeURL(u); got != want {
			t.Errorf("safeURL(%q) = %q, want %q", u, got, want)
		}
	}
}

// A quote with a role but no speaker reads "unattributed" in every format,
// never ", spokesperson".
func TestRoleWithoutSpeakerIsUnattributed(t *testing.T) {
	b := fixture()
	b.Stories[0].Quotes[0].Speaker = ""
	for name, write := range map[string]func(*bytes.Buffer, Brief) error{
		"md":   func(w *bytes.Buffer, x Brief) error { return Markdown(w, x) },
		"html": func(w *bytes.Buffer, x Brief) error { return HTML(w, x) },
	} {
		var buf bytes.Buffer
		if err := write(&buf, b); err != nil {
			t.Fatal(err)
		}
		if out := buf.String(); strings.Contains(out, ", Taliban spokesperson") || !strings.Contains(out, "— unattributed") {
			t.Errorf("%s: want the role-only quote unattributed:\n%s", name, out)
		}
	}
}
