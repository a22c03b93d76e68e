package summarize

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestQuoteCorpus scores quote detection and attribution on short
// wire-style articles in testdata/quotes (*.txt with *.gold.tsv: quote
// text, speaker, whether the speaker is named). It reports precision,
// recall and speaker accuracy and fails below the goals.
func TestQuoteCorpus(t *testing.T) {
	files, _ := filepath.Glob("testdata/quotes/*.txt")
	if len(files) == 0 {
		t.Fatal("no corpus files in testdata/quotes")
	}
	var pred, gold, matched, named, namedRight int
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		g, err := os.ReadFile(strings.TrimSuffix(f, ".txt") + ".gold.tsv")
		if err != nil {
			t.Fatal(err)
		}
		text := string(b)
		quotes := quotesOf(text)
		pred += len(quotes)
		used := make([]bool, len(quotes))
		for _, line := range strings.Split(strings.TrimSpace(string(g)), "\n") {
			cols := strings.Split(line, "\t")
			if len(cols) != 3 {
				t.Fatalf("%s: bad gold line %q", f, line)
			}
			gold++
			found := -1
			for k, q := range quotes {
				if !used[k] && strings.Contains(q.Text, cols[0]) {
					found = k
					break
				}
			}
			if found < 0 {
				t.Logf("%s: missed %q", filepath.Base(f), cols[0])
				continue
			}
			used[found] = true
			matched++
			if cols[2] == "yes" {
				named++
				// "X's office" names X (the seed's gold accepts it too).
				if sp := quotes[found].Speaker; sp == cols[1] || strings.HasPrefix(sp, cols[1]+"'s ") {
					namedRight++
				} else {
					t.Logf("%s: %q speaker %q, want %q", filepath.Base(f), cols[0], quotes[found].Speaker, cols[1])
				}
			}
		}
		for k, q := range quotes {
			if !used[k] {
				t.Logf("%s: spurious %q by %q", filepath.Base(f), q.Text, q.Speaker)
			}
		}
	}
	p := float64(matched) / float64(max(pred, 1))
	r := float64(matched) / float64(max(gold, 1))
	f1 := 2 * p * r / max(p+r, 1e-9)
	acc := float64(namedRight) / float64(max(named, 1))
	t.Logf("quote corpus: %d gold, %d predicted, P=%.2f R=%.2f F1=%.2f, named speaker accuracy %d/%d=%.2f", gold, pred, p, r, f1, namedRight, named, acc)
	if f1 < 0.9 || acc < 0.9 {
		t.Errorf("below goals: F1=%.2f (>=0.90) speaker accuracy=%.2f (>=0.90)", f1, acc)
	}
}
