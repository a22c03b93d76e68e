package feed

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"net/url"
	"strings"

	"github.com/mmcdole/gofeed"
	"github.com/mmcdole/gofeed/atom"
)

// A token pass over the document for what gofeed's parsers drop before any
// hook could see it: the markup of an item's XHTML <body> (gofeed's extension map keeps only its text), an RSS
// channel's <author> (skipped), and the URL an Atom <link> gives as text
// instead of href (skipped), and an Atom id as written (gofeed normalises
// it as a URL). It is encoding/xml, not a second gofeed parse,
// and costs about a third of one, so the translators run it only when the
// parsed feed shows one of these gaps.

const (
	nsRDF    = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
	nsAtom10 = "http://www.w3.org/2005/Atom"
	nsAtom03 = "http://purl.org/atom/ns#"
)

type scanEntry struct {
	root      bool     // an RSS item outside <channel> (RSS 1.0): gofeed lists these last
	body      string   // inner XML of <body>
	linkTexts []string // text of each Atom <link>, in document order
	id        string   // an Atom entry's <id> as written
}

type docScan struct {
	channelAuthor string
	feedLinkTexts []string
	entries       []scanEntry // RSS items or Atom entries, in gofeed's order
}

// scanDoc reads doc, the document exactly as gofeed parsed it.
func scanDoc(doc []byte) (*docScan, error) {
	d := xml.NewDecoder(bytes.NewReader(doc))
	d.Strict = false
	d.Entity = xml.HTMLEntity
	var s docScan
	var path []string // lower-case local names of the open elements
	cur, curDepth := -1, 0
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, err
		}
		switch t := tok.(type) {
		case xml.EndElement:
			if len(path) > 0 {
				path = path[:len(path)-1]
			}
			if len(path) == curDepth {
				cur = -1
			}
		case xml.StartElement:
			name := strings.ToLower(t.Name.Local)
			depth := len(path)
			root := ""
			if depth > 0 {
				root = path[0]
			}
			var text string
			var keep bool // read the element whole (it is consumed, not pushed)
			switch {
			case cur < 0 && name == "item" && (depth == 1 || depth == 2 && path[1] == "channel"):
				s.entries = append(s.entries, scanEntry{root: depth == 1})
				cur, curDepth = len(s.entries)-1, depth
			case cur < 0 && name == "entry" && depth == 1 && root == "feed" && atomNative(t.Name.Space):
				s.entries = append(s.entries, scanEntry{})
				cur, curDepth = len(s.entries)-1, depth
			case cur >= 0 && depth == curDepth+1 && name == "body":
				if text, err = innerXML(d, &t); err != nil {
					return nil, err
				}
				if s.entries[cur].body == "" {
					s.entries[cur].body = strings.TrimSpace(text)
				}
				keep = true
			case cur >= 0 && depth == curDepth+1 && name == "link" && root == "feed" && atomNative(t.Name.Space):
				if text, err = charData(d, &t); err != nil {
					return nil, err
				}
				s.entries[cur].linkTexts = append(s.entries[cur].linkTexts, text)
				keep = true
			case cur >= 0 && depth == curDepth+1 && name == "id" && root == "feed" && atomNative(t.Name.Space):
				if text, err = charData(d, &t); err != nil {
					return nil, err
				}
				s.entries[cur].id = text
				keep = true
			case cur < 0 && depth == 1 && name == "link" && root == "feed" && atomNative(t.Name.Space):
				if text, err = charData(d, &t); err != nil {
					return nil, err
				}
				s.feedLinkTexts = append(s.feedLinkTexts, text)
				keep = true
			case cur < 0 && depth == 2 && path[1] == "channel" && name == "author" && t.Name.Space == "":
				if text, err = charData(d, &t); err != nil {
					return nil, err
				}
				if s.channelAuthor == "" {
					s.channelAuthor = text
				}
				keep = true
			}
			if !keep {
				path = append(path, name)
			}
		}
	}
	// gofeed appends the items found outside <channel> after its own.
	ordered := make([]scanEntry, 0, len(s.entries))
	for _, root := range []bool{false, true} {
		for _, e := range s.entries {
			if e.root == root {
				ordered = append(ordered, e)
			}
		}
	}
	s.entries = ordered
	return &s, nil
}

