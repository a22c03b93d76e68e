package clean

import (
	"regexp"
	"strings"
	"unicode/utf8"
)

// The badness heuristic decides whether a text looks like mojibake. It is a
// port of python-ftfy's badness.py (Apache-2.0, Robyn Speer): character
// categories, and short sequences of them that almost never occur in real
// text but are typical of UTF-8 read as a single-byte encoding. Written here
// because no Go library does this; ftfy's own test cases measure it
// (mojibake_test.go).
var mojibakeCategories = map[string]string{
	// Characters that appear in many contexts; not mojibake by themselves.
	"common": "\u00a0\u00ad\u00b7\u00b4\u2013\u2014\u2015\u2026\u2019",
	// The C1 controls: no use outside mojibake any more.
	"c1": "\u0080-\u009f",
	// Characters that are nearly always mojibake.
	"bad": "\u00a6\u00a4\u00a8\u00ac\u00af\u00b8\u0192\u02c6\u02c7\u02d8\u02db\u02dc" +
		"\u2020\u2021\u2030\u2310\u25ca\ufffd\u00aa\u00ba",
	"law":               "\u00b6\u00a7",
	"currency":          "\u00a2\u00a3\u00a5\u20a7\u20ac",
	"start_punctuation": "\u00a1\u00ab\u00bf\u00a9\u0384\u0385\u2018\u201a\u201c\u201e\u2022\u2039\uf8ff",
	"end_punctuation":   "\u00ae\u00bb\u02dd\u201d\u203a\u2122",
	"numeric": "\u00b2\u00b3\u00b9\u00b1\u00bc\u00bd\u00be\u00d7\u00b5\u00f7\u2044\u2202" +
		"\u2206\u220f\u2211\u221a\u221e\u2229\u222b\u2248\u2260\u2261\u2264\u2265\u2116",
	// Letters used in kaomoji faces, so allowed in odd-looking places.
	"kaomoji": "\u00d2-\u00d6\u00d9-\u00dc\u00f2-\u00f6\u00f8-\u00fc\u0150\u014c\u016a\u0172\u00b0",
	"upper_accented": "\u00c0-\u00d1\u00d8\u00dc\u00dd\u0102\u0100\u0104\u0106\u010c\u010e\u0110" +
		"\u0118\u011a\u0112\u0116\u011e\u0122\u0130\u012a\u0136\u0139\u013d\u0141\u013b" +
		"\u0143\u0147\u0145\u0152\u0158\u015a\u015e\u0160\u0162\u0164\u016e\u0170\u0178" +
		"\u0179\u017b\u017d\u0490",
	"lower_accented": "\u00df\u00e0-\u00f1\u0103\u0105\u0101\u0107\u010d\u010f\u0111\u0119" +
		"\u011b\u0113\u0117\u011f\u0123\u012f\u012b\u0137\u013a\u013e\u0142\u013c\u0153" +
		"\u0155\u015b\u015f\u0161\u0165\u00fc\u017a\u017c\u017e\u0491\ufb01\ufb02",
	"upper_common": "\u00de\u0391-\u03a9\u0386\u0388\u0389\u038a\u038c\u038e\u038f\u03aa\u03ab" +
		"\u0401-\u042f",
	"lower_common": "\u03b1-\u03c9\u03ac\u03ad\u03ae\u03af\u03b0\u0430-\u045f",
	"box": "\u2502\u250c\u2510\u2518\u251c\u2524\u252c\u253c\u2550-\u256c" +
		"\u2580\u2584\u2588\u258c\u2590\u2591\u2592\u2593",
}

