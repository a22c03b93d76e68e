package summarize

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// mention is one occurrence of an entity in the text.
//
// Start/End cover the name only: for "Pakistani Defence Minister Khawaja
// Muhammad Asif" the mention is "Khawaja Muhammad Asif" with Role "Pakistani
// Defence Minister" and Actor "Pakistan"; the prefix is not a mention of its
// own, so mentions never overlap.
//
// Actor is the political actor the mention stands for: a country for its
// name, aliases, demonyms and capital ("Kabul", "Afghan" -> "Afghanistan"); an
// organisation for itself (or its state for state organs: "IDF" -> "Israel");
// "the Taliban government" is the mention "Taliban" with actor "Taliban"; a
// person for the country or organisation of their role ("Taliban spokesperson
// Zabihullah Mujahid" -> "Taliban") or else for themselves. Other places
// (Istanbul, the Durand Line) stand for themselves; Country says where they lie.
type mention struct {
	Start, End int    // byte offsets of the mention in text
	Name       string // canonical entity name
	Type       string // "person" | "organization" | "place"
	Role       string // for people: "Pakistani Defence Minister", "" if none
	Actor      string // the political actor this mention stands for
	Demonym    bool   // true for adjectives like "Pakistani", "Afghan"
	Country    string // for places: the country they lie in, if known
	Capital    bool   // a capital city (stands for its government when it acts)

	npStart int  // start of the whole noun phrase (role prefix included)
	female  bool // a female title or role word was seen
	gaz     bool // a known figure named by the gazetteer (canonical spelling)
}

// etok is a word or punctuation mark of the text.
type etok struct {
	Start, End int
	Sent       int    // sentence index, -1 outside any sentence
	Word       bool   // letters or digits
	Cap        bool   // starts with an upper-case letter
	First      bool   // first word of its sentence or of a quotation
	low        string // lower case (words only), computed once
}

func (t etok) text(s string) string { return s[t.Start:t.End] }

func isWordRune(r rune) bool {
	if r < 0x80 {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)
}

// tokenize splits text into word and punctuation tokens. Words keep
// internal apostrophes (N'Djamena, O'Brien) but not a possessive "'s", which
// becomes its own token; dotted abbreviations and initials keep their
// periods (U.S., a.m., Gen., J.); hyphens are tokens of their own so
// "Pakistan-Afghanistan" yields both names.
func entTokens(text string, sents []sentence) []etok {
	toks := make([]etok, 0, len(text)/5+4)
	si := 0
	first := true
	i := 0
	for i < len(text) {
		r, sz := utf8.DecodeRuneInString(text[i:])
		if unicode.IsSpace(r) || r == utf8.RuneError && sz <= 1 && !utf8.FullRuneInString(text[i:]) {
			i += sz
			continue
		}
		// Track the sentence this byte belongs to.
		sent := -1
		if sents != nil {
			for si < len(sents) && sents[si].End <= i {
				si++
				first = true
			}
			if si < len(sents) && sents[si].Start <= i {
				sent = si
			}
		}
		if !isWordRune(r) {
			// Possessive 's / ’s.
			if (r == '\'' || r == '’') && i+sz < len(text) && (text[i+sz] == 's' || text[i+sz] == 'S') &&
				(i+sz+1 == len(text) || !isWordRuneAt(text, i+sz+1)) && len(toks) > 0 && toks[len(toks)-1].End == i {
				toks = append(toks, etok{Start: i, End: i + sz + 1, Sent: sent})
				i += sz + 1
				continue
			}
			toks = append(toks, etok{Start: i, End: i + sz, Sent: sent})
			if isOpenMark(r) && r != '-' && r != '—' && r != '–' || r == '«' {
				first = true
			}
			i += sz
			continue
		}
		start := i
		for i < len(text) {
			r, sz := utf8.DecodeRuneInString(text[i:])
			if isWordRune(r) {
				i += sz
				continue
			}
			if (r == '\'' || r == '’') && i > start && i+sz < len(text) && isWordRuneAt(text, i+sz) {
				// Internal apostrophe, unless it is a possessive 's.
				if (text[i+sz] == 's' || text[i+sz] == 'S') && (i+sz+1 == len(text) || !isWordRuneAt(text, i+sz+1)) {
					break
				}
				i += sz
				continue
			}
			break
		}
		// Dotted abbreviations and initials: U.S., a.m., J., Gen.
		if i < len(text) && text[i] == '.' {
			w := text[start:i]
			if utf8.RuneCountInString(w) == 1 {
				i++
				for i+1 < len(text) && isWordRuneAt(text, i) && text[i+1] == '.' && utf8.RuneLen(rune(text[i])) == 1 {
					i += 2
				}
			} else if titleAbbrev[strings.ToLower(w)] || monthAbbrev[strings.ToLower(w)] {
				i++
			}
		}
		r0, _ := utf8.DecodeRuneInString(text[start:])
		cap := unicode.IsUpper(r0) || unicode.IsTitle(r0)
		low := text[start:i]
		if cap || r0 >= 0x80 {
			low = strings.ToLower(low)
		}
		toks = append(toks, etok{Start: start, End: i, Sent: sent, Word: true, Cap: cap, First: first, low: low})
		first = false
	}
	return toks
}

