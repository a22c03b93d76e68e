package summarize

import (
	"math"
	"regexp"
	"sort"
	"strings"
)

// stopwords are left out of sentence similarity.
var stopwords = set(strings.Fields(`a an the and or but if of to in on at by for with from as is are was were be been
being has have had do does did it its this that these those he she they them his her their we our you your i not no
than then so such can could would should will may might must also after before over under into about against between
said says say told there here which who whom whose what when where while how all any both each other more most some
only own same very just up out off new one two per mr ms mrs`))

// summarize picks up to three sentences by TextRank centrality over
// word-overlap similarity plus a lead bias, skipping headline duplicates,
// very short sentences and sentences that are mostly a quotation. Only
// the first 60 candidates are ranked, which keeps the cost linear.
func summarize(d *doc, title string) []string {
	type cand struct {
		si    int
		words []int // sorted ids of the sentence's content words
	}
	ids := map[string]int{}
	titleWords := d.contentWords(title)
	var cs []cand
	for si, s := range d.sents {
		if len(cs) == 60 {
			break
		}
		toks := d.sentToks(si)
		nw := 0
		for _, t := range toks {
			if !t.Punct {
				nw++
			}
		}
		if nw < 6 || d.mostlyQuote(s) {
			continue
		}
		ws := map[string]bool{}
		var wid []int
		for _, t := range toks {
			if !t.Punct && !stopwords[t.Base] && len(t.Base) > 2 && !ws[t.Base] {
				ws[t.Base] = true
				id, ok := ids[t.Base]
				if !ok {
					id = len(ids)
					ids[t.Base] = id
				}
				wid = append(wid, id)
			}
		}
		if len(titleWords) > 0 && jaccard(ws, titleWords) > 0.8 {
			continue
		}
		sort.Ints(wid)
		cs = append(cs, cand{si: si, words: wid})
	}
	if len(cs) == 0 {
		return []string{}
	}
	n := len(cs)
	w := make([][]float64, n)
	for i := range w {
		w[i] = make([]float64, n)
	}
	out := make([]float64, n)
	for i := 0; i < n; i++ {
		for j := i + 1; j < n; j++ {
			ov := overlap(cs[i].words, cs[j].words)
			if ov == 0 {
				continue
			}
			den := math.Log(float64(len(cs[i].words))+1) + math.Log(float64(len(cs[j].words))+1)
			s := float64(ov) / den
			w[i][j], w[j][i] = s, s
			out[i] += s
			out[j] += s
		}
	}
	pr := make([]float64, n)
	for i := range pr {
		pr[i] = 1
	}
	next := make([]float64, n)
	for it := 0; it < 30; it++ {
		for i := 0; i < n; i++ {
			sum := 0.0
			for j := 0; j < n; j++ {
				if w[j][i] > 0 {
					sum += w[j][i] / out[j] * pr[j]
				}
			}
			next[i] = 0.15 + 0.85*sum
		}
		pr, next = next, pr
	}
	maxPR := 0.0
	for _, v := range pr {
		maxPR = math.Max(maxPR, v)
	}
	score := make([]float64, n)
	for i, c := range cs {
		score[i] = 0.6*pr[i]/maxPR + 0.4/(1+0.5*float64(c.si))
	}
	order := make([]int, n)
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return score[order[a]] > score[order[b]] })
	res := []string{}
	for _, k := range order {
		if len(res) == 3 {
			break
		}
		s := d.sents[cs[k].si]
		res = append(res, dateline.ReplaceAllString(safeLine(d.text[s.Start:s.End]), ""))
	}
	return res
}

func (d *doc) contentWords(s string) map[string]bool {
	ws := map[string]bool{}
	for _, t := range tokenize(s, 0, len(s), 0, nil) {
		if !t.Punct && !stopwords[t.Base] && len(t.Base) > 2 {
			ws[t.Base] = true
		}
	}
	return ws
}

func jaccard(a, b map[string]bool) float64 {
	if len(a) == 0 || len(b) == 0 {
		return 0
	}
	in := 0
	for k := range a {
		if b[k] {
			in++
		}
	}
	return float64(in) / float64(len(a)+len(b)-in)
}

// mostlyQuote reports whether a sentence is a quotation on its own: it
// starts with a quote mark or quotes cover more than half of it.
func (d *doc) mostlyQuote(s sentence) bool {
	txt := d.text[s.Start:s.End]
	if strings.HasPrefix(txt, "\"") || strings.HasPrefix(txt, "“") || strings.HasPrefix(txt, "'") || strings.HasPrefix(txt, "‘") {
		return true
	}
	covered := 0
	for _, q := range d.quotes {
		a, b := max(q.Start, s.Start), min(q.End, s.End)
		if a < b {
			covered += b - a
		}
	}
	return covered*2 > s.End-s.Start
}

// dateline matches a wire dateline opening a sentence: "DOHA, Nov 27
// (Reuters) - ", "KYIV (AP) — ", "GENEVA, 3 March (AFP) – ".
var dateline = regexp.MustCompile(`^[A-Z][A-Z .'’-]+(?:, [^()]{1,30})? \((?:Reuters|AP|AFP|Reuters/AP|Al Jazeera|dpa|Xinhua|Bloomberg|ANI|PTI|IANS)\) ?[-–—]+ ?`)

// overlap counts the ids two sorted lists share.
func overlap(a, b []int) int {
	n, i, j := 0, 0, 0
	for i < len(a) && j < len(b) {
		switch {
		case a[i] == b[j]:
			n++
			i++
			j++
		case a[i] < b[j]:
			i++
		default:
			j++
		}
	}
	return n
}