// badnessPattern is ftfy's BADNESS_RE with {name} standing for a category.
// Sequences marked "sitrep:" are our additions, each covering a mojibake
// shape seen in feeds that ftfy's list misses (checked against every ftfy
// negative case).
var badnessPattern = strings.Join([]string{
	`[{c1}]`,
	`[{bad}{lower_accented}{upper_accented}{box}{start_punctuation}{end_punctuation}{currency}{numeric}{law}][{bad}]`,
	`[a-zA-Z][{lower_common}{upper_common}][{bad}]`,
	`[{bad}][{lower_accented}{upper_accented}{box}{start_punctuation}{end_punctuation}{currency}{numeric}{law}]`,
	`[{lower_accented}{lower_common}{box}{end_punctuation}{currency}{numeric}][{upper_accented}]`,
	`[{box}{end_punctuation}{currency}{numeric}][{lower_accented}]`,
	`[{lower_accented}{box}{end_punctuation}][{currency}]`,
	`{space}[{upper_accented}][{currency}]`,
	`[{upper_accented}{box}][{numeric}{law}]`,
	`[{lower_accented}{upper_accented}{box}{currency}{end_punctuation}][{start_punctuation}][{numeric}]`,
	`[{lower_accented}{upper_accented}{currency}{numeric}{box}{law}][{end_punctuation}][{start_punctuation}]`,
	`[{currency}{numeric}{box}][{start_punctuation}]`,
	`[a-z][{upper_accented}][{start_punctuation}{currency}]`,
	`[{box}][{kaomoji}]`,
	`[{lower_accented}{upper_accented}{currency}{numeric}{start_punctuation}{end_punctuation}{law}][{box}]`,
	`[{box}][{end_punctuation}]`,
	`[{lower_accented}{upper_accented}][{start_punctuation}{end_punctuation}]{word}`,
	// The ligature œ when not followed by an unaccented Latin letter.
	`[\x{152}\x{153}][^A-Za-z]`,
	// Degree signs after capital letters.
	`[{upper_accented}]\x{b0}`,
	// Common windows-1252 two-character mojibake not covered above.
	`[\x{c2}\x{c3}\x{ce}\x{d0}][\x{20ac}\x{153}\x{160}\x{161}\x{a2}\x{a3}\x{178}\x{17e}\x{a0}\x{ad}\x{ae}\x{a9}\x{b0}\x{b7}\x{bb}{start_punctuation}{end_punctuation}\x{2013}\x{2014}\x{b4}]`,
	`\x{d7}[\x{b2}\x{b3}]`,
	// windows-1252 mojibake of Arabic needs the common characters, so four
	// characters must match.
	`[\x{d8}\x{d9}][{common}{currency}{bad}{numeric}{start_punctuation}\x{178}\x{160}\x{ae}\x{b0}\x{b5}\x{bb}][\x{d8}\x{d9}][{common}{currency}{bad}{numeric}{start_punctuation}\x{178}\x{160}\x{ae}\x{b0}\x{b5}\x{bb}]`,
	// windows-1252 starts of three-byte South Asian letters.
	`\x{e0}[\x{b2}\x{b5}\x{b9}\x{bc}\x{bd}\x{be}]`,
	// MacRoman mojibake.
	`\x{221a}[\x{b1}\x{2202}\x{2020}\x{2260}\x{ae}\x{2122}\x{b4}\x{2264}\x{2265}\x{a5}\x{b5}\x{f8}]`,
	`\x{2248}[\x{b0}\x{a2}]`,
	`\x{201a}\x{c4}[\x{ec}\x{ee}\x{ef}\x{f2}\x{f4}\x{fa}\x{f9}\x{fb}\x{2020}\x{b0}\x{a2}\x{3c0}]`,
	`\x{201a}[\x{e2}\x{f3}][\x{e0}\x{e4}\x{b0}\x{ea}]`,
	// windows-1251 mojibake of the U+2000 block.
	`\x{432}\x{402}`,
	// windows-1251 mojibake of Latin-1 or Cyrillic: three characters.
	`[\x{412}\x{413}\x{420}\x{421}][{c1}{bad}{start_punctuation}{end_punctuation}{currency}\x{b0}\x{b5}][\x{412}\x{413}\x{420}\x{421}]`,
	`\x{413}\x{45e}\x{412}\x{402}\x{412}.[A-Za-z ]`,
	// windows-1252 encodings of à and á, and of NBSP itself.
	`\x{c3}[\x{a0}\x{a1}]`,
	`[a-z]{space}?[\x{c3}\x{c2}] `,
	// Â before a character that it encodes together with.
	`[a-z.,?!{end_punctuation}]\x{c2}[ {common}{end_punctuation}]`,
	// windows-1253 mojibake of the U+2000 block and of Latin-1/Greek.
	`\x{3b2}\x{20ac}[\x{2122}\x{a0}\x{386}\x{ad}\x{ae}\x{b0}]`,
	`[\x{392}\x{393}\x{39e}\x{39f}][{c1}{bad}{start_punctuation}{end_punctuation}{currency}\x{b0}][\x{392}\x{393}\x{39e}\x{39f}]`,
	// windows-1257 mojibake of the U+2000 block.
	`\x{100}\x{20ac}`,
	// sitrep: a capital A with diaeresis/ring (UTF-8 lead bytes C4, C5) followed
	// by a windows-1252 character from 0x80-0x9F that is not ordinary
	// punctuation: "ErdoÄŸan" (ğ), "Ä™" (ę), "Å›" (ś), "Åž" (Ş).
	`[\x{c4}\x{c5}][\x{178}\x{160}\x{161}\x{152}\x{153}\x{17d}\x{17e}\x{192}\x{2c6}\x{2030}\x{2020}\x{2021}\x{2039}\x{203a}\x{2dc}\x{2122}\x{81}\x{8d}\x{8f}\x{90}\x{9d}]`,
	// sitrep: Latin UTF-8 read as windows-1251 ("CafГ©", "SeГ±or"): Г
	// (byte C3) before a windows-1251 character of 0x80-0xBF that is not a
	// letter or punctuation of Russian, Ukrainian or Belarusian text.
	`\x{413}[\x{a9}\x{b1}\x{a4}\x{408}\x{a6}\x{a7}\x{ae}\x{b0}\x{b5}\x{b6}\x{b7}\x{405}\x{455}\x{458}\x{402}\x{403}\x{453}\x{2030}\x{409}\x{40a}\x{40c}\x{40b}\x{40f}\x{452}\x{459}\x{45a}\x{45c}\x{45b}\x{45f}\x{2122}\x{2021}\x{2020}\x{a0}\x{ad}]`,
	// sitrep: a soft hyphen right after a UTF-8 lead letter (í is C3 AD).
	`[\x{c3}\x{102}\x{413}\x{c4}\x{c5}]\x{ad}`,
	// sitrep: Cyrillic UTF-8 read as MacRoman: lead bytes D0/D1 are en and em
	// dashes, so the words become dash, letter, dash, letter.
	`[\x{2013}\x{2014}][^\x{0}-\x{7f}\s][\x{2013}\x{2014}][^\x{0}-\x{7f}\s]`,
}, "|")