func isWordRuneAt(s string, i int) bool {
	r, _ := utf8.DecodeRuneInString(s[i:])
	return isWordRune(r)
}

// entityFinder holds the state of one findEntities call.
type entityFinder struct {
	text  string
	toks  []etok
	ments []mention
	// pending are single capitalised tokens that may be a known person's
	// surname; resolved once all full names are known.
	pending []pendingName
	// acronyms defined in the text: "Baloch Liberation Army (BLA)".
	acr map[string]mention
	// pendingRoles are appositive roles of single-word names.
	pendingRoles []pendingRoleT
	gm           []gazMemo // memoised gazetteer matches per token
	// aliases maps a nickname to a person's full name ("Hemedti").
	aliases map[string]string
	// orgNames are organisations introduced by a noun ("the group Orano").
	orgNames map[string]bool
	// people indexes the first mention of each distinct full name seen so
	// far, so surname checks cost the number of people, not of mentions.
	people []int
	// spelled maps a known figure's canonical name to the text's spelling
	// ("António Guterres" -> "Antonio Guterres").
	spelled map[string]string
}

type pendingRoleT struct {
	tok  int
	role string
}

type pendingName struct {
	tok     int
	person  bool // seen with person evidence (reporting verb, honorific)
	npStart int
	female  bool
}

// findEntities returns the mentions in text order and the aggregated entity
// list sorted by count (desc) then first mention.
func findEntities(text string, sents []sentence) ([]mention, []Entity) {
	f := &entityFinder{text: text, toks: entTokens(text, sents)}
	f.scan()
	f.resolvePending()
	sort.SliceStable(f.ments, func(i, j int) bool { return f.ments[i].Start < f.ments[j].Start })
	f.unifyPeople()
	return f.ments, aggregateEntities(f.ments)
}

func (f *entityFinder) word(i int) string {
	if i < 0 || i >= len(f.toks) {
		return ""
	}
	return f.toks[i].text(f.text)
}

func (f *entityFinder) lower(i int) string {
	if i < 0 || i >= len(f.toks) {
		return ""
	}
	return tokKey(f.toks[i], f.text)
}

// tokKey is a token's lookup key: lower case without a final period.
func tokKey(t etok, text string) string {
	if !t.Word {
		return text[t.Start:t.End]
	}
	return strings.TrimSuffix(t.low, ".")
}

// sameSent reports whether tokens i and j are in the same sentence.
func (f *entityFinder) sameSent(i, j int) bool {
	return i >= 0 && j >= 0 && i < len(f.toks) && j < len(f.toks) && f.toks[i].Sent == f.toks[j].Sent
}

func (f *entityFinder) scan() {
	toks := f.toks
	for i := 0; i < len(toks); {
		t := toks[i]
		if !t.Word {
			i++
			continue
		}
		if n := f.tryPerson(i); n > 0 {
			i = n
			continue
		}
		if e, n := f.gazAt(i); e != nil {
			// A known place glued to an unknown capitalised word is a
			// longer name: "Islamabad High Court", "Jordan Bardella".
			if e.typ == "place" && !e.demonym && n == 1 && i+1 < len(toks) && toks[i+1].Cap && toks[i+1].Start == t.End+1 &&
				!stopCaps[f.lower(i+1)] && !f.isGaz(i+1) {
				if m := f.tryCapSeq(i, e, false); m > 0 {
					i = m
					continue
				}
			}
			if e.typ == "person" && i+n < len(toks) && f.unknownCap(i+n) && toks[i+n].Start == toks[i+n-1].End+1 {
				// "Abbas Araghchi" is not Mahmoud Abbas: a longer unknown
				// name wins over a known surname.
				if m := f.tryCapSeq(i, nil, false); m > 0 {
					i = m
					continue
				}
			}
			m := mention{Start: t.Start, End: toks[i+n-1].End, Name: e.name, Type: e.typ, Actor: e.actor,
				Demonym: e.demonym, Country: e.country, Capital: e.capital, npStart: t.Start, gaz: e.typ == "person"}
			if e.typ == "person" {
				m.female = femaleNames[nameFirst(e.name)]
			}
			f.ments = append(f.ments, m)
			i += n
			continue
		}
		if m, ok := f.acr[f.word(i)]; ok {
			m.Start, m.End, m.npStart = t.Start, t.End, t.Start
			f.ments = append(f.ments, m)
			i++
			continue
		}
		if t.Cap {
			// Adjectives such as "National" open organisation names
			// ("National Assembly") but nothing else.
			lw := f.lower(i)
			if m := f.tryCapSeq(i, nil, stopCaps[lw]); m > 0 && (!stopCaps[lw] || adjCaps[lw]) {
				i = m
				continue
			}
		}
		i++
	}
}

// gazAt is gazMatch memoised per token: the scan asks about the same token
// several times (as a prefix, a name part, a place).
func (f *entityFinder) gazAt(i int) (*gazEntry, int) {
	if f.gm == nil {
		f.gm = make([]gazMemo, len(f.toks))
	}
	m := &f.gm[i]
	if !m.done {
		m.e, m.n = gazMatch(f.text, f.toks, i)
		m.done = true
	}
	return m.e, m.n
}

