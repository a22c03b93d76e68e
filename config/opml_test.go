package config

import (
	"bytes"
	"errors"
	"os"
	"reflect"
	"runtime"
	"strings"
	"testing"
	"time"
)

func importFile(t *testing.T, name string) ([]Feed, []Skipped) {
	t.Helper()
	f, err := os.Open("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	feeds, skipped, err := ImportOPML(f)
	if err != nil {
		t.Fatalf("ImportOPML(%s): %v", name, err)
	}
	return feeds, skipped
}

func TestImportNested(t *testing.T) {
	feeds, skipped := importFile(t, "nested.opml")
	want := []Feed{
		{URL: "https://top.example/rss", Title: "Top level feed"},
		{URL: "https://allafrica.example/rss?a=1&b=2", Title: "AllAfrica & Partners", Folder: "News/Africa", HTMLURL: "https://allafrica.example/", Tags: []string{"Regions/Africa", "aid"}},
		{URL: "https://bbc.example/europe.xml", Title: "BBC Europe", Folder: "News"},
		{URL: "https://atom.example/feed", Title: "Title wins"},
	}
	if !reflect.DeepEqual(feeds, want) {
		t.Errorf("feeds:\n got %+v\nwant %+v", feeds, want)
	}
	reasons := map[string]string{}
	for _, s := range skipped {
		reasons[s.Title] = s.Reason
		if s.Line == 0 {
			t.Errorf("skipped %q has no line", s.Title)
		}
	}
	if len(skipped) != 3 ||
		!strings.Contains(reasons["Empty folder"], "no xmlUrl") ||
		!strings.Contains(reasons["A link"], `type "link"`) ||
		!strings.Contains(reasons["Top level feed again"], "duplicate of the feed on line 5") {
		t.Errorf("skipped = %+v", skipped)
	}
}

func TestImportHostile(t *testing.T) {
	feeds, skipped := importFile(t, "hostile.opml")
	gotURLs := map[string]Feed{}
	for _, f := range feeds {
		gotURLs[f.URL] = f
		for _, s := range append([]string{f.Title, f.Folder, f.URL}, f.Tags...) {
			if i := strings.IndexFunc(s, func(r rune) bool {
				return r < 0x20 || r == 0x7f || (r >= 0x80 && r <= 0x9f) || (r >= 0x202a && r <= 0x202e) || r == 0x200b || r >= shieldBase
			}); i >= 0 {
				t.Errorf("control or bidi character survived in %q", s)
			}
		}
	}
	for _, u := range []string{"https://esc-raw.example/rss", "https://esc-entity.example/rss", "https://c1.example/rss", "https://nul.example/rss", "https://inside.example/rss"} {
		if _, ok := gotURLs[u]; !ok {
			t.Errorf("safe feed %s with a hostile title was not imported", u)
		}
	}
	if len(feeds) != 5 {
		t.Errorf("imported %d feeds, want 5: %+v", len(feeds), feeds)
	}
	if got := gotURLs["https://esc-entity.example/rss"].Title; !strings.HasPrefix(got, "entity") || !strings.Contains(got, "clear") {
		t.Errorf("entity title = %q", got)
	}
	if got := gotURLs["https://inside.example/rss"]; !strings.HasPrefix(got.Folder, "Folder") || len(got.Tags) != 2 {
		t.Errorf("inside feed = %+v", got)
	}
	wantSkipped := map[string]string{
		"exec": "exec:", "newsboat exec": "exec:", "newsboat filter": "filter:", "query": "query:",
		"file": "only http and https", "js": "only http and https", "data": "only http and https",
		"ftp": `scheme "ftp"`, "semicolon": "metacharacter", "pipe": "metacharacter",
		"subshell": "metacharacter", "backtick": "metacharacter", "relative": "no scheme",
		"control in URL": "control character",
	}
	if len(skipped) != len(wantSkipped) {
		t.Errorf("skipped %d, want %d: %+v", len(skipped), len(wantSkipped), skipped)
	}
	for _, s := range skipped {
		w, ok := wantSkipped[s.Title]
		if !ok || !strings.Contains(s.Reason, w) {
			t.Errorf("skipped %q: reason %q, want %q", s.Title, s.Reason, w)
		}
		if strings.ContainsAny(s.URL, "\x1b\x07\x00") {
			t.Errorf("skipped URL not printable: %q", s.URL)
		}
	}
}

func TestOPMLRoundTrip(t *testing.T) {
	feeds := []Feed{
		{URL: "https://a.example/rss", Title: "A <&> \"quoted\" 'x'", Folder: "World"},
		{URL: "https://b.example/rss?x=1&y=2", Folder: "Regions/Africa/East", Tags: []string{"aid", "conflict"}, HTMLURL: "https://b.example/"},
		{URL: "https://c.example/rss", Title: "C", FullText: "always", Interval: 90 * time.Minute},
		{URL: "https://d.example/rss", Title: "D", Folder: "Regions/Africa"},
		{URL: "https://e.example/rss", Title: "Ünïcødé عربي", Folder: "World"},
		{URL: "https://f.example/rss", Title: "F", Folder: "Regions"},
	}
	var buf bytes.Buffer
	if err := ExportOPML(&buf, feeds); err != nil {
		t.Fatal(err)
	}
	got, skipped, err := ImportOPML(&buf)
	if err != nil {
		t.Fatalf("%v\n%s", err, buf.String())
	}
	if len(skipped) != 0 {
		t.Errorf("skipped: %+v", skipped)
	}
	// Export groups by folder in first-appearance order; compare as sets and check the order of a folder.
	if len(got) != len(feeds) {
		t.Fatalf("got %d feeds", len(got))
	}
	byURL := map[string]Feed{}
	for _, f := range got {
		byURL[f.URL] = f
	}
	for _, f := range feeds {
		if !reflect.DeepEqual(byURL[f.URL], f) {
			t.Errorf("round trip:\n got %+v\nwant %+v", byURL[f.URL], f)
		}
	}
	// And export of the re-import is byte-identical.
	var again, first bytes.Buffer
	ExportOPML(&first, feeds)
	ExportOPML(&again, got)
	if first.String() != again.String() {
		t.Errorf("second export differs:\n%s\n---\n%s", first.String(), again.String())
	}
	if !strings.Contains(first.String(), `<outline text="Regions" title="Regions">`) || !strings.Contains(first.String(), `<outline text="East" title="East">`) {
		t.Errorf("folders not nested:\n%s", first.String())
	}
}

func TestExportSanitises(t *testing.T) {
	var buf bytes.Buffer
	err := ExportOPML(&buf, []Feed{{URL: "https://a.example/", Title: "bad\x1b[31m\x00title"}})
	if err != nil {
		t.Fatal(err)
	}
	if strings.ContainsAny(buf.String(), "\x1b\x00") {
		t.Errorf("control characters exported: %q", buf.String())
	}
	if _, _, err := ImportOPML(&buf); err != nil {
		t.Errorf("export is not valid OPML: %v", err)
	}
	var w failWriter
	if err := ExportOPML(w, []Feed{{URL: "https://a.example/"}}); err == nil {
		t.Error("write error not reported")
	}
}

type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

func TestImportMalformed(t *testing.T) {
	cases := map[string]struct{ src, want string }{
		"empty":           {"", "no <opml>"},
		"not xml":         {"feeds: []", "not an OPML"},
		"html":            {"<html><body></body></html>", "root element is <html>"},
		"rss":             {`<rss version="2.0"><channel/></rss>`, "root element is <rss>"},
		"no body":         {`<opml version="2.0"><head/></opml>`, "no <body>"},
		"unclosed":        {`<opml version="2.0"><body><outline text="x">`, "malformed OPML"},
		"mismatched":      {`<opml><body></head></opml>`, "malformed OPML"},
		"billion laughs":  {`<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]><opml><body><outline text="&lol2;" xmlUrl="https://x.example/"/></body></opml>`, "invalid character entity"},
		"external entity": {`<?xml version="1.0"?><!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><opml><body><outline text="&xxe;" xmlUrl="https://x.example/"/></body></opml>`, "invalid character entity"},
		"bad charset":     {`<?xml version="1.0" encoding="klingon"?><opml><body/></opml>`, "malformed OPML"},
	}
	for name, tc := range cases {
		_, _, err := ImportOPML(strings.NewReader(tc.src))
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: err = %v, want %q", name, err, tc.want)
		}
		if strings.Contains(tc.want, "root element") && !errors.Is(err, ErrNotOPML) {
			t.Errorf("%s: not ErrNotOPML: %v", name, err)
		}
	}
}

