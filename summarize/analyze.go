package summarize

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Version identifies the analyser's rules and code; bump it whenever output
// can change so cached analyses (keyed by content hash and version) refresh.
const Version = "10"

var defaultAnalyzer = &Analyzer{packs: []*Pack{builtinPack}}

// Analyze runs the built-in rule pack over in.
func Analyze(in Input) Analysis {
	return defaultAnalyzer.Analyze(in)
}

// Analyze runs the pipeline: sentences, entities, quotes, events, facts,
// dates, summary. Slices are never nil, so JSON shows [] rather than null.
func (a *Analyzer) Analyze(in Input) Analysis {
	title := strings.Join(strings.Fields(safeText(in.Title)), " ")
	text := safeText(in.Text)
	out := Analysis{Schema: Schema, Title: title, Text: text,
		Summary: []string{}, Facts: []Fact{}, Quotes: []Quote{}, Entities: []Entity{},
		Events: []Event{}, Dates: []Date{}}
	if strings.TrimSpace(text) == "" {
		return out
	}
	sents := validSentences(text, splitSentences(text))
	ments, ents := findEntities(text, sents)
	ments = validMentions(text, ments)
	quotes := findQuotes(text, sents, ments)
	doc := newDoc(text, sents, ments, quotes, in)
	for _, p := range a.packs {
		doc.events = append(doc.events, p.findEvents(doc)...)
	}
	sortEvents(doc.events)
	for _, p := range a.packs {
		out.Facts = append(out.Facts, p.findFacts(doc)...)
	}
	if !hasTopicFacts(out.Facts) {
		out.Facts = append(out.Facts, genericFacts(doc, ents)...)
	}
	out.Dates = findDates(doc)
	out.Summary = summarize(doc, title)
	for _, q := range quotes {
		if q.Start >= 0 && q.End <= len(text) && q.Start <= q.End {
			q.Text = text[q.Start:q.End]
			out.Quotes = append(out.Quotes, q)
		}
	}
	out.Entities = append(out.Entities, ents...)
	for _, ev := range doc.events {
		out.Events = append(out.Events, ev.Event)
	}
	for i := range out.Facts {
		out.Facts[i].Value = safeLine(out.Facts[i].Value)
	}
	for i := range out.Dates {
		out.Dates[i].What = safeLine(out.Dates[i].What)
	}
	return out
}

// safeText keeps text printable: valid UTF-8 and no control characters
// except newline and tab, no bidi or zero-width spoofing characters. The
// caller's cleaner already does this; we repeat it so offsets we report
// always refer to text that is safe as it stands.
func safeText(s string) string {
	if isSafe(s) {
		return s
	}
	s = strings.ToValidUTF8(s, "\uFFFD")
	return strings.Map(func(r rune) rune {
		if unsafeRune(r) {
			return -1
		}
		return r
	}, s)
}

func isSafe(s string) bool {
	if !utf8.ValidString(s) {
		return false
	}
	for _, r := range s {
		if unsafeRune(r) {
			return false
		}
	}
	return true
}

func unsafeRune(r rune) bool {
	switch {
	case r == '\n' || r == '\t':
		return false
	case r < 0x20 || r == 0x7f || (r >= 0x80 && r <= 0x9f):
		return true
	case (r >= 0x200b && r <= 0x200f) || (r >= 0x202a && r <= 0x202e) || (r >= 0x2060 && r <= 0x2069) || r == 0xfeff || r == 0x61c:
		return true
	}
	return false
}

// safeLine collapses a derived string to one safe line.
func safeLine(s string) string {
	return strings.Join(strings.Fields(safeText(s)), " ")
}

// validSentences drops sentences whose offsets do not fit the text, so a
// bug upstream can never make us slice out of range.
func validSentences(text string, in []sentence) []sentence {
	out := in[:0:0]
	prev := 0
	for _, s := range in {
		if s.Start < prev || s.End > len(text) || s.Start >= s.End {
			continue
		}
		out = append(out, s)
		prev = s.End
	}
	if len(out) == 0 && strings.TrimSpace(text) != "" {
		// No segmenter output: treat each paragraph as one sentence.
		start, para := 0, 0
		for _, p := range strings.SplitAfter(text, "\n\n") {
			a := start + len(p) - len(strings.TrimLeft(p, " \t\n"))
			b := start + len(strings.TrimRight(p, " \t\n"))
			if a < b {
				out = append(out, sentence{Start: a, End: b, Para: para})
				para++
			}
			start += len(p)
		}
	}
	return out
}