type gazMemo struct {
	e    *gazEntry
	n    int
	done bool
}

func (f *entityFinder) isGaz(i int) bool {
	e, _ := f.gazAt(i)
	return e != nil
}

// unknownCap reports whether token i is a capitalised word that is not a
// stop word, a role word or the start of a gazetteer name.
func (f *entityFinder) unknownCap(i int) bool {
	if i >= len(f.toks) || !f.toks[i].Word || !f.toks[i].Cap {
		return false
	}
	w := f.lower(i)
	if stopCaps[w] || roleHeads[w] || roleMods[w] || honorifics[w] {
		return false
	}
	if e, _ := f.gazAt(i); e != nil {
		return false
	}
	return true
}

// roleAt parses a role phrase starting at token i and returns its end
// (exclusive) or i when there is none. Female is set by a female role word.
func (f *entityFinder) roleAt(i int) (end int, female bool) {
	j := i
	hasHead := false
	lastRole := i
	for j < len(f.toks) && f.sameSent(i, j) {
		t := f.toks[j]
		w := f.lower(j)
		if t.Word && (roleHeads[w] || roleMods[w]) {
			// Capitalised role words may follow a name ("Minister Asif")
			// only if they are really role words; lower-case ones are fine.
			if roleHeads[w] {
				hasHead = true
			}
			if femaleCues[w] {
				female = true
			}
			j++
			lastRole = j
			continue
		}
		if roleConnectors[w] && j > i && f.toks[j-1].Word {
			// "Secretary-General", "Minister of Foreign Affairs": a
			// connector must be followed by another role word ("Leader of
			// the Opposition", "Chief of the Army Staff").
			k := j + 1
			if w != "-" && f.lower(k) == "the" && k+1 < len(f.toks) && f.toks[k+1].Word && (roleHeads[f.lower(k+1)] || roleMods[f.lower(k+1)]) {
				k++
			}
			if k < len(f.toks) && f.toks[k].Word && (roleHeads[f.lower(k)] || roleMods[f.lower(k)]) {
				if w == "-" && (f.toks[j].Start != f.toks[j-1].End || f.toks[k].Start != f.toks[j].End) {
					break
				}
				// Not when the words open an organisation's name ("president
				// of the Law Society of Kenya").
				z := k
				for z < len(f.toks) && f.toks[z].Word && (roleHeads[f.lower(z)] || roleMods[f.lower(z)]) {
					z++
				}
				if z < len(f.toks) && f.toks[z].Cap && orgHeads[f.lower(z)] && !roleHeads[f.lower(z)] {
					break
				}
				j = k
				continue
			}
		}
		// "Ambassador to Afghanistan", "Special Envoy for the UN": a head
		// followed by to/for/of and a known place or body.
		if hasHead && (w == "to" || w == "for" || w == "of") && j+1 < len(f.toks) {
			k := j + 1
			if f.lower(k) == "the" {
				k++
			}
			if k < len(f.toks) && f.sameSent(j, k) {
				// Not when the place opens an organisation's name ("member of
				// the Afghanistan Chamber of Commerce").
				if e, n := f.gazAt(k); e != nil && e.typ != "person" && !e.demonym &&
					!(k+n < len(f.toks) && f.toks[k+n].Cap && orgHeads[f.lower(k+n)]) {
					j = k + n
					lastRole = j
					continue
				}
			}
		}
		break
	}
	if !hasHead {
		return i, false
	}
	return lastRole, female
}

// nameAt parses a personal name starting at token i: capitalised words,
// initials, particles (bin, al-, de) and hyphenated parts. It returns the
// end (exclusive), or i when there is no name.
func (f *entityFinder) nameAt(i int) int {
	j := i
	words := 0
	for j < len(f.toks) && f.sameSent(i, j) && words < 6 {
		t := f.toks[j]
		w := f.word(j)
		lw := f.lower(j)
		if t.Word && t.Cap && t.End-t.Start == 1 {
			break // "Gen Z": a bare capital letter is not a name (initials keep their period)
		}
		if t.Word && t.Cap {
			// Role words may sit inside a name ("Hassan Sheikh Mohamud")
			// when another name word follows.
			inner := words > 0 && (roleHeads[lw] || nameLikeStops[lw]) && j+1 < len(f.toks) && f.toks[j+1].Cap && f.toks[j+1].Word &&
				!stopCaps[f.lower(j+1)] && !f.isGaz(j+1) && f.sameSent(j, j+1)
			if stopCaps[lw] && !(words > 0 && nameParticles[lw]) && !inner || honorifics[lw] {
				break
			}
			if roleHeads[lw] && words == 0 {
				break
			}
			if words > 0 {
				// A known name ends the personal name, except a surname
				// that happens to be a place ("Israel Katz" is caught by
				// the first token; "Imran Khan" has no gazetteer part).
				// A demonym can be a surname ("Volker Turk", "Dawn French").
				if e, n := f.gazAt(j); e != nil && e.typ != "person" && !(e.demonym && n == 1) {
					break
				}
			} else if e, _ := f.gazAt(j); e != nil && e.typ != "person" && !f.unknownCap(j+1) {
				break
			}
			words++
			j++
			continue
		}
		if t.Word && nameParticles[lw] && words > 0 && j+1 < len(f.toks) {
			// "Osama bin Laden", "Abu Mohammed al-Jolani", "Ursula von der Leyen".
			k := j + 1
			for k < len(f.toks) && (f.toks[k].text(f.text) == "-" || f.toks[k].Word && !f.toks[k].Cap && nameParticles[f.lower(k)]) && k < j+3 {
				k++
			}
			if k < len(f.toks) && f.toks[k].Word && f.toks[k].Cap && f.sameSent(j, k) {
				j = k
				continue
			}
			break
		}
		if t.Word && nameParticles[lw] && words == 0 && j+2 < len(f.toks) && f.word(j+1) == "-" && f.toks[j+2].Cap {
			// "al-Sudani"
			j += 2
			continue
		}
		if w == "-" && words > 0 && j+1 < len(f.toks) && t.Start == f.toks[j-1].End && f.toks[j+1].Start == t.End && f.toks[j+1].Word {
			if !f.toks[j+1].Cap && !nameParticles[f.lower(j+1)] {
				// "Lee Jae-myung": a lower-case part glued by a hyphen.
				j += 2
				continue
			}
			j++
			continue
		}
		break
	}
	if words == 0 {
		return i
	}
	// Do not end on a particle or hyphen (a glued lower-case part is fine).
	for j > i && (!f.toks[j-1].Word || !f.toks[j-1].Cap && !(j-2 > i && f.word(j-2) == "-" && f.toks[j-2].Start == f.toks[j-3].End && f.toks[j-1].Start == f.toks[j-2].End)) {
		j--
	}
	return j
}

