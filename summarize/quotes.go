package summarize

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// qspan is one quotation found by its marks.
type qspan struct {
	open, close int  // offset of the opening mark and just after the closing mark (or paragraph end)
	start, end  int  // inner text, trimmed
	para        int  // paragraph index
	chain       int  // index of the first span of a multi-paragraph quotation
	closed      bool // the closing mark was found in the same paragraph
	comma       bool // the inner text ended with a comma ("...,” she said, “...")
}

// quote marks: kinds of quotation.
const (
	qNone = iota
	qDouble
	qStraight
	qSingle
	qGuillemet
	qStraightSingle
)

// findQuotes returns the quotations of text with their speakers, in text
// order. Start/End delimit the inner text without the marks, so
// text[Start:End] == Quote.Text; a trailing comma, colon or semicolon inside
// the marks is dropped, a final period, question or exclamation mark kept.
//
// A quotation split by its attribution ("“A,” she said, “b.”") yields two
// quotes with the same speaker, both full. A quotation running over several
// paragraphs (no closing mark at a paragraph's end, reopened at the next)
// yields one quote per paragraph, all with the chain's speaker. Partial
// quotes (a phrase inside a sentence: an “impossible demand”) have
// Partial=true; scare quotes whose speaker cannot be read are dropped.
func findQuotes(text string, sents []sentence, ments []mention) []Quote {
	spans := findQuoteSpans(text, sents)
	if len(spans) == 0 {
		return nil
	}
	r := newQuoteResolver(text, sents, ments, spans)
	out := make([]Quote, 0, len(spans))
	for k := range spans {
		q, ok := r.resolve(k)
		if ok {
			out = append(out, q)
		}
	}
	return out
}

// findQuoteSpans pairs quotation marks paragraph by paragraph.
func findQuoteSpans(text string, sents []sentence) []qspan {
	// Paragraph ranges.
	var paras [][2]int
	last := -1
	for _, s := range sents {
		if s.Para != last {
			paras = append(paras, [2]int{s.Start, s.End})
			last = s.Para
		} else {
			paras[len(paras)-1][1] = s.End
		}
	}
	var spans []qspan
	pendingChain := -1 // span index whose quotation runs past its paragraph
	for pi, pr := range paras {
		ps, pe := pr[0], pr[1]
		state := qNone
		open, inner := 0, 0
		for i := ps; i < pe; {
			// Only '"' and the multi-byte marks (“ ” ‘ ’ „ start with 0xE2,
			// « » with 0xC2) matter; skip everything else quickly.
			if b := text[i]; b != '"' && b != 0xE2 && b != 0xC2 && b != '\'' && b != '`' {
				i++
				continue
			}
			r, sz := utf8.DecodeRuneInString(text[i:])
			if r != '"' && r != '“' && r != '”' && r != '‘' && r != '’' && r != '„' && r != '«' && r != '»' && r != '\'' && r != '`' {
				i += sz
				continue
			}
			// Treebank-style marks: `` opens and '' closes a double quotation.
			if r == '`' && i+1 < pe && text[i+1] == '`' && state == qNone {
				state, open, inner = qDouble, i, i+2
				i += 2
				continue
			}
			if r == '\'' && i+1 < pe && text[i+1] == '\'' && state == qDouble && strings.HasPrefix(text[open:], "``") {
				spans = appendSpan(text, spans, open, i+2, inner, i, pi, true, &pendingChain)
				state = qNone
				i += 2
				continue
			}
			prev, _ := utf8.DecodeLastRuneInString(text[ps:i])
			if i == ps {
				prev = ' '
			}
			next, _ := utf8.DecodeRuneInString(text[i+sz:])
			if i+sz >= pe {
				next = ' '
			}
			opener := i == ps || unicode.IsSpace(prev) || strings.ContainsRune("([{—–-/:;,", prev) || prev == '“' || prev == '‘'
			closer := !unicode.IsSpace(prev) && (i+sz >= pe || unicode.IsSpace(next) || unicode.IsPunct(next) || unicode.IsSymbol(next))
			startQ := func(kind int) {
				state, open, inner = kind, i, i+sz
			}
			endQ := func() {
				spans = appendSpan(text, spans, open, i+sz, inner, i, pi, true, &pendingChain)
				state = qNone
			}
			switch r {
			case '“', '„':
				if state == qNone {
					startQ(qDouble)
				} else if state == qDouble && paraStartOf(text, i) == i {
					// A new line reopens the quotation: paragraphs separated
					// by single line breaks ("“A.\n“B,” he said.").
					n := len(spans)
					spans = appendSpan(text, spans, open, i, inner, i, pi, false, &pendingChain)
					if len(spans) > n && pendingChain < 0 {
						pendingChain = n
					}
					startQ(qDouble)
				}
			case '”':
				if state == qDouble || state == qStraight {
					endQ()
				} else if state == qNone && opener && !unicode.IsSpace(next) {
					startQ(qDouble)
				}
			case '"':
				if state == qStraight || state == qDouble {
					if closer || !opener {
						endQ()
					}
				} else if state == qNone && opener && !unicode.IsSpace(next) {
					startQ(qStraight)
				}
			case '«':
				if state == qNone {
					startQ(qGuillemet)
				}
			case '»':
				if state == qGuillemet {
					endQ()
				}
			case '‘':
				if state == qNone && opener && unicode.IsLetter(next) {
					startQ(qSingle)
				}
			case '’':
				if state == qSingle && closer && !unicode.IsLetter(next) {
					endQ()
				}
			case '\'':
				// British style 'We will fight,' he said: a straight single
				// mark opens after a space before a letter and closes
				// before a space or punctuation; inside words it is an
				// apostrophe.
				if state == qNone && opener && unicode.IsLetter(next) && hasSingleCloser(text, i+sz, pe) {
					startQ(qStraightSingle)
				} else if state == qStraightSingle && closer && !unicode.IsLetter(next) {
					endQ()
				}
			}
			i += sz
		}
		if state != qNone && state != qSingle && state != qStraightSingle {
			// Unclosed at the paragraph's end: a multi-paragraph quotation
			// when the next paragraph reopens with a mark; else a stray mark.
			if pi+1 < len(paras) && startsWithOpenQuote(text, paras[pi+1][0]) {
				n := len(spans)
				spans = appendSpan(text, spans, open, pe, inner, pe, pi, false, &pendingChain)
				if len(spans) > n {
					if pendingChain < 0 {
						pendingChain = n
					}
				}
				continue
			}
		}
		if pendingChain >= 0 && (len(spans) == 0 || spans[len(spans)-1].para != pi || spans[len(spans)-1].closed) {
			pendingChain = -1
		}
	}
	return spans
}

