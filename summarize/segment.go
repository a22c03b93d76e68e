package summarize

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// sentence is one sentence of the text: text[Start:End], trimmed of
// surrounding space, in paragraph Para (paragraphs are separated by blank
// lines). Sentences never cross a paragraph boundary.
type sentence struct {
	Start, End int
	Para       int
}

// splitSentences splits text into sentences in text order.
//
// A sentence ends at '.', '!', '?', '…' or "..." (plus any closing quote or
// bracket glued to it) when white space follows and the next word can start
// a sentence (a capital, a digit or an opening mark). Periods after titles
// (Mr., Gen., Lt. Col.), initials (J. R. R. Tolkien), "No. 5" and month
// abbreviations never end a sentence; ambiguous abbreviations (U.S., a.m.,
// Inc.) end one only before a typical sentence opener ("The", "He"...). A
// line inside a paragraph that ends without punctuation (a headline, a
// dateline, a list item) is a sentence of its own.
func splitSentences(text string) []sentence {
	var out []sentence
	para := 0
	i := 0
	n := len(text)
	for i < n {
		// Find the paragraph: up to a blank line.
		pEnd := paragraphEnd(text, i)
		splitParagraph(text, i, pEnd, para, &out)
		// Skip the blank lines.
		j := pEnd
		for j < n && isSpaceByte(text[j]) {
			j++
		}
		if j > pEnd || pEnd < n {
			para++
		}
		if j <= i {
			j = i + 1
		}
		i = j
	}
	// Renumber paragraphs so empty ones do not leave gaps.
	last, idx := -1, -1
	for k := range out {
		if out[k].Para != last {
			last = out[k].Para
			idx++
		}
		out[k].Para = idx
	}
	return out
}

func isSpaceByte(b byte) bool {
	return b == ' ' || b == '\t' || b == '\n' || b == '\r' || b == '\f' || b == '\v'
}

// paragraphEnd returns the offset of the first blank line at or after i
// (a newline followed by optional blanks and another newline), or len(text).
func paragraphEnd(text string, i int) int {
	for {
		k := strings.IndexByte(text[i:], '\n')
		if k < 0 {
			return len(text)
		}
		nl := i + k
		j := nl + 1
		// Blanks, tabs and no-break spaces (U+00A0, two bytes) may fill a blank line.
		for j < len(text) {
			if text[j] == ' ' || text[j] == '\t' || text[j] == '\r' {
				j++
			} else if j+1 < len(text) && text[j] == 0xc2 && text[j+1] == 0xa0 {
				j += 2
			} else {
				break
			}
		}
		if j >= len(text) || text[j] == '\n' {
			return nl
		}
		i = nl + 1
	}
}

// splitParagraph appends the sentences of text[start:end].
func splitParagraph(text string, start, end, para int, out *[]sentence) {
	segStart := start
	emit := func(a, b int) {
		a, b = trimSpan(text, a, b)
		if a < b {
			*out = append(*out, sentence{Start: a, End: b, Para: para})
		}
	}
	i := start
	for i < end {
		c := text[i]
		switch {
		case c == '\n':
			if lineBreakEndsSentence(text, segStart, i, end) {
				emit(segStart, i)
				segStart = i + 1
			}
			i++
		case c == '.' || c == '!' || c == '?' || (c == 0xe2 && strings.HasPrefix(text[i:], "…")):
			j := i
			if c == 0xe2 {
				j += len("…")
			} else {
				for j < end && (text[j] == '.' || text[j] == '!' || text[j] == '?') {
					j++
				}
			}
			// Closing marks glued to the terminator.
			j = skipClosers(text, j, end)
			if j >= end {
				i = j
				continue
			}
			if !isSpaceByte(text[j]) && !strings.HasPrefix(text[j:], "\u00a0") {
				i = j
				continue
			}
			if endsSentence(text, segStart, i, j, end) {
				emit(segStart, j)
				segStart = j
			}
			i = j
		default:
			i++
		}
	}
	emit(segStart, end)
}

// skipClosers moves past closing quotes and brackets starting at j.
func skipClosers(text string, j, end int) int {
	for j < end {
		r, sz := utf8.DecodeRuneInString(text[j:])
		switch r {
		case '"', '\'', ')', ']', '”', '’', '»', '›':
			j += sz
		default:
			return j
		}
	}
	return j
}