// tryPerson recognises "[prefix['s]] role Name" and "honorific Name" at i
// and returns the index after the name, or 0.
func (f *entityFinder) tryPerson(i int) int {
	toks := f.toks
	p := i
	var prefix *gazEntry
	prefixEnd := i
	if e, n := f.gazAt(i); e != nil {
		prefix = e
		p = i + n
		prefixEnd = p
		if p < len(toks) && !toks[p].Word && strings.HasSuffix(strings.ToLower(f.word(p)), "s") && len(f.word(p)) > 1 {
			p++ // possessive
		}
		if p >= len(toks) || !toks[p].Word {
			return 0
		}
	}
	if prefix == nil && isAcronym(f.word(i)) && i+1 < len(toks) && toks[i+1].Word {
		// An unknown party or group acronym before a role: "JUI-F chief".
		if r, _ := f.roleAt(i + 1); r > i+1 {
			e := gazEntry{name: f.word(i), typ: "organization", actor: f.word(i)}
			prefix = &e
			p = i + 1
			prefixEnd = p
		}
	}
	if acr, ok := f.acr[f.word(i)]; ok && prefix == nil {
		e := gazEntry{name: acr.Name, typ: acr.Type, actor: acr.Actor}
		prefix = &e
		p = i + 1
		prefixEnd = p
	}
	w := f.lower(p)
	if honorifics[w] && prefix == nil {
		e := f.nameAt(p + 1)
		if e == p+1 {
			return 0
		}
		if e == p+2 {
			// "Mr. Asif": a surname to link once all names are known.
			f.pending = append(f.pending, pendingName{tok: p + 1, person: true, npStart: toks[i].Start, female: femaleCues[w]})
			return e
		}
		f.addPerson(p+1, e, "", "", toks[i].Start, femaleCues[w])
		return e
	}
	r, female := f.roleAt(p)
	if r == p {
		return 0
	}
	roleEnd := r
	// Honorific after the role: "Foreign Minister Dr. Ali".
	if r < len(toks) && honorifics[f.lower(r)] {
		r++
	}
	e := f.nameAt(r)
	if e == r {
		return 0
	}
	role := collapseSpace(f.text[toks[p].Start:toks[roleEnd-1].End])
	actor := ""
	if prefix != nil {
		pre := collapseSpace(f.text[toks[i].Start:toks[prefixEnd-1].End])
		if prefixEnd < p && prefix.typ == "place" && !prefix.demonym && gazDemonym[prefix.name] != "" && prefix.name == prefix.actor {
			// "Pakistan’s Prime Minister" -> "Pakistani Prime Minister".
			pre = gazDemonym[prefix.name]
		}
		role = pre + " " + role
		if prefix.typ != "person" {
			// "Trump campaign manager X" works for Trump, not for a state.
			actor = prefix.actor
		}
	}
	if e == r+1 && f.toks[r].Word {
		// A single word after a role may be a surname already known
		// ("Defence Minister Asif"); keep the role and link later.
		if _, full := f.personBySurname(f.word(r)); full {
			f.pending = append(f.pending, pendingName{tok: r, person: true, npStart: toks[i].Start, female: female})
			f.setRoleLater(f.word(r), role, actor)
			return e
		}
	}
	f.addPerson(r, e, role, actor, toks[i].Start, female)
	return e
}

// notePerson records a new full name (called before its mention is appended).
func (f *entityFinder) notePerson(name string) {
	for _, k := range f.people {
		if f.ments[k].Name == name {
			return
		}
	}
	f.people = append(f.people, len(f.ments))
}

