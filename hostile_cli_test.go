package main

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// hostileCLIFeed carries terminal escapes (raw and as references) in the
// feed title, item titles, author, link and content, plus markup.
func hostileCLIFeed() string {
	esc := "\x1b]52;c;SGVsbG8=\x07CLIP \x1b[2JCLEAR \x1b]8;;https://evil.example/\x07LINK \u202eBIDI \rCR \u009b31mCONE"
	ent := "&#27;]52;c;SGVsbG8=&#7;ECLIP &#x1b;[2JECLEAR &#13;ECR"
	now := time.Now().UTC().Add(-time.Hour).Format(time.RFC1123Z)
	return `<?xml version="1.0"?><rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>Evil ` + esc + `</title>` +
		`<item><title>Talks collapsed ` + esc + `</title><link>https://evil.example/1` + esc + `</link><guid>1</guid><dc:creator>Author ` + esc + `</dc:creator>` +
		`<description><![CDATA[<p>“We will not stop ` + ent + `,” said Evil Person, the spokesman, in Doha on Tuesday. The ceasefire collapsed.</p><script>alert(1)</script>]]></description><pubDate>` + now + `</pubDate></item>` +
		`<item><title>Entities ` + ent + `</title><link>javascript:alert(1)</link><guid>2</guid><description>` + ent + ` body</description><pubDate>` + now + `</pubDate></item>` +
		`</channel></rss>`
}

// cleanOutput fails on anything in a command's output that could act on a
// terminal: with NO_COLOR and no terminal there is no escape of our own.
func cleanOutput(t *testing.T, what, s string) {
	t.Helper()
	for i, r := range s {
		if unsafeRune(r) || r == '\r' {
			t.Errorf("%s: %U at %d: %q", what, r, i, s[max(0, i-40):min(len(s), i+40)])
			return
		}
	}
}

// Every command that prints feed content, on a hostile feed, end to end
// through the real command line: fetch (text and --json), feeds list (text
// and --json), brief (md, html, json), inspect (text and --json). No output
// holds a control, escape, CR or bidi control; the JSON parses.
func TestHostileFeedThroughEveryCommand(t *testing.T) {
	body := hostileCLIFeed()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/broken" {
			w.Header().Set("Location", "file:///etc/passwd")
			w.WriteHeader(http.StatusFound)
			return
		}
		w.Write([]byte(body))
	}))
	defer srv.Close()
	t.Setenv("NO_COLOR", "1")
	flags := fetchEnv(t, srv.URL+"/evil", srv.URL+"/broken")
	dir := t.TempDir()
	for _, c := range []struct {
		args []string
		json bool
		want string
	}{
		{args: []string{"fetch"}, want: "2 new articles"},
		{args: []string{"fetch", "--json", "--force"}, json: true},
		{args: []string{"feeds", "list"}, want: "Evil"},
		{args: []string{"feeds", "list", "--json"}, json: true},
		{args: []string{"brief", "--format", "md"}, want: "Talks collapsed"},
		{args: []string{"brief", "--format", "html"}, want: "Talks collapsed"},
		{args: []string{"brief", "--format", "json"}, json: true},
		{args: []string{"brief", "-o", filepath.Join(dir, "b.html")}},
		{args: []string{"inspect", srv.URL + "/evil"}, want: "Talks collapsed"},
		{args: []string{"inspect", "--json", srv.URL + "/evil"}, json: true},
	} {
		args := append(append([]string{}, c.args...), flags...)
		if c.args[0] == "inspect" {
			args = c.args // inspect needs no config or database
		}
		code, stdout, stderr := runSitrep(t, "", args...)
		what := strings.Join(c.args[:min(3, len(c.args))], " ")
		if code != 0 && c.args[0] != "fetch" {
			t.Errorf("%s: exit %d\n%s", what, code, stderr)
		}
		cleanOutput(t, what+" stdout", stdout)
		cleanOutput(t, what+" stderr", stderr)
		if c.want != "" && !strings.Contains(stdout+stderr, c.want) {
			t.Errorf("%s: output lacks %q:\n%s%s", what, c.want, stdout, stderr)
		}
		if c.json {
			var v any
			if err := json.Unmarshal([]byte(stdout), &v); err != nil {
				t.Errorf("%s: JSON: %v\n%s", what, err, stdout)
			}
			checkStrings(t, v, what)
		}
	}
	out, err := os.ReadFile(filepath.Join(dir, "b.html"))
	if err != nil {
		t.Fatal(err)
	}
	cleanOutput(t, "brief -o b.html", string(out))
	if low := strings.ToLower(string(out)); strings.Contains(low, "<script") || strings.Contains(low, `href="javascript`) {
		t.Error("brief html carries live markup")
	}
}
