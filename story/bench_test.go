package story

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"
)

// synthetic builds n articles about n/4 stories from a fixed vocabulary, so
// the index holds realistic posting-list sizes.
func synthetic(n int) []Signature {
	r := rand.New(rand.NewPCG(1, 2))
	places := []string{"Kabul", "Islamabad", "Khartoum", "Gaza", "Kyiv", "Kharkiv", "Nairobi", "Dhaka", "Bamako", "Tehran", "Belgrade", "Mogadishu", "Delhi", "Ankara", "Baku", "Yerevan"}
	words := strings.Fields("talks ceasefire army forces border attack aid convoy election vote protest police arrested rate inflation bank flood quake rescue minister officials city region troops militants killed wounded agreement sanctions drones missiles trucks camps hunger")
	base := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	out := make([]Signature, n)
	for i := range out {
		story := i / 4
		var b strings.Builder
		for j := 0; j < 120; j++ {
			if j%10 == 0 {
				fmt.Fprintf(&b, "Name%d ", story*3+j%3)
			}
			b.WriteString(words[r.IntN(len(words))])
			b.WriteByte(' ')
		}
		out[i] = Sign(Doc{
			Title:     fmt.Sprintf("%s story %d", places[story%len(places)], story),
			Text:      b.String(),
			Published: base.Add(time.Duration(i) * 3 * time.Minute),
			Entities:  []string{places[story%len(places)], fmt.Sprintf("Person %d", story)},
			Events:    []string{"CONSULT"},
		})
	}
	return out
}

// BenchmarkAddAt100k measures one incremental assignment with 100,000
// articles already indexed.
func BenchmarkAddAt100k(b *testing.B) {
	sigs := synthetic(100_000 + 1000)
	ix := NewIndex(Options{})
	for i, s := range sigs[:100_000] {
		ix.Add(int64(i+1), s)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		s := sigs[100_000+i%1000]
		ix.Add(int64(200_000+i), s)
	}
}

func BenchmarkSign(b *testing.B) {
	text := strings.Repeat("Pakistani Defence Minister Khawaja Asif said talks in Istanbul had failed. ", 60)
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		Sign(Doc{Title: "Talks fail", Text: text})
	}
}