func (f *entityFinder) known(canon, spelled string) {
	if f.spelled == nil {
		f.spelled = map[string]string{}
	}
	if _, ok := f.spelled[canon]; !ok {
		f.spelled[canon] = spelled
	}
}

// setRoleLater remembers a role seen with a surname-only mention.
func (f *entityFinder) setRoleLater(surname, role, actor string) {
	for k := range f.ments {
		m := &f.ments[k]
		if m.Type == "person" && nameLast(m.Name) == surname && m.Role == "" {
			m.Role, m.Actor = role, actor
		}
	}
}

func (f *entityFinder) addPerson(a, b int, role, actor string, npStart int, female bool) {
	name := collapseSpace(f.text[f.toks[a].Start:f.toks[b-1].End])
	female = female || femaleNames[f.word(a)]
	if e := gazPerson[name]; e != nil {
		// A known figure: keep the text's spelling, remember it for
		// surname-only mentions, take the actor.
		f.known(e.name, name)
		if actor == "" {
			actor = e.actor
		}
	}
	if actor == "" {
		actor = name
	}
	f.notePerson(name)
	f.ments = append(f.ments, mention{Start: f.toks[a].Start, End: f.toks[b-1].End, Name: name, Type: "person",
		Role: role, Actor: actor, npStart: npStart, female: female})
}

// personBySurname finds a person mention whose last name is s.
func (f *entityFinder) personBySurname(s string) (mention, bool) {
	for k := len(f.people) - 1; k >= 0; k-- {
		m := f.ments[f.people[k]]
		if m.Name != s && nameLast(m.Name) == s {
			return m, true
		}
	}
	return mention{}, false
}

// nameSuffix are generational suffixes that are not surnames.
var nameSuffix = wordSet("Jr.", "Jr", "Sr.", "Sr", "II", "III", "IV")

func nameLast(s string) string {
	if k := strings.LastIndexAny(s, " -"); k >= 0 {
		return s[k+1:]
	}
	return s
}

func nameFirst(s string) string {
	if k := strings.IndexByte(s, ' '); k >= 0 {
		return s[:k]
	}
	return s
}