// hasSingleCloser reports whether a closing straight single mark (after a
// non-space, before a space or punctuation) follows in text[i:pe].
func hasSingleCloser(text string, i, pe int) bool {
	for k := i; k < pe; k++ {
		if text[k] != '\'' || k == i || text[k-1] == ' ' {
			continue
		}
		if k+1 == pe || text[k+1] == ' ' || text[k+1] == ',' || text[k+1] == '.' || text[k+1] == ';' || text[k+1] == ':' || text[k+1] == ')' || text[k+1] == '\n' {
			return true
		}
	}
	return false
}

func startsWithOpenQuote(text string, i int) bool {
	r, _ := utf8.DecodeRuneInString(text[i:])
	return r == '“' || r == '"' || r == '«' || r == '„'
}

// appendSpan trims the inner text and appends a span unless it is empty.
// A span opening at a line start continues a pending multi-paragraph chain.
func appendSpan(text string, spans []qspan, open, close, a, b, para int, closed bool, pendingChain *int) []qspan {
	a, b = trimSpan(text, a, b)
	comma := false
	for b > a {
		c := text[b-1]
		if c == ',' || c == ';' || c == ':' {
			comma = comma || c == ','
			b--
			_, b = trimSpan(text, a, b)
			continue
		}
		break
	}
	if b <= a || !hasLetter(text[a:b]) {
		return spans
	}
	chain := len(spans)
	if *pendingChain >= 0 && open == paraStartOf(text, open) && open > spans[len(spans)-1].open {
		chain = spans[*pendingChain].chain
		if closed {
			*pendingChain = -1
		}
	}
	return append(spans, qspan{open: open, close: close, start: a, end: b, para: para, chain: chain, closed: closed, comma: comma})
}

// paraStartOf returns i when text[i] is the first non-space byte of a line.
func paraStartOf(text string, i int) int {
	j := i
	for j > 0 && (text[j-1] == ' ' || text[j-1] == '\t') {
		j--
	}
	if j == 0 || text[j-1] == '\n' {
		return i
	}
	return -1
}

func hasLetter(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) {
			return true
		}
	}
	return false
}

// quoteResolver finds speakers for the spans of one text.
type quoteResolver struct {
	text     string
	sents    []sentence
	ments    []mention
	spans    []qspan
	toks     []etok
	inQuote  []bool       // per token: inside a quotation
	endAt    map[int]int  // mention End offset -> mention index
	startAt  map[int]int  // mention Start offset -> mention index
	speakers []speakerRef // per span, once resolved
	done     []bool
}

// speakerRef is a resolved speaker.
type speakerRef struct {
	name, role string
	ment       int // index into ments, -1 if none
}

func newQuoteResolver(text string, sents []sentence, ments []mention, spans []qspan) *quoteResolver {
	r := &quoteResolver{text: text, sents: sents, ments: ments, spans: spans,
		toks: entTokens(text, sents), endAt: make(map[int]int, len(ments)), startAt: make(map[int]int, len(ments)),
		speakers: make([]speakerRef, len(spans)), done: make([]bool, len(spans))}
	for k, m := range ments {
		r.endAt[m.End] = k
		r.startAt[m.Start] = k
	}
	r.inQuote = make([]bool, len(r.toks))
	si := 0
	for ti, t := range r.toks {
		for si < len(spans) && spans[si].close <= t.Start {
			si++
		}
		if si < len(spans) && t.Start >= spans[si].open && t.Start < spans[si].close {
			r.inQuote[ti] = true
		}
	}
	return r
}

// possessivePronoun maps a possessive to its subject pronoun ("his office" -> he).
var possessivePronoun = map[string]string{"his": "he", "her": "she", "their": "they", "its": "it"}

// tokAt returns the index of the first token starting at or after off.
func (r *quoteResolver) tokAt(off int) int {
	return sort.Search(len(r.toks), func(i int) bool { return r.toks[i].Start >= off })
}

func (r *quoteResolver) w(i int) string {
	if i < 0 || i >= len(r.toks) {
		return ""
	}
	return r.toks[i].text(r.text)
}

func (r *quoteResolver) lw(i int) string {
	if i < 0 || i >= len(r.toks) {
		return ""
	}
	if t := r.toks[i]; t.Word {
		return t.low
	}
	return r.w(i)
}

// sentOf returns the sentence index containing offset off.
func (r *quoteResolver) sentOf(off int) int {
	k := sort.Search(len(r.sents), func(i int) bool { return r.sents[i].End > off })
	if k >= len(r.sents) {
		return len(r.sents) - 1
	}
	return k
}

func (r *quoteResolver) resolve(k int) (Quote, bool) {
	sp := r.spans[k]
	partial := r.isPartial(k)
	ref := r.speakerOf(k, partial)
	// Names and scare quotes: "so-called “27th Amendment”", the book “...”,
	// or a phrase nobody is said to have said.
	if r.soCalled(sp.open) || partial && ref.name == "" {
		return Quote{}, false
	}
	return Quote{Text: r.text[sp.start:sp.end], Speaker: ref.name, Role: ref.role, Start: sp.start, End: sp.end, Partial: partial}, true
}