func atomNative(space string) bool {
	return space == "" || space == nsAtom10 || space == nsAtom03
}

func innerXML(d *xml.Decoder, start *xml.StartElement) (string, error) {
	var v struct {
		Inner string `xml:",innerxml"`
	}
	err := d.DecodeElement(&v, start)
	return v.Inner, err
}

func charData(d *xml.Decoder, start *xml.StartElement) (string, error) {
	var v struct {
		Text string `xml:",chardata"`
	}
	err := d.DecodeElement(&v, start)
	return strings.TrimSpace(v.Text), err
}

// applyRSS fills what gofeed left empty. Items are matched by position,
// and only when the counts agree.
func (s *docScan) applyRSS(f *gofeed.Feed) {
	if len(f.Authors) == 0 && s.channelAuthor != "" {
		f.Author = &gofeed.Person{Name: s.channelAuthor}
		f.Authors = []*gofeed.Person{f.Author}
	}
	if len(s.entries) != len(f.Items) {
		return
	}
	for i, e := range s.entries {
		it := f.Items[i]
		if it == nil {
			continue
		}
		if strings.TrimSpace(it.Content) == "" {
			it.Content = e.body
		}
	}
}

// applyAtom gives an href-less link its text as href and restores entry
// ids as written, before translation. gofeed runs an id through url.Parse
// and String ("HTTP://x" becomes "http://x", "a b" becomes "a%20b"), but an
// Atom id is compared character by character (RFC 4287 4.2.6.1). An id that
// gofeed resolved against xml:base keeps its resolved form.
func (s *docScan) applyAtom(a *atom.Feed) {
	fill := func(ls []*atom.Link, texts []string) {
		if len(ls) != len(texts) {
			return
		}
		for i, l := range ls {
			if l != nil && strings.TrimSpace(l.Href) == "" {
				l.Href = texts[i]
			}
		}
	}
	fill(a.Links, s.feedLinkTexts)
	if len(a.Entries) != len(s.entries) {
		return
	}
	for i, e := range a.Entries {
		if e == nil {
			continue
		}
		fill(e.Links, s.entries[i].linkTexts)
		if raw := s.entries[i].id; raw != "" && raw != e.ID {
			if u, err := url.Parse(raw); err == nil && u.String() == e.ID {
				e.ID = raw
			}
		}
	}
}

// rdfAbouts returns the rdf:about of each <item> start tag, in document
// order ("" for an item without one). Every RSS 1.0 item has one and it is
// the item's id, so this runs for every RSS 1.0 feed: the full scan would
// add half a gofeed parse to each. Finding the start tags with bytes.Index
// and decoding only them costs a few percent. A "<item" inside CDATA would
// add an entry; the caller then sees the count differ and uses none.
func rdfAbouts(doc []byte) []string {
	var out []string
	for i := 0; ; {
		j := bytes.Index(doc[i:], []byte("<item"))
		if j < 0 {
			return out
		}
		i += j
		next := i + len("<item")
		if next >= len(doc) {
			return out
		}
		if c := doc[next]; c != '>' && c != '/' && c != ' ' && c != '\t' && c != '\n' && c != '\r' {
			i = next
			continue // <items>, <itemType>...
		}
		end := bytes.IndexByte(doc[next:], '>')
		if end < 0 {
			return out
		}
		// The next search starts after this tag, so a CDATA section full of
		// "<item " cannot make the scan quadratic.
		i = next + end + 1
		// bytes.Reader is an io.ByteReader, so the decoder adds no buffer.
		d := xml.NewDecoder(bytes.NewReader(doc[next-len("<item") : i]))
		d.Strict = false
		about := ""
		if tok, err := d.RawToken(); err == nil {
			if se, ok := tok.(xml.StartElement); ok {
				for _, a := range se.Attr {
					if a.Name.Local == "about" && a.Name.Space != "" {
						about = strings.TrimSpace(a.Value)
					}
				}
			}
		}
		out = append(out, about)
	}
}