func trimSpan(text string, a, b int) (int, int) {
	for a < b {
		r, sz := utf8.DecodeRuneInString(text[a:b])
		if !unicode.IsSpace(r) {
			break
		}
		a += sz
	}
	for b > a {
		r, sz := utf8.DecodeLastRuneInString(text[a:b])
		if !unicode.IsSpace(r) {
			break
		}
		b -= sz
	}
	return a, b
}

// lineBreakEndsSentence reports whether the single newline at nl (inside a
// paragraph) closes the current line as a sentence of its own.
func lineBreakEndsSentence(text string, segStart, nl, end int) bool {
	_, b := trimSpan(text, segStart, nl)
	if b <= segStart {
		return false
	}
	last, _ := utf8.DecodeLastRuneInString(text[segStart:b])
	switch last {
	case ',', ';', ':', '-', '–', '—', '(', '/', '&':
		return false
	}
	// Next line must start like a sentence.
	k, _ := trimSpan(text, nl+1, end)
	if k >= end {
		return false
	}
	r, _ := utf8.DecodeRuneInString(text[k:])
	if unicode.IsLower(r) {
		return false
	}
	return true
}

// endsSentence decides whether the terminator text[p] (followed, after
// closers, by white space at j) ends the sentence begun at segStart.
func endsSentence(text string, segStart, p, j, end int) bool {
	// The next word must be able to start a sentence.
	k := j
	for k < end {
		r, sz := utf8.DecodeRuneInString(text[k:])
		if !unicode.IsSpace(r) {
			break
		}
		k += sz
	}
	if k >= end {
		return true
	}
	r, _ := utf8.DecodeRuneInString(text[k:])
	if !(unicode.IsUpper(r) || unicode.IsDigit(r) || isOpenMark(r) || unicode.IsTitle(r)) {
		return false
	}
	if text[p] != '.' {
		return true
	}
	// An ellipsis "..." before a capital ends the sentence.
	if p > segStart && text[p-1] == '.' {
		return true
	}
	if p+1 < len(text) && text[p+1] == '.' {
		return true
	}
	// The word before the period.
	w := p
	for w > segStart {
		r, sz := utf8.DecodeLastRuneInString(text[segStart:w])
		if unicode.IsSpace(r) || r == '(' || r == '"' || r == '“' || r == '‘' || r == '—' || r == '–' || r == '/' {
			break
		}
		w -= sz
	}
	word := text[w:p]
	if word == "" {
		return true
	}
	next := nextWord(text, k, end)
	// Single capital letter: an initial (J. R. R. Tolkien, George W. Bush),
	// unless it follows a lower-case word or precedes a sentence opener
	// ("posted on X. He said", "Plan B. The").
	if r, sz := utf8.DecodeRuneInString(word); sz == len(word) && unicode.IsUpper(r) {
		if sentenceOpener[strings.Trim(next, "\"“‘'(")] {
			return true
		}
		if nr, nsz := utf8.DecodeRuneInString(text[k:]); unicode.IsUpper(nr) && k+nsz < len(text) && text[k+nsz] == '.' {
			return false // a chain of initials: "J. R. R. Tolkien"
		}
		pw := prevWord(text, segStart, w)
		if pr, _ := utf8.DecodeRuneInString(pw); pw != "" && unicode.IsLower(pr) {
			return true
		}
		return false
	}
	lw := strings.ToLower(strings.TrimLeft(word, "'\"‘“("))
	if titleAbbrev[lw] {
		return false
	}
	if lw == "no" || lw == "nos" || lw == "art" || lw == "p" || lw == "pp" || lw == "vol" || lw == "fig" {
		// "No. 5", "Art. 370"
		if nr, _ := utf8.DecodeRuneInString(next); unicode.IsDigit(nr) {
			return false
		}
		return true
	}
	if monthAbbrev[lw] {
		// "Jan. 6" continues; a month at a sentence end is rare.
		if nr, _ := utf8.DecodeRuneInString(next); unicode.IsDigit(nr) {
			return false
		}
		return sentenceOpener[strings.Trim(next, "\"“‘'(")]
	}
	// a.m./p.m. end a sentence unless a day, month or time zone follows
	// ("2 a.m. Tuesday", "10:45 a.m. EST").
	if lw == "a.m" || lw == "p.m" {
		return !timeFollower[strings.ToLower(strings.Trim(next, "\"“‘'("))]
	}
	// Dotted abbreviations: U.S., U.N., e.g., Inc., etc. (not numbers: "5.2%.")
	if strings.Contains(word, ".") && lettersAndDots(word) || softAbbrev[lw] {
		return sentenceOpener[strings.Trim(next, "\"“‘'(")]
	}
	return true
}

