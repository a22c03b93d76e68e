package ui

import (
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"

	"github.com/sitrep-news/sitrep/store"
	"github.com/sitrep-news/sitrep/summarize"
)

// sgrParams lists the SGR parameter strings in s.
var sgrRe = regexp.MustCompile("\x1b\\[([0-9;:]*)m")

func TestQuotesHighlightedNotStruck(t *testing.T) {
	title, text := seedText(t)
	an := seedAnalysis(t, title, text)
	a := store.Article{ID: 1, Title: title, Text: text}
	for _, dark := range []bool{true, false} {
		for _, w := range []int{40, 59, 80, 119} {
			doc, err := renderArticle(newRenderers(), newRenderDoc(renderKey{id: 1, width: w, dark: dark, analysed: true}, a, &an))
			if err != nil {
				t.Fatal(err)
			}
			out := strings.Join(doc.lines, "\n")
			for _, p := range sgrRe.FindAllStringSubmatch(out, -1) {
				for _, f := range strings.Split(p[1], ";") {
					if f == "9" {
						t.Fatalf("w%d: strikethrough (SGR 9) in the output", w)
					}
				}
			}
			amber := "38;5;214"
			if !dark {
				amber = "38;5;130"
			}
			// Every word of each quote is on a highlighted run.
			for _, q := range an.Quotes {
				from, to, ok := findLines(doc.plain, q.Text)
				if !ok {
					t.Fatalf("w%d: quote %q not in the rendering", w, q.Text)
				}
				for i := from; i <= to; i++ {
					if !strings.Contains(doc.lines[i], amber) {
						t.Errorf("w%d dark=%v: quote line %d not highlighted: %q", w, dark, i, doc.lines[i])
					}
				}
			}
			for i, l := range doc.plain {
				if ansi.StringWidth(l) > w {
					t.Errorf("w%d: line %d is %d wide", w, i, ansi.StringWidth(l))
				}
			}
		}
	}
}

func TestMarkdownBodyEscapesContent(t *testing.T) {
	text := "Hostile &#27;]52;c;aGk=&#7; text ~~struck~~ <script>x</script> *bold* [link](http://evil)\n\n" +
		"# not a heading\n\nHe said &#27;[31mRED and quoted text."
	q := strings.Index(text, "quoted text")
	md := markdownBody(text, "", []summarize.Quote{{Text: "quoted text", Start: q, End: q + len("quoted text")}})
	if strings.Count(md, "~~") != 2 || !strings.Contains(md, "~~quoted text~~") {
		t.Errorf("only the quote may be struck: %q", md)
	}
	if strings.Contains(md, "&#27;") || strings.Contains(md, "<script") {
		t.Errorf("entity or tag not escaped: %q", md)
	}
	doc, err := renderArticle(newRenderers(), renderDoc{key: renderKey{width: 60, dark: true}, title: "t", text: text})
	if err != nil {
		t.Fatal(err)
	}
	out := strings.Join(doc.lines, "\n")
	assertOnlySGR(t, out)
	for _, w := range []string{"&#27;]52;c;aGk=&#7;", "<script>x</script>", "# not a heading", "*bold*"} {
		if !strings.Contains(strings.Join(doc.plain, " "), w) {
			t.Errorf("content %q not shown literally", w)
		}
	}
}

// assertOnlySGR fails when s holds any control but SGR sequences and newlines.
func assertOnlySGR(t *testing.T, s string) {
	t.Helper()
	rest := sgrRe.ReplaceAllString(s, "")
	for _, r := range rest {
		if r == '\n' {
			continue
		}
		if r < 0x20 || r == 0x7f || (r >= 0x80 && r <= 0x9f) || (r >= 0x202a && r <= 0x202e) || (r >= 0x2066 && r <= 0x2069) || r == 0x200e || r == 0x200f {
			t.Fatalf("control %U in output: %q", r, s)
		}
	}
}

func TestFindLines(t *testing.T) {
	plain := []string{"  Header", "", "   The peace talks between", "   Afghanistan and “Pakistan” have", "   officially collapsed."}
	f, to, ok := findLines(plain, "peace talks between Afghanistan and Pakistan have officially collapsed")
	if !ok || f != 2 || to != 4 {
		t.Errorf("got %d-%d %v", f, to, ok)
	}
	if _, _, ok := findLines(plain, "nowhere to be found"); ok {
		t.Error("found a missing needle")
	}
	// A long needle whose end differs still lands on its start.
	f, _, ok = findLines(plain, "The peace talks between Afghanistan and someone else entirely")
	if !ok || f != 2 {
		t.Errorf("prefix match: %d %v", f, ok)
	}
}

func TestRelTime(t *testing.T) {
	for _, c := range []struct {
		ago  string
		want string
	}{{"30s", "now"}, {"5m", "5m"}, {"3h", "3h"}, {"49h", "2d"}} {
		d, _ := time.ParseDuration(c.ago)
		if got := relTime(testNow.Add(-d), testNow); got != c.want {
			t.Errorf("%s: %q want %q", c.ago, got, c.want)
		}
	}
	if relTime(testNow.AddDate(-2, 0, 0), testNow) != "2024" {
		t.Error("old year")
	}
}
