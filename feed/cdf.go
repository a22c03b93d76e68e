package feed

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"net/url"
	"strings"

	"github.com/mmcdole/gofeed"
)

// Microsoft's Channel Definition Format (IE 4 "active channels"):
//
//	<CHANNEL HREF="http://site/" BASE="http://site/" LASTMOD="2004-04-06T23:05:43-05:00">
//	  <TITLE>…</TITLE> <ABSTRACT>…</ABSTRACT>
//	  <ITEM HREF="/a" LASTMOD="…"> <TITLE>…</TITLE> <ABSTRACT>…</ABSTRACT> </ITEM>
//	</CHANNEL>
//
// gofeed does not know it, and it is small enough to map by hand: the
// channel and its items (nested sub-channels' items included) with title,
// abstract as description, HREF as link and LASTMOD as the update time.
// Element and attribute names are matched without case, as IE did.

// parseCDF reads doc as CDF; ok is false when its root is not <CHANNEL>, or
// is a lower-case <channel> with nothing of CDF in it (RSS without its
// <rss> element, which this would misread).
func parseCDF(doc []byte) (f *gofeed.Feed, ok bool) {
	d := xml.NewDecoder(bytes.NewReader(doc))
	d.Strict = false
	d.Entity = xml.HTMLEntity
	var (
		depth  int
		item   *gofeed.Item
		target *string // where the current TITLE/ABSTRACT text goes
		text   strings.Builder
		bases  []*url.URL // BASE (else HREF) of each open channel
		isCDF  bool       // a <CHANNEL> root, HREF attributes or <ABSTRACT>
	)
	base := func() *url.URL {
		if len(bases) == 0 {
			return nil
		}
		return bases[len(bases)-1]
	}
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			break // keep what was read, like the repair pass does
		}
		switch t := tok.(type) {
		case xml.StartElement:
			name := strings.ToLower(t.Name.Local)
			depth++
			if depth == 1 {
				if name != "channel" {
					return nil, false
				}
				f = &gofeed.Feed{FeedType: "cdf", Items: []*gofeed.Item{}}
				isCDF = t.Name.Local == "CHANNEL"
			}
			href := resolve(base(), cdfAttr(t, "href"))
			isCDF = isCDF || href != "" || name == "abstract"
			switch name {
			case "channel":
				b := base()
				if v := resolve(b, cdfAttr(t, "base")); v != "" {
					b, _ = url.Parse(v)
				} else if href != "" {
					b, _ = url.Parse(href)
				}
				bases = append(bases, b)
				if depth == 1 {
					f.Link = href
					if href != "" {
						f.Links = []string{href}
					}
					f.Updated = cdfAttr(t, "lastmod")
					if ts, err := parseDate(f.Updated); err == nil {
						f.UpdatedParsed = &ts
					}
				}
			case "item":
				item = &gofeed.Item{Link: href}
				if href != "" {
					item.Links = []string{href}
				}
				item.Updated = cdfAttr(t, "lastmod")
				if ts, err := parseDate(item.Updated); err == nil {
					item.UpdatedParsed = &ts
				}
				f.Items = append(f.Items, item)
			case "title", "abstract":
				target = nil
				switch {
				case item != nil && name == "title":
					target = &item.Title
				case item != nil:
					target = &item.Description
				case depth == 2 && name == "title":
					target = &f.Title
				case depth == 2:
					target = &f.Description
				}
				text.Reset()
			}
		case xml.CharData:
			if target != nil {
				text.Write(t)
			}
		case xml.EndElement:
			depth--
			switch strings.ToLower(t.Name.Local) {
			case "title", "abstract":
				if target != nil && *target == "" {
					*target = strings.TrimSpace(text.String())
				}
				target = nil
			case "item":
				item = nil
			case "channel":
				if len(bases) > 0 {
					bases = bases[:len(bases)-1]
				}
			}
		}
	}
	return f, f != nil && isCDF
}

func cdfAttr(t xml.StartElement, name string) string {
	for _, a := range t.Attr {
		if strings.EqualFold(a.Name.Local, name) {
			return strings.TrimSpace(a.Value)
		}
	}
	return ""
}
