package config

import (
	"bufio"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/sitrep-news/sitrep/feed/clean"
	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// Bounds on OPML input, so a hostile or broken file cannot exhaust memory.
const (
	MaxOPMLSize     = 16 << 20 // bytes
	MaxOPMLDepth    = 64       // nested outlines
	MaxOPMLOutlines = 50000
	maxTitleRunes   = 300
	maxTitleInput   = 16 << 10 // bytes of a raw title cleaned
)

// OPMLNamespace holds sitrep's own outline attributes (fullText, interval),
// so an export re-imports without loss; other readers ignore them.
const OPMLNamespace = "https://github.com/sitrep-news/sitrep/opml"

// ErrNotOPML is returned when the input is not an OPML document.
var ErrNotOPML = errors.New("not an OPML document")

// ErrOPMLLimit is returned when the input exceeds MaxOPMLSize, MaxOPMLDepth
// or MaxOPMLOutlines.
var ErrOPMLLimit = errors.New("OPML exceeds sitrep's limits")

// ImportOPML reads an OPML 1.x/2.0 subscription list. Nested outlines become
// folders ("News/Africa"); titles, folders and tags pass through clean.Title.
// Outlines that are not plain http(s) feeds (exec:, filter:, query:, file:,
// javascript:, data: URLs, shell metacharacters), repeated feeds and outlines
// without a feed URL are returned in skipped with the reason. The input is
// bounded (MaxOPMLSize, MaxOPMLDepth, MaxOPMLOutlines); DTD entities are never
// expanded and external entities never fetched.
func ImportOPML(r io.Reader) (feeds []Feed, skipped []Skipped, err error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxOPMLSize+1))
	if err != nil {
		return nil, nil, fmt.Errorf("read OPML: %w", err)
	}
	if len(data) > MaxOPMLSize {
		return nil, nil, fmt.Errorf("read OPML: larger than %d MiB: %w", MaxOPMLSize>>20, ErrOPMLLimit)
	}
	data, utf16 := toUTF8(data)
	if data, err = shieldControls(data); err != nil {
		return nil, nil, err
	}

	dec := xml.NewDecoder(bytes.NewReader(data))
	dec.Strict = true
	dec.CharsetReader = func(label string, in io.Reader) (io.Reader, error) {
		l := strings.ToLower(label)
		if utf16 && (strings.HasPrefix(l, "utf-16") || strings.HasPrefix(l, "utf16")) {
			return in, nil // already converted from the BOM
		}
		return charset.NewReaderLabel(label, in)
	}

	var (
		stack     []opmlLevel
		inOPML    bool
		inBody    bool
		sawBody   bool
		outlines  int
		firstLine = map[string]int{}
	)
	folderPath := func() string {
		var parts []string
		for _, l := range stack {
			if l.folder != "" {
				parts = append(parts, l.folder)
			}
		}
		return strings.Join(parts, "/")
	}
	depth := 0
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, nil, fmt.Errorf("malformed OPML: %w", err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			depth++
			if depth > MaxOPMLDepth+3 { // opml > body > outlines
				return nil, nil, fmt.Errorf("outlines nested deeper than %d levels: %w", MaxOPMLDepth, ErrOPMLLimit)
			}
			switch {
			case depth == 1:
				if t.Name.Local != "opml" {
					return nil, nil, fmt.Errorf("%w: root element is <%s>, not <opml>", ErrNotOPML, t.Name.Local)
				}
				inOPML = true
			case depth == 2 && t.Name.Local == "body":
				inBody, sawBody = true, true
			case inBody && t.Name.Local == "outline":
				outlines++
				if outlines > MaxOPMLOutlines {
					return nil, nil, fmt.Errorf("more than %d outlines: %w", MaxOPMLOutlines, ErrOPMLLimit)
				}
				line, _ := dec.InputPos()
				if len(stack) > 0 {
					stack[len(stack)-1].children++
				}
				lv := outline(t, line, folderPath, firstLine, &feeds, &skipped)
				stack = append(stack, lv)
			}
		case xml.EndElement:
			depth--
			switch {
			case inBody && t.Name.Local == "outline" && len(stack) > 0:
				top := stack[len(stack)-1]
				stack = stack[:len(stack)-1]
				if !top.isFeed && top.children == 0 && top.item != nil {
					skipped = append(skipped, *top.item)
				}
			case depth == 1 && t.Name.Local == "body":
				inBody = false
			}
		}
	}
	if !inOPML {
		return nil, nil, fmt.Errorf("%w: no <opml> element", ErrNotOPML)
	}
	if !sawBody {
		return nil, nil, fmt.Errorf("%w: no <body> element", ErrNotOPML)
	}
	return feeds, skipped, nil
}

