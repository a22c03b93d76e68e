package clean

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Safe removes everything that could act on a terminal: C0 controls except
// \n and \t, DEL, C1, ESC and whole escape sequences, CR, bidi controls and
// spoofing zero-width characters. Legitimate RTL text and combining marks stay.
//
// Details (the rule every other package relies on):
//   - Invalid UTF-8 becomes U+FFFD.
//   - ESC and the C1 introducers (U+009B CSI, U+009D OSC, U+0090 DCS, U+0098
//     SOS, U+009E PM, U+009F APC) are removed together with the sequence they
//     start: CSI up to its final byte; OSC, DCS, SOS, PM and APC up to their
//     terminator (BEL, ESC \ or U+009C), which covers OSC 8 links and OSC 52
//     clipboard writes. An unterminated string sequence loses only its
//     introducer: what follows is then inert text and is kept, so a stray ESC
//     never swallows the rest of an article.
//   - CR LF and a lone CR become LF (a CR can no longer overwrite a line).
//     U+2028 and U+2029 become LF.
//   - Bidi controls (ALM U+061C, LRM/RLM U+200E/F, embeddings and overrides
//     U+202A-E, isolates U+2066-9) are removed: right-to-left scripts display
//     correctly without them, and they are how filenames and URLs are spoofed.
//   - Zero-width and invisible characters used for spoofing are removed: ZWSP
//     U+200B, word joiner and invisible operators U+2060-4, BOM U+FEFF,
//     soft hyphen U+00AD, Mongolian vowel separator U+180E, interlinear
//     annotation U+FFF9-B and tag characters U+E0000-E007F.
//   - ZWNJ U+200C and ZWJ U+200D are kept only between two non-Latin letters or
//     marks (Persian, Urdu, Pashto and Dari words need ZWNJ; Indic scripts use
//     both) or, for ZWJ, between two symbols (emoji sequences). Anywhere else
//     (inside a Latin word, at an edge) they only serve to spoof and go.
//
// Safe is idempotent: Safe(Safe(s)) == Safe(s).
func Safe(s string) string {
	if isPlainSafe(s) {
		return s
	}
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	var b strings.Builder
	b.Grow(len(s))
	pending := 0 // start of the run of kept bytes not yet written
	for i := 0; i < len(s); {
		c := s[i]
		if c >= 0x20 && c < 0x7f || c == '\n' || c == '\t' {
			i++ // printable ASCII: kept, written with its run
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if r >= 0xa0 && !dropRune(r) && r != 0x2028 && r != 0x2029 && r != 0x200c && r != 0x200d {
			i += n
			continue
		}
		b.WriteString(s[pending:i])
		switch {
		case r == 0x1b:
			i += skipEscape(s, i+n)
		case r == 0x9b: // C1 CSI
			i = skipCSI(s, i+n)
		case r == 0x9d || r == 0x90 || r == 0x98 || r == 0x9e || r == 0x9f: // OSC DCS SOS PM APC
			i = skipString(s, i+n, r == 0x9d)
		case r == '\r':
			if i+1 >= len(s) || s[i+1] != '\n' {
				b.WriteByte('\n')
			}
			i += n
		case r == 0x2028 || r == 0x2029:
			b.WriteByte('\n')
			i += n
		case r == 0x200c || r == 0x200d:
			if keepJoiner(s, i, n, r) {
				b.WriteRune(r)
			}
			i += n
		default: // dropped
			i += n
		}
		pending = i
	}
	b.WriteString(s[pending:])
	return b.String()
}

// isPlainSafe is the fast path: printable ASCII plus \n and \t.
func isPlainSafe(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x7f || (c < 0x20 && c != '\n' && c != '\t') {
			return false
		}
	}
	return true
}

// dropRune reports the single code points Safe removes.
func dropRune(r rune) bool {
	switch {
	case r < 0x20 || r == 0x7f || (r >= 0x80 && r <= 0x9f):
		return true
	case r == 0xad || r == 0x61c || r == 0x180e || r == 0xfeff:
		return true
	case r >= 0x200b && r <= 0x200f: // ZWSP, (ZWNJ, ZWJ handled earlier), LRM, RLM
		return true
	case r >= 0x202a && r <= 0x202e:
		return true
	case r >= 0x2060 && r <= 0x2069: // word joiner, invisible operators, isolates
		return true
	case r >= 0xfff9 && r <= 0xfffb:
		return true
	case r >= 0xe0000 && r <= 0xe007f:
		return true
	}
	return false
}

// IsBidiControl reports whether r is a bidirectional formatting character.
func IsBidiControl(r rune) bool {
	return r == 0x61c || r == 0x200e || r == 0x200f ||
		(r >= 0x202a && r <= 0x202e) || (r >= 0x2066 && r <= 0x2069)
}

// keepJoiner decides whether the ZWNJ/ZWJ at s[i:i+n] sits inside a word of a
// script that uses it.
func keepJoiner(s string, i, n int, r rune) bool {
	prev, _ := utf8.DecodeLastRuneInString(s[:i])
	next, _ := utf8.DecodeRuneInString(s[i+n:])
	if prev == utf8.RuneError || next == utf8.RuneError {
		return false
	}
	if r == 0x200d && isSymbolish(prev) && isSymbolish(next) {
		return true
	}
	return nonLatinLetter(prev) && nonLatinLetter(next)
}

func nonLatinLetter(r rune) bool {
	if !(unicode.IsLetter(r) || unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Mc, r)) {
		return false
	}
	return !unicode.Is(unicode.Latin, r) && !unicode.Is(unicode.Cyrillic, r) &&
		!unicode.Is(unicode.Greek, r) && !unicode.Is(unicode.Common, r)
}

