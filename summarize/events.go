package summarize

import (
	"sort"
	"strings"
)

// evHit is an event with where its trigger was found.
type evHit struct {
	Event
	Start, End int // byte span of the trigger
	tok        int // index of the trigger's first token within its sentence
	weight     float64
}

// cueHit is one cue matched in a sentence's tokens [i, j).
type cueHit struct {
	c    *cue
	i, j int
}

// matchAt reports whether c matches toks starting at i, returning the end.
func (c *cue) matchAt(toks []token, i int) (int, bool) {
	return matchSlots(c.slots, toks, i)
}

func matchSlots(slots []slot, toks []token, i int) (int, bool) {
	if len(slots) == 0 {
		return i, true
	}
	s := slots[0]
	if s.gap {
		// Skip up to three words, shortest first; quotation marks are
		// skipped for free (called the sanctions "illegal"), other
		// punctuation ends the gap.
		words := 0
		for k := i; k <= len(toks); k++ {
			if end, ok := matchSlots(slots[1:], toks, k); ok {
				return end, true
			}
			if k == len(toks) {
				break
			}
			if toks[k].Punct {
				if !isQuoteMark(toks[k].Lower) {
					break
				}
				continue
			}
			if words++; words > 3 {
				break
			}
		}
		return 0, false
	}
	if i >= len(toks) || toks[i].Punct {
		return 0, false
	}
	if !s.match(toks[i].Lower) && !s.match(toks[i].Base) {
		return 0, false
	}
	return matchSlots(slots[1:], toks, i+1)
}

// sentenceHas reports whether any token of toks is in forms.
func sentenceHas(toks []token, forms map[string]bool) bool {
	for _, t := range toks {
		if forms[t.Lower] || forms[t.Base] {
			return true
		}
	}
	return false
}

// findCues returns the non-overlapping matches of cues in toks: longer
// matches win over shorter ones they overlap, then heavier ones.
func findCues(toks []token, index map[string][]*cue, suffix []*cue) []cueHit {
	var hits []cueHit
	var ctx map[*cue]bool // sentenceHas per cue, computed once
	for i, t := range toks {
		if t.Punct {
			continue
		}
		cands := index[t.Lower]
		if t.Base != t.Lower {
			cands = append(cands[:len(cands):len(cands)], index[t.Base]...)
		}
		for _, c := range cands {
			hits = tryCue(hits, c, toks, i, &ctx)
		}
		for _, c := range suffix {
			if c.slots[0].match(t.Lower) {
				hits = tryCue(hits, c, toks, i, &ctx)
			}
		}
	}
	return dropOverlaps(hits)
}

func tryCue(hits []cueHit, c *cue, toks []token, i int, ctx *map[*cue]bool) []cueHit {
	for k := len(hits) - 1; k >= 0 && hits[k].i == i; k-- {
		if hits[k].c == c {
			return hits
		}
	}
	j, ok := c.matchAt(toks, i)
	if !ok {
		return hits
	}
	if c.Unless != nil {
		for k := j; k < j+2 && k < len(toks); k++ {
			if c.Unless[toks[k].Lower] || c.Unless[toks[k].Base] {
				return hits
			}
		}
	}
	if c.Context != nil {
		if *ctx == nil {
			*ctx = map[*cue]bool{}
		}
		has, ok := (*ctx)[c]
		if !ok {
			has = sentenceHas(toks, c.Context)
			(*ctx)[c] = has
		}
		if !has {
			return hits
		}
	}
	return append(hits, cueHit{c: c, i: i, j: j})
}

func dropOverlaps(hits []cueHit) []cueHit {
	if len(hits) < 2 {
		return hits
	}
	order := make([]int, len(hits))
	for k := range order {
		order[k] = k
	}
	sort.SliceStable(order, func(a, b int) bool {
		ha, hb := hits[order[a]], hits[order[b]]
		// More matched words first ("sign * agreement" over "agreement"),
		if la, lb := ha.c.words(), hb.c.words(); la != lb {
			return la > lb
		}
		if ha.c.Weight != hb.c.Weight {
			return ha.c.Weight > hb.c.Weight
		}
		// then the tighter match ("sent troops" over "sent troops and weapons").
		if sa, sb := ha.j-ha.i, hb.j-hb.i; sa != sb {
			return sa < sb
		}
		return ha.i < hb.i
	})
	keep := make([]bool, len(hits))
	last := 0
	for _, h := range hits {
		last = max(last, h.j)
	}
	taken := make([]bool, last)
	for _, k := range order {
		h := hits[k]
		clash := false
		for x := h.i; x < h.j; x++ {
			if taken[x] {
				clash = true
				break
			}
		}
		if !clash {
			keep[k] = true
			for x := h.i; x < h.j; x++ {
				taken[x] = true
			}
		}
	}
	out := hits[:0]
	for k, h := range hits {
		if keep[k] {
			out = append(out, h)
		}
	}
	return out
}