// opmlLevel is one open <outline> while reading.
type opmlLevel struct {
	folder   string // folder this outline opens ("" if it is a feed or unnamed)
	isFeed   bool
	children int
	item     *Skipped // the outline itself, reported if it turns out to be nothing
}

// outline handles one <outline> start tag: a feed is appended to feeds (or
// to skipped with the reason); anything else opens a folder level.
func outline(t xml.StartElement, line int, folderPath func() string, firstLine map[string]int, feeds *[]Feed, skipped *[]Skipped) (lv opmlLevel) {
	attr := map[string]string{}
	var fullText, interval string
	for _, a := range t.Attr {
		v := unshield(a.Value)
		switch {
		case a.Name.Space == OPMLNamespace && a.Name.Local == "fullText":
			fullText = v
		case a.Name.Space == OPMLNamespace && a.Name.Local == "interval":
			interval = v
		case a.Name.Space == "" || a.Name.Space == "http://opml.org/spec2":
			attr[strings.ToLower(a.Name.Local)] = v
		}
	}
	title := cleanTitle(attr["title"])
	if title == "" {
		title = cleanTitle(attr["text"])
	}
	typ := strings.ToLower(strings.TrimSpace(attr["type"]))
	raw, hasURL := attr["xmlurl"]
	if !hasURL && (typ == "rss" || typ == "atom") {
		raw, hasURL = attr["url"]
	}
	folder := folderPath()
	if !hasURL || strings.TrimSpace(raw) == "" {
		lv.folder = strings.ReplaceAll(title, "/", "∕") // one level; "/" separates levels
		reason := "not a feed: no xmlUrl"
		if typ != "" && typ != "rss" && typ != "atom" {
			reason = fmt.Sprintf("not a feed: outline type %q", short(typ))
		}
		lv.item = &Skipped{Title: title, URL: safeURLText(attr["url"]), Folder: folder, Line: line, Reason: reason}
		return lv
	}
	lv.isFeed = true
	u := strings.TrimSpace(raw)
	if problem := urlProblem(u); problem != "" {
		*skipped = append(*skipped, Skipped{Title: title, URL: safeURLText(raw), Folder: folder, Line: line, Reason: problem})
		return lv
	}
	if first, dup := firstLine[urlKey(u)]; dup {
		*skipped = append(*skipped, Skipped{Title: title, URL: u, Folder: folder, Line: line, Reason: fmt.Sprintf("duplicate of the feed on line %d", first)})
		return lv
	}
	firstLine[urlKey(u)] = line
	if title == u {
		title = "" // exported without a title: text carries the URL
	}
	f := Feed{URL: u, Title: title, Folder: folder}
	if h := strings.TrimSpace(attr["htmlurl"]); h != "" {
		if hu, err := ValidateFeedURL(h); err == nil {
			f.HTMLURL = hu
		}
	}
	for _, c := range strings.Split(attr["category"], ",") {
		if tag := cleanTitle(strings.Trim(strings.TrimSpace(c), "/")); tag != "" && !containsStr(f.Tags, tag) {
			f.Tags = append(f.Tags, tag)
		}
	}
	switch fullText {
	case "auto", "always", "never":
		f.FullText = fullText
	}
	if d, err := time.ParseDuration(interval); err == nil && d >= time.Minute {
		f.Interval = d
	}
	*feeds = append(*feeds, f)
	return lv
}

