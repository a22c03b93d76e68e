package clean

import (
	"bytes"
	"regexp"
	"strings"
	"unicode/utf8"
)

// Repair fixes mojibake the way python-ftfy's fix_encoding does: text that
// is UTF-8 decoded as Latin-1, windows-125x, ISO-8859-2, MacRoman or CP437,
// possibly several times over, is encoded back and decoded as UTF-8. When
// the whole text cannot be re-decoded (because it mixes correct characters,
// such as curly quotes, with mojibake), only the runs that look like UTF-8
// read wrongly are re-decoded, so "“quote” ErdoÄŸan" becomes
// "“quote” Erdoğan". Text that does not look like mojibake (the badness
// heuristic in badness.go) is returned unchanged.
//
// The port follows ftfy 6 (Apache-2.0) step by step; ftfy's own test cases in
// ../shared/corpora/ftfy-dev.json measure it.
func Repair(text string) string {
	if !maybeMojibake(text) {
		return text
	}
	for i := 0; i < 16; i++ { // each step makes progress; 16 is far above real nesting
		fixed := fixOneStep(text)
		if fixed == text {
			break
		}
		text = fixed
	}
	return text
}

// maybeMojibake is a cheap pre-check: ASCII text and text whose non-ASCII
// characters are all everyday punctuation cannot be mojibake.
func maybeMojibake(text string) bool {
	for _, r := range text {
		if r < 0x80 {
			continue
		}
		switch r {
		case '\u2018', '\u2019', '\u201c', '\u201d', '\u2013', '\u2014', '\u2026':
			continue
		}
		return true
	}
	return false
}

func fixOneStep(text string) string {
	if text == "" || !isBad(text) {
		return text
	}
	var possible []*singleByte
	for _, enc := range encodings {
		if !enc.possible(text) {
			continue
		}
		possible = append(possible, enc)
		b, _ := enc.encodeText(text)
		if maybeAltered(b) && alteredUTF8RE.MatchString(asLatin1(b)) {
			b = restoreByteA0(b)
		}
		if enc.sloppy && (bytes.IndexByte(b, 0x1a) >= 0 || bytes.IndexByte(b, '?') >= 0) {
			b = fromLatin1(lossyUTF8RE.ReplaceAllString(asLatin1(b), "\u00ef\u00bf\u00bd"))
		}
		if fixed, ok := decodeUTF8Variants(b); ok {
			return fixed
		}
	}

	// Runs of UTF-8 mojibake inside otherwise correct text.
	if fixed := decodeInconsistentUTF8(text); fixed != text {
		return fixed
	}

	if hasEnc(possible, latin1) {
		if hasEnc(possible, windows1252) {
			return text // in both Latin-1 and windows-1252: probably correct
		}
		// Latin-1 but not windows-1252 means C1 controls; nobody means those.
		b, _ := latin1.encodeText(text)
		if fixed, ok := decodeStrict1252(b); ok && fixed != text {
			return fixed
		}
	}
	if c1RE.MatchString(text) {
		return fixC1Controls(text)
	}
	return text
}

func hasEnc(list []*singleByte, e *singleByte) bool {
	for _, x := range list {
		if x == e {
			return true
		}
	}
	return false
}

// decodeStrict1252 decodes b as windows-1252, failing on its five undefined bytes.
func decodeStrict1252(b []byte) (string, bool) {
	for _, c := range b {
		switch c {
		case 0x81, 0x8d, 0x8f, 0x90, 0x9d:
			return "", false
		}
	}
	return windows1252.decodeBytes(b), true
}

var c1RE = regexp.MustCompile("[\u0080-\u009f]")

// fixC1Controls reads each C1 control as the windows-1252 character of the
// same byte value.
func fixC1Controls(text string) string {
	return c1RE.ReplaceAllStringFunc(text, func(s string) string {
		r, _ := utf8.DecodeRuneInString(s)
		return string(windows1252.dec[byte(r)])
	})
}

// decodeUTF8Variants decodes UTF-8, also accepting CESU-8 surrogate pairs and
// Java's overlong NUL (C0 80), as ftfy's "utf-8-variants" codec does.
func decodeUTF8Variants(b []byte) (string, bool) {
	if utf8.Valid(b) {
		return string(b), true
	}
	if bytes.IndexByte(b, 0xed) < 0 && bytes.IndexByte(b, 0xc0) < 0 {
		return "", false
	}
	var out []byte
	for i := 0; i < len(b); {
		if i+6 <= len(b) && b[i] == 0xed && b[i+1] >= 0xa0 && b[i+1] <= 0xaf && isCont(b[i+2]) &&
			b[i+3] == 0xed && b[i+4] >= 0xb0 && b[i+4] <= 0xbf && isCont(b[i+5]) {
			hi := rune(b[i+1]&0x0f)<<6 | rune(b[i+2]&0x3f)
			lo := rune(b[i+4]&0x0f)<<6 | rune(b[i+5]&0x3f)
			out = utf8.AppendRune(out, 0x10000+(hi<<10)+lo)
			i += 6
			continue
		}
		if i+2 <= len(b) && b[i] == 0xc0 && b[i+1] == 0x80 {
			out = append(out, 0)
			i += 2
			continue
		}
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n <= 1 {
			return "", false
		}
		out = append(out, b[i:i+n]...)
		i += n
	}
	return string(out), true
}

func isCont(c byte) bool { return c >= 0x80 && c <= 0xbf }

// alteredUTF8RE finds UTF-8 sequences in which a 0xA0 byte was turned into a
// space (a non-breaking space normalised away).
var alteredUTF8RE = regexp.MustCompile(`(?s)[\xc2\xc3\xc5\xce\xd0\xd9] ` +
	`|[\xe2\xe3] [\x80-\xbf]` +
	`|[\xe2\xe3][\x80-\xbf] ` +
	`|\xf0 [\x80-\xbf][\x80-\xbf]` +
	`|\xf0[\x80-\xbf] [\x80-\xbf]` +
	`|\xf0[\x80-\xbf][\x80-\xbf] `)