// negBreaks end a negation's reach in addition to the pack's clause breaks:
// "We have not violated the ceasefire and have continued to observe it".
var negBreaks = map[string]bool{"and": true, "or": true, "that": true, "as": true}

// negated reports whether the cue at toks[i] sits in the scope of a
// negator of its own clause: "did not agree", "no casualties", "failed to
// sign", "without a ceasefire".
func (lx *lexicon) negated(toks []token, i int) bool {
	for k := i - 1; k >= 0 && k >= i-5; k-- {
		t := toks[k]
		if t.Punct && t.Lower != "\"" && t.Lower != "“" && t.Lower != "”" {
			return false
		}
		if lx.breaks[t.Lower] || negBreaks[t.Lower] {
			return false
		}
		switch {
		case t.Lower == "no" || t.Lower == "none":
			if i-k <= 3 {
				return true
			}
		case t.Lower == "not" && k+1 < len(toks) && toks[k+1].Lower == "only":
			// "not only ... but also" is not a negation.
		case lx.negators[t.Lower] || strings.HasSuffix(t.Lower, "n't") || strings.HasSuffix(t.Lower, "n’t"):
			return true
		case lx.negVerbs[t.Lower] && k < i-1 && (toks[k+1].Lower == "to" || strings.HasSuffix(toks[k+1].Lower, "ing")):
			return true
		case lx.negVerbs[t.Lower] && k == i-1 && strings.HasSuffix(toks[i].Lower, "ing"):
			return true
		case lx.negVerbs[t.Lower] && onlyDeterminers(toks[k+1:i]):
			// "denied these allegations", "rejected the accusation".
			return true
		}
	}
	return false
}

// findEvents reads each sentence's events with the pack's triggers.
func (p *Pack) findEvents(d *doc) []evHit {
	lx := &builtinPack.lex
	var out []evHit
	for si, s := range d.sents {
		toks := d.sentToks(si)
		hits := findCues(toks, p.eventIndex, p.suffixCues)
		if len(hits) == 0 {
			continue
		}
		var evs []evHit
		for _, h := range hits {
			// Cue words inside names are not events: Amnesty International,
			// Organization of Islamic Cooperation, Peace Corps.
			if m, ok := d.mentionAt(toks[h.i].Start); ok && !m.Demonym && m.Type != "" {
				continue
			}
			ev := evHit{Event: Event{Type: h.c.Type, Mode: h.c.Mode, Sentence: si, Text: d.text[s.Start:s.End]},
				Start: toks[h.i].Start, End: toks[h.j-1].End, tok: h.i, weight: h.c.Weight}
			ev.Negated = lx.negated(toks, h.i)
			if lx.subordinate(toks, h.i) {
				ev.weight -= 0.5
			}
			if participle(toks, h.i, h.j, hits) {
				ev.weight -= 0.5
			}
			if h.c.Type != "THREATEN" && complement(hits, toks, h) {
				ev.weight -= 0.4
			}
			if trailingAttribution(toks, h) {
				ev.weight -= 0.5
			}
			ev.Source, ev.Target = d.actors(lx, si, toks, h.i, h.j)
			evs = append(evs, ev)
			if ev.Negated && h.c.NegType != "" {
				// "would not accept the preconditions" is a rejection.
				// Listed after the negated event, which stays the main one
				// ("did not agree" is a negated AGREE first).
				alt := ev
				alt.Type, alt.Mode, alt.Negated = h.c.NegType, "", false
				alt.weight -= 0.01
				evs = append(evs, alt)
			}
		}
		out = append(out, dedupeTypes(evs)...)
	}
	return out
}

// dedupeTypes keeps one event per type in a sentence: the heavier, then a
// positive reading over a negated one ("no one was killed in the
// explosion" is still an explosion), then the earlier.
func dedupeTypes(evs []evHit) []evHit {
	sort.SliceStable(evs, func(a, b int) bool {
		x, y := evs[a], evs[b]
		if x.weight != y.weight {
			return x.weight > y.weight
		}
		if x.Negated != y.Negated {
			return !x.Negated
		}
		return x.tok < y.tok
	})
	seen := map[string]bool{}
	out := evs[:0]
	for _, e := range evs {
		if seen[e.Type] {
			continue
		}
		seen[e.Type] = true
		out = append(out, e)
	}
	return out
}

