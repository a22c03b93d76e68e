package summarize

import (
	"testing"
	"unicode/utf8"
)

// FuzzFindQuotes checks that entity and quote offsets always slice the text
// to what they report, and nothing panics.
func FuzzFindQuotes(f *testing.F) {
	for _, s := range []string{
		"“We will,” said Gen. Ahmed Ali, a spokesman. “No.\n\n“Yes,” he said.",
		`"x" said Y, "z`, "‘a’ ’ “ ” « » „", "Mr. Asif said. President X Y said “a”.",
		"Tehrik-i-Taliban Pakistan (TTP) and the Baloch Liberation Army (BLA); BLA.",
		"\"\"\"\n\n\"", "Ā “ā” Ā, Ā said", "Von der Leyen, who said, \"x,\" y said, \"z.\"",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		sents := splitSentences(text)
		ments, ents := findEntities(text, sents)
		prev := -1
		for _, m := range ments {
			if m.Start < 0 || m.End > len(text) || m.Start >= m.End || m.Start < prev {
				t.Fatalf("bad mention %+v (len %d)", m, len(text))
			}
			if utf8.ValidString(text) && (!utf8.RuneStart(text[m.Start]) || m.End < len(text) && !utf8.RuneStart(text[m.End])) {
				t.Fatalf("mention %+v not on rune boundaries", m)
			}
			prev = m.Start
		}
		if len(ents) > len(ments) {
			t.Fatalf("%d entities from %d mentions", len(ents), len(ments))
		}
		for _, q := range findQuotes(text, sents, ments) {
			if q.Start < 0 || q.End > len(text) || q.Start >= q.End || text[q.Start:q.End] != q.Text {
				t.Fatalf("bad quote %+v", q)
			}
		}
	})
}