func containsStr(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// cleanTitle makes an OPML title safe and one line, and bounds its length.
func cleanTitle(s string) string {
	// Bound the cleaning work on a giant attribute: no title needs 16 KiB.
	if len(s) > maxTitleInput {
		cut := maxTitleInput
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		s = s[:cut]
	}
	s = clean.Title(s)
	if utf8.RuneCountInString(s) > maxTitleRunes {
		r := []rune(s)
		s = strings.TrimSpace(string(r[:maxTitleRunes])) + "…"
	}
	return s
}

// safeURLText is a skipped URL made printable for the report.
func safeURLText(s string) string { return short(clean.Safe(strings.TrimSpace(s))) }

// toUTF8 converts UTF-16 input with a byte-order mark to UTF-8 (encoding/xml
// reads only ASCII-compatible encodings).
func toUTF8(data []byte) ([]byte, bool) {
	if len(data) < 2 || !(data[0] == 0xFE && data[1] == 0xFF || data[0] == 0xFF && data[1] == 0xFE) {
		return data, false
	}
	dec := unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM).NewDecoder()
	out, _, err := transform.Bytes(dec, data)
	if err != nil {
		return data, false
	}
	return out, true
}

// Control characters are illegal in XML 1.0 even as character references,
// so one ESC in one title would make encoding/xml reject the whole file.
// shieldControls maps them, raw or as &#27;/&#x1b;, to private-use code
// points (shieldBase+c) that XML accepts; unshield maps them back so that
// clean.Title sees, and strips, the whole escape sequence.
const shieldBase = 0xF0000

// maxOPMLControls bounds the control characters shielded (a real OPML file
// has none; a hostile one gets a clear error instead of a memory spike).
const maxOPMLControls = 64 << 10

// shieldControls rewrites control characters, raw or as character
// references, to references to shieldBase+c, in one pass. References to
// code points XML forbids otherwise (surrogates, U+FFFE, beyond U+10FFFF)
// become U+FFFD. Raw bytes become references too: a reference means the
// same code point whatever charset the file declares.
func shieldControls(data []byte) ([]byte, error) {
	isCtl := func(v uint64) bool { return v < 0x20 && v != '\t' && v != '\n' && v != '\r' }
	out := make([]byte, 0, len(data)+len(data)/16)
	n := 0
	for i := 0; i < len(data); i++ {
		b := data[i]
		if isCtl(uint64(b)) {
			if n++; n > maxOPMLControls {
				return nil, fmt.Errorf("more than %d control characters: %w", maxOPMLControls, ErrOPMLLimit)
			}
			out = fmt.Appendf(out, "&#x%X;", shieldBase+int(b))
			continue
		}
		if b == '&' && i+2 < len(data) && data[i+1] == '#' {
			if v, end, ok := parseCharRef(data, i); ok {
				switch {
				case isCtl(v):
					if n++; n > maxOPMLControls {
						return nil, fmt.Errorf("more than %d control characters: %w", maxOPMLControls, ErrOPMLLimit)
					}
					out = fmt.Appendf(out, "&#x%X;", shieldBase+v)
				case v == 0xFFFE || v == 0xFFFF || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF):
					out = append(out, "&#xFFFD;"...)
				default:
					out = append(out, data[i:end]...)
				}
				i = end - 1
				continue
			}
		}
		out = append(out, b)
	}
	return out, nil
}

