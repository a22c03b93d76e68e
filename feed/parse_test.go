package feed

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/mmcdole/gofeed"
	"github.com/mmcdole/gofeed/atom"
	"github.com/mmcdole/gofeed/rss"
	"github.com/sitrep-news/sitrep/feed/clean"
)

func mustCleaner(t testing.TB) *clean.Cleaner {
	t.Helper()
	c, err := clean.New(nil)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestParseTestdata(t *testing.T) {
	for _, tc := range []struct {
		file, ct               string
		title, item, link, enc string
		items                  int
		date                   string
		repair                 string
	}{
		{file: "truncated.xml", title: "Cut feed", item: "First", link: "https://example.org/1", items: 2, enc: "utf-8", repair: "ends early", date: "2026-03-03T10:00:00Z"},
		{file: "cp1252-as-utf8.xml", title: "Café news", item: "Don’t panic – it’s fine", items: 1, enc: "utf-8", repair: "invalid bytes"},
		{file: "latin1-cp1252.xml", title: "Latin", item: "It’s été", items: 1, enc: "iso-8859-1"},
		{file: "utf16le-bom.xml", title: "Новости", item: "Перемирие соблюдается", items: 1, enc: "utf-16le"},
		{file: "utf32be-nobom.xml", title: "Nachrichten", item: "Waffenruhe hält", items: 1, enc: "utf-32be"},
		{file: "entities-controls.xml", title: "Entities & controls", item: "Talks… resume — été", link: "https://example.org/relative/1", items: 1, repair: "control characters"},
		{file: "atom-xmlbase.xml", title: "Atom base", item: "Entry", link: "https://example.com/blog/posts/1.html", items: 1, date: "2026-03-03T08:00:00Z"},
		{file: "jsonfeed.json", title: "JSON desk", item: "JSON item", link: "https://example.net/j1", items: 1, date: "2026-03-03T15:00:00Z"},
		// The HTTP charset beats the (wrong) declaration.
		{file: "latin1-cp1252.xml", ct: "application/rss+xml; charset=windows-1252", title: "Latin", item: "It’s été", items: 1, enc: "windows-1252"},
	} {
		t.Run(tc.file, func(t *testing.T) {
			body, err := os.ReadFile(filepath.Join("testdata", tc.file))
			if err != nil {
				t.Fatal(err)
			}
			p, err := Parse(body, tc.ct, "")
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			items := Items(p, mustCleaner(t))
			if got := clean.Title(p.Feed.Title); got != tc.title {
				t.Errorf("feed title %q, want %q", got, tc.title)
			}
			if len(items) != tc.items {
				t.Fatalf("%d items, want %d", len(items), tc.items)
			}
			if !strings.HasPrefix(items[0].Title, tc.item) {
				t.Errorf("item title %q, want prefix %q", items[0].Title, tc.item)
			}
			if tc.link != "" && items[0].URL != tc.link {
				t.Errorf("link %q, want %q", items[0].URL, tc.link)
			}
			if tc.enc != "" && p.Encoding != tc.enc {
				t.Errorf("encoding %q, want %q", p.Encoding, tc.enc)
			}
			if tc.date != "" && items[0].Published.Format(time.RFC3339) != tc.date {
				t.Errorf("date %s, want %s", items[0].Published.Format(time.RFC3339), tc.date)
			}
			if tc.repair != "" && !strings.Contains(strings.Join(p.Repairs, "; "), tc.repair) {
				t.Errorf("repairs %q lack %q", p.Repairs, tc.repair)
			}
		})
	}
}

func TestParseErrorsAreTyped(t *testing.T) {
	for name, body := range map[string]string{
		"empty":      "  \n ",
		"html page":  "<!DOCTYPE html><html><head><title>x</title></head><body>hi</body></html>",
		"text":       "just some words",
		"json array": `[1,2,3]`,
		"bad json":   `{"version": "https://jsonfeed.org/version/1", "items": [`,
		"too deep":   strings.Repeat("<a>", MaxDepth+10),
	} {
		_, err := Parse([]byte(body), "", "")
		var pe *ParseError
		if !errors.As(err, &pe) {
			t.Errorf("%s: err = %v (%T), want *ParseError", name, err, err)
		}
	}
}

func TestRepairXML(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{`<a>x &hellip; &amp; &bogus; & y</a>`, `<a>x &#8230; &amp; &amp;bogus; &amp; y</a>`},
		{"<a>x\x00\x01y\x1b</a>", `<a>xy</a>`},
		// A dropped ESC takes its whole sequence along, raw or as a reference;
		// an unterminated OSC loses only its introducer (the text is kept).
		{"<a>A\x1b[2JB\x1b]0;pwned\x07C\x1b(BD</a>", `<a>ABCD</a>`},
		{"<a>A&#27;[38;2;1;2;3mB&#x1b;[5;5HC</a>", `<a>ABC</a>`},
		{"<a>A\x1b]52;c;no terminator</a>", `<a>A52;c;no terminator</a>`},
		{"<a>A\x1b<b>B</b></a>", `<a>A<b>B</b></a>`},
		{`<a>1 < 2</a>`, `<a>1 &lt; 2</a>`},
		{`<a><b>x</a>`, `<a><b>x</b></a>`},
		{`<a>x</b></a>`, `<a>x</a>`},
		{`<!DOCTYPE x [<!ENTITY e "boom">]><a>&e;</a>`, `<a>&amp;e;</a>`},
		{`<?xml version="1.0" encoding="utf-16"?><!-- c --><a t="1 & 2">&#150;&#0;</a>`, `<a t="1 &amp; 2">&#8211;</a>`},
		{`<a><![CDATA[<p>&nbsp;</p>]]></a>`, `<a><![CDATA[<p>&nbsp;</p>]]></a>`},
		{`<rss><channel><item>1</item><item>2</it`, `<rss><channel><item>1</item></channel></rss>`},
		{`<rss><channel><title>T</ti`, `<rss><channel><title>T</title></channel></rss>`},
		{"<a>don\u0092t</a>", "<a>don\u2019t</a>"},
		{`<a/>trailing<b>second root</b>`, `<a/>`},
		{`<feed><title mode="base64">PGI+aGk8L2I+</title></feed>`, `<feed><title mode="base64"><![CDATA[<b>hi</b>]]></title></feed>`},
		{`<feed><title mode="base64">not base64!</title></feed>`, `<feed><title mode="base64">not base64!</title></feed>`},
	} {
		out, _, err := repairXML([]byte(tc.in))
		if err != nil {
			t.Errorf("%q: %v", tc.in, err)
			continue
		}
		if string(out) != tc.want {
			t.Errorf("repairXML(%q)\n got %q\nwant %q", tc.in, out, tc.want)
		}
	}
}

