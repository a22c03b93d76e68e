package summarize

import (
	"sort"
	"strconv"
	"strings"
	"time"
)

var weekdays = map[string]time.Weekday{"sunday": time.Sunday, "monday": time.Monday, "tuesday": time.Tuesday,
	"wednesday": time.Wednesday, "thursday": time.Thursday, "friday": time.Friday, "saturday": time.Saturday}

var months = map[string]time.Month{"january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6,
	"july": 7, "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
	"jan": 1, "feb": 2, "aug": 8, "sept": 9, "sep": 9, "oct": 10, "nov": 11, "dec": 12}

// dateMonthAbbrev are abbreviations that count only before a day ("Nov. 6").
var dateMonthAbbrev = map[string]bool{"jan": true, "feb": true, "aug": true, "sept": true, "sep": true, "oct": true, "nov": true, "dec": true}

// datePrep are words that make a capitalised "May" or "March" a month.
var datePrep = map[string]bool{"in": true, "on": true, "since": true, "until": true, "by": true, "of": true, "early": true,
	"late": true, "mid": true, "from": true, "through": true, "last": true, "this": true, "next": true, "during": true, "before": true, "after": true}

// dateHit is a date mention with its token range in its sentence.
type dateHit struct {
	Date
	sent, i, j int
}

// findDates reads date mentions and resolves them against the published
// time: a weekday is the most recent such day on or before it, a bare month
// the most recent such month, "yesterday" the day before.
func findDates(d *doc) []Date {
	out := []Date{}
	seen := map[string]bool{}
	for _, h := range d.dateHits() {
		k := h.Text + "|" + h.Date.Date
		if seen[k] {
			continue
		}
		seen[k] = true
		h.What = d.dateWhat(h)
		out = append(out, h.Date)
	}
	return out
}

func (d *doc) dateHits() []dateHit {
	var out []dateHit
	pub := d.in.Published
	has := !pub.IsZero()
	day := func(t time.Time) string { return t.Format("2006-01-02") }
	for si := range d.sents {
		toks := d.sentToks(si)
		for i := 0; i < len(toks); i++ {
			t := toks[i]
			if t.Punct {
				continue
			}
			w := strings.TrimPrefix(t.Base, "mid-") // "in mid-October"
			h := dateHit{sent: si, i: i, j: i + 1}
			wd, isWd := weekdays[w]
			switch {
			case t.Cap && isWd:
				if has {
					back := (int(pub.Weekday()) - int(wd) + 7) % 7
					h.Date.Date = day(pub.AddDate(0, 0, -back))
				}
			case (t.Cap || w != t.Base) && months[w] != 0:
				m := months[w]
				prevPrep := i > 0 && datePrep[toks[i-1].Lower]
				nextNum := i+1 < len(toks) && isDayNum(toks[i+1].Lower)
				prevNum := i > 0 && isDayNum(toks[i-1].Lower)
				if (w == "may" || w == "march") && !prevPrep && !nextNum && !prevNum {
					continue
				}
				if dateMonthAbbrev[w] && !nextNum {
					continue
				}
				dd, year := 0, 0
				if nextNum {
					dd = dayNum(toks[i+1].Lower)
					h.j = i + 2
				} else if prevNum {
					dd = dayNum(toks[i-1].Lower)
					h.i = i - 1
				}
				if h.j < len(toks) && isYear(toks[h.j].Lower) {
					year, _ = strconv.Atoi(toks[h.j].Lower)
					h.j++
				} else if h.j+1 < len(toks) && toks[h.j].Lower == "," && isYear(toks[h.j+1].Lower) && dd > 0 {
					year, _ = strconv.Atoi(toks[h.j+1].Lower)
					h.j += 2
				}
				switch {
				case year > 0 && dd > 0:
					h.Date.Date = validDay(year, m, dd)
				case year > 0:
					h.Date.Date = time.Date(year, m, 1, 0, 0, 0, 0, time.UTC).Format("2006-01")
				case has && dd > 0:
					y := pub.Year()
					if m > pub.Month() || (m == pub.Month() && dd > pub.Day()) {
						y--
					}
					h.Date.Date = validDay(y, m, dd)
				case has:
					y := pub.Year()
					if m > pub.Month() {
						y--
					}
					h.Date.Date = time.Date(y, m, 1, 0, 0, 0, 0, time.UTC).Format("2006-01")
				}
			case len(w) == 10 && w[4] == '-' && w[7] == '-':
				tm, err := time.Parse("2006-01-02", w)
				if err != nil {
					continue
				}
				h.Date.Date = tm.Format("2006-01-02")
			case w == "yesterday" || w == "today" || w == "tomorrow":
				if has {
					h.Date.Date = day(pub.AddDate(0, 0, relDay[w]))
				}
			case (w == "last" || w == "this" || w == "next") && i+1 < len(toks) && (toks[i+1].Base == "week" || toks[i+1].Base == "month"):
				h.j = i + 2
				if has {
					off := relOffset[w]
					if toks[i+1].Base == "week" {
						h.Date.Date = day(pub.AddDate(0, 0, 7*off))
					} else {
						first := time.Date(pub.Year(), pub.Month(), 1, 0, 0, 0, 0, time.UTC)
						h.Date.Date = first.AddDate(0, off, 0).Format("2006-01")
					}
				}
			default:
				continue
			}
			a, b := toks[h.i].Start, toks[h.j-1].End
			h.Text = strings.TrimSuffix(strings.TrimSuffix(d.text[a:b], "'s"), "’s")
			out = append(out, h)
			i = h.j - 1
		}
	}
	return out
}

