package summarize

import (
	"bytes"
	_ "embed"
	"errors"
	"fmt"
	"sort"
	"strings"

	"go.yaml.in/yaml/v3"
)

// The built-in conflict/diplomacy rule pack. Every trigger word, state cue,
// role word and negator lives in this YAML file, not in Go code, so rules can
// be tuned (and user packs written) without touching the matcher.
//
//go:embed packs/conflict.yaml
var builtinPackYAML []byte

// Pack is a compiled rule pack: event triggers, fact rules and the lexicon
// (negators, clause breaks, reporting verbs) the matcher needs.
type Pack struct {
	Name string

	lex    lexicon
	events []*cue // event triggers
	facts  []*factRule
	// index maps a token form to the cues whose first word has that form.
	eventIndex map[string][]*cue
	suffixCues []*cue // event cues starting with a suffix slot
}

// packFile is the YAML shape of a pack (see docs/summarize.md).
type packFile struct {
	Pack    string         `yaml:"pack"`
	Lexicon lexiconFile    `yaml:"lexicon"`
	Events  []eventGroup   `yaml:"events"`
	Facts   []factRuleFile `yaml:"facts"`
}

type lexiconFile struct {
	Irregular    map[string][]string `yaml:"irregular"`
	Negators     []string            `yaml:"negators"`
	NegatingVerb []string            `yaml:"negating_verbs"`
	ClauseBreaks []string            `yaml:"clause_breaks"`
	Subordinate  []string            `yaml:"subordinators"`
	Reporting    []string            `yaml:"reporting"`
	Modifiers    []string            `yaml:"modifiers"`
	Background   []string            `yaml:"background"`
}

type eventGroup struct {
	Type    string   `yaml:"type"`
	Mode    string   `yaml:"mode"`
	Weight  float64  `yaml:"weight"`
	Context []string `yaml:"context"`
	Unless  []string `yaml:"unless"`
	NegType string   `yaml:"negated_type"`
	Cues    []string `yaml:"cues"`
	line    int
}

type stateFile struct {
	State   string   `yaml:"state"`
	Tier    int      `yaml:"tier"`
	Negated string   `yaml:"negated"`
	Cues    []string `yaml:"cues"`
}

type factRuleFile struct {
	Kind    string      `yaml:"kind"`
	Topic   []string    `yaml:"topic"`
	Context []string    `yaml:"context"`
	Cues    []string    `yaml:"cues"`
	States  []stateFile `yaml:"states"`
	Value   string      `yaml:"value"`
	Merge   string      `yaml:"merge"`
	Max     int         `yaml:"max"`
	Venue   bool        `yaml:"with_venue"`
	Parties bool        `yaml:"with_parties"`
	line    int
}

// lexicon holds the compiled word classes of a pack.
type lexicon struct {
	irregular  map[string][]string
	negators   map[string]bool
	negVerbs   map[string]bool // "failed to X", "refused to X" negate X
	breaks     map[string]bool
	subord     map[string]bool
	reporting  map[string]bool
	modifiers  map[string]bool
	background map[string]bool
}

// slot is one word of a cue: a set of accepted lower-case forms, or a
// suffix ("~-brokered"), or a gap of up to three words ("*").
type slot struct {
	forms  map[string]bool
	suffix string
	gap    bool
}

func (s slot) match(w string) bool {
	if s.suffix != "" {
		return len(w) > len(s.suffix) && strings.HasSuffix(w, s.suffix)
	}
	return s.forms[w]
}

// cue is one compiled trigger: a sequence of word slots.
type cue struct {
	Type    string // event type, or the fact state
	Mode    string
	Weight  float64
	Tier    int
	Negated string // fact state when the cue is negated ("" = drop)
	NegType string // event type a negated event cue also stands for
	Context map[string]bool
	Unless  map[string]bool
	Phrase  string
	slots   []slot
}

type factRule struct {
	index   map[string][]*cue
	suffix  []*cue
	Kind    string
	Topic   map[string]bool // sentence must contain one of these forms
	Context map[string]bool
	cues    []*cue
	Value   string
	Merge   string
	Max     int
	Venue   bool
	Parties bool
}

// valueExtractors are the named ways a fact rule can read its value.
var valueExtractors = map[string]bool{
	"phrase": true, "agent": true, "place": true, "parties": true,
	"claim": true, "clause": true, "incident": true, "casualties": true,
}