func TestHTTPCharset(t *testing.T) {
	for in, want := range map[string]string{
		"text/xml; charset=ISO-8859-1":  "iso-8859-1",
		"text/xml; charset:iso-8859-1":  "iso-8859-1",
		`text/xml; charset= "us-ascii"`: "us-ascii",
		"application/rss+xml":           "",
		"":                              "",
	} {
		if got := httpCharset(in); got != want {
			t.Errorf("httpCharset(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestItemsFiltersAndDates(t *testing.T) {
	body := `<rss version="2.0"><channel><title>T</title><link>https://site.example/</link>
<item><title>A</title><link>javascript:alert(1)</link><guid>dup</guid><pubDate>Mon, 01 Jan 0001 00:00:00 GMT</pubDate><description>first</description></item>
<item><title>B</title><link>https://site.example/b</link><guid>dup</guid><description>second with the same guid</description></item>
<item><title>C</title><link>data:text/html,hi</link><guid>c</guid><pubDate>Fri, 31 Dec 9999 23:59:59 GMT</pubDate><description>far future</description></item>
<item><title>D</title><link>/d</link><guid>d</guid><dc:date xmlns:dc="http://purl.org/dc/elements/1.1/">2026-02-01T12:00:00+01:00</dc:date></item>
</channel></rss>`
	p, err := Parse([]byte(body), "", "https://site.example/feed.xml")
	if err != nil {
		t.Fatal(err)
	}
	items := Items(p, mustCleaner(t))
	if len(items) != 3 {
		t.Fatalf("%d items, want 3 (duplicate guid dropped): %+v", len(items), items)
	}
	if items[0].URL != "" || !items[0].Published.IsZero() {
		t.Errorf("javascript: link and year-1 date must be dropped: %+v", items[0])
	}
	if items[1].URL != "" || items[1].Published.Year() != 9999 {
		t.Errorf("data: link dropped, far-future date left for the store to clamp: %+v", items[1])
	}
	if items[2].URL != "https://site.example/d" || items[2].Published.Format(time.RFC3339) != "2026-02-01T11:00:00Z" {
		t.Errorf("relative link and dc:date: %+v", items[2])
	}
}

func eq[T comparable](t *testing.T, what string, got, want T) {
	t.Helper()
	if got != want {
		t.Errorf("%s = %#v, want %#v", what, got, want)
	}
}

func eqList(t *testing.T, what string, got []string, want ...string) {
	t.Helper()
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("%s = %q, want %q", what, got, want)
	}
}

func parseDoc(t *testing.T, doc, docURL string) *gofeed.Feed {
	t.Helper()
	p, err := Parse([]byte(doc), "", docURL)
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	return p.Feed
}

const (
	atomNS = `xmlns="http://www.w3.org/2005/Atom"`
	rdfNS  = `xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"`
	itNS   = `xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd"`
)

// What the translators (translate.go) add to gofeed's mapping.
func TestParseTranslators(t *testing.T) {
	for _, tc := range []struct {
		name, doc string
		check     func(t *testing.T, f *gofeed.Feed)
	}{
		{"atom: all links kept, the HTML alternate is the link", `<feed ` + atomNS + `><entry>
			<link rel="license" href="https://creativecommons.org/licenses/by/4.0/"/>
			<link rel="alternate" type="application/pdf" href="https://x.example/a.pdf"/>
			<link rel="alternate" type="text/html" href="https://x.example/a"/>
			<link rel="enclosure" type="audio/mpeg" href="https://x.example/a.mp3"/></entry></feed>`,
			func(t *testing.T, f *gofeed.Feed) {
				it := f.Items[0]
				eq(t, "link", it.Link, "https://x.example/a")
				eqList(t, "links", it.Links, "https://creativecommons.org/licenses/by/4.0/", "https://x.example/a.pdf", "https://x.example/a", "https://x.example/a.mp3")
			}},
		{"atom: no alternate, a self or related link opens; a license never", `<feed ` + atomNS + `>
			<entry><link rel="license" href="https://cc.example/l"/><link rel="related" href="https://x.example/r"/></entry>
			<entry><link rel="license" href="https://cc.example/l"/><link rel="edit" href="https://x.example/edit/2"/></entry></feed>`,
			func(t *testing.T, f *gofeed.Feed) {
				eq(t, "entry 0 link", f.Items[0].Link, "https://x.example/r")
				eq(t, "entry 1 link", f.Items[1].Link, "")
			}},
		{"atom: category term, not its label", `<feed ` + atomNS + `><category term="tech" label="Technology"/><entry>
			<category term="ceasefire" label="Ceasefire talks"/><category label="only a label"/><category term=" ceasefire "/></entry></feed>`,
			func(t *testing.T, f *gofeed.Feed) {
				eqList(t, "feed categories", f.Categories, "tech")
				eqList(t, "entry categories", f.Items[0].Categories, "ceasefire", "only a label")
			}},
		{"rss: every dc:creator is an author", `<rss xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><item>
			<dc:creator>First Author</dc:creator><dc:creator>Second Author</dc:creator></item></channel></rss>`,
			func(t *testing.T, f *gofeed.Feed) {
				a := f.Items[0].Authors
				if len(a) != 2 || a[0].Name != "First Author" || a[1].Name != "Second Author" {
					t.Errorf("authors %+v", a)
				}
			}},
		{"rss: item iTunes and media categories, keywords trimmed and deduplicated", `<rss ` + itNS + ` xmlns:media="http://search.yahoo.com/mrss/"><channel>
			<itunes:keywords>News, Politics ,News</itunes:keywords><itunes:category text="News"><itunes:category text="Politics"/></itunes:category>
			<item><itunes:category text="Technology"><itunes:category text="Gadgets"/></itunes:category>
			<media:category>cat1</media:category><media:category> cat2 </media:category><category>Technology</category></item></channel></rss>`,
			func(t *testing.T, f *gofeed.Feed) {
				eqList(t, "feed categories", f.Categories, "News", "Politics")
				eqList(t, "item categories", f.Items[0].Categories, "Technology", "Gadgets", "cat1", "cat2")
			}},
		{"rss: iTunes image as url= or as itunes:link rel=image", `<rss ` + itNS + `><channel>
			<itunes:link rel="image" href="https://x.example/logo.jpg"/>
			<item><itunes:image url="https://x.example/i.png"/></item></channel></rss>`,
			func(t *testing.T, f *gofeed.Feed) {
				if f.Image == nil || f.Image.URL != "https://x.example/logo.jpg" {
					t.Errorf("feed image %+v", f.Image)
				}
				if im := f.Items[0].Image; im == nil || im.URL != "https://x.example/i.png" {
					t.Errorf("item image %+v", im)
				}
			}},
		{"rss: <body> without a namespace is the content", `<rss><channel><item><description>teaser</description>
			<body><p>Full <b>text</b></p></body></item></channel></rss>`,
			func(t *testing.T, f *gofeed.Feed) {
				eq(t, "content", f.Items[0].Content, "<p>Full <b>text</b></p>")
				eq(t, "description", f.Items[0].Description, "teaser")
			}},
		{"rss: the first <link> that opens is the link", `<rss><channel><item>
			<link>https://x.example/a</link><link>javascript:void(0)</link></item></channel></rss>`,
			func(t *testing.T, f *gofeed.Feed) {
				eq(t, "link", f.Items[0].Link, "https://x.example/a")
			}},
		{"language tag from a POSIX locale, text trimmed", `<feed ` + atomNS + ` xml:lang="en_US"><entry><title>  T  </title>
			<summary type="html"><![CDATA[  <p>s</p>  ]]></summary></entry></feed>`,
			func(t *testing.T, f *gofeed.Feed) {
				eq(t, "language", f.Language, "en-US")
				eq(t, "title", f.Items[0].Title, "T")
				eq(t, "summary", f.Items[0].Description, "<p>s</p>")
			}},
	} {
		t.Run(tc.name, func(t *testing.T) { tc.check(t, parseDoc(t, tc.doc, "")) })
	}
}

// What the document scan (scan.go) recovers that gofeed's parsers drop.
func TestParseDocumentScan(t *testing.T) {
	for _, tc := range []struct {
		name, doc, docURL string
		check             func(t *testing.T, f *gofeed.Feed)
	}{
		{"rss: an XHTML body keeps its markup, links resolved", `<rss><channel><item>
			<body xmlns="http://www.w3.org/1999/xhtml"><p>Talks <a href="/doha">resume</a></p></body></item></channel></rss>`,
			"https://x.example/feed.xml",
			func(t *testing.T, f *gofeed.Feed) {
				eq(t, "content", f.Items[0].Content, `<p>Talks <a href="https://x.example/doha">resume</a></p>`)
			}},
		{"rss: channel <author>, name and email split", `<rss version="2.0"><channel><title>T</title>
			<author>me@example.com (Example editor)</author><item><author>x@example.com (Item author)</author></item></channel></rss>`, "",
			func(t *testing.T, f *gofeed.Feed) {
				if len(f.Authors) != 1 || f.Authors[0].Name != "Example editor" || f.Authors[0].Email != "me@example.com" {
					t.Errorf("feed authors %+v", f.Authors)
				}
			}},
		{"rss: an item <author> is not the channel's", `<rss version="2.0"><channel><title>T</title>
			<item><author>x@example.com (Item author)</author></item></channel></rss>`, "",
			func(t *testing.T, f *gofeed.Feed) {
				if len(f.Authors) != 0 {
					t.Errorf("feed authors %+v", f.Authors)
				}
			}},
		{"rss 1.0: rdf:about is the item id", `<rdf:RDF ` + rdfNS + `><channel rdf:about="https://x.example/"><title>T</title></channel>
			<item rdf:about="https://x.example/1"><title>one</title><link>https://x.example/1</link></item>
			<item rdf:about="https://x.example/2"><title>two</title></item></rdf:RDF>`, "",
			func(t *testing.T, f *gofeed.Feed) {
				eq(t, "id 0", f.Items[0].GUID, "https://x.example/1")
				eq(t, "id 1", f.Items[1].GUID, "https://x.example/2")
			}},
		{"rss 1.0: a <item in CDATA makes the count differ: no ids rather than shifted ones", `<rdf:RDF ` + rdfNS + `><channel rdf:about="https://x.example/"><title>T</title></channel>
			<item rdf:about="https://x.example/1"><description><![CDATA[<item about="x">]]></description></item>
			<item rdf:about="https://x.example/2"><title>two</title></item></rdf:RDF>`, "",
			func(t *testing.T, f *gofeed.Feed) {
				eq(t, "id 0", f.Items[0].GUID, "")
				eq(t, "id 1", f.Items[1].GUID, "")
			}},
		{"atom: a link given as text", `<feed ` + atomNS + `><link rel="alternate">https://x.example/</link><entry>
			<link rel="alternate" type="text/html">https://x.example/a</link>
			<link rel="enclosure" type="audio/mpeg">https://x.example/a.mp3</link></entry></feed>`, "",
			func(t *testing.T, f *gofeed.Feed) {
				eq(t, "feed link", f.Link, "https://x.example/")
				eq(t, "link", f.Items[0].Link, "https://x.example/a")
				eqList(t, "links", f.Items[0].Links, "https://x.example/a", "https://x.example/a.mp3")
			}},
		{"atom: ids as written, an xml:base-relative one resolved", `<feed ` + atomNS + `>
			<entry><id>Correct Value</id><image><id>Incorrect Value</id></image></entry>
			<entry><id>https://x.example/caf%C3%A9</id></entry>
			<entry xml:base="https://x.example/base/"><id>rel%20id</id></entry></feed>`, "",
			func(t *testing.T, f *gofeed.Feed) {
				eq(t, "id 0", f.Items[0].GUID, "Correct Value")
				eq(t, "id 1", f.Items[1].GUID, "https://x.example/caf%C3%A9")
				eq(t, "id 2", f.Items[2].GUID, "https://x.example/base/rel%20id")
			}},
	} {
		t.Run(tc.name, func(t *testing.T) { tc.check(t, parseDoc(t, tc.doc, tc.docURL)) })
	}
}

// The scan costs about a third of a gofeed parse: a feed without the gaps
// it fills must not pay for it.
func TestDocumentScanOnlyWhenNeeded(t *testing.T) {
	plainRSS := `<rss version="2.0"><channel><title>T</title><managingEditor>ed@example.com (Ed)</managingEditor>
		<item><title>A</title><link>https://x.example/a</link><author>a@example.com</author><description>x</description></item></channel></rss>`
	plainAtom := `<feed ` + atomNS + `><entry><id>tag:x.example,2026:1</id><link href="https://x.example/a"/></entry>
		<entry><id>https://x.example/caf%C3%A9</id></entry></feed>`
	for _, tc := range []struct {
		doc  string
		need bool
	}{
		{plainRSS, false},
		{plainAtom, false},
		{strings.Replace(plainRSS, "<managingEditor>ed@example.com (Ed)</managingEditor>", "<author>ed@example.com</author>", 1), true},
		{strings.Replace(plainRSS, "<description>x</description>", `<body xmlns="http://www.w3.org/1999/xhtml"><p>x</p></body>`, 1), true},
		{strings.Replace(plainAtom, `<link href="https://x.example/a"/>`, `<link>https://x.example/a</link>`, 1), true},
		{strings.Replace(plainAtom, `<id>tag:x.example,2026:1</id>`, `<id>a b</id>`, 1), true},
	} {
		fixed, _, err := repairXML([]byte(tc.doc))
		if err != nil {
			t.Fatal(err)
		}
		var got bool
		if strings.HasPrefix(tc.doc, "<rss") {
			r, err := (&rss.Parser{}).Parse(bytes.NewReader(fixed))
			if err != nil {
				t.Fatal(err)
			}
			tr := &rssTranslator{doc: fixed}
			f, err := tr.DefaultRSSTranslator.Translate(r)
			if err != nil {
				t.Fatal(err)
			}
			got = tr.needScan(r, f)
		} else {
			a, err := (&atom.Parser{}).Parse(bytes.NewReader(fixed))
			if err != nil {
				t.Fatal(err)
			}
			got = (&atomTranslator{doc: fixed}).needScan(a)
		}
		if got != tc.need {
			t.Errorf("needScan = %v, want %v for\n%s", got, tc.need, tc.doc)
		}
	}
}

func TestRDFAbouts(t *testing.T) {
	for _, tc := range []struct {
		doc  string
		want []string
	}{
		{`<channel><items><rdf:Seq/></items></channel><item rdf:about="a"/><itemType/><item
			rdf:about=" b "><title>x</title></item><item><title>no about</title></item>`, []string{"a", "b", ""}},
		{`<item about="plain attribute, not rdf:about"/>`, []string{""}},
		{`<item rdf:about="cut`, nil},
		// Every "<item " in CDATA counts (the caller compares counts); the
		// scan goes on after each tag's '>', so it stays linear.
		{`<item rdf:about="a"><d><![CDATA[` + strings.Repeat("<item ", 3) + `>]]></d></item>`, []string{"a", ""}},
	} {
		eqList(t, tc.doc, rdfAbouts([]byte(tc.doc)), tc.want...)
	}
}

func TestParseCDF(t *testing.T) {
	doc := `<?xml version="1.0"?>
<CHANNEL HREF="http://www.example.org/" BASE="http://base.example.org/" LASTMOD="2004-04-06T23:05:43-05:00">
  <TITLE>Channel &amp; title</TITLE>
  <ABSTRACT>Channel abstract</ABSTRACT>
  <LOGO HREF="/logo.gif" STYLE="IMAGE"/>
  <ITEM HREF="/item/1" LASTMOD="2004-04-07T10:00:00Z"><TITLE>First</TITLE><ABSTRACT>First abstract</ABSTRACT></ITEM>
  <channel href="/sub/"><title>Sub channel</title>
    <item href="2"><title>Second</title></item>
  </channel>
</CHANNEL>`
	p, err := Parse([]byte(doc), "", "")
	if err != nil {
		t.Fatal(err)
	}
	f := p.Feed
	eq(t, "title", f.Title, "Channel & title")
	eq(t, "description", f.Description, "Channel abstract")
	eq(t, "link", f.Link, "http://www.example.org/")
	if f.UpdatedParsed == nil || f.UpdatedParsed.Format(time.RFC3339) != "2004-04-07T04:05:43Z" {
		t.Errorf("updated %v", f.UpdatedParsed)
	}
	if len(f.Items) != 2 {
		t.Fatalf("%d items, want 2", len(f.Items))
	}
	eq(t, "item 0 title", f.Items[0].Title, "First")
	eq(t, "item 0 description", f.Items[0].Description, "First abstract")
	eq(t, "item 0 link (against BASE)", f.Items[0].Link, "http://base.example.org/item/1")
	eq(t, "item 0 updated", f.Items[0].Updated, "2004-04-07T10:00:00Z")
	eq(t, "item 1 link (against the sub-channel)", f.Items[1].Link, "http://base.example.org/sub/2")
	items := Items(p, mustCleaner(t))
	if len(items) != 2 || items[0].Title != "First" || items[0].URL != "http://base.example.org/item/1" {
		t.Errorf("stored items %+v", items)
	}

	// Not CDF: the typed error stays.
	for _, doc := range []string{`<channel2><title>x</title></channel2>`, `<foo><CHANNEL/></foo>`,
		`<channel><title>RSS without rss</title><item><title>x</title><link>https://x.example/</link></item></channel>`} {
		var pe *ParseError
		if _, err := Parse([]byte(doc), "", ""); !errors.As(err, &pe) {
			t.Errorf("%s: err %v, want *ParseError", doc, err)
		}
	}
}

func TestParseDraftAtomNamespace(t *testing.T) {
	for _, ns := range draftAtomNS {
		doc := `<feed version="0.3" xmlns="` + ns + `"><title>Draft feed</title>
			<entry><title>Entry</title><link rel="alternate" type="text/html" href="https://x.example/e"/><id>tag:x,1</id></entry></feed>`
		p, err := Parse([]byte(doc), "", "")
		if err != nil {
			t.Fatalf("%s: %v", ns, err)
		}
		eq(t, ns+" title", p.Feed.Title, "Draft feed")
		if len(p.Feed.Items) != 1 || p.Feed.Items[0].Link != "https://x.example/e" {
			t.Errorf("%s: items %+v", ns, p.Feed.Items)
		}
	}
	// Some other namespace on <feed> is left alone.
	p, err := Parse([]byte(`<feed xmlns="http://example.com/other"><title>x</title></feed>`), "", "")
	if err != nil {
		t.Fatal(err)
	}
	eq(t, "foreign namespace title", p.Feed.Title, "")
}