// tryCapSeq classifies a run of capitalised words at i that no gazetteer
// entry or role pattern claimed. head, when set, is the gazetteer place at
// i that the run extends ("Islamabad High Court"). It returns the index
// after the run when it produced or deferred a mention, else 0.
func (f *entityFinder) tryCapSeq(i int, head *gazEntry, orgOnly bool) int {
	toks := f.toks
	j := i
	hasOrgHead := false
	words := 0
	for j < len(toks) && f.sameSent(i, j) && words < 8 {
		t := toks[j]
		lw := f.lower(j)
		if t.Word && t.Cap {
			inner := words > 0 && nameLikeStops[lw] && j+1 < len(toks) && toks[j+1].Cap && toks[j+1].Word && !stopCaps[f.lower(j+1)] && f.sameSent(j, j+1)
			if stopCaps[lw] && words > 0 && !orgHeads[lw] && !roleMods[lw] && !adjCaps[lw] && !inner {
				break
			}
			// A role head ends an unknown run: "Law Minister Azam Tarar"
			// is a role and a name, not one name.
			if words > 0 && roleHeads[lw] && !hasOrgHead && !orgHeads[lw] {
				break
			}
			if orgOnly && words == 0 && !adjCaps[lw] {
				return 0
			}
			if words > 0 && j > i {
				if e, _ := f.gazAt(j); e != nil && !hasOrgHead && e.typ != "person" {
					// "Pakistan Army" is fine; a second place is not.
					if !(j+1 < len(toks) && orgHeads[f.lower(j+1)] && toks[j+1].Cap) {
						break
					}
				}
			}
			if orgHeads[lw] {
				hasOrgHead = true
			}
			words++
			j++
			continue
		}
		if t.Word && (lw == "of" || lw == "for" || lw == "and" || lw == "the" || lw == "on") && (hasOrgHead || j > i && orgHeads[f.lower(j-1)]) &&
			j+1 < len(toks) && f.sameSent(j, j+1) && (toks[j+1].Cap || f.lower(j+1) == "the" && j+2 < len(toks) && toks[j+2].Cap) {
			j++
			continue
		}
		if t.Word && nameParticles[lw] && words > 0 && j+1 < len(toks) && f.sameSent(j, j+1) {
			k := j + 1
			for k < len(toks) && (f.word(k) == "-" || toks[k].Word && !toks[k].Cap && nameParticles[f.lower(k)]) && k < j+3 {
				k++
			}
			if k < len(toks) && toks[k].Cap {
				j = k
				continue
			}
		}
		if f.word(j) == "-" && words > 0 && j+1 < len(toks) && t.Start == toks[j-1].End && toks[j+1].Start == t.End && toks[j+1].Word && toks[j+1].Cap {
			j++
			continue
		}
		break
	}
	for j > i && (!toks[j-1].Word || !toks[j-1].Cap) {
		j--
	}
	if words == 0 || j <= i {
		return 0
	}
	if head != nil && j == i+1 {
		return 0
	}
	start, end := toks[i].Start, toks[j-1].End
	name := collapseSpace(f.text[start:end])
	// "Mohamed Hamdan Dagalo, widely known as Hemedti": an alias of the
	// person just named, linked for later mentions too.
	if head == nil && i >= 2 && f.lower(i-1) == "as" && (f.lower(i-2) == "known" || f.lower(i-2) == "nicknamed") {
		for k := len(f.ments) - 1; k >= 0; k-- {
			m := f.ments[k]
			if m.Type == "person" && f.toks[i].Start-m.End < 60 {
				if f.aliases == nil {
					f.aliases = map[string]string{}
				}
				f.aliases[name] = m.Name
				f.ments = append(f.ments, mention{Start: start, End: end, Name: m.Name, Type: "person", Role: m.Role, Actor: m.Actor, npStart: start})
				return j
			}
		}
	}
	if full, ok := f.aliases[name]; ok && head == nil {
		f.ments = append(f.ments, mention{Start: start, End: end, Name: full, Type: "person", npStart: start})
		return j
	}
	actor := name
	if head != nil {
		actor = head.actor
	}
	// Organisation: an org head word, or an acronym defined after it.
	// Acronyms of names in other languages need not match the English
	// initials (JNIM for the Group for the Support of Islam and Muslims).
	if acr := f.acronymAfter(j); acr != "" && (words >= 2 && initialsMatch(name, acr) || hasOrgHead) {
		m := mention{Start: start, End: end, Name: name, Type: "organization", Actor: actor, npStart: start}
		f.ments = append(f.ments, m)
		if f.acr == nil {
			f.acr = map[string]mention{}
		}
		f.acr[acr] = m
		return j
	}
	if head == nil && i >= 2 && !toks[i-1].Word && strings.HasSuffix(f.word(i-1), "s") && len(f.ments) > 0 && f.ments[len(f.ments)-1].End == toks[i-2].End {
		// "Pakistan’s Foreign Office" acts for Pakistan.
		if o := f.ments[len(f.ments)-1]; o.Type != "person" {
			actor = o.Actor
		}
	}
	if hasOrgHead && words >= 2 {
		f.ments = append(f.ments, mention{Start: start, End: end, Name: name, Type: "organization", Actor: actor, npStart: start})
		return j
	}
	if head != nil || orgOnly {
		return 0
	}
	// "the French nuclear group Orano", "the rebel group M23".
	if i >= 1 && toks[i-1].Word && !toks[i-1].Cap && orgNouns[f.word(i-1)] && f.sameSent(i-1, i) {
		f.ments = append(f.ments, mention{Start: start, End: end, Name: name, Type: "organization", Actor: name, npStart: start})
		if f.orgNames == nil {
			f.orgNames = map[string]bool{}
		}
		f.orgNames[name] = true
		return j
	}
	if f.orgNames[name] {
		f.ments = append(f.ments, mention{Start: start, End: end, Name: name, Type: "organization", Actor: name, npStart: start})
		return j
	}
	// Place: "Bajaur district", "Zamzam camp".
	if j < len(toks) && toks[j].Word && !toks[j].Cap && placeHeads[f.word(j)] && f.sameSent(i, j) {
		f.ments = append(f.ments, mention{Start: start, End: end, Name: name, Type: "place", Actor: name, npStart: start})
		return j
	}
	// Person: appositive role, reporting verb, "according to", age.
	role, female := f.appositiveRole(j)
	if role == "" {
		// "Her lawyer, Zaid Bin Amjad, said": a role noun before the comma.
		if i >= 2 && f.word(i-1) == "," && roleHeads[f.lower(i-2)] && !toks[i-2].Cap && f.sameSent(i-2, i) {
			role = f.lower(i - 2)
		}
	}
	// ", who ..." follows people only.
	who := j+1 < len(toks) && f.word(j) == "," && strings.ToLower(f.word(j+1)) == "who"
	person := role != "" || who || f.verbAfter(j) || f.verbBefore(i) || f.ageAfter(j)
	if words == 1 && i > 0 && (f.lower(i-1) == "of" || f.lower(i-1) == "the") {
		// "Chamber of Commerce and Investment, urged": a word inside an
		// unknown name, not a person.
		person = false
	}
	if words == 1 && isAcronym(f.word(i)) {
		// An unknown acronym that speaks is an organisation ("ORTM reported").
		if person {
			f.ments = append(f.ments, mention{Start: start, End: end, Name: name, Type: "organization", Actor: name, npStart: start})
		}
		return j
	}
	if words == 1 {
		// Single words are resolved once every full name is known.
		if person || !toks[i].First || !stopCaps[f.lower(i)] {
			f.pending = append(f.pending, pendingName{tok: i, person: person, npStart: start, female: female})
			if role != "" {
				f.pendingRole(i, role)
			}
		}
		return j
	}
	// A known person's multi-word surname: "Von der Leyen", "bin Salman".
	for k := len(f.people) - 1; k >= 0; k-- {
		m := f.ments[f.people[k]]
		if len(m.Name) > len(name) && strings.EqualFold(m.Name[len(m.Name)-len(name):], name) && m.Name[len(m.Name)-len(name)-1] == ' ' {
			f.ments = append(f.ments, mention{Start: start, End: end, Name: m.Name, Type: "person", Role: m.Role, Actor: m.Actor, npStart: start, female: female})
			return j
		}
	}
	if person {
		actor := name
		if a := roleActor(role); a != "" {
			actor = a
		}
		f.notePerson(name)
		f.ments = append(f.ments, mention{Start: start, End: end, Name: name, Type: "person", Role: role, Actor: actor, npStart: start,
			female: female || femaleNames[f.word(i)]})
		return j
	}
	return j
}

