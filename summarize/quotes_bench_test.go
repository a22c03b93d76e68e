package summarize

import (
	"strings"
	"testing"
)

// benchArticle builds an article of about n bytes from varied wire-style
// paragraphs (quotes, roles, places), so the benchmarks show how the cost
// grows with length.
func benchArticle(n int) string {
	paras := []string{
		"Pakistani Defence Minister Khawaja Muhammad Asif said on Friday that the talks in Istanbul had failed, blaming Afghanistan’s “unwillingness to take concrete steps” against militant groups.",
		"“We have not violated the ceasefire and have continued to observe it in good faith,” Taliban spokesperson Zabihullah Mujahid said, stressing that Kabul could not agree to “unrealistic” conditions.",
		"The talks were mediated by Turkey, with President Recep Tayyip Erdoğan expressing “deep disappointment” over the stalemate. “Dialogue is the only path to lasting peace,” his office said in a statement.",
		"UN Secretary-General Antonio Guterres urged restraint. The U.N. Security Council met in New York on Monday at 10 a.m. as clashes continued along the Durand Line and in Gaza.",
		"“We found three mass graves,” officials in Darfur told reporters. The Rapid Support Forces (RSF) denied the report, and Sudan’s army chief Abdel Fattah al-Burhan vowed “total victory”.",
		"Ukrainian President Volodymyr Zelenskiy met NATO leaders in Brussels. “Russia must be forced into peace,” he said, adding that Kyiv needed more air defence systems.",
	}
	var b strings.Builder
	for i := 0; b.Len() < n; i++ {
		if b.Len() > 0 {
			b.WriteString("\n\n")
		}
		b.WriteString(paras[i%len(paras)])
	}
	return b.String()
}

var benchSizes = []struct {
	name string
	n    int
}{{"1KB", 1 << 10}, {"5KB", 5 << 10}, {"50KB", 50 << 10}}

func BenchmarkSplitSentences(b *testing.B) {
	for _, s := range benchSizes {
		text := benchArticle(s.n)
		b.Run(s.name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(text)))
			for b.Loop() {
				splitSentences(text)
			}
		})
	}
}

func BenchmarkFindEntities(b *testing.B) {
	for _, s := range benchSizes {
		text := benchArticle(s.n)
		sents := splitSentences(text)
		b.Run(s.name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(text)))
			for b.Loop() {
				findEntities(text, sents)
			}
		})
	}
}

func BenchmarkFindQuotes(b *testing.B) {
	for _, s := range benchSizes {
		text := benchArticle(s.n)
		sents := splitSentences(text)
		ments, _ := findEntities(text, sents)
		b.Run(s.name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(text)))
			for b.Loop() {
				findQuotes(text, sents, ments)
			}
		})
	}
}
