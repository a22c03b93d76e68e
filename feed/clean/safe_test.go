package clean

import (
	"encoding/json"
	"math/rand"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestSafe(t *testing.T) {
	cases := []struct{ name, in, want string }{
		{"plain", "hello\tworld\n", "hello\tworld\n"},
		{"csi colour", "a\x1b[31mred\x1b[0m b", "ared b"},
		{"csi cursor", "x\x1b[2J\x1b[1;1Hy", "xy"},
		{"osc title bel", "a\x1b]0;pwned\x07b", "ab"},
		{"osc 52 st", "a\x1b]52;c;aGVsbG8=\x1b\\b", "ab"},
		{"osc 8 link", "\x1b]8;;https://evil.example\x1b\\click\x1b]8;;\x1b\\", "click"},
		{"dcs", "a\x1bP1$qm\x1b\\b", "ab"},
		{"apc", "a\x1b_Gf=100;AAAA\x1b\\b", "ab"},
		{"c1 csi", "a\u009b31mb", "ab"},
		{"c1 osc", "a\u009d52;c;x\u009cb", "ab"},
		{"unterminated osc keeps text inert", "a\x1b]52;c;x", "a52;c;x"},
		{"lone esc", "a\x1b", "a"},
		{"cr overwrite", "safe\rEVIL", "safe\nEVIL"},
		{"crlf", "a\r\nb", "a\nb"},
		{"c0 and del", "a\x00\x07\x08\x7fb", "ab"},
		{"bidi override", "file\u202egnp.exe", "filegnp.exe"},
		{"bidi isolates", "\u2066a\u2069 \u200fb", "a b"},
		{"zero width", "pay\u200bpal\ufeff", "paypal"},
		{"zwnj in latin spoof", "pay\u200cpal", "paypal"},
		{"zwnj in persian kept", "می\u200cخواهم", "می\u200cخواهم"},
		{"arabic kept", "عيد سعيد", "عيد سعيد"},
		{"hebrew kept", "שלום עולם", "שלום עולם"},
		{"urdu kept", "پاکستان زندہ باد", "پاکستان زندہ باد"},
		{"combining kept", "e\u0301 n\u0303", "e\u0301 n\u0303"},
		{"emoji zwj kept", "👨\u200d👩\u200d👧", "👨\u200d👩\u200d👧"},
		{"invalid utf8", "a\xffb", "a\ufffdb"},
		{"soft hyphen", "co\u00adop", "coop"},
		{"line separator", "a\u2028b", "a\nb"},
		{"tag chars", "a\U000E0041b", "ab"},
	}
	for _, c := range cases {
		if got := Safe(c.in); got != c.want {
			t.Errorf("%s: Safe(%q) = %q, want %q", c.name, c.in, got, c.want)
		}
	}
}

func TestKeepSGR(t *testing.T) {
	in := "\x1b[38;5;214;1mbold\x1b[0m \x1b]8;;https://x.example\x1b\\link\x1b]8;;\x1b\\ \x1b]52;c;eA==\x07\x1b[2J\u009b1m\r\n\ttab\u202e"
	want := "\x1b[38;5;214;1mbold\x1b[0m link \n\ttab"
	if got := KeepSGR(in); got != want {
		t.Errorf("KeepSGR = %q, want %q", got, want)
	}
}

func TestMarkdownText(t *testing.T) {
	if got := MarkdownText("a &#27; <b> & c"); got != "a &amp;#27; &lt;b> &amp; c" {
		t.Errorf("MarkdownText = %q", got)
	}
}

func TestIsSafeURL(t *testing.T) {
	for u, want := range map[string]bool{
		"https://example.com/a?b=c": true,
		"http://example.com":        true,
		"HTTPS://EXAMPLE.COM/":      true,
		"javascript:alert(1)":       false,
		"data:text/html,x":          false,
		"file:///etc/passwd":        false,
		"https:///nohost":           false,
		"/relative":                 false,
		"https://a.example/\x1b]52": false,
		"https://a.example/ x":      false,
		"":                          false,
	} {
		if got := IsSafeURL(u); got != want {
			t.Errorf("IsSafeURL(%q) = %v, want %v", u, got, want)
		}
	}
}

// adversarial payloads: raw bytes and as entities, as every layer may decode
// them.
var adversarial = []string{
	"\x1b[31m", "\x1b]52;c;aGk=\x07", "\x1b]8;;https://evil.example\x1b\\x\x1b]8;;\x1b\\",
	"\x1bP+q\x1b\\", "\x1b_x\x1b\\", "\x1b^x\x1b\\", "\x1bX\x1b\\", "\u009b2J", "\u009d0;t\u009c",
	"&#27;[2J", "&#x1b;]52;c;x&#7;", "&amp;#27;[31m", "&#155;31m", "&#x9d;0;t", "&#13;", "\r", "\x00",
	"\u202e", "\u2066", "&#x202e;", "\u200b", "\x7f", "&#127;", "\u0085", "&#133;", "&#x85;",
	"<script>alert(1)</script>", "<a href='javascript:x'>j</a>", "<img src=x onerror=alert(1)>",
	"<code>&#27;]0;t&#7;</code>", "<del>&#27;[5m</del>", "~~&#27;[31m~~", "`&#27;`", "\xff\xfe", "\xc2\x9b",
	"Ã\u0083\u009b", "â€\u009d",
}

// checkTerminalSafe fails if s holds a byte < 0x20 other than \n and \t, DEL,
// a C1 code point or a bidi control.
func checkTerminalSafe(t *testing.T, what, in, s string) {
	t.Helper()
	if !utf8.ValidString(s) {
		t.Fatalf("%s(%q): invalid UTF-8 %q", what, in, s)
	}
	for _, r := range s {
		if (r < 0x20 && r != '\n' && r != '\t') || r == 0x7f || (r >= 0x80 && r <= 0x9f) || IsBidiControl(r) {
			t.Fatalf("%s(%q): unsafe %U in %q", what, in, r, s)
		}
	}
}

// randomInput mixes random bytes with adversarial payloads and markup.
func randomInput(rng *rand.Rand) string {
	var b strings.Builder
	for n := rng.Intn(12); n >= 0; n-- {
		switch rng.Intn(4) {
		case 0:
			buf := make([]byte, rng.Intn(16))
			rng.Read(buf)
			b.Write(buf)
		case 1:
			b.WriteString(adversarial[rng.Intn(len(adversarial))])
		case 2:
			b.WriteString([]string{"<p>", "</p>", "<h2>", "<li>", "<ul>", "<pre>", "<br>", "\n\n", " words here ", "ErdoÄŸan", "<a href=\"https://x.example/\">", "</a>", "<em>"}[rng.Intn(13)])
		default:
			b.WriteRune(rune(rng.Intn(0x3000)))
		}
	}
	return b.String()
}

// TestTerminalSafetyProperty: whatever goes in, nothing that can act on a
// terminal comes out of Safe, Title, HTML, Text or Page.
func TestTerminalSafetyProperty(t *testing.T) {
	c, err := New(nil)
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewSource(42))
	inputs := append([]string(nil), adversarial...)
	for i := 0; i < 1000; i++ {
		inputs = append(inputs, randomInput(rng))
	}
	for _, in := range inputs {
		checkTerminalSafe(t, "Safe", in, Safe(in))
		checkTerminalSafe(t, "Title", in, Title(in))
		if s := Safe(in); Safe(s) != s {
			t.Fatalf("Safe not idempotent on %q", in)
		}
		for name, a := range map[string]Article{"HTML": c.HTML(in, in, "https://x.example/"), "Text": c.Text("", in)} {
			checkTerminalSafe(t, name+".Title", in, a.Title)
			checkTerminalSafe(t, name+".Text", in, a.Text)
			checkTerminalSafe(t, name+".Markdown", in, a.Markdown)
			// The only entities in Markdown are our own escapes.
			if rest := strings.NewReplacer("&amp;", "", "&lt;", "", "&#126;", "").Replace(a.Markdown); entityRE.MatchString(rest) {
				t.Fatalf("%s: live entity in Markdown %q", name, a.Markdown)
			}
		}
	}
	for _, in := range inputs[:100] {
		page := "<html><head><title>" + in + "</title></head><body><article><p>" + in + strings.Repeat(" text of the story.", 40) + "</p><p>" + in + "</p></article></body></html>"
		a, _ := c.Page([]byte(page), "https://x.example/a")
		checkTerminalSafe(t, "Page.Title", in, a.Title)
		checkTerminalSafe(t, "Page.Text", in, a.Text)
		checkTerminalSafe(t, "Page.Markdown", in, a.Markdown)
	}
}

