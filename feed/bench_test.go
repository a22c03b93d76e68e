package feed

import (
	"bytes"
	"testing"

	"github.com/mmcdole/gofeed"
	"github.com/sitrep-news/sitrep/bench/refresh/gen"
)

// CPU per article: sitrep's pre-pass + parse (+ cleaning into store items)
// against a bare gofeed parse of the same bytes (bench/refresh's feeds:
// 30 items of ~3 KB HTML). Run: go test -run '^$' -bench . -benchtime 2s ./feed/

const benchItems = 30

func reportPerArticle(b *testing.B) {
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/benchItems/1000, "µs/article")
}

func BenchmarkGofeedBare(b *testing.B) {
	body := gen.Feed(7, benchItems)
	b.SetBytes(int64(len(body)))
	for b.Loop() {
		if _, err := gofeed.NewParser().Parse(bytes.NewReader(body)); err != nil {
			b.Fatal(err)
		}
	}
	reportPerArticle(b)
}

func BenchmarkParse(b *testing.B) {
	body := gen.Feed(7, benchItems)
	b.SetBytes(int64(len(body)))
	for b.Loop() {
		if _, err := Parse(body, "application/rss+xml; charset=utf-8", "http://127.0.0.1/feed/7.xml"); err != nil {
			b.Fatal(err)
		}
	}
	reportPerArticle(b)
}

func BenchmarkParseAndClean(b *testing.B) {
	body := gen.Feed(7, benchItems)
	c := mustCleaner(b)
	b.SetBytes(int64(len(body)))
	for b.Loop() {
		p, err := Parse(body, "application/rss+xml; charset=utf-8", "http://127.0.0.1/feed/7.xml")
		if err != nil {
			b.Fatal(err)
		}
		if len(Items(p, c)) != benchItems {
			b.Fatal("items lost")
		}
	}
	reportPerArticle(b)
}

func BenchmarkRepairXML(b *testing.B) {
	body := gen.Feed(7, benchItems)
	b.SetBytes(int64(len(body)))
	for b.Loop() {
		if _, _, err := repairXML(body); err != nil {
			b.Fatal(err)
		}
	}
}
