package feed

import (
	"bytes"
	"mime"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/gogs/chardet"
	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/encoding/unicode/utf32"
)

// Where the encoding decision came from, in order of precedence.
const (
	fromBOM   = "bom"
	fromSniff = "sniff" // UTF-16/32 byte pattern of "<?" without a BOM
	fromHTTP  = "http"
	fromXML   = "xml declaration"
	fromGuess = "guess"
)

var xmlDeclRe = regexp.MustCompile(`^\s*<\?xml[^>]*?\bencoding\s*=\s*["']\s*([A-Za-z0-9._:\-]+)\s*["']`)

// httpCharset extracts the charset parameter from a Content-Type, tolerating
// the malformed spellings servers send (charset:x, charset= "x").
func httpCharset(ct string) string {
	if ct == "" {
		return ""
	}
	if _, params, err := mime.ParseMediaType(ct); err == nil {
		return strings.ToLower(strings.TrimSpace(params["charset"]))
	}
	i := strings.Index(strings.ToLower(ct), "charset")
	if i < 0 {
		return ""
	}
	v := strings.TrimLeft(ct[i+len("charset"):], " \t=:\"'")
	if j := strings.IndexAny(v, " \t;\"'"); j >= 0 {
		v = v[:j]
	}
	return strings.ToLower(v)
}

// decoded is the pre-pass's verdict on a document's bytes.
type decoded struct {
	text     []byte // UTF-8
	encoding string // the encoding used, lower case ("utf-8", "utf-16le", "windows-1252"...)
	source   string // from*
	repaired bool   // invalid bytes were replaced
}

// toUTF8 decides the encoding of body and returns it as UTF-8. It never
// fails: undecodable bytes become U+FFFD (or, in a document that claims
// UTF-8, their windows-1252 reading, the usual mislabelling).
func toUTF8(body []byte, contentType string) decoded {
	// 1. A byte order mark is the strongest signal.
	switch {
	case bytes.HasPrefix(body, []byte{0xEF, 0xBB, 0xBF}):
		return fromUTF8(body[3:], "utf-8", fromBOM)
	case bytes.HasPrefix(body, []byte{0xFF, 0xFE, 0, 0}):
		return decodeWith(body[4:], utf32.UTF32(utf32.LittleEndian, utf32.IgnoreBOM), "utf-32le", fromBOM)
	case bytes.HasPrefix(body, []byte{0, 0, 0xFE, 0xFF}):
		return decodeWith(body[4:], utf32.UTF32(utf32.BigEndian, utf32.IgnoreBOM), "utf-32be", fromBOM)
	case bytes.HasPrefix(body, []byte{0xFF, 0xFE}):
		return decodeWith(body[2:], unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM), "utf-16le", fromBOM)
	case bytes.HasPrefix(body, []byte{0xFE, 0xFF}):
		return decodeWith(body[2:], unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM), "utf-16be", fromBOM)
	}
	// 2. Wide encodings without a BOM show their shape in the first bytes.
	switch {
	case bytes.HasPrefix(body, []byte{0, 0, 0, '<'}):
		return decodeWith(body, utf32.UTF32(utf32.BigEndian, utf32.IgnoreBOM), "utf-32be", fromSniff)
	case bytes.HasPrefix(body, []byte{'<', 0, 0, 0}):
		return decodeWith(body, utf32.UTF32(utf32.LittleEndian, utf32.IgnoreBOM), "utf-32le", fromSniff)
	case bytes.HasPrefix(body, []byte{0, '<', 0}) || bytes.HasPrefix(body, []byte{0, ' ', 0}) || bytes.HasPrefix(body, []byte{0, '\n', 0}):
		return decodeWith(body, unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM), "utf-16be", fromSniff)
	case bytes.HasPrefix(body, []byte{'<', 0, '?', 0}) || bytes.HasPrefix(body, []byte{'<', 0, 'r', 0}) || bytes.HasPrefix(body, []byte{'<', 0, 'f', 0}):
		return decodeWith(body, unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM), "utf-16le", fromSniff)
	}
	// 3. The HTTP charset, then 4. the XML declaration.
	label, source := httpCharset(contentType), fromHTTP
	if label == "" || !known(label) {
		label, source = "", fromXML
		head := body
		if len(head) > 1024 {
			head = head[:1024]
		}
		if m := xmlDeclRe.FindSubmatch(head); m != nil {
			label = strings.ToLower(string(m[1]))
		}
	}
	if label != "" && known(label) {
		return decodeLabel(body, label, source)
	}
	// 5. Sniffing: valid UTF-8 is UTF-8; otherwise a statistical guess
	// (Big5, Shift_JIS, KOI8-R... undeclared), else windows-1252.
	if !utf8.Valid(body) {
		if name := guessCharset(body); name != "" {
			if e, _ := charset.Lookup(name); e != nil {
				return decodeWith(body, e, name, fromGuess)
			}
		}
	}
	return fromUTF8(body, "utf-8", fromGuess)
}