// soCalled reports whether the word before an opening mark makes the
// quotation a name or a scare quote rather than speech: "so-called",
// "Operation “Sindoor”", the film “Oppenheimer”.
func (r *quoteResolver) soCalled(open int) bool {
	ti := r.tokAt(open) - 1
	if ti < 0 || r.toks[ti].End < open-2 || !r.toks[ti].Word {
		return false
	}
	if w := r.lw(ti); titleWords[w] || w == "called" && ti > 0 && r.w(ti-1) == "-" && r.lw(ti-2) == "so" {
		return true
	}
	return false
}

// titleWords before a quotation mark introduce a name, a title or a scare
// quote, not speech.
var titleWords = wordSet("dubbed", "operation", "hashtag", "book", "film", "movie", "song", "album", "series",
	"show", "novel", "documentary", "titled", "entitled", "headlined", "newspaper", "magazine", "play", "poem",
	"podcast", "codenamed", "code-named", "nicknamed", "programme", "program", "exercise", "drill", "initiative",
	"term", "word", "words", "phrase", "slogan", "motto", "brand", "app", "game", "painting", "exhibition",
	"festival", "tagline", "headline", "chapter", "article", "editorial", "column", "essay", "report", "memo",
	"doctrine", "manifesto", "channel", "station", "ship", "vessel", "tanker", "named", "known")

// isPartial reports whether span k is a phrase quoted inside a sentence
// rather than a quoted sentence.
func (r *quoteResolver) isPartial(k int) bool {
	sp := r.spans[k]
	if sp.chain != k {
		return false
	}
	// The continuation of a split quotation: “A,” she said, “b.”
	if k > 0 && r.spans[k-1].comma && r.spans[k-1].para == sp.para && r.isSplitContinuation(k) {
		return r.isPartial(k - 1)
	}
	first, _ := utf8.DecodeRuneInString(r.text[sp.start:])
	if unicode.IsLower(first) {
		return true
	}
	// What precedes the opening mark.
	j := sp.open
	for j > 0 {
		p, sz := utf8.DecodeLastRuneInString(r.text[:j])
		if p != ' ' && p != '\u00a0' {
			break
		}
		j -= sz
	}
	if j == 0 || r.text[j-1] == '\n' {
		return false
	}
	p, _ := utf8.DecodeLastRuneInString(r.text[:j])
	switch {
	case p == ':' || p == '.' || p == '!' || p == '?' || p == '”' || p == '"' || p == '—' || p == '–' || p == ',':
		return false
	case unicode.IsLetter(p) || unicode.IsDigit(p):
		ti := r.tokAt(j) - 1
		if _, ok := reportingVerbs[r.lw(ti)]; ok {
			return false
		}
		return true
	}
	return false
}

// isSplitContinuation reports whether only an attribution clause ending
// with a comma or colon separates span k from the previous one.
func (r *quoteResolver) isSplitContinuation(k int) bool {
	prev := r.spans[k-1]
	between := strings.TrimSpace(r.text[prev.close:r.spans[k].open])
	if between == "" || len(between) > 120 {
		return false
	}
	if !strings.HasSuffix(between, ",") && !strings.HasSuffix(between, ":") {
		return false
	}
	for _, f := range strings.Fields(strings.ToLower(between)) {
		if _, ok := reportingVerbs[strings.Trim(f, ",:;")]; ok {
			return true
		}
	}
	return false
}

// speakerOf resolves the speaker of span k (and its chain).
func (r *quoteResolver) speakerOf(k int, partial bool) speakerRef {
	if r.done[k] {
		return r.speakers[k]
	}
	sp := r.spans[k]
	ref := speakerRef{ment: -1}
	if sp.chain != k {
		ref = r.speakerOf(sp.chain, false)
	} else {
		ref = r.attribution(k, partial)
		if ref.name == "" && sp.chain == k && !sp.closed {
			// A multi-paragraph quotation may be attributed in a later
			// paragraph of the chain.
			for j := k + 1; j < len(r.spans) && r.spans[j].chain == k; j++ {
				if ref = r.attribution(j, false); ref.name != "" {
					break
				}
			}
		}
		if ref.name == "" && k > 0 && r.spans[k-1].comma && r.isSplitContinuation(k) {
			ref = r.speakerOf(k-1, false)
		}
		if ref.name == "" && partial && k > 0 && r.sentOf(r.spans[k-1].open) == r.sentOf(sp.open) {
			// "accused the company of “predatory practices” and of
			// “acting against ...”": the same speaker.
			ref = r.speakerOf(k-1, r.isPartial(k-1))
		}
		if ref.name == "" && !partial && k > 0 {
			// A quoted sentence with no attribution continues the previous
			// speaker's quotation when it follows closely.
			pk := k - 1
			prevSent := r.sentOf(r.spans[pk].open)
			cur := r.sentOf(sp.open)
			if cur-prevSent <= 2 && sp.para-r.spans[pk].para <= 1 {
				ref = r.speakerOf(pk, false)
			}
		}
		if ref.name == "" && !partial {
			// "Mujahid said the talks had failed. “We did our best.”": a
			// quoted sentence right after a sentence of reported speech.
			ref = r.previousReporter(k)
		}
		if ref.name == "" && !partial {
			// Last resort: the person the previous sentence is about
			// (its first person in subject position).
			ref = r.previousSubject(k)
		}
	}
	r.speakers[k], r.done[k] = ref, true
	return ref
}

// previousSubject returns the first person in subject position of the
// sentence just before span k's, when span k opens its sentence.
func (r *quoteResolver) previousSubject(k int) speakerRef {
	sp := r.spans[k]
	si := r.sentOf(sp.open)
	if si <= 0 || r.sents[si].Start != sp.open || r.sents[si].Para-r.sents[si-1].Para > 1 {
		return speakerRef{ment: -1}
	}
	ps := r.sents[si-1]
	for m := r.mentBefore(ps.Start) + 1; m < len(r.ments) && r.ments[m].Start < ps.End; m++ {
		mm := r.ments[m]
		if mm.Type == "person" && !r.inQuoteOff(mm.Start) && !r.objectPosition(mm) {
			return r.refFor(m)
		}
	}
	return speakerRef{ment: -1}
}