// ploverTypes is the closed event vocabulary (event-taxonomy.md).
var ploverTypes = map[string]bool{
	"AGREE": true, "CONSULT": true, "SUPPORT": true, "CONCEDE": true, "COOPERATE": true,
	"AID": true, "RETREAT": true, "DEMAND": true, "DISAPPROVE": true, "REJECT": true,
	"THREATEN": true, "PROTEST": true, "SANCTION": true, "MOBILIZE": true, "COERCE": true,
	"ASSAULT": true, "FIGHT": true, "INVESTIGATE": true,
}

// PackError is a problem in a rule pack, naming the pack and the line.
type PackError struct {
	Pack string
	Line int
	Msg  string
}

func (e *PackError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("rule pack %q, line %d: %s", e.Pack, e.Line, e.Msg)
	}
	return fmt.Sprintf("rule pack %q: %s", e.Pack, e.Msg)
}

// LoadPack parses and compiles a rule pack from YAML. name identifies the
// pack in errors (usually the file name). Unknown fields, unknown event
// types, unknown value extractors and empty cue lists are errors.
func LoadPack(name string, data []byte) (*Pack, error) {
	var root yaml.Node
	dec := yaml.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&root); err != nil {
		return nil, &PackError{Pack: name, Line: yamlErrLine(err), Msg: strings.TrimPrefix(err.Error(), "yaml: ")}
	}
	var pf packFile
	dec = yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&pf); err != nil {
		return nil, &PackError{Pack: name, Line: yamlErrLine(err), Msg: strings.TrimPrefix(err.Error(), "yaml: ")}
	}
	recordLines(&root, &pf)
	return compilePack(name, &pf)
}

// yamlErrLine pulls "line N" out of a yaml error message.
func yamlErrLine(err error) int {
	var te *yaml.TypeError
	msg := err.Error()
	if errors.As(err, &te) && len(te.Errors) > 0 {
		msg = te.Errors[0]
	}
	i := strings.Index(msg, "line ")
	if i < 0 {
		return 0
	}
	n := 0
	for _, c := range msg[i+5:] {
		if c < '0' || c > '9' {
			break
		}
		n = n*10 + int(c-'0')
	}
	return n
}

// recordLines copies the source line of each event group and fact rule
// from the node tree, so compile errors can point at them.
func recordLines(root *yaml.Node, pf *packFile) {
	if root.Kind != yaml.DocumentNode || len(root.Content) == 0 {
		return
	}
	m := root.Content[0]
	if m.Kind != yaml.MappingNode {
		return
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		key, val := m.Content[i].Value, m.Content[i+1]
		if val.Kind != yaml.SequenceNode {
			continue
		}
		for j, item := range val.Content {
			switch key {
			case "events":
				if j < len(pf.Events) {
					pf.Events[j].line = item.Line
				}
			case "facts":
				if j < len(pf.Facts) {
					pf.Facts[j].line = item.Line
				}
			}
		}
	}
}

