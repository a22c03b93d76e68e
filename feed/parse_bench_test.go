package feed

import (
	"regexp"
	"testing"
	"time"

	"github.com/sitrep-news/sitrep/bench/refresh/gen"
)

// The same 30 generated items as BenchmarkParse, as Atom 1.0 and as RSS 1.0
// (RDF): the translators and the gated document scan take different paths
// for each (translate.go, scan.go).

var (
	benchPubDate = regexp.MustCompile(`<pubDate>([^<]*)</pubDate>`)
	benchLink    = regexp.MustCompile(`<link>([^<]*)</link>`)
	benchGUID    = regexp.MustCompile(`<guid>([^<]*)</guid>`)
	benchDesc    = regexp.MustCompile(`(?s)<description>(.*?)</description>`)
)

func rfc3339(m []byte, re *regexp.Regexp, tmpl string) []byte {
	t, err := time.Parse(time.RFC1123Z, string(re.FindSubmatch(m)[1]))
	if err != nil {
		panic(err)
	}
	return []byte(regexp.MustCompile(`\$1`).ReplaceAllString(tmpl, t.Format(time.RFC3339)))
}

func benchAtom(id, n int) []byte {
	b := gen.Feed(id, n)
	b = regexp.MustCompile(`<\?xml[^>]*>\s*<rss version="2.0"><channel>`).ReplaceAll(b, []byte(`<feed xmlns="http://www.w3.org/2005/Atom">`))
	b = benchLink.ReplaceAll(b, []byte(`<link rel="alternate" type="text/html" href="$1"/>`))
	b = benchGUID.ReplaceAll(b, []byte(`<id>tag:bench.example,2026:$1</id>`))
	b = benchPubDate.ReplaceAllFunc(b, func(m []byte) []byte { return rfc3339(m, benchPubDate, `<updated>$1</updated>`) })
	b = regexp.MustCompile(`<description>(Generated feed \d+)</description>`).ReplaceAll(b, []byte(`<subtitle>$1</subtitle>`))
	b = benchDesc.ReplaceAll(b, []byte(`<content type="html">$1</content>`))
	b = regexp.MustCompile(`<(/?)item>`).ReplaceAll(b, []byte(`<${1}entry>`))
	return regexp.MustCompile(`</channel></rss>`).ReplaceAll(b, []byte(`</feed>`))
}

func benchRDF(id, n int) []byte {
	b := gen.Feed(id, n)
	b = regexp.MustCompile(`<\?xml[^>]*>\s*<rss version="2.0"><channel>(.*)\n`).ReplaceAll(b,
		[]byte(`<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel rdf:about="https://bench.example/">$1</channel>`+"\n"))
	b = regexp.MustCompile(`<item>(<title>[^<]*</title><link>([^<]*)</link>)<guid>[^<]*</guid>`).ReplaceAll(b, []byte(`<item rdf:about="$2">$1`))
	b = benchPubDate.ReplaceAllFunc(b, func(m []byte) []byte { return rfc3339(m, benchPubDate, `<dc:date>$1</dc:date>`) })
	return regexp.MustCompile(`</channel></rss>`).ReplaceAll(b, []byte(`</rdf:RDF>`))
}

func benchParseDoc(b *testing.B, body []byte, ct string) {
	p, err := Parse(body, ct, "http://127.0.0.1/feed/7.xml")
	if err != nil || len(p.Feed.Items) != benchItems {
		b.Fatalf("bench document: %v", err)
	}
	b.SetBytes(int64(len(body)))
	for b.Loop() {
		if _, err := Parse(body, ct, "http://127.0.0.1/feed/7.xml"); err != nil {
			b.Fatal(err)
		}
	}
	reportPerArticle(b)
}

func BenchmarkParseAtom(b *testing.B) {
	benchParseDoc(b, benchAtom(7, benchItems), "application/atom+xml; charset=utf-8")
}

func BenchmarkParseRDF(b *testing.B) {
	benchParseDoc(b, benchRDF(7, benchItems), "application/rdf+xml; charset=utf-8")
}