// previousReporter reads the speaker of the sentence just before span k's
// when that sentence reports speech (has a reporting verb outside quotes)
// and span k starts its own sentence.
func (r *quoteResolver) previousReporter(k int) speakerRef {
	sp := r.spans[k]
	si := r.sentOf(sp.open)
	if si <= 0 || r.sents[si].Start != sp.open || r.sents[si].Para-r.sents[si-1].Para > 1 {
		return speakerRef{ment: -1}
	}
	ps := r.sents[si-1]
	ts, te := r.tokAt(ps.Start), r.tokAt(ps.End)
	for i := ts; i < te; i++ {
		if r.inQuote[i] || !r.toks[i].Word {
			continue
		}
		if !speechVerbs[r.lw(i)] {
			continue
		}
		if ref, ok := r.subject(ts, i); ok && ref.ment >= 0 {
			return r.outer(ref, ts)
		}
		if ref, ok := r.inverted(i + 1); ok && ref.ment >= 0 {
			return ref
		}
		break
	}
	return speakerRef{ment: -1}
}

// attribution reads the speaker of span k from its own sentence.
func (r *quoteResolver) attribution(k int, partial bool) speakerRef {
	ref, _ := r.attribute(k, partial)
	return ref
}

func (r *quoteResolver) attribute(k int, partial bool) (speakerRef, bool) {
	sp := r.spans[k]
	si := r.sentOf(sp.open)
	if si < 0 {
		return speakerRef{ment: -1}, false
	}
	s := r.sents[si]
	ts, te := r.tokAt(s.Start), r.tokAt(s.End)
	// A quotation of several sentences is attributed after its close.
	if ce := r.sentOf(max(sp.close-1, 0)); ce > si && ce < len(r.sents) {
		te = r.tokAt(r.sents[ce].End)
	}
	qs, qe := r.tokAt(sp.open), r.tokAt(sp.close)
	// After the quotation: up to the next quotation in the sentence.
	postEnd := qe
	for postEnd < te && !r.inQuote[postEnd] {
		postEnd++
	}
	// Before: back to the previous quotation in the sentence.
	preStart := qs
	for preStart > ts && !r.inQuote[preStart-1] {
		preStart--
	}
	post := func(limit int) (speakerRef, bool) {
		n := 0
		for i := qe; i < postEnd; i++ {
			if !r.toks[i].Word {
				// A period inside an abbreviation ("D-Mass.,") does not end
				// the attribution; the sentence's end does.
				if w := r.w(i); w == ";" || (w == "." || w == "?" || w == "!") && (i+1 >= len(r.toks) || r.toks[i+1].Sent != r.toks[i].Sent) {
					break
				}
				continue
			}
			n++
			if n > limit {
				break
			}
			if n == 1 && r.lw(i) == "according" && r.lw(i+1) == "to" {
				if ref, ok := r.inverted(i + 2); ok {
					return ref, true
				}
			}
			if ing, ok := reportingVerbs[r.lw(i)]; ok {
				if n == 1 {
					if ref, ok := r.inverted(i + 1); ok {
						return ref, true
					}
				}
				if ing && i > 0 && r.w(i-1) == "," {
					if ref, ok := r.mainSubject(ts, i); ok {
						return ref, true
					}
					continue
				}
				if pl := r.lw(i - 1); pl == "and" || pl == "but" {
					// "... “a very rough past” but said ...": the clause's subject.
					if ref, ok := r.mainSubject(ts, i); ok {
						return ref, true
					}
				}
				if ref, ok := r.subject(qe, i); ok {
					return ref, true
				}
			}
		}
		return speakerRef{ment: -1}, false
	}
	pre := func() (speakerRef, bool) {
		// A reporting verb right before "that" governs the clause the
		// quotation sits in: "Asif added that Pakistan would continue ...".
		for i := qs - 1; i > preStart; i-- {
			if r.inQuote[i] || r.lw(i) != "that" {
				continue
			}
			for v := i - 1; v >= preStart && v >= i-4; v-- {
				if ing, ok := reportingVerbs[r.lw(v)]; ok && !r.inQuote[v] {
					if ing && v > 0 && r.w(v-1) == "," {
						if ref, ok := r.mainSubject(ts, v); ok {
							return ref, true
						}
					} else if ref, ok := r.subject(preStart, v); ok {
						return ref, true
					}
					break
				}
			}
			break
		}
		for i := qs - 1; i >= preStart; i-- {
			if r.inQuote[i] || !r.toks[i].Word {
				continue
			}
			ing, ok := reportingVerbs[r.lw(i)]
			if !ok {
				continue
			}
			if ing && i > 0 && r.w(i-1) == "," {
				if ref, ok := r.mainSubject(ts, i); ok {
					return ref, true
				}
				continue
			}
			if pl := r.lw(i - 1); i > preStart && (pl == "and" || pl == "but") {
				// "Schumer called the deal “far from perfect” but said ...":
				// a coordinated verb shares the clause's subject.
				if ref, ok := r.mainSubject(ts, i); ok {
					return ref, true
				}
			}
			if ref, ok := r.subject(preStart, i); ok {
				return r.outer(ref, ts), true
			}
			// "said Ahmed Rashid: “...”"
			if ref, ok := r.inverted(i + 1); ok && speechVerbs[r.lw(i)] && ref.ment >= 0 && r.ments[ref.ment].Type != "place" && !pronouns[r.lw(i+1)] {
				return ref, true
			}
		}
		return speakerRef{ment: -1}, false
	}
	if partial {
		if ref, ok := post(3); ok {
			return ref, true
		}
		if ref, ok := pre(); ok {
			return ref, true
		}
		if ref, ok := r.accordingTo(ts, qs); ok {
			return ref, true
		}
		if ref, ok := post(10); ok {
			return ref, true
		}
		// The nearest person named before the phrase in the sentence.
		for i := qs - 1; i >= ts; i-- {
			if m, ok := r.endAt[r.toks[i].End]; ok && r.ments[m].Type == "person" && !r.inQuote[i] {
				return r.refFor(m), true
			}
		}
		return speakerRef{ment: -1}, false
	}
	if ref, ok := post(18); ok {
		return ref, true
	}
	if ref, ok := pre(); ok {
		return ref, true
	}
	if ref, ok := r.accordingTo(ts, qs); ok {
		return ref, true
	}
	// "The minister was blunt: “We will not pay.”" — the clause before a
	// colon introduces the speaker as its subject.
	if qs > ts && r.w(qs-1) == ":" {
		for i := ts; i < qs-1; i++ {
			if m, ok := r.startAt[r.toks[i].Start]; ok && !r.inQuote[i] && (r.ments[m].Type == "person" || r.ments[m].Type == "organization") {
				return r.refFor(m), true
			}
		}
		if ref, ok := r.nounPhrase(ts, r.npEnd(ts)); ok {
			return ref, true
		}
	}
	return speakerRef{ment: -1}, false
}