func isSymbolish(r rune) bool {
	return unicode.Is(unicode.So, r) || (r >= 0x1f3fb && r <= 0x1f3ff) || r == 0xfe0f || r == 0x2640 || r == 0x2642
}

// EscapeTail returns how many bytes of s complete an escape sequence whose
// ESC came just before s (0 after a lone ESC), by Safe's rules. A stage that
// must drop a raw ESC earlier than Safe (the feed pre-pass: XML forbids the
// byte) uses it so the rest of the sequence ("[2J") does not stay behind as
// visible text.
func EscapeTail(s string) int { return skipEscape("\x1b"+s, 1) - 1 }

// skipEscape returns how many bytes the escape sequence whose ESC ends at
// s[j] occupies, counting the ESC itself (1 byte).
func skipEscape(s string, j int) int {
	start := j - 1
	if j >= len(s) {
		return 1
	}
	switch s[j] {
	case '[':
		return skipCSI(s, j+1) - start
	case ']':
		return skipString(s, j+1, true) - start
	case 'P', 'X', '^', '_':
		return skipString(s, j+1, false) - start
	}
	// nF escape: intermediates 0x20-0x2F then one final 0x30-0x7E; Fp/Fe/Fs:
	// a single final byte.
	k := j
	for k < len(s) && s[k] >= 0x20 && s[k] <= 0x2f {
		k++
	}
	if k < len(s) && s[k] >= 0x30 && s[k] <= 0x7e {
		return k + 1 - start
	}
	return 1 // lone ESC: drop it, keep what follows
}

// skipCSI skips parameter and intermediate bytes and the final byte of a
// control sequence starting at s[j]; it returns the index after it. A byte
// that cannot occur in a CSI ends it there (that byte is kept).
func skipCSI(s string, j int) int {
	for j < len(s) && s[j] >= 0x30 && s[j] <= 0x3f {
		j++
	}
	for j < len(s) && s[j] >= 0x20 && s[j] <= 0x2f {
		j++
	}
	if j < len(s) && s[j] >= 0x40 && s[j] <= 0x7e {
		j++
	}
	return j
}

// skipString skips a control string (OSC, DCS, SOS, PM, APC) starting at s[j]
// up to and including its terminator: ESC \, U+009C, or BEL for OSC. When no
// terminator follows, only the introducer is dropped (returns j).
func skipString(s string, j int, bel bool) int {
	for k := j; k < len(s); k++ {
		switch {
		case s[k] == 0x1b && k+1 < len(s) && s[k+1] == '\\':
			return k + 2
		case s[k] == 0x07 && bel:
			return k + 1
		case s[k] == 0xc2 && k+1 < len(s) && s[k+1] == 0x9c:
			return k + 2
		case s[k] == 0x1b:
			// A new escape starts: the string ended unterminated here.
			return k
		}
	}
	return j
}

// KeepSGR filters rendered output (glamour's) so that only printable text,
// newlines and SGR styling sequences ESC[...m remain: no OSC 8 links, no
// cursor movement, no title or clipboard writes, no C0/C1 controls.
func KeepSGR(s string) string {
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == 0x1b && i+1 < len(s) && s[i+1] == '[' {
			end := skipCSI(s, i+2)
			seq := s[i:end]
			if isSGR(seq) {
				b.WriteString(seq)
			}
			i = end
			continue
		}
		if r == 0x1b || r == 0x9b || r == 0x9d || r == 0x90 || r == 0x98 || r == 0x9e || r == 0x9f {
			// Any other sequence goes through Safe's parser and is dropped whole.
			if r == 0x1b {
				i += skipEscape(s, i+n)
			} else if r == 0x9b {
				i = skipCSI(s, i+n)
			} else {
				i = skipString(s, i+n, r == 0x9d)
			}
			continue
		}
		switch {
		case r == '\n' || r == '\t':
			b.WriteRune(r)
		case r == 0x200c || r == 0x200d:
			if keepJoiner(s, i, n, r) {
				b.WriteRune(r)
			}
		case r == '\r' || dropRune(r):
		default:
			b.WriteString(s[i : i+n])
		}
		i += n
	}
	return b.String()
}

// isSGR reports whether seq is exactly ESC [ params m with numeric params.
func isSGR(seq string) bool {
	if len(seq) < 3 || seq[len(seq)-1] != 'm' {
		return false
	}
	for i := 2; i < len(seq)-1; i++ {
		c := seq[i]
		if !(c >= '0' && c <= '9') && c != ';' && c != ':' {
			return false
		}
	}
	return true
}

// markdownTextReplacer escapes the two characters through which glamour (via
// goldmark) would decode entities or pass raw HTML.
var markdownTextReplacer = strings.NewReplacer("&", "&amp;", "<", "&lt;")

// MarkdownText escapes & and < in a text run handed to glamour as Markdown,
// so entities like &#27; and raw HTML are shown literally instead of being
// decoded into live control characters.
func MarkdownText(s string) string { return markdownTextReplacer.Replace(s) }

// IsSafeURL reports whether u is an absolute http or https URL with a host:
// the only links sitrep renders or opens.
func IsSafeURL(u string) bool {
	if u == "" || Safe(u) != u || strings.ContainsAny(u, " \n\t") {
		return false
	}
	lu := strings.ToLower(u)
	if !strings.HasPrefix(lu, "http://") && !strings.HasPrefix(lu, "https://") {
		return false
	}
	rest := u[strings.Index(u, "//")+2:]
	return rest != "" && rest[0] != '/'
}
