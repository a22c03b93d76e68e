package summarize

import (
	"errors"
	"strings"
	"testing"
)

const electionsPack = `pack: elections
events:
  - type: PROTEST
    cues: ["contest * results"]
facts:
  - kind: election
    topic: [election, vote, poll, runoff]
    value: phrase
    states:
      - {state: scheduled, tier: 1, cues: [schedule, "set for", "will be held"]}
      - {state: held, tier: 2, cues: ["=held", vote, "went to the polls"]}
      - {state: postponed, tier: 3, cues: [postpone, delay]}
  - kind: winner
    cues: ["won the", "declared winner", "was elected"]
    value: clause
    merge: each
`

func TestLoadUserPack(t *testing.T) {
	p, err := LoadPack("elections.yaml", []byte(electionsPack))
	if err != nil {
		t.Fatal(err)
	}
	if p.Name != "elections" {
		t.Errorf("name %q", p.Name)
	}
	an, err := New(p)
	if err != nil {
		t.Fatal(err)
	}
	if got := an.Packs(); len(got) != 2 || got[0] != "conflict" || got[1] != "elections" {
		t.Errorf("packs %v", got)
	}
	a := an.Analyze(Input{Text: "The presidential election was postponed until March, the electoral commission said.\n\n" +
		"The opposition vowed to contest the results of the previous vote."})
	if !hasFact(a.Facts, wantFact{"election", "postponed", "election"}) {
		t.Errorf("user fact missing: %s", factList(a.Facts))
	}
	found := false
	for _, e := range a.Events {
		if e.Type == "PROTEST" && e.Sentence == 1 {
			found = true
		}
	}
	if !found {
		t.Errorf("user event trigger not used: %v", a.Events)
	}
	// The built-in analysis is unchanged by a user pack being loaded elsewhere.
	b := Analyze(Input{Text: "The presidential election was postponed until March."})
	if hasFact(b.Facts, wantFact{"election", "", ""}) {
		t.Errorf("built-in analyzer used the user pack")
	}
}

func TestLoadPackErrors(t *testing.T) {
	cases := []struct{ name, yaml, want string }{
		{"syntax", "pack: x\nevents: [\n", "line"},
		{"unknown field", "pack: x\nevent:\n  - type: AGREE\n", "field event not found"},
		{"bad type", "pack: x\nevents:\n  - type: AGREEMENT\n    cues: [agree]\n", "line 3: event type \"AGREEMENT\" is not one of the 18 PLOVER types"},
		{"no cues", "pack: x\nevents:\n  - type: AGREE\n", "line 3: event group AGREE has no cues"},
		{"bad value", "pack: x\nfacts:\n  - kind: k\n    cues: [a]\n    value: magic\n", "line 3: fact k: unknown value \"magic\""},
		{"bad merge", "pack: x\nfacts:\n  - kind: k\n    cues: [a]\n    merge: all\n", "unknown merge \"all\""},
		{"no kind", "pack: x\nfacts:\n  - cues: [a]\n", "fact rule without kind"},
		{"gap at end", "pack: x\nevents:\n  - type: AGREE\n    cues: [\"agree *\"]\n", "gap (*) must be between words"},
		{"empty state", "pack: x\nfacts:\n  - kind: k\n    states:\n      - {state: s}\n", "a state needs a name and cues"},
		{"bad negated type", "pack: x\nevents:\n  - type: AGREE\n    negated_type: NOPE\n    cues: [agree]\n", "line 3: negated_type \"NOPE\" is not one of the 18 PLOVER types"},
		{"empty cue", "pack: x\nevents:\n  - type: AGREE\n    cues: [\"\"]\n", "event AGREE: empty cue"},
		{"fact without cues", "pack: x\nfacts:\n  - kind: k\n", "line 3: fact k has neither cues nor states"},
		{"bad fact cue", "pack: x\nfacts:\n  - kind: k\n    cues: [\"* talks\"]\n", "fact k: cue \"* talks\": a gap (*) must be between words"},
		{"bad state cue", "pack: x\nfacts:\n  - kind: k\n    states:\n      - {state: s, cues: [\"\"]}\n", "fact k state s: empty cue"},
	}
	for _, c := range cases {
		_, err := LoadPack("mine.yaml", []byte(c.yaml))
		if err == nil {
			t.Errorf("%s: no error", c.name)
			continue
		}
		var pe *PackError
		if !strings.Contains(err.Error(), c.want) || !errors.As(err, &pe) || (pe.Pack != "x" && pe.Pack != "mine.yaml") {
			t.Errorf("%s: error %q, want a PackError naming the pack and containing %q", c.name, err, c.want)
		}
	}
	if _, err := New(nil); err == nil {
		t.Error("New(nil) should fail")
	}
}

func TestBuiltinPackCompiles(t *testing.T) {
	p, err := LoadPack("conflict.yaml", builtinPackYAML)
	if err != nil {
		t.Fatal(err)
	}
	types := map[string]bool{}
	for _, c := range p.events {
		types[c.Type] = true
	}
	for ty := range ploverTypes {
		if !types[ty] {
			t.Errorf("built-in pack has no trigger for %s", ty)
		}
	}
	kinds := map[string]bool{}
	for _, r := range p.facts {
		kinds[r.Kind] = true
	}
	for _, k := range []string{"ceasefire", "talks", "mediator", "venue", "parties", "agreement", "demand", "accusation", "incident", "casualties"} {
		if !kinds[k] {
			t.Errorf("built-in pack lacks fact kind %s", k)
		}
	}
}

func TestInflections(t *testing.T) {
	p := builtinPack
	cases := map[string][]string{
		"agree":  {"agree", "agrees", "agreed", "agreeing"},
		"ban":    {"bans", "banned", "banning"},
		"rally":  {"rallies", "rallied", "rallying"},
		"meet":   {"met", "meets", "meeting"},
		"clash":  {"clashes", "clashed"},
		"impose": {"imposes", "imposed", "imposing"},
	}
	for lemma, forms := range cases {
		got := p.forms(lemma)
		for _, f := range forms {
			if !got[f] {
				t.Errorf("forms(%q) lacks %q", lemma, f)
			}
		}
	}
	if p.forms("=airstrikes")["airstrike"] {
		t.Error("exact cue inflected")
	}
}