// pendingRoles keeps appositive roles of single-word names.
func (f *entityFinder) pendingRole(tok int, role string) {
	f.pending[len(f.pending)-1].npStart = f.toks[tok].Start
	f.pendingRoles = append(f.pendingRoles, pendingRoleT{tok: tok, role: role})
}

// roleActor returns the country or organisation named in a role phrase.
func roleActor(role string) string {
	if role == "" {
		return ""
	}
	toks := entTokens(role, nil)
	for i := range toks {
		if e, _ := gazMatch(role, toks, i); e != nil {
			return e.actor
		}
	}
	return ""
}

// acronymAfter returns ACR when tokens j.. are "(ACR)".
func (f *entityFinder) acronymAfter(j int) string {
	if j+2 < len(f.toks) && f.word(j) == "(" && f.word(j+2) == ")" && isAcronym(f.word(j+1)) {
		return f.word(j + 1)
	}
	return ""
}

// initialsMatch reports whether acr's letters appear in order among the
// initials of name's words ("Baloch Liberation Army" / "BLA").
func initialsMatch(name, acr string) bool {
	var ini []rune
	for _, w := range strings.FieldsFunc(name, func(r rune) bool { return r == ' ' || r == '-' }) {
		r, _ := utf8.DecodeRuneInString(w)
		ini = append(ini, unicode.ToUpper(r))
	}
	k := 0
	for _, r := range acr {
		if r < 'A' || r > 'Z' {
			continue
		}
		for k < len(ini) && ini[k] != r {
			k++
		}
		if k == len(ini) {
			return false
		}
		k++
	}
	return true
}

// appositiveRole reads ", a Lahore-based analyst," after a name ending at j.
func (f *entityFinder) appositiveRole(j int) (string, bool) {
	if j >= len(f.toks) || f.word(j) != "," {
		return "", false
	}
	k := j + 1
	if k < len(f.toks) {
		switch strings.ToLower(f.word(k)) {
		case "a", "an", "the":
			k++
		}
	}
	start := k
	hasHead, female := false, false
	for k < len(f.toks) && f.sameSent(j, k) && k-start < 10 {
		w := f.word(k)
		if w == "," || w == "." || w == ";" || w == ")" || w == "(" || w == "”" || w == "“" || w == "\"" {
			break
		}
		lw := f.lower(k)
		if _, verb := reportingVerbs[lw]; verb && !roleHeads[lw] {
			break
		}
		if roleHeads[lw] {
			hasHead = true
		}
		if femaleCues[lw] {
			female = true
		}
		k++
	}
	if !hasHead || k == start {
		return "", false
	}
	return collapseSpace(f.text[f.toks[start].Start:f.toks[k-1].End]), female
}

// verbAfter reports whether a reporting verb follows token j (allowing
// auxiliaries and adverbs: "Mujahid also said").
func (f *entityFinder) verbAfter(j int) bool {
	// "The head of the agency, Philippe Lazzarini, said".
	if j+1 < len(f.toks) && f.word(j) == "," && f.sameSent(j, j+1) {
		if _, ok := reportingVerbs[f.lower(j+1)]; ok {
			return true
		}
	}
	// Across an appositive: "Mujahid, speaking to Tolo News, said".
	if j < len(f.toks) && f.word(j) == "," {
		for k := j + 1; k < len(f.toks) && k < j+12 && f.sameSent(j, k); k++ {
			if w := f.word(k); w == "," {
				j = k + 1
				break
			} else if w == "." || w == ";" || w == "“" || w == "\"" {
				return false
			}
		}
	}
	for k := j; k < len(f.toks) && k < j+4 && f.sameSent(j, k); k++ {
		w := f.lower(k)
		if _, ok := reportingVerbs[w]; ok {
			return true
		}
		if !auxWords[w] {
			return false
		}
	}
	return false
}

// verbBefore reports "said Ahmed Rashid" / "according to Ahmed Rashid".
func (f *entityFinder) verbBefore(i int) bool {
	if i < 1 || !f.sameSent(i-1, i) {
		return false
	}
	w := strings.ToLower(f.word(i - 1))
	if w == "said" || w == "says" || w == "told" || w == "added" || w == "wrote" || w == "asked" || w == "quoted" || w == "quoting" {
		return true
	}
	return w == "to" && i >= 2 && strings.ToLower(f.word(i-2)) == "according"
}

// ageAfter reads ", 45," after a name.
func (f *entityFinder) ageAfter(j int) bool {
	if j+2 < len(f.toks) && f.word(j) == "," && f.word(j+2) == "," {
		w := f.word(j + 1)
		if len(w) >= 1 && len(w) <= 3 && w[0] >= '0' && w[0] <= '9' {
			return true
		}
	}
	return false
}

