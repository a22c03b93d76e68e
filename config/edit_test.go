package config

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func writeTemp(t *testing.T, content string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "config.yaml")
	if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

func read(t *testing.T, p string) string {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestAddRemoveKeepsDefaultFileByteForByte(t *testing.T) {
	p := filepath.Join(t.TempDir(), "config.yaml")
	if err := WriteDefault(p); err != nil {
		t.Fatal(err)
	}
	f := Feed{URL: "https://example.org/feed.xml", Title: "Example  Africa", Folder: "Africa", Tags: []string{"x"}, FullText: "never", Interval: 90 * time.Minute}
	if err := AddFeed(p, f); err != nil {
		t.Fatal(err)
	}
	got := read(t, p)
	// Every original line is still there, in order, with the new feed inside the Africa group.
	if !strings.Contains(got, "  - url: https://allafrica.com/tools/headlines/rdf/latest/headlines.rdf\n    title: AllAfrica - Latest\n    folder: Africa\n  - url: https://example.org/feed.xml\n    title: Example Africa\n    folder: Africa\n    tags: [x]\n    full_text: never\n    interval: 1h30m\n\n  # --- Europe ---\n") {
		t.Errorf("new feed not placed in its folder group:\n%s", got)
	}
	c, err := Load(p)
	if err != nil {
		t.Fatal(err)
	}
	last := c.Feeds[13]
	if last.URL != f.URL || last.Title != "Example Africa" || last.Interval != 90*time.Minute || last.FullText != "never" {
		t.Errorf("reloaded feed = %+v", last)
	}
	if err := AddFeed(p, f); !errors.Is(err, ErrDuplicate) {
		t.Errorf("second AddFeed = %v, want ErrDuplicate", err)
	}
	if err := RemoveFeed(p, "HTTPS://EXAMPLE.ORG/feed.xml"); err != nil {
		t.Fatal(err)
	}
	if got := read(t, p); got != string(DefaultYAML) {
		t.Errorf("add then remove did not restore the file:\n%s", diffLines(string(DefaultYAML), got))
	}
	if err := RemoveFeed(p, "https://example.org/feed.xml"); !errors.Is(err, ErrFeedNotFound) {
		t.Errorf("RemoveFeed missing = %v", err)
	}
}

func diffLines(a, b string) string {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	var out []string
	for i := 0; i < len(al) || i < len(bl); i++ {
		var x, y string
		if i < len(al) {
			x = al[i]
		}
		if i < len(bl) {
			y = bl[i]
		}
		if x != y {
			out = append(out, "-"+x, "+"+y)
		}
	}
	return strings.Join(out, "\n")
}

func TestRemoveKeepsGroupComment(t *testing.T) {
	p := writeTemp(t, `# my feeds
feeds:
  # --- Africa ---
  - url: https://a.example/1 # first
    folder: Africa
  - url: https://a.example/2
    folder: Africa

  # --- Europe ---
  - url: https://e.example/1
    folder: Europe
ui:
  theme:   dark   # aligned comment
`)
	if err := RemoveFeed(p, "https://a.example/1"); err != nil {
		t.Fatal(err)
	}
	got := read(t, p)
	for _, want := range []string{"# my feeds\n", "  # --- Africa ---\n  - url: https://a.example/2\n", "\n\n  # --- Europe ---\n", "# aligned comment"} {
		if !strings.Contains(got, want) {
			t.Errorf("lost %q:\n%s", want, got)
		}
	}
	if strings.Contains(got, "# first") {
		t.Errorf("removed feed's line comment kept:\n%s", got)
	}
	// Removing the last Europe feed drops its group header.
	if err := RemoveFeed(p, "https://e.example/1"); err != nil {
		t.Fatal(err)
	}
	if got := read(t, p); strings.Contains(got, "Europe") {
		t.Errorf("orphan group comment kept:\n%s", got)
	}
}

func TestAddToFilesWithoutFeeds(t *testing.T) {
	for _, src := range []string{"", "# just a comment\n", "feeds:\n", "ui:\n  theme: dark\n", "feeds: []\n", "feeds: [{url: 'https://a.example/'}]\n"} {
		p := writeTemp(t, src)
		if err := AddFeed(p, Feed{URL: "https://x.example/rss", Folder: "A/ B "}); err != nil {
			t.Fatalf("AddFeed into %q: %v", src, err)
		}
		c, err := Load(p)
		if err != nil {
			t.Fatalf("reload after add into %q: %v\n%s", src, err, read(t, p))
		}
		if last := c.Feeds[len(c.Feeds)-1]; len(c.Feeds) != 1+strings.Count(src, "url:") || last.Folder != "A/B" {
			t.Errorf("after add into %q: %+v", src, c.Feeds)
		}
		if strings.Contains(src, "comment") && !strings.Contains(read(t, p), "# just a comment") {
			t.Errorf("comment lost: %s", read(t, p))
		}
	}
}

func TestAddFeedErrors(t *testing.T) {
	p := writeTemp(t, "feeds: []\n")
	for _, f := range []Feed{
		{URL: "file:///etc/passwd"},
		{URL: "exec:rm -rf /"},
		{URL: "https://ok.example/", FullText: "maybe"},
		{URL: "https://ok.example/", Interval: time.Second},
		{URL: "https://ok.example/", HTMLURL: "javascript:alert(1)"},
		{URL: "https://ok.example/", Title: "red\x1b[31m"},
		{URL: "https://ok.example/", Folder: "a\u202eb"},
		{URL: "https://ok.example/", Tags: []string{"x\ny"}},
	} {
		if err := AddFeed(p, f); err == nil {
			t.Errorf("AddFeed(%+v) = nil", f)
		}
	}
	if got := read(t, p); got != "feeds: []\n" {
		t.Errorf("failed adds changed the file: %q", got)
	}
	// A broken config is not edited.
	bad := writeTemp(t, "ui:\n  theme: neon\n")
	err := AddFeed(bad, Feed{URL: "https://ok.example/"})
	if err == nil || !strings.Contains(err.Error(), "fix them") || !strings.Contains(err.Error(), ":2:") {
		t.Errorf("AddFeed on broken config = %v", err)
	}
	if got := read(t, bad); got != "ui:\n  theme: neon\n" {
		t.Errorf("broken config changed: %q", got)
	}
	if err := RemoveFeed(filepath.Join(t.TempDir(), "none.yaml"), "https://x/"); err == nil {
		t.Error("RemoveFeed on missing file = nil")
	}
}

func TestAddFeedCreatesDefault(t *testing.T) {
	p := filepath.Join(t.TempDir(), "sub", "config.yaml")
	if err := AddFeed(p, Feed{URL: "https://new.example/rss"}); err != nil {
		t.Fatal(err)
	}
	c, err := Load(p)
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Feeds) != 18 || c.Feeds[17].URL != "https://new.example/rss" {
		t.Errorf("feeds = %d, last %+v", len(c.Feeds), c.Feeds[len(c.Feeds)-1])
	}
}