func compilePack(name string, pf *packFile) (*Pack, error) {
	if pf.Pack != "" {
		name = pf.Pack
	}
	p := &Pack{Name: name, eventIndex: map[string][]*cue{}}
	p.lex = lexicon{
		irregular:  map[string][]string{},
		negators:   set(pf.Lexicon.Negators),
		breaks:     set(pf.Lexicon.ClauseBreaks),
		subord:     set(pf.Lexicon.Subordinate),
		reporting:  map[string]bool{},
		negVerbs:   map[string]bool{},
		modifiers:  set(pf.Lexicon.Modifiers),
		background: set(pf.Lexicon.Background),
	}
	// User packs inherit the built-in irregular forms.
	for k, v := range baseIrregular {
		p.lex.irregular[k] = v
	}
	for k, v := range pf.Lexicon.Irregular {
		p.lex.irregular[strings.ToLower(k)] = v
	}
	for _, w := range pf.Lexicon.Reporting {
		for f := range p.forms(w) {
			p.lex.reporting[f] = true
		}
	}
	for _, w := range pf.Lexicon.NegatingVerb {
		for f := range p.forms(w) {
			p.lex.negVerbs[f] = true
		}
	}
	perr := func(line int, format string, a ...any) error {
		return &PackError{Pack: name, Line: line, Msg: fmt.Sprintf(format, a...)}
	}
	for _, g := range pf.Events {
		if !ploverTypes[g.Type] {
			return nil, perr(g.line, "event type %q is not one of the 18 PLOVER types", g.Type)
		}
		if len(g.Cues) == 0 {
			return nil, perr(g.line, "event group %s has no cues", g.Type)
		}
		w := g.Weight
		if w == 0 {
			w = 1
		}
		if g.NegType != "" && !ploverTypes[g.NegType] {
			return nil, perr(g.line, "negated_type %q is not one of the 18 PLOVER types", g.NegType)
		}
		ctx := p.formSet(g.Context)
		unless := p.formSet(g.Unless)
		for _, c := range g.Cues {
			cc, err := p.compileCue(c)
			if err != nil {
				return nil, perr(g.line, "event %s: %v", g.Type, err)
			}
			cc.Type, cc.Mode, cc.Weight, cc.Context, cc.Unless = g.Type, g.Mode, w, ctx, unless
			cc.NegType = g.NegType
			p.events = append(p.events, cc)
		}
	}
	for _, f := range pf.Facts {
		if f.Kind == "" {
			return nil, perr(f.line, "fact rule without kind")
		}
		if f.Value == "" {
			f.Value = "phrase"
		}
		if !valueExtractors[f.Value] {
			return nil, perr(f.line, "fact %s: unknown value %q (want one of agent, casualties, claim, clause, incident, parties, phrase, place)", f.Kind, f.Value)
		}
		switch f.Merge {
		case "":
			f.Merge = "best"
		case "best", "each", "vote", "state", "first":
		default:
			return nil, perr(f.line, "fact %s: unknown merge %q (want best, each, first, state or vote)", f.Kind, f.Merge)
		}
		if len(f.Cues) == 0 && len(f.States) == 0 {
			return nil, perr(f.line, "fact %s has neither cues nor states", f.Kind)
		}
		r := &factRule{Kind: f.Kind, Topic: p.formSet(f.Topic), Context: p.formSet(f.Context),
			Value: f.Value, Merge: f.Merge, Max: f.Max, Venue: f.Venue, Parties: f.Parties}
		if r.Max <= 0 {
			r.Max = 1
		}
		for _, c := range f.Cues {
			cc, err := p.compileCue(c)
			if err != nil {
				return nil, perr(f.line, "fact %s: %v", f.Kind, err)
			}
			cc.Tier = 1
			r.cues = append(r.cues, cc)
		}
		for _, s := range f.States {
			if s.State == "" || len(s.Cues) == 0 {
				return nil, perr(f.line, "fact %s: a state needs a name and cues", f.Kind)
			}
			for _, c := range s.Cues {
				cc, err := p.compileCue(c)
				if err != nil {
					return nil, perr(f.line, "fact %s state %s: %v", f.Kind, s.State, err)
				}
				cc.Type, cc.Tier, cc.Negated = s.State, s.Tier, s.Negated
				r.cues = append(r.cues, cc)
			}
		}
		r.index = map[string][]*cue{}
		for _, c := range r.cues {
			if c.slots[0].suffix != "" {
				r.suffix = append(r.suffix, c)
				continue
			}
			for _, f := range sortedKeys(c.slots[0].forms) {
				r.index[f] = append(r.index[f], c)
			}
		}
		p.facts = append(p.facts, r)
	}
	for _, c := range p.events {
		if c.slots[0].suffix != "" {
			p.suffixCues = append(p.suffixCues, c)
			continue
		}
		for _, f := range sortedKeys(c.slots[0].forms) {
			p.eventIndex[f] = append(p.eventIndex[f], c)
		}
	}
	return p, nil
}

// compileCue turns "break down", "reach * deal" or "=airstrikes" into slots.
// A word is inflected (agree: agrees, agreed, agreeing) unless it starts
// with "="; "*" is a gap of up to three words.
func (p *Pack) compileCue(s string) (*cue, error) {
	words := strings.Fields(strings.ToLower(s))
	if len(words) == 0 {
		return nil, errors.New("empty cue")
	}
	if words[0] == "*" || words[len(words)-1] == "*" {
		return nil, fmt.Errorf("cue %q: a gap (*) must be between words", s)
	}
	c := &cue{Phrase: s}
	for _, w := range words {
		switch {
		case w == "*":
			c.slots = append(c.slots, slot{gap: true})
		case strings.HasPrefix(w, "~") && len(w) > 1:
			c.slots = append(c.slots, slot{suffix: w[1:]})
		default:
			c.slots = append(c.slots, slot{forms: p.forms(w)})
		}
	}
	return c, nil
}