func FuzzSafe(f *testing.F) {
	for _, s := range adversarial {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		out := Safe(in)
		checkTerminalSafe(t, "Safe", in, out)
		if Safe(out) != out {
			t.Fatalf("Safe not idempotent: %q -> %q -> %q", in, out, Safe(out))
		}
		checkTerminalSafe(t, "KeepSGR", in, strings.ReplaceAll(stripSGR(KeepSGR(in)), "\x1b", ""))
	})
}

// stripSGR removes the SGR sequences KeepSGR is allowed to keep.
func stripSGR(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == 0x1b && i+1 < len(s) && s[i+1] == '[' {
			j := skipCSI(s, i+2)
			if isSGR(s[i:j]) {
				i = j - 1
				continue
			}
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

func FuzzClean(f *testing.F) {
	for _, s := range adversarial {
		f.Add(s)
	}
	f.Add("<p>Rock &amp;amp; Roll</p><ul><li><a href=\"/x\">link</a></li></ul>")
	// Seeds from the shared corpora and our pages, when present.
	if data, err := os.ReadFile(filepath.Join(sharedDir, "corpora", "ftfy-dev.json")); err == nil {
		var doc struct {
			Cases []ftfyCase `json:"cases"`
		}
		if json.Unmarshal(data, &doc) == nil {
			for _, c := range doc.Cases {
				f.Add(c.Original)
			}
		}
	}
	if raw, err := os.ReadFile(filepath.Join(sharedDir, "fixtures", "seed-article.txt")); err == nil {
		f.Add(string(raw))
	}
	pages, _ := filepath.Glob(filepath.Join("testdata", "pages*", "*.html"))
	for _, p := range pages {
		if h, err := os.ReadFile(p); err == nil {
			f.Add(string(h))
		}
	}
	f.Add("Title line\n\nParagraph with ErdoÄŸan “quotes”.\n\nAccept !")
	c, err := New(nil)
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, in string) {
		arts := map[string]Article{"HTML": c.HTML(in, in, "https://x.example/"), "Text": c.Text("", in)}
		if len(in) < 64<<10 {
			arts["Page"], _ = c.Page([]byte(in), "https://x.example/a")
		}
		for name, a := range arts {
			checkTerminalSafe(t, name+".Title", in, a.Title)
			checkTerminalSafe(t, name+".Text", in, a.Text)
			checkTerminalSafe(t, name+".Markdown", in, a.Markdown)
			if strings.Contains(a.Text, "\n\n\n") {
				t.Fatalf("%s: more than one blank line in %q", name, a.Text)
			}
		}
	})
}
