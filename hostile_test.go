package main

import (
	"encoding/json"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/sitrep-news/sitrep/feed/clean"
	"github.com/sitrep-news/sitrep/summarize"
)

// unsafeRune reports characters that must never reach a terminal: C0 except
// newline and tab, DEL, C1, and bidi embedding/override/isolate controls.
func unsafeRune(r rune) bool {
	switch {
	case r == '\n' || r == '\t':
		return false
	case r < 0x20 || r == 0x7f || (r >= 0x80 && r <= 0x9f):
		return true
	case (r >= 0x202a && r <= 0x202e) || (r >= 0x2066 && r <= 0x2069):
		return true
	}
	return false
}

// checkStrings walks decoded JSON and fails on any unsafe string.
func checkStrings(t *testing.T, v any, path string) {
	switch x := v.(type) {
	case string:
		if !utf8.ValidString(x) {
			t.Fatalf("%s: invalid UTF-8 %q", path, x)
		}
		for _, r := range x {
			if unsafeRune(r) {
				t.Fatalf("%s: unsafe %U in %q", path, r, x)
			}
		}
	case map[string]any:
		for k, e := range x {
			checkStrings(t, e, path+"."+k)
		}
	case []any:
		for i, e := range x {
			checkStrings(t, e, path+"["+string(rune('0'+i%10))+"]")
		}
	}
}

// extractJSON is what `sitrep extract --json` prints for raw input bytes.
func extractJSON(t *testing.T, raw string, html bool) []byte {
	c, err := clean.New(nil)
	if err != nil {
		t.Fatal(err)
	}
	var a clean.Article
	if html {
		if a, err = c.Page([]byte(raw), "https://example.com/a"); err != nil {
			return nil // a typed error, nothing printed
		}
	} else {
		a = c.Text("", raw)
	}
	out, err := json.Marshal(summarize.Analyze(summarize.Input{Title: a.Title, Text: a.Text}))
	if err != nil {
		t.Fatal(err)
	}
	return out
}

var hostileSeeds = []string{
	"Title \x1b]52;c;ZXZpbA==\x07\n\n“We will respond,” the minister said.\x1b[2J\r\n\nTalks collapsed in Doha.",
	"<p>Hi &#27;[31m red &#x1b;]8;;https://evil.example\x07link&#27;]8;;&#7;</p><script>alert(1)</script>",
	"\u202eevil\u202c title\n\n\u2066isolate\u2069 “quote\u200b” he said\x9b31m\x00",
	"Rock &amp;amp; Roll\r\n\r\nErdoÄŸan said: \"peace is near\".",
	strings.Repeat("“", 500) + strings.Repeat("said ", 200),
}

// TestExtractJSONIsTerminalSafe: for hostile inputs, every string in the
// extract JSON is free of controls, escapes and bidi overrides.
func TestExtractJSONIsTerminalSafe(t *testing.T) {
	for _, in := range hostileSeeds {
		for _, html := range []bool{false, true} {
			out := extractJSON(t, in, html)
			if out == nil {
				continue
			}
			var v any
			if err := json.Unmarshal(out, &v); err != nil {
				t.Fatal(err)
			}
			checkStrings(t, v, "$")
		}
	}
}

// FuzzExtractJSON is the property above for arbitrary bytes.
func FuzzExtractJSON(f *testing.F) {
	for _, s := range hostileSeeds {
		f.Add(s, false)
		f.Add(s, true)
	}
	f.Fuzz(func(t *testing.T, raw string, html bool) {
		out := extractJSON(t, raw, html)
		if out == nil {
			return
		}
		var v any
		if err := json.Unmarshal(out, &v); err != nil {
			t.Fatal(err)
		}
		checkStrings(t, v, "$")
	})
}
