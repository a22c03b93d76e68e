package feed

import (
	"bytes"
	"strings"

	"github.com/mmcdole/gofeed"
	"github.com/mmcdole/gofeed/atom"
	ext "github.com/mmcdole/gofeed/extensions"
	"github.com/mmcdole/gofeed/rss"
)

// gofeed's translators flatten the RSS and Atom models into gofeed.Feed and
// drop things a reader needs on the way. These wrap the default translators
// (gofeed's own hook for this) and put back what the parsed originals still
// hold. What the originals lost too comes from a token pass over the
// document (scanDoc), run only when the parsed feed shows a gap.

// rssTranslator adds to gofeed's RSS mapping: every dc:creator as an
// author, iTunes item categories and media:category as categories, the
// iTunes image given as url= or as <itunes:link rel="image">, a
// non-namespaced <body> as content, and from the document: rdf:about as the
// id of RSS 1.0 items (rdfAbouts), an XHTML <body> as content and the
// channel <author> (scanDoc).
type rssTranslator struct {
	gofeed.DefaultRSSTranslator
	doc []byte // the document gofeed parsed, for rdfAbouts and scanDoc
}

func (t *rssTranslator) Translate(feed any) (*gofeed.Feed, error) {
	f, err := t.DefaultRSSTranslator.Translate(feed)
	if err != nil {
		return nil, err
	}
	r := feed.(*rss.Feed) // the default translator checked the type
	if f.Image == nil {
		if u := itunesImage(r.Extensions); u != "" {
			f.Image = &gofeed.Image{URL: u}
		}
	}
	f.Categories = tidyStrings(f.Categories)
	if len(r.Items) != len(f.Items) {
		return f, nil
	}
	for i, ri := range r.Items {
		it := f.Items[i]
		if ri == nil || it == nil {
			continue
		}
		if dc := ri.DublinCoreExt; ri.Author == "" && dc != nil && len(dc.Author) == 0 && len(dc.Creator) > 1 {
			it.Authors = it.Authors[:0]
			for _, c := range dc.Creator {
				it.Authors = append(it.Authors, &gofeed.Person{Name: strings.TrimSpace(c)})
			}
		}
		it.Categories = append(it.Categories, itunesCategories(ri.Extensions)...)
		it.Categories = append(it.Categories, extValues(ri.Extensions, "media", "category")...)
		it.Categories = tidyStrings(it.Categories)
		if it.Image == nil {
			if u := itunesImage(ri.Extensions); u != "" {
				it.Image = &gofeed.Image{URL: u}
			}
		}
		if it.Content == "" && ri.Custom["body"] != "" {
			it.Content = ri.Custom["body"] // <body> without the XHTML namespace
		}
	}
	if r.Version == "1.0" && missingGUID(f.Items) {
		if abouts := rdfAbouts(t.doc); len(abouts) == len(f.Items) {
			for i, it := range f.Items {
				if it != nil && it.GUID == "" {
					it.GUID = abouts[i] // RSS 1.0: rdf:about is the item's URI
				}
			}
		}
	}
	if t.needScan(r, f) {
		if d, err := scanDoc(t.doc); err == nil {
			d.applyRSS(f)
		}
	}
	return f, nil
}

func missingGUID(items []*gofeed.Item) bool {
	for _, it := range items {
		if it != nil && it.GUID == "" {
			return true
		}
	}
	return false
}

// needScan says whether the document holds something gofeed dropped: an
// XHTML body (gofeed keeps only its text) or a channel <author> (gofeed
// skips it). The checks look at the parsed feed, and at most at the
// channel's head bytes, so a feed without these pays nothing. Translate
// calls it only when r.Items and f.Items correspond one to one.
func (t *rssTranslator) needScan(r *rss.Feed, f *gofeed.Feed) bool {
	for i, it := range f.Items {
		if it == nil || r.Items[i] == nil {
			continue
		}
		if it.Content == "" && hasXHTMLBody(r.Items[i].Extensions) {
			return true
		}
	}
	if len(f.Authors) > 0 {
		return false
	}
	head := t.doc
	if i := bytes.Index(head, []byte("<item")); i >= 0 {
		head = head[:i]
	}
	return bytes.Contains(head, []byte("<author"))
}

func hasXHTMLBody(exts ext.Extensions) bool {
	for _, m := range exts {
		if len(m["body"]) > 0 {
			return true
		}
	}
	return false
}

// atomTranslator keeps all of an Atom entry's links (gofeed keeps only
// alternate and self), prefers an HTML alternate link as the entry link and
// takes a category's term rather than its label; from the document it
// fills links given as element text instead of href="" and restores ids
// gofeed escaped (scanDoc).
type atomTranslator struct {
	gofeed.DefaultAtomTranslator
	doc []byte
}

func (t *atomTranslator) Translate(feed any) (*gofeed.Feed, error) {
	a, ok := feed.(*atom.Feed)
	if ok && t.needScan(a) {
		if d, err := scanDoc(t.doc); err == nil {
			d.applyAtom(a)
		}
	}
	f, err := t.DefaultAtomTranslator.Translate(feed)
	if err != nil {
		return nil, err
	}
	f.Link, f.Links = atomLinks(a.Links)
	f.Categories = atomTerms(a.Categories)
	if len(a.Entries) != len(f.Items) {
		return f, nil
	}
	for i, e := range a.Entries {
		it := f.Items[i]
		if e == nil || it == nil {
			continue
		}
		it.Link, it.Links = atomLinks(e.Links)
		it.Categories = atomTerms(e.Categories)
	}
	return f, nil
}

