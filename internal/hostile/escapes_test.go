package hostile

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
)

// payloads are terminal attacks, each followed by a marker word so a test
// can tell that the text around the attack survived (cleaned, not dropped).
var payloads = []struct{ name, raw, marker string }{
	{"csi clear", "\x1b[2J\x1b[H", "CLEARMARK"},
	{"cursor move", "\x1b[5;5H", "MOVEMARK"},
	{"truecolor sgr", "\x1b[38;2;1;2;3m", "SGRMARK"},
	{"conceal sgr", "\x1b[8m", "HIDEMARK"},
	{"osc 8", "\x1b]8;;https://evil.example/\x07", "LINKMARK"},
	{"osc 52", "\x1b]52;c;SGVsbG8=\x07", "CLIPMARK"},
	{"osc 52 st", "\x1b]52;c;SGVsbG8=\x1b\\", "CLIPSTMARK"},
	{"window title", "\x1b]0;pwned\x07", "TITLEMARK"},
	{"dcs sixel", "\x1bPq#0;2;0;0;0\x1b\\", "DCSMARK"},
	{"c1 csi", "\u009b2J", "CONEMARK"},
	{"c1 osc", "\u009d52;c;SGVsbG8=\u009c", "CTWOMARK"},
	{"cr overwrite", "\r", "CRMARK"},
	{"bel", "\x07", "BELMARK"},
	{"bidi override", "\u202e", "BIDIMARK"},
	{"bidi isolate", "\u2067", "ISOMARK"},
	{"nul", "\x00", "NULMARK"},
	{"del", "\x7f", "DELMARK"},
}

// attack returns every payload with its marker, raw or as XML/HTML numeric
// character references (&#27; and friends).
func attack(entities bool) string {
	var b strings.Builder
	for _, p := range payloads {
		s := p.raw
		if entities {
			var e strings.Builder
			for _, r := range s {
				if r < 0x20 || (r >= 0x7f && r <= 0x9f) || r >= 0x2000 {
					fmt.Fprintf(&e, "&#%d;", r)
				} else {
					e.WriteRune(r)
				}
			}
			s = e.String()
		}
		b.WriteString(s + p.marker + " ")
	}
	return b.String()
}

// xmlText escapes what XML itself needs (but not the controls).
func xmlText(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;").Replace(s)
}

// attackRSS is an RSS 2.0 feed with the attack in every field sitrep reads.
func attackRSS(entities bool) string {
	a := attack(entities)
	if !entities {
		a = xmlText(a)
	}
	link := "https://evil.example/story" + strings.ReplaceAll(a, " ", "")
	return `<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel>
<title>Feed ` + a + `</title><link>https://evil.example/</link>
<item><title>Title ` + a + `</title><link>` + link + `</link><guid>g1 ` + a + `</guid>
<dc:creator>Author ` + a + `</dc:creator>
<description><![CDATA[<p>Description ` + a + `</p><p>“We will not stop ` + a + `,” said Evil ` + a + ` Person, the spokesman.</p>]]></description>
<enclosure url="https://evil.example/audio.mp3` + strings.ReplaceAll(a, " ", "") + `" type="audio/mpeg" length="1"/>
<pubDate>Tue, 03 Mar 2026 10:00:00 GMT</pubDate></item>
<item><title>Second ` + a + `</title><link>https://evil.example/two</link><guid>g2</guid>
<content:encoded><![CDATA[<p>Content ` + a + `</p><a href="https://evil.example/x">link ` + a + `</a>]]></content:encoded>
<author>spy@evil.example (Mail ` + a + `)</author>
<pubDate>Tue, 03 Mar 2026 09:00:00 GMT</pubDate></item>
</channel></rss>`
}