// resolvePending turns single capitalised words into mentions: a known
// person's surname links to the full name; a word with person evidence
// becomes a person of its own.
func (f *entityFinder) resolvePending() {
	surnames := map[string]int{} // surname -> index of the person mention
	for k, m := range f.ments {
		if m.Type == "person" {
			s := nameLast(m.Name)
			if nameSuffix[s] {
				// "Ferdinand Marcos Jr." -> "Marcos".
				s = nameLast(strings.TrimSpace(strings.TrimSuffix(m.Name, s)))
			}
			if _, ok := surnames[s]; !ok && s != m.Name {
				surnames[s] = k
			}
		}
	}
	// Family name first (Mao Ning, Xi Jinping, Kim Jong Un): a given name
	// alone is rare in news copy, so the first word links too when no
	// one else has it as a surname.
	for k, m := range f.ments {
		if m.Type == "person" {
			s := nameFirst(m.Name)
			if _, ok := surnames[s]; !ok && s != m.Name {
				surnames[s] = k
			}
		}
	}
	roles := map[int]string{}
	for _, pr := range f.pendingRoles {
		roles[pr.tok] = pr.role
	}
	for _, p := range f.pending {
		t := f.toks[p.tok]
		w := f.word(p.tok)
		if k, ok := surnames[w]; ok {
			full := f.ments[k]
			m := mention{Start: t.Start, End: t.End, Name: full.Name, Type: "person", Role: full.Role, Actor: full.Actor,
				npStart: p.npStart, female: p.female || full.female}
			f.ments = append(f.ments, m)
			continue
		}
		if e := gazPerson[w]; e != nil {
			// "Mr. Trump" with no full name in the text: the known figure.
			f.ments = append(f.ments, mention{Start: t.Start, End: t.End, Name: e.name, Type: "person", Actor: e.actor,
				npStart: p.npStart, female: p.female || femaleNames[nameFirst(e.name)], gaz: true})
			continue
		}
		if p.person {
			role := roles[p.tok]
			actor := w
			if a := roleActor(role); a != "" {
				actor = a
			}
			f.ments = append(f.ments, mention{Start: t.Start, End: t.End, Name: w, Type: "person", Role: role, Actor: actor, npStart: p.npStart, female: p.female})
		}
	}
}

// unifyPeople gives every mention of a person the first role, actor and
// gender seen for that name.
func (f *entityFinder) unifyPeople() {
	type info struct {
		role, actor string
		female      bool
	}
	seen := map[string]*info{}
	// A known surname names the person in this text who has it ("Ali
	// Abbas" here), else the known figure, in the text's spelling.
	textSurnames := map[string]mention{}
	for _, m := range f.ments {
		if m.Type == "person" && !m.gaz && strings.Contains(m.Name, " ") {
			if _, ok := textSurnames[nameLast(m.Name)]; !ok {
				textSurnames[nameLast(m.Name)] = m
			}
		}
	}
	for k := range f.ments {
		m := &f.ments[k]
		if !m.gaz {
			continue
		}
		if o, ok := textSurnames[f.text[m.Start:m.End]]; ok && gazPerson[o.Name] == nil {
			m.Name, m.Role, m.Actor, m.gaz = o.Name, o.Role, o.Actor, false
			continue
		}
		if sp, ok := f.spelled[m.Name]; ok {
			m.Name = sp
		}
	}
	for _, m := range f.ments {
		if m.Type != "person" {
			continue
		}
		in := seen[m.Name]
		if in == nil {
			in = &info{}
			seen[m.Name] = in
		}
		if in.role == "" && m.Role != "" {
			in.role = m.Role
			if m.Actor != m.Name {
				in.actor = m.Actor
			}
		}
		if in.actor == "" && m.Actor != "" && m.Actor != m.Name {
			in.actor = m.Actor
		}
		in.female = in.female || m.female
	}
	for k := range f.ments {
		m := &f.ments[k]
		if m.Type != "person" {
			continue
		}
		in := seen[m.Name]
		if m.Role == "" {
			m.Role = in.role
		}
		if in.actor != "" {
			m.Actor = in.actor
		} else {
			m.Actor = m.Name
		}
		m.female = in.female
	}
}

// aggregate counts mentions per entity (demonyms count toward their
// country), sorted by count then first mention.
func aggregateEntities(ments []mention) []Entity {
	type agg struct {
		e     Entity
		first int
	}
	idx := map[string]int{}
	var out []agg
	for _, m := range ments {
		key := m.Type + "\x00" + m.Name
		if k, ok := idx[key]; ok {
			out[k].e.Count++
			continue
		}
		idx[key] = len(out)
		out = append(out, agg{e: Entity{Text: m.Name, Type: m.Type, Count: 1}, first: m.Start})
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].e.Count != out[j].e.Count {
			return out[i].e.Count > out[j].e.Count
		}
		return out[i].first < out[j].first
	})
	ents := make([]Entity, len(out))
	for i, a := range out {
		ents[i] = a.e
	}
	return ents
}

// collapseSpace collapses runs of white space to one space.
func collapseSpace(s string) string {
	if !strings.ContainsAny(s, "\n\t\r  ") {
		return s
	}
	return strings.Join(strings.Fields(s), " ")
}
