package summarize

import (
	"strings"
	"testing"
)

type wantFact struct{ kind, state, value string }

// factCases are short wire-style articles with the facts a reader expects
// in the sidebar. Each fact state of the built-in pack appears at least once.
var factCases = []struct {
	name string
	text string
	want []wantFact
	not  []wantFact // facts that must not appear
}{
	{"ceasefire proposed", "Egypt proposed a ceasefire between Israel and Hamas on Monday.",
		[]wantFact{{"ceasefire", "proposed", ""}, {"parties", "", "Israel"}}, nil},
	{"ceasefire agreed", "Thailand and Cambodia agreed to an immediate ceasefire after five days of clashes along their border.",
		[]wantFact{{"ceasefire", "agreed", ""}, {"incident", "clash", ""}}, nil},
	{"ceasefire holding", "The truce agreed in March has largely held, with only minor incidents reported.",
		[]wantFact{{"ceasefire", "holding", ""}}, nil},
	{"ceasefire holding after agreed", "The two sides agreed a ceasefire on Sunday.\n\nThe ceasefire was holding on Tuesday, residents said.",
		[]wantFact{{"ceasefire", "holding", ""}}, nil},
	{"ceasefire violated", "Ukraine said Russia violated the Easter truce more than 2,000 times.",
		[]wantFact{{"ceasefire", "violated", ""}}, nil},
	{"ceasefire not violated", "\"We have not violated the ceasefire,\" the army spokesman said.",
		[]wantFact{{"ceasefire", "holding", ""}}, []wantFact{{"ceasefire", "violated", ""}}},
	{"ceasefire collapsed", "The fragile ceasefire in Sudan collapsed on Friday as fighting resumed in El Fasher.",
		[]wantFact{{"ceasefire", "collapsed", ""}}, nil},
	{"ceasefire extended", "Russia and Ukraine extended the energy ceasefire by another 30 days.",
		[]wantFact{{"ceasefire", "extended", ""}}, nil},
	{"ceasefire rejected", "The M23 rebels rejected the ceasefire proposed by Angola.",
		[]wantFact{{"ceasefire", "rejected", ""}}, nil},
	{"talks planned", "Iran and the United States will hold a fifth round of talks in Rome next week.",
		[]wantFact{{"talks", "planned", ""}, {"venue", "", "Rome"}}, nil},
	{"talks ongoing", "Negotiations between the two delegations are continuing in Cairo, an Egyptian official said.",
		[]wantFact{{"talks", "ongoing", ""}, {"venue", "", "Cairo"}}, nil},
	{"talks resumed", "Talks between Serbia and Kosovo resumed in Brussels on Thursday after a six-month pause.",
		[]wantFact{{"talks", "resumed", "Brussels"}, {"parties", "", "Serbia"}}, nil},
	{"talks stalled", "The negotiations on a new constitution have stalled over the question of federalism.",
		[]wantFact{{"talks", "stalled", ""}}, nil},
	{"talks collapsed", "Peace talks between Colombia's government and the ELN collapsed on Friday.",
		[]wantFact{{"talks", "collapsed", ""}}, nil},
	{"talks concluded", "The talks in Geneva concluded with a joint statement on prisoner exchanges.",
		[]wantFact{{"talks", "concluded", ""}, {"venue", "", "Geneva"}}, nil},
	{"talks rejected", "The Houthis rejected talks with the Saudi-backed government.",
		[]wantFact{{"talks", "rejected", ""}}, nil},
	{"mediator by", "The negotiations were mediated by Qatar, Egypt and the United States.",
		[]wantFact{{"mediator", "", "Qatar"}}, nil},
	{"mediator noun", "Saudi Arabia, which acted as mediator, said the talks in Jeddah would resume.",
		[]wantFact{{"mediator", "", "Saudi Arabia"}, {"talks", "planned", ""}}, nil},
	{"mediator hyphen", "The Qatar-mediated talks ended without a deal.",
		[]wantFact{{"mediator", "", "Qatar"}, {"talks", "collapsed", ""}}, nil},
	{"agreement reached", "Armenia and Azerbaijan reached an agreement on the text of a peace treaty.",
		[]wantFact{{"agreement", "reached", ""}}, nil},
	{"agreement signed", "Rwanda and the Democratic Republic of Congo signed a peace agreement in Washington in June, brokered by the United States.",
		[]wantFact{{"agreement", "signed", "Washington"}}, nil},
	{"agreement rejected", "Parliament rejected the agreement by 310 votes to 210.",
		[]wantFact{{"agreement", "rejected", ""}}, nil},
	{"agreement broken", "Israel accused Hezbollah of violating the agreement with repeated rocket fire.",
		[]wantFact{{"agreement", "broken", ""}, {"accusation", "", "Hezbollah"}}, nil},
	{"demand", "The United Nations demanded that both sides allow humanitarian convoys into the city.",
		[]wantFact{{"demand", "", "humanitarian convoys"}}, nil},
	{"demand call on", "The African Union called on the junta to release the detained president.",
		[]wantFact{{"demand", "", "release the detained president"}}, nil},
	{"accusation", "Kinshasa accused Kigali of backing the M23 rebels in North Kivu.",
		[]wantFact{{"accusation", "", "backing the M23"}}, nil},
	{"accusation denied", "The ministry denied the allegations.",
		nil, []wantFact{{"accusation", "", ""}}},
	{"incident airstrike", "An Israeli airstrike on a school in Gaza City killed at least 15 people, health officials said.",
		[]wantFact{{"incident", "airstrike", "Gaza"}, {"casualties", "", "15 killed"}}, nil},
	{"incident shelling", "Heavy shelling in Kharkiv wounded 12 civilians overnight.",
		[]wantFact{{"incident", "shelling", "Kharkiv"}, {"casualties", "", "12 injured"}}, nil},
	{"incident attack", "Gunmen attacked a church in Burkina Faso on Sunday, killing 15 worshippers.",
		[]wantFact{{"incident", "attack", ""}, {"casualties", "", "15 killed"}}, nil},
	{"incident protest", "Thousands joined a protest in Belgrade against the government.",
		[]wantFact{{"incident", "protest", "Belgrade"}}, nil},
	{"incident arrest", "Police arrested 40 people in Nairobi during the demonstrations.",
		[]wantFact{{"incident", "arrest", "Nairobi"}}, nil},
	{"incident clash", "Clashes along the Line of Control left two soldiers dead.",
		[]wantFact{{"incident", "clash", "Line of Control"}, {"casualties", "", "2 killed"}}, nil},
	{"casualties none", "Rockets hit an empty field near the border; no casualties were reported.",
		[]wantFact{{"casualties", "", "none reported"}}, nil},
	{"casualties none one", "A drone struck a warehouse in Odesa. No one was hurt, the governor said.",
		[]wantFact{{"casualties", "", "none reported"}}, nil},
	{"casualties both", "Three people were killed and 20 injured in the blast, officials said.",
		[]wantFact{{"casualties", "", "3 killed"}}, nil},
	{"negated incident", "Asif said Pakistan would respect the ceasefire as long as no cross-border attacks are launched.",
		[]wantFact{{"ceasefire", "holding", ""}}, []wantFact{{"incident", "attack", ""}}},
	{"death toll over injured", "Troops opened fire on residents, wounding two people.\n\nMore than 14,800 Palestinians have been killed since October, health officials said.",
		[]wantFact{{"casualties", "", "14,800 killed"}}, nil},
	{"economic demand is no demand", "Demand for its chips continued to outstrip supply, the company said.",
		nil, []wantFact{{"demand", "", ""}}},
	{"arrest with object", "Police arrested more than 100 demonstrators across the country.",
		[]wantFact{{"incident", "arrest", "arrested more than 100 demonstrators"}}, nil},
	{"storming is a protest", "Protesters stormed parliament in Nairobi as lawmakers passed the bill.",
		[]wantFact{{"incident", "protest", "Nairobi"}}, nil},
	{"a time is no place", "Unions called a general strike on Thursday.",
		nil, []wantFact{{"incident", "protest", "Thursday"}}},
	{"demand by unnamed subject", "Organisers called for a general strike on Thursday.",
		[]wantFact{{"demand", "", "Organisers: a general strike"}}, nil},
	{"history weighs less", "The truce agreed on Sunday is in effect.\n\nA previous truce collapsed in 2019 after both sides violated it.",
		[]wantFact{{"ceasefire", "holding", ""}}, nil},
	{"ceasefire broke down", "The ceasefire broke down within hours as shelling resumed in Donetsk.",
		[]wantFact{{"ceasefire", "collapsed", ""}, {"incident", "shelling", "Donetsk"}}, nil},
	{"ceasefire took effect", "A truce between the army and the rebels took effect at midnight.",
		[]wantFact{{"ceasefire", "holding", ""}, {"parties", "", "army"}}, nil},
	{"talks ended without agreement", "The negotiations in Vienna ended without agreement on Friday.",
		[]wantFact{{"talks", "collapsed", "Vienna"}}, nil},
	{"talks scheduled", "A new round of talks is scheduled to take place in Muscat next week.",
		[]wantFact{{"talks", "planned", ""}, {"venue", "", "Muscat"}}, nil},
	{"mediators and venue", "The talks, hosted by Oman in Muscat, were mediated by Omani Foreign Minister Badr Albusaidi.",
		[]wantFact{{"mediator", "", "Om"}, {"venue", "", "Muscat"}}, nil},
	{"deal not reached", "Negotiators failed to reach an agreement on the release of the hostages.",
		nil, []wantFact{{"agreement", "reached", ""}}},
	{"accusation blamed", "Moscow blamed Kyiv for the attack on the power plant.",
		[]wantFact{{"accusation", "", "blamed Kyiv"}}, nil},
	{"injured only", "Twelve people were injured when a drone hit a residential building in Kharkiv.",
		[]wantFact{{"casualties", "", "12 injured"}}, nil},
	{"no deaths", "The rocket landed in an open field and there were no deaths, officials said.",
		[]wantFact{{"casualties", "", "none reported"}}, nil},
	{"later outweighs earlier", "The ceasefire was agreed in October.\n\nBoth sides accused each other of violating the truce on Monday.",
		[]wantFact{{"ceasefire", "violated", ""}}, []wantFact{{"ceasefire", "agreed", ""}}},
}

