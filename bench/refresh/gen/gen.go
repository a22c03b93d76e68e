// Package gen generates the benchmark's feeds: deterministic RSS 2.0
// documents of n items with about 3 KB of HTML each, every item distinct
// (so no store deduplication by content hides work).
package gen

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"time"
)

var words = []string{
	"ceasefire", "talks", "delegation", "minister", "capital", "border", "province", "agreement",
	"mediator", "officials", "said", "on", "Monday", "the", "of", "and", "in", "to", "a", "was",
	"humanitarian", "convoy", "reached", "city", "after", "weeks", "negotiations", "resumed",
	"parliament", "vote", "election", "commission", "report", "casualties", "shelling", "overnight",
	"residents", "aid", "agencies", "warned", "that", "prices", "rose", "sharply", "market",
}

// Feed returns feed number id with n items.
func Feed(id, n int) []byte {
	r := rand.New(rand.NewPCG(uint64(id), 42))
	var b bytes.Buffer
	b.Grow(n * 3300)
	fmt.Fprintf(&b, `<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Bench desk %d</title><link>https://desk%d.example/</link><description>Generated feed %d</description>
`, id, id, id)
	base := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	for i := range n {
		fmt.Fprintf(&b, "<item><title>Desk %d story %d: %s %s %s</title><link>https://desk%d.example/story/%d</link><guid>desk%d-%d</guid><pubDate>%s</pubDate><description><![CDATA[",
			id, i, words[r.IntN(len(words))], words[r.IntN(len(words))], words[r.IntN(len(words))],
			id, i, id, i, base.Add(-time.Duration(i)*time.Hour).Format(time.RFC1123Z))
		for p := 0; b.Len() < (i+1)*3300+200 && p < 40; p++ {
			b.WriteString("<p>")
			for w := 0; w < 40; w++ {
				if w > 0 {
					b.WriteByte(' ')
				}
				b.WriteString(words[r.IntN(len(words))])
			}
			fmt.Fprintf(&b, ` (desk %d, story %d, paragraph %d).</p>`, id, i, p)
		}
		b.WriteString("]]></description></item>\n")
	}
	b.WriteString("</channel></rss>\n")
	return b.Bytes()
}
