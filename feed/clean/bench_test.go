package clean

import (
	"strings"
	"testing"
)

// item5K is a realistic 5 KB feed item: paragraphs with links, emphasis, a
// list, a figure, curly quotes, one mojibake name and a share line.
func item5K() string {
	var b strings.Builder
	b.WriteString(`<figure><img src="/img/talks.jpg" alt="Delegations in Istanbul"><figcaption>Photo: Reuters</figcaption></figure>`)
	para := `<p>The peace talks between <a href="/tag/afghanistan">Afghanistan</a> and Pakistan have <em>officially</em> collapsed, despite both sides agreeing to maintain the existing ceasefire, officials confirmed on Saturday. “We have not violated the ceasefire,” the spokesperson said, while President ErdoÄŸan urged both sides to keep talking.</p>`
	for b.Len() < 4600 {
		b.WriteString(para)
	}
	b.WriteString(`<ul><li>Talks: collapsed</li><li>Ceasefire: holding</li></ul><p>Share this article</p>`)
	return b.String()
}

func BenchmarkHTML5K(b *testing.B) {
	c, err := New(nil)
	if err != nil {
		b.Fatal(err)
	}
	in := item5K()
	b.SetBytes(int64(len(in)))
	b.ReportAllocs()
	for b.Loop() {
		c.HTML("Talks collapse &amp;amp; ceasefire holds", in, "https://news.example/a/1")
	}
}

func BenchmarkSeedText(b *testing.B) {
	raw, _ := loadSeed(b)
	c, _ := New(nil)
	b.SetBytes(int64(len(raw)))
	b.ReportAllocs()
	for b.Loop() {
		c.Text("", raw)
	}
}

func BenchmarkSafe(b *testing.B) {
	s := strings.Repeat("Plain text with “quotes” and \x1b[31mcolour\x1b[0m. ", 100)
	b.SetBytes(int64(len(s)))
	b.ReportAllocs()
	for b.Loop() {
		Safe(s)
	}
}

func BenchmarkRepairClean(b *testing.B) {
	s := strings.Repeat("Ordinary text with “quotes” — dashes and café. ", 100)
	b.SetBytes(int64(len(s)))
	b.ReportAllocs()
	for b.Loop() {
		Repair(s)
	}
}