var badnessRE = regexp.MustCompile(expandCategories(badnessPattern))

func expandCategories(p string) string {
	for name, chars := range mojibakeCategories {
		p = strings.ReplaceAll(p, "{"+name+"}", chars)
	}
	p = strings.ReplaceAll(p, "{space}", `[\s\p{Z}\x{85}]`)
	p = strings.ReplaceAll(p, "{word}", `[\p{L}\p{N}_]`)
	return p
}

// isBad reports whether text contains a sequence that is almost surely
// mojibake. Running the big regexp over a whole article costs milliseconds,
// so it runs only on short windows around candidates: every badness sequence
// contains either two adjacent non-ASCII characters of which one is in
// suspects, or one of the characters in loneSuspects.
func isBad(text string) bool {
	if strings.HasPrefix(text, "\u00c3 ") || strings.HasPrefix(text, "\u00c2 ") {
		return true // ftfy's ^[ÃÂ][ ]
	}
	var back [3]int // byte offsets of the last three runes
	nb := 0
	prev := rune(-1)
	winStart, winEnd := -1, -1
	for i, r := range text {
		cand := false
		if r >= 0x80 {
			if loneSuspects[r] {
				cand = true
			} else if prev >= 0x80 && (suspects[r] || suspects[prev]) {
				cand = true
			}
		}
		if cand {
			start := i
			if nb > 0 {
				start = back[(nb-min(nb, 3))%3]
			}
			end := runeOffset(text, i, 8)
			if winStart >= 0 && start <= winEnd {
				winEnd = max(winEnd, end)
			} else {
				if winStart >= 0 && badnessRE.MatchString(text[winStart:winEnd]) {
					return true
				}
				winStart, winEnd = start, end
			}
		}
		back[nb%3] = i
		nb++
		prev = r
	}
	return winStart >= 0 && badnessRE.MatchString(text[winStart:winEnd])
}

// runeOffset returns the byte offset n runes after offset i (or len(text)).
func runeOffset(text string, i, n int) int {
	for ; n > 0 && i < len(text); n-- {
		_, size := utf8.DecodeRuneInString(text[i:])
		i += size
	}
	return i
}

// suspects are the characters whose presence next to another non-ASCII
// character starts a badness check: every category except the everyday
// letters of Greek and Cyrillic and the common punctuation.
var suspects, loneSuspects = func() (map[rune]bool, map[rune]bool) {
	s := map[rune]bool{}
	for name, chars := range mojibakeCategories {
		if name == "lower_common" || name == "upper_common" || name == "common" {
			continue
		}
		rs := []rune(chars)
		for i := 0; i < len(rs); i++ {
			if i+2 < len(rs) && rs[i+1] == '-' {
				for r := rs[i]; r <= rs[i+2]; r++ {
					s[r] = true
				}
				i += 2
				continue
			}
			s[rs[i]] = true
		}
	}
	for _, r := range "\u0413\u0102\u0402\u0152\u0153\u00c3\u00c2\u00ce\u00d0\u00d7\u00d8\u00d9\u00e0\u221a\u2248\u201a\u0100\u00c4\u00c5\u20ac" {
		s[r] = true
	}
	lone := map[rune]bool{'\u0152': true, '\u0153': true, '\u00c3': true, '\u00c2': true}
	for r := rune(0x80); r <= 0x9f; r++ {
		lone[r] = true
	}
	return s, lone
}()
