package store

import (
	"strings"
	"unicode"
)

// FTSQuery turns what a user typed into a safe FTS5 MATCH expression, or ""
// when nothing searchable is left (the caller then applies no search filter).
//
// The user's syntax is a small, forgiving subset of a search box's:
//
//	iran talks       both words (AND)
//	"peace talks"    the phrase
//	durand*          prefix: durand, durandal… (as-you-type: the UI appends *);
//	                 a single letter with * is ignored (it matches nearly all),
//	                 except in scripts written without spaces (日*)
//	-opinion         exclude a word (needs at least one word to include)
//	iran OR iraq     either word
//
// Every term is emitted as an FTS5 string ("..."), with inner double quotes
// removed, so FTS5 operators, column filters, parentheses, NEAR, ^ and
// stray quotes in the input are plain text, never syntax. Terms with no
// letter or digit are dropped: they would tokenize to nothing.
func FTSQuery(input string) string {
	type term struct {
		text    string
		prefix  bool
		exclude bool
		or      bool // joined to the previous term with OR
	}
	var terms []term
	pendingOr := false
	// Control characters (NUL above all: FTS5 stops reading the query at
	// it) separate words like spaces do.
	rs := []rune(strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return ' '
		}
		return r
	}, input))
	for i := 0; i < len(rs); {
		if unicode.IsSpace(rs[i]) {
			i++
			continue
		}
		var t term
		if rs[i] == '-' && i+1 < len(rs) && !unicode.IsSpace(rs[i+1]) {
			t.exclude = true
			i++
		}
		var raw string
		if rs[i] == '"' {
			j := i + 1
			for j < len(rs) && rs[j] != '"' {
				j++
			}
			raw = string(rs[i+1 : min(j, len(rs))])
			i = j + 1
			if i < len(rs) && rs[i] == '*' {
				t.prefix = true
				i++
			}
		} else {
			j := i
			for j < len(rs) && !unicode.IsSpace(rs[j]) {
				j++
			}
			raw = string(rs[i:j])
			i = j
			if raw == "OR" && !t.exclude {
				pendingOr = len(terms) > 0
				continue
			}
			if strings.HasSuffix(raw, "*") {
				t.prefix = true
				raw = strings.TrimRight(raw, "*")
			}
		}
		raw = strings.ReplaceAll(raw, `"`, " ")
		if !strings.ContainsFunc(raw, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) {
			pendingOr = false
			continue
		}
		t.text = strings.Join(strings.Fields(raw), " ")
		if t.prefix && isOneLetter(t.text) {
			// "d*", the first keystroke of a search as you type, matches
			// nearly every article: not a search yet.
			pendingOr = false
			continue
		}
		t.or = pendingOr && !t.exclude
		pendingOr = false
		terms = append(terms, t)
	}

	quote := func(t term) string {
		s := `"` + t.text + `"`
		if t.prefix {
			s += "*"
		}
		return s
	}
	// Positive terms form AND-ed groups of OR-ed alternatives.
	var groups [][]string
	var excluded []string
	for _, t := range terms {
		switch {
		case t.exclude:
			excluded = append(excluded, quote(t))
		case t.or && len(groups) > 0:
			groups[len(groups)-1] = append(groups[len(groups)-1], quote(t))
		default:
			groups = append(groups, []string{quote(t)})
		}
	}
	if len(groups) == 0 {
		return ""
	}
	parts := make([]string, 0, len(groups))
	for _, g := range groups {
		if len(g) == 1 {
			parts = append(parts, g[0])
		} else {
			parts = append(parts, "("+strings.Join(g, " OR ")+")")
		}
	}
	out := strings.Join(parts, " AND ")
	for _, e := range excluded {
		out = "(" + out + ") NOT " + e
	}
	return out
}

// isOneLetter reports whether s is one letter of an alphabet (not a Han,
// kana or Hangul character, which alone already narrow a search).
func isOneLetter(s string) bool {
	rs := []rune(s)
	return len(rs) == 1 && !unicode.In(rs[0], unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul)
}
