package config

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzLoad: any bytes give a config or an error, never a panic; an accepted
// config survives Save and reload unchanged, and every feed URL in it is valid.
func FuzzLoad(f *testing.F) {
	f.Add(DefaultYAML)
	for _, s := range []string{
		"", "feeds: []\n", "ui:\n  theme: dark\n", "keymap:\n  star: [\"*\"]\n",
		"feeds:\n  - url: https://a.example/\n    tags: [x, y]\n    interval: 1h\n",
		"refresh:\n  concurrency: 0\n  timeout: 30x\n", "a: &a [*a]\n", "- a\n", "{feeds: [{url: 'file:///'}]}",
		"feeds:\n  - url: https://a.example/\n    title: \"\\e]52;c;x\\a\"\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := Parse(data, "fuzz.yaml")
		if err != nil {
			if !strings.HasPrefix(err.Error(), "fuzz.yaml") {
				t.Fatalf("error does not name the file: %v", err)
			}
			return
		}
		for _, fd := range c.Feeds {
			if _, err := ValidateFeedURL(fd.URL); err != nil {
				t.Fatalf("accepted invalid URL %q", fd.URL)
			}
		}
		if _, err := c.Actions(); err != nil {
			t.Fatalf("accepted invalid keymap: %v", err)
		}
		out, err := encodeNode(ConfigNode(c))
		if err != nil {
			t.Fatalf("encode accepted config: %v", err)
		}
		d, err := Parse(out, "fuzz.yaml")
		if err != nil {
			t.Fatalf("saved config does not load: %v\n%s", err, out)
		}
		if !sameFeedSet(c.Feeds, d.Feeds) || c.Refresh != d.Refresh || c.UI.Theme != d.UI.Theme || c.UI.MarkRead() != d.UI.MarkRead() {
			t.Fatalf("save/load changed the config:\n%+v\n%+v", c, d)
		}
		if len(c.Keymap) != len(d.Keymap) || (len(c.Keymap) > 0 && !reflect.DeepEqual(c.Keymap, d.Keymap)) {
			t.Fatalf("keymap changed: %v -> %v", c.Keymap, d.Keymap)
		}
	})
}

// FuzzImportOPML: any bytes give feeds or an error, never a panic; imported
// feeds have valid http(s) URLs and terminal-safe titles, folders and tags;
// an export of them imports back to the same feeds.
func FuzzImportOPML(f *testing.F) {
	files, _ := filepath.Glob("testdata/*.opml")
	for _, p := range files {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b)
		}
	}
	for _, s := range []string{
		``, `<opml><body/></opml>`,
		`<opml><body><outline text="a"><outline text="b" xmlUrl="https://x.example/"/></outline></body></opml>`,
		`<opml><body><outline text="&#27;]0;x&#7;" xmlUrl="https://x.example/" category="a,b"/></body></opml>`,
		"<opml><body><outline text=\"\x1b[2J\" xmlUrl=\"https://x.example/\"/></body></opml>",
		`<opml><body><outline xmlUrl="exec:sh"/></body></opml>`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		feeds, _, err := ImportOPML(bytes.NewReader(data))
		if err != nil {
			return
		}
		for _, fd := range feeds {
			if _, err := ValidateFeedURL(fd.URL); err != nil {
				t.Fatalf("imported invalid URL %q: %v", fd.URL, err)
			}
			for _, s := range append([]string{fd.Title, fd.Folder}, fd.Tags...) {
				if !utf8.ValidString(s) || strings.ContainsFunc(s, unsafeRune) {
					t.Fatalf("unsafe text imported: %q", s)
				}
			}
		}
		var buf bytes.Buffer
		if err := ExportOPML(&buf, feeds); err != nil {
			t.Fatal(err)
		}
		again, skipped, err := ImportOPML(&buf)
		if err != nil || len(skipped) != 0 || len(again) != len(feeds) {
			t.Fatalf("export does not re-import: %v, skipped %+v\n%s", err, skipped, buf.String())
		}
		for i := range feeds {
			if again[i].URL != feeds[i].URL {
				t.Fatalf("round trip changed URL %q -> %q", feeds[i].URL, again[i].URL)
			}
		}
	})
}

func unsafeRune(r rune) bool {
	return (r < 0x20) || r == 0x7f || (r >= 0x80 && r <= 0x9f) || isShielded(r) ||
		(r >= 0x202a && r <= 0x202e) || (r >= 0x2066 && r <= 0x2069)
}