// outer lifts a speaker that is itself the subject of reported speech to
// the reporter: in "Peskov said Moscow welcomed “any steps”", Moscow's
// welcome is what Peskov said, so the quote is Peskov's.
func (r *quoteResolver) outer(ref speakerRef, ts int) speakerRef {
	if ref.ment < 0 {
		return ref
	}
	a := r.tokAt(r.ments[ref.ment].npStart) - 1
	if a > ts && r.lw(a) == "the" {
		a--
	}
	if a <= ts || r.inQuote[a] {
		return ref
	}
	ing, ok := reportingVerbs[r.lw(a)]
	if !ok || ing || r.toks[a].Sent != r.toks[a+1].Sent {
		return ref
	}
	if o, ok := r.subject(ts, a); ok && o.name != "" {
		return o
	}
	return ref
}

// refFor makes a speaker from mention m. An organisation owned by a named
// country or group keeps its owner: "Pakistan’s Foreign Office".
func (r *quoteResolver) refFor(m int) speakerRef {
	mm := r.ments[m]
	role := ""
	if mm.Type == "person" {
		role = mm.Role
	}
	name := mm.Name
	if mm.Type == "organization" && m > 0 {
		ti := r.tokAt(mm.Start)
		if ti >= 2 && (r.w(ti-1) == "’s" || r.w(ti-1) == "'s") {
			if o, ok := r.endAt[r.toks[ti-2].End]; ok && o == m-1 && r.ments[o].Type != "person" {
				name = collapseSpace(r.text[r.ments[o].Start:mm.End])
			}
		}
	}
	return speakerRef{name: name, role: role, ment: m}
}

// accordingTo reads "According to X, ..." before the quotation.
func (r *quoteResolver) accordingTo(ts, qs int) (speakerRef, bool) {
	for i := ts; i+1 < qs; i++ {
		if r.lw(i) == "according" && r.lw(i+1) == "to" && !r.inQuote[i] {
			if ref, ok := r.inverted(i + 2); ok {
				return ref, true
			}
		}
	}
	return speakerRef{ment: -1}, false
}

// inverted reads the speaker after a verb: "said Mujahid", "said the
// spokesman", "said Ahmed Rashid, an analyst", "said he".
func (r *quoteResolver) inverted(i int) (speakerRef, bool) {
	if i >= len(r.toks) || r.inQuote[i] {
		return speakerRef{ment: -1}, false
	}
	// A mention starting within the noun phrase (role prefix first): a
	// person wins ("said Senate Majority Leader Mitch McConnell"), else a
	// group or state.
	other := -1
	for j := i; j < len(r.toks) && j < i+8 && r.toks[j].Sent == r.toks[i].Sent && !r.inQuote[j]; j++ {
		w := r.w(j)
		if w == "," || w == "." || w == ";" || w == ":" || w == "“" || w == "\"" {
			break
		}
		if m, ok := r.startAt[r.toks[j].Start]; ok {
			mm := r.ments[m]
			if mm.Type == "person" {
				return r.refFor(m), true
			}
			if other < 0 && (!mm.Demonym && j == i || !mm.Demonym && mm.Type == "organization") {
				other = m
			}
		}
	}
	if other >= 0 {
		return r.refFor(other), true
	}
	switch r.lw(i) {
	case "he", "she", "they", "it", "we", "i":
		return r.pronoun(r.lw(i), r.toks[i].Start)
	}
	// "said the spokesman", "said one senior official, speaking on ...".
	e := r.npEnd(i)
	if ref, ok := r.nounPhrase(i, e); ok {
		return ref, true
	}
	// After a reporting verb, an indefinite noun phrase is the speaker
	// even when its head is not a known source noun: "said a 45-year-old
	// street vendor who asked ...".
	if e-i >= 2 && e-i <= 7 {
		switch r.lw(i) {
		case "a", "an", "one", "another", "the":
			if !r.toks[e-1].Cap {
				return speakerRef{name: collapseSpace(r.text[r.toks[i+1].Start:r.toks[e-1].End]), ment: -1}, true
			}
		}
	}
	return speakerRef{ment: -1}, false
}

// npEnd returns the end of a short noun phrase starting at i.
func (r *quoteResolver) npEnd(i int) int {
	j := i
	for j < len(r.toks) && j < i+8 && (r.toks[j].Word || r.w(j) == "-" && j > i && j+1 < len(r.toks) && r.toks[j+1].Word) && !r.inQuote[j] {
		if _, v := reportingVerbs[r.lw(j)]; v && j > i {
			break
		}
		if lw := r.lw(j); lw == "in" || lw == "on" || lw == "at" || npBreak[lw] || auxWords[lw] {
			break
		}
		j++
	}
	return j
}