func TestFactTable(t *testing.T) {
	ok := 0
	for _, c := range factCases {
		a := Analyze(Input{Text: c.text})
		good := true
		for _, w := range c.want {
			if !hasFact(a.Facts, w) {
				t.Errorf("%s: missing %+v; got %s", c.name, w, factList(a.Facts))
				good = false
			}
		}
		for _, w := range c.not {
			if hasFact(a.Facts, w) {
				t.Errorf("%s: unexpected %+v; got %s", c.name, w, factList(a.Facts))
				good = false
			}
		}
		if good {
			ok++
		}
	}
	t.Logf("fact table: %d/%d cases", ok, len(factCases))
}

func hasFact(fs []Fact, w wantFact) bool {
	for _, f := range fs {
		if f.Kind == w.kind && (w.state == "" || f.State == w.state) && strings.Contains(f.Value, w.value) {
			return true
		}
	}
	return false
}

func factList(fs []Fact) string {
	var b strings.Builder
	for _, f := range fs {
		b.WriteString("[" + f.Badge() + " " + f.Value + "] ")
	}
	return b.String()
}

func TestFactEvidenceSlicesText(t *testing.T) {
	for _, c := range factCases {
		a := Analyze(Input{Text: c.text})
		for _, f := range a.Facts {
			e := f.Evidence
			if e.Start < 0 || e.End > len(a.Text) || e.Start > e.End || a.Text[e.Start:e.End] != e.Text {
				t.Errorf("%s: evidence %+v does not slice the text", c.name, e)
			}
			if f.Confidence <= 0 || f.Confidence > 1 {
				t.Errorf("%s: confidence %v", c.name, f.Confidence)
			}
		}
	}
}

func TestGenericFacts(t *testing.T) {
	text := "Apple reported record revenue of $124 billion for the quarter on Thursday, chief executive Tim Cook said in Cupertino.\n\n" +
		"Sales of the iPhone rose 4 percent, while services revenue grew to $26 billion."
	a := Analyze(Input{Text: text, Published: seedPublished})
	kinds := map[string]bool{}
	for _, f := range a.Facts {
		kinds[f.Kind] = true
	}
	for _, k := range []string{"who", "when", "number"} {
		if !kinds[k] {
			t.Errorf("generic fact %q missing: %s", k, factList(a.Facts))
		}
	}
	for _, f := range a.Facts {
		if f.Kind == "ceasefire" || f.Kind == "talks" || f.Kind == "demand" {
			t.Errorf("conflict fact in a business story: %+v", f)
		}
		if f.Kind == "number" && !strings.ContainsAny(f.Value, "0123456789") {
			t.Errorf("number fact without a number: %+v", f)
		}
	}
}
