package clean

import (
	"strings"
	"syscall"
	"testing"
	"time"
)

// cpuTime is this process's user+system CPU time. Benchmarks report it per
// op besides wall time because the machine is shared: wall time per op grows
// with the load of other processes, CPU time much less.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// loopCPU runs f b.N times and reports CPU ns/op.
func loopCPU(b *testing.B, f func()) {
	start := cpuTime()
	for b.Loop() {
		f()
	}
	b.ReportMetric(float64(cpuTime()-start)/float64(b.N), "cpu-ns/op")
}

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
	loopCPU(b, func() { c.HTML("Talks collapse &amp;amp; ceasefire holds", in, "https://news.example/a/1") })
}

// BenchmarkHTML5KPlain is a 5 KB item without mojibake, the common case.
func BenchmarkHTML5KPlain(b *testing.B) {
	c, _ := New(nil)
	in := strings.ReplaceAll(item5K(), "ErdoÄŸan", "Erdoğan")
	b.SetBytes(int64(len(in)))
	b.ReportAllocs()
	loopCPU(b, func() { c.HTML("Talks collapse", in, "https://news.example/a/1") })
}

func BenchmarkPage(b *testing.B) {
	pages := loadPages(b, "pages", 8)
	c, _ := New(nil)
	b.ReportAllocs()
	i := 0
	loopCPU(b, func() {
		pg := pages[i%len(pages)]
		i++
		_, _ = c.Page(pg.html, "https://news.example/a")
	})
}

func BenchmarkSeedText(b *testing.B) {
	raw, _ := loadSeed(b)
	c, _ := New(nil)
	b.SetBytes(int64(len(raw)))
	b.ReportAllocs()
	loopCPU(b, func() { c.Text("", raw) })
}

func BenchmarkSafe(b *testing.B) {
	s := strings.Repeat("Plain text with “quotes” and \x1b[31mcolour\x1b[0m. ", 100)
	b.SetBytes(int64(len(s)))
	b.ReportAllocs()
	loopCPU(b, func() { Safe(s) })
}

func BenchmarkRepairClean(b *testing.B) {
	s := strings.Repeat("Ordinary text with “quotes” — dashes and café. ", 100)
	b.SetBytes(int64(len(s)))
	b.ReportAllocs()
	loopCPU(b, func() { Repair(s) })
}