// better orders a sentence's events: heavier first, then the earlier, then
// a positive over a negated one. A negated main verb ("failed to agree on
// ... releases", "have not withdrawn") outranks a later object noun and a
// weak last-resort noun.
func better(a, b evHit) bool {
	if a.weight != b.weight {
		return a.weight > b.weight
	}
	if a.tok != b.tok {
		return a.tok < b.tok
	}
	return !a.Negated && b.Negated
}

// sortEvents orders events by sentence and, within a sentence, main event
// first: the heavier, then a positive over a negated one, then the earlier.
// A negated main verb ("have not withdrawn") still outranks a weak noun.
func sortEvents(evs []evHit) {
	sort.SliceStable(evs, func(a, b int) bool {
		if evs[a].Sentence != evs[b].Sentence {
			return evs[a].Sentence < evs[b].Sentence
		}
		return better(evs[a], evs[b])
	})
}

// beForms mark a passive participle: "were mediated by Turkey".
var beForms = map[string]bool{"is": true, "are": true, "was": true, "were": true, "be": true, "been": true, "being": true}

// actors reads source and target for the cue at toks[i:j] of sentence si:
// the nearest actor before the trigger is the source and the first other
// actor after it the target; in the passive ("was brokered by Qatar") the
// agent after "by" is the source. Speakers ("X said", "according to X")
// are not actors of the event.
func (d *doc) actors(lx *lexicon, si int, toks []token, i, j int) (src, tgt string) {
	s := d.sents[si]
	trigStart, trigEnd := toks[i].Start, toks[j-1].End
	// Actors are read within a window around the trigger, which also keeps
	// the cost linear in very long sentences.
	ms := d.mentionsIn(max(s.Start, trigStart-400), min(s.End, trigEnd+400))
	if len(ms) == 0 {
		return "", ""
	}
	passive := false
	byPos := -1
	for k := j; k < len(toks) && k <= j+1; k++ {
		if toks[k].Lower == "by" {
			byPos = toks[k].End
			break
		}
	}
	if byPos >= 0 {
		last := toks[j-1].Lower
		if strings.HasSuffix(last, "ed") || strings.HasSuffix(last, "en") || (i > 0 && beForms[toks[i-1].Lower]) {
			passive = true
		}
	}
	// Places after "in", "at", "along" ... are where it happened, not who
	// did it: drop them before choosing actors.
	// The nearest non-speaker before the trigger; the actors after it.
	// Targets may be places ("airstrikes on Kyiv"); sources may not.
	all := ms
	var before *mention
	for k := range ms {
		if ms[k].End <= trigStart && !d.isSpeaker(lx, ms[k], toks) && !d.located(toks, ms[k]) {
			before = &ms[k]
		}
	}
	if passive {
		for k := range ms {
			if ms[k].Start >= byPos && !d.located(toks, ms[k]) {
				src = actorOf(ms[k])
				break
			}
		}
		if before != nil {
			tgt = actorOf(*before)
		}
	} else {
		if before != nil {
			src = actorOf(*before)
		}
		for k := range all {
			if all[k].Start >= trigEnd {
				if a := actorOf(all[k]); a != src {
					tgt = a
					break
				}
			}
		}
	}
	if tgt == src {
		tgt = ""
	}
	return src, tgt
}

// isSpeaker reports whether mention m is attribution: followed by a
// reporting verb ("Kabul described", "Asif said") or after "according to".
func (d *doc) isSpeaker(lx *lexicon, m mention, toks []token) bool {
	k := sort.Search(len(toks), func(k int) bool { return toks[k].Start >= m.Start })
	if k < len(toks) && toks[k].Start == m.Start && k >= 2 && toks[k-1].Lower == "to" && toks[k-2].Lower == "according" {
		return true
	}
	k = sort.Search(len(toks), func(k int) bool { return toks[k].Start >= m.End })
	return k < len(toks) && lx.reporting[toks[k].Lower]
}

var determiners = map[string]bool{"the": true, "these": true, "those": true, "this": true, "that": true, "any": true,
	"a": true, "an": true, "such": true, "all": true, "its": true, "their": true, "his": true, "her": true}

func onlyDeterminers(toks []token) bool {
	for _, t := range toks {
		if !determiners[t.Lower] {
			return false
		}
	}
	return true
}

