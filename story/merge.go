package story

import (
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/sitrep-news/sitrep/summarize"
)

// Source is one article of a story, with its analysis.
type Source struct {
	ArticleID int64
	Feed      string
	Title     string
	URL       string
	Published time.Time
	Starred   bool
	Analysis  summarize.Analysis
}

// StateCount is one reading of a fact kind and the sources that report it.
type StateCount struct {
	State   string   `json:"state,omitempty"`
	Value   string   `json:"value"`
	Sources []string `json:"sources"` // feed names, in story order
}

// FactGroup is a fact kind read across a story's sources. Conflict is set
// when the sources report different states for a kind that has states
// (ceasefire holding in three, violated in one).
type FactGroup struct {
	Kind     string       `json:"kind"`
	States   []StateCount `json:"states"`
	Conflict bool         `json:"conflict"`
}

// MergedQuote is a quote deduplicated across outlets.
type MergedQuote struct {
	Text    string   `json:"text"`
	Speaker string   `json:"speaker"`
	Role    string   `json:"role,omitempty"`
	Partial bool     `json:"partial"`
	Sources []string `json:"sources"`
}

// Report is a story ready for the sidebar or a briefing.
type Report struct {
	ID      int64         `json:"id"`
	Title   string        `json:"title"`
	Sources []Source      `json:"-"`
	Facts   []FactGroup   `json:"facts"`
	Quotes  []MergedQuote `json:"quotes"`
	Latest  time.Time     `json:"latest"`
	Score   float64       `json:"score"`
}

// Label renders a fact group the way the sidebar shows it:
// "ceasefire: holding (3) / violated (1) ⚠", or "mediator: Turkey (2)".
func (g FactGroup) Label() string {
	var parts []string
	for _, s := range g.States {
		v := s.State
		if v == "" {
			v = s.Value
		}
		parts = append(parts, v+" ("+strconv.Itoa(len(s.Sources))+")")
	}
	out := g.Kind + ": " + strings.Join(parts, " / ")
	if g.Conflict {
		out += " ⚠"
	}
	return out
}

// Merge builds a story's report from its sources: facts grouped by kind with
// the states each source reports (one vote per source and kind: its most
// confident fact), quotes deduplicated by normalised text, and a rank score.
func Merge(id int64, srcs []Source, now time.Time) Report {
	sort.SliceStable(srcs, func(i, j int) bool { return srcs[i].Published.Before(srcs[j].Published) })
	r := Report{ID: id, Sources: srcs, Facts: []FactGroup{}, Quotes: []MergedQuote{}}
	groups := map[string]*FactGroup{}
	var kinds []string
	quoteAt := map[string]int{} // normalised text -> index in r.Quotes
	for _, s := range srcs {
		if s.Published.After(r.Latest) {
			r.Latest = s.Published
		}
		for _, f := range bestFactPerKind(s.Analysis.Facts) {
			kind := f.Kind
			g := groups[kind]
			if g == nil {
				g = &FactGroup{Kind: kind}
				groups[kind] = g
				kinds = append(kinds, kind)
			}
			key := f.State
			if key == "" {
				key = normQuote(f.Value)
			}
			found := false
			for i := range g.States {
				k := g.States[i].State
				if k == "" {
					k = normQuote(g.States[i].Value)
				}
				if k == key {
					g.States[i].Sources = appendUniq(g.States[i].Sources, s.Feed)
					found = true
					break
				}
			}
			if !found {
				g.States = append(g.States, StateCount{State: f.State, Value: f.Value, Sources: []string{s.Feed}})
			}
		}
		for _, q := range s.Analysis.Quotes {
			k := normQuote(q.Text)
			if k == "" {
				continue
			}
			if i, ok := quoteAt[k]; ok {
				r.Quotes[i].Sources = appendUniq(r.Quotes[i].Sources, s.Feed)
				continue
			}
			quoteAt[k] = len(r.Quotes)
			r.Quotes = append(r.Quotes, MergedQuote{Text: q.Text, Speaker: q.Speaker, Role: q.Role, Partial: q.Partial, Sources: []string{s.Feed}})
		}
	}
	sort.SliceStable(r.Quotes, func(i, j int) bool {
		if a, b := r.Quotes[i].Partial, r.Quotes[j].Partial; a != b {
			return !a // full quotes first
		}
		return len(r.Quotes[i].Sources) > len(r.Quotes[j].Sources)
	})
	for _, k := range kinds {
		g := groups[k]
		sort.SliceStable(g.States, func(i, j int) bool { return len(g.States[i].Sources) > len(g.States[j].Sources) })
		g.Conflict = len(g.States) > 1 && g.States[0].State != ""
		r.Facts = append(r.Facts, *g)
	}
	if len(srcs) > 0 {
		r.Title = srcs[0].Title
	}
	r.Score = rank(r, now)
	return r
}

// bestFactPerKind keeps each kind's most confident fact, in the order the
// kinds first appear, so one source casts one vote per kind.
func bestFactPerKind(facts []summarize.Fact) []summarize.Fact {
	var out []summarize.Fact
	at := map[string]int{}
	for _, f := range facts {
		i, ok := at[f.Kind]
		switch {
		case !ok:
			at[f.Kind] = len(out)
			out = append(out, f)
		case f.Confidence > out[i].Confidence:
			out[i] = f
		}
	}
	return out
}

func appendUniq(s []string, v string) []string {
	for _, x := range s {
		if x == v {
			return s
		}
	}
	return append(s, v)
}

// normQuote folds case, quote marks and punctuation so the same quote from
// two outlets compares equal.
func normQuote(s string) string {
	return strings.Join(contentWordsAll(s), " ")
}

func contentWordsAll(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !(r >= 'a' && r <= 'z') && !(r >= '0' && r <= '9') && r < 0x80
	})
}

// weights of fact kinds and states in the briefing rank: what an analyst
// must see first.
var factWeight = map[string]float64{
	"casualties": 2, "incident": 1.5, "talks:collapsed": 2, "ceasefire:violated": 2,
	"ceasefire:collapsed": 2, "agreement": 1.5, "ceasefire:agreed": 1.5, "talks": 1,
	"ceasefire": 1, "demand": 0.5, "accusation": 0.5,
}

// rank orders stories: more sources, more recent, starred, and weighty facts.
func rank(r Report, now time.Time) float64 {
	score := 2 * float64(len(uniqueFeeds(r.Sources)))
	if !now.IsZero() && !r.Latest.IsZero() {
		age := now.Sub(r.Latest).Hours()
		if age < 0 {
			age = 0
		}
		score += 4 / (1 + age/12) // halves over the first 12 hours
	}
	for _, s := range r.Sources {
		if s.Starred {
			score += 3
			break
		}
	}
	for _, g := range r.Facts {
		w := factWeight[g.Kind]
		for _, s := range g.States {
			if x, ok := factWeight[g.Kind+":"+s.State]; ok && x > w {
				w = x
			}
		}
		score += w
	}
	return score
}

func uniqueFeeds(srcs []Source) map[string]bool {
	m := map[string]bool{}
	for _, s := range srcs {
		m[s.Feed] = true
	}
	return m
}
