package feed

import (
	"bytes"
	"errors"
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"time"

	"github.com/mmcdole/gofeed"
	ext "github.com/mmcdole/gofeed/extensions"
	"github.com/mmcdole/gofeed/rss"
)

// Parsed is a feed as gofeed read it after the pre-pass, with dates in UTC
// and links resolved to absolute URLs.
type Parsed struct {
	Feed     *gofeed.Feed
	Encoding string   // the character encoding decided on ("utf-8", "utf-16le", "windows-1252"...)
	Base     string   // the URL relative links were resolved against
	Repairs  []string // what the pre-pass fixed, for `sitrep inspect`
}

// Parse reads one feed document. contentType is the HTTP Content-Type (its
// charset is honoured; "" for files) and feedURL the document's URL, used to
// resolve relative links ("" for files: the feed's own link is used).
// Refresh, `sitrep inspect` and the corpus test all go through here.
//
// It never panics; a document that is not a usable feed even after repair
// gives a *ParseError.
func Parse(body []byte, contentType, feedURL string) (p *Parsed, err error) {
	defer func() {
		if r := recover(); r != nil {
			p, err = nil, &ParseError{Reason: fmt.Sprintf("parser crashed: %v", r)}
		}
	}()
	if len(bytes.TrimSpace(body)) == 0 {
		return nil, &ParseError{Reason: "empty document"}
	}
	dec := toUTF8(body, contentType)
	p = &Parsed{Encoding: dec.encoding}
	if dec.repaired {
		p.Repairs = append(p.Repairs, "invalid bytes for "+dec.encoding+" replaced")
	}
	text := bytes.TrimLeft(dec.text, " \t\r\n\uFEFF")
	var f *gofeed.Feed
	if len(text) > 0 && text[0] == '{' {
		f, err = newGofeed(nil).Parse(bytes.NewReader(text))
	} else {
		fixed, notes, rerr := repairXML(text)
		if rerr != nil {
			return nil, &ParseError{Reason: rerr.Error()}
		}
		p.Repairs = append(p.Repairs, notes.describe()...)
		f, err = newGofeed(fixed).Parse(bytes.NewReader(fixed))
		if err == nil && f.FeedType == "atom" {
			if doc, ok := fromDraftAtom(fixed, f); ok {
				if f2, err2 := newGofeed(doc).Parse(bytes.NewReader(doc)); err2 == nil {
					f = f2
					p.Repairs = append(p.Repairs, "pre-1.0 Atom draft namespace read as Atom 0.3")
				}
			}
		}
		if errors.Is(err, gofeed.ErrFeedTypeNotDetected) {
			if cdf, ok := parseCDF(fixed); ok {
				f, err = cdf, nil
			}
		}
	}
	if err != nil {
		return nil, explainParse(text, err)
	}
	p.Base = feedURL
	normalise(f, feedURL)
	p.Feed = f
	return p, nil
}

// newGofeed returns a parser for doc whose translators fill what gofeed's
// mapping drops (translate.go), that skips gofeed's image scan of every
// item's HTML (an HTML parse per item we never use) and keeps the original
// RSS items, whose guid isPermaLink flag the universal model drops.
func newGofeed(doc []byte) *gofeed.Parser {
	p := gofeed.NewParser()
	p.RSSTranslator = &rssTranslator{DefaultRSSTranslator: gofeed.DefaultRSSTranslator{DisableContentImageScan: true}, doc: doc}
	p.AtomTranslator = &atomTranslator{doc: doc}
	p.KeepOriginalFeed = true
	return p
}

func (n repairNotes) describe() []string {
	var out []string
	if n.truncated {
		out = append(out, fmt.Sprintf("document ends early: kept the %d complete items before the cut", n.itemsAtCut))
	}
	if n.controls > 0 {
		out = append(out, fmt.Sprintf("%d forbidden control characters dropped", n.controls))
	}
	if n.entities > 0 {
		out = append(out, fmt.Sprintf("%d HTML entities decoded", n.entities))
	}
	if n.strays > 0 {
		out = append(out, fmt.Sprintf("%d stray markup characters or tags fixed", n.strays))
	}
	return out
}

func explainParse(text []byte, err error) error {
	head := bytes.ToLower(text[:min(len(text), 512)])
	switch {
	case errors.Is(err, gofeed.ErrFeedTypeNotDetected) && (bytes.Contains(head, []byte("<html")) || bytes.Contains(head, []byte("<!doctype html"))):
		return &ParseError{Reason: "this is an HTML page, not a feed (look for its RSS or Atom link)"}
	case errors.Is(err, gofeed.ErrFeedTypeNotDetected):
		return &ParseError{Reason: "not an RSS, Atom or JSON feed"}
	}
	return &ParseError{Reason: "malformed feed", Err: err}
}