func TestImportBounds(t *testing.T) {
	deep := strings.Repeat(`<outline text="f">`, MaxOPMLDepth+5) + strings.Repeat(`</outline>`, MaxOPMLDepth+5)
	_, _, err := ImportOPML(strings.NewReader(`<opml><body>` + deep + `</body></opml>`))
	if !errors.Is(err, ErrOPMLLimit) || !strings.Contains(err.Error(), "nested deeper") {
		t.Errorf("deep: %v", err)
	}
	many := strings.Repeat(`<outline text="x"/>`, MaxOPMLOutlines+1)
	_, _, err = ImportOPML(strings.NewReader(`<opml><body>` + many + `</body></opml>`))
	if !errors.Is(err, ErrOPMLLimit) || !strings.Contains(err.Error(), "more than") {
		t.Errorf("many: %v", err)
	}
	huge := &repeatReader{prefix: `<opml><body><outline text="`, fill: 'a', n: MaxOPMLSize + 10}
	_, _, err = ImportOPML(huge)
	if !errors.Is(err, ErrOPMLLimit) || !strings.Contains(err.Error(), "larger than") {
		t.Errorf("huge: %v", err)
	}
	ctl := `<opml><body><outline text="` + strings.Repeat("\x1b", maxOPMLControls+1) + `" xmlUrl="https://x.example/"/></body></opml>`
	if _, _, err = ImportOPML(strings.NewReader(ctl)); !errors.Is(err, ErrOPMLLimit) {
		t.Errorf("many controls: %v", err)
	}
	// A long title is cut, not refused.
	long := `<opml><body><outline text="` + strings.Repeat("word ", 10000) + `" xmlUrl="https://x.example/"/></body></opml>`
	feeds, _, err := ImportOPML(strings.NewReader(long))
	if err != nil || len(feeds) != 1 || len([]rune(feeds[0].Title)) > maxTitleRunes+1 {
		t.Errorf("long title: %v %d", err, len(feeds))
	}
}