// lettersAndDots reports whether w is made of letters and periods only.
func lettersAndDots(w string) bool {
	for _, r := range w {
		if r != '.' && !unicode.IsLetter(r) {
			return false
		}
	}
	return true
}

// timeFollower are words that continue a sentence after "a.m."/"p.m.".
var timeFollower = wordSet("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
	"gmt", "utc", "est", "edt", "et", "pt", "pst", "pdt", "cet", "cest", "bst", "ist", "pkt", "jst", "kst",
	"local", "january", "february", "march", "april", "may", "june", "july", "august", "september",
	"october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept",
	"oct", "nov", "dec", "on", "in", "at", "and", "to", "or", "today", "tomorrow", "yesterday")

// prevWord returns the word that ends before offset w (skipping spaces).
func prevWord(text string, segStart, w int) string {
	e := w
	for e > segStart {
		r, sz := utf8.DecodeLastRuneInString(text[segStart:e])
		if !unicode.IsSpace(r) {
			break
		}
		e -= sz
	}
	b := e
	for b > segStart {
		r, sz := utf8.DecodeLastRuneInString(text[segStart:b])
		if unicode.IsSpace(r) {
			break
		}
		b -= sz
	}
	return text[b:e]
}

func isOpenMark(r rune) bool {
	switch r {
	case '"', '\'', '“', '‘', '(', '[', '«', '‹', '—', '–', '-':
		return true
	}
	return false
}

// nextWord returns the run of letters (with leading opening marks) at k.
func nextWord(text string, k, end int) string {
	e := k
	for e < end {
		r, sz := utf8.DecodeRuneInString(text[e:])
		if !(unicode.IsLetter(r) || unicode.IsDigit(r) || isOpenMark(r) && e == k) {
			break
		}
		e += sz
	}
	return text[k:e]
}

// titleAbbrev are abbreviations that precede a name or number and never end
// a sentence.
var titleAbbrev = wordSet(
	"mr", "mrs", "ms", "messrs", "dr", "prof", "gen", "lt", "col", "maj", "capt", "cpt", "sgt",
	"cpl", "pvt", "adm", "cmdr", "cdr", "brig", "gov", "sen", "rep", "reps", "rev", "fr", "st",
	"sr", "jr", "mt", "ft", "pres", "amb", "hon", "insp", "supt", "det", "gens", "lieut", "mme",
	"mlle", "sec", "atty", "supt", "cf", "vs", "v", "approx", "est", "dept", "univ", "assn",
	"e.g", "i.e", "viz", "ca", "nr", "tel",
)

// softAbbrev may end a sentence: they end one only before a sentence opener.
var softAbbrev = wordSet("inc", "ltd", "co", "corp", "bros", "etc", "al", "plc", "llc", "mins", "hrs", "yrs", "km", "kg", "sq")

var monthAbbrev = wordSet("jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun")

// sentenceOpener are common first words of a sentence, used to decide
// whether an ambiguous abbreviation (U.S., a.m.) ends one.
var sentenceOpener = wordSet(
	"The", "A", "An", "He", "She", "It", "They", "We", "I", "You", "This", "That", "These", "Those",
	"There", "Here", "His", "Her", "Their", "Its", "Our", "My", "But", "And", "Or", "So", "Yet",
	"However", "Meanwhile", "After", "Before", "When", "While", "If", "As", "In", "On", "At", "By",
	"For", "From", "With", "Without", "Since", "Although", "Though", "Some", "Many", "Most", "Several",
	"No", "Not", "Officials", "Police", "Authorities", "Witnesses", "Residents", "Analysts",
	"Earlier", "Later", "Last", "On", "One", "Two", "Three", "Both", "Each", "Such", "What",
	"Who", "Why", "How", "Where", "Under", "According", "During", "Despite", "Also", "Other",
	"Still", "Now", "Then", "Today", "Yesterday", "Tomorrow", "Separately", "Elsewhere",
)

func wordSet(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}