// normalise puts dates in UTC and resolves relative links: against xml:base
// (gofeed applies it for Atom), then the document URL, then the feed's own
// link when the document URL is unknown (a local file).
func normalise(f *gofeed.Feed, feedURL string) {
	base, _ := url.Parse(feedURL)
	if base != nil && !base.IsAbs() {
		base = nil
	}
	f.Link = resolve(base, f.Link)
	f.FeedLink = resolve(base, f.FeedLink)
	if base == nil {
		if u, err := url.Parse(f.Link); err == nil && u.IsAbs() {
			base = u
		}
	}
	for i := range f.Links {
		f.Links[i] = resolve(base, f.Links[i])
	}
	if f.Image != nil {
		f.Image.URL = resolve(base, f.Image.URL)
	}
	f.UpdatedParsed = utc(f.UpdatedParsed)
	f.PublishedParsed = utc(f.PublishedParsed)
	// xml:lang="en_US" is a POSIX locale; the language tag is en-US.
	f.Language = strings.ReplaceAll(strings.TrimSpace(f.Language), "_", "-")
	f.Title = resolveHTML(base, f.Title)
	f.Description = resolveHTML(base, f.Description)
	f.Copyright = resolveHTML(base, f.Copyright)
	if f.PublishedParsed == nil {
		f.Published, f.PublishedParsed = extDate(f.Extensions, "dcterms", "issued", "created")
	}
	if f.UpdatedParsed == nil {
		f.Updated, f.UpdatedParsed = extDate(f.Extensions, "dcterms", "modified")
	}
	if len(f.Authors) == 0 && f.Custom["author"] != "" {
		f.Authors = []*gofeed.Person{{Name: f.Custom["author"]}}
	}
	f.Authors = splitPersons(f.Authors)
	if f.Description == "" && f.ITunesExt != nil {
		f.Description = f.ITunesExt.Subtitle
	}
	if f.Image == nil && f.ITunesExt != nil && f.ITunesExt.Image != "" {
		f.Image = &gofeed.Image{URL: f.ITunesExt.Image}
	}
	var rssItems []*rss.Item
	if orig, ok := f.OriginalFeed().(*rss.Feed); ok && len(orig.Items) == len(f.Items) {
		rssItems = orig.Items
	}
	for n, it := range f.Items {
		if it == nil {
			continue
		}
		if it.Link == "" && isWebURL(it.GUID) && (rssItems == nil || rssItems[n].GUID == nil || !strings.EqualFold(strings.TrimSpace(rssItems[n].GUID.IsPermalink), "false")) {
			it.Link = it.GUID // RSS: a permalink guid is the link
		}
		it.Authors = splitPersons(it.Authors)
		if len(it.Authors) > 0 {
			it.Author = it.Authors[0]
		}
		if it.Image == nil && it.ITunesExt != nil && it.ITunesExt.Image != "" {
			it.Image = &gofeed.Image{URL: it.ITunesExt.Image}
		}
		if it.PublishedParsed == nil {
			it.Published, it.PublishedParsed = extDate(it.Extensions, "dcterms", "issued", "created")
		}
		if it.UpdatedParsed == nil {
			it.Updated, it.UpdatedParsed = extDate(it.Extensions, "dcterms", "modified")
		}
		if it.Title == "" {
			it.Title = mediaText(it.Extensions, "title")
		}
		if it.Content == "" && it.Custom["fullitem"] != "" {
			it.Content = it.Custom["fullitem"] // Netscape RSS 0.91
		}
		if it.Content == "" && it.Description == "" {
			it.Description = mediaText(it.Extensions, "description") // YouTube-style media:group
		}
		// Trimmed: a CDATA section's padding is not part of the text.
		it.Title = resolveHTML(base, strings.TrimSpace(it.Title))
		it.Description = resolveHTML(base, strings.TrimSpace(it.Description))
		it.Content = resolveHTML(base, strings.TrimSpace(it.Content))
		it.Link = resolve(base, strings.TrimSpace(it.Link))
		for i := range it.Links {
			it.Links[i] = resolve(base, it.Links[i])
		}
		if f.FeedType != "atom" && (it.Link == "" && len(it.Links) > 0 || len(it.Links) > 1 && !isWebURL(it.Link)) {
			// RSS may repeat <link> and JSON has external_url: take the
			// first that opens. (Atom's translator chose by rel already;
			// its other links are licenses, enclosures, edit URIs.)
			for _, l := range it.Links {
				if isWebURL(l) {
					it.Link = l
					break
				}
			}
		}
		for _, e := range it.Enclosures {
			if e != nil {
				e.URL = resolve(base, e.URL)
			}
		}
		if it.Image != nil {
			it.Image.URL = resolve(base, it.Image.URL)
		}
		it.UpdatedParsed = utc(it.UpdatedParsed)
		it.PublishedParsed = utc(it.PublishedParsed)
	}
}

