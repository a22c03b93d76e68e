package summarize

import (
	"sort"
	"strconv"
	"strings"
	"unicode"
)

// factCand is one reading of a fact from one sentence.
type factCand struct {
	Fact
	sent  int
	tier  int
	tok   int
	bonus int // extra specificity: a located incident beats an unlocated one
}

// clauseBounds returns the token range [a, b) of the clause around toks[i]:
// punctuation (except quote marks and parentheses) and clause-break words end it.
// A clause is at most 40 words each side of i, which keeps very long
// unpunctuated sentences linear.
func (lx *lexicon) clauseBounds(toks []token, i int) (int, int) {
	a := i
	for a > 0 && i-a < 40 && !lx.isBreak(toks[a-1]) {
		a--
	}
	b := i + 1
	for b < len(toks) && b-i < 40 && !lx.isBreak(toks[b]) {
		b++
	}
	return a, b
}

func (lx *lexicon) isBreak(t token) bool {
	if t.Punct {
		switch t.Lower {
		case "\"", "“", "”", "(", ")":
			return false
		}
		return true
	}
	return lx.breaks[t.Lower]
}

// findFacts applies the pack's fact rules to the whole article.
func (p *Pack) findFacts(d *doc) []Fact {
	lx := &builtinPack.lex
	var out []Fact
	venue := ""
	for _, r := range p.facts {
		var cands []factCand
		for si := range d.sents {
			toks := d.sentToks(si)
			if r.Context != nil && !sentenceHas(toks, r.Context) {
				continue
			}
			cands = append(cands, r.read(d, lx, si, toks, venue)...)
		}
		facts := merge(r, cands)
		if r.Kind == "venue" && len(facts) > 0 {
			venue = facts[0].Value
		}
		out = append(out, facts...)
	}
	// A ceasefire or talks value names the sides and the venue when they
	// are known (rules run in pack order, so patch facts already made).
	parties := ""
	for _, f := range out {
		if f.Kind == "parties" {
			parties = strings.Replace(f.Value, ", ", " and ", 1)
			break
		}
	}
	for i := range out {
		r := p.rule(out[i].Kind)
		if r == nil {
			continue
		}
		if r.Parties && parties != "" && !strings.Contains(out[i].Value, "between") {
			out[i].Value += " between " + parties
		}
		if r.Venue && venue != "" && !strings.Contains(out[i].Value, venue) {
			out[i].Value += " in " + venue
		}
	}
	return out
}

func (p *Pack) rule(kind string) *factRule {
	for _, r := range p.facts {
		if r.Kind == kind {
			return r
		}
	}
	return nil
}

