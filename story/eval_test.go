package story

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"sort"
	"testing"
	"time"

	"github.com/sitrep-news/sitrep/summarize"
)

type labelled struct {
	Story     string    `json:"story"`
	Outlet    string    `json:"outlet"`
	Published time.Time `json:"published"`
	Title     string    `json:"title"`
	Text      string    `json:"text"`
}

func loadLabelled(t testing.TB) []labelled {
	t.Helper()
	f, err := os.Open("testdata/stories.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []labelled
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		var l labelled
		if err := json.Unmarshal(sc.Bytes(), &l); err != nil {
			t.Fatalf("stories.jsonl line %d: %v", len(out)+1, err)
		}
		out = append(out, l)
	}
	return out
}

// docFromAnalysis builds a Doc through the real briefing engine, the way the
// refresh pipeline does.
func docFromAnalysis(id int64, l labelled) Doc {
	an := summarize.Analyze(summarize.Input{Title: l.Title, Text: l.Text, Published: l.Published})
	return DocFromAnalysis(id, l.Published, an)
}

// pairScores computes pairwise precision and recall of predicted clusters
// against the labels: a pair is positive when both articles share a story.
func pairScores(gold []string, pred []int64) (precision, recall float64) {
	var tp, fp, fn int
	for i := range gold {
		for j := i + 1; j < len(gold); j++ {
			same, together := gold[i] == gold[j], pred[i] == pred[j]
			switch {
			case same && together:
				tp++
			case !same && together:
				fp++
			case same && !together:
				fn++
			}
		}
	}
	precision, recall = 1, 1
	if tp+fp > 0 {
		precision = float64(tp) / float64(tp+fp)
	}
	if tp+fn > 0 {
		recall = float64(tp) / float64(tp+fn)
	}
	return
}

func TestClusteringQualityOnLabelledSet(t *testing.T) {
	arts := loadLabelled(t)
	// Feed articles in publication order, as a refresh would.
	sort.SliceStable(arts, func(i, j int) bool { return arts[i].Published.Before(arts[j].Published) })
	ix := NewIndex(Options{})
	gold := make([]string, len(arts))
	pred := make([]int64, len(arts))
	stories := map[string]bool{}
	for i, a := range arts {
		gold[i] = a.Story
		stories[a.Story] = true
		pred[i] = ix.Add(int64(i+1), Sign(docFromAnalysis(int64(i+1), a))).Story
	}
	if len(arts) < 40 || len(stories) < 12 {
		t.Fatalf("labelled set too small: %d articles, %d stories", len(arts), len(stories))
	}
	p, r := pairScores(gold, pred)
	t.Logf("clustering on %d articles / %d stories: pairwise precision %.3f recall %.3f", len(arts), len(stories), p, r)
	for i := range arts {
		for j := i + 1; j < len(arts); j++ {
			if (gold[i] == gold[j]) != (pred[i] == pred[j]) {
				t.Logf("  %s: %q (%s) / %q (%s)", map[bool]string{true: "split", false: "merged"}[gold[i] == gold[j]],
					arts[i].Title, gold[i], arts[j].Title, gold[j])
			}
		}
	}
	// Floors at the measured figures, so a regression fails.
	if p < minPrecision || r < minRecall {
		t.Errorf("precision %.3f (floor %.2f), recall %.3f (floor %.2f)", p, minPrecision, r, minRecall)
	}
}

// BenchmarkClusteringThresholdSweep reports precision and recall around the
// default threshold as metrics (p@0.30, r@0.30, ...), so a change to the
// scoring shows its trade-off at a glance. It measures; the floors in
// TestClusteringQualityOnLabelledSet are what fail.
func BenchmarkClusteringThresholdSweep(b *testing.B) {
	arts := loadLabelled(b)
	sort.SliceStable(arts, func(i, j int) bool { return arts[i].Published.Before(arts[j].Published) })
	docs := make([]Signature, len(arts))
	gold := make([]string, len(arts))
	for i, a := range arts {
		docs[i] = Sign(docFromAnalysis(int64(i+1), a))
		gold[i] = a.Story
	}
	for b.Loop() {
		for _, th := range []float64{0.22, 0.25, 0.28, 0.30, 0.33} {
			ix := NewIndex(Options{Threshold: th})
			pred := make([]int64, len(arts))
			for i := range docs {
				pred[i] = ix.Add(int64(i+1), docs[i]).Story
			}
			p, r := pairScores(gold, pred)
			b.ReportMetric(p, fmt.Sprintf("p@%.2f", th))
			b.ReportMetric(r, fmt.Sprintf("r@%.2f", th))
		}
	}
}
