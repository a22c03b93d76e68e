package feed

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"html"
	"regexp"
	"strconv"
	"unicode/utf8"

	"github.com/sitrep-news/sitrep/feed/clean"

	"golang.org/x/text/encoding/charmap"
)

// MaxDepth bounds element nesting. Real feeds nest a handful of levels;
// a deeper document is an attack on the parser's stack and memory.
const MaxDepth = 256

// repairNotes says what repairXML had to change.
type repairNotes struct {
	truncated  bool // the document ended inside an element: cut at the last complete item
	controls   int  // forbidden control characters dropped
	entities   int  // HTML entities rewritten as character references
	strays     int  // stray '<' or '&' escaped, mismatched or stray end tags fixed
	itemsAtCut int  // complete items kept before a truncation
}

type span struct{ start, end int } // a tag name in the input

type checkpoint struct {
	off   int
	stack []span
	items int
}

// repairXML rewrites a UTF-8 XML document into one encoding/xml (and so
// gofeed) accepts, changing only what is broken:
//   - control characters XML forbids are dropped; numeric references to them too;
//   - HTML named entities (&hellip;) become numeric references; unknown ones and
//     bare ampersands are escaped so they read as text;
//   - the DOCTYPE (with any internal entity subset: billion laughs), comments
//     and processing instructions (the old declaration) are dropped;
//   - a stray '<' is escaped; end tags that close nothing are dropped and
//     elements left open inside a closing parent are closed;
//   - a document that ends early is cut after its last complete item or entry
//     and its open elements are closed, so the items before the cut survive.
//
// Nesting deeper than MaxDepth is an error. CDATA sections are kept verbatim
// (minus forbidden controls): their entities belong to the HTML inside.
func repairXML(in []byte) ([]byte, repairNotes, error) {
	var n repairNotes
	out := make([]byte, 0, len(in)+len(in)/64+64)
	var stack []span
	var cp *checkpoint
	items := 0
	rooted := false
	i := 0
	cut := false
	for i < len(in) && !cut {
		c := in[i]
		switch {
		case c == '<':
			rest := in[i:]
			switch {
			case bytes.HasPrefix(rest, []byte("<!--")):
				end := bytes.Index(rest[4:], []byte("-->"))
				if end < 0 {
					cut = true
					break
				}
				i += 4 + end + 3
			case bytes.HasPrefix(rest, []byte("<![CDATA[")):
				end := bytes.Index(rest[9:], []byte("]]>"))
				if end < 0 {
					cut = true
					break
				}
				if len(stack) > 0 {
					out = append(out, "<![CDATA["...)
					out = appendClean(out, rest[9:9+end], &n)
					out = append(out, "]]>"...)
				}
				i += 9 + end + 3
			case bytes.HasPrefix(rest, []byte("<!")):
				end := declEnd(rest)
				if end < 0 {
					cut = true
					break
				}
				i += end
			case bytes.HasPrefix(rest, []byte("<?")):
				end := bytes.Index(rest, []byte("?>"))
				if end < 0 {
					cut = true
					break
				}
				i += end + 2
			case len(rest) > 1 && rest[1] == '/':
				nameEnd := scanName(in, i+2)
				end := bytes.IndexByte(rest, '>')
				if end < 0 {
					cut = true
					break
				}
				name := span{i + 2, nameEnd}
				i += end + 1
				k := len(stack) - 1
				for ; k >= 0; k-- {
					if bytes.Equal(in[stack[k].start:stack[k].end], in[name.start:name.end]) {
						break
					}
				}
				if k < 0 || name.start == name.end {
					n.strays++ // closes nothing: drop it
					break
				}
				for len(stack)-1 > k { // close what was left open inside
					out = appendEnd(out, in, stack[len(stack)-1])
					stack = stack[:len(stack)-1]
					n.strays++
				}
				out = appendEnd(out, in, name)
				stack = stack[:k]
				if isItem(in[name.start:name.end]) {
					items++
					cp = &checkpoint{off: len(out), stack: append([]span(nil), stack...), items: items}
				}
			case len(rest) > 1 && isNameStart(rest[1]):
				nameStart := i + 1
				nameEnd := scanName(in, nameStart)
				end, self := tagEnd(in, nameEnd)
				if end < 0 {
					cut = true
					break
				}
				if len(stack) == 0 && rooted {
					// A second root: encoding/xml would read on; nothing of a
					// feed lives there.
					i = len(in)
					break
				}
				rooted = true
				out = append(out, in[i:nameEnd]...)
				out = appendAttrs(out, in[nameEnd:end], &n)
				i = end
				if !self {
					if len(stack) >= MaxDepth {
						return nil, n, fmt.Errorf("elements nested deeper than %d levels", MaxDepth)
					}
					stack = append(stack, span{nameStart, nameEnd})
					if base64ModeRe.Match(in[nameEnd:end]) {
						i = appendBase64(&out, in, i, in[nameStart:nameEnd])
					}
				}
			default:
				if len(stack) > 0 {
					out = append(out, "&lt;"...)
				}
				n.strays++
				i++
			}
		case len(stack) == 0:
			// Outside the root only whitespace may appear; drop the rest.
			if c == ' ' || c == '\t' || c == '\n' || c == '\r' {
				out = append(out, c)
			}
			i++
		case c == '&':
			i = appendEntity(&out, in, i, &n)
		default:
			// Copy a run of ordinary text in one go.
			j := i
			for j < len(in) && in[j] != '<' && in[j] != '&' && plainByte(in[j]) {
				j++
			}
			if j > i {
				out = append(out, in[i:j]...)
				i = j
				break
			}
			if c == 0x1b { // with its sequence (escapeTail)
				n.controls++
				i += 1 + escapeTail(in[i+1:])
				break
			}
			out = appendClean(out, in[i:i+1+utf8Tail(in, i)], &n)
			i += 1 + utf8Tail(in, i)
		}
	}
	if len(stack) > 0 || cut {
		n.truncated = true
		if cp != nil {
			out = out[:cp.off]
			stack = cp.stack
			n.itemsAtCut = cp.items
		}
		for k := len(stack) - 1; k >= 0; k-- {
			out = appendEnd(out, in, stack[k])
		}
	}
	return out, n, nil
}