func resolve(base *url.URL, ref string) string {
	ref = strings.TrimSpace(ref)
	if ref == "" || base == nil {
		return ref
	}
	u, err := url.Parse(ref)
	if err != nil || u.IsAbs() {
		return ref
	}
	return base.ResolveReference(u).String()
}

// splitPersons splits "Name <email>" and "email (Name)" left in one field.
func splitPersons(ps []*gofeed.Person) []*gofeed.Person {
	for _, p := range ps {
		if p == nil {
			continue
		}
		for _, s := range []string{p.Name, p.Email} {
			if name, email, ok := nameAddress(s); ok {
				p.Name, p.Email = name, email
				break
			}
		}
	}
	if len(ps) > 0 && ps[0] == nil {
		return nil
	}
	return ps
}

var nameAddrRe = []*regexp.Regexp{
	regexp.MustCompile(`^\s*([^<>()]*?)\s*<\s*([^<>\s]+@[^<>\s]+)\s*>\s*$`),     // Name <email>
	regexp.MustCompile(`^\s*([^<>()\s]+@[^<>()\s]+)\s*\(\s*([^()]*?)\s*\)\s*$`), // email (Name)
	regexp.MustCompile(`^\s*([^<>()]*?)\s*\(\s*([^()\s]+@[^()\s]+)\s*\)\s*$`),   // Name (email)
}

func nameAddress(s string) (name, email string, ok bool) {
	if !strings.ContainsAny(s, "<(") {
		return "", "", false
	}
	if m := nameAddrRe[0].FindStringSubmatch(s); m != nil {
		return m[1], m[2], true
	}
	if m := nameAddrRe[1].FindStringSubmatch(s); m != nil {
		return m[2], m[1], true
	}
	if m := nameAddrRe[2].FindStringSubmatch(s); m != nil {
		return m[1], m[2], true
	}
	return "", "", false
}

func isWebURL(s string) bool {
	u, err := url.Parse(strings.TrimSpace(s))
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != ""
}

// extDate reads the first of names from an extension namespace (dcterms).
func extDate(exts ext.Extensions, ns string, names ...string) (string, *time.Time) {
	for _, name := range names {
		for _, e := range exts[ns][name] {
			raw := strings.TrimSpace(e.Value)
			if t, err := parseDate(raw); err == nil {
				return raw, &t
			}
		}
	}
	return "", nil
}

// mediaText finds media:<name>, directly or inside media:group.
func mediaText(exts ext.Extensions, name string) string {
	m := exts["media"]
	if m == nil {
		return ""
	}
	for _, e := range m[name] {
		if v := strings.TrimSpace(e.Value); v != "" {
			return v
		}
	}
	for _, g := range m["group"] {
		for _, e := range g.Children[name] {
			if v := strings.TrimSpace(e.Value); v != "" {
				return v
			}
		}
	}
	return ""
}

var dateLayouts = []string{time.RFC3339, "2006-01-02T15:04:05Z0700", "2006-01-02T15:04Z07:00", "2006-01-02", time.RFC1123Z, time.RFC1123}

func parseDate(s string) (time.Time, error) {
	var err error
	for _, l := range dateLayouts {
		var t time.Time
		if t, err = time.Parse(l, s); err == nil {
			return t.UTC(), nil
		}
	}
	return time.Time{}, err
}

// attrURLRe finds URL-bearing attributes in HTML fragments.
var attrURLRe = regexp.MustCompile(`(?i)\b(href|src|poster|cite|background)\s*=\s*("[^"]*"|'[^']*')`)

// resolveHTML makes relative href/src attributes in an HTML fragment
// absolute, without reserialising the markup.
func resolveHTML(base *url.URL, s string) string {
	if base == nil || !strings.Contains(s, "=") {
		return s
	}
	return attrURLRe.ReplaceAllStringFunc(s, func(m string) string {
		sub := attrURLRe.FindStringSubmatch(m)
		q := sub[2][:1]
		val := strings.TrimSpace(sub[2][1 : len(sub[2])-1])
		return sub[1] + "=" + q + resolve(base, val) + q
	})
}

func utc(t *time.Time) *time.Time {
	if t == nil {
		return nil
	}
	u := t.UTC()
	return &u
}
