package clean

import (
	"bytes"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"unicode"

	readability "codeberg.org/readeck/go-readability/v2"
)

// page is one offline test page with the article text it should give.
type page struct {
	name string
	html []byte
	gold string
}

func loadPages(t testing.TB) []page {
	t.Helper()
	files, err := filepath.Glob(filepath.Join("testdata", "pages", "*.html"))
	if err != nil || len(files) < 8 {
		t.Fatalf("want at least 8 pages in testdata/pages, got %d (%v)", len(files), err)
	}
	sort.Strings(files)
	var out []page
	for _, f := range files {
		h, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		g, err := os.ReadFile(strings.TrimSuffix(f, ".html") + ".txt")
		if err != nil {
			t.Fatalf("%s: expected text missing: %v", f, err)
		}
		out = append(out, page{strings.TrimSuffix(filepath.Base(f), ".html"), h, string(g)})
	}
	return out
}

// tokens are lower-cased words: the unit of the precision/recall measure.
func tokens(s string) map[string]int {
	m := map[string]int{}
	for _, w := range strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsNumber(r) && !unicode.Is(unicode.Mn, r)
	}) {
		m[w]++
	}
	return m
}

// prf returns token-level precision and recall of got against want.
func prf(got, want string) (p, r float64) {
	g, w := tokens(got), tokens(want)
	var ng, nw, both int
	for t, n := range g {
		ng += n
		both += min(n, w[t])
	}
	for _, n := range w {
		nw += n
	}
	if ng > 0 {
		p = float64(both) / float64(ng)
	}
	if nw > 0 {
		r = float64(both) / float64(nw)
	}
	return p, r
}

func f1(p, r float64) float64 {
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

// extractor is one way to get article text from a page.
type extractor struct {
	name string
	run  func(html []byte, u string) string
}

var extractors = []extractor{
	{"readability (plain text)", func(h []byte, u string) string {
		pu, _ := url.Parse(u)
		a, err := readability.FromReader(bytes.NewReader(h), pu)
		if err != nil || a.Node == nil {
			return ""
		}
		var b strings.Builder
		_ = a.RenderText(&b)
		return b.String()
	}},
	{"sitrep Page (readability + cleaning)", func(h []byte, u string) string {
		c, _ := New(nil)
		a, _ := c.Page(h, u)
		return a.Text
	}},
}

// TestExtractionQuality measures token precision and recall of article
// extraction on testdata/pages and keeps sitrep's figures from regressing.
// docs/clean.md reports them (with go-trafilatura, measured in
// testdata/trafcompare because it is not a dependency of the binary).
func TestExtractionQuality(t *testing.T) {
	const minP, minR = 0.97, 0.97 // floors for sitrep's mean precision and recall
	pages := loadPages(t)
	for _, ex := range extractors {
		var sp, sr float64
		for _, pg := range pages {
			got := ex.run(pg.html, "https://news.example/"+pg.name)
			p, r := prf(got, pg.gold)
			sp += p
			sr += r
			t.Logf("%-38s %-24s P=%.3f R=%.3f", ex.name, pg.name, p, r)
		}
		n := float64(len(pages))
		mp, mr := sp/n, sr/n
		t.Logf("%-38s MEAN over %d pages: P=%.3f R=%.3f F1=%.3f", ex.name, len(pages), mp, mr, f1(mp, mr))
		if strings.HasPrefix(ex.name, "sitrep") && (mp < minP || mr < minR) {
			t.Errorf("sitrep extraction P=%.3f R=%.3f below floors %.2f/%.2f", mp, mr, minP, minR)
		}
	}
}

func TestPageErrors(t *testing.T) {
	c := mustNew(t)
	if _, err := c.Page([]byte("<html><body></body></html>"), "https://x.example/"); err == nil {
		t.Error("empty page: no error")
	}
	if _, err := c.Page([]byte("<p>x</p>"), "not a url"); err == nil {
		t.Error("relative page URL: no error")
	}
	if _, err := c.Page(make([]byte, maxPage+1), ""); err == nil {
		t.Error("oversized page: no error")
	}
}
