// Command trafcompare measures go-trafilatura on sitrep's offline news pages
// (../pages and ../pages-heldout) with the same token precision/recall as
// feed/clean's TestExtractionQuality, for the extractor comparison in
// docs/clean.md. It is a separate module so that sitrep does not depend on
// go-trafilatura. Run: cd feed/clean/testdata/trafcompare && go run .
package main

import (
	"bytes"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"unicode"

	trafilatura "github.com/markusmobius/go-trafilatura"
)

func tokens(s string) map[string]int {
	m := map[string]int{}
	for _, w := range strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsNumber(r) && !unicode.Is(unicode.Mn, r)
	}) {
		m[w]++
	}
	return m
}

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

func main() {
	for _, dir := range []string{"../pages", "../pages-heldout"} {
		files, _ := filepath.Glob(filepath.Join(dir, "*.html"))
		sort.Strings(files)
		var sp, sr float64
		for _, f := range files {
			h, _ := os.ReadFile(f)
			g, _ := os.ReadFile(strings.TrimSuffix(f, ".html") + ".txt")
			name := strings.TrimSuffix(filepath.Base(f), ".html")
			u, _ := url.Parse("https://news.example/" + name)
			res, err := trafilatura.Extract(bytes.NewReader(h), trafilatura.Options{OriginalURL: u, ExcludeComments: true, ExcludeTables: false})
			text := ""
			if err == nil && res != nil {
				text = res.ContentText
			}
			p, r := prf(text, string(g))
			sp += p
			sr += r
			fmt.Printf("%-16s %-24s P=%.3f R=%.3f\n", filepath.Base(dir), name, p, r)
		}
		n := float64(len(files))
		mp, mr := sp/n, sr/n
		fmt.Printf("%-16s MEAN over %d pages: P=%.3f R=%.3f F1=%.3f\n", filepath.Base(dir), len(files), mp, mr, 2*mp*mr/(mp+mr))
	}
	os.Exit(0)
}
