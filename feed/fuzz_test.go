package feed

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"
)

// FuzzParse runs the pre-pass and gofeed on arbitrary bytes. Properties: no
// panic; a nil error means a feed; the items handed to the store carry no
// terminal controls in one-line fields and only http(s) links.
// Seeds: our testdata and a sample of the feedparser corpus (when present).
// Long runs: go test -run '^$' -fuzz FuzzParse -fuzztime 60s ./feed/
func FuzzParse(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("testdata", "*"))
	corpus, _ := filepath.Glob(filepath.Join(corpusDir, "tests", "*", "*.xml"))
	for i, p := range corpus {
		if i%8 == 0 { // ~50 files across the groups keep the seed run short
			files = append(files, p)
		}
	}
	for _, p := range files {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b, "", "https://fuzz.example/feed")
		}
	}
	f.Add([]byte(`<rss><channel><item><title>&#27;]52;c;x&#7;</title><link>javascript:x</link></item>`), "text/xml; charset=utf-16", "")
	f.Add([]byte("\xff\xfe<\x00r\x00s\x00s\x00>\x00"), "", "")
	f.Add([]byte(`{"version":"https://jsonfeed.org/version/1.1","items":[{"id":"1","title":"\u001b[2J"}]}`), "application/feed+json", "")
	c := mustCleaner(f)
	f.Fuzz(func(t *testing.T, body []byte, contentType, feedURL string) {
		p, err := Parse(body, contentType, feedURL)
		if err != nil {
			if p != nil {
				t.Fatalf("error %v with a non-nil result", err)
			}
			return
		}
		if p.Feed == nil {
			t.Fatal("nil feed without an error")
		}
		for _, it := range Items(p, c) {
			for name, s := range map[string]string{"title": it.Title, "author": it.Author, "url": it.URL} {
				if i := strings.IndexFunc(s, func(r rune) bool { return unicode.IsControl(r) || r == 0x1b }); i >= 0 {
					t.Fatalf("%s %q has a control character at %d", name, s, i)
				}
			}
			if it.URL != "" && !strings.HasPrefix(it.URL, "http://") && !strings.HasPrefix(it.URL, "https://") {
				t.Fatalf("non-web link %q", it.URL)
			}
		}
	})
}