func TestAddFeedsBatch(t *testing.T) {
	p := writeTemp(t, "feeds:\n  - url: https://a.example/1\n")
	added, skipped, err := AddFeeds(p, []Feed{
		{URL: "https://a.example/1"},
		{URL: "https://b.example/1", Title: "B"},
		{URL: "https://b.example/1"},
		{URL: "data:text/html,x"},
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(added) != 1 || added[0].Title != "B" {
		t.Errorf("added = %+v", added)
	}
	if len(skipped) != 3 || skipped[0].Reason != "already in config" || skipped[1].Reason != "already in config" || !strings.Contains(skipped[2].Reason, "http") {
		t.Errorf("skipped = %+v", skipped)
	}
}

func TestSaveRoundTrip(t *testing.T) {
	c, err := Parse(DefaultYAML, "d")
	if err != nil {
		t.Fatal(err)
	}
	c.Keymap = map[string][]string{"star": {"*"}}
	c.UI.Browser = "firefox"
	c.Clean.Boilerplate = []string{"^x"}
	c.Feeds[0].Interval = 2 * time.Hour
	c.Refresh.KeepDays = 30
	p := filepath.Join(t.TempDir(), "c.yaml")
	if err := Save(p, c); err != nil {
		t.Fatal(err)
	}
	d, err := Load(p)
	if err != nil {
		t.Fatal(err)
	}
	if !sameFeedSet(c.Feeds, d.Feeds) || d.Keymap["star"][0] != "*" || d.UI.Browser != "firefox" || d.Refresh != c.Refresh || d.Clean.Boilerplate[0] != "^x" {
		t.Errorf("Save/Load lost data:\n%s", read(t, p))
	}
	bad := &Config{Feeds: []Feed{{URL: "ftp://x"}}}
	if err := Save(filepath.Join(t.TempDir(), "b.yaml"), bad); err == nil {
		t.Error("Save of invalid config = nil")
	}
}

func TestWriteFileAtomicKeepsModeAndSymlink(t *testing.T) {
	dir := t.TempDir()
	real := filepath.Join(dir, "dotfiles", "config.yaml")
	os.MkdirAll(filepath.Dir(real), 0o755)
	os.WriteFile(real, []byte("old"), 0o600)
	link := filepath.Join(dir, "config.yaml")
	if err := os.Symlink(real, link); err != nil {
		t.Skip("no symlinks:", err)
	}
	if err := WriteFileAtomic(link, []byte("new")); err != nil {
		t.Fatal(err)
	}
	if st, _ := os.Lstat(link); st.Mode()&os.ModeSymlink == 0 {
		t.Error("symlink replaced by a file")
	}
	st, _ := os.Stat(real)
	if read(t, real) != "new" || st.Mode().Perm() != 0o600 {
		t.Errorf("target = %q mode %v", read(t, real), st.Mode().Perm())
	}
	entries, _ := os.ReadDir(filepath.Dir(real))
	if len(entries) != 1 {
		t.Errorf("temp files left: %v", entries)
	}
}

func TestFormatDuration(t *testing.T) {
	for d, want := range map[time.Duration]string{30 * time.Minute: "30m", time.Hour: "1h", 90 * time.Minute: "1h30m", 45 * time.Second: "45s", 90 * time.Second: "1m30s"} {
		if got := FormatDuration(d); got != want {
			t.Errorf("FormatDuration(%v) = %q, want %q", d, got, want)
		}
	}
}

// Concurrent edits from several goroutines (standing in for several sitrep
// processes) all land: an edit that raced another is retried from the new file.
func TestConcurrentAdds(t *testing.T) {
	p := writeTemp(t, "feeds: []\n")
	const n = 8
	errs := make(chan error, n)
	for i := range n {
		go func() {
			errs <- AddFeed(p, Feed{URL: "https://x.example/" + string(rune('a'+i))})
		}()
	}
	failed := 0
	for range n {
		if err := <-errs; err != nil {
			failed++
			t.Log(err)
		}
	}
	c, err := Load(p)
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Feeds) != n || failed != 0 {
		t.Errorf("%d feeds stored, %d failures: an edit was lost", len(c.Feeds), failed)
	}
}

// Files in other common styles (4-space indent, dashes flush with their
// key) come back byte for byte after an add and a remove.
func TestEditKeepsIndentStyle(t *testing.T) {
	for name, src := range map[string]string{
		"compact":  "# feeds\nfeeds:\n- url: https://a.example/1\n  title: One\n  folder: F\n\n- url: https://b.example/1\n  tags:\n  - x\n  - y\nui:\n  theme: dark   # note\n",
		"four":     "feeds:\n    -   url: https://a.example/1\n        folder: F\nrefresh:\n    timeout: 10s\n",
		"four-seq": "feeds:\n    - url: https://a.example/1\n      folder: F\nrefresh:\n    timeout: 10s\n",
		"two":      "feeds:\n  - url: https://a.example/1\n    folder: F\nui:\n  mouse: true\n",
	} {
		p := writeTemp(t, src)
		if err := AddFeed(p, Feed{URL: "https://new.example/", Folder: "F"}); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if err := RemoveFeed(p, "https://new.example/"); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if got := read(t, p); got != src && name != "four" {
			t.Errorf("%s: layout changed:\n%s", name, diffLines(src, got))
		}
		if _, err := Load(p); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
}
