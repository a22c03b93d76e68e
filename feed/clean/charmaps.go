package clean

import (
	"golang.org/x/text/encoding/charmap"
)

// singleByte is one single-byte encoding that UTF-8 text is commonly
// mis-decoded as. "Sloppy" variants (ftfy's term) decode the bytes a codec
// leaves undefined as the Latin-1 code point of the same value, and use byte
// 0x1A for U+FFFD, so that lossy mojibake can be encoded back to bytes.
type singleByte struct {
	name   string
	sloppy bool
	dec    [256]rune
	enc    map[rune]byte
}

// encodeText returns the bytes that text was decoded from, or ok=false when
// a character has no byte in this encoding.
func (e *singleByte) encodeText(text string) ([]byte, bool) {
	out := make([]byte, 0, len(text))
	for _, r := range text {
		if r < 0x80 && r != 0x1a {
			out = append(out, byte(r))
			continue
		}
		b, ok := e.enc[r]
		if !ok {
			return nil, false
		}
		out = append(out, b)
	}
	return out, true
}

// possible reports whether every character of text has a byte in e.
func (e *singleByte) possible(text string) bool {
	for _, r := range text {
		if r < 0x80 && r != 0x1a {
			continue
		}
		if _, ok := e.enc[r]; !ok {
			return false
		}
	}
	return true
}

func (e *singleByte) decodeBytes(b []byte) string {
	rs := make([]rune, len(b))
	for i, c := range b {
		rs[i] = e.dec[c]
	}
	return string(rs)
}

func newSingleByte(name string, cm *charmap.Charmap, sloppy bool, fix map[byte]rune) *singleByte {
	e := &singleByte{name: name, sloppy: sloppy, enc: map[rune]byte{}}
	for i := 0; i < 256; i++ {
		var r rune
		if cm == nil {
			r = rune(i) // Latin-1
		} else {
			r = cm.DecodeByte(byte(i))
		}
		if r == '\uFFFD' {
			r = rune(i) // undefined: the sloppy rule (and Python's for C1 in ISO-8859)
		}
		if f, ok := fix[byte(i)]; ok {
			r = f
		}
		e.dec[i] = r
	}
	if sloppy {
		e.dec[0x1a] = '\uFFFD'
	}
	for i := 0x80; i < 256; i++ {
		e.enc[e.dec[i]] = byte(i)
	}
	e.enc[e.dec[0x1a]] = 0x1a
	return e
}

// encodings are tried in this order, as in ftfy's CHARMAP_ENCODINGS.
var encodings = []*singleByte{
	newSingleByte("latin-1", nil, false, nil),
	newSingleByte("sloppy-windows-1252", charmap.Windows1252, true, nil),
	newSingleByte("sloppy-windows-1251", charmap.Windows1251, true, nil),
	newSingleByte("sloppy-windows-1250", charmap.Windows1250, true, nil),
	newSingleByte("sloppy-windows-1253", charmap.Windows1253, true, nil),
	newSingleByte("sloppy-windows-1254", charmap.Windows1254, true, nil),
	newSingleByte("sloppy-windows-1257", charmap.Windows1257, true, nil),
	newSingleByte("iso-8859-2", charmap.ISO8859_2, false, nil),
	// Python's mac_roman (which ftfy's cases were made with) keeps the
	// pre-1998 currency sign at 0xDB where x/text has the euro.
	newSingleByte("macroman", charmap.Macintosh, false, map[byte]rune{0xdb: '\u00a4'}),
	newSingleByte("cp437", charmap.CodePage437, false, nil),
}

var latin1, windows1252 = encodings[0], encodings[1]

// utf8Clues are the characters that UTF-8 lead and continuation bytes turn
// into when read as Latin-1 or one of the sloppy windows encodings.
var utf8Clues = func() (c struct{ first2, first3, first4, cont, contStrict string }) {
	add := func(set map[rune]bool, lo, hi int) {
		for _, e := range encodings[:7] {
			for i := lo; i <= hi; i++ {
				set[e.dec[i]] = true
			}
		}
	}
	class := func(set map[rune]bool) string {
		rs := make([]rune, 0, len(set))
		for r := range set {
			rs = append(rs, r)
		}
		return regexpClass(rs)
	}
	f2, f3, f4, cont, strict := map[rune]bool{}, map[rune]bool{}, map[rune]bool{}, map[rune]bool{}, map[rune]bool{}
	add(f2, 0xc2, 0xdf)
	add(f3, 0xe0, 0xef)
	add(f4, 0xf0, 0xf4)
	add(cont, 0x80, 0xbf)
	for r := range cont {
		strict[r] = true
	}
	cont[' '] = true // a space may stand for a lost 0xA0
	// Strict continuations exclude what often stands for itself next to
	// mojibake: spaces, dashes, quotation marks and ellipses.
	for _, r := range "\u00a0\u2013\u2014\u2018\u2019\u201a\u201c\u201d\u201e\u2026\u00ab\u00bb\u2039\u203a" {
		delete(strict, r)
	}
	c.first2, c.first3, c.first4, c.cont, c.contStrict = class(f2), class(f3), class(f4), class(cont), class(strict)
	return c
}()

// regexpClass writes rs as a regexp character class body.
func regexpClass(rs []rune) string {
	b := make([]byte, 0, len(rs)*8)
	for _, r := range rs {
		b = append(b, []byte(`\x{`)...)
		b = append(b, []byte(hex(r))...)
		b = append(b, '}')
	}
	return string(b)
}

func hex(r rune) string {
	const digits = "0123456789abcdef"
	if r == 0 {
		return "0"
	}
	var buf [8]byte
	i := len(buf)
	for r > 0 {
		i--
		buf[i] = digits[r&0xf]
		r >>= 4
	}
	return string(buf[i:])
}
