package summarize

import (
	"strings"
	"testing"
)

// benchInput builds an article of about size bytes from the seed article's
// paragraphs (repeated as needed), so the cost per kilobyte can be compared.
func benchInput(b *testing.B, size int) Input {
	in, _ := loadSeed(b)
	paras := strings.Split(in.Text, "\n\n")
	var sb strings.Builder
	for i := 0; sb.Len() < size; i++ {
		if sb.Len() > 0 {
			sb.WriteString("\n\n")
		}
		sb.WriteString(paras[i%len(paras)])
	}
	in.Text = sb.String()
	return in
}

func benchAnalyze(b *testing.B, size int) {
	in := benchInput(b, size)
	b.SetBytes(int64(len(in.Text)))
	b.ReportAllocs()
	b.ResetTimer()
	cpu := processCPU()
	n := 0
	for b.Loop() {
		Analyze(in)
		n++
	}
	if c := processCPU() - cpu; c > 0 && n > 0 {
		b.ReportMetric(float64(c.Nanoseconds())/float64(n), "cpu-ns/op")
	}
}

// go test ./summarize -run '^$' -bench Analyze -benchmem -benchtime 2s
// cpu-ns/op is the process CPU time per op, steadier than ns/op when the
// machine is shared.
func BenchmarkAnalyze1KB(b *testing.B)  { benchAnalyze(b, 1<<10) }
func BenchmarkAnalyze5KB(b *testing.B)  { benchAnalyze(b, 5<<10) }
func BenchmarkAnalyze50KB(b *testing.B) { benchAnalyze(b, 50<<10) }

// BenchmarkAnalyzeLongSentence guards against quadratic work inside one
// sentence: 25 KB without a full stop, dense with triggers and names.
func BenchmarkAnalyzeLongSentence(b *testing.B) {
	text := strings.Repeat("troops agreed not to fight and talks between Iran and Iraq collapsed ", 400)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		Analyze(Input{Text: text})
	}
}
