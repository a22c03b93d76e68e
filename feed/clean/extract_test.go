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
	"golang.org/x/text/encoding/charmap"
)

// page is one offline test page with the article text it should give.
type page struct {
	name string
	html []byte
	gold string
}

func loadPages(t testing.TB, dir string, atLeast int) []page {
	t.Helper()
	files, err := filepath.Glob(filepath.Join("testdata", dir, "*.html"))
	if err != nil || len(files) < atLeast {
		t.Fatalf("want at least %d pages in testdata/%s, got %d (%v)", atLeast, dir, len(files), err)
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
// extraction and keeps sitrep's figures from regressing. testdata/pages is
// the development set (the pruning and rules were refined on it);
// testdata/pages-heldout was written after they were frozen and is only
// measured (a held-out set that has been looked at moves into pages, and a
// new one is written). docs/clean.md reports both, with go-trafilatura measured in
// testdata/trafcompare (a separate module: it is not a dependency of sitrep).
func TestExtractionQuality(t *testing.T) {
	sets := []struct {
		dir        string
		atLeast    int
		minP, minR float64 // floors for sitrep's mean precision and recall
	}{
		{"pages", 8, 0.98, 0.98},
		{"pages-heldout", 4, 0.95, 0.93},
	}
	for _, set := range sets {
		pages := loadPages(t, set.dir, set.atLeast)
		for _, ex := range extractors {
			mp, mr := measure(t, ex, pages)
			t.Logf("%-14s %-38s MEAN over %d pages: P=%.3f R=%.3f F1=%.3f", set.dir, ex.name, len(pages), mp, mr, f1(mp, mr))
			if strings.HasPrefix(ex.name, "sitrep") && (mp < set.minP || mr < set.minR) {
				t.Errorf("%s: sitrep extraction P=%.3f R=%.3f below floors %.2f/%.2f", set.dir, mp, mr, set.minP, set.minR)
			}
		}
	}
}

func measure(t *testing.T, ex extractor, pages []page) (mp, mr float64) {
	for _, pg := range pages {
		got := ex.run(pg.html, "https://news.example/"+pg.name)
		p, r := prf(got, pg.gold)
		mp += p
		mr += r
		t.Logf("%-38s %-24s P=%.3f R=%.3f", ex.name, pg.name, p, r)
	}
	n := float64(len(pages))
	return mp / n, mr / n
}

func TestPageCharsets(t *testing.T) {
	c := mustNew(t)
	body := strings.Repeat("<p>Кабул и Исламабад договорились продолжить переговоры в Стамбуле на следующей неделе, сообщили официальные лица обеих стран.</p>", 6)
	page := `<html><head><meta charset="windows-1251"><title>Переговоры</title></head><body><article>` + body + `</article></body></html>`
	cp1251, err := charmap.Windows1251.NewEncoder().String(page)
	if err != nil {
		t.Fatal(err)
	}
	for name, in := range map[string]string{"windows-1251 bytes": cp1251, "already UTF-8 despite the meta tag": page} {
		a, err := c.Page([]byte(in), "https://x.example/ru")
		if err != nil || !strings.Contains(a.Text, "Кабул и Исламабад договорились") || a.Title != "Переговоры" {
			t.Errorf("%s: err %v, title %q, text %.80q", name, err, a.Title, a.Text)
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
