package summarize

import (
	_ "embed"
	"sort"
	"strings"
)

// The gazetteer is written for sitrep from public knowledge (the UN member
// list, capitals and demonyms as used in English-language wire copy, major
// cities, borders, international organisations and armed groups). It is
// part of sitrep and under the same licence. It is parsed once at start-up
// into an index keyed by a name's first token, so a lookup per token is one
// map access. See docs/summarize-quotes-entities.md for the file formats.

//go:embed data/gazetteer-countries.tsv
var gazCountriesTSV string

//go:embed data/gazetteer-places.tsv
var gazPlacesTSV string

//go:embed data/gazetteer-orgs.tsv
var gazOrgsTSV string

//go:embed data/gazetteer-people.tsv
var gazPeopleTSV string

// gazEntry is one surface form of a known entity.
type gazEntry struct {
	toks    []string // the surface form's tokens
	name    string   // canonical name
	typ     string   // place | organization
	actor   string   // the political actor it stands for
	country string   // for places: the country it lies in
	capital bool     // a capital: stands for its government when it acts
	demonym bool     // an adjective/nationality: "Pakistani"
}

// gazIndex maps a first token to the entries that start with it, longest
// first.
var gazIndex = map[string][]*gazEntry{}

// gazDemonym maps a country to its first demonym ("Pakistan" -> "Pakistani").
var gazDemonym = map[string]string{}

func init() {
	loadCountries(gazCountriesTSV)
	loadPlaces(gazPlacesTSV)
	loadOrgs(gazOrgsTSV)
	loadPeople(gazPeopleTSV)
	for k, es := range gazIndex {
		sort.SliceStable(es, func(i, j int) bool { return len(es[i].toks) > len(es[j].toks) })
		gazIndex[k] = es
	}
}

func tsvRows(data string) [][]string {
	var rows [][]string
	for _, line := range strings.Split(data, "\n") {
		line = strings.TrimRight(line, "\r")
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		cols := strings.Split(line, "\t")
		for len(cols) < 4 {
			cols = append(cols, "")
		}
		rows = append(rows, cols)
	}
	return rows
}

func splitAlt(s string) []string {
	var out []string
	for _, p := range strings.Split(s, "|") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

func addGaz(surface string, e gazEntry) {
	toks := entTokens(surface, nil)
	if len(toks) == 0 {
		return
	}
	e.toks = make([]string, len(toks))
	for i, t := range toks {
		e.toks[i] = surface[t.Start:t.End]
	}
	first := e.toks[0]
	// Same surface twice: keep the first (files are ordered by priority).
	for _, o := range gazIndex[first] {
		if strings.Join(o.toks, " ") == strings.Join(e.toks, " ") {
			return
		}
	}
	ep := e
	gazIndex[first] = append(gazIndex[first], &ep)
}

func loadCountries(data string) {
	for _, c := range tsvRows(data) {
		name := strings.TrimSpace(c[0])
		addGaz(name, gazEntry{name: name, typ: "place", actor: name, country: name})
		for _, a := range splitAlt(c[3]) {
			addGaz(a, gazEntry{name: name, typ: "place", actor: name, country: name})
		}
		for _, cap := range splitAlt(c[1]) {
			if cap == name {
				continue
			}
			addGaz(cap, gazEntry{name: cap, typ: "place", actor: name, country: name, capital: true})
		}
		for i, d := range splitAlt(c[2]) {
			if i == 0 {
				gazDemonym[name] = d
			}
			addGaz(d, gazEntry{name: name, typ: "place", actor: name, country: name, demonym: true})
		}
	}
}

func loadPlaces(data string) {
	for _, c := range tsvRows(data) {
		name := strings.TrimSpace(c[0])
		country := strings.TrimSpace(c[1])
		e := gazEntry{name: name, typ: "place", actor: name, country: country}
		addGaz(name, e)
		for _, a := range splitAlt(c[2]) {
			addGaz(a, e)
		}
	}
}

func loadOrgs(data string) {
	for _, c := range tsvRows(data) {
		name := strings.TrimSpace(c[0])
		actor := strings.TrimSpace(c[1])
		if actor == "" {
			actor = name
		}
		e := gazEntry{name: name, typ: "organization", actor: actor}
		addGaz(name, e)
		for _, a := range splitAlt(c[2]) {
			addGaz(a, e)
		}
	}
}

func loadPeople(data string) {
	for _, c := range tsvRows(data) {
		name := strings.TrimSpace(c[0])
		e := gazEntry{name: name, typ: "person", actor: strings.TrimSpace(c[1])}
		addGaz(name, e)
		gazPerson[name] = &e
		for _, a := range splitAlt(c[2]) {
			addGaz(a, e)
			gazPerson[a] = &e
		}
	}
}

// gazPerson maps a known person's name or alias to its entry.
var gazPerson = map[string]*gazEntry{}

// isAcronym reports whether s is all capitals/digits/dots, 2+ letters.
func isAcronym(s string) bool {
	n := 0
	for _, r := range s {
		switch {
		case r >= 'A' && r <= 'Z':
			n++
		case r >= '0' && r <= '9', r == '.', r == '-':
		default:
			return false
		}
	}
	return n >= 2
}

// gazMatch returns the longest gazetteer entry starting at token i, or nil.
func gazMatch(text string, toks []etok, i int) (*gazEntry, int) {
	w := toks[i].text(text)
	es := gazIndex[w]
	shout := false
	if es == nil && len(w) >= 3 && isShout(w) {
		// Datelines shout: "ISLAMABAD:", "NEW DELHI (AP) —".
		es = gazIndex[titleWord(w)]
		shout = true
	}
	for _, e := range es {
		if i+len(e.toks) > len(toks) {
			continue
		}
		ok := true
		for k := 1; k < len(e.toks); k++ {
			t := toks[i+k]
			tw := t.text(text)
			if shout && isShout(tw) {
				tw = titleWord(tw)
			}
			if tw != e.toks[k] || t.Sent != toks[i].Sent {
				ok = false
				break
			}
		}
		if ok {
			return e, len(e.toks)
		}
	}
	return nil, 0
}

// isShout reports whether w is all upper-case letters (ASCII).
func isShout(w string) bool {
	for i := 0; i < len(w); i++ {
		if c := w[i]; c < 'A' || c > 'Z' {
			return false
		}
	}
	return true
}

// titleWord turns "ISLAMABAD" into "Islamabad".
func titleWord(w string) string {
	return w[:1] + strings.ToLower(w[1:])
}