func validMentions(text string, in []mention) []mention {
	out := in[:0:0]
	for _, m := range in {
		if m.Start < 0 || m.End > len(text) || m.Start >= m.End {
			continue
		}
		out = append(out, m)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Start < out[j].Start })
	return out
}

// token is one word or clause punctuation of the text.
type token struct {
	Start, End int
	Lower      string // lower-case, curly apostrophes straightened
	Base       string // Lower without a possessive 's
	Cap        bool   // starts with an upper-case letter
	Punct      bool   // clause punctuation: , ; : ( ) dashes and quote marks
	Sent       int    // sentence index
}

// tokenize splits text[start:end] into word and punctuation tokens.
func tokenize(text string, start, end, sent int, out []token) []token {
	i := start
	for i < end {
		r, n := utf8.DecodeRuneInString(text[i:])
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			j := i + n
			for j < end {
				r2, n2 := utf8.DecodeRuneInString(text[j:])
				if unicode.IsLetter(r2) || unicode.IsDigit(r2) || unicode.IsMark(r2) {
					j += n2
					continue
				}
				if r2 == '-' || r2 == '\'' || r2 == '’' || r2 == '.' || r2 == ',' {
					// Joiners only inside a word: U.S., cease-fire, Pakistan's, 3.5, 1,200.
					if j+n2 < end {
						r3, _ := utf8.DecodeRuneInString(text[j+n2:])
						if (unicode.IsLetter(r3) || unicode.IsDigit(r3)) && (r2 != ',' || (unicode.IsDigit(r3) && unicode.IsDigit(lastRune(text[i:j])))) {
							if r2 == '.' && !unicode.IsDigit(r3) && !isInitialism(text[i:j]) {
								break
							}
							j += n2
							continue
						}
					}
				}
				break
			}
			w := text[i:j]
			low := strings.ToLower(strings.ReplaceAll(w, "’", "'"))
			base := strings.TrimSuffix(strings.TrimSuffix(low, "'s"), "'")
			out = append(out, token{Start: i, End: j, Lower: low, Base: base, Cap: unicode.IsUpper(r), Sent: sent})
			i = j
		case strings.ContainsRune(",;:()—–\"“”", r) || (r == '-' && i+n < end && text[i+n] == ' ' && i > start && text[i-1] == ' '):
			out = append(out, token{Start: i, End: i + n, Lower: string(r), Base: string(r), Punct: true, Sent: sent})
			i += n
		default:
			i += n
		}
	}
	return out
}

func lastRune(s string) rune {
	r, _ := utf8.DecodeLastRuneInString(s)
	return r
}

// isInitialism reports whether w looks like "U" or "U.S" (single letters
// separated by dots), so "U.S." stays one token while "end.Next" splits.
func isInitialism(w string) bool {
	for _, part := range strings.Split(w, ".") {
		if utf8.RuneCountInString(part) != 1 {
			return false
		}
	}
	return true
}

// doc is the shared state of one analysis.
type doc struct {
	in     Input
	text   string
	sents  []sentence
	toks   []token
	sentTk [][2]int // token range of each sentence
	ments  []mention
	quotes []Quote
	events []evHit
}

func newDoc(text string, sents []sentence, ments []mention, quotes []Quote, in Input) *doc {
	d := &doc{in: in, text: text, sents: sents, ments: ments, quotes: quotes}
	d.toks = make([]token, 0, len(text)/5)
	d.sentTk = make([][2]int, len(sents))
	for i, s := range sents {
		a := len(d.toks)
		d.toks = tokenize(text, s.Start, s.End, i, d.toks)
		d.sentTk[i] = [2]int{a, len(d.toks)}
	}
	return d
}

// sentToks returns the tokens of sentence i.
func (d *doc) sentToks(i int) []token {
	r := d.sentTk[i]
	return d.toks[r[0]:r[1]]
}

// mentionsIn returns the mentions within [start, end).
func (d *doc) mentionsIn(start, end int) []mention {
	lo := 0
	hi := len(d.ments)
	for lo < hi {
		m := (lo + hi) / 2
		if d.ments[m].Start < start {
			lo = m + 1
		} else {
			hi = m
		}
	}
	j := lo
	for j < len(d.ments) && d.ments[j].Start < end {
		j++
	}
	return d.ments[lo:j]
}

// mentionAt returns the mention that starts at or covers offset pos.
func (d *doc) mentionAt(pos int) (mention, bool) {
	for _, m := range d.mentionsIn(pos-200, pos+1) {
		if m.Start <= pos && pos < m.End {
			return m, true
		}
	}
	return mention{}, false
}

// actorOf is the political actor a mention stands for.
func actorOf(m mention) string {
	if m.Actor != "" {
		return m.Actor
	}
	return m.Name
}