func isDayNum(w string) bool { return dayNum(w) > 0 }

// dayNum parses a day of the month ("6", "06", "12th"), 0 if it is not one.
func dayNum(w string) int {
	w = strings.TrimSuffix(strings.TrimSuffix(strings.TrimSuffix(strings.TrimSuffix(w, "th"), "st"), "nd"), "rd")
	n, err := strconv.Atoi(w)
	if err != nil || n < 1 || n > 31 || len(w) > 2 {
		return 0
	}
	return n
}

func validDay(y int, m time.Month, dd int) string {
	t := time.Date(y, m, dd, 0, 0, 0, 0, time.UTC)
	if t.Month() != m {
		return ""
	}
	return t.Format("2006-01-02")
}

// datePreps are dropped from the end of a "what" phrase.
// relDay and relOffset are the day and week/month offsets of relative words.
var (
	relDay    = map[string]int{"yesterday": -1, "today": 0, "tomorrow": 1}
	relOffset = map[string]int{"last": -1, "this": 0, "next": 1}
)

var trailingWords = map[string]bool{"on": true, "in": true, "at": true, "since": true, "of": true, "the": true, "and": true,
	"from": true, "until": true, "by": true, "last": true, "this": true, "during": true, "early": true, "late": true}

// dateWhat describes what happened at the date: the nearest event trigger
// before it in its clause with the words up to the date ("exchange of
// gunfire along the Durand Line"), the noun after a possessive ("last
// month's deadly border clashes"), else the clause without the date.
func (d *doc) dateWhat(h dateHit) string {
	toks := d.sentToks(h.sent)
	lx := &builtinPack.lex
	if strings.HasSuffix(toks[h.j-1].Lower, "'s") {
		_, b := lx.clauseBounds(toks, h.j-1)
		end := h.j + 4
		if end > b {
			end = b
		}
		if end > h.j {
			return d.text[toks[h.j].Start:toks[end-1].End]
		}
	}
	a, b := lx.clauseBounds(toks, h.i)
	if h.i >= 2 && h.i > a && toks[h.i-1].Lower == "on" && h.i-1 == a {
		a, _ = lx.clauseBounds(toks, h.i-2)
	}
	start := -1
	for _, e := range d.eventsIn(h.sent) {
		if e.tok < a || e.tok >= h.i {
			continue
		}
		if e.tok > start {
			start = e.tok
		}
	}
	// Take in an adjacent trigger before it: "talks collapsed".
	for changed := start > 0; changed; {
		changed = false
		for _, e := range d.eventsIn(h.sent) {
			if e.tok < start && e.tok >= a && tokEnd(toks, e.End) == start {
				start, changed = e.tok, true
			}
		}
	}
	if start < 0 {
		start = a
	}
	end := h.i
	for end > start && trailingWords[toks[end-1].Lower] {
		end--
	}
	if end == start {
		// Nothing before the date in its clause: take what follows it.
		start, end = h.j, b
		for start < end && trailingWords[toks[start].Lower] {
			start++
		}
	}
	// Drop a parenthesis ("(Reuters)") at either end.
	for start < end && (toks[start].Lower == "(" || toks[start].Lower == ")") {
		start++
		for start < end && toks[start-1].Lower == "(" && toks[start].Lower != ")" {
			start++
		}
	}
	if end-start > 10 {
		start = end - 10
	}
	for start < end && (toks[start].Lower == "and" || toks[start].Lower == "but") {
		start++
	}
	if start >= end || toks[start].Punct {
		return d.sentenceEvent(h.sent)
	}
	return trimArticle(d.text[toks[start].Start:toks[end-1].End])
}

// tokEnd returns the index of the first token starting at or after byte off.
func tokEnd(toks []token, off int) int {
	for k, t := range toks {
		if t.Start >= off {
			return k
		}
	}
	return len(toks)
}

// sentenceEvent describes a sentence by its main event: the trigger and up
// to five words after it ("agreed to extend their truce in Gaza").
func (d *doc) sentenceEvent(si int) string {
	toks := d.sentToks(si)
	for _, e := range d.eventsIn(si) {
		if e.Negated {
			continue
		}
		end := e.tok + 1
		for end < len(toks) && end < e.tok+6 && !toks[end].Punct {
			end++
		}
		for end > e.tok+1 && trailingWords[toks[end-1].Lower] {
			end--
		}
		return d.text[toks[e.tok].Start:toks[end-1].End]
	}
	return ""
}

// eventsIn returns the events of sentence si (d.events is sorted by sentence).
func (d *doc) eventsIn(si int) []evHit {
	a := sort.Search(len(d.events), func(k int) bool { return d.events[k].Sentence >= si })
	b := a
	for b < len(d.events) && d.events[b].Sentence == si {
		b++
	}
	return d.events[a:b]
}