// Atom 0.3 text constructs with mode="base64" carry their content encoded.
var base64ModeRe = regexp.MustCompile(`\bmode\s*=\s*["']base64["']`)

// appendBase64 decodes the base64 content starting at in[i] up to the
// element's end tag and writes it escaped; on any doubt it leaves the
// content for the main loop to copy as it is.
func appendBase64(out *[]byte, in []byte, i int, name []byte) int {
	end := bytes.Index(in[i:], append([]byte("</"), name...))
	if end < 0 {
		return i
	}
	raw := bytes.Map(func(r rune) rune {
		if r == ' ' || r == '\n' || r == '\r' || r == '\t' {
			return -1
		}
		return r
	}, in[i:i+end])
	dec, err := base64.StdEncoding.DecodeString(string(raw))
	if err != nil || !utf8.Valid(dec) {
		return i
	}
	var n repairNotes
	*out = append(*out, "<![CDATA["...)
	*out = appendClean(*out, bytes.ReplaceAll(dec, []byte("]]>"), []byte("]]]]><![CDATA[>")), &n)
	*out = append(*out, "]]>"...)
	return i + end
}

func utf8Tail(in []byte, i int) int {
	_, size := utf8.DecodeRune(in[i:])
	if size < 1 {
		return 0
	}
	return size - 1
}

func isItem(name []byte) bool {
	if k := bytes.LastIndexByte(name, ':'); k >= 0 {
		name = name[k+1:]
	}
	return bytes.EqualFold(name, []byte("item")) || bytes.EqualFold(name, []byte("entry"))
}

func appendEnd(out, in []byte, s span) []byte {
	out = append(out, "</"...)
	out = append(out, in[s.start:s.end]...)
	return append(out, '>')
}

func isNameStart(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c == ':' || c >= 0x80
}

func scanName(in []byte, i int) int {
	for i < len(in) {
		c := in[i]
		if c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '>' || c == '/' || c == '<' || c == '=' || c == '"' || c == '\'' {
			break
		}
		i++
	}
	return i
}

// tagEnd finds the '>' ending a start tag whose attributes begin at i,
// respecting quotes. It returns the index after '>' and whether the tag is
// self-closing, or -1 if the document ends first.
func tagEnd(in []byte, i int) (int, bool) {
	var q byte
	for ; i < len(in); i++ {
		c := in[i]
		switch {
		case q != 0:
			if c == q {
				q = 0
			}
		case c == '"' || c == '\'':
			q = c
		case c == '>':
			return i + 1, i > 0 && in[i-1] == '/'
		}
	}
	return -1, false
}

// declEnd finds the end of a <!...> declaration, skipping a bracketed
// internal subset and quoted strings.
func declEnd(in []byte) int {
	depth := 0
	var q byte
	for i := 2; i < len(in); i++ {
		c := in[i]
		switch {
		case q != 0:
			if c == q {
				q = 0
			}
		case c == '"' || c == '\'':
			q = c
		case c == '[':
			depth++
		case c == ']':
			depth--
		case c == '>' && depth <= 0:
			return i + 1
		}
	}
	return -1
}