// needScan: an Atom link without href may carry its URL as text, which
// gofeed's Atom parser skips; an entry id with a percent escape that does
// not appear in the document as gofeed returns it was escaped by gofeed
// (see applyAtom). Ids without '%' are not looked for: that costs 4% of an
// Atom parse for the one rewrite it would catch, a scheme in capitals
// ("HTTP://") made lower case, which real feeds do not write.
func (t *atomTranslator) needScan(a *atom.Feed) bool {
	noHref := func(ls []*atom.Link) bool {
		for _, l := range ls {
			if l != nil && strings.TrimSpace(l.Href) == "" {
				return true
			}
		}
		return false
	}
	if noHref(a.Links) {
		return true
	}
	for _, e := range a.Entries {
		if e != nil && noHref(e.Links) {
			return true
		}
	}
	rest := t.doc
	for _, e := range a.Entries {
		if e == nil || !strings.Contains(e.ID, "%") {
			continue
		}
		i := bytes.Index(rest, []byte(e.ID))
		if i < 0 && strings.Contains(e.ID, "&") {
			i = bytes.Index(rest, []byte(strings.ReplaceAll(e.ID, "&", "&amp;")))
		}
		if i < 0 {
			return true
		}
		rest = rest[i+len(e.ID):]
	}
	return false
}

// atomLinks returns the page link and every link's href in document order.
// The page link is the first rel="alternate" link (gofeed defaults a missing
// rel to alternate) whose type is HTML or absent, else the first alternate
// link of any type, else a self, related or via link: what a reader can open
// for the entry. license, enclosure, edit and replies links never are.
func atomLinks(ls []*atom.Link) (link string, all []string) {
	var anyAlt, other string
	for _, l := range ls {
		if l == nil {
			continue
		}
		href := strings.TrimSpace(l.Href)
		if href == "" {
			continue
		}
		all = append(all, href)
		switch strings.ToLower(strings.TrimSpace(l.Rel)) {
		case "alternate":
			if link == "" && isHTMLType(l.Type) {
				link = href
			}
			if anyAlt == "" {
				anyAlt = href
			}
		case "self", "related", "via":
			if other == "" {
				other = href
			}
		}
	}
	switch {
	case link != "":
	case anyAlt != "":
		link = anyAlt
	default:
		link = other
	}
	return link, all
}

func isHTMLType(t string) bool {
	switch strings.ToLower(strings.TrimSpace(t)) {
	case "", "text/html", "application/xhtml+xml", "html", "xhtml":
		return true
	}
	return false
}

// atomTerms returns category terms; the label is a display form and stands
// in only when the term is missing.
func atomTerms(cs []*atom.Category) []string {
	var out []string
	for _, c := range cs {
		if c == nil {
			continue
		}
		if t := strings.TrimSpace(c.Term); t != "" {
			out = append(out, t)
		} else {
			out = append(out, c.Label)
		}
	}
	return tidyStrings(out)
}

// itunesImage reads <itunes:image href>, the url= some feeds use instead,
// and the old <itunes:link rel="image" href>.
func itunesImage(exts ext.Extensions) string {
	m := exts["itunes"]
	for _, e := range m["image"] {
		for _, k := range []string{"href", "url"} {
			if v := strings.TrimSpace(e.Attrs[k]); v != "" {
				return v
			}
		}
	}
	for _, e := range m["link"] {
		if strings.EqualFold(e.Attrs["rel"], "image") {
			if v := strings.TrimSpace(e.Attrs["href"]); v != "" {
				return v
			}
		}
	}
	return ""
}

// itunesCategories reads item-level <itunes:category text>, nested ones
// after their parent (gofeed maps only the channel's).
func itunesCategories(exts ext.Extensions) []string {
	return appendITunesCategories(nil, exts["itunes"]["category"])
}

func appendITunesCategories(out []string, es []ext.Extension) []string {
	for _, e := range es {
		out = append(out, e.Attrs["text"])
		out = appendITunesCategories(out, e.Children["category"])
	}
	return out
}

func extValues(exts ext.Extensions, ns, name string) []string {
	var out []string
	for _, e := range exts[ns][name] {
		out = append(out, e.Value)
	}
	return out
}

// tidyStrings trims each value and drops empty ones and repeats, keeping
// the first occurrence's place ("Technology, Gadgets" keywords arrive with
// spaces, and iTunes categories often repeat the keywords).
func tidyStrings(ss []string) []string {
	if len(ss) == 0 {
		return ss
	}
	out := ss[:0]
	seen := make(map[string]bool, len(ss))
	for _, s := range ss {
		s = strings.TrimSpace(s)
		if s == "" || seen[s] {
			continue
		}
		seen[s] = true
		out = append(out, s)
	}
	if len(out) == 0 {
		return nil
	}
	return out
}
