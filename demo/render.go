package demo

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"encoding/xml"
	"fmt"
	htmltemplate "html/template"
	"strings"
	"text/template"
	"time"
)

// feedSpec describes one embedded feed.
type feedSpec struct {
	Key         string
	Path        string // URL path on the demo server
	Template    string // file under feeds/
	ContentType string
	Title       string
	Description string
	Folder      string
	Tags        []string
}

// feedSpecs lists the demo feeds, one per format.
var feedSpecs = []feedSpec{
	{FeedWire, "/feeds/wire.xml", "feeds/wire.rss.tmpl", "application/rss+xml; charset=utf-8",
		"Regional Wire (demo)", "Fictional wire copy for the sitrep offline demo.",
		"Demo/Wires", []string{"demo", "wire"}},
	{FeedDispatch, "/feeds/dispatch.atom", "feeds/dispatch.atom.tmpl", "application/atom+xml; charset=utf-8",
		"Frontier Dispatch (demo)", "Fictional reporting and analysis for the sitrep offline demo.",
		"Demo/Analysis", []string{"demo", "analysis"}},
	{FeedMonitor, "/feeds/monitor.json", "feeds/monitor.json.tmpl", "application/feed+json; charset=utf-8",
		"Crisis Monitor (demo)", "Fictional crisis monitoring for the sitrep offline demo; carries the seed article as scraped.",
		"Demo/Monitors", []string{"demo", "monitor"}},
}

// item is one article as a feed template sees it.
type item struct {
	Article
	URL       string    // absolute page URL on the demo server
	GUID      string    // stable per feed and slug
	Published time.Time // shifted (see shiftFor)
	Content   string    // HTML carried in the feed: full body, or summary + "Read more" for stubs
}

// feedData is what a feed template renders.
type feedData struct {
	feedSpec
	Base    string
	FeedURL string
	Updated time.Time
	Items   []item
}

// week is the shift granularity: whole weeks keep the weekdays the articles
// mention ("on Saturday") true.
const week = 7 * 24 * time.Hour

// shiftFor returns how far to move the fixed article dates forward so the
// newest lands within the week before now. Dates never move backwards.
func shiftFor(newest, now time.Time) time.Duration {
	if !now.After(newest) {
		return 0
	}
	return now.Sub(newest) / week * week
}

var feedFuncs = template.FuncMap{
	"xml": func(s string) (string, error) {
		var b strings.Builder
		if err := xml.EscapeText(&b, []byte(s)); err != nil {
			return "", err
		}
		return b.String(), nil
	},
	"json": func(v any) (string, error) {
		var b bytes.Buffer
		enc := json.NewEncoder(&b)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(v); err != nil {
			return "", err
		}
		return strings.TrimSuffix(b.String(), "\n"), nil
	},
	"rfc1123": func(t time.Time) string { return t.UTC().Format(time.RFC1123Z) },
	"rfc3339": func(t time.Time) string { return t.UTC().Format(time.RFC3339) },
}

// doc is one rendered resource with its HTTP validators.
type doc struct {
	body  []byte
	ctype string
	etag  string
	mod   time.Time
}

func newDoc(body []byte, ctype string, mod time.Time) doc {
	sum := sha256.Sum256(body)
	return doc{body: body, ctype: ctype, etag: `"` + hex.EncodeToString(sum[:12]) + `"`, mod: mod.UTC().Truncate(time.Second)}
}

// render builds every feed and article page for a server at base.
func render(base string, articles []Article, shift time.Duration) (map[string]doc, error) {
	docs := map[string]doc{}
	items := map[string][]item{}
	for _, a := range articles {
		it := item{
			Article:   a,
			URL:       base + "/articles/" + a.Slug,
			GUID:      "sitrep-demo:" + a.Feed + ":" + a.Slug,
			Published: a.Published.Add(shift),
			Content:   a.HTML,
		}
		if a.Stub {
			it.Content = fmt.Sprintf("<p>%s</p>\n<p><a href=\"%s\">Read more</a></p>",
				htmltemplate.HTMLEscapeString(a.Summary), it.URL)
		}
		items[a.Feed] = append(items[a.Feed], it)

		page, err := renderPage(it)
		if err != nil {
			return nil, fmt.Errorf("demo: page %s: %w", a.Slug, err)
		}
		docs["/articles/"+a.Slug] = newDoc(page, "text/html; charset=utf-8", it.Published)
	}
	for _, spec := range feedSpecs {
		data := feedData{feedSpec: spec, Base: base, FeedURL: base + spec.Path, Items: items[spec.Key]}
		for _, it := range data.Items {
			if it.Published.After(data.Updated) {
				data.Updated = it.Published
			}
		}
		tmpl, err := template.New(spec.Template).Funcs(feedFuncs).ParseFS(content, spec.Template)
		if err != nil {
			return nil, fmt.Errorf("demo: parse %s: %w", spec.Template, err)
		}
		var b bytes.Buffer
		if err := tmpl.ExecuteTemplate(&b, strings.TrimPrefix(spec.Template, "feeds/"), data); err != nil {
			return nil, fmt.Errorf("demo: render %s: %w", spec.Template, err)
		}
		docs[spec.Path] = newDoc(b.Bytes(), spec.ContentType, data.Updated)
	}
	return docs, nil
}

// pageTemplate is a news site's article page: navigation, share bar, related
// links, footer and cookie banner around the article, so full-text extraction
// has real boilerplate to remove.
var pageTemplate = htmltemplate.Must(htmltemplate.ParseFS(content, "feeds/page.html.tmpl"))

type pageData struct {
	item
	Body htmltemplate.HTML
	Dir  string
}

func renderPage(it item) ([]byte, error) {
	d := pageData{item: it, Dir: "ltr"}
	if it.RTL() {
		d.Dir = "rtl"
	}
	if it.Text != "" {
		// The seed is plain text: its page shows the same paragraphs.
		var b strings.Builder
		for _, p := range strings.Split(it.Text, "\n\n") {
			if p = strings.TrimSpace(p); p != "" {
				b.WriteString("<p>" + htmltemplate.HTMLEscapeString(p) + "</p>\n")
			}
		}
		d.Body = htmltemplate.HTML(b.String())
	} else {
		d.Body = htmltemplate.HTML(it.HTML) // embedded, trusted sample content
	}
	var b bytes.Buffer
	if err := pageTemplate.Execute(&b, d); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}