type repeatReader struct {
	prefix string
	fill   byte
	n      int
	pos    int
}

func (r *repeatReader) Read(p []byte) (int, error) {
	if r.pos >= r.n {
		return 0, errors.New("EOF")
	}
	i := 0
	for ; i < len(p) && r.pos < r.n; i++ {
		if r.pos < len(r.prefix) {
			p[i] = r.prefix[r.pos]
		} else {
			p[i] = r.fill
		}
		r.pos++
	}
	return i, nil
}

func TestImportCharsets(t *testing.T) {
	latin1 := []byte("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><opml><body><outline text=\"Caf\xe9 \x1b[31mred\" xmlUrl=\"https://x.example/\"/></body></opml>")
	feeds, _, err := ImportOPML(bytes.NewReader(latin1))
	if err != nil || len(feeds) != 1 || !strings.HasPrefix(feeds[0].Title, "Café ") || !strings.HasSuffix(feeds[0].Title, "red") || strings.ContainsRune(feeds[0].Title, 0xf3) {
		t.Errorf("latin1: %v %+v", err, feeds)
	}
	// UTF-16 with BOM.
	s := `<?xml version="1.0" encoding="UTF-16"?><opml><body><outline text="Ünï" xmlUrl="https://y.example/"/></body></opml>`
	var u16 []byte
	u16 = append(u16, 0xFE, 0xFF)
	for _, r := range s {
		u16 = append(u16, byte(r>>8), byte(r))
	}
	feeds, _, err = ImportOPML(bytes.NewReader(u16))
	if err != nil || len(feeds) != 1 || feeds[0].Title != "Ünï" {
		t.Errorf("utf16: %v %+v", err, feeds)
	}
}

func TestShieldControls(t *testing.T) {
	cases := map[string]string{
		"plain &amp; text":  "plain &amp; text",
		"a\x1bb":            "a&#xF001B;b",
		"&#27;&#x1b;&#X1B;": "&#xF001B;&#xF001B;&#xF001B;",
		"&#9;&#10;&#65;":    "&#9;&#10;&#65;",
		"&#xD800;&#65534;":  "&#xFFFD;&#xFFFD;",
		"&#x110000;":        "&#xFFFD;",
		"&#;&#x;&#12a;&#":   "&#;&#x;&#12a;&#",
		"&#99999999999999;": "&#99999999999999;",
		"tab\tnl\ncr\r":     "tab\tnl\ncr\r",
		"&#x9b;":            "&#x9b;",
		"\x00\x07":          "&#xF0000;&#xF0007;",
	}
	for in, want := range cases {
		got, err := shieldControls([]byte(in))
		if err != nil || string(got) != want {
			t.Errorf("shieldControls(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	refs := strings.Repeat("&#27;", maxOPMLControls+1)
	if _, err := shieldControls([]byte(refs)); !errors.Is(err, ErrOPMLLimit) {
		t.Errorf("many references: %v", err)
	}
}

// Memory grows linearly with the input and stays far inside the 256 MB heap
// budget of the hostile-input suite (issue 9) for the largest accepted file:
// a 2 MiB document may allocate at most 32 MiB (so 16 MiB at most 256 MiB).
func TestImportMemoryBound(t *testing.T) {
	const size = 2 << 20
	for name, src := range map[string]string{
		"references": `<opml><body><outline text="` + strings.Repeat("&#65;a", size/6) + `" xmlUrl="https://x.example/"/></body></opml>`,
		"one title":  `<opml><body><outline text="` + strings.Repeat("é", size/2) + `" xmlUrl="https://x.example/"/></body></opml>`,
		"controls":   `<opml><body><outline text="` + strings.Repeat("\x1b&#27;", maxOPMLControls/2) + strings.Repeat("a", size/2) + `" xmlUrl="https://x.example/"/></body></opml>`,
	} {
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		feeds, _, err := ImportOPML(strings.NewReader(src))
		runtime.ReadMemStats(&after)
		if err != nil || len(feeds) != 1 {
			t.Fatalf("%s: %v", name, err)
		}
		if alloc := after.TotalAlloc - before.TotalAlloc; alloc > size*16 {
			t.Errorf("%s: %d KiB input allocated %d MiB", name, len(src)>>10, alloc>>20)
		}
	}
}