// mainSubject finds the subject of the clause an -ing verb at v hangs on:
// the previous reporting verb's subject in the sentence, else the
// sentence's first named person or organisation.
func (r *quoteResolver) mainSubject(ts, v int) (speakerRef, bool) {
	for i := v - 1; i >= ts; i-- {
		if r.inQuote[i] || !r.toks[i].Word {
			continue
		}
		if ing, ok := reportingVerbs[r.lw(i)]; ok && !(ing && i > 0 && r.w(i-1) == ",") {
			if ref, ok := r.subject(ts, i); ok {
				return r.outer(ref, ts), true
			}
			if ref, ok := r.inverted(i + 1); ok {
				return ref, true
			}
		}
	}
	for i := ts; i < v; i++ {
		if m, ok := r.startAt[r.toks[i].Start]; ok && !r.inQuote[i] {
			if t := r.ments[m].Type; t == "person" || t == "organization" {
				return r.refFor(m), true
			}
		}
	}
	return speakerRef{ment: -1}, false
}

// subject reads the speaker before the verb at v (tokens from lo): a
// mention, a pronoun, "his office", "the minister", or a generic noun
// phrase ("military officials").
func (r *quoteResolver) subject(lo, v int) (speakerRef, bool) {
	// "Reuters quoted Mujahid as saying": the one quoted, not the quoter.
	if v >= 2 && r.lw(v-1) == "as" {
		for x := v - 2; x >= lo && x >= v-10; x-- {
			if r.lw(x) == "quoted" || r.lw(x) == "cited" {
				for y := x + 1; y < v-1; y++ {
					if m, ok := r.startAt[r.toks[y].Start]; ok && !r.ments[m].Demonym {
						return r.refFor(m), true
					}
				}
				if x+1 < v-1 {
					if y := r.npStartBack(x+1, v-2); y <= v-2 {
						return r.nounPhrase(y, v-1)
					}
				}
				// "X was quoted as saying".
				return r.subject(lo, x)
			}
		}
	}
	k := v - 1
	for k >= lo && r.toks[k].Word {
		lw := r.lw(k)
		if auxWords[lw] || strings.HasSuffix(lw, "ly") && len(lw) > 4 {
			k--
			continue
		}
		// Time between subject and verb: "Sonko on Wednesday accused",
		// "X last week said", "X late on Saturday told".
		if timeWords[lw] {
			k--
			for k >= lo && r.toks[k].Word && (r.lw(k) == "on" || r.lw(k) == "late" || r.lw(k) == "early" || r.lw(k) == "last" || r.lw(k) == "this" || r.lw(k) == "next" || r.lw(k) == "earlier") {
				k--
			}
			continue
		}
		break
	}
	if k < lo || r.inQuote[k] {
		return speakerRef{ment: -1}, false
	}
	// Appositive: "Ahmed Rashid, a Lahore-based analyst, said".
	if w := r.w(k); w == "," || w == ")" {
		open := ","
		if w == ")" {
			open = "("
		}
		j := k - 1
		for j >= lo && j > k-14 && r.w(j) != open && !r.inQuote[j] {
			j--
		}
		if j >= lo && r.w(j) == open && j > lo {
			if m, ok := r.endAt[r.toks[j-1].End]; ok && r.ments[m].Type != "place" {
				return r.refFor(m), true
			}
			// "Her lawyer, Zaid Bin Amjad, said": the name is inside.
			for x := j + 1; x < k; x++ {
				if m, ok := r.startAt[r.toks[x].Start]; ok && r.ments[m].Type == "person" {
					return r.refFor(m), true
				}
			}
			// "The president, who spoke by phone on Monday, said": the
			// antecedent before the relative clause.
			if lw := r.lw(j + 1); lw == "which" || lw == "who" {
				return r.subject(lo, j)
			}
			// "One French diplomat, speaking on condition of anonymity,
			// described": an unnamed source before the appositive.
			if j-1 >= lo && r.toks[j-1].Word && (sourceNouns[r.lw(j-1)] || roleHeads[tokKey(r.toks[j-1], r.text)]) {
				return r.nounPhrase(r.npStartBack(lo, j-1), j)
			}
		}
		return speakerRef{ment: -1}, false
	}
	// Relative clause: "Gaza's civil defence agency, which said".
	if lw := r.lw(k); (lw == "which" || lw == "who") && k-1 >= lo && r.w(k-1) == "," {
		return r.subject(lo, k-1)
	}
	if !r.toks[k].Word {
		if r.w(k) == "’s" || r.w(k) == "'s" {
			return speakerRef{ment: -1}, false
		}
		return speakerRef{ment: -1}, false
	}
	if m, ok := r.endAt[r.toks[k].End]; ok {
		mm := r.ments[m]
		// "officials in Darfur said": a place after a preposition is not
		// the subject; the phrase before it is.
		if p := r.tokAt(mm.npStart) - 1; mm.Type == "place" && p > lo && (r.lw(p) == "in" || r.lw(p) == "from" || r.lw(p) == "near" || r.lw(p) == "at") {
			return r.nounPhrase(r.npStartBack(lo, p-1), p)
		}
		if !mm.Demonym {
			return r.refFor(m), true
		}
	}
	if pronouns[r.lw(k)] {
		return r.pronoun(r.lw(k), r.toks[k].Start)
	}
	// "A European diplomat familiar with the talks said": a source noun
	// shortly before a modifier.
	if !sourceNouns[r.lw(k)] && !roleHeads[tokKey(r.toks[k], r.text)] {
		for x := k - 1; x >= lo && x >= k-6; x-- {
			if !r.toks[x].Word || r.inQuote[x] {
				break
			}
			if _, v := reportingVerbs[r.lw(x)]; v {
				break
			}
			if sourceNouns[r.lw(x)] || roleHeads[tokKey(r.toks[x], r.text)] && !r.toks[x].Cap {
				if lw := r.lw(x + 1); lw == "familiar" || lw == "close" || lw == "with" || lw == "from" || lw == "in" || lw == "at" || lw == "of" || lw == "for" || lw == "who" || lw == "based" {
					if ref, ok := r.nounPhrase(r.npStartBack(lo, x), x+1); ok {
						return ref, true
					}
				}
				break
			}
		}
	}
	// The noun phrase ending at k.
	j := r.npStartBack(lo, k)
	// Possessives and hyphens inside the phrase: "the group's spokesman".
	for j > lo && j > k-8 && (r.w(j-1) == "’s" || r.w(j-1) == "'s" || r.w(j-1) == "-") && j-2 >= lo && r.toks[j-2].Word {
		j -= 2
		for j > lo && r.toks[j-1].Word && !r.inQuote[j-1] && j > k-8 {
			lw := r.lw(j - 1)
			if _, v := reportingVerbs[lw]; v || npBreak[lw] {
				break
			}
			j--
		}
	}
	return r.nounPhrase(j, k+1)
}