func (p *Pack) formSet(ws []string) map[string]bool {
	if len(ws) == 0 {
		return nil
	}
	m := map[string]bool{}
	for _, w := range ws {
		for f := range p.forms(strings.ToLower(w)) {
			m[f] = true
		}
	}
	return m
}

// forms returns the inflected forms of a lemma: plural/3rd person, past,
// gerund, with doubling and y/e rules, plus the pack's irregular forms.
// Over-generation ("talkss") is harmless: such tokens never occur.
func (p *Pack) forms(w string) map[string]bool {
	w = strings.ToLower(w)
	m := map[string]bool{}
	if strings.HasPrefix(w, "=") {
		m[w[1:]] = true
		return m
	}
	m[w] = true
	for _, f := range p.lex.irregular[w] {
		m[strings.ToLower(f)] = true
	}
	if len(w) < 3 || !isASCIIWord(w) {
		return m
	}
	last := w[len(w)-1]
	switch {
	case strings.HasSuffix(w, "s") || strings.HasSuffix(w, "x") || strings.HasSuffix(w, "z") ||
		strings.HasSuffix(w, "ch") || strings.HasSuffix(w, "sh") || strings.HasSuffix(w, "o"):
		m[w+"es"] = true
	case last == 'y' && !isVowel(w[len(w)-2]):
		m[w[:len(w)-1]+"ies"] = true
	default:
		m[w+"s"] = true
	}
	switch {
	case last == 'e':
		m[w+"d"] = true
		if strings.HasSuffix(w, "ee") {
			m[w+"ing"] = true
		} else {
			m[w[:len(w)-1]+"ing"] = true
		}
	case last == 'y' && !isVowel(w[len(w)-2]):
		m[w[:len(w)-1]+"ied"] = true
		m[w+"ing"] = true
	default:
		m[w+"ed"] = true
		m[w+"ing"] = true
		// Doubling for short consonant-vowel-consonant stems (ban, plan, stop).
		if len(w) <= 5 && !isVowel(last) && last != 'w' && last != 'x' && last != 'y' &&
			isVowel(w[len(w)-2]) && !isVowel(w[len(w)-3]) {
			m[w+string(last)+"ed"] = true
			m[w+string(last)+"ing"] = true
		}
	}
	return m
}

func isVowel(b byte) bool { return strings.IndexByte("aeiou", b) >= 0 }

// isASCIIWord reports whether w is lower-case letters, possibly hyphenated
// ("sit-in" inflects to "sit-ins").
func isASCIIWord(w string) bool {
	for i := 0; i < len(w); i++ {
		if (w[i] < 'a' || w[i] > 'z') && (w[i] != '-' || i == 0 || i == len(w)-1) {
			return false
		}
	}
	return true
}

func set(ws []string) map[string]bool {
	m := map[string]bool{}
	for _, w := range ws {
		m[strings.ToLower(w)] = true
	}
	return m
}

// Analyzer runs the built-in pack plus any user packs.
type Analyzer struct {
	packs []*Pack
}

// New returns an Analyzer using the built-in pack followed by packs.
// Later packs add event triggers and fact kinds; they never remove any.
func New(packs ...*Pack) (*Analyzer, error) {
	all := []*Pack{builtinPack}
	for i, p := range packs {
		if p == nil {
			return nil, fmt.Errorf("rule pack %d is nil", i+1)
		}
		all = append(all, p)
	}
	return &Analyzer{packs: all}, nil
}

// Packs lists the names of the analyzer's packs, built-in first.
func (a *Analyzer) Packs() []string {
	var out []string
	for _, p := range a.packs {
		out = append(out, p.Name)
	}
	return out
}

// builtinPack is the compiled embedded pack; a broken embedded pack is a
// programming error caught by every test, so it panics.
var builtinPack = mustLoadBuiltin()

// baseIrregular holds the built-in pack's irregular forms once it is loaded.
var baseIrregular map[string][]string

func mustLoadBuiltin() *Pack {
	p, err := LoadPack("conflict.yaml", builtinPackYAML)
	if err != nil {
		panic("summarize: " + err.Error())
	}
	baseIrregular = p.lex.irregular
	return p
}

// sortedKeys is a small helper for deterministic iteration.
func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