// read returns the rule's candidates in sentence si.
func (r *factRule) read(d *doc, lx *lexicon, si int, toks []token, venue string) []factCand {
	if r.Topic != nil && !sentenceHas(toks, r.Topic) {
		return nil
	}
	hits := findCues(toks, r.index, r.suffix)
	if len(hits) == 0 {
		return nil
	}
	bg := -1 // background(), computed once when needed
	s := d.sents[si]
	ev := Span{Start: s.Start, End: s.End, Text: d.text[s.Start:s.End]}
	var out []factCand
	if r.Topic != nil {
		// State rules with a topic: the best state cue in the clause of
		// each topic word, within ten words of it.
		for ti, t := range toks {
			if !r.Topic[t.Lower] && !r.Topic[t.Base] {
				continue
			}
			a, b := lx.clauseBounds(toks, ti)
			var best *cueHit
			bestNeg := false
			k0 := sort.Search(len(hits), func(k int) bool { return hits[k].i >= ti-14 })
			for k := k0; k < len(hits) && hits[k].i <= ti+10; k++ {
				h := &hits[k]
				if h.i < a || h.i >= b || h.i > ti+10 || h.j < ti-10 || (h.i <= ti && ti < h.j && h.j-h.i == 1) {
					continue
				}
				neg := lx.negated(toks, h.i)
				if neg && h.c.Negated == "" {
					continue
				}
				if best == nil || tierOf(h.c, neg) > tierOf(best.c, bestNeg) ||
					(tierOf(h.c, neg) == tierOf(best.c, bestNeg) && abs(h.i-ti) < abs(best.i-ti)) {
					best, bestNeg = h, neg
				}
			}
			if best == nil {
				continue
			}
			state := best.c.Type
			if bestNeg {
				state = best.c.Negated
			}
			val := d.phrase(lx, toks, ti, r.Kind == "agreement")
			tier := tierOf(best.c, bestNeg)
			if bg < 0 {
				bg = 0
				if d.background(lx, toks) {
					bg = 1
				}
			}
			if bg == 1 {
				// "Previous rounds of talks collapsed in 2023": history, not news.
				tier -= 2
			}
			conf := 0.55 + 0.1*float64(tier)
			out = append(out, factCand{Fact: Fact{Kind: r.Kind, State: state, Value: val, Evidence: ev, Confidence: round2(min(conf, 0.95))},
				sent: si, tier: tier, tok: ti})
		}
		return out
	}
	for _, h := range hits {
		neg := lx.negated(toks, h.i)
		if neg && r.Value != "casualties" {
			continue
		}
		val, bonus := "", 0
		switch r.Value {
		case "agent":
			val = d.agent(toks, h)
		case "place":
			val = d.place(toks, h)
		case "parties":
			val = d.parties(toks, h.j)
		case "claim":
			val = d.claim(lx, toks, h)
		case "clause":
			val = d.clause(lx, toks, h)
		case "incident":
			val, bonus = d.incident(lx, toks, h)
			if bonus == 0 && !strings.Contains(val, " ") {
				val = "" // a bare "fighting" says nothing the events do not
			}
		case "casualties":
			val = d.casualties(toks, h, neg)
		default:
			val = d.phrase(lx, toks, h.i, false)
		}
		if strings.TrimSpace(val) == "" {
			continue
		}
		tier := h.c.Tier
		if tier == 0 {
			tier = 1
		}
		out = append(out, factCand{Fact: Fact{Kind: r.Kind, State: stateOf(h.c), Value: val, Evidence: ev, Confidence: 0.7},
			sent: si, tier: tier, tok: h.i, bonus: bonus})
	}
	return out
}

func stateOf(c *cue) string {
	if c.Tier == 0 || c.Type == "" {
		return ""
	}
	return c.Type
}