// npStartBack returns the start of the short noun phrase ending at token k.
func (r *quoteResolver) npStartBack(lo, k int) int {
	j := k
	for j > lo && j > k-6 && r.toks[j-1].Word && !r.inQuote[j-1] {
		lw := r.lw(j - 1)
		if _, v := reportingVerbs[lw]; v || npBreak[lw] {
			break
		}
		j--
	}
	return j
}

// npBreak ends a noun phrase read backwards from its head.
var npBreak = wordSet("that", "and", "but", "while", "as", "who", "which", "to", "according", "by", "with",
	"from", "for", "after", "before", "when", "where", "if", "because", "since", "than", "was", "were", "is", "are",
	"what", "in", "on", "at", "into", "about", "over", "during")

// nounPhrase resolves the speaker named by tokens [a, b).
func (r *quoteResolver) nounPhrase(a, b int) (speakerRef, bool) {
	if a >= b {
		return speakerRef{ment: -1}, false
	}
	first := r.lw(a)
	head := r.lw(b - 1)
	if b-a == 1 {
		switch first {
		case "he", "she", "they", "it", "we", "i":
			return r.pronoun(first, r.toks[a].Start)
		}
	}
	// "one of them told Reuters": one of the group named before.
	if b-a == 3 && (first == "one" || first == "some" || first == "two") && r.lw(a+1) == "of" && (head == "them" || head == "those") {
		return r.pronoun("they", r.toks[a].Start)
	}
	// "his office", "her spokeswoman", "their lawyers".
	if b-a >= 2 && (first == "his" || first == "her" || first == "their" || first == "its") && officeNouns[head] {
		pro := possessivePronoun[first]
		if ref, ok := r.pronoun(pro, r.toks[a].Start); ok {
			return speakerRef{name: ref.name + "'s " + r.text[r.toks[a+1].Start:r.toks[b-1].End], role: ref.role, ment: ref.ment}, true
		}
	}
	// A person named inside the phrase: "Sharif's office" keeps the office.
	for i := a; i < b; i++ {
		if m, ok := r.startAt[r.toks[i].Start]; ok && r.ments[m].Type == "person" {
			ref := r.refFor(m)
			if e := r.tokAt(r.ments[m].End); e+1 < b && (r.w(e) == "’s" || r.w(e) == "'s") && officeNouns[head] {
				ref.name += "'s " + r.text[r.toks[e+1].Start:r.toks[b-1].End]
			}
			return ref, true
		}
	}
	// "the group", "the ministry": the last organisation of that kind.
	groupWord := head == "group" || head == "movement" || head == "militants" || head == "rebels" || head == "militia"
	if first == "the" && (b-a == 2 && (orgHeads[head] || head == "militants" || head == "rebels") || groupWord && b-a <= 5) {
		for m := r.mentBefore(r.toks[a].Start); m >= 0; m-- {
			mm := r.ments[m]
			if mm.Start >= r.toks[a].Start || mm.Type != "organization" {
				continue
			}
			if newsAgencies[mm.Name] {
				continue
			}
			if head == "group" || head == "movement" || head == "militants" || head == "rebels" || head == "company" || head == "firm" || strings.Contains(strings.ToLower(mm.Name), head) {
				return r.refFor(m), true
			}
		}
	}
	// "Lebanon's president", "Iran's foreign minister": the person acting
	// for that country with that role word, named before or (in a
	// headline) after.
	if rh := tokKey(r.toks[b-1], r.text); roleHeads[rh] && b-a >= 2 {
		if m, ok := r.startAt[r.toks[a].Start]; ok && r.ments[m].Type == "place" {
			actor := r.ments[m].Actor
			for _, k := range r.personsNear(r.toks[a].Start) {
				pm := r.ments[k]
				if pm.Actor == actor && strings.Contains(strings.ToLower(pm.Role), rh) {
					return r.refFor(k), true
				}
			}
		}
	}
	// "the minister", "the Turkish president", "the spokesman".
	if first == "the" && roleHeads[tokKey(r.toks[b-1], r.text)] {
		if ref, ok := r.byRole(tokKey(r.toks[b-1], r.text), r.toks[a].Start); ok {
			return ref, true
		}
		// "the Rwandan president": the last person acting for Rwanda.
		for i := a + 1; i < b-1; i++ {
			if m, ok := r.startAt[r.toks[i].Start]; ok && r.ments[m].Demonym {
				for k := r.mentBefore(r.toks[a].Start); k >= 0; k-- {
					if pm := r.ments[k]; pm.Type == "person" && pm.Actor == r.ments[m].Actor {
						return r.refFor(k), true
					}
				}
			}
		}
	}
	// A bare mention of a group or place: "Kabul described", "Hamas said".
	if b-a == 1 || first == "the" && b-a == 2 {
		if m, ok := r.startAt[r.toks[b-1].Start]; ok && !r.ments[m].Demonym {
			return r.refFor(m), true
		}
	}
	// A generic speaker: "military officials", "a senior official",
	// "Pakistan's foreign ministry". Keep it only when it names a source.
	if roleHeads[head] || officeNouns[head] || orgHeads[head] || sourceNouns[head] {
		s := a
		if l := r.lw(s); l == "the" || l == "a" || l == "an" || l == "one" || l == "another" {
			s++
		}
		if s < b {
			return speakerRef{name: collapseSpace(r.text[r.toks[s].Start:r.toks[b-1].End]), ment: -1}, true
		}
	}
	if m, ok := r.endAt[r.toks[b-1].End]; ok && !r.ments[m].Demonym {
		return r.refFor(m), true
	}
	return speakerRef{ment: -1}, false
}