// subordinate reports whether toks[i] sits in a clause opened by a
// subordinator ("after the unrest", "amid protests"): such triggers are
// background and rank below the main clause's events.
func (lx *lexicon) subordinate(toks []token, i int) bool {
	a, _ := lx.clauseBounds(toks, i)
	if a > 0 && lx.subord[toks[a-1].Lower] {
		return true
	}
	for k := a; k < i; k++ {
		if lx.subord[toks[k].Lower] {
			return true
		}
	}
	return false
}

// possessives and determiners before an adjectival participle.
var adjDeterminers = map[string]bool{"the": true, "a": true, "an": true, "its": true, "their": true, "his": true, "her": true}

// participle reports whether a one-word -ed trigger is used as an
// adjective or reduced relative rather than as the verb of the clause:
// "the jailed former prime minister", "troops backed by drones". Such
// triggers rank below the clause's verb.
func participle(toks []token, i, j int, hits []cueHit) bool {
	if !strings.HasSuffix(toks[i].Lower, "ed") {
		return false
	}
	if i > 0 && adjDeterminers[toks[i-1].Lower] && i+1 < len(toks) && !toks[i+1].Punct {
		return true // "the jailed leader", "the closed border crossing"
	}
	if j-i != 1 {
		return false
	}
	if i > 0 && j < len(toks) && reducedRelPreps[toks[j].Lower] && !toks[i-1].Punct && !toks[i-1].Cap &&
		strings.HasSuffix(toks[i-1].Lower, "s") && !stopwords[toks[i-1].Lower] && !beForms[toks[i-1].Lower] &&
		len(hits) > 0 && hits[0].i < i-1 {
		// "sent aid to refugees deported from Pakistan": a verb came
		// before, so this participle describes its object.
		return true
	}
	if j < len(toks) && toks[j].Lower == "by" && i > 0 && toks[i-1].Lower == "," {
		return true // "The Somali army, backed by AU troops, recaptured ..."
	}
	if j < len(toks) && toks[j].Lower == "by" && i > 0 && !toks[i-1].Punct && !beForms[toks[i-1].Lower] &&
		toks[i-1].Lower != "has" && toks[i-1].Lower != "have" && toks[i-1].Lower != "had" && toks[i-1].Lower != "being" &&
		!strings.HasSuffix(toks[i-1].Lower, "ly") {
		return true
	}
	return false
}

func isQuoteMark(s string) bool { return s == "\"" || s == "“" || s == "”" }

// complement reports whether the cue h is the infinitive governed by an
// earlier cue of its sentence: "called on the Taliban to lift restrictions",
// "urged both sides to resume talks". The governing verb is the event
// (except a threat: "vowed to take countermeasures" is THREATEN).
func complement(hits []cueHit, toks []token, h cueHit) bool {
	if h.i == 0 {
		return false
	}
	// "to lift", or a gerund after "of" ("accused Israel of stalling").
	if p := toks[h.i-1].Lower; p != "to" && !(p == "of" && strings.HasSuffix(toks[h.i].Lower, "ing")) {
		return false
	}
	for _, o := range hits {
		if o.i < h.i-1 && h.i-o.j <= 6 {
			return true
		}
	}
	return false
}

// located reports whether a place mention follows a locative preposition
// ("hosted in Istanbul", "along the Durand Line").
func (d *doc) located(toks []token, m mention) bool {
	if m.Type != "place" || m.Demonym {
		return false
	}
	k := sort.Search(len(toks), func(k int) bool { return toks[k].Start >= m.Start })
	if k > 0 && toks[k-1].Lower == "the" {
		k--
	}
	return k > 0 && locPreps[toks[k-1].Lower]
}

// reducedRelPreps follow a participle that modifies the noun before it.
var reducedRelPreps = map[string]bool{"from": true, "in": true, "at": true, "during": true, "into": true, "since": true,
	"under": true, "for": true, "after": true}

// trailingAttribution reports whether the cue closes the sentence after a
// comma: "..., the defence minister insisted." is attribution, not a demand.
func trailingAttribution(toks []token, h cueHit) bool {
	if h.j != len(toks) {
		return false
	}
	for k := h.i - 1; k >= 0 && k >= h.i-5; k-- {
		if toks[k].Lower == "," {
			return true
		}
	}
	return false
}

// words counts the cue's word slots (gaps excluded).
func (c *cue) words() int {
	n := 0
	for _, s := range c.slots {
		if !s.gap {
			n++
		}
	}
	return n
}