func tierOf(c *cue, neg bool) int {
	if neg {
		return c.Tier - 1
	}
	return c.Tier
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

func round2(f float64) float64 { return float64(int(f*100+0.5)) / 100 }

// merge turns a rule's candidates into facts. best: the highest tier,
// later statements winning ties (a later, more specific statement outweighs
// an earlier, general one); state: the best per state; each: distinct
// values in article order; vote: the value read most often.
func merge(r *factRule, cands []factCand) []Fact {
	if len(cands) == 0 {
		return nil
	}
	switch r.Merge {
	case "first":
		// The first reading, joined with other readings of its sentence:
		// "12 killed, 30 injured". A death toll outweighs an earlier count
		// of injured.
		lead := cands[0]
		for _, c := range cands {
			if strings.Contains(c.Value, "killed") {
				lead = c
				break
			}
		}
		f := lead.Fact
		for _, c := range cands {
			if c.sent == lead.sent && c.tok != lead.tok && !strings.Contains(f.Value, c.Value) && f.Value != "none reported" && c.Value != "none reported" {
				f.Value += ", " + c.Value
			}
		}
		return []Fact{f}
	case "best":
		best := cands[0]
		for _, c := range cands[1:] {
			if c.tier >= best.tier {
				best = c
			}
		}
		return []Fact{best.Fact}
	case "state":
		byState := map[string]factCand{}
		var order []string
		for _, c := range cands {
			b, ok := byState[c.State]
			if !ok {
				order = append(order, c.State)
			}
			if !ok || c.bonus > b.bonus {
				byState[c.State] = c
			}
		}
		var out []Fact
		for _, st := range order {
			if len(out) == r.Max {
				break
			}
			out = append(out, byState[st].Fact)
		}
		return out
	case "each":
		seen := map[string]bool{}
		var out []Fact
		for _, c := range cands {
			k := strings.ToLower(c.Value)
			if seen[k] {
				continue
			}
			seen[k] = true
			out = append(out, c.Fact)
			if len(out) == r.Max {
				break
			}
		}
		return out
	default: // vote
		score := map[string]int{}
		first := map[string]factCand{}
		var order []string
		for _, c := range cands {
			k := strings.ToLower(c.Value)
			if _, ok := first[k]; !ok {
				first[k] = c
				order = append(order, k)
			}
			score[k] += c.tier
		}
		sort.SliceStable(order, func(a, b int) bool { return score[order[a]] > score[order[b]] })
		var out []Fact
		for _, k := range order {
			if len(out) == r.Max {
				break
			}
			f := first[k].Fact
			f.Confidence = round2(min(0.6+0.1*float64(score[k]), 0.95))
			out = append(out, f)
		}
		return out
	}
}

// ---- value extractors -------------------------------------------------

// phrase reads the noun phrase around the topic word toks[ti]: its
// modifiers ("peace talks", "U.S.-brokered truce") and the place and sides
// that follow ("between Afghanistan and Pakistan", "in Doha in October").
// With details it adds "brokered by"/"supported by" phrases of the sentence.
func (d *doc) phrase(lx *lexicon, toks []token, ti int, details bool) string {
	a := ti
	for a > 0 && ti-a < 3 {
		t := toks[a-1]
		if t.Punct || !(lx.modifiers[t.Lower] || (t.Cap && a-1 > 0) || strings.Contains(t.Lower, "-") || isNumber(t.Lower)) {
			break
		}
		a--
	}
	b := ti + 1
	// Multi-word topics: "memorandum of understanding", "peace process".
	for b < len(toks) && b < ti+3 && !toks[b].Punct && (toks[b].Lower == "of" || toks[b].Lower == "agreement" || toks[b].Lower == "deal" || toks[b].Lower == "talks") && b+1 < len(toks) {
		if toks[b].Lower == "of" {
			if toks[b+1].Lower != "understanding" {
				break
			}
			b++
		}
		b++
	}
	for b < len(toks) {
		p := toks[b].Lower
		if p != "between" && p != "in" && p != "at" && p != "with" && p != "on" && p != "over" {
			break
		}
		c := b + 1
		for c < len(toks) && !toks[c].Punct && (toks[c].Cap || toks[c].Lower == "and" || toks[c].Lower == "the" || isNumber(toks[c].Lower)) {
			c++
		}
		// Keep only phrases that end in a name or number, not "in the".
		for c > b+1 && (toks[c-1].Lower == "and" || toks[c-1].Lower == "the") {
			c--
		}
		if c == b+1 {
			break
		}
		b = c
	}
	val := d.text[toks[a].Start:toks[b-1].End]
	if details {
		for k := b; k+1 < len(toks); k++ {
			w := toks[k].Lower
			if toks[k+1].Lower == "by" && (w == "brokered" || w == "mediated" || w == "supported" || w == "backed" || w == "sponsored" || w == "facilitated" || w == "guaranteed") {
				if ag := d.agentAfter(toks, k+2); ag != "" {
					val += ", " + w + " by " + ag
				}
			}
		}
	}
	return trimArticle(val)
}

// trimArticle drops a leading "the" ("the peace talks" -> "peace talks").
func trimArticle(s string) string {
	s = strings.TrimPrefix(strings.TrimPrefix(s, "the "), "The ")
	return s
}

func isNumber(w string) bool {
	digits := false
	for _, r := range w {
		switch {
		case unicode.IsDigit(r):
			digits = true
		case r != ',' && r != '.':
			return false
		}
	}
	return digits
}

// agentAfter reads the actor(s) starting at token k: "Turkey", "Egypt and
// Qatar", "the Organization of Islamic Cooperation".
func (d *doc) agentAfter(toks []token, k int) string {
	if k < len(toks) && (toks[k].Lower == "the" || toks[k].Lower == "both") {
		k++
	}
	var names []string
	for k < len(toks) {
		name, next := d.nameAt(toks, k)
		if name == "" {
			break
		}
		names = appendUnique(names, name)
		k = next
		if k+1 < len(toks) && (toks[k].Lower == "and" || toks[k].Lower == ",") {
			k++
			if k < len(toks) && toks[k].Lower == "the" {
				k++
			}
			continue
		}
		break
	}
	return strings.Join(names, ", ")
}

// nameAt reads the entity at token k: a mention if one starts there, else
// a run of capitalised words ("Organization of Islamic Cooperation").
// It returns the name and the index of the first token after it.
func (d *doc) nameAt(toks []token, k int) (string, int) {
	if k >= len(toks) || toks[k].Punct {
		return "", k
	}
	if m, ok := d.mentionAt(toks[k].Start); ok && m.Start == toks[k].Start {
		name := m.Name
		if m.Demonym && m.Actor != "" {
			name = m.Actor
		}
		n := k
		for n < len(toks) && toks[n].Start < m.End {
			n++
		}
		return name, n
	}
	if !toks[k].Cap {
		return "", k
	}
	if _, ok := weekdays[toks[k].Base]; ok || months[toks[k].Base] != 0 {
		return "", k // "on Thursday" is a time, not a place
	}
	n := k
	for n < len(toks) && !toks[n].Punct && (toks[n].Cap || (toks[n].Lower == "of" && n+1 < len(toks) && toks[n+1].Cap)) {
		n++
	}
	return strings.TrimSuffix(strings.TrimSuffix(d.text[toks[k].Start:toks[n-1].End], "'s"), "’s"), n
}

func appendUnique(xs []string, x string) []string {
	for _, y := range xs {
		if y == x {
			return xs
		}
	}
	return append(xs, x)
}

// agent reads who mediates: after "by" ("mediated by Turkey"), the prefix
// of "U.S.-brokered", or the nearest name before a noun ("Egypt, a key
// mediator", "Turkey's willingness to continue as a facilitator").
func (d *doc) agent(toks []token, h cueHit) string {
	last := toks[h.j-1]
	if last.Lower == "by" || last.Lower == "of" {
		return d.agentAfter(toks, h.j)
	}
	if s := h.c.slots[len(h.c.slots)-1].suffix; s != "" {
		w := d.text[last.Start:last.End]
		return strings.TrimSuffix(w, w[len(w)-len(s):])
	}
	for k := h.i - 1; k >= 0 && k >= h.i-12; k-- {
		if name, _ := d.nameAt(toks, k); name != "" && (k == 0 || toks[k-1].Punct || !toks[k-1].Cap) {
			if m, ok := d.mentionAt(toks[k].Start); ok && m.Type == "person" && m.Role == "" {
				continue
			}
			return name
		}
	}
	return ""
}

// place reads a venue: the place after "in"/"at" ("hosted in Istanbul"),
// or the host before "host * talks" ("Qatar hosted the talks").
func (d *doc) place(toks []token, h cueHit) string {
	last := toks[h.j-1].Lower
	if last == "in" || last == "at" || last == "by" {
		k := h.j
		if k < len(toks) && toks[k].Lower == "the" {
			k++
		}
		name, _ := d.nameAt(toks, k)
		if m, ok := d.mentionAt(safeStart(toks, k)); ok && m.Type != "place" && m.Type != "" {
			return ""
		}
		return name
	}
	if h.i > 0 {
		name, _ := d.nameAt(toks, h.i-1)
		return name
	}
	return ""
}

func safeStart(toks []token, k int) int {
	if k < len(toks) {
		return toks[k].Start
	}
	return -1
}

// parties reads "between X and Y" starting at token k; the sides may be
// named ("Afghanistan and Pakistan") or not ("the army and the rebels").
func (d *doc) parties(toks []token, k int) string {
	if k < len(toks) && toks[k].Lower == "the" {
		k++
	}
	if a, n := d.actorAt(toks, k); a == "" {
		// Unnamed sides: one word each ("the army and the rebels").
		n = k
		for n < len(toks) && n < k+1 && !toks[n].Punct && toks[n].Lower != "and" && !stopwords[toks[n].Lower] {
			n++
		}
		if n == k || n >= len(toks) || toks[n].Lower != "and" {
			return ""
		}
		first := d.text[toks[k].Start:toks[n-1].End]
		m := n + 1
		if m < len(toks) && toks[m].Lower == "the" {
			m++
		}
		e := m
		if e < len(toks) && !toks[e].Punct && !stopwords[toks[e].Lower] {
			e++
		}
		if e == m {
			return ""
		}
		return first + ", " + d.text[toks[m].Start:toks[e-1].End]
	}
	a, n := d.actorAt(toks, k)
	if a == "" || n >= len(toks) || toks[n].Lower != "and" {
		return ""
	}
	n++
	if n < len(toks) && toks[n].Lower == "the" {
		n++
	}
	b, _ := d.actorAt(toks, n)
	if b == "" || a == b {
		return ""
	}
	return a + ", " + b
}

// actorAt is nameAt resolved to the political actor ("Islamabad" -> Pakistan).
func (d *doc) actorAt(toks []token, k int) (string, int) {
	if k < len(toks) {
		if m, ok := d.mentionAt(toks[k].Start); ok && m.Start == toks[k].Start {
			n := k
			for n < len(toks) && toks[n].Start < m.End {
				n++
			}
			return actorOf(m), n
		}
	}
	return d.nameAt(toks, k)
}

// subject returns the actor of the clause before the cue: the nearest
// mention that is not a speaker ("Kabul described ...").
func (d *doc) subject(lx *lexicon, toks []token, h cueHit) string {
	for k := h.i - 1; k >= 0; k-- {
		t := toks[k]
		if m, ok := d.mentionAt(t.Start); ok && m.Start == t.Start {
			if d.isSpeaker(lx, m, toks) {
				continue
			}
			return actorOf(m)
		}
	}
	return ""
}

// claim reads "who demands what": "Pakistan: Afghanistan should assume
// responsibility for ..." from "Pakistan made ... demand—that Afghanistan ...",
// "urged both sides to keep channels open", "insists that ...".
func (d *doc) claim(lx *lexicon, toks []token, h cueHit) string {
	k := h.j
	for k < len(toks) && toks[k].Punct && toks[k].Lower != "," {
		k++
	}
	first := toks[h.i].Lower
	verb := strings.HasSuffix(first, "ed") || strings.HasSuffix(first, "s") && !strings.HasSuffix(first, "ds") || h.j-h.i > 1
	if k >= len(toks) {
		return ""
	}
	// The bare noun needs "that" or a dash: "an impossible demand—that ...",
	// not "demand for chips".
	bare := h.j-h.i == 1 && (first == "demand" || first == "demands") && (k == h.j || toks[h.j].Lower == "," || toks[k].Lower != "that")
	if bare && !(h.j < len(toks) && toks[h.j].Punct && toks[h.j].Lower != "," && toks[k].Lower != "for") && toks[k].Lower != "that" {
		return ""
	}
	switch toks[k].Lower {
	case "that":
		k++
	case "to", "for", "on", "upon":
	default:
		dash := h.j < len(toks) && toks[h.j].Punct && toks[h.j].Lower != ","
		if !verb && !dash {
			return ""
		}
	}
	if k >= len(toks) || toks[k].Lower == "as" || toks[k].Lower == "," {
		return ""
	}
	end := len(toks)
	for e := k + 1; e < len(toks); e++ {
		// A new clause or a second predicate ends the demand: "..., while
		// ...", "... open and reiterated ...".
		if (lx.isBreak(toks[e]) && toks[e].Lower != "(" && toks[e].Lower != ")") && !toks[e].Punct ||
			toks[e].Lower == "and" && e+1 < len(toks) && strings.HasSuffix(toks[e+1].Lower, "ed") ||
			toks[e].Lower == ";" || toks[e].Lower == "—" {
			end = e
			break
		}
	}
	if end-k > 25 {
		end = k + 25
	}
	what := strings.TrimRight(d.text[toks[k].Start:toks[end-1].End], " ,;:")
	if src := d.subject(lx, toks, h); src != "" {
		return src + ": " + what
	}
	// No named actor: a short subject phrase will do ("Organisers: ...").
	if a, _ := lx.clauseBounds(toks, h.i); h.i-a >= 1 && h.i-a <= 4 {
		subj := toks[a:h.i]
		if !subj[0].Punct && (subj[0].Cap || subj[0].Lower == "the") {
			return trimArticle(d.text[subj[0].Start:subj[len(subj)-1].End]) + ": " + what
		}
	}
	return what
}

// clause reads "who accuses whom of what": the cue's clause, from its
// first name (or the clause start) to the clause end.
func (d *doc) clause(lx *lexicon, toks []token, h cueHit) string {
	a, b := lx.clauseBounds(toks, h.i)
	for k := a; k < h.i; k++ {
		if m, ok := d.mentionAt(toks[k].Start); ok && m.Start == toks[k].Start {
			a = k
			break
		}
	}
	if b-a > 40 {
		b = a + 40
	}
	return d.text[toks[a].Start:toks[b-1].End]
}

var locPreps = map[string]bool{"along": true, "in": true, "inside": true, "near": true, "on": true, "at": true,
	"across": true, "over": true, "outside": true, "into": true, "against": true, "around": true}

// incident reads what happened where: the cue with its modifiers and a
// located phrase ("exchange of gunfire along the Durand Line", "airstrikes
// inside Afghanistan"). The bonus marks a located reading.
func (d *doc) incident(lx *lexicon, toks []token, h cueHit) (string, int) {
	a := h.i
	for a > 0 && h.i-a < 2 && !toks[a-1].Punct && (lx.modifiers[toks[a-1].Lower] || strings.Contains(toks[a-1].Lower, "-") ||
		toks[a-1].Lower == "deadly" || toks[a-1].Lower == "fierce" || toks[a-1].Lower == "heavy") {
		a--
	}
	end := toks[h.j-1].End
	bonus := 0
	for k := h.j; k < len(toks) && k < h.j+5; k++ {
		if toks[k].Punct {
			break
		}
		if !locPreps[toks[k].Lower] {
			continue
		}
		n := k + 1
		if n < len(toks) && (toks[n].Lower == "the" || toks[n].Lower == "their" || toks[n].Lower == "its" || toks[n].Lower == "a") {
			n++
		}
		if n < len(toks) && geoNouns[toks[n].Lower] {
			// "along their border", "in the city".
			end = toks[n].End
			bonus = 1
			break
		}
		if name, next := d.nameAt(toks, n); name != "" {
			end = toks[next-1].End
			// "on Pakistani soil": a demonym takes its noun along, and a
			// place its kind: "the Sumy region", "Borno state".
			if m, ok := d.mentionAt(toks[n].Start); ok && m.Demonym && next < len(toks) && !toks[next].Punct && !toks[next].Cap {
				end = toks[next].End
			} else if next < len(toks) && geoNouns[toks[next].Lower] {
				end = toks[next].End
			}
			bonus = 1
			break
		}
	}
	if bonus == 0 && h.j-h.i == 1 && strings.HasSuffix(toks[h.i].Lower, "ed") {
		// An unlocated verb takes its object: "arrested more than 100
		// demonstrators".
		e := h.j
		for e < len(toks) && e < h.j+5 && !lx.isBreak(toks[e]) && !locPreps[toks[e].Lower] {
			e++
		}
		if e > h.j {
			end = toks[e-1].End
		}
	}
	return d.text[toks[a].Start:end], bonus
}

var numberWords = map[string]int{"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
	"nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
	"seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "dozens": -1,
	"hundreds": -1, "thousands": -1, "dozen": 12, "scores": -1}

// countNear returns the first count word within five tokens of k, walking in
// direction step (-1 or 1) and stopping at punctuation.
func countNear(toks []token, k, step int) string {
	for n := 0; n < 5 && k >= 0 && k < len(toks) && !toks[k].Punct; n, k = n+1, k+step {
		if c := countWord(toks[k].Lower); c != "" {
			return c
		}
	}
	return ""
}

// casualties reads a count near a casualty cue: "at least 12 people were
// killed", "killing 30", "the death toll rose to 40"; a negated cue ("no
// casualties were reported", "no one was hurt") reads "none reported".
func (d *doc) casualties(toks []token, h cueHit, neg bool) string {
	if neg {
		return "none reported"
	}
	if h.i > 1 && toks[h.i-1].Lower == "was" && toks[h.i-2].Lower == "one" && h.i > 2 && toks[h.i-3].Lower == "no" {
		return "none reported"
	}
	kind := "killed"
	switch w := toks[h.i].Base; {
	case strings.HasPrefix(w, "injur") || strings.HasPrefix(w, "wound") || strings.HasPrefix(w, "hurt"):
		kind = "injured"
	case strings.HasPrefix(w, "casualt"):
		kind = "casualties"
	}
	// Number before the cue ("12 people were killed", "30 dead"), else after
	// it ("killing 30", "death toll rose to 40", "killed at least 5").
	num := countNear(toks, h.i-1, -1)
	if num == "" {
		num = countNear(toks, h.j, 1)
	}
	if num == "" {
		return ""
	}
	return num + " " + kind
}

func countWord(w string) string {
	if isNumber(w) && w[0] != '.' && !isYear(w) {
		return w
	}
	if n, ok := numberWords[w]; ok {
		if n < 0 {
			return w
		}
		return strconv.Itoa(n)
	}
	return ""
}

func isYear(w string) bool {
	n, err := strconv.Atoi(w)
	return err == nil && len(w) == 4 && n >= 1900 && n <= 2100
}

// hasTopicFacts reports whether the packs found anything.
func hasTopicFacts(fs []Fact) bool { return len(fs) > 0 }

// genericFacts is the fallback for articles the packs say nothing about:
// who (the main people and organisations), where (the main places), when
// (the first resolved date) and key numbers from the opening sentences.
func genericFacts(d *doc, ents []Entity) []Fact {
	var out []Fact
	span := func(name string) (Span, bool) {
		for _, m := range d.ments {
			if m.Name == name {
				for _, s := range d.sents {
					if s.Start <= m.Start && m.End <= s.End {
						return Span{Start: s.Start, End: s.End, Text: d.text[s.Start:s.End]}, true
					}
				}
			}
		}
		return Span{}, false
	}
	pick := func(kind string, types ...string) {
		var names []string
		var ev Span
		for _, e := range ents {
			ok := false
			for _, t := range types {
				ok = ok || e.Type == t
			}
			if !ok || len(names) == 3 {
				continue
			}
			sp, found := span(e.Text)
			if !found {
				continue
			}
			if len(names) == 0 {
				ev = sp
			}
			names = append(names, e.Text)
		}
		if len(names) > 0 {
			out = append(out, Fact{Kind: kind, Value: strings.Join(names, ", "), Evidence: ev, Confidence: 0.5})
		}
	}
	pick("who", "person", "organization")
	pick("where", "place")
	for _, h := range d.dateHits() {
		if h.Date.Date == "" {
			continue
		}
		toks := d.sentToks(h.sent)
		a, b := toks[h.i].Start, toks[h.j-1].End
		out = append(out, Fact{Kind: "when", Value: h.Date.Date + " (" + h.Text + ")",
			Evidence: Span{Start: a, End: b, Text: d.text[a:b]}, Confidence: 0.5})
		break
	}
	n := 0
	for si := range d.sents {
		if si >= 6 || n == 3 {
			break
		}
		toks := d.sentToks(si)
		for k, t := range toks {
			if n == 3 {
				break
			}
			if !isNumber(t.Lower) || isYear(t.Lower) || isDayNum(t.Lower) && (k == 0 || months[toks[k-1].Base] == 0) && !(k+1 < len(toks) && unitWord(toks[k+1].Lower)) {
				continue
			}
			if k > 0 && months[toks[k-1].Base] != 0 {
				continue
			}
			a := k
			if a > 0 && (toks[a-1].Lower == "$" || toks[a-1].Lower == "us") {
				a--
			}
			b := k + 1
			for b < len(toks) && b < k+3 && !toks[b].Punct && !stopwords[toks[b].Lower] {
				b++
			}
			sa, sb := toks[a].Start, toks[b-1].End
			if sa > 0 && (d.text[sa-1] == '$' || d.text[sa-1] == '#') {
				sa--
			}
			out = append(out, Fact{Kind: "number", Value: d.text[sa:sb],
				Evidence: Span{Start: sa, End: sb, Text: d.text[sa:sb]}, Confidence: 0.4})
			n++
		}
	}
	return out
}

func unitWord(w string) bool {
	switch w {
	case "percent", "per", "million", "billion", "trillion", "people", "%":
		return true
	}
	return false
}

// geoNouns complete a place name: "the Sumy region", "Borno state".
var geoNouns = map[string]bool{"region": true, "province": true, "state": true, "district": true, "city": true,
	"border": true, "valley": true, "area": true, "county": true, "governorate": true, "oblast": true, "camp": true}

// background reports whether a sentence is history: it names a year before
// the published one or uses a background word ("previous", "last year").
func (d *doc) background(lx *lexicon, toks []token) bool {
	year := d.in.Published.Year()
	for k, t := range toks {
		if lx.background[t.Lower] {
			return true
		}
		if isYear(t.Lower) && k > 0 && (toks[k-1].Lower == "in" || toks[k-1].Lower == "since") {
			y, _ := strconv.Atoi(t.Lower)
			if d.in.Published.IsZero() || y < year {
				return true
			}
		}
	}
	return false
}