// byRole finds the last person before off whose role has the word head
// ("the minister added" -> the last minister named).
func (r *quoteResolver) byRole(head string, off int) (speakerRef, bool) {
	norm := func(s string) string {
		if strings.HasPrefix(s, "spokes") {
			return "spokes"
		}
		return s
	}
	h := norm(head)
	for k := r.mentBefore(off); k >= 0; k-- {
		m := r.ments[k]
		if m.Start >= off || m.Type != "person" || m.Role == "" {
			continue
		}
		for _, w := range strings.Fields(strings.ToLower(strings.ReplaceAll(m.Role, "-", " "))) {
			if norm(strings.TrimSuffix(w, ".")) == h {
				return r.refFor(k), true
			}
		}
	}
	return speakerRef{ment: -1}, false
}

// pronoun resolves he/she/they/it before off: the last person (or, for
// they/it, organisation) in subject position, gender permitting.
func (r *quoteResolver) pronoun(p string, off int) (speakerRef, bool) {
	if p == "they" {
		// "critics call it what they describe as ...": a plural source
		// named shortly before.
		ti := r.tokAt(off) - 1
		for x := ti; x >= 0 && x > ti-40; x-- {
			if r.inQuote[x] || !r.toks[x].Word {
				continue
			}
			if w := r.lw(x); sourceNouns[w] && strings.HasSuffix(w, "s") && !r.toks[x].Cap || w == "police" {
				return speakerRef{name: r.w(x), ment: -1}, true
			}
		}
	}
	if p == "they" || p == "it" || p == "we" {
		// A group or state in subject position close by ("Pakistan said
		// it ...", "The ministry of X ... it said"), else the last
		// organisation.
		for k := r.mentBefore(off); k >= 0 && k > r.mentBefore(off-400); k-- {
			m := r.ments[k]
			if m.Start < off && !m.Demonym && (m.Type == "organization" || m.Type == "place" && (m.Capital || m.Actor == m.Name && m.Country == m.Name)) &&
				!r.inQuoteOff(m.Start) && !r.objectPosition(m) {
				return r.refFor(k), true
			}
		}
		for k := r.mentBefore(off); k >= 0 && k > r.mentBefore(off-3000); k-- {
			m := r.ments[k]
			if m.Start < off && m.Type == "organization" && !newsAgencies[m.Name] && !r.inQuoteOff(m.Start) {
				return r.refFor(k), true
			}
		}
		if p == "it" {
			return speakerRef{ment: -1}, false
		}
	}
	wantFemale := p == "she"
	lim := off - 3000
	for pass := 0; pass < 3; pass++ {
		for k := r.mentBefore(off); k >= 0; k-- {
			m := r.ments[k]
			if m.Start >= off || m.Type != "person" || r.inQuoteOff(m.Start) {
				continue
			}
			if m.Start < lim && pass < 2 {
				break
			}
			if pass < 2 && (p == "he" || p == "she") && m.female != wantFemale {
				continue
			}
			if pass == 0 && r.objectPosition(m) {
				continue
			}
			return r.refFor(k), true
		}
	}
	return speakerRef{ment: -1}, false
}

// timeWords may stand between a subject and its verb.
var timeWords = wordSet("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
	"week", "month", "year", "weekend", "yesterday", "today", "tonight", "morning", "evening", "night",
	"afternoon")

var pronouns = wordSet("he", "she", "it", "they", "we", "i", "you")

// speechVerbs introduce speech itself (not an opinion or an act), so a
// quotation in the next sentence can be what was said.
var speechVerbs = wordSet("said", "says", "told", "tells", "added", "adds", "stated", "explained", "described", "posted",
	"announced", "declared", "wrote", "writes", "warned", "warns", "insisted", "insists", "stressed",
	"noted", "argued", "replied", "responded", "continued", "recalled", "spoke", "speaks", "recounted")

// newsAgencies report the news; they are rarely "the group" or "it".
var newsAgencies = wordSet("Reuters", "Associated Press", "Agence France-Presse", "Al Jazeera", "BBC", "CNN",
	"Xinhua", "TASS", "Voice of America", "Dawn")

// personsNear lists person mentions before off (nearest first), then those
// after it (nearest first), for references that may point forward.
func (r *quoteResolver) personsNear(off int) []int {
	var out []int
	k := r.mentBefore(off)
	for i := k; i >= 0 && len(out) < 40; i-- {
		if r.ments[i].Type == "person" {
			out = append(out, i)
		}
	}
	for i := k + 1; i < len(r.ments) && len(out) < 80; i++ {
		if r.ments[i].Type == "person" {
			out = append(out, i)
		}
	}
	return out
}

// mentBefore returns the index of the last mention starting before off, or -1.
func (r *quoteResolver) mentBefore(off int) int {
	return sort.Search(len(r.ments), func(i int) bool { return r.ments[i].Start >= off }) - 1
}

func (r *quoteResolver) inQuoteOff(off int) bool {
	ti := r.tokAt(off)
	return ti < len(r.inQuote) && r.inQuote[ti]
}

// objectPosition reports whether a mention follows a preposition or an
// object-taking verb ("with Prime Minister Shehbaz Sharif").
func (r *quoteResolver) objectPosition(m mention) bool {
	ti := r.tokAt(m.npStart) - 1
	for ti >= 0 && !r.toks[ti].Word && (r.w(ti) == "’s" || r.w(ti) == "'s") {
		ti -= 2
	}
	return ti >= 0 && objectWords[r.lw(ti)]
}