// appendAttrs copies a start tag's attributes and closing '>' (or '/>'),
// fixing ampersands and '<' inside quoted values.
func appendAttrs(out, attrs []byte, n *repairNotes) []byte {
	var q byte
	for i := 0; i < len(attrs); {
		c := attrs[i]
		switch {
		case q != 0 && c == q:
			q = 0
		case q == 0 && (c == '"' || c == '\''):
			q = c
		case q != 0 && c == '&':
			i = appendEntity(&out, attrs, i, n)
			continue
		case q != 0 && c == '<':
			out = append(out, "&lt;"...)
			n.strays++
			i++
			continue
		case c < 0x20 && c != '\t' && c != '\n' && c != '\r':
			n.controls++
			i++
			continue
		}
		out = append(out, c)
		i++
	}
	return out
}

// appendClean copies text, dropping characters XML 1.0 forbids.
func appendClean(out, s []byte, n *repairNotes) []byte {
	for i := 0; i < len(s); {
		// Fast path: copy the run of bytes that cannot start a forbidden
		// character (C0 controls, C1 as C2 xx, U+FFFE/FFFF as EF BF xx).
		j := i
		for j < len(s) && plainByte(s[j]) {
			j++
		}
		out = append(out, s[i:j]...)
		if i = j; i >= len(s) {
			break
		}
		r, size := utf8.DecodeRune(s[i:])
		if !xmlChar(r) {
			n.controls++
			i += size
			if r == 0x1b {
				i += escapeTail(s[i:])
			}
			continue
		}
		if r >= 0x80 && r <= 0x9F {
			// C1 controls in text are windows-1252 punctuation that went
			// through a Latin-1 decoder ("don\u0092t").
			out = utf8.AppendRune(out, charmap.Windows1252.DecodeByte(byte(r)))
			i += size
			continue
		}
		out = append(out, s[i:i+size]...)
		i += size
	}
	return out
}

func plainByte(c byte) bool {
	return c >= 0x20 && c != 0xC2 && c != 0xEF || c == '\t' || c == '\n' || c == '\r'
}

func xmlChar(r rune) bool {
	return r == '\t' || r == '\n' || r == '\r' ||
		r >= 0x20 && r <= 0xD7FF && r != utf8.RuneError ||
		r >= 0xE000 && r <= 0xFFFD ||
		r >= 0x10000 && r <= 0x10FFFF ||
		r == utf8.RuneError // U+FFFD itself is fine; invalid bytes are gone by now
}

var xmlEntities = map[string]bool{"amp": true, "lt": true, "gt": true, "quot": true, "apos": true}

// appendEntity handles the '&' at in[i] and returns the index after what it consumed.
func appendEntity(out *[]byte, in []byte, i int, n *repairNotes) int {
	j := i + 1
	for j < len(in) && j-i <= 40 && in[j] != ';' && (isNameStart(in[j]) || in[j] == '#' || in[j] >= '0' && in[j] <= '9' || in[j] == '-' || in[j] == '.') {
		j++
	}
	if j >= len(in) || in[j] != ';' || j == i+1 {
		*out = append(*out, "&amp;"...)
		n.strays++
		return i + 1
	}
	name := string(in[i+1 : j])
	if name[0] == '#' {
		var v uint64
		var err error
		if len(name) > 1 && (name[1] == 'x' || name[1] == 'X') {
			v, err = strconv.ParseUint(name[2:], 16, 32)
		} else {
			v, err = strconv.ParseUint(name[1:], 10, 32)
		}
		r := rune(v)
		if err == nil && r >= 0x80 && r <= 0x9F {
			// &#150; means windows-1252's en dash on every real page.
			r = charmap.Windows1252.DecodeByte(byte(r))
			*out = append(*out, "&#"+strconv.Itoa(int(r))+";"...)
			return j + 1
		}
		if err != nil || !xmlChar(r) || r == utf8.RuneError && v != 0xFFFD {
			n.controls++
			if r == 0x1b && err == nil {
				return j + 1 + escapeTail(in[j+1:])
			}
			return j + 1
		}
		*out = append(*out, in[i:j+1]...)
		return j + 1
	}
	if xmlEntities[name] {
		*out = append(*out, in[i:j+1]...)
		return j + 1
	}
	if dec := html.UnescapeString("&" + name + ";"); dec != "&"+name+";" {
		for _, r := range dec {
			*out = append(*out, "&#"+strconv.Itoa(int(r))+";"...)
		}
		n.entities++
		return j + 1
	}
	*out = append(*out, "&amp;"...)
	n.strays++
	return i + 1
}

// escapeTail is the length of the rest of the terminal escape sequence
// after an ESC that was dropped: XML forbids the byte, and without its
// sequence the remainder ("[2J", "]0;title") would stay as visible text.
// The look-ahead stops at markup ('<') and is bounded, so a sequence never
// swallows a tag and a feed of many ESCs stays linear.
func escapeTail(s []byte) int {
	s = s[:min(len(s), 4096)]
	if k := bytes.IndexByte(s, '<'); k >= 0 {
		s = s[:k]
	}
	return clean.EscapeTail(string(s))
}