// maybeAltered is a cheap pre-check for alteredUTF8RE: a space after a
// byte that can start or continue a UTF-8 sequence.
func maybeAltered(b []byte) bool {
	for i := 1; i < len(b); i++ {
		if b[i] != ' ' {
			continue
		}
		switch b[i-1] {
		case 0xc2, 0xc3, 0xc5, 0xce, 0xd0, 0xd9, 0xe2, 0xe3, 0xf0:
			return true
		}
		if i >= 2 && isCont(b[i-1]) && (b[i-2] == 0xe2 || b[i-2] == 0xe3 || b[i-2] == 0xf0) {
			return true
		}
		if i >= 3 && b[i-3] == 0xf0 {
			return true
		}
	}
	return false
}

// restoreByteA0 puts the 0xA0 bytes back. "Ã " before a word is the French or
// Portuguese "à" whose NBSP byte absorbed the following space.
func restoreByteA0(b []byte) []byte {
	var out []byte
	for i := 0; i < len(b); i++ {
		if b[i] == 0xc3 && i+1 < len(b) && b[i+1] == ' ' && aGraveWord(b[i+2:]) {
			out = append(out, 0xc3, 0xa0, ' ')
			i++
			continue
		}
		out = append(out, b[i])
	}
	return fromLatin1(alteredUTF8RE.ReplaceAllStringFunc(asLatin1(out), func(m string) string {
		return strings.ReplaceAll(m, " ", "\u00a0")
	}))
}

// asLatin1 maps each byte to the rune of the same value, so that Go's
// regexp (which reads UTF-8) can match byte patterns written as \x{..}.
func asLatin1(b []byte) string {
	rs := make([]rune, len(b))
	for i, c := range b {
		rs[i] = rune(c)
	}
	return string(rs)
}

// fromLatin1 undoes asLatin1.
func fromLatin1(s string) []byte {
	out := make([]byte, 0, len(s))
	for _, r := range s {
		out = append(out, byte(r))
	}
	return out
}

// aGraveWord is ftfy's negative lookahead (?! |quele|quela|quilo|s ).
func aGraveWord(rest []byte) bool {
	for _, p := range []string{" ", "quele", "quela", "quilo", "s "} {
		if bytes.HasPrefix(rest, []byte(p)) {
			return false
		}
	}
	return true
}

// lossyUTF8RE finds UTF-8 sequences in which a byte was lost to "?" or to
// U+FFFD (byte 0x1A in the sloppy encodings); they become U+FFFD.
var lossyUTF8RE = regexp.MustCompile(`(?s)[\xc2-\xdf][\x1a]` +
	`|[\xc2-\xc3][?]` +
	`|\xed[\xa0-\xaf][\x1a?]\xed[\xb0-\xbf][\x1a?\x80-\xbf]` +
	`|\xed[\xa0-\xaf][\x1a?\x80-\xbf]\xed[\xb0-\xbf][\x1a?]` +
	`|[\xe0-\xef][\x1a?][\x1a\x80-\xbf]` +
	`|[\xe0-\xef][\x1a\x80-\xbf][\x1a?]` +
	`|[\xf0-\xf4][\x1a?][\x1a\x80-\xbf][\x1a\x80-\xbf]` +
	`|[\xf0-\xf4][\x1a\x80-\xbf][\x1a?][\x1a\x80-\xbf]` +
	`|[\xf0-\xf4][\x1a\x80-\xbf][\x1a\x80-\xbf][\x1a?]` +
	`|\x1a`)

// utf8DetectorRE matches runs of characters that look like UTF-8 sequences
// read as a single-byte encoding. (ftfy also requires that the run does not
// follow a strict continuation character; Go's regexp has no lookbehind, so
// decodeInconsistentUTF8 checks that by hand.)
var (
	utf8DetectorRE = regexp.MustCompile(`^(?:[` + utf8Clues.first2 + `][` + utf8Clues.cont + `]` +
		`|[` + utf8Clues.first3 + `][` + utf8Clues.cont + `]{2}` +
		`|[` + utf8Clues.first4 + `][` + utf8Clues.cont + `]{3})+`)
	contStrictRE = regexp.MustCompile(`^[` + utf8Clues.contStrict + `]$`)
)

// decodeInconsistentUTF8 repairs each mojibake run on its own.
func decodeInconsistentUTF8(text string) string {
	textLen := utf8.RuneCountInString(text)
	var b strings.Builder
	last, pos := 0, 0
	for pos < len(text) {
		// Runs start with a non-ASCII character: try the anchored detector
		// only there.
		k := pos
		for k < len(text) && text[k] < 0x80 {
			k++
		}
		if k >= len(text) {
			break
		}
		start := k
		loc := utf8DetectorRE.FindStringIndex(text[start:])
		_, n := utf8.DecodeRuneInString(text[start:])
		if loc == nil {
			pos = start + n
			continue
		}
		end := start + loc[1]
		if prev, _ := utf8.DecodeLastRuneInString(text[:start]); start > 0 && contStrictRE.MatchString(string(prev)) {
			// ftfy's lookbehind: not after a strict continuation character.
			pos = start + n
			continue
		}
		sub := text[start:end]
		if utf8.RuneCountInString(sub) < textLen && isBad(sub) {
			b.WriteString(text[last:start])
			b.WriteString(Repair(sub))
			last = end
		}
		pos = end
	}
	if last == 0 {
		return text
	}
	b.WriteString(text[last:])
	return b.String()
}