// attackAtom is the attack in an Atom feed (escaped HTML content, attributes).
func attackAtom(entities bool) string {
	a := attack(entities)
	if !entities {
		a = xmlText(a)
	}
	return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom ` + a + `</title><id>urn:x</id><updated>2026-03-03T10:00:00Z</updated>
<entry><title type="html">Atom title ` + a + `</title><id>a1</id><updated>2026-03-03T10:00:00Z</updated>
<link href="https://evil.example/atom` + strings.ReplaceAll(a, " ", "") + `"/>
<link rel="enclosure" href="https://evil.example/e.mp3` + strings.ReplaceAll(a, " ", "") + `"/>
<author><name>Atom author ` + a + `</name></author>
<content type="html">` + xmlText("<p>Atom content "+a+"</p>") + `</content></entry></feed>`
}

// attackJSON is the attack in a JSON Feed (as \u001b escapes: JSON cannot
// carry raw controls) plus HTML entities in content_html.
func attackJSON() string {
	raw, ents := attack(false), attack(true)
	doc := map[string]any{
		"version": "https://jsonfeed.org/version/1.1", "title": "JSON " + raw,
		"items": []any{map[string]any{
			"id": "j1 " + raw, "url": "https://evil.example/json" + strings.ReplaceAll(raw, " ", ""),
			"title": "JSON title " + raw, "content_html": "<p>JSON html " + raw + "</p><p>" + ents + "</p>",
			"authors":        []any{map[string]any{"name": "JSON author " + raw}},
			"attachments":    []any{map[string]any{"url": "https://evil.example/a.mp3" + raw, "mime_type": "audio/mpeg"}},
			"date_published": "2026-03-03T10:00:00Z",
		}, map[string]any{"id": "j2", "title": "JSON text", "content_text": "JSON text " + raw, "date_published": "2026-03-03T09:00:00Z"}},
	}
	b, _ := json.Marshal(doc)
	return string(b)
}

// Terminal escapes (ESC/CSI/OSC 8/OSC 52/DCS/C1/CR/bidi/NUL), raw and as
// entities, in every field of RSS, Atom and JSON feeds: the feeds are stored
// (one hostile field never drops a feed), every stored string sitrep shows is
// clean, the analysis JSON is clean, and the reader's rendered list, article
// and sidebar carry no sequence but the program's own SGR styling.
func TestTerminalEscapesEndToEnd(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	urls := []string{
		e.serve("/raw.rss", "application/rss+xml", []byte(attackRSS(false))),
		e.serve("/entities.rss", "application/rss+xml", []byte(attackRSS(true))),
		e.serve("/raw.atom", "application/atom+xml", []byte(attackAtom(false))),
		e.serve("/entities.atom", "application/atom+xml", []byte(attackAtom(true))),
		e.serve("/feed.json", "application/feed+json", []byte(attackJSON())),
	}
	sum := e.refresh(urls...)
	if sum.Failed != 0 {
		t.Errorf("hostile feeds failed (a hostile field must not drop its feed): %+v", sum.Errors)
	}
	total := 0
	for _, u := range urls {
		f := e.feed(u)
		checkText(t, "feed title of "+u, f.Title)
		checkText(t, "last error of "+u, f.LastError)
		arts := e.articles(f.ID)
		if len(arts) == 0 {
			t.Errorf("%s: nothing stored", u)
		}
		total += len(arts)
		for _, a := range arts {
			checkStored(t, a)
			checkAnalysis(t, a)
			// Cleaned, not dropped: the words around the attacks are there.
			for _, m := range []string{"CLIPMARK", "LINKMARK", "CRMARK", "BIDIMARK", "NULMARK"} {
				if strings.Contains(a.Text+a.Title, "Title") && !strings.Contains(a.Title, m) {
					t.Errorf("%s: marker %s lost from title %q", u, m, clip(a.Title))
				}
			}
		}
	}
	screens := readEverything(t, e.st, total)
	t.Logf("%d hostile articles from %d feeds stored and rendered (%d bytes of screens)", total, len(urls), len(screens))
	for _, u := range urls {
		if a := e.articles(e.feed(u).ID); len(a) > 0 {
			t.Logf("%s: stored title %q", u[len(e.srv.URL):], clip(a[0].Title))
		}
	}
	for _, m := range []string{"CLIPMARK", "SGRMARK", "CRMARK", "DCSMARK"} {
		if !strings.Contains(screens, m) {
			t.Errorf("marker %s never rendered: the reader did not show the hostile articles", m)
		}
	}
}