// guessCharset asks chardet for a confident non-Latin guess. Latin guesses
// are left to the windows-1252 fallback, which reads mixed UTF-8 better.
func guessCharset(body []byte) string {
	sample := body
	if len(sample) > 64<<10 {
		sample = sample[:64<<10]
	}
	r, err := chardet.NewTextDetector().DetectBest(sample)
	if err != nil || r.Confidence < 30 {
		return ""
	}
	switch strings.ToLower(r.Charset) {
	case "big5", "euc-jp", "euc-kr", "gb-18030", "shift_jis", "koi8-r", "iso-2022-jp", "iso-2022-kr", "iso-2022-cn",
		"windows-1251", "windows-1255", "windows-1256", "iso-8859-5", "iso-8859-6", "iso-8859-7", "iso-8859-8", "iso-8859-8-i", "iso-8859-9", "windows-874", "tis-620":
		if strings.EqualFold(r.Charset, "gb-18030") {
			return "gb18030"
		}
		return r.Charset
	}
	return ""
}

func known(label string) bool {
	if isUTF16or32(label) {
		return true
	}
	e, _ := charset.Lookup(label)
	return e != nil
}

func isUTF16or32(label string) bool {
	switch label {
	case "utf-16", "utf-16le", "utf-16be", "utf16", "utf-32", "utf-32le", "utf-32be", "utf32", "ucs-2", "ucs-4", "iso-10646-ucs-2", "iso-10646-ucs-4", "csunicode":
		return true
	}
	return false
}

func decodeLabel(body []byte, label, source string) decoded {
	switch label {
	case "utf-8", "utf8", "unicode-1-1-utf-8", "us-ascii", "ascii", "ansi_x3.4-1968", "iso-646-us":
		// US-ASCII feeds are, in practice, UTF-8 or windows-1252.
		return fromUTF8(body, label, source)
	case "utf-16", "utf16", "utf-16be", "ucs-2", "iso-10646-ucs-2", "csunicode":
		if label == "utf-16" && len(body) > 1 && body[0] != 0 && body[1] == 0 {
			return decodeWith(body, unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM), "utf-16le", source)
		}
		return decodeWith(body, unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM), label, source)
	case "utf-16le":
		return decodeWith(body, unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM), label, source)
	case "utf-32", "utf32", "utf-32be", "ucs-4", "iso-10646-ucs-4":
		return decodeWith(body, utf32.UTF32(utf32.BigEndian, utf32.IgnoreBOM), label, source)
	case "utf-32le":
		return decodeWith(body, utf32.UTF32(utf32.LittleEndian, utf32.IgnoreBOM), label, source)
	}
	if bytes.Count(body, []byte{0}) > len(body)/4 {
		// An ASCII-compatible label on a wide document: trust the bytes.
		if body[0] == 0 {
			return decodeWith(body, unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM), "utf-16be", fromSniff)
		}
		return decodeWith(body, unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM), "utf-16le", fromSniff)
	}
	e, name := charset.Lookup(label)
	if name == "windows-1252" && utf8.Valid(body) && hasMultiByte(body) {
		// Declared Latin-1 but the bytes are valid UTF-8 with non-ASCII
		// characters: the declaration is stale (a CMS switched to UTF-8).
		return decoded{text: body, encoding: "utf-8", source: fromGuess}
	}
	return decodeWith(body, e, label, source)
}

func hasMultiByte(b []byte) bool {
	for _, c := range b {
		if c >= 0x80 {
			return true
		}
	}
	return false
}

func decodeWith(body []byte, e encoding.Encoding, name, source string) decoded {
	out, err := e.NewDecoder().Bytes(body)
	if err != nil {
		// Decoders replace bad input with U+FFFD; an error here is unexpected,
		// so fall back to the lenient UTF-8/windows-1252 reading.
		return fromUTF8(body, name, source)
	}
	d := decoded{text: out, encoding: name, source: source}
	d.repaired = bytes.Contains(out, []byte("\uFFFD")) && !bytes.Contains(body, []byte("\uFFFD"))
	return d
}

// fromUTF8 keeps valid UTF-8 and reads each invalid byte as windows-1252,
// which repairs the commonest mislabelling without touching good text.
func fromUTF8(body []byte, name, source string) decoded {
	if utf8.Valid(body) {
		return decoded{text: body, encoding: name, source: source}
	}
	out := make([]byte, 0, len(body)+len(body)/8)
	dec := charmap.Windows1252
	for i := 0; i < len(body); {
		r, size := utf8.DecodeRune(body[i:])
		if r == utf8.RuneError && size <= 1 {
			rr := dec.DecodeByte(body[i])
			out = utf8.AppendRune(out, rr)
			i++
			continue
		}
		out = append(out, body[i:i+size]...)
		i += size
	}
	if source == fromGuess {
		name = "windows-1252"
	}
	return decoded{text: out, encoding: name, source: source, repaired: true}
}
