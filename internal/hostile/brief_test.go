package hostile

import (
	"bytes"
	"context"
	"encoding/json"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/sitrep-news/sitrep/brief"
	"github.com/sitrep-news/sitrep/store"
)

// htmlInjection is markup a feed may smuggle into titles, authors, quotes
// and links, escaped once (as RSS titles often are) so it decodes to tags.
const htmlInjection = `&lt;script&gt;alert(1)&lt;/script&gt; &lt;img src=x onerror=alert(2)&gt; "&gt;&lt;svg onload=alert(3)&gt; [md](javascript:alert(4)) &lt;a href="javascript:alert(5)"&gt;x&lt;/a&gt;`

// The briefing export (`sitrep brief`, md/html/json) over hostile stored
// articles: no control or escape in any format, no live markup in the HTML
// (script, event handlers, javascript: links) and no raw HTML or
// javascript: link in the Markdown; the JSON's strings pass the text check.
func TestHostileBriefingExport(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	a := attack(true)
	body := `<?xml version="1.0"?><rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>Feed ` + htmlInjection + a + `</title>` +
		`<item><title>Talks collapsed ` + htmlInjection + a + `</title><link>https://evil.example/1</link><guid>1</guid><dc:creator>` + htmlInjection + `</dc:creator>` +
		`<description><![CDATA[<p>“We will not stop ` + strings.ReplaceAll(htmlInjection, "&lt;", "<") + `,” said Evil Person ` + a + `, the spokesman, in Doha on Tuesday.</p>` +
		`<p>The ceasefire collapsed after talks in Doha ended, officials said. <script>alert(6)</script><a href="javascript:alert(7)">click</a></p>]]></description>` +
		`<pubDate>` + time.Now().UTC().Add(-time.Hour).Format(time.RFC1123Z) + `</pubDate></item></channel></rss>`
	u := e.serve("/brief.rss", "application/rss+xml", []byte(body))
	if sum := e.refresh(u); sum.New != 1 {
		t.Fatalf("%+v %v", sum, sum.Errors)
	}
	b, err := brief.Collect(context.Background(), e.st, store.Query{Since: time.Now().Add(-48 * time.Hour)}, "sitrep briefing: "+attack(false), time.Now())
	if err != nil {
		t.Fatal(err)
	}
	var md, html, js bytes.Buffer
	if err := brief.Markdown(&md, b); err != nil {
		t.Fatal(err)
	}
	if err := brief.HTML(&html, b); err != nil {
		t.Fatal(err)
	}
	if err := brief.JSON(&js, b); err != nil {
		t.Fatal(err)
	}
	checkText(t, "markdown brief", md.String())
	checkText(t, "html brief", html.String())
	checkJSONExceptTitle(t, js.Bytes())
	if !strings.Contains(md.String(), "Talks collapsed") {
		t.Fatalf("the hostile article is not in the brief:\n%s", md.String())
	}
	low := strings.ToLower(html.String())
	for _, re := range []string{`<script`, `<svg`, `<img`, `\son[a-z]+\s*=`, `(href|src)\s*=\s*["']?\s*javascript`} {
		if loc := regexp.MustCompile(re).FindStringIndex(low); loc != nil {
			t.Errorf("html brief: live markup %q: …%s…", re, low[max(0, loc[0]-60):min(len(low), loc[1]+60)])
		}
	}
	lowMD := strings.ToLower(md.String())
	for _, re := range []string{`<script`, `<svg`, `<img`, `<a `, `[^\\]\]\(\s*javascript:`, `<javascript:`} {
		if loc := regexp.MustCompile(re).FindStringIndex(lowMD); loc != nil {
			t.Errorf("markdown brief: %q: …%s…", re, lowMD[max(0, loc[0]-60):min(len(lowMD), loc[1]+60)])
		}
	}
}

// checkJSONExceptTitle checks every string of the JSON brief but the
// top-level title (see TestBriefJSONTitleIsCleaned).
func checkJSONExceptTitle(t *testing.T, data []byte) {
	t.Helper()
	var v map[string]any
	if err := json.Unmarshal(data, &v); err != nil {
		t.Fatal(err)
	}
	delete(v, "title")
	out, _ := json.Marshal(v)
	checkJSON(t, "json brief", out)
}

// The briefing's title ("sitrep briefing: " + the --folder argument) must be
// cleaned in the JSON export as in Markdown and HTML, or `sitrep brief
// --folder "$(printf '\e]52;c;...\a')" --format json | jq -r .title` would
// write the escape to the terminal.
func TestBriefJSONTitleIsCleaned(t *testing.T) {
	b := brief.Brief{Title: "sitrep briefing: " + attack(false), Generated: time.Now()}
	var js bytes.Buffer
	if err := brief.JSON(&js, b); err != nil {
		t.Fatal(err)
	}
	checkJSON(t, "json brief", js.Bytes())
}