// parseCharRef reads "&#123;" or "&#x7B;" at data[i:]; end is the index
// after ";". ok is false when it is not a well-formed reference.
func parseCharRef(data []byte, i int) (v uint64, end int, ok bool) {
	j := i + 2
	base := uint64(10)
	if j < len(data) && (data[j] == 'x' || data[j] == 'X') {
		base, j = 16, j+1
	}
	start := j
	for ; j < len(data) && j-start <= 10; j++ {
		c := data[j]
		var d uint64
		switch {
		case c >= '0' && c <= '9':
			d = uint64(c - '0')
		case base == 16 && c >= 'a' && c <= 'f':
			d = uint64(c-'a') + 10
		case base == 16 && c >= 'A' && c <= 'F':
			d = uint64(c-'A') + 10
		case c == ';' && j > start:
			return v, j + 1, true
		default:
			return 0, 0, false
		}
		v = v*base + d
	}
	return 0, 0, false
}

func unshield(s string) string {
	if !strings.ContainsFunc(s, isShielded) {
		return s
	}
	return strings.Map(func(r rune) rune {
		if isShielded(r) {
			return r - shieldBase
		}
		return r
	}, s)
}

func isShielded(r rune) bool { return r >= shieldBase && r < shieldBase+0x20 }

// ExportOPML writes feeds as an OPML 2.0 document: folders become nested
// outlines in first-appearance order, tags go to category, and sitrep's own
// full_text and interval to attributes in OPMLNamespace.
func ExportOPML(w io.Writer, feeds []Feed) error {
	type node struct {
		name     string
		feed     *Feed
		children []*node
		index    map[string]*node
	}
	root := &node{index: map[string]*node{}}
	for i := range feeds {
		f := &feeds[i]
		n := root
		if folder := normFolder(f.Folder); folder != "" {
			for _, part := range strings.Split(folder, "/") {
				c, ok := n.index[part]
				if !ok {
					c = &node{name: part, index: map[string]*node{}}
					n.index[part] = c
					n.children = append(n.children, c)
				}
				n = c
			}
		}
		n.children = append(n.children, &node{feed: f})
	}

	bw := bufio.NewWriter(w)
	bw.WriteString(xml.Header)
	fmt.Fprintf(bw, "<opml version=\"2.0\" xmlns:sitrep=\"%s\">\n", OPMLNamespace)
	bw.WriteString("  <head>\n    <title>sitrep subscriptions</title>\n  </head>\n  <body>\n")
	var walk func(n *node, depth int)
	walk = func(n *node, depth int) {
		ind := strings.Repeat("  ", depth)
		for _, c := range n.children {
			if c.feed == nil {
				fmt.Fprintf(bw, "%s<outline%s%s>\n", ind, attr("text", c.name), attr("title", c.name))
				walk(c, depth+1)
				fmt.Fprintf(bw, "%s</outline>\n", ind)
				continue
			}
			f := c.feed
			text := f.Title
			if text == "" {
				text = f.URL // text is required by OPML 2.0
			}
			bw.WriteString(ind + "<outline" + attr("type", "rss") + attr("text", text))
			if f.Title != "" {
				bw.WriteString(attr("title", f.Title))
			}
			bw.WriteString(attr("xmlUrl", f.URL))
			if f.HTMLURL != "" {
				bw.WriteString(attr("htmlUrl", f.HTMLURL))
			}
			if len(f.Tags) > 0 {
				bw.WriteString(attr("category", strings.Join(f.Tags, ",")))
			}
			if f.FullText != "" {
				bw.WriteString(attr("sitrep:fullText", f.FullText))
			}
			if f.Interval != 0 {
				bw.WriteString(attr("sitrep:interval", FormatDuration(f.Interval)))
			}
			bw.WriteString("/>\n")
		}
	}
	walk(root, 2)
	bw.WriteString("  </body>\n</opml>\n")
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write OPML: %w", err)
	}
	return nil
}

// attr renders ` name="value"` with the value made safe and escaped.
func attr(name, value string) string {
	var b strings.Builder
	b.WriteString(" " + name + `="`)
	xml.EscapeText(&b, []byte(clean.Safe(value)))
	b.WriteString(`"`)
	return b.String()
}
