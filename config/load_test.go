package config

import (
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

func TestDefaultsWhenEmpty(t *testing.T) {
	for _, src := range []string{"", "# only a comment\n", "---\n", "feeds:\nrefresh:\nui:\n"} {
		c, err := Parse([]byte(src), "empty.yaml")
		if err != nil {
			t.Fatalf("Parse(%q): %v", src, err)
		}
		if len(c.Feeds) != 0 {
			t.Errorf("Parse(%q): %d feeds, want 0", src, len(c.Feeds))
		}
		want := Refresh{Concurrency: 16, PerHost: 2, Timeout: 30 * time.Second, Interval: 30 * time.Minute}
		if c.Refresh != want {
			t.Errorf("Parse(%q): refresh %+v, want %+v", src, c.Refresh, want)
		}
		if c.UI.Theme != "auto" || c.UI.Layout != "auto" || c.UI.Mouse || !c.UI.MarkRead() {
			t.Errorf("Parse(%q): ui %+v", src, c.UI)
		}
		if c.UI.MarkReadOnOpen == nil {
			t.Errorf("Parse(%q): MarkReadOnOpen left nil", src)
		}
		if c.Path != "empty.yaml" {
			t.Errorf("Path = %q", c.Path)
		}
	}
}

func TestParseFull(t *testing.T) {
	src := `
feeds:
  - url: https://example.org/a.xml
    title: A
    folder: " Regions / Africa/"
    tags: [conflict, aid]
    full_text: always
    interval: 15m
    html_url: https://example.org/
  - url: HTTP://Example.org/b.xml
    tags: single
refresh:
  concurrency: 4
  per_host: 1
  timeout: 10s
  interval: 1h
  keep_days: 90
ui:
  theme: dark
  layout: stacked
  mouse: true
  mark_read_on_open: false
  browser: firefox
keymap:
  star: ["*", s]
  quit: q
clean:
  boilerplate: ['(?i)^subscribe']
`
	c, err := Parse([]byte(src), "c.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Feeds) != 2 {
		t.Fatalf("feeds = %d", len(c.Feeds))
	}
	f := c.Feeds[0]
	if f.URL != "https://example.org/a.xml" || f.Title != "A" || f.Folder != "Regions/Africa" ||
		strings.Join(f.Tags, ",") != "conflict,aid" || f.FullText != "always" || f.Interval != 15*time.Minute ||
		f.HTMLURL != "https://example.org/" {
		t.Errorf("feed 0 = %+v", f)
	}
	if g := c.Feeds[1]; g.FullTextMode() != "auto" || len(g.Tags) != 1 || g.Tags[0] != "single" {
		t.Errorf("feed 1 = %+v", g)
	}
	if c.FeedInterval(c.Feeds[0]) != 15*time.Minute || c.FeedInterval(c.Feeds[1]) != time.Hour {
		t.Errorf("FeedInterval wrong")
	}
	if c.Refresh != (Refresh{4, 1, 10 * time.Second, time.Hour, 90}) {
		t.Errorf("refresh = %+v", c.Refresh)
	}
	if c.UI.Theme != "dark" || c.UI.Layout != "stacked" || !c.UI.Mouse || c.UI.MarkRead() || c.UI.Browser != "firefox" {
		t.Errorf("ui = %+v", c.UI)
	}
	acts, err := c.Actions()
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range acts {
		switch a.Name {
		case "star":
			if strings.Join(a.Keys, " ") != "* s" {
				t.Errorf("star keys = %v", a.Keys)
			}
		case "quit":
			if strings.Join(a.Keys, " ") != "q" {
				t.Errorf("quit keys = %v", a.Keys)
			}
		}
	}
	if len(c.Clean.Boilerplate) != 1 {
		t.Errorf("boilerplate = %v", c.Clean.Boilerplate)
	}
}

// TestDefaultKeepDaysUncommented checks that the retention line the default
// config carries commented out parses once a user uncomments it.
func TestDefaultKeepDaysUncommented(t *testing.T) {
	src := string(DefaultYAML)
	const commented = "  # keep_days: 90"
	if !strings.Contains(src, commented) {
		t.Fatalf("default config lacks %q", commented)
	}
	c, err := Parse([]byte(strings.Replace(src, commented, "  keep_days: 90", 1)), "d.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if c.Refresh.KeepDays != 90 {
		t.Errorf("keep_days = %d, want 90", c.Refresh.KeepDays)
	}
}

// TestValidationErrors checks that every kind of bad input is an error that
// names the file, the line, and the allowed keys or values.
func TestValidationErrors(t *testing.T) {
	cases := []struct {
		name string
		src  string
		line int
		want []string // substrings of the message
	}{
		{"unknown top key", "feedz: []\n", 1, []string{`unknown key "feedz" at the top level`, "allowed: feeds, refresh, ui, keymap, clean"}},
		{"unknown feed key", "feeds:\n  - url: https://a.example/x\n    titel: X\n", 3, []string{`unknown key "titel" in feeds[0]`, "allowed: url, title, folder, tags, full_text, interval, html_url"}},
		{"unknown refresh key", "refresh:\n  workers: 3\n", 2, []string{`unknown key "workers" in refresh`, "concurrency, per_host, timeout, interval"}},
		{"unknown ui key", "ui:\n  colour: red\n", 2, []string{`unknown key "colour" in ui`, "theme, mouse, layout, mark_read_on_open, browser"}},
		{"unknown clean key", "clean:\n  rules: []\n", 2, []string{`unknown key "rules" in clean`, "allowed: boilerplate"}},
		{"full_text", "feeds:\n  - url: https://a.example/x\n    full_text: sometimes\n", 3, []string{"feeds[0].full_text", `invalid value "sometimes"`, "allowed: auto, always, never"}},
		{"theme", "ui:\n  theme: solarized\n", 2, []string{"ui.theme", `"solarized"`, "allowed: auto, dark, light"}},
		{"layout", "ui:\n  layout: grid\n", 2, []string{"ui.layout", `"grid"`, "allowed: auto, wide, stacked, single"}},
		{"mouse not bool", "ui:\n  mouse: sometimes\n", 2, []string{"ui.mouse", "allowed: true, false"}},
		{"mark read not bool", "ui:\n  mark_read_on_open: 1\n", 2, []string{"ui.mark_read_on_open", "allowed: true, false"}},
		{"ftp url", "feeds:\n  - url: ftp://a.example/x\n", 2, []string{"feeds[0].url", `scheme "ftp"`, "allowed: http:// or https:// URLs"}},
		{"file url", "feeds:\n  - url: file:///etc/passwd\n", 2, []string{"feeds[0].url", "only http and https"}},
		{"exec url", "feeds:\n  - url: 'exec:curl x | sh'\n", 2, []string{"feeds[0].url", "exec:"}},
		{"relative url", "feeds:\n  - url: example.org/feed\n", 2, []string{"no scheme"}},
		{"no host", "feeds:\n  - url: 'https:///feed'\n", 2, []string{"no host"}},
		{"shell meta", "feeds:\n  - url: 'https://a.example/x;rm -rf ~'\n", 2, []string{"feeds[0].url"}},
		{"missing url", "feeds:\n  - title: X\n", 2, []string{"feeds[0]", "no url"}},
		{"feed not mapping", "feeds:\n  - https://a.example/x\n", 2, []string{"feeds[0]", "must be a mapping"}},
		{"feeds not list", "feeds: https://a.example/x\n", 1, []string{"feeds", "must be a list"}},
		{"duplicate url", "feeds:\n  - url: https://a.example/x\n  - url: https://A.EXAMPLE/x\n", 3, []string{"feeds[1].url", "duplicate feed", "line 2"}},
		{"zero concurrency", "refresh:\n  concurrency: 0\n", 2, []string{"refresh.concurrency", "out of range", "from 1 to 256"}},
		{"negative concurrency", "refresh:\n  concurrency: -3\n", 2, []string{"refresh.concurrency", "from 1 to 256"}},
		{"concurrency text", "refresh:\n  concurrency: lots\n", 2, []string{"refresh.concurrency", `"lots"`}},
		{"zero per_host", "refresh:\n  per_host: 0\n", 2, []string{"refresh.per_host", "from 1 to 64"}},
		{"negative keep_days", "refresh:\n  keep_days: -1\n", 2, []string{"refresh.keep_days", "-1 is out of range", "from 0 to 36500"}},
		{"keep_days too big", "refresh:\n  keep_days: 99999\n", 2, []string{"refresh.keep_days", "from 0 to 36500"}},
		{"keep_days text", "refresh:\n  keep_days: 30d\n", 2, []string{"refresh.keep_days", `invalid value "30d"`, "a whole number"}},
		{"keep_days fraction", "refresh:\n  keep_days: 1.5\n", 2, []string{"refresh.keep_days", `"1.5"`}},
		{"bad duration", "refresh:\n  timeout: 30x\n", 2, []string{"refresh.timeout", `invalid duration "30x"`, `"30s"`}},
		{"duration without unit", "refresh:\n  interval: 30\n", 2, []string{"refresh.interval", "no unit", `"30s"`}},
		{"negative duration", "refresh:\n  timeout: -5s\n", 2, []string{"refresh.timeout", "too short"}},
		{"feed interval too short", "feeds:\n  - url: https://a.example/x\n    interval: 5s\n", 3, []string{"feeds[0].interval", "at least 1m0s"}},
		{"escape in title", "feeds:\n  - url: https://a.example/x\n    title: \"\\e]52;c;aGk=\\a\"\n", 3, []string{"feeds[0].title", "control character U+001B", "one line of text"}},
		{"newline in folder", "feeds:\n  - url: https://a.example/x\n    folder: |\n      a\n      b\n", 3, []string{"feeds[0].folder", "U+000A"}},
		{"bidi in tag", "feeds:\n  - url: https://a.example/x\n    tags: [\"\\u202Eevil\"]\n", 3, []string{"feeds[0].tags", "bidi control U+202E"}},
		{"unknown action", "keymap:\n  teleport: [t]\n", 2, []string{`unknown keymap action "teleport"`, "allowed: up, down"}},
		{"empty key list", "keymap:\n  star: []\n", 2, []string{"keymap.star", "empty key list"}},
		{"bad key name", "keymap:\n  star: [Enter]\n", 2, []string{"keymap.star", `write "enter"`}},
		{"bad modifier order", "keymap:\n  star: [shift+ctrl+x]\n", 2, []string{"keymap.star", "in the order ctrl+alt+shift"}},
		{"key conflict", "keymap:\n  star: [a]\n", 2, []string{`key "a" is bound to both "star" and "archive"`}},
		{"bad regexp", "clean:\n  boilerplate: ['(unclosed']\n", 2, []string{"clean.boilerplate[0]", "invalid pattern", "RE2"}},
		{"repeated key", "ui:\n  theme: dark\n  theme: light\n", 3, []string{"ui.theme", "repeated", "line 2"}},
		{"alias", "x: &a dark\nui:\n  theme: *a\n", 1, []string{"unknown key \"x\""}},
		{"alias value", "ui:\n  theme: &a dark\n  layout: *a\n", 3, []string{"aliases"}},
		{"top level list", "- a\n- b\n", 1, []string{"must be a mapping"}},
		{"syntax error", "ui:\n  theme: dark\n  layout: x: y\n", 3, []string{"invalid YAML"}},
		{"tab indentation", "ui:\n\ttheme: dark\n", 2, []string{"invalid YAML"}},
		{"two documents", "ui:\n  theme: dark\n---\nui: {}\n", 3, []string{"one YAML document"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse([]byte(tc.src), "/home/u/.config/sitrep/config.yaml")
			if err == nil {
				t.Fatalf("no error for:\n%s", tc.src)
			}
			msg := err.Error()
			prefix := "/home/u/.config/sitrep/config.yaml:" + strconv.Itoa(tc.line) + ":"
			if !strings.HasPrefix(msg, prefix) {
				t.Errorf("error %q does not start with %q", msg, prefix)
			}
			for _, w := range tc.want {
				if !strings.Contains(msg, w) {
					t.Errorf("error %q lacks %q", msg, w)
				}
			}
			var ce *Error
			if !errors.As(err, &ce) || ce.File == "" || ce.Line != tc.line {
				t.Errorf("errors.As(*Error) = %+v", ce)
			}
		})
	}
}

func TestAllErrorsReported(t *testing.T) {
	src := "ui:\n  theme: neon\n  layout: grid\nrefresh:\n  timeout: 3x\nbogus: 1\n"
	_, err := Parse([]byte(src), "c.yaml")
	var es Errors
	if !errors.As(err, &es) {
		t.Fatalf("err = %v", err)
	}
	if len(es) != 4 {
		t.Fatalf("got %d errors, want 4:\n%v", len(es), err)
	}
	lines := []int{2, 3, 5, 6}
	for i, e := range es {
		if e.Line != lines[i] {
			t.Errorf("error %d on line %d, want %d: %v", i, e.Line, lines[i], e)
		}
	}
}

func TestFirstRunWritesDefault(t *testing.T) {
	path := filepath.Join(t.TempDir(), "nested", "sitrep", "config.yaml")
	c, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("default config not written: %v", err)
	}
	if string(data) != string(DefaultYAML) {
		t.Error("written file differs from DefaultYAML")
	}
	if !c.Created {
		t.Error("Created not set on first run")
	}
	if n := len(c.Feeds); n < 12 || n > 20 {
		t.Errorf("default has %d feeds, want 12-20", n)
	}
	folders := map[string]bool{}
	for _, f := range c.Feeds {
		if f.Folder == "" || f.Title == "" {
			t.Errorf("default feed without folder or title: %+v", f)
		}
		folders[f.Folder] = true
	}
	for _, want := range []string{"World", "South and Central Asia", "Middle East", "Africa", "Europe", "UN and Relief"} {
		if !folders[want] {
			t.Errorf("default lacks folder %q", want)
		}
	}
	if c.Refresh != (Refresh{16, 2, 30 * time.Second, 30 * time.Minute, 0}) {
		t.Errorf("default refresh = %+v", c.Refresh)
	}
	// A second Load reads the file and does not rewrite it.
	if err := os.WriteFile(path, []byte("ui:\n  theme: light\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	c, err = Load(path)
	if err != nil || c.UI.Theme != "light" || len(c.Feeds) != 0 || c.Created {
		t.Fatalf("reload: %v %+v", err, c)
	}
}

func TestLoadErrors(t *testing.T) {
	dir := t.TempDir()
	if _, err := Load(dir); err == nil || !strings.Contains(err.Error(), "directory") {
		t.Errorf("Load(dir) = %v", err)
	}
	ro := filepath.Join(dir, "ro")
	if err := os.Mkdir(ro, 0o500); err != nil {
		t.Fatal(err)
	}
	if os.Getuid() != 0 { // root writes anywhere
		if _, err := Load(filepath.Join(ro, "config.yaml")); err == nil {
			t.Error("Load in read-only dir: no error")
		}
	}
	big := filepath.Join(dir, "big.yaml")
	if err := os.WriteFile(big, make([]byte, MaxConfigSize+1), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Load(big); err == nil || !strings.Contains(err.Error(), "larger than") {
		t.Errorf("Load(big) = %v", err)
	}
	bad := filepath.Join(dir, "bad.yaml")
	os.WriteFile(bad, []byte("ui:\n  theme: neon\n"), 0o644)
	_, err := Load(bad)
	if err == nil || !strings.HasPrefix(err.Error(), bad+":2:") {
		t.Errorf("Load(bad) = %v", err)
	}
}

func TestBillionLaughsYAML(t *testing.T) {
	src := `a: &a ["x","x","x","x","x","x","x","x","x"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
feeds: *g
`
	_, err := Parse([]byte(src), "lol.yaml")
	if err == nil {
		t.Fatal("no error")
	}
}
