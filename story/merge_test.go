package story

import (
	"testing"
	"time"

	"github.com/sitrep-news/sitrep/summarize"
)

func src(feed string, pub time.Time, facts []summarize.Fact, quotes ...summarize.Quote) Source {
	return Source{Feed: feed, Title: feed + " report", Published: pub, Analysis: summarize.Analysis{Facts: facts, Quotes: quotes}}
}

func TestMergeAgreementAndContradiction(t *testing.T) {
	holding := summarize.Fact{Kind: "ceasefire", State: "holding", Confidence: 0.8}
	violated := summarize.Fact{Kind: "ceasefire", State: "violated", Confidence: 0.9}
	collapsed := summarize.Fact{Kind: "talks", State: "collapsed", Value: "Istanbul talks", Confidence: 0.9}
	turkey := summarize.Fact{Kind: "mediator", Value: "Turkey", Confidence: 0.7}
	q := summarize.Quote{Text: "We have not violated the ceasefire", Speaker: "Zabihullah Mujahid"}
	q2 := summarize.Quote{Text: "we have NOT violated the ceasefire.", Speaker: "Mujahid"}
	r := Merge(1, []Source{
		src("Dawn", t0, []summarize.Fact{holding, collapsed, turkey}, q),
		src("Tolo", t0.Add(time.Hour), []summarize.Fact{holding, collapsed}, q2),
		src("Reuters", t0.Add(2*time.Hour), []summarize.Fact{holding, collapsed, turkey}),
		src("Express", t0.Add(3*time.Hour), []summarize.Fact{violated, holding, collapsed}),
	}, t0.Add(4*time.Hour))
	want := map[string]string{
		"ceasefire": "ceasefire: holding (3) / violated (1) ⚠",
		"talks":     "talks: collapsed (4)",
		"mediator":  "mediator: Turkey (2)",
	}
	if len(r.Facts) != len(want) {
		t.Fatalf("facts: %+v", r.Facts)
	}
	for _, g := range r.Facts {
		if got := g.Label(); got != want[g.Kind] {
			t.Errorf("%s: got %q want %q", g.Kind, got, want[g.Kind])
		}
	}
	if len(r.Quotes) != 1 || len(r.Quotes[0].Sources) != 2 {
		t.Fatalf("the same quote from two outlets must merge: %+v", r.Quotes)
	}
	if r.Latest != t0.Add(3*time.Hour) || r.Title != "Dawn report" {
		t.Errorf("latest %v title %q", r.Latest, r.Title)
	}
}

func TestRankPrefersSourcesRecencyStarsAndWeightyFacts(t *testing.T) {
	now := t0.Add(24 * time.Hour)
	one := Merge(1, []Source{src("A", now, nil)}, now)
	three := Merge(2, []Source{src("A", now, nil), src("B", now, nil), src("C", now, nil)}, now)
	if three.Score <= one.Score {
		t.Errorf("three sources %.2f must outrank one %.2f", three.Score, one.Score)
	}
	old := Merge(3, []Source{src("A", now.Add(-48*time.Hour), nil)}, now)
	if old.Score >= one.Score {
		t.Errorf("old %.2f must rank below fresh %.2f", old.Score, one.Score)
	}
	s := src("A", now, nil)
	s.Starred = true
	if st := Merge(4, []Source{s}, now); st.Score <= one.Score {
		t.Errorf("starred %.2f must outrank plain %.2f", st.Score, one.Score)
	}
	dead := Merge(5, []Source{src("A", now, []summarize.Fact{{Kind: "casualties", Value: "12 killed"}, {Kind: "talks", State: "collapsed"}})}, now)
	if dead.Score <= one.Score {
		t.Errorf("casualties and collapsed talks %.2f must outrank a plain story %.2f", dead.Score, one.Score)
	}
}
